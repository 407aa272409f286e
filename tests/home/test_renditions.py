"""Renditions found in the cache are used as they are, not written back to it on every view
(home/models/media.py): with Redis, each write would be a round trip per image per page."""

from unittest import mock

from django.test import TestCase

from home.models import SiteImage
from tests.factories import SiteImageFactory

SPEC = "fill-640x360"


class RenditionCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image_id = SiteImageFactory().pk

    def image(self):
        return SiteImage.objects.get(pk=self.image_id)

    def cache_writes(self, image):
        backend = image.get_rendition_model().cache_backend
        with (
            mock.patch.object(backend, "set", wraps=backend.set) as set_one,
            mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many,
        ):
            rendition = image.get_rendition(SPEC)
        return rendition, set_one.call_count + set_many.call_count

    def test_a_new_rendition_is_made_and_cached(self):
        rendition, writes = self.cache_writes(self.image())

        self.assertEqual(rendition.filter_spec, SPEC)
        self.assertEqual(writes, 1)

    def test_a_cached_rendition_is_not_written_again(self):
        made = self.image().get_rendition(SPEC)

        rendition, writes = self.cache_writes(self.image())

        self.assertEqual(rendition.pk, made.pk)
        self.assertEqual(writes, 0)

    def test_a_rendition_missing_from_the_cache_is_read_from_the_database_and_cached(self):
        made = self.image().get_rendition(SPEC)
        made.cache_backend.clear()

        rendition, writes = self.cache_writes(self.image())

        self.assertEqual(rendition.pk, made.pk)
        self.assertEqual(writes, 1)
        self.assertEqual(self.image().renditions.count(), 1)

    def test_prefetched_renditions_are_used_without_the_cache(self):
        made = self.image().get_rendition(SPEC)
        image = SiteImage.objects.prefetch_renditions(SPEC).get(pk=self.image_id)

        rendition, writes = self.cache_writes(image)

        self.assertEqual(rendition.pk, made.pk)
        self.assertEqual(writes, 0)
