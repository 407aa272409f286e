"""Visitors' pages kept whole in Django's cache, and thrown away when what they show changes.

Each test warms the cache the way visitors would (the second request is served from it, with
no query), changes something as an editor would, and asks again. The cache here is each
process's memory; tests/caching/test_redis.py runs the shared Redis.
"""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.caching import PageCacheMiddleware, allow_page_cache, purge_frontend_caches
from home.models import SiteSettings
from tests.caching.servers import free_port
from tests.factories import (
    MemberFactory,
    NewsPageFactory,
    SiteDocumentFactory,
    StandardPageFactory,
    make_private,
    publish_changes,
)

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def news_page(news_index):
    return NewsPageFactory(
        parent=news_index,
        title="Cities sign the fair ICT pledge",
        introduction="Buyers commit to fair supply chains.",
        tags=["fair ict"],
    )


def addresses_showing(news_page, news_index):
    """Every address a visitor can see a news item on."""
    return [
        news_page.url,
        news_index.url,
        news_index.url + "?tag=fair-ict",
        "/",
        "/tags/fair-ict/",
        news_index.url + news_index.reverse_subpage("rss"),
        news_index.url + news_index.reverse_subpage("atom"),
    ]


def warm(client, url):
    """Ask twice, as two visitors would; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second.get(HIT) == "hit", f"{url} was not served from the cache"
    return second


def text(response):
    return response.content.decode()


def test_a_visitors_second_request_is_served_from_the_cache_without_a_query(
    client, news_page, django_assert_num_queries
):
    first = client.get(news_page.url)

    with django_assert_num_queries(0):
        second = client.get(news_page.url)

    assert first.get(HIT) is None
    assert second.get(HIT) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Varnish in front keeps it as long, and drops it on the same changes.
    assert second["Surrogate-Control"] == "max-age=600"


def test_the_headers_of_a_cached_page_are_those_of_a_rendered_one(client, news_page):
    first = client.get(news_page.url)
    second = client.get(news_page.url)

    for header in ("Content-Security-Policy", "X-Frame-Options", "Vary", "Permissions-Policy"):
        assert second[header] == first[header], header


def test_a_head_request_is_answered_from_the_cache(client, news_page):
    warm(client, news_page.url)

    response = client.head(news_page.url)

    assert response.status_code == 200
    assert response.get(HIT) == "hit"


def test_listings_filters_tag_pages_feeds_and_the_sitemap_are_cached(client, news_page, news_index):
    for url in [*addresses_showing(news_page, news_index), "/sitemap.xml"]:
        warm(client, url)


def test_a_published_change_shows_at_once_on_every_address_that_showed_the_page(
    client, news_page, news_index
):
    urls = addresses_showing(news_page, news_index)
    for url in urls:
        assert news_page.title in text(warm(client, url)), url

    publish_changes(news_page, title="Cities renew the fair ICT pledge")

    for url in urls:
        response = client.get(url)
        assert response.get(HIT) is None, url
        assert "Cities renew the fair ICT pledge" in text(response), url
        assert "Cities sign the fair ICT pledge" not in text(response), url


def test_an_unpublished_page_leaves_every_cached_listing_at_once(client, news_page, news_index):
    urls = addresses_showing(news_page, news_index)
    for url in [*urls, "/sitemap.xml"]:
        warm(client, url)

    news_page.unpublish()

    assert client.get(news_page.url).status_code == 404
    for url in urls[1:]:
        assert news_page.title not in text(client.get(url)), url
    assert news_page.url not in text(client.get("/sitemap.xml"))


def test_a_moved_page_answers_at_its_new_address_only(client, standard_page, home_page):
    warm(client, standard_page.url)
    new_parent = StandardPageFactory(parent=home_page, title="Who we are", slug="who-we-are")

    standard_page.move(new_parent, pos="last-child")

    old_address = client.get("/about/")
    assert old_address.status_code == 301  # Wagtail's redirect from where the page was
    assert old_address["Location"] == "/who-we-are/about/"
    assert client.get("/who-we-are/about/").status_code == 200


def test_a_deleted_page_is_gone_at_once(client, news_page, news_index):
    warm(client, news_page.url)
    warm(client, news_index.url)

    news_page.delete()

    assert client.get(news_page.url).status_code == 404
    assert news_page.title not in text(client.get(news_index.url))


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, news_page):
    warm(client, news_page.url)

    make_private(news_page)

    response = client.get(news_page.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_changed_footer_shows_at_once_on_every_page(client, news_page):
    warm(client, "/")
    warm(client, news_page.url)

    footer = SiteSettings.load()
    footer.footer_text = "Buying ICT fairly since 2017."
    footer.save()

    assert "Buying ICT fairly since 2017." in text(client.get("/"))
    assert "Buying ICT fairly since 2017." in text(client.get(news_page.url))


def test_saving_a_draft_keeps_the_cached_pages(client, news_page):
    warm(client, news_page.url)

    news_page.title = "An unfinished new title"
    news_page.save_revision()

    response = client.get(news_page.url)
    assert response.get(HIT) == "hit"
    assert "An unfinished new title" not in text(response)


def test_a_page_rendered_while_an_editor_published_is_not_served_afterwards(client, news_page, rf):
    # The render reads the old title, then the publish commits before the page is stored:
    # stored under the generation read before rendering, the old page is never served.
    def render_with_a_publish_in_between(request):
        allow_page_cache(request)
        stale = HttpResponse(f"<h1>{news_page.title}</h1>")
        publish_changes(news_page, title="Cities renew the fair ICT pledge")
        return stale

    request = rf.get(news_page.url)
    request.user = AnonymousUser()
    PageCacheMiddleware(render_with_a_publish_in_between)(request)

    response = client.get(news_page.url)
    assert response.get(HIT) is None
    assert "Cities renew the fair ICT pledge" in text(response)


# --- who never gets a cached page, and what never enters the cache


def test_a_member_is_never_served_from_the_cache_nor_fills_it(client, news_page):
    member = MemberFactory(user__first_name="Ingrid")
    warm(client, news_page.url)
    client.force_login(member.user)

    as_member = [client.get(news_page.url) for _ in range(2)]
    client.logout()
    as_visitor = client.get(news_page.url)

    for response in as_member:
        assert response.get(HIT) is None
        assert "Log out" in text(response)
        assert "Surrogate-Control" not in response
    assert as_visitor.get(HIT) == "hit"
    assert "Log out" not in text(as_visitor)


def test_a_members_page_never_reaches_another_member_or_a_visitor(client):
    first, second = MemberFactory(user__first_name="Ingrid"), MemberFactory(user__first_name="Bo")

    client.force_login(first.user)
    assert "Welcome, Ingrid" in text(client.get("/members/"))
    client.force_login(second.user)
    as_second = client.get("/members/")
    client.logout()
    as_visitor = client.get("/members/")

    assert "Welcome, Bo" in text(as_second)
    assert "Welcome, Ingrid" not in text(as_second)
    assert as_visitor.status_code == 302


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/search/?q=pledge", "/robots.txt"]
)
def test_pages_no_view_marks_as_the_same_for_everyone_are_never_cached(client, site_tree, url):
    client.get(url)

    response = client.get(url)

    assert response.get(HIT) is None
    assert "Surrogate-Control" not in response


def test_a_page_behind_a_password_is_never_cached_for_anyone(client, news_page):
    restriction = PageViewRestriction.objects.create(
        page=news_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    form = [client.get(news_page.url) for _ in range(2)]
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{news_page.pk}/",
        {"password": "s3cret", "return_url": news_page.url},
    )
    unlocked = [client.get(news_page.url) for _ in range(2)]
    another_visitor = Client().get(news_page.url)

    for response in [*form, *unlocked, another_visitor]:
        assert response.status_code == 200
        assert response.get(HIT) is None
        assert "private" in response["Cache-Control"]
    assert "The story in full." in text(unlocked[1])
    assert "The story in full." not in text(another_visitor)


def test_a_visitor_with_a_session_is_not_served_other_visitors_pages(client, news_page):
    warm(client, news_page.url)
    session = client.session
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key

    response = client.get(news_page.url)

    assert response.get(HIT) is None


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, news_page):
    warm(client, news_page.url)
    client.cookies["messages"] = "anything"

    assert client.get(news_page.url).get(HIT) is None


def test_a_private_document_is_never_cached(client):
    collection = Collection.get_first_root_node().add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = SiteDocumentFactory(collection=collection)
    client.force_login(MemberFactory().user)
    assert client.get(document.url).status_code == 200
    client.logout()

    response = client.get(document.url)

    assert response.status_code == 302
    assert response.get(HIT) is None


def test_a_page_with_a_csrf_token_is_never_cached(rf):
    # The token on a kept page would be the first visitor's, handed to everyone: even a view
    # that marks its page as the same for all is not kept once it has rendered a form.
    def page_with_a_form(request):
        allow_page_cache(request)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = PageCacheMiddleware(page_with_a_form)
    responses = [middleware(rf.get("/a-form/")) for _ in range(2)]

    for response in responses:
        assert response.get(HIT) is None
        assert "Surrogate-Control" not in response


def test_nothing_is_cached_when_the_cache_time_is_zero(client, news_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(news_page.url)

    response = client.get(news_page.url)

    assert response.get(HIT) is None
    assert "Surrogate-Control" not in response


# --- the cache unavailable


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.redis_cache.ForgivingRedisCache",
            # Nothing listens there: what a stopped Redis gives, a refused connection.
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }


def test_with_redis_down_pages_are_served_uncached_and_nothing_fails(
    client, news_page, news_index, unreachable_redis, caplog
):
    caplog.set_level(logging.WARNING, logger="home.redis_cache")

    for url in addresses_showing(news_page, news_index) * 2:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get(HIT) is None
    publish_changes(news_page, title="Cities renew the fair ICT pledge")
    assert "Cities renew the fair ICT pledge" in text(client.get(news_page.url))

    # Said once, not on every request.
    warnings = [r for r in caplog.records if "is unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_with_redis_down_logins_and_page_passwords_are_answered(
    client, news_page, unreachable_redis
):
    restriction = PageViewRestriction.objects.create(
        page=news_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    member = MemberFactory()

    wrong_login = client.post("/accounts/login/", {"login": member.user.email, "password": "wrong"})
    wrong_password = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{news_page.pk}/",
        {"password": "wrong", "return_url": news_page.url},
    )
    right_login = client.post(
        "/accounts/login/", {"login": member.user.email, "password": "correct-horse-battery-staple"}
    )

    assert wrong_login.status_code == 200
    assert wrong_password.status_code == 200
    assert right_login.status_code == 302


def test_clearing_varnish_while_it_cannot_be_reached_logs_and_carries_on(
    client, news_page, settings, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.caching.VarnishBanBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    publish_changes(news_page, title="Cities renew the fair ICT pledge")

    purge_frontend_caches()  # what runs once the publish has committed

    assert "Could not reach Varnish" in caplog.text
    assert "Cities renew the fair ICT pledge" in text(client.get(news_page.url))
