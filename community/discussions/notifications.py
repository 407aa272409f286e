"""What members hear about, and how: the kinds of notification, who gets each, and delivery.

Each kind is registered here (the tender library registers its own, such as a tender shared in
a followed CPV code) with the label a member sees in their settings and the email delivery it
has until they choose. A notification is made only for a member who may see its target, and
checked again when it is shown or emailed (``permissions.can_view_notification``). Emails are
sent by background tasks (``tasks``), never in the request.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from community.discussions import follows
from community.discussions.models import Delivery, Notification, NotificationSetting
from community.discussions.models.threads import author_name
from community.permissions import can_see


@dataclass(frozen=True)
class Kind:
    key: str
    # What the member chooses a delivery for, on their settings page.
    label: str
    default: Delivery
    # One line of plain text about a notification of this kind (escaped where it is shown).
    describe: Callable[[Notification], str]


_kinds: dict[str, Kind] = {}


def register(kind):
    _kinds[kind.key] = kind
    return kind


def kinds():
    return list(_kinds.values())


def kind_of(notification):
    return _kinds.get(notification.kind)


def describe(notification):
    kind = kind_of(notification)
    return kind.describe(notification) if kind else "Something happened in the members' area."


def delivery_for(user, kind_key):
    chosen = NotificationSetting.objects.filter(user=user, kind=kind_key).first()
    if chosen is not None:
        return chosen.delivery
    kind = _kinds.get(kind_key)
    return kind.default if kind else Delivery.NEVER


def choose_delivery(user, kind_key, delivery):
    NotificationSetting.objects.update_or_create(
        user=user, kind=kind_key, defaults={"delivery": delivery}
    )


def notify(kind_key, recipients, target, *, actor=None):
    """Tell each recipient who may see ``target``, except the actor, once; returns the
    notifications made."""
    made = []
    seen = set()
    for user in recipients:
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        if not can_see(user, target):
            continue
        made.append(
            Notification.objects.create(recipient=user, kind=kind_key, target=target, actor=actor)
        )
    immediate = [n.pk for n in made if delivery_for(n.recipient, kind_key) == Delivery.IMMEDIATELY]
    if immediate:
        from community.discussions.tasks import send_notification_email

        transaction.on_commit(lambda: [send_notification_email.enqueue(pk) for pk in immediate])
    return made


# The discussions' own kinds, and when each is sent


def _thread_of(target):
    return getattr(target, "thread", target)


def post_added(post, mentioned):
    """A post was written: mentioned members, then the thread's (or, for a new thread, the
    category's) followers, each told once."""
    thread = post.thread
    author = post.author
    told = {user.pk for user in notify("mention", mentioned, post, actor=author)} | {
        getattr(author, "pk", None)
    }
    if thread.posts.values_list("pk", flat=True).first() == post.pk:
        followers = [u for u in follows.followers_of(thread.category) if u.pk not in told]
        notify("new_thread", followers, thread, actor=author)
        return
    followers = list(follows.followers_of(thread))
    if thread.subject is not None:
        followers += list(follows.followers_of(thread.subject))
    notify("reply", [u for u in followers if u.pk not in told], post, actor=author)


def mentioned(post, users):
    notify("mention", users, post, actor=post.author)


def post_moderated(action):
    """Tell a post's author what a moderator did to it, and why."""
    if action.post is not None and action.post.author is not None:
        notify("moderation", [action.post.author], action, actor=action.moderator)


def _actor(notification):
    return author_name(notification.actor)


register(
    Kind(
        "reply",
        "Replies in threads you follow",
        Delivery.IMMEDIATELY,
        lambda n: f"{_actor(n)} replied in “{_thread_of(n.target)}”",
    )
)
register(
    Kind(
        "mention",
        "Mentions of you",
        Delivery.IMMEDIATELY,
        lambda n: f"{_actor(n)} mentioned you in “{_thread_of(n.target)}”",
    )
)
register(
    Kind(
        "new_thread",
        "New threads in categories you follow",
        Delivery.DAILY,
        lambda n: f"{_actor(n)} started “{n.target}” in {n.target.category}",
    )
)
register(
    Kind(
        "moderation",
        "Moderators' decisions about your posts",
        Delivery.IMMEDIATELY,
        lambda n: (
            f"A moderator {n.target.get_kind_display().lower()} you wrote in "
            f"“{n.target.post.thread}”: {n.target.reason}"
        ),
    )
)
