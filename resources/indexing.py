"""News, events and resources in the site search.

What each page is searched by is its model's ``search_fields``; who may see it, its view
restrictions (``search.pages``). Here: how each kind is labelled, dated and faceted.
"""

from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
)
from search.pages import PageSource, listing_url
from search.registry import register, register_browse_link


def names(*relations):
    """A facet's values: the names of the page's related tags or topics."""

    def values(page):
        return [str(item) for relation in relations for item in getattr(page, relation).all()]

    return values


register(PageSource(NewsPage, label="News", date="listing_date", facets={"topic": names("tags")}))
register(PageSource(EventPage, label="Event", date="listing_date", facets={"topic": names("tags")}))
register(
    PageSource(
        ResourcePage,
        label="Resource",
        date="listing_date",
        facets={"topic": names("topics", "tags")},
    )
)

# The listings themselves are findable too ("events" should find the events page), as pages.
for index_model in (NewsIndexPage, EventIndexPage, ResourceIndexPage):
    register(PageSource(index_model, label="Page"))

# Where a search that finds nothing suggests looking instead.
register_browse_link("News", listing_url(NewsIndexPage))
register_browse_link("Events", listing_url(EventIndexPage))
register_browse_link("Resources", listing_url(ResourceIndexPage))
