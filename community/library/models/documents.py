import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from community.storage import private_storage
from home.document_text import ExtractedTextMixin


class DocumentKind(models.TextChoices):
    NOTICE = "notice", "Notice"
    SPECIFICATION = "specification", "Specification"
    AWARD_CRITERIA = "award_criteria", "Award criteria"
    CONTRACT_CLAUSES = "contract_clauses", "Contract clauses"
    EVALUATION_REPORT = "evaluation_report", "Evaluation report"
    MARKET_ENGAGEMENT = "market_engagement", "Market-engagement slides"
    CONTRACT = "contract", "Contract"
    OTHER = "other", "Other"


def version_path(version, filename):
    # A random folder per version: names need not be unique, and nothing about the tender or
    # its owner can be read from the path.
    return f"tenders/{uuid.uuid4().hex}/{filename}"


class TenderDocument(models.Model):
    """A document of a tender; its file is in its versions, the newest being current."""

    tender = models.ForeignKey("library.Tender", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)
    title = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def current(self):
        versions = list(self.versions.all())
        return versions[0] if versions else None


class DocumentVersion(ExtractedTextMixin, models.Model):
    document = models.ForeignKey(TenderDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to=version_path, max_length=255)
    filename = models.CharField(max_length=200, help_text="The name it is downloaded under.")
    file_type = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=255, blank=True, help_text="What changed.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_number_per_version")
        ]

    def __str__(self):
        return f"{self.document} (version {self.number})"
