"""The site's own image and document models.

Custom from the first migration so that fields can be added later (extracted document
text for search, licences, ...) without swapping models under existing data.
"""

from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from home.document_text import ExtractedTextMixin
from home.private_files import private_storage


class SiteImage(AbstractImage):
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer or source, shown under the image where the design allows.",
    )

    admin_form_fields = Image.admin_form_fields + ("credit",)

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    @property
    def alt_text(self):
        # Wagtail's "description" field is its alternative text; templates ask for it by name.
        return self.description


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class SiteDocument(ExtractedTextMixin, AbstractDocument):
    # Outside MEDIA_ROOT, which the web server serves to anyone: every download goes through
    # Wagtail's document view, which checks the collection's and the pages' restrictions.
    file = models.FileField(upload_to="documents", storage=private_storage, verbose_name="file")
    description = models.TextField(
        blank=True,
        help_text="One or two sentences saying what the document is, shown next to its link.",
    )

    admin_form_fields = Document.admin_form_fields + ("description",)

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    @property
    def extension_label(self):
        return self.file_extension.upper() if self.file_extension else "file"
