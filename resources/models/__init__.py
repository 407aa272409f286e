from .events import EventIndexPage, EventPage
from .library import ResourceDocument, ResourceIndexPage, ResourceKind, ResourcePage
from .news import NewsIndexPage, NewsPage, NewsPageRelatedLink
from .tags import EventPageTag, NewsPageTag, ResourcePageTag
from .topics import Topic

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedLink",
    "NewsPageTag",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "ResourcePageTag",
    "Topic",
]
