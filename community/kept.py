"""Parts of the members' area's pages kept between requests, as the public pages' parts are
(home/fragments.py), under stricter rules because what members see depends on who they are.

- Every key names whom its part is for: one member (``user:<id>``), or an object the view
  has checked the asker may see, with whatever changes among those who may (whether they
  may edit it, whether they moderate). A part that shows anything of one person's own state
  is kept for that person alone (their unread count, their filter choices) or left out of
  the part and drawn for each request (follow buttons, edit and moderation links, the "new"
  marks, a CSRF token: never kept at all).
- Every key holds the members' area's *generation*, bumped by any change to what the area
  shows (``connect``): a tender, its documents, lots, clauses and history, a thread, a post,
  a moderator's decision, a member, an organisation, an account, its groups and permissions.
  So an edit shows on the next request, and a change of who may see what (a post hidden, a
  tender shared with one organisation only, a role taken away) leaves nothing kept from
  before. Not bumped by the area's bookkeeping (a thread's read position, notifications,
  follows, calendar feeds): nothing kept shows them.
- The keys also hold what home/fragments.py adds to every fragment: the page cache's
  generation (a public page named in a part, such as a resource a tender draws on), the
  version of the code and templates, the language.

With the cache unavailable, or ``FRAGMENT_CACHE_SECONDS=0``, every part is drawn for every
request.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from home import fragments

GENERATION_KEY = "community:generation"

# The area's own apps, and the accounts whose names, groups and permissions it shows and
# obeys. What changes on nearly every request and shows in no kept part is left out.
AREA_APPS = {"community", "discussions", "library", "auth", "account"}
BOOKKEEPING = {
    "discussions.threadvisit",
    "discussions.notification",
    "discussions.notificationsetting",
    "discussions.follow",
    "library.deadlinefeed",
    "account.emailconfirmation",
}


# Changes this process has made: a request that has made one since it read the generation
# reads it again, so that it never draws from what it has just changed.
_changes = 0


def generation(request):
    """The area's generation, read once per request (again after a change); None when the
    cache is unavailable."""
    if request is None:
        return None
    read = getattr(request, "_community_generation", None)
    if read is None or read[1] != _changes:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, secrets.randbits(62), timeout=None)
            value = cache.get(GENERATION_KEY)
        read = request._community_generation = (value, _changes)
    return read[0]


def get_or_set(request, name, parts, compute, refresh=False):
    """The part ``name`` for ``parts`` (which must name whom it is for), from the cache or
    from ``compute()`` (always from ``compute()`` with ``refresh``, and kept anew)."""
    current = generation(request) if fragments.enabled(request) else None
    if current is None:
        return compute()
    return fragments.get_or_set(
        request, f"community:{name}", (current, *parts), compute, refresh=refresh
    )


def area_changed():
    """Something the area shows has changed: nothing kept before may be shown again. Bumped
    at once, and again when the transaction commits, because a part drawn meanwhile by
    another process read the data as it was before (as home.caching does for pages): once
    per transaction, however many of its saves call this."""
    _bump()
    connection = transaction.get_connection()
    if not any(callback is _bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_bump, robust=True)


def _bump():
    global _changes
    _changes += 1
    cache.set(GENERATION_KEY, secrets.randbits(62), timeout=None)


def _shown(model):
    label = model._meta.label_lower
    return model._meta.app_label in AREA_APPS and label not in BOOKKEEPING


def _saved(sender, update_fields=None, **kwargs):
    if not _shown(sender):
        return
    # Logging in writes the time of the login: nothing the area shows.
    if sender is get_user_model() and update_fields and set(update_fields) <= {"last_login"}:
        return
    area_changed()


def _deleted(sender, **kwargs):
    if _shown(sender):
        area_changed()


def _related_changed(sender, instance, action, **kwargs):
    # A user's groups and permissions, a group's permissions, a tender's co-editors, codes
    # and tags, a member's topics.
    if action.startswith("post_") and (_shown(type(instance)) or _shown(kwargs["model"])):
        area_changed()


def connect():
    post_save.connect(_saved, dispatch_uid="community_kept.post_save")
    post_delete.connect(_deleted, dispatch_uid="community_kept.post_delete")
    m2m_changed.connect(_related_changed, dispatch_uid="community_kept.m2m_changed")
