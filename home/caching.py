"""Whole pages kept for visitors, and thrown away when the content they show changes.

Two caches hold the pages that every anonymous visitor is shown alike. Django's cache (Redis
in production, shared by every worker and app server) keeps them in ``PageCacheMiddleware``;
Varnish in front (``deploy/varnish/default.vcl``) keeps what this module marks with
``Surrogate-Control``. Both follow the same rules:

- Only what a view has said is the same for every visitor: Wagtail's pages (the
  ``before_serve_page`` hook in ``home/wagtail_hooks.py``) and views wrapped in
  ``cache_for_visitors``. Nothing else is ever kept, so a new view is uncached until someone
  decides otherwise. Search is not marked: nearly every query is asked once, so keeping the
  answers would only fill the cache (and anyone could fill it on purpose).
- Only for an anonymous GET: no session or messages cookie, no credentials, and never under
  ``PAGE_CACHE_EXCLUDED_PATHS`` (the members' area, the accounts, the admins, documents).
- Never a response that sets a cookie, used a CSRF token (the token would be one visitor's),
  changed the session, varies on anything but the cookie, says ``private``, ``no-cache`` or
  ``no-store`` (Wagtail says so for every page behind a view restriction, whoever may see
  it), or is anything but a plain 200.

Invalidation is all or nothing. Any change that a visitor could see (a page published,
unpublished, moved or deleted, a view restriction, a menu, an image, a tag) bumps a
site-wide generation number that every cached page is stored with, and tells Varnish to drop
everything. Guessing which pages showed the changed one (its parent listing and that
listing's filtered and paginated addresses, the home page, each tag's page, the feeds, the
pages whose "related" blocks link to it) would miss one sooner or later; a miss means a
withdrawn page stays on view. Editors publish a few times a day, visitors ask thousands of
times: one cold page per change is cheap.

A cache that is down (``home/redis_cache.py``) just means every page is rendered again.
"""

import functools
import hashlib
import logging
import secrets
from contextvars import ContextVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
KEY_PREFIX = "page-cache:page:"
# Longer query strings are not worth a cache entry: filters and page numbers are short.
MAX_QUERY_STRING = 512
# Django's cookie for messages shown on the next page (django.contrib.messages, CookieStorage).
MESSAGES_COOKIE = "messages"
HIT_HEADER = "X-Page-Cache"


# --------------------------------------------------------------- what may be kept


def allow_page_cache(request):
    """Say that the response to ``request`` is the same for every anonymous visitor."""
    request.page_cache_allowed = True


def cache_for_visitors(view):
    """A view whose anonymous GET answer depends only on its address (and the content)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        allow_page_cache(request)
        return view(request, *args, **kwargs)

    return wrapped


def _key_for(request):
    """The cache key of an anonymous request that may be served from the cache, else None."""
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return None
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return None
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return None
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def _same_for_every_visitor(request, response):
    if not getattr(request, "page_cache_allowed", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A page with a form carries a token derived from this visitor's CSRF secret.
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    varies_on = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h}
    return varies_on <= {"cookie"}


# --------------------------------------------------------------- the middleware


class PageCacheMiddleware:
    """Serves anonymous visitors' pages from the cache, and keeps the ones it may.

    Placed after the session middleware (whose cookie it reads) and before the CSRF,
    authentication and message middleware, whose work on a cached page is already in it; a
    page served from the cache says ``X-Page-Cache: hit``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key_for(request)
        if key is None:
            return self.get_response(request)
        generation, entry = _lookup(key)
        if entry is not None:
            return _replay(entry)
        _note_generation(generation)
        response = self.get_response(request)
        if _same_for_every_visitor(request, response):
            # For Varnish in front; it keeps the page as long as this cache does.
            response["Surrogate-Control"] = f"max-age={settings.PAGE_CACHE_SECONDS}"
            if generation is not None and request.method == "GET":
                _store(key, generation, response)
        return response


def _lookup(key):
    """(generation, entry): the current generation (None when the cache is unavailable) and
    the page stored under ``key`` if it was stored in this generation."""
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        return cache.get(GENERATION_KEY), None
    entry = values.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    return generation, entry


def _store(key, generation, response):
    cache.set(
        key,
        {
            # The generation read before the page was rendered: if content changed while it
            # rendered, the entry is already out of date and is never served.
            "generation": generation,
            "status": response.status_code,
            "headers": list(response.headers.items()),
            "content": response.content,
        },
        timeout=settings.PAGE_CACHE_SECONDS,
    )


def _replay(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    # As a rendered page has it: the session middleware adds it when the view reads the user.
    patch_vary_headers(response, ["Cookie"])
    response[HIT_HEADER] = "hit"
    return response


# --------------------------------------------------------------- the generation


class _RequestGeneration:
    """The generation as read once in a request (see ``current_generation``)."""

    value = None


# Set for the length of each request (``connect``): the page cache and every fragment kept
# for the request's page (home/fragments.py) are read with the one generation read first.
_request_generation = ContextVar("page_cache_generation", default=None)


def current_generation():
    """The site-wide generation now, or None when the cache is unavailable.

    Whatever is kept for visitors is stored with it, and is only read back in the same
    generation: a change visitors could see bumps it (``pages_changed``). In a request it is
    read once, and read again after a change made by the request itself.
    """
    scope = _request_generation.get()
    if scope is not None and scope.value is not None:
        return scope.value
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    _note_generation(generation)
    return generation


def _note_generation(generation):
    scope = _request_generation.get()
    if scope is not None:
        scope.value = generation


def _begin_request(**kwargs):
    _request_generation.set(_RequestGeneration())


def _end_request(**kwargs):
    _request_generation.set(None)


# --------------------------------------------------------------- invalidation


def _new_generation():
    # Random rather than 1: if the number is evicted from the cache, a fresh count from 1
    # could meet again the generation some old entries were stored with.
    return secrets.randbits(62)


def _bump_generation():
    _note_generation(None)  # read again, after the change, by what the request shows next
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no number yet (or the cache is unavailable): any new one will do
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)


def pages_changed(using=DEFAULT_DB_ALIAS):
    """Something visitors see has changed: no cached page may be served again.

    The generation is bumped at once, so that the change is seen within this transaction and
    by a test that never commits; and again once the transaction commits, because a page
    rendered meanwhile by another process read the content as it was before. Varnish is told
    after the commit only, or it could fetch the old content again straight away.
    """
    _bump_generation()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _after_commit()
    elif not any(callback is _after_commit for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_after_commit, using=using, robust=True)


def _after_commit():
    _bump_generation()
    purge_frontend_caches()


def purge_frontend_caches():
    """Empty the HTTP caches in front (``WAGTAILFRONTENDCACHE``) of everything of the site.

    With ``VarnishBanBackend`` one request does it, whatever address is named; another
    backend is given each site's home page, the one address that shows everything new.
    """
    backends = get_backends()
    if not backends:
        return
    from wagtail.models import Site

    urls = [site.root_url + "/" for site in Site.objects.all()]
    for backend in backends.values():
        backend.purge_batch(urls)


class VarnishBanBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, sending one ``BAN`` that empties Varnish of the site.

    ``deploy/varnish/default.vcl`` answers a BAN from an app server by dropping every object;
    ``LOCATION`` is Varnish's address as the app servers reach it.
    """

    TIMEOUT = 5

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        location = urlunsplit((self.cache_scheme, self.cache_netloc, "/", "", ""))
        request = Request(location, method="BAN", headers={"User-Agent": "srpp-page-cache"})
        try:
            with urlopen(request, timeout=self.TIMEOUT):  # noqa: S310 - LOCATION is a setting
                pass
        except HTTPError as error:
            logger.error("Varnish at %s refused to clear its cache: %s", location, error)
        except (URLError, OSError) as error:
            # The change is published all the same; Varnish drops its copies when they expire.
            logger.error("Could not reach Varnish at %s to clear its cache: %s", location, error)


# --------------------------------------------------------------- which changes count

# Apps whose models visitors see on public pages: pages, their images, documents, tags and
# topics, the menus and footer. The members' area is not among them: nothing of it shows on a
# page that is cached, and its busy tables would otherwise empty the cache all day.
VISITOR_APPS = {"home", "resources", "taggit", "wagtailimages", "wagtaildocs"}
VISITOR_MODELS = {"wagtailcore.page", "wagtailcore.pageviewrestriction", "wagtailcore.site"}
# What saving a draft, locking or scheduling writes on the page row: nothing a visitor sees.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
}


@functools.cache
def _shown_to_visitors(model):
    from wagtail.images.models import AbstractRendition

    if issubclass(model, AbstractRendition):  # made while a page renders: not a change
        return False
    return model._meta.app_label in VISITOR_APPS or model._meta.label_lower in VISITOR_MODELS


def _saved(sender, instance, created=False, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    if not _shown_to_visitors(sender):
        return
    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    # The first page to read the menus or the footer creates their row with the defaults it
    # was about to show anyway; an editor's change is a later save.
    if created and isinstance(instance, BaseGenericSetting | BaseSiteSetting):
        return
    pages_changed(using)


def _deleted(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if _shown_to_visitors(sender):
        pages_changed(using)


def _related_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_") and _shown_to_visitors(type(instance)):
        pages_changed(using)


def _page_event(sender, **kwargs):
    pages_changed()


def connect():
    """Listen for every change visitors could see (called from ``HomeConfig.ready``)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Publishing also saves the page row (caught below); the signals make the intent plain
    # and catch a publish that only changed clustered children.
    request_started.connect(_begin_request, dispatch_uid="page_cache.begin_request")
    request_finished.connect(_end_request, dispatch_uid="page_cache.end_request")
    page_published.connect(_page_event, dispatch_uid="page_cache.page_published")
    page_unpublished.connect(_page_event, dispatch_uid="page_cache.page_unpublished")
    post_page_move.connect(_page_event, dispatch_uid="page_cache.post_page_move")
    post_save.connect(_saved, dispatch_uid="page_cache.post_save")
    post_delete.connect(_deleted, dispatch_uid="page_cache.post_delete")
    m2m_changed.connect(_related_changed, dispatch_uid="page_cache.m2m_changed")
