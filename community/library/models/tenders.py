from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel


class Procedure(models.TextChoices):
    # OCDS procurementMethodDetails; ``ocds_method`` gives the OCDS procurementMethod.
    OPEN = "open", "Open"
    RESTRICTED = "restricted", "Restricted"
    COMPETITIVE_DIALOGUE = "competitive_dialogue", "Competitive dialogue"
    NEGOTIATED = "negotiated", "Negotiated"
    INNOVATION_PARTNERSHIP = "innovation_partnership", "Innovation partnership"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Call-off from a framework"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    PLANNING = "planning", "Planning"
    MARKET_ENGAGEMENT = "market_engagement", "Market engagement"
    OPEN_FOR_BIDS = "open_for_bids", "Open for bids"
    EVALUATION = "evaluation", "Evaluation"
    AWARDED = "awarded", "Awarded"
    CONTRACT_MANAGEMENT = "contract_management", "Contract management"
    CLOSED = "closed", "Closed"


class Visibility(models.TextChoices):
    MEMBERS = "members", "All members"
    ORGANISATION = "organisation", "Only my organisation"


class Currency(models.TextChoices):
    EUR = "EUR", "Euro (EUR)"
    GBP = "GBP", "Pound sterling (GBP)"
    CHF = "CHF", "Swiss franc (CHF)"
    DKK = "DKK", "Danish krone (DKK)"
    SEK = "SEK", "Swedish krona (SEK)"
    NOK = "NOK", "Norwegian krone (NOK)"
    PLN = "PLN", "Polish złoty (PLN)"
    CZK = "CZK", "Czech koruna (CZK)"
    HUF = "HUF", "Hungarian forint (HUF)"
    RON = "RON", "Romanian leu (RON)"
    BGN = "BGN", "Bulgarian lev (BGN)"


class TenderTag(TagBase):
    """The members' own tags, apart from the public site's: a tag coined on a private tender
    must never appear in the public tag pages or suggestions."""

    class Meta:
        verbose_name = "tender tag"
        verbose_name_plural = "tender tags"


class TaggedTender(TaggedItemBase):
    tag = models.ForeignKey(TenderTag, on_delete=models.CASCADE, related_name="tagged_tenders")
    content_object = ParentalKey(
        "library.Tender", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TenderQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_at__isnull=True)

    def in_cpv(self, code):
        """Tenders whose main or additional codes are ``code`` or below it."""
        from community.library.models.cpv import significant_digits

        prefix = significant_digits(code)
        return self.filter(
            Q(main_cpv__code__startswith=prefix) | Q(additional_cpv__code__startswith=prefix)
        ).distinct()

    def closing_between(self, start, end):
        return self.filter(submission_deadline__gte=start, submission_deadline__lt=end)


class Tender(ClusterableModel):
    """A member's tender, shaped after the OCDS 1.1 ``tender`` object so it can be exchanged."""

    title = models.CharField(max_length=255, help_text="The tender's title as published.")
    buyer = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenders",
        help_text="The buying organisation, if it is in the list.",
    )
    buyer_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="The buying organisation's name, when it is not in the list.",
    )
    country = CountryField(help_text="Where the buyer is.")
    main_cpv = models.ForeignKey(
        "library.CpvCode",
        on_delete=models.PROTECT,
        related_name="main_tenders",
        verbose_name="main CPV code",
        help_text="The code that best describes what is bought.",
    )
    additional_cpv = models.ManyToManyField(
        "library.CpvCode",
        blank=True,
        related_name="additional_tenders",
        verbose_name="additional CPV codes",
    )
    procedure = models.CharField(max_length=32, choices=Procedure.choices, default=Procedure.OPEN)
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.PLANNING)
    estimated_value = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Without VAT."
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    publication_date = models.DateField(null=True, blank=True)
    clarification_deadline = models.DateTimeField(null=True, blank=True)
    submission_deadline = models.DateTimeField(null=True, blank=True)
    award_date = models.DateField(null=True, blank=True)
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, max_length=5000, help_text="What is bought, and why.")
    criteria = models.TextField(
        blank=True,
        max_length=20000,
        verbose_name="social and environmental criteria and clauses",
        help_text="The criteria, specifications and contract clauses used, in your words or "
        "quoted.",
    )
    inspired_by = models.ManyToManyField(
        "resources.ResourcePage",
        blank=True,
        related_name="+",
        help_text="Public resources of this site the criteria drew on.",
    )
    notice_url = models.URLField(
        blank=True, max_length=500, help_text="The public notice, e.g. on TED."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="shared_tenders",
        help_text="The member who shared it.",
    )
    co_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_edited_tenders",
        help_text="Other members who may edit it.",
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        on_delete=models.PROTECT,
        related_name="shared_tenders",
        help_text="The organisation of the member who shared it; with 'only my "
        "organisation', only its members see the tender.",
    )
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    tags = ClusterTaggableManager(through=TaggedTender, blank=True)
    imported_ocid = models.CharField(
        max_length=128,
        blank=True,
        editable=False,
        help_text="The Open Contracting ID of a tender imported from an OCDS package.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("buyer"), FieldPanel("buyer_name"), FieldPanel("country")],
            heading="Buyer",
        ),
        MultiFieldPanel(
            [FieldPanel("main_cpv"), FieldPanel("procedure"), FieldPanel("stage")],
            heading="What and how",
        ),
        MultiFieldPanel([FieldPanel("estimated_value"), FieldPanel("currency")], heading="Value"),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("clarification_deadline"),
                FieldPanel("submission_deadline"),
                FieldPanel("award_date"),
                FieldPanel("contract_start"),
                FieldPanel("contract_end"),
            ],
            heading="Dates",
        ),
        FieldPanel("summary"),
        FieldPanel("criteria"),
        FieldPanel("notice_url"),
        FieldPanel("tags"),
        InlinePanel("lots", label="Lot"),
        MultiFieldPanel(
            [FieldPanel("owner"), FieldPanel("organisation"), FieldPanel("visibility")],
            heading="Sharing",
        ),
    ]

    objects = TenderQuerySet.as_manager()

    # How a tender draws itself in a list (templates/includes/card.html).
    card_template = "library/includes/tender_card.html"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:library:tender", args=[self.pk])

    @property
    def buyer_display(self):
        return self.buyer.name if self.buyer else self.buyer_name

    @staticmethod
    def ocid_prefix():
        return settings.OCDS_OCID_PREFIX

    @property
    def ocid(self):
        return self.imported_ocid or f"{settings.OCDS_OCID_PREFIX}-{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def closes_in_days(self, now=None):
        """Whole days until submissions close, or None if closed or no deadline."""
        if not self.submission_deadline:
            return None
        left = self.submission_deadline - (now or timezone.now())
        return left.days if left.total_seconds() > 0 else None

    def log(self, action, user, detail=""):
        return TenderEvent.objects.create(tender=self, action=action, user=user, detail=detail)


class Lot(models.Model):
    tender = ParentalKey(Tender, on_delete=models.CASCADE, related_name="lots")
    title = models.CharField(max_length=255)
    cpv = models.ForeignKey(
        "library.CpvCode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="CPV code",
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("title"), FieldPanel("cpv")]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title


class TenderEvent(models.Model):
    """The tender's history: who shared, edited, added a document or withdrew it, when."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=64)
    detail = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action} {self.detail}".strip()
