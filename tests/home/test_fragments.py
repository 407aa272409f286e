"""Parts of pages kept between requests (home/fragments.py), and thrown away with the page cache.

Each test asks for a page twice, so that the second answer is made of what the first kept (the
site and its home page, the menus and footer, cards, stream fields), changes something as an
editor would, and asks again: the change must show at once. The page cache stays off, as in
the other tests: every page here is rendered.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.images.rect import Rect
from wagtail.models import Site

from home import fragments
from home.caching import current_generation, pages_changed
from home.models import NavigationSettings, SiteSettings
from tests.factories import (
    EventPageFactory,
    HomePageFactory,
    MemberFactory,
    NewsPageFactory,
    ResourcePageFactory,
    SiteImageFactory,
    StandardPageFactory,
    TopicFactory,
    make_private,
    paragraph,
    publish_changes,
)

pytestmark = pytest.mark.django_db


def linking_paragraph(page):
    return [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{page.pk}">{page.title}</a>.</p>',
        }
    ]


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def menu(*pages_and_texts):
    return [("link", {"page": page, "url": "", "text": words}) for page, words in pages_and_texts]


def test_the_second_request_reads_the_site_menus_and_footer_from_the_cache(
    client, standard_page, settings
):
    client.get(standard_page.url)
    kept = queries_for(client, standard_page.url)

    settings.FRAGMENT_CACHE_SECONDS = 0
    without = queries_for(client, standard_page.url)

    assert kept < without


def test_with_the_cache_unavailable_a_page_asks_no_more_than_with_nothing_kept(
    client, news_index, settings, monkeypatch
):
    story = NewsPageFactory(parent=news_index)
    client.get(story.url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    nothing_kept = queries_for(client, story.url)
    settings.FRAGMENT_CACHE_SECONDS = 600

    monkeypatch.setattr(fragments, "current_generation", lambda: None)

    assert queries_for(client, story.url) == nothing_kept


def test_a_changed_menu_shows_at_once(client, standard_page, news_index):
    navigation = NavigationSettings.load()
    navigation.main_menu = menu((news_index, "What's new"))
    navigation.save()
    assert "What&#x27;s new" in text(client.get(standard_page.url))

    navigation.main_menu = menu((news_index, "Latest from the group"))
    navigation.save()

    page = text(client.get(standard_page.url))
    assert "Latest from the group" in page
    assert "What&#x27;s new" not in page


def test_a_page_added_to_the_menu_shows_at_once(client, standard_page, news_index):
    assert ">Newsroom<" not in text(client.get(standard_page.url))
    text(client.get(standard_page.url))

    publish_changes(news_index, title="Newsroom", show_in_menus=True)

    assert ">Newsroom</a>" in text(client.get(standard_page.url))


def test_a_menu_page_unpublished_leaves_the_menu_at_once(client, standard_page, home_page):
    section = StandardPageFactory(parent=home_page, title="Working groups", show_in_menus=True)
    assert "Working groups" in text(client.get(standard_page.url))

    section.unpublish()

    assert "Working groups" not in text(client.get(standard_page.url))


def test_a_menu_page_made_private_leaves_the_menu_at_once(client, standard_page, home_page):
    section = StandardPageFactory(parent=home_page, title="Working groups", show_in_menus=True)
    assert "Working groups" in text(client.get(standard_page.url))

    make_private(section)

    assert "Working groups" not in text(client.get(standard_page.url))


def test_the_current_section_is_marked_on_each_page_from_the_same_kept_menu(
    client, home_page, news_index
):
    about = StandardPageFactory(parent=home_page, title="About us", slug="about-us")
    navigation = NavigationSettings.load()
    navigation.main_menu = menu((news_index, "News"), (about, "About us"))
    navigation.save()

    on_news = text(client.get(news_index.url))
    on_about = text(client.get(about.url))

    assert f'href="{news_index.url}" aria-current="page">News<' in on_news
    assert f'href="{about.url}" aria-current="page">About us<' not in on_news
    assert f'href="{about.url}" aria-current="page">About us<' in on_about
    assert f'href="{news_index.url}" aria-current="page">News<' not in on_about


def test_a_changed_footer_shows_at_once(client, standard_page):
    assert "Buying ICT fairly" not in text(client.get(standard_page.url))

    footer = SiteSettings.load()
    footer.footer_text = "Buying ICT fairly since 2017."
    footer.save()

    assert "Buying ICT fairly since 2017." in text(client.get(standard_page.url))


def test_a_published_home_page_shows_at_once(client, home_page):
    text(client.get("/"))

    publish_changes(home_page, hero_heading="Buyers for fair ICT")

    assert "Buyers for fair ICT" in text(client.get("/"))


def test_a_site_given_another_root_page_answers_from_it_at_once(client, site_tree, home_page):
    other_home = HomePageFactory(
        parent=home_page.get_parent(), slug="second", hero_heading="A second home"
    )
    text(client.get("/"))

    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()

    assert "A second home" in text(client.get("/"))


def test_each_host_name_has_its_own_site(client, site_tree, home_page):
    second_home = HomePageFactory(
        parent=home_page.get_parent(), slug="other", hero_heading="The other site"
    )
    Site.objects.create(hostname="other.example", port=80, root_page=second_home)

    assert "The other site" not in text(client.get("/", HTTP_HOST="localhost"))
    assert "The other site" in text(client.get("/", HTTP_HOST="other.example"))
    assert "The other site" not in text(client.get("/", HTTP_HOST="localhost"))


def kept(prefix):
    """What the cache holds under keys starting with ``prefix``."""
    return [
        cache.get(key.split(":", 2)[2])
        for key in list(cache._cache)
        if key.split(":", 2)[2].startswith(prefix)
    ]


def test_a_private_home_page_is_not_kept_only_its_site(client, home_page):
    make_private(home_page)
    client.force_login(MemberFactory().user)

    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200

    sites = kept("fragment:site:")
    assert sites
    assert all("root_page" not in site._state.fields_cache for site in sites)


def test_nothing_is_kept_when_turned_off(client, standard_page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0

    client.get(standard_page.url)

    assert not kept("fragment:")


def test_a_change_made_by_the_request_itself_is_read_with_a_new_generation():
    before = current_generation()

    pages_changed()

    assert current_generation() != before


def test_keys_differ_with_the_code_version(monkeypatch):
    first = fragments._key("cards", (1,), 7)
    monkeypatch.setattr(fragments, "code_version", lambda: "another-release")

    assert fragments._key("cards", (1,), 7) != first


# --- cards


@pytest.fixture
def news_item(news_index):
    return NewsPageFactory(
        parent=news_index,
        title="Cities sign the fair ICT pledge",
        introduction="Buyers commit to fair supply chains.",
        tags=["fair ict"],
    )


def test_a_published_change_shows_at_once_on_every_card_of_the_page(client, news_item, news_index):
    urls = [news_index.url, "/", "/tags/fair-ict/"]
    for url in urls:
        assert "Cities sign the fair ICT pledge" in text(client.get(url)), url
        text(client.get(url))

    publish_changes(news_item, title="Cities renew the fair ICT pledge")

    for url in urls:
        page = text(client.get(url))
        assert "Cities renew the fair ICT pledge" in page, url
        assert "Cities sign the fair ICT pledge" not in page, url


def test_an_unpublished_page_loses_its_cards_at_once(client, news_item, news_index):
    for url in [news_index.url, "/tags/fair-ict/", news_index.url]:
        text(client.get(url))

    news_item.unpublish()

    assert news_item.title not in text(client.get(news_index.url))


def card_image(page):
    return re.search(r'<div class="card__image"><img[^>]* src="([^"]+)"', page).group(1)


def test_an_image_given_a_focal_point_is_cropped_anew_on_the_cards_at_once(client, news_index):
    image = SiteImageFactory(description="A buyer at a market stall")
    NewsPageFactory(parent=news_index, listing_image=image, title="At the fair")
    before = card_image(text(client.get(news_index.url)))
    assert card_image(text(client.get(news_index.url))) == before

    image.set_focal_point(Rect(0, 0, 20, 20))
    image.save()

    assert card_image(text(client.get(news_index.url))) != before


def test_a_card_is_kept_for_each_way_a_list_draws_it(client, news_item, news_index):
    # The tag page labels each card with its type; the news index does not.
    text(client.get(news_index.url))

    tag_page = text(client.get("/tags/fair-ict/"))
    index = text(client.get(news_index.url))

    assert '<p class="card__type">News</p>' in tag_page
    assert '<p class="card__type">News</p>' not in index


def test_a_card_is_drawn_as_before(client, news_item, news_index, settings):
    kept = [text(client.get(news_index.url)) for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0

    assert kept[0] == kept[1] == text(client.get(news_index.url))


def test_the_card_of_a_private_page_is_never_kept(rf, news_item, home_page):
    make_private(news_item)
    request = rf.get("/")
    template = Template(
        "{% load card_tags %}{% cards items as c %}{% for x in c %}{{ x }}{% endfor %}"
    )

    html = template.render(Context({"items": [news_item], "request": request}))

    assert news_item.title in html
    assert not kept("fragment:card:")


# --- a page's stream fields and what is listed with them ({% kept %})


def test_a_published_body_shows_at_once(client, news_item):
    text(client.get(news_item.url))
    text(client.get(news_item.url))

    publish_changes(news_item, body=paragraph("Forty cities have now signed."))

    assert "Forty cities have now signed." in text(client.get(news_item.url))


def test_a_linked_page_moved_elsewhere_is_linked_at_its_new_address_at_once(
    client, news_index, event_index
):
    event = EventPageFactory(parent=event_index, title="Fair ICT market", slug="fair-ict-market")
    story = NewsPageFactory(parent=news_index, body=linking_paragraph(event))
    assert 'href="/events/fair-ict-market/"' in text(client.get(story.url))
    text(client.get(story.url))

    publish_changes(event, slug="fair-ict-market-2026")

    assert 'href="/events/fair-ict-market-2026/"' in text(client.get(story.url))


def test_a_renamed_tag_shows_at_once_on_the_pages_carrying_it(client, news_item):
    assert "fair ict" in text(client.get(news_item.url))
    text(client.get(news_item.url))

    tag = Tag.objects.get(name="fair ict")
    tag.name = "Fair ICT"
    tag.save()

    assert ">Fair ICT</a>" in text(client.get(news_item.url))


def test_a_new_resource_from_an_event_shows_on_the_event_at_once(
    client, event_index, resource_index
):
    event = EventPageFactory(parent=event_index)
    text(client.get(event.url))
    text(client.get(event.url))

    ResourcePageFactory(parent=resource_index, title="Slides of the market", source_event=event)

    assert "Slides of the market" in text(client.get(event.url))


def test_a_preview_shows_the_draft_not_what_was_kept(client, news_item, superuser):
    text(client.get(news_item.url))
    text(client.get(news_item.url))
    news_item.body = paragraph("An unpublished draft paragraph.")

    preview = news_item.make_preview_request(None, news_item.default_preview_mode)

    assert "An unpublished draft paragraph." in preview.content.decode()
    assert "An unpublished draft paragraph." not in text(client.get(news_item.url))


def test_a_private_pages_body_is_never_kept(client, news_item):
    make_private(news_item)
    client.force_login(MemberFactory().user)

    for _ in range(2):
        assert news_item.title in text(client.get(news_item.url))

    assert not kept("fragment:page:")


def test_the_body_is_kept_for_a_public_page(client, news_item):
    text(client.get(news_item.url))

    assert kept("fragment:page:news-content:")


# --- listing filters


def test_a_newly_published_kind_is_offered_by_the_filters_at_once(client, resource_index):
    ResourcePageFactory(parent=resource_index, kind="guidance")
    assert 'value="report"' not in text(client.get(resource_index.url))
    text(client.get(resource_index.url))

    ResourcePageFactory(parent=resource_index, kind="report")

    assert 'value="report"' in text(client.get(resource_index.url))


def test_a_resource_made_private_takes_its_topic_out_of_the_filters_at_once(client, resource_index):
    ResourcePageFactory(parent=resource_index, topics=[TopicFactory(name="Textiles")])
    secret = ResourcePageFactory(parent=resource_index, topics=[TopicFactory(name="Audits")])
    assert ">Audits<" in text(client.get(resource_index.url))

    make_private(secret)

    assert ">Audits<" not in text(client.get(resource_index.url))


def test_the_filters_are_kept_for_each_choice_made(client, resource_index):
    ResourcePageFactory(parent=resource_index, kind="guidance")
    ResourcePageFactory(parent=resource_index, kind="report")
    for kind in ("guidance", "report", "guidance", "report"):
        page = text(client.get(resource_index.url, {"kind": kind}))
        assert f'<option value="{kind}" selected>' in page, kind

    page = text(client.get(resource_index.url))
    assert '<option value="" selected>All kinds</option>' in page


def test_filters_that_cannot_be_used_are_not_kept(client, resource_index):
    ResourcePageFactory(parent=resource_index, kind="guidance")

    for _ in range(2):
        page = text(client.get(resource_index.url, {"kind": "nonsense"}))
        assert "These filters could not be applied" in page

    assert not kept("fragment:page:resource-filters:")
    text(client.get(resource_index.url, {"kind": "guidance"}))
    assert len(kept("fragment:page:resource-filters:")) == 1


@pytest.fixture
def featured_home(home_page, news_index):
    from home.models import HomePageFeature

    featured = NewsPageFactory(parent=news_index, title="Universities join the group")
    NewsPageFactory(parent=news_index, title="Hospitals publish award criteria")
    publish_changes(home_page, features=[HomePageFeature(page=featured)])
    return featured


def test_the_home_pages_featured_section_is_kept_and_its_pages_left_unread(client, featured_home):
    first = text(client.get("/"))
    with CaptureQueriesContext(connection) as queries:
        second = text(client.get("/"))

    assert second == first
    assert "Universities join the group" in second
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "home_homepagefeature" not in read
    # Featured, it stays out of the latest news below it, kept or not.
    assert second.count(f'href="{featured_home.url}"') == 1
    assert "Hospitals publish award criteria" in second


def test_a_featured_page_unpublished_leaves_the_home_page_at_once(client, featured_home):
    text(client.get("/"))

    featured_home.unpublish()

    assert "Universities join the group" not in text(client.get("/"))


def test_a_featured_page_made_private_leaves_the_home_page_at_once(client, featured_home):
    text(client.get("/"))

    make_private(featured_home)

    assert "Universities join the group" not in text(client.get("/"))
