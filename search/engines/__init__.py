"""The search engines: one interface, chosen by settings.

``ELASTICSEARCH_URL`` unset, the database engine searches the site's own index tables
(``search.models.SearchEntry``: SQLite FTS5 or PostgreSQL full text). Set, the Elasticsearch
engine searches an index of its own, filled from those same entries; when it cannot answer,
the database engine does (see ``search.service``).
"""

import datetime
import time
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings

# Past EXACT_COUNTS_UP_TO matches, an engine may count a sample of them, about one in
# SAMPLE_EVERY, and give the total and the facet counts as estimates (rounded, ``about``;
# ``Found.estimated``): counting every match of a common word costs more than the rest of the
# search, and nobody needs to know that it has 48,213 rather than 48,000.
EXACT_COUNTS_UP_TO = 5_000
SAMPLE_EVERY = 10
# The most frequent values of each facet that an engine returns.
FACET_VALUES_SHOWN = 30


def about(number, figures=2):
    """``number`` to so many significant figures: what an estimate can honestly claim."""
    if number < 10**figures:
        return number
    magnitude = 10 ** (len(str(number)) - figures)
    return round(number / magnitude) * magnitude


class SearchUnavailable(Exception):
    """The engine cannot answer now (server down, index missing)."""


@dataclass(frozen=True)
class SearchRequest:
    """One question to an engine: the parsed query, who asks, and how to narrow and order."""

    query: object  # search.query.ParsedQuery
    audiences: frozenset
    # {facet name: set of values}: values of one facet widen, facets narrow each other.
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"  # or "newest"
    # "all": every clause must match; "any": the best partial matches.
    match: str = "all"
    offset: int = 0
    limit: int = 10
    with_facets: bool = True
    # Forgive typos in the words as typed, where the engine can (Elasticsearch): asked for only
    # once the words as typed found nothing.
    fuzzy: bool = False


@dataclass(frozen=True)
class Hit:
    """One found item, with the text snippets are made from."""

    kind: str
    title: str
    url: str
    date: datetime.date | None
    introduction: str = ""
    body: str = ""
    tags: tuple = ()


@dataclass(frozen=True)
class Found:
    """One page of hits, the total visible to the asker, and facet counts over all of them."""

    total: int
    hits: list = field(default_factory=list)
    # {facet name: [(value, count), …]}, most frequent first.
    facets: dict = field(default_factory=dict)
    # True when the total and the counts are estimates (rounded), not counted one by one.
    estimated: bool = False


class SearchEngine:
    """An engine. One that keeps an index apart (``tracks_changes``) may be unreachable: after
    a failure it is left alone for ``RETRY_AFTER_SECONDS`` (``mark_unreachable``), so that
    neither searches nor saves wait on it again and again while it is down."""

    RETRY_AFTER_SECONDS = 15
    unreachable_until = 0.0
    # While the engine is away, the log says once in this many seconds that the database
    # answers in its place, not once for every search (an outage of a minute is hundreds).
    FALLBACK_REPORT_SECONDS = 60
    fallback_reported_until = 0.0
    name = ""
    # Whether the engine keeps a copy of the entries that must be sent every change.
    tracks_changes = False
    # Whether the engine can forgive typos itself (SearchRequest.fuzzy).
    fuzzy = False

    def search(self, request):
        """The ``Found`` page of hits for ``request``."""
        raise NotImplementedError

    def write(self, documents, *, deleted=()):
        """Store these documents and drop the ``(source, object_id)`` pairs in ``deleted``;
        raise ``search.index.EngineUnreachable`` when the engine cannot be reached."""

    def rebuild(self, *, stdout, chunk_size):
        raise NotImplementedError

    def status(self):
        """Lines describing the engine and its index, for ``search_index --status``."""
        raise NotImplementedError

    def delete_all_indices(self):
        """Remove every index this engine made apart from the database's own tables."""

    def mark_unreachable(self):
        self.unreachable_until = time.monotonic() + self.RETRY_AFTER_SECONDS

    def mark_reachable(self):
        self.unreachable_until = 0.0
        # The next outage is reported at once.
        self.fallback_reported_until = 0.0

    def fallback_to_report(self):
        """Whether a search the database answers in this engine's place is to be logged as a
        warning now (else at debug level): once per FALLBACK_REPORT_SECONDS while it lasts."""
        now = time.monotonic()
        if now < self.fallback_reported_until:
            return False
        self.fallback_reported_until = now + self.FALLBACK_REPORT_SECONDS
        return True

    @property
    def presumed_down(self):
        return time.monotonic() < self.unreachable_until


def get_engine():
    url = settings.ELASTICSEARCH_URL
    if url:
        return _elasticsearch_engine(url, settings.SEARCH_INDEX_PREFIX)
    return database_engine()


def database_engine():
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


@cache
def _elasticsearch_engine(url, prefix):
    # One engine, and so one connection pool, per server and index name for the process.
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(url, index_prefix=prefix)
