"""The shared cache on a real Redis: one cache for every process, and no failure without it.

Production runs several worker processes on several app servers; what one of them caches,
counts or invalidates must hold for all. "Another process" here is a real one: a Python
subprocess with the development settings and the same ``REDIS_URL``.
"""

import os
import subprocess
import sys
import textwrap
import uuid

import pytest
import redis
from wagtail.models import PageViewRestriction

from tests.caching.servers import REPO_ROOT, redis_server, redis_url
from tests.factories import NewsPageFactory, publish_changes

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


def shared_cache(url, prefix, **options):
    return {
        "default": {
            "BACKEND": "home.redis_cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            **options,
        }
    }


@pytest.fixture
def shared_redis(settings):
    """The suite's Redis, under keys of this test's own (removed afterwards)."""
    url = redis_url()
    prefix = f"srpp-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = shared_cache(url, prefix)
    settings.PAGE_CACHE_SECONDS = 600
    yield url, prefix
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def in_another_process(url, prefix, code):
    """Run ``code`` in a separate Django process sharing the cache at ``url``."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "REDIS_URL": url,
        "CACHE_KEY_PREFIX": prefix,
    }
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def news_page(news_index):
    return NewsPageFactory(parent=news_index, title="Cities sign the fair ICT pledge")


def test_pages_are_served_from_redis_without_a_query(
    client, news_page, shared_redis, django_assert_num_queries
):
    first = client.get(news_page.url)

    with django_assert_num_queries(0):
        second = client.get(news_page.url)

    assert first.get(HIT) is None
    assert second.get(HIT) == "hit"
    assert second.content == first.content


def test_a_change_published_by_another_process_empties_this_ones_pages(
    client, news_page, shared_redis
):
    client.get(news_page.url)
    assert client.get(news_page.url).get(HIT) == "hit"

    # Another app server's editor publishes: there, the same signal handlers run.
    in_another_process(*shared_redis, "from home.caching import pages_changed\npages_changed()")

    assert client.get(news_page.url).get(HIT) is None


def test_wrong_passwords_counted_by_another_process_lock_the_page_here(
    client, news_page, shared_redis
):
    restriction = PageViewRestriction.objects.create(
        page=news_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    # Five wrong guesses answered by another worker, from this client's address.
    in_another_process(
        *shared_redis,
        f"""
        from django.test import RequestFactory
        from home.throttle import WrongPasswords

        request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
        guesses = WrongPasswords(
            request, "wagtail.views.authenticate_with_password:{restriction.pk}"
        )
        for _ in range(5):
            guesses.add_one()
        """,
    )

    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{news_page.pk}/",
        {"password": "s3cret", "return_url": news_page.url},
    )

    assert response.status_code == 429


def test_with_redis_stopped_pages_are_served_and_caching_resumes_when_it_returns(
    client, news_page, settings
):
    server = redis_server().start()
    try:
        url = f"redis://127.0.0.1:{server.port}/0"
        # Retried at once after a failure, so that the return is seen by the next request.
        settings.CACHES = shared_cache(url, "srpp-test", RETRY_AFTER=0)
        settings.PAGE_CACHE_SECONDS = 600
        client.get(news_page.url)
        assert client.get(news_page.url).get(HIT) == "hit"

        server.stop()
        while_stopped = [client.get(url) for url in (news_page.url, "/", news_page.url)]
        publish_changes(news_page, title="Cities renew the fair ICT pledge")
        after_publish = client.get(news_page.url)

        server.start()
        client.get(news_page.url)
        after_return = client.get(news_page.url)
    finally:
        server.stop()

    for response in [*while_stopped, after_publish]:
        assert response.status_code == 200
        assert response.get(HIT) is None
    assert "Cities renew the fair ICT pledge" in after_publish.content.decode()
    assert after_return.get(HIT) == "hit"
    assert "Cities renew the fair ICT pledge" in after_return.content.decode()


def test_every_call_to_the_cache_reuses_one_client_and_its_connections(shared_redis):
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    cache.set("greeting", "hello")

    assert cache.get("greeting") == "hello"
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client
    # The one connection the calls above needed, put back in the pool after each.
    assert len(client.connection_pool._available_connections) == 1
