"""Parts of pages kept in Django's cache between requests, thrown away with the page cache.

Whole pages are kept for anonymous visitors only (home/caching.py), and only when the page
cache is on. Much of what a page shows is the same on many pages and for everyone, and changes
only when an editor changes something: the request's site and its home page, the menus and
the footer, the card of each page in every list (home/templatetags/card_tags.py), a page's
stream fields and what is listed with them (``{% kept %}``, home/templatetags/fragment_tags.py).
Those are kept here, for every request, whoever asks.

The rules:

- What is kept is stored with the page cache's *generation* (``current_generation``, read once
  per request) and read back only in that generation, so every change that empties the page
  cache (a page published, unpublished, moved or deleted, a restriction, a menu, an image, a
  tag, a setting: see ``home.caching.connect``) makes every fragment unused at the same moment.
  A fragment that changes with the clock gives its own shorter timeout.
- A key holds everything its fragment varies with: the name of the fragment and what its
  caller names (a page's id, the request's site, the query string of a filtered list), the
  language, and the version of the code and templates that made it (``code_version``), so that
  a deploy never mixes fragments of the old templates into the new ones.
- Only what any visitor may see is kept: callers pass public pages only, never a page behind a
  view restriction, never anything of one member. Nothing is kept for a preview, which shows
  an editor's unpublished draft.
- ``FRAGMENT_CACHE_SECONDS`` (0: off) bounds how long anything is kept; the cache being down
  just means everything is rendered again.
"""

import functools
import hashlib
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from home.caching import current_generation

KEY_PREFIX = "fragment:"
_MISSING = object()


def enabled(request):
    """Whether fragments may be kept and read for this request."""
    # Wagtail's previews are made with a request of their own (``is_dummy``), marked
    # ``is_preview`` once the page is served: the draft shown must not meet what was kept.
    return (
        bool(settings.FRAGMENT_CACHE_SECONDS)
        and request is not None
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
    )


def available(request):
    """Whether fragments may be kept for this request and the cache can keep them now."""
    return enabled(request) and current_generation() is not None


@functools.cache
def code_version():
    """A digest of what makes the fragments: the project's templates and the code of the apps
    that render them, and the versions of Django and Wagtail. Read once per process."""
    digest = hashlib.sha256(f"{django.get_version()} {wagtail.__version__}".encode())
    base = Path(settings.BASE_DIR)
    for directory in ("templates", "home", "resources", "community"):
        for path in sorted((base / directory).rglob("*")):
            if path.suffix in (".html", ".py", ".txt", ".xml") and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(name, parts, generation):
    raw = "\x1f".join(
        str(part) for part in (code_version(), generation, translation.get_language(), *parts)
    )
    return f"{KEY_PREFIX}{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _timeout(timeout):
    limit = settings.FRAGMENT_CACHE_SECONDS
    return limit if timeout is None else max(1, min(int(timeout), limit))


def get_or_set(request, name, parts, compute, timeout=None, refresh=False):
    """The fragment ``name`` for ``parts``, from the cache or from ``compute()`` (always from
    ``compute()`` with ``refresh``, and kept anew)."""
    generation = current_generation() if enabled(request) else None
    if generation is None:
        return compute()
    key = _key(name, parts, generation)
    value = _MISSING if refresh else cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, _timeout(timeout))
    return value


def get_or_set_many(request, name, wanted, compute):
    """``[fragment for parts in wanted]``, read in one request to the cache.

    ``wanted``: {parts: item}; ``compute(items)``: the fragments of the items not found, in
    their order. Returns the fragments in the order of ``wanted``.
    """
    generation = current_generation() if enabled(request) and wanted else None
    if generation is None:
        return compute(list(wanted.values()))
    keys = {parts: _key(name, parts, generation) for parts in wanted}
    found = cache.get_many(keys.values())
    missing = [parts for parts, key in keys.items() if key not in found]
    if missing:
        made = dict(zip(missing, compute([wanted[parts] for parts in missing]), strict=True))
        cache.set_many(
            {keys[parts]: value for parts, value in made.items()},
            _timeout(None),
        )
        found.update({keys[parts]: value for parts, value in made.items()})
    return [found[keys[parts]] for parts in wanted]


# --------------------------------------------------------------- the request's site


def site_for_request(request):
    """The site answering ``request`` (Wagtail's ``Site.find_for_request``), with its root page
    as its own type: three queries on every request that routes to a page, kept here per host
    name and port. A root page behind a view restriction is not kept: Wagtail reads it."""
    from wagtail.models import Site

    from home.queries import is_public

    def read():
        site = Site._find_for_request(request)
        if site is not None:
            root = site.root_page
            if is_public(root):
                site.root_page = root.specific
            else:
                site._state.fields_cache.pop("root_page", None)
        return site

    hostname = request._get_raw_host().lower()
    return get_or_set(request, "site", (hostname, request.get_port()), read)
