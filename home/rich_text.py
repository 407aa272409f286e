"""Rich text whose links to pages cost one query per page shown, not one per paragraph.

Wagtail reads the pages a paragraph links to when the paragraph is shown: a query for the
pages, then one for each page type among them, for every paragraph with a link. Here the
paragraphs of a stream read their linked pages together, once, when the first is shown; each
page comes as its own type, with only the fields every page has (all an address needs).
"""

from contextvars import ContextVar

from wagtail import blocks
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

# The pages read for the paragraphs being shown: {str(id): page or None}.
_pages_read = ContextVar("rich_text_pages_read", default=None)


def _read_pages(ids):
    # An id that is not a number (a link pasted in by hand, say) names no page.
    numbers = [pk for pk in ids if str(pk).isdigit()]
    pages = list(Page.objects.filter(id__in=numbers).defer_streamfields().specific(defer=True))
    # Each page would otherwise look up the sites' root paths for its address by itself.
    root_paths = Site.get_site_root_paths() if pages else None
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths
    found = {str(page.pk): page for page in pages}
    return {str(pk): found.get(str(pk)) for pk in ids}


def pages_for_links(ids):
    """{str(id): page or None} for the linked pages ``ids``: from those read for the stream
    being shown where possible (Wagtail's page link handler asks here, see wagtail_hooks.py)."""
    ids = [str(pk) for pk in ids]
    pages = _pages_read.get() or {}
    missing = [pk for pk in ids if pk not in pages]
    if missing:
        pages = {**pages, **_read_pages(missing)}
    return pages


class _StreamLinks:
    """The pages linked from a stream's paragraphs, read when the first one is shown."""

    def __init__(self, sources):
        self.sources = sources
        self._pages = None

    def pages(self):
        if self._pages is None:
            ids = {
                attrs.get("id")
                for source in self.sources
                for match in FIND_A_TAG.finditer(source)
                if (attrs := extract_attrs(match.group(1))).get("linktype") == "page"
            }
            self._pages = _read_pages(ids) if ids else {}
        return self._pages


class StreamRichText(RichText):
    def __init__(self, source, links):
        super().__init__(source)
        self.links = links

    def __html__(self):
        token = _pages_read.set(self.links.pages())
        try:
            return super().__html__()
        finally:
            _pages_read.reset(token)


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, whose paragraphs in one stream share their page lookups."""

    def bulk_to_python(self, values):
        # Wagtail converts all the paragraphs of a stream here, together.
        values = list(values)
        links = _StreamLinks([value or "" for value in values])
        return [StreamRichText(value, links) for value in values]


# Stored and edited exactly as Wagtail's block: migrations record it under Wagtail's name.
DECONSTRUCT_ALIASES = {RichTextBlock: "wagtail.blocks.RichTextBlock"}
