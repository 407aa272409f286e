"""The discussions' access rules for templates (the same functions as the views), and the
unread count in the site's header."""

from django import template
from django.db.models import Count, Max

from community import kept, permissions
from community.discussions.models import Notification
from community.discussions.models.notifications import with_targets

register = template.Library()

# Beyond this many unread, the header says "99+" rather than checking every one.
UNREAD_SHOWN = 99


@register.filter
def visible_to(post, user):
    return permissions.can_view_post(user, post)


@register.filter
def quotable_by(post, user):
    return permissions.can_quote_post(user, post)


@register.filter
def editable_by(post, user):
    return permissions.can_edit_post(user, post)


@register.filter
def deletable_by(post, user):
    return permissions.can_delete_post(user, post)


@register.filter
def flaggable_by(post, user):
    return permissions.can_flag_post(user, post)


@register.filter
def moderatable_by(post, user):
    return permissions.can_moderate_post(user, post)


@register.filter
def can_reply(user, thread):
    return permissions.can_reply(user, thread)


@register.filter
def can_moderate(user):
    return permissions.can_moderate(user)


@register.simple_tag(takes_context=True)
def unread_notification_count(context, user):
    """Unread notifications the member may still see: a hidden post's drop out.

    Checking each one reads what it is about, so the answer is kept for this member alone
    (community/kept.py) until they have another notification or read one, or anything in the
    area changes (and with it, perhaps, what they may see); their list of notifications
    checks every one again (``unread_checked_afresh``) and keeps that answer instead.
    """
    if not permissions.can_manage_notifications(user):
        return 0
    unread = Notification.objects.filter(recipient=user).unread()
    found = unread.aggregate(count=Count("pk"), last=Max("pk"))
    if not found["count"]:
        return 0

    def count():
        notifications = with_targets(unread[: UNREAD_SHOWN + 1])
        return sum(1 for n in notifications if permissions.can_view_notification(user, n))

    return kept.get_or_set(
        context.get("request"),
        "unread-count",
        (f"user:{user.pk}", found["count"], found["last"]),
        count,
        refresh=bool(context.get("unread_checked_afresh")),
    )
