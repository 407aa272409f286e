from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone


class Follow(models.Model):
    """A member following something: a thread, a category, and later a tender or a CPV code.

    Generic, so that the apps owning those things need no table of their own for it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="discussions_one_follow"
            )
        ]

    def __str__(self):
        return f"{self.user} follows {self.target}"


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", "By email, straight away"
    DAILY = "daily", "In a daily email digest"
    WEEKLY = "weekly", "In a weekly email digest"
    NEVER = "never", "Not by email (on the site only)"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


def with_targets(notifications):
    """The notifications as a list, with what the access rules read of them loaded together:
    their targets, a post's or a moderation notice's thread and each thread's subject, in one
    query for each kind of thing rather than several for each notification. Nothing is decided
    here: ``permissions.can_view_notification`` still checks each one."""
    from community.discussions.models import ModerationAction, Post, Thread

    notifications = list(notifications)
    prefetch_related_objects(
        notifications,
        GenericPrefetch(
            "target",
            [
                Post.objects.select_related("thread"),
                ModerationAction.objects.select_related("post__thread"),
            ],
        ),
    )
    threads = []
    for notification in notifications:
        target = notification.target
        if isinstance(target, Thread):
            threads.append(target)
        elif isinstance(target, Post):
            threads.append(target.thread)
        elif isinstance(target, ModerationAction) and target.post is not None:
            threads.append(target.post.thread)
    prefetch_related_objects(threads, "subject")
    # A tender's co-editors may see it whatever it is shared with.
    tenders = [thread.subject for thread in threads] + [n.target for n in notifications]
    tenders = [t for t in tenders if t is not None and t._meta.label_lower == "library.tender"]
    prefetch_related_objects(tenders, "co_editors")
    return notifications


class Notification(models.Model):
    """Something a member should hear about, on the site and, as they choose, by email.

    ``kind`` is one of the kinds registered in ``community.discussions.notifications``; the
    target is what it is about, and is checked against the access rules again whenever the
    notification is shown or sent.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an email (single or digest) has told the member, so nothing is sent twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} for {self.recipient}"

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationSetting(models.Model):
    """A member's choice of how to hear about one kind of notification by email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=12, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="discussions_one_setting")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.delivery}"
