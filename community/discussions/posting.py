"""Starting threads, replying, editing and deleting: each step keeps the thread's counters,
the author's follow and the notifications in line with the posts.

Views check the rules (``community.permissions``) before calling these; other apps (the
tender library, the admin's "continue the conversation") call ``start_thread`` for their
objects.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from community.discussions import follows, markup, notifications
from community.discussions.models import Attachment, Post, PostRevision, Thread, ThreadVisit
from community.models import Member


def mentioned_members(text):
    """The active members whose handles ``text`` mentions, by lower-cased handle."""
    handles = markup.mentioned_handles(text)
    if not handles:
        return {}
    members = (
        Member.objects.active()
        .annotate(handle=Lower("user__username"))
        .filter(handle__in=handles)
        .select_related("user")
    )
    return {member.handle: member for member in members}


def _set_text(post, body):
    mentioned = mentioned_members(body)
    post.body = body
    post.body_html = markup.render(
        body,
        mentions={
            handle: reverse("community:profile", args=[member.pk])
            for handle, member in mentioned.items()
        },
    )
    return [member.user for member in mentioned.values()]


def preview(body):
    post = Post()
    _set_text(post, body)
    return post.body_html


HELD_REASON = (
    "Waiting for a moderator's check: a new member's first posts are read by a moderator "
    "before other members see them."
)


def _hold_if_new(post):
    """Hold a new member's first posts (``DISCUSSIONS_HOLD_FIRST_POSTS`` of them, 0 for
    none) for a moderator: hidden, with the reason shown in place, and in the queue."""
    from community.discussions.models import Flag
    from community.permissions import can_moderate

    limit = settings.DISCUSSIONS_HOLD_FIRST_POSTS
    author = post.author
    if not limit or author is None or can_moderate(author):
        return
    earlier = Post.objects.filter(author=author, hidden_at__isnull=True).exclude(pk=post.pk)
    if earlier.count() >= limit:
        return
    post.hidden_at = timezone.now()
    post.hidden_reason = HELD_REASON
    post.save(update_fields=["hidden_at", "hidden_reason"])
    Flag.objects.create(post=post, reason=Flag.Reason.HELD)


def _added(post, mentioned):
    _hold_if_new(post)
    thread = post.thread
    Thread.objects.filter(pk=thread.pk).update(
        post_count=thread.posts.count(), last_post_at=post.created_at
    )
    if post.author is not None:
        follows.follow(post.author, thread)
        mark_read(post.author, thread, post.created_at)
    transaction.on_commit(lambda: notifications.post_added(post, mentioned))


@transaction.atomic
def start_thread(*, author, category, title, body, subject=None, attachment=None):
    thread = Thread(category=category, title=title, author=author)
    if subject is not None:
        thread.subject = subject
    thread.save()
    post = Post(thread=thread, author=author, created_at=thread.created_at)
    mentioned = _set_text(post, body)
    post.save()
    attach(post, attachment)
    _added(post, mentioned)
    thread.refresh_from_db()
    return thread


@transaction.atomic
def reply(*, author, thread, body, quoted=None, attachment=None):
    post = Post(thread=thread, author=author, quoted=quoted)
    mentioned = _set_text(post, body)
    post.save()
    attach(post, attachment)
    _added(post, mentioned)
    return post


def attach(post, upload):
    """Store ``(upload, checked)`` from a form's attachment field with ``post``, if given."""
    if not upload:
        return None
    file, checked = upload
    attachment = Attachment(
        post=post,
        filename=checked.name,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(checked.name, file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def edit(post, *, body):
    """Replace the text, keeping the earlier one for moderators. Only members mentioned for
    the first time hear of it."""
    if body == post.body:
        return post
    already = set(mentioned_members(post.body))
    PostRevision.objects.create(post=post, body=post.body)
    mentioned = _set_text(post, body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    new = [user for user in mentioned if user.username.lower() not in already]
    transaction.on_commit(lambda: notifications.mentioned(post, new))
    return post


@transaction.atomic
def delete(post):
    """Shown as deleted in place, so replies to it still make sense; the text is kept as a
    revision that only moderators read."""
    PostRevision.objects.create(post=post, body=post.body)
    post.body = ""
    post.body_html = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["body", "body_html", "deleted_at"])
    return post


def mark_read(user, thread, until):
    visit, created = ThreadVisit.objects.get_or_create(
        user=user, thread=thread, defaults={"read_until": until}
    )
    if not created and visit.read_until < until:
        visit.read_until = until
        visit.save(update_fields=["read_until"])


def read_until(user, thread):
    visit = ThreadVisit.objects.filter(user=user, thread=thread).first()
    return visit.read_until if visit else None


def thread_about(subject):
    """The thread about ``subject`` (a tender, an event page), or None."""
    return Thread.objects.about(subject).first()


def start_thread_about(subject, *, category, title, body, author=None):
    """The thread about ``subject``, started with ``body`` if there is none yet."""
    existing = thread_about(subject)
    if existing is not None:
        return existing
    return start_thread(author=author, category=category, title=title, body=body, subject=subject)
