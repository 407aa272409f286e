"""Everything the demo site says, as data: each page, image, document and topic by key, with
its fields named as the model names them. The builders write it; nothing here touches the
database."""

from resources.demo.content.events import EVENTS, SLIDES
from resources.demo.content.library import RESOURCES, TOPICS
from resources.demo.content.media import IMAGES, PUBLICATIONS
from resources.demo.content.news import NEWS
from resources.demo.content.site import (
    HOME,
    INDEXES,
    NAVIGATION,
    SITE_SETTINGS,
    STANDARD_PAGES,
)

DOCUMENTS = {**SLIDES, **PUBLICATIONS}

__all__ = [
    "DOCUMENTS",
    "EVENTS",
    "HOME",
    "IMAGES",
    "INDEXES",
    "NAVIGATION",
    "NEWS",
    "RESOURCES",
    "SITE_SETTINGS",
    "STANDARD_PAGES",
    "TOPICS",
]
