from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text="e.g. Supply-chain monitoring.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The category's part of its address."
    )
    description = models.TextField(
        blank=True, max_length=500, help_text="One or two sentences on what belongs here."
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Categories are listed from the lowest number up."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:discussions:category", args=[self.slug])


class ThreadQuerySet(models.QuerySet):
    def by_activity(self):
        """Pinned threads first, then the most recently active."""
        return self.order_by("-is_pinned", "-last_post_at", "-pk")

    def about(self, subject):
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
        )


class Thread(models.Model):
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="threads",
        help_text="Where the thread is listed.",
    )
    title = models.CharField(max_length=200, help_text="What the conversation is about.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # The thread stays when its author's account is deleted, as from a former member.
        on_delete=models.SET_NULL,
        related_name="discussion_threads",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # What the thread is about, when it is about one thing (a tender, an event page): the
    # app that owns the thing attaches the thread, so this app imports none of them.
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    is_pinned = models.BooleanField(
        default=False, help_text="Pinned threads are listed before all others."
    )
    is_locked = models.BooleanField(
        default=False, help_text="A locked thread takes no replies (a moderator's decision)."
    )
    is_closed = models.BooleanField(
        default=False, help_text="A closed thread is finished: it takes no replies."
    )

    # Kept true by ``community.discussions.posting`` whenever a post is added.
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("is_pinned"),
        FieldPanel("is_locked"),
        FieldPanel("is_closed"),
    ]

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        constraints = [
            # One conversation per tender or event page.
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=models.Q(subject_type__isnull=False),
                name="discussions_one_thread_per_subject",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:discussions:thread", args=[self.pk])

    @property
    def takes_replies(self):
        return not (self.is_locked or self.is_closed)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_posts",
    )
    body = models.TextField(help_text="Markdown, as the author wrote it.")
    # Rendered and sanitised once, when the text is saved (see ``markup``).
    body_html = models.TextField(editable=False, blank=True)
    # Shown as the quoted post is *now*, so a quote never keeps alive what was hidden or
    # deleted after it was quoted.
    quoted = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    hidden_reason = models.CharField(
        max_length=500, blank=True, help_text="Shown in the post's place while it is hidden."
    )

    panels = [FieldPanel("body", read_only=True), FieldPanel("hidden_reason", read_only=True)]

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Post {self.pk} in “{self.thread}”"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}?post={self.pk}#post-{self.pk}"

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_edited(self):
        return self.edited_at is not None

    @property
    def author_name(self):
        return author_name(self.author)


def author_name(user):
    if user is None:
        return "A former member"
    return user.get_full_name() or user.username


class PostRevision(models.Model):
    """A post's text before one of its edits (or its deletion): for moderators only."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} as it was before {self.replaced_at:%d %B %Y %H:%M}"


class ThreadVisit(models.Model):
    """How far a member has read a thread: posts after ``read_until`` are new to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_visits"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    read_until = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="discussions_one_visit")
        ]

    def __str__(self):
        return f"{self.user} read “{self.thread}” until {self.read_until}"
