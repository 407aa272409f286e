"""What goes into the site's search, and who may see each item.

``search`` never names a content type. Each app describes its own content in an
``indexing.py`` module, registering one :class:`ContentSource` per kind of item::

    # resources/indexing.py
    from search.pages import PageSource
    from search.registry import register

    register(PageSource(NewsPage, label="News", date="listing_date", tags=("tags",)))

``SiteSearchConfig.ready`` imports every installed app's ``indexing`` module, so registering
needs nothing in the app's own ``AppConfig``.

Visibility is expressed as *audiences*: every indexed item carries the audiences allowed to
see it, every search is filtered to the audiences of whoever is asking, and a visitor's only
audience is :data:`PUBLIC`. An app with private content registers an audience provider that
grants more names to some users (for example ``"members"`` to approved members) and sources
whose items carry those names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest
from django.utils.text import Truncator

PUBLIC = "public"

SUMMARY_WORDS = 40


@dataclass(frozen=True)
class SearchDocument:
    """One item as the index stores it, whatever the engine."""

    object_id: str
    title: str
    url: str
    introduction: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    date: date | None = None
    # Filled in from the source by ``ContentSource.document_for``. An item whose source names
    # no audience is found by nobody.
    source: str = ""
    kind: str = ""
    audience: tuple[str, ...] = ()

    @property
    def doc_id(self):
        return document_id(self.source, self.object_id)

    @property
    def summary(self):
        return summarise(self.introduction or self.body)

    def as_result(self):
        return SearchResult(
            kind=self.kind, title=self.title, url=self.url, date=self.date, summary=self.summary
        )


@dataclass(frozen=True)
class SearchResult:
    """What a results page shows of one item."""

    kind: str
    title: str
    url: str
    date: date | None
    summary: str


def document_id(source_key, object_id):
    return f"{source_key}:{object_id}"


def summarise(text):
    """The snippet shown under a result: the start of its introduction or body."""
    return Truncator(text).words(SUMMARY_WORDS, truncate="…")


class ContentSource:
    """One kind of item in the search, declared by the app that owns it.

    A source answers four questions, each a method:

    - which objects belong in the index (``get_indexable_objects`` for a rebuild,
      ``is_indexable`` for one object after a change);
    - how an object reads in the index (``to_document``);
    - who may see an object (``audiences``), which the Elasticsearch engine stores with it;
    - what a set of audiences may see (``visible_q``), which the database engine applies as
      it searches the models themselves. It must agree with ``audiences``: the behaviour tests
      hold both engines to the same results.

    Nothing is visible by default: ``audiences`` and ``visible_q`` have no default answer.
    """

    model: type[Model]
    label: str

    def __init__(self, model, *, label, key=None):
        self.model = model
        self.label = label
        self.key = key or model._meta.label_lower

    def __repr__(self):
        return f"<{type(self).__name__} {self.key} ({self.label})>"

    @property
    def search_model(self):
        """The model the database engine queries; sources sharing it are searched together."""
        return self.model

    def get_indexable_objects(self):
        """Every object that belongs in the index now: only those, so a rebuild need not
        check each one."""
        return self.model._default_manager.all()

    def is_indexable(self, obj):
        """Whether one object, as it is in the database now, belongs in the index."""
        return True

    def audiences(self, obj):
        """The audiences allowed to see this object, e.g. ``(PUBLIC,)``."""
        raise NotImplementedError

    def to_document(self, obj):
        """The object as a :class:`SearchDocument`, or ``None`` if it cannot be shown."""
        raise NotImplementedError

    def visible_q(self, audiences):
        """A ``Q`` over ``search_model`` selecting what these audiences may see, or ``None``
        when they may see nothing of this source."""
        raise NotImplementedError

    def document_for(self, obj):
        """``to_document`` with the audiences filled in: what engines index and show."""
        document = self.to_document(obj)
        if document is None:
            return None
        return replace(
            document, source=self.key, kind=self.label, audience=tuple(self.audiences(obj))
        )

    def result_for(self, obj):
        """What a results page shows of the object, for engines that search the models
        themselves. Override when that can be had more cheaply than a whole document."""
        document = self.document_for(obj)
        return document.as_result() if document else None


@dataclass(frozen=True)
class BrowseLink:
    """A place to browse instead, offered when a search finds nothing."""

    text: str
    # ``url(request)`` gives the address, or None when there is nothing to browse there yet.
    url: Callable[[HttpRequest], str | None]


@dataclass
class SearchRegistry:
    _sources: dict[str, ContentSource] = field(default_factory=dict)
    _audience_providers: list = field(default_factory=list)
    _browse_links: list[BrowseLink] = field(default_factory=list)

    def register(self, source):
        if source.key in self._sources:
            raise ImproperlyConfigured(
                f"Two search sources use the key {source.key!r}: {self._sources[source.key]!r} "
                f"and {source!r}. Give one of them another key."
            )
        self._sources[source.key] = source
        return source

    def unregister(self, key):
        self._sources.pop(key, None)

    def sources(self):
        return list(self._sources.values())

    def get(self, key):
        return self._sources.get(key)

    def source_for_model(self, model):
        for source in self._sources.values():
            if source.model is model:
                return source
        return None

    def source_for(self, obj):
        return self.source_for_model(type(obj))

    def register_audience_provider(self, provider):
        """``provider(user)`` returns the audience names, beyond public, that the user has."""
        self._audience_providers.append(provider)
        return provider

    def unregister_audience_provider(self, provider):
        if provider in self._audience_providers:
            self._audience_providers.remove(provider)

    def audiences_for(self, user):
        audiences = {PUBLIC}
        for provider in self._audience_providers:
            audiences.update(provider(user))
        return frozenset(audiences)

    def register_browse_link(self, text, url):
        link = BrowseLink(text=text, url=url)
        self._browse_links.append(link)
        return link

    def browse_links(self, request):
        """``(text, url)`` for each place to browse that exists now."""
        links = ((link.text, link.url(request)) for link in self._browse_links)
        return [(text, url) for text, url in links if url]


registry = SearchRegistry()
register = registry.register
register_audience_provider = registry.register_audience_provider
register_browse_link = registry.register_browse_link


__all__ = [
    "PUBLIC",
    "BrowseLink",
    "ContentSource",
    "SearchDocument",
    "SearchRegistry",
    "SearchResult",
    "document_id",
    "register",
    "register_audience_provider",
    "register_browse_link",
    "registry",
]
