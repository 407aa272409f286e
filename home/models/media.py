"""The site's own image and document models.

Custom from the first migration so that fields can be added later (extracted document
text for search, licences, ...) without swapping models under existing data.
"""

from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

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

    def get_rendition(self, filter):
        # Wagtail's own writes the rendition to the cache every time, even one it has just read
        # from the cache or from the prefetched renditions: a pickling, and with Redis a round
        # trip, for every image on every page view. Here only a rendition read from the
        # database or newly made (Wagtail's own method, below) is stored.
        if isinstance(filter, str):
            filter = Filter(spec=filter)
        if isinstance(filter, Filter):
            found = self._find_rendition_without_database(self.clean_filter_for_svg(filter))
            if found is not None:
                return found
        return super().get_rendition(filter)

    def find_existing_renditions(self, *filters):
        # Wagtail marks the renditions it finds among the prefetched ones, so that
        # get_renditions() does not write them back to the cache, but not those it finds in
        # the cache itself, which it then writes back on every view. Marked here.
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        keys = {_cache_key(self, filter): filter for filter in filters}
        found = {}
        for key, rendition in self.get_rendition_model().cache_backend.get_many(keys).items():
            rendition.image = self
            rendition._from_cache = True
            found[keys[key]] = rendition
        missing = [filter for filter in filters if filter not in found]
        if missing:
            found.update(super().find_existing_renditions(*missing))
        return found

    def _find_rendition_without_database(self, filter):
        if self._get_prefetched_renditions() is not None:
            return self.find_existing_renditions(filter).get(filter)
        read_ahead = self.__dict__.get("_renditions_read_ahead", {})
        if filter.spec in read_ahead:
            rendition = read_ahead[filter.spec]
        else:
            rendition = self.get_rendition_model().cache_backend.get(_cache_key(self, filter))
        if rendition is not None:
            rendition.image = self  # as Wagtail does: the alt text set on this image counts
        return rendition


def _cache_key(image, filter):
    return image.get_rendition_model().construct_cache_key(
        image, filter.get_cache_key(image), filter.spec
    )


def read_renditions_ahead(images, spec):
    """Looks up the ``spec`` rendition of each of ``images`` in the cache, in one request.

    For a list of cards: one round trip to Redis for all their images instead of one per
    image as each card is shown. What is found (or known missing) is kept on the image, for
    its ``get_rendition``.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    filter = Filter(spec=spec)
    wanted = []
    for image in images:
        clean = image.clean_filter_for_svg(filter)
        wanted.append((_cache_key(image, clean), image, clean.spec))
    found = SiteRendition.cache_backend.get_many({key for key, _, _ in wanted})
    for key, image, clean_spec in wanted:
        image.__dict__.setdefault("_renditions_read_ahead", {})[clean_spec] = found.get(key)


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
