"""Fixtures shared by the whole suite, and a report header naming the servers a run used."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.factories import EditorFactory, SuperuserFactory, build_site_tree


def _without_credentials(url):
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def pytest_report_header(config):
    # So a CI log says which servers a run used; test_settings.py checks that the database
    # really is the one DATABASE_URL names.
    from django.conf import settings

    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    test_name = (database.get("TEST") or {}).get("NAME")
    if engine == "sqlite3":
        line = f"database: sqlite3, test database {test_name or 'in memory'}"
    else:
        server = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 'default port'}"
        test_name = test_name or f"test_{database['NAME']}"
        line = f"database: {engine} on {server}, test database {test_name}"
    lines = [line]
    if os.environ.get("ELASTICSEARCH_URL"):
        lines.append(f"elasticsearch: {_without_credentials(os.environ['ELASTICSEARCH_URL'])}")
    else:
        lines.append("elasticsearch: not configured (ELASTICSEARCH_URL unset)")
    return lines


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: allauth counts login attempts there, and Wagtail
    keeps renditions there by image id, which a rolled-back test leaves pointing at its own
    files for the next image to get that id."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """root → home page (the default site's root) → news, events, resources, about."""
    return build_site_tree()


@pytest.fixture
def default_site(site_tree):
    return site_tree.site


@pytest.fixture
def home_page(site_tree):
    return site_tree.home


@pytest.fixture
def site_root(home_page):
    """The default site's root page: the home page."""
    return home_page


@pytest.fixture
def news_index(site_tree):
    return site_tree.news_index


@pytest.fixture
def event_index(site_tree):
    return site_tree.event_index


@pytest.fixture
def resource_index(site_tree):
    return site_tree.resource_index


@pytest.fixture
def standard_page(site_tree):
    return site_tree.about


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()
