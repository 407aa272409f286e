"""Everything the demo site says, as data. The builders write it; nothing here touches the
database."""

from resources.demo.content.events import EVENTS, SLIDES
from resources.demo.content.library import RESOURCES, TOPICS
from resources.demo.content.media import DOCUMENTS, IMAGES
from resources.demo.content.news import NEWS
from resources.demo.content.site import HOME, INDEXES, SITE_SETTINGS, STANDARD_PAGES

ALL_DOCUMENTS = (*SLIDES, *DOCUMENTS)

__all__ = [
    "ALL_DOCUMENTS",
    "EVENTS",
    "HOME",
    "IMAGES",
    "INDEXES",
    "NEWS",
    "RESOURCES",
    "SITE_SETTINGS",
    "STANDARD_PAGES",
    "TOPICS",
]
