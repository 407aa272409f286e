from django.conf import settings
from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from community.storage import private_storage


class ProfileField(models.TextChoices):
    """The parts of a profile a member may show to other members (or keep to themselves).

    Name and organisation are always shown: they are what makes the directory useful.
    """

    EMAIL = "email", "Email address"
    JOB_TITLE = "job_title", "Job title"
    COUNTRY = "country", "Country"
    BIO = "bio", "About me"
    TOPICS = "topics", "Topics I work on"
    PHOTO = "photo", "Photo"


DEFAULT_SHARED_FIELDS = [
    ProfileField.JOB_TITLE,
    ProfileField.COUNTRY,
    ProfileField.BIO,
    ProfileField.TOPICS,
    ProfileField.PHOTO,
]


def default_shared_fields():
    return [str(field) for field in DEFAULT_SHARED_FIELDS]


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Member.Status.ACTIVE, user__is_active=True)

    def pending(self):
        return self.filter(status=Member.Status.PENDING)

    def in_directory(self):
        return self.active().filter(listed_in_directory=True)


class Member(index.Indexed, models.Model):
    """Someone's place in the interest group: application, membership state and profile.

    Staff without a membership still run the area from the admin; see ``permissions``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        ACTIVE = "active", "Member"
        REJECTED = "rejected", "Not approved"
        LAPSED = "lapsed", "Lapsed"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="Change it with Approve, Reject or Lapse, which also email the person.",
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The organisation the member works for.",
    )
    job_title = models.CharField(max_length=120, blank=True, help_text="e.g. ICT buyer.")
    country = CountryField(blank=True, help_text="Where the member works.")
    bio = models.TextField(
        blank=True, max_length=2000, help_text="A few sentences other members see."
    )
    topics = models.ManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="+",
        help_text="The subjects the member works on, from the site's topics.",
    )
    photo = models.ImageField(
        storage=private_storage,
        upload_to="profile-photos/",
        blank=True,
        help_text="Shown only to members, and only if the member chooses to show it.",
    )
    photo_alt_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who cannot see it.",
    )
    listed_in_directory = models.BooleanField(
        default=True, help_text="Whether other members find this person in the directory."
    )
    shared_fields = models.JSONField(
        default=default_shared_fields,
        blank=True,
        help_text="The parts of the profile other members see.",
    )

    # The application
    motivation = models.TextField(
        blank=True, max_length=3000, help_text="Why the applicant wants to join."
    )
    privacy_consent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person agreed to the privacy notice."
    )
    applied_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decision_message = models.TextField(
        blank=True, editable=False, help_text="The message sent with the last decision."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("job_title"), FieldPanel("country")],
            heading="Work",
        ),
        MultiFieldPanel(
            [
                FieldPanel("bio"),
                FieldPanel("topics"),
                FieldPanel("photo"),
                FieldPanel("photo_alt_text"),
            ],
            heading="Profile",
        ),
        MultiFieldPanel(
            [FieldPanel("listed_in_directory"), FieldPanel("motivation", read_only=True)],
            heading="Directory and application",
        ),
    ]

    search_fields = [
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.RelatedFields(
            "user",
            [
                index.SearchField("first_name"),
                index.SearchField("last_name"),
                index.SearchField("email"),
            ],
        ),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("status"),
    ]

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        permissions = [
            ("access_members_area", "Can use the members area"),
            ("moderate_members_area", "Can moderate the members area"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.user.get_full_name() or self.user.email

    @property
    def email(self):
        return self.user.email

    @property
    def is_active_member(self):
        return self.status == self.Status.ACTIVE and self.user.is_active

    def shares(self, field):
        return str(field) in (self.shared_fields or [])
