"""Django's Redis cache, made to carry on without Redis.

Everything the site keeps in its cache can be done again: a page rendered, a rendition's
address looked up, a count of wrong passwords started afresh. So when Redis is stopped or
unreachable the site serves every request uncached instead of answering 500: each call gives
what an empty cache would (``get`` the default, ``incr`` the ValueError of a missing key) and
writes nothing. ``add`` answers True, as an empty cache would accept the key: allauth takes a
lock with it around each login's count, and a False would keep every login waiting for a
lock nobody holds, then refuse it. After a failure the backend leaves Redis alone for
``RETRY_AFTER`` seconds, so that an unreachable host costs one timeout per process and period,
not one per call, and says so once in the log rather than on every request.

While Redis is away the limits on wrong passwords count nothing: a login can be guessed at
the speed the site answers. That is the price of staying up; the log line says it is being
paid.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

MISSING_KEY = "the cache is unavailable"


def _forgiving(fallback):
    """Wrap a cache method so a Redis failure returns ``fallback(*args, **kwargs)``."""

    def decorate(method):
        def call(self, *args, **kwargs):
            if self._unavailable():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
                return fallback(*args, **kwargs)

        call.__name__ = method.__name__
        call.__doc__ = method.__doc__
        return call

    return decorate


def _missing_key(*args, **kwargs):
    raise ValueError(MISSING_KEY)


def _default(key, default=None, *args, **kwargs):
    return default


class ReusedClients(RedisCacheClient):
    """Django's Redis client maker, keeping one client per connection pool.

    Django builds a new ``redis.Redis`` for each call, and each one copies redis-py's table of
    response callbacks (a page asks the cache ten times or more). A client holds no
    connection of its own, only its pool, so one per pool does the same work.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that answers as an empty cache while
    Redis cannot be reached. ``RETRY_AFTER`` (seconds, default 5) sits beside ``LOCATION``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self.retry_after = float(params.get("RETRY_AFTER", 5))
        self._down_until = 0.0

    def _unavailable(self):
        return time.monotonic() < self._down_until

    def _failed(self, error):
        if not self._down_until:
            logger.warning(
                "The cache (Redis at %s) is unavailable: pages are served uncached and "
                "password limits count nothing until it is back. %s",
                ", ".join(self._servers),
                error,
            )
        self._down_until = time.monotonic() + self.retry_after

    def _answered(self, result):
        if self._down_until and not self._unavailable():
            logger.warning("The cache (Redis at %s) is back.", ", ".join(self._servers))
            self._down_until = 0.0
        return result

    # Each of Django's cache methods that talks to Redis, with what an empty cache answers.

    @_forgiving(lambda *args, **kwargs: True)
    def add(self, *args, **kwargs):
        return self._answered(super().add(*args, **kwargs))

    @_forgiving(_default)
    def get(self, *args, **kwargs):
        return self._answered(super().get(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return self._answered(super().set(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return self._answered(super().touch(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return self._answered(super().delete(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return self._answered(super().get_many(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return self._answered(super().has_key(*args, **kwargs))

    @_forgiving(_missing_key)
    def incr(self, *args, **kwargs):
        return self._answered(super().incr(*args, **kwargs))

    @_forgiving(lambda data, *args, **kwargs: list(data))
    def set_many(self, *args, **kwargs):
        return self._answered(super().set_many(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return self._answered(super().delete_many(*args, **kwargs))

    @_forgiving(lambda *args, **kwargs: False)
    def clear(self, *args, **kwargs):
        return self._answered(super().clear(*args, **kwargs))
