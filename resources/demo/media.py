"""Images and documents of the demo, found by title and updated in place."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from resources.demo import files

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _file_missing(field_file):
    # A database kept while the media folder was wiped: the row is fine, the file is not.
    return not field_file.name or not field_file.storage.exists(field_file.name)


def ensure_image(spec):
    """The image titled ``spec.title`` with the spec's description, drawn when new or when its
    file has gone. Returns (image, outcome)."""
    model = get_image_model()
    image = model.objects.filter(title=spec.title).order_by("pk").first()
    if image is None:
        image = model(title=spec.title, collection=Collection.get_first_root_node())
        outcome = CREATED
    elif _file_missing(image.file):
        image.renditions.all().delete()  # they were cut from the file that has gone
        outcome = UPDATED
    elif image.description != spec.description:
        outcome = UPDATED
    else:
        return image, UNCHANGED
    if outcome == CREATED or _file_missing(image.file):
        image.file = ContentFile(files.abstract_png(spec), name=f"{spec.key}.png")
        image._set_image_file_metadata()
    image.description = spec.description
    image.save()
    return image, outcome


def ensure_document(spec):
    """The document titled ``spec.title``: a placeholder PDF, written when new or when its file
    has gone. Returns (document, outcome)."""
    model = get_document_model()
    document = model.objects.filter(title=spec.title).order_by("pk").first()
    if document is None:
        document = model(title=spec.title, collection=Collection.get_first_root_node())
        outcome = CREATED
    elif _file_missing(document.file) or document.description != spec.description:
        outcome = UPDATED
    else:
        return document, UNCHANGED
    if outcome == CREATED or _file_missing(document.file):
        document.file = ContentFile(files.placeholder_pdf(spec), name=f"{spec.key}.pdf")
        document._set_document_file_metadata()
    document.description = spec.description
    document.save()
    return document, outcome
