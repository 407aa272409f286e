"""Notification emails, sent by the task worker (``manage.py db_worker`` in production; at once
where the immediate backend is configured).

Each task looks again at what it is about to send: a notification read on the site, already
emailed, or about something the member may no longer see is skipped.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from community.discussions import emails, notifications
from community.discussions.models import Delivery, Notification
from community.permissions import can_view_notification


def _still_worth_sending(notification):
    return (
        notification.read_at is None
        and notification.emailed_at is None
        and can_view_notification(notification.recipient, notification)
    )


@task()
def send_notification_email(notification_id):
    notification = (
        Notification.objects.filter(pk=notification_id).select_related("recipient").first()
    )
    if notification is None or not _still_worth_sending(notification):
        return False
    if notifications.delivery_for(notification.recipient, notification.kind) != (
        Delivery.IMMEDIATELY
    ):
        return False
    emails.send_notifications(notification.recipient, [notification])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task()
def send_digest(user_id, delivery):
    """One email with everything of the kinds the member gets in this digest."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    waiting = Notification.objects.filter(
        recipient=user, read_at__isnull=True, emailed_at__isnull=True
    ).order_by("created_at")
    chosen = {kind.key for kind in notifications.kinds()}
    chosen = {key for key in chosen if notifications.delivery_for(user, key) == delivery}
    due = [n for n in waiting if n.kind in chosen and _still_worth_sending(n)]
    if not due:
        return 0
    emails.send_notifications(user, due, digest=Delivery(delivery))
    Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
    return len(due)


def enqueue_digests(delivery):
    """Queue a digest for every member with something waiting; the command that runs on a
    schedule calls this."""
    recipients = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
        .values_list("recipient", flat=True)
        .distinct()
    )
    count = 0
    for user_id in recipients:
        send_digest.enqueue(user_id, str(delivery))
        count += 1
    return count
