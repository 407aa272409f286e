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


class CardImageLookupTests(TestCase):
    """A list of cards asks the cache for its images' renditions once, not once per card."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import NewsPageFactory, build_site_tree

        cls.tree = build_site_tree()
        cls.add_news = lambda count: [
            NewsPageFactory(parent=cls.tree.news_index, listing_image=SiteImageFactory())
            for _ in range(count)
        ]
        cls.add_news(2)

    def cache_requests(self, url):
        """How many requests the page makes of the cache: with Redis, each is a round trip."""
        self.client.get(url)  # the renditions are made and cached
        backend = SiteImage.get_rendition_model().cache_backend
        requests = []
        get, get_many = backend.get, backend.get_many

        def one(*args, **kwargs):
            requests.append(args[0])
            return get(*args, **kwargs)

        def many(keys, *args, **kwargs):
            requests.append(keys)
            # The test's in-memory cache answers several keys by asking for each in turn.
            with mock.patch.object(backend, "get", get):
                return get_many(keys, *args, **kwargs)

        with mock.patch.object(backend, "get", one), mock.patch.object(backend, "get_many", many):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(requests)

    def test_more_cards_ask_the_cache_no_more_often(self):
        url = self.tree.news_index.url
        few = self.cache_requests(url)

        self.add_news(6)

        self.assertEqual(self.cache_requests(url), few)
