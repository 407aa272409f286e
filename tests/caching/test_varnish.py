"""Varnish in front of the site, with the repository's VCL, cleared by the site's own changes.

varnishd runs here as a child process in front of the live test server (its backend written
into deploy/varnish/default.vcl the way scripts/services does); every request below goes
through it, as a visitor's or a member's browser would. Publishing commits for real
(transactional tests), so the site's BAN reaches Varnish exactly as in production.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction

from resources.models import NewsPage
from tests.caching.servers import fetch, varnish_server
from tests.factories import (
    MemberFactory,
    NewsPageFactory,
    SiteDocumentFactory,
    make_private,
    publish_changes,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def varnish(live_server):
    address = urlsplit(live_server.url)
    server = varnish_server(address.hostname, address.port).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def through_varnish(varnish, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.caching.VarnishBanBackend",
            "LOCATION": f"http://127.0.0.1:{varnish.port}",
        }
    }
    # What earlier tests left there named pages of a database that is gone.
    assert fetch(varnish.port, "/", method="BAN").status == 200


@pytest.fixture
def news_page(news_index):
    return NewsPageFactory(
        parent=news_index,
        title="Cities sign the fair ICT pledge",
        introduction="Buyers commit to fair supply chains.",
        tags=["fair ict"],
    )


def get(varnish, path, **options):
    return fetch(varnish.port, path, **options)


def session_of(user):
    """The session cookie of ``user``, logged in in a browser of their own."""
    browser = Client()
    browser.force_login(user)
    return {"sessionid": browser.cookies["sessionid"].value}


def test_varnish_serves_visitors_from_its_copy(varnish, news_page):
    first = get(varnish, news_page.url)
    second = get(varnish, news_page.url)
    # Changed behind the site's back (no signal): only a copy still shows the old title.
    NewsPage.objects.filter(pk=news_page.pk).update(title="Changed without telling anyone")
    third = get(varnish, news_page.url)
    # A visitor's other cookies (the CSRF token after a visit to the login form) do not count.
    with_a_cookie = get(varnish, news_page.url, cookies={"csrftoken": "x" * 32})

    assert (first.status, second.status) == (200, 200)
    assert first.headers["X-Cache"] == "MISS"
    assert second.headers["X-Cache"] == "HIT"
    assert third.headers["X-Cache"] == with_a_cookie.headers["X-Cache"] == "HIT"
    assert "Cities sign the fair ICT pledge" in third.text
    # Meant for this cache only, never for browsers or caches further along.
    assert "Surrogate-Control" not in second.headers


def test_a_publish_reaches_varnish_at_once_on_every_address_that_showed_the_page(
    varnish, news_page, news_index
):
    addresses = [
        news_page.url,
        news_index.url,
        news_index.url + "?tag=fair-ict",
        "/",
        "/tags/fair-ict/",
        news_index.url + news_index.reverse_subpage("rss"),
    ]
    for path in addresses:
        get(varnish, path)
        assert get(varnish, path).headers["X-Cache"] == "HIT", path

    publish_changes(news_page, title="Cities renew the fair ICT pledge")

    for path in addresses:
        response = get(varnish, path)
        assert response.headers["X-Cache"] == "MISS", path
        assert "Cities renew the fair ICT pledge" in response.text, path
        assert "Cities sign the fair ICT pledge" not in response.text, path


def test_a_page_unpublished_or_made_private_leaves_varnish_at_once(varnish, news_page, news_index):
    briefing = NewsPageFactory(parent=news_index, title="Briefing on the pledge")
    for path in (news_page.url, briefing.url, news_index.url):
        get(varnish, path)
        assert get(varnish, path).headers["X-Cache"] == "HIT", path

    news_page.unpublish()
    make_private(briefing)

    assert get(varnish, news_page.url).status == 404
    listing = get(varnish, news_index.url).text
    assert "Cities sign the fair ICT pledge" not in listing
    assert "Briefing on the pledge" not in listing
    private = get(varnish, briefing.url)
    assert private.status == 302
    assert "/accounts/login/" in private.headers["Location"]


def test_members_pages_never_enter_varnish_nor_reach_anyone_else(varnish, site_tree):
    ingrid = session_of(MemberFactory(user__first_name="Ingrid").user)
    bo = session_of(MemberFactory(user__first_name="Bo").user)

    home_as_ingrid = [get(varnish, "/", cookies=ingrid) for _ in range(2)]
    home_as_visitor = get(varnish, "/")
    area_as_ingrid = get(varnish, "/members/", cookies=ingrid)
    area_as_bo = get(varnish, "/members/", cookies=bo)
    area_as_visitor = get(varnish, "/members/")

    for response in home_as_ingrid:
        assert response.headers["X-Cache"] == "PASS"
        assert "Log out" in response.text
    assert "Log out" not in home_as_visitor.text
    assert "Welcome, Ingrid" in area_as_ingrid.text
    assert "Welcome, Bo" in area_as_bo.text
    assert "Welcome, Ingrid" not in area_as_bo.text
    assert area_as_visitor.status == 302
    assert "Welcome" not in area_as_visitor.text


def test_a_private_document_never_enters_varnish(varnish, site_tree):
    collection = Collection.get_first_root_node().add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = SiteDocumentFactory(collection=collection)
    member = session_of(MemberFactory().user)

    as_member = get(varnish, document.url, cookies=member)
    as_visitor = [get(varnish, document.url) for _ in range(2)]

    assert as_member.status == 200
    assert as_member.body == b"%PDF-1.4 test"
    for response in as_visitor:
        assert response.status == 302
        assert b"%PDF" not in response.body
