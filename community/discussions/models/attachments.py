import uuid

from django.db import models

from community.storage import private_storage
from home.document_text import ExtractedTextMixin


def attachment_path(attachment, filename):
    # A random folder per file, as for tender documents: the path tells nothing.
    return f"attachments/{uuid.uuid4().hex}/{filename}"


class Attachment(ExtractedTextMixin, models.Model):
    """A file on a post, kept and served under the same rules as tender documents: checked by
    its content, stored privately, downloaded only by those who may see the post."""

    post = models.ForeignKey(
        "discussions.Post", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=255)
    filename = models.CharField(max_length=200)
    file_type = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.filename
