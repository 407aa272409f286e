"""Headless Chromium, driven by Playwright, against a live server that serves the demo site.

The demo content is loaded once for the whole package and the database is put back as the
migrations left it afterwards, so the rest of the suite never sees it. Each test runs inside
the usual rolled-back transaction: on SQLite the live server shares the test's connection, so
what a journey writes (an editor's news page) disappears with the test as well.
"""

import io
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, keep_on_site

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TIMEOUT_MS = 10_000


def require(available, what, how):
    """Skip a test whose tool is missing, with the command that installs it; fail in CI,
    where a skipped browser test would pass the build without checking anything."""
    if available:
        return
    message = f"{what} is missing. Install it with: {how}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_script():
    require(AXE_SCRIPT.is_file(), "axe-core (node_modules/axe-core)", "npm ci")
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def vnu_command():
    require(VNU_JAR.is_file(), "The Nu Html Checker (node_modules/vnu-jar)", "npm ci")
    java = shutil.which("java")
    require(java, "Java (to run the Nu Html Checker)", "apt-get install -y default-jre-headless")
    return [java, "-jar", str(VNU_JAR)]


# Before pytest-django's own hook, which orders tests by the database they use: marked here,
# the browser tests run with the other database tests, not after the transactional ones, whose
# flush at the end would have emptied the database the live site is built in.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # A test on the live site needs the test database even when it touches no model itself:
    # pytest-django creates test databases only for the tests that ask for one, and without
    # one the demo content would be written into the development database.
    for item in items:
        if "live_site" in item.fixturenames and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db)


class LiveSite:
    def __init__(self, url):
        self.url = url

    def owns(self, url):
        """Whether ``url`` is on the live site (the browser may fetch nothing else)."""
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.url


@pytest.fixture(scope="package")
def browser():
    require(CHROMIUM.is_file(), f"Chromium ({CHROMIUM})", "apt-get install -y chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in the test thread, and Django
    # refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation). The
    # fixtures and tests here call the ORM synchronously while the loop is idle, so the guard
    # is lifted for as long as the browser runs, and only then.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
        finally:
            # While Playwright's loop runs, Django keeps this thread's database connections
            # apart from the ones it had before (asgiref treats the thread as async). Close
            # them while they can still be reached, or the test database cannot be dropped.
            connections.close_all()
            playwright.stop()


@pytest.fixture(scope="package")
def live_site(browser, django_db_setup, django_db_blocker):
    # After the browser has started: the server must share the connection the tests use while
    # Playwright runs (see above), which is what makes a journey's writes roll back on SQLite.
    from django.apps import apps
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from search.engines import get_engine

    # The live site is the demo as `make run` serves it: its accounts may log in, and the
    # demo's staff account reaches the admin without an authenticator app.
    demo_settings = override_settings(
        DEMO_ACCOUNTS_CAN_LOG_IN=True, STAFF_REQUIRE_SECOND_FACTOR=False
    )
    demo_settings.enable()
    # Renditions cached by earlier tests name images that a rollback has since removed.
    cache.clear()
    with django_db_blocker.unblock():
        # What the migrations created (root page, default site, permissions), restored at the
        # end the way Django's serialized rollback does it.
        migrated = connection.creation.serialize_db_to_string()
        call_command("load_demo_content", stdout=io.StringIO())
        # As a deployment does after loading content: with Elasticsearch configured, search
        # answers "unavailable" until the index has been built.
        call_command("search_index", "--rebuild", stdout=io.StringIO())
        # 127.0.0.1, not localhost: the browser's resolver rules send every name elsewhere.
        server = LiveServer("127.0.0.1:0")
        try:
            yield LiveSite(server.url)
        finally:
            # Chromium holds idle keep-alive connections to the server, each served by a
            # request thread that would close the shared SQLite connection after the server
            # had stopped sharing it. Closing the browser first ends those threads in time.
            browser.close()
            server.stop()
            get_engine().delete_all_indices()
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(migrated)
            # The rows put back keep their ids, which the flush's reset sequences know
            # nothing of: without this, the next test to create a group or a page collides.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(sql)
            # Wagtail caches the site's root paths; they named pages that no longer exist.
            cache.clear()
            demo_settings.disable()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixtures read this at teardown to decide whether to keep evidence.
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(item):
    return any(
        getattr(getattr(item, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


def artifact_dir(item):
    return ARTIFACTS / "browser" / re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_")


@pytest.fixture
def open_page(request, browser, live_site):
    """Open a fresh page (its own cookies) on the live site: ``open_page(viewport=PHONE)``."""
    opened = []

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=live_site.url,
            viewport=viewport,
            accept_downloads=True,
            reduced_motion="reduce",
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.blocked_requests = keep_on_site(context, live_site)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        opened.append((context, page))
        return page

    yield open_page

    if _failed(request.node):
        folder = artifact_dir(request.node)
        folder.mkdir(parents=True, exist_ok=True)
        for number, (_context, page) in enumerate(opened, start=1):
            if page.is_closed():
                continue
            stem = "page" if len(opened) == 1 else f"page-{number}"
            notes = [f"address: {page.url}"]
            notes += [f"script error: {error}" for error in page.errors]
            notes += [f"blocked request: {url}" for url in page.blocked_requests]
            (folder / f"{stem}.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
            try:
                page.screenshot(path=folder / f"{stem}.png", full_page=True)
                (folder / f"{stem}.html").write_text(page.content(), encoding="utf-8")
            except Exception as error:  # evidence is best effort: keep the test's own failure
                (folder / f"{stem}.error").write_text(repr(error), encoding="utf-8")
    for context, _page in opened:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def phone_page(open_page):
    return open_page(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture(scope="session")
def screenshot_dir():
    """Where screenshots go on every run, for people to look at (CI keeps test-artifacts/)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="package")
def site_pages(live_site):
    """Every page, by group: see ``site_pages.site_pages``."""
    from tests.browser.site_pages import site_pages

    return site_pages()


@pytest.fixture(scope="package")
def audits(browser, live_site, site_pages, axe_script):
    """Every public page visited once: see ``audit.audit_pages``."""
    from tests.browser.audit import audit_pages

    return audit_pages(browser, live_site, site_pages, axe_script, viewport=DESKTOP)
