"""News, events and resources in the site search: all public, all pages."""

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

register(PageSource(NewsPage, label="News", tags=("tags",), date="listing_date"))
register(
    PageSource(
        EventPage,
        label="Event",
        text_fields=(
            "body",
            "agenda",
            "venue_name",
            "venue_address",
            "organiser",
            "held_alongside",
        ),
        tags=("tags",),
        date="listing_date",
    )
)
register(PageSource(ResourcePage, label="Resource", tags=("tags", "topics"), date="listing_date"))

# The listings themselves are findable too ("events" should find the events page), as pages.
for index_model in (NewsIndexPage, EventIndexPage, ResourceIndexPage):
    register(PageSource(index_model, label="Page", text_fields=()))

# Where a search that finds nothing suggests looking instead.
register_browse_link("News", listing_url(NewsIndexPage))
register_browse_link("Events", listing_url(EventIndexPage))
register_browse_link("Resources", listing_url(ResourceIndexPage))
