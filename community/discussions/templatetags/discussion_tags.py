"""The discussions' access rules for templates (the same functions as the views), and the
unread count in the site's header."""

from django import template

from community import permissions
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


@register.simple_tag
def unread_notification_count(user):
    """Unread notifications the member may still see: a hidden post's drop out."""
    if not permissions.can_manage_notifications(user):
        return 0
    unread = with_targets(Notification.objects.filter(recipient=user).unread()[: UNREAD_SHOWN + 1])
    return sum(1 for n in unread if permissions.can_view_notification(user, n))
