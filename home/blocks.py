"""StreamField blocks shared by every page type."""

import hashlib
import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from home.rich_text import RichTextBlock

logger = logging.getLogger(__name__)

EMBED_RETRY_AFTER = 10 * 60  # seconds before a provider that failed is asked again

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, help_text="A page of this site…")
    url = blocks.URLBlock(required=False, label="URL", help_text="…or an address elsewhere.")
    text = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="The link's words. Leave empty to use the page's title. Needed for an address.",
    )

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError("Choose a page or enter an address (one of the two).")
        elif value.get("url") and not value.get("text"):
            errors["text"] = ValidationError(
                "A link to another site needs words that say where it goes."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_searchable_content(self, value):
        return [value.get("text") or ""]


def link_href(value, request=None):
    page = value.get("page")
    return page.get_url(request) if page else value.get("url")


def link_text(value):
    page = value.get("page")
    return value.get("text") or (page.title if page else value.get("url"))


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text="Who said it, and their role or organisation."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_links_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, help_text="One or two sentences of encouragement.")
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"


class EmbedWithFallbackBlock(EmbedBlock):
    """An embed whose visitors always get at least a link, even when the provider is down."""

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed"] = self._fetch(value) if value else None
        return context

    @staticmethod
    def _fetch(value):
        # Wagtail caches embeds it fetched, not failures: without this, every view of a page
        # with a dead embed would wait on the provider again.
        failed_key = "embed-failed:" + hashlib.sha256(value.url.encode()).hexdigest()
        if cache.get(failed_key):
            return None
        try:
            return embeds.get_embed(value.url, value.max_width, value.max_height)
        except Exception:  # noqa: BLE001
            # Finders raise more than EmbedException (network errors, odd JSON from a
            # provider); whatever a third party does, the page renders with its plain link.
            logger.warning("Could not embed %s", value.url, exc_info=True)
            cache.set(failed_key, True, EMBED_RETRY_AFTER)
            return None


class FigureStatBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40, help_text="The figure, e.g. “EUR 50.3 billion”.")
    label = blocks.CharBlock(max_length=200, help_text="What it counts, in a short sentence.")
    source = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "snippet"
        template = "blocks/figure_stat_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120,
        form_classname="title",
        icon="title",
        template="blocks/heading_block.html",
        help_text="A section heading (shown as a level-2 heading).",
    )
    paragraph = RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = FigureBlock()
    quote = QuoteBlock()
    embed = EmbedWithFallbackBlock(help_text="A video or slide deck address (YouTube, Vimeo, …).")
    documents = DocumentLinksBlock()
    call_to_action = CallToActionBlock()


class LinkListBlock(blocks.StreamBlock):
    link = LinkBlock()


def require_alt_text(image, decorative=False):
    """A chosen image must say what it shows, unless an editor marked it decorative."""
    if image and not decorative and not (image.description or "").strip():
        raise ValidationError(
            "This image has no alternative text. Add a description to it in Images, "
            "or choose another image."
        )
