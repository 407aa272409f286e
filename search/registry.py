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

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Prefetch
from django.http import HttpRequest
from django.utils.text import Truncator

PUBLIC = "public"
AUDIENCE_NAME = re.compile(r"^[a-z]+[0-9]*$")

SUMMARY_WORDS = 40

# The facets a search can be narrowed by, in the order the results page shows them. "kind"
# and "year" come from every item; sources add the others where they mean something.
FACETS = {
    "kind": "Type",
    "topic": "Topic",
    "country": "Country",
    "year": "Year",
    "stage": "Stage",
    "cpv": "CPV division",
}


@dataclass(frozen=True)
class SearchDocument:
    """One item as the index stores it, whatever the engine.

    Sources fill in the text, the address, the date and their own facets; ``document_for``
    adds the source, the kind and the audiences.
    """

    object_id: str
    title: str
    url: str
    introduction: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    date: date | None = None
    # (facet name, value) pairs beyond kind and year, e.g. ("topic", "Laptops").
    facets: tuple[tuple[str, str], ...] = ()
    source: str = ""
    kind: str = ""
    audience: tuple[str, ...] = ()

    @property
    def doc_id(self):
        return document_id(self.source, self.object_id)

    @property
    def summary(self):
        return summarise(self.introduction or self.body)

    def all_facets(self):
        """Every (name, value) pair the item is counted under, without repeats."""
        pairs = {("kind", self.kind): None}
        if self.date:
            pairs[("year", str(self.date.year))] = None
        for name, value in self.facets:
            if name not in FACETS:
                raise ImproperlyConfigured(f"Unknown search facet {name!r} (see FACETS).")
            if value:
                pairs[(name, str(value)[:200])] = None
        return list(pairs)


@dataclass(frozen=True)
class SearchResult:
    """What a results page shows of one item."""

    kind: str
    title: str
    url: str
    date: date | None
    summary: str
    # The passage matching the query, escaped, with the query's words in <mark>; "" if none.
    snippet: str = ""
    tags: tuple[str, ...] = ()

    def as_json(self):
        return {
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
            "summary": self.summary,
            "snippet": str(self.snippet),
            "tags": list(self.tags),
        }


def document_id(source_key, object_id):
    return f"{source_key}:{object_id}"


def summarise(text):
    """The start of an introduction or body, when no passage matches the query."""
    return Truncator(text).words(SUMMARY_WORDS, truncate="…")


class ContentSource:
    """One kind of item in the search, declared once by the app that owns it.

    A source answers three questions, each a method, and every engine reads the answers:

    - which objects may belong in the index (``get_indexable_objects``, for a rebuild);
    - who may see an object now (``audiences``): nobody (an empty tuple) keeps it out of the
      index altogether, so drafts, withdrawn and deleted things are never found;
    - how an object reads in the index (``to_document``).

    ``refresh_on`` maps other models to a function giving this source's objects affected by a
    change to one of theirs (a tender's entry holds its documents' text, so a new document
    version refreshes the tender).
    """

    model: type[Model]
    label: str

    def __init__(self, model, *, label, key=None, refresh_on=None):
        self.model = model
        self.label = label
        self.key = key or model._meta.label_lower
        self.refresh_on = dict(refresh_on or {})

    def __repr__(self):
        return f"<{type(self).__name__} {self.key} ({self.label})>"

    def get_indexable_objects(self):
        return self.model._default_manager.all()

    def audiences(self, obj):
        """The audiences allowed to see this object, e.g. ``(PUBLIC,)``; ``()`` for nobody."""
        raise NotImplementedError

    def to_document(self, obj):
        """The object as a :class:`SearchDocument`, or ``None`` if it cannot be shown."""
        raise NotImplementedError

    def document_for(self, obj):
        """What engines index for ``obj``, or ``None`` when it belongs in no index now."""
        audiences = tuple(dict.fromkeys(self.audiences(obj)))
        if not audiences:
            return None
        for name in audiences:
            if not AUDIENCE_NAME.match(name):
                raise ImproperlyConfigured(
                    f"{self!r} gave the audience {name!r}: use lower-case letters, optionally "
                    "followed by digits (e.g. 'members', 'org12')."
                )
        document = self.to_document(obj)
        if document is None:
            return None
        return replace(document, source=self.key, kind=self.label, audience=audiences)


def indexed(name, queryset=None):
    """A prefetch of the relation ``name`` for a rebuild, read by :func:`related`.

    Kept as a plain list on each object: a plain ``prefetch_related`` builds a filtered
    queryset on every object for every relation, which cost a rebuild of 100,000 items more
    than the reading itself.
    """
    return Prefetch(name, queryset=queryset, to_attr=f"indexed_{name}")


def related(obj, name):
    """``obj``'s ``name`` relation as a list: as :func:`indexed` fetched it for a whole chunk
    of a rebuild, or read now (one object saved)."""
    try:
        return getattr(obj, f"indexed_{name}")
    except AttributeError:
        return list(getattr(obj, name).all())


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

    def dependents(self, obj):
        """``(source, objects)`` for every source whose entries show something of ``obj``."""
        for source in self._sources.values():
            for model, find in source.refresh_on.items():
                if isinstance(obj, model):
                    yield source, find(obj)

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
    "FACETS",
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
