from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    """A member's report that a post needs a moderator's eye."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or disrespectful"
        OFF_TOPIC = "off_topic", "Off topic"
        PERSONAL_DATA = "personal_data", "Shares someone's personal data"
        CONFIDENTIAL = "confidential", "Shares confidential tender information"
        OTHER = "other", "Something else"
        # Not a member's report: a new member's post, held until a moderator has read it.
        HELD = "held", "New member's post, held for a check"

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", "Post hidden"
        KEPT = "kept", "Post kept"

    post = models.ForeignKey("discussions.Post", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    panels = [FieldPanel("reason", read_only=True), FieldPanel("note", read_only=True)]

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"

    @property
    def is_open(self):
        return self.resolved_at is None


class ModerationAction(models.Model):
    """One thing a moderator did, and why: the log staff read in the admin.

    ``summary`` keeps what was acted on in words, so the log still reads when the thread or
    post is gone.
    """

    class Kind(models.TextChoices):
        PIN = "pin", "Pinned the thread"
        UNPIN = "unpin", "Unpinned the thread"
        LOCK = "lock", "Locked the thread"
        UNLOCK = "unlock", "Unlocked the thread"
        CLOSE = "close", "Closed the thread"
        REOPEN = "reopen", "Reopened the thread"
        MOVE = "move", "Moved the thread"
        HIDE = "hide", "Hid a post"
        UNHIDE = "unhide", "Showed a hidden post again"
        KEEP = "keep", "Kept a flagged post"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(
        "discussions.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        "discussions.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    summary = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "moderation log entry"
        verbose_name_plural = "moderation log"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

    def get_absolute_url(self):
        target = self.post or self.thread
        return target.get_absolute_url() if target else ""
