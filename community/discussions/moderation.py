"""What moderators do to threads, posts and flags. Every step is written to the moderation log
(who, what, when, why) in the same transaction as the change, so neither exists without the
other; the author of a hidden post is told why."""

from django.db import transaction
from django.utils import timezone

from community.discussions import notifications
from community.discussions.models import Flag, ModerationAction

Kind = ModerationAction.Kind

THREAD_CHANGES = {
    Kind.PIN: ("is_pinned", True),
    Kind.UNPIN: ("is_pinned", False),
    Kind.LOCK: ("is_locked", True),
    Kind.UNLOCK: ("is_locked", False),
    Kind.CLOSE: ("is_closed", True),
    Kind.REOPEN: ("is_closed", False),
}


def _log(moderator, kind, *, reason, summary, thread=None, post=None):
    return ModerationAction.objects.create(
        moderator=moderator,
        kind=kind,
        thread=thread or (post.thread if post else None),
        post=post,
        reason=reason,
        summary=summary[:300],
    )


@transaction.atomic
def change_thread(thread, kind, *, moderator, reason, category=None):
    kind = Kind(kind)
    if kind == Kind.MOVE:
        summary = f"“{thread.title}” from {thread.category} to {category}"
        thread.category = category
        thread.save(update_fields=["category"])
    else:
        field, value = THREAD_CHANGES[kind]
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        summary = f"“{thread.title}”"
    return _log(moderator, kind, reason=reason, summary=summary, thread=thread)


@transaction.atomic
def hide_post(post, *, moderator, reason):
    post.hidden_at = timezone.now()
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    action = _log(moderator, Kind.HIDE, reason=reason, summary=_post_summary(post), post=post)
    _resolve_flags(post, moderator, Flag.Outcome.HIDDEN)
    transaction.on_commit(lambda: notifications.post_moderated(action))
    return action


@transaction.atomic
def unhide_post(post, *, moderator, reason):
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return _log(moderator, Kind.UNHIDE, reason=reason, summary=_post_summary(post), post=post)


@transaction.atomic
def keep_post(post, *, moderator, reason):
    """The flags on a post were looked at and the post stays."""
    action = _log(moderator, Kind.KEEP, reason=reason, summary=_post_summary(post), post=post)
    _resolve_flags(post, moderator, Flag.Outcome.KEPT)
    return action


def flag_post(post, *, by, reason, note=""):
    return Flag.objects.create(post=post, flagged_by=by, reason=reason, note=note)


def _resolve_flags(post, moderator, outcome):
    post.flags.open().update(resolved_at=timezone.now(), resolved_by=moderator, outcome=outcome)


def _post_summary(post):
    return f"post {post.pk} by {post.author_name} in “{post.thread.title}”"
