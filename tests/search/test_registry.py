import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from home.models import HomePage, StandardPage
from resources.models import EventPage, NewsPage, ResourcePage
from search.pages import PageSource
from search.registry import PUBLIC, SearchRegistry, registry


def test_apps_register_their_pages_from_their_own_indexing_modules():
    labels = {source.model: source.label for source in registry.sources()}

    assert labels[NewsPage] == "News"
    assert labels[EventPage] == "Event"
    assert labels[ResourcePage] == "Resource"
    assert labels[HomePage] == labels[StandardPage] == "Page"


def test_two_sources_cannot_share_a_key():
    own = SearchRegistry()
    own.register(PageSource(NewsPage, label="News"))

    with pytest.raises(ImproperlyConfigured, match="resources.newspage"):
        own.register(PageSource(NewsPage, label="Stories"))


def test_a_visitor_is_only_in_the_public_audience():
    assert registry.audiences_for(AnonymousUser()) == {PUBLIC}


def test_audience_providers_add_audiences_for_some_users():
    own = SearchRegistry()
    own.register_audience_provider(lambda user: {"members"} if user.is_authenticated else ())

    assert own.audiences_for(AnonymousUser()) == {PUBLIC}
    assert own.audiences_for(type("Member", (), {"is_authenticated": True})()) == {
        PUBLIC,
        "members",
    }


def test_browse_links_leave_out_places_that_do_not_exist_yet():
    own = SearchRegistry()
    own.register_browse_link("News", lambda request: "/news/")
    own.register_browse_link("Events", lambda request: None)

    assert own.browse_links(RequestFactory().get("/")) == [("News", "/news/")]
