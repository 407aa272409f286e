from unittest import mock

from django.core.cache import cache
from django.test import TestCase
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds import embeds

from home.blocks import EmbedWithFallbackBlock, LinkBlock, link_href, link_text
from tests.factories import build_site_tree


class LinkBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.about = build_site_tree().about

    def clean(self, **raw):
        block = LinkBlock()
        value = block.to_python({"page": None, "url": "", "text": "", **raw})
        return block.clean(value)

    def assert_refused(self, field, message, **raw):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(**raw)
        errors = caught.exception.block_errors
        self.assertEqual(list(errors), [field])
        self.assertEqual(errors[field].messages, [message])

    def test_a_link_with_neither_page_nor_address_is_refused(self):
        self.assert_refused("page", "Choose a page or enter an address (one of the two).")

    def test_a_link_with_both_page_and_address_is_refused(self):
        self.assert_refused(
            "page",
            "Choose a page or enter an address (one of the two).",
            page=self.about.pk,
            url="https://electronicswatch.org/",
            text="Electronics Watch",
        )

    def test_an_address_without_link_text_is_refused(self):
        self.assert_refused(
            "text",
            "A link to another site needs words that say where it goes.",
            url="https://electronicswatch.org/",
        )

    def test_a_page_link_takes_the_page_title_when_it_has_no_text(self):
        value = self.clean(page=self.about.pk)

        self.assertEqual(link_href(value), self.about.url)
        self.assertEqual(link_text(value), self.about.title)

    def test_an_address_with_text_is_accepted(self):
        value = self.clean(url="https://electronicswatch.org/", text="Electronics Watch")

        self.assertEqual(link_href(value), "https://electronicswatch.org/")
        self.assertEqual(link_text(value), "Electronics Watch")


class EmbedBlockTests(TestCase):
    # No oEmbed provider knows this address, so Wagtail refuses it without any network call:
    # the same path a provider that is down or answers nonsense takes.
    URL = "https://video.invalid/watch/market-engagement"

    def setUp(self):
        cache.clear()

    def render(self):
        block = EmbedWithFallbackBlock()
        return block.render(block.to_python(self.URL))

    def test_an_embed_that_cannot_be_fetched_renders_a_plain_link(self):
        with self.assertLogs("home.blocks", level="WARNING"):
            html = self.render()

        self.assertIn(f'href="{self.URL}"', html)

    def test_a_failed_embed_is_not_asked_for_again_on_the_next_view(self):
        with mock.patch("home.blocks.embeds.get_embed", wraps=embeds.get_embed) as get_embed:
            with self.assertLogs("home.blocks", level="WARNING"):
                self.render()
            html = self.render()

        self.assertEqual(get_embed.call_count, 1)
        self.assertIn(f'href="{self.URL}"', html)
