"""The search engines: one interface, chosen by settings.

``ELASTICSEARCH_URL`` unset, the database engine searches through Wagtail's own database
backend (SQLite FTS5 or PostgreSQL full text). Set, the Elasticsearch engine searches an index
of its own that ``manage.py search_index --rebuild`` builds and the signal handlers in
``search.signals`` keep current.
"""

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings


class SearchUnavailable(Exception):
    """The engine cannot answer now (server down, index missing); visitors are told so."""


@dataclass(frozen=True)
class Found:
    """One page of results: the total visible to the asker, and the results on this page."""

    total: int
    results: list = field(default_factory=list)


class SearchEngine:
    name = ""
    # Whether the engine keeps a copy of the content that must be told about every change.
    tracks_changes = False

    def search(self, query, audiences, *, offset=0, limit=10):
        """The ``Found`` page of results for ``query`` that ``audiences`` may see."""
        raise NotImplementedError

    def update(self, source, objects):
        """Bring these objects' entries in line with the database: add, replace or remove."""

    def remove(self, source, object_ids):
        """Drop the entries of objects that no longer exist."""

    def rebuild(self, *, stdout, chunk_size):
        raise NotImplementedError

    def status(self):
        """Lines describing the engine and its index, for ``search_index --status``."""
        raise NotImplementedError

    def delete_all_indices(self):
        """Remove every index this engine made. An engine that keeps its index in the
        database's own tables has nothing apart to remove."""


def get_engine():
    url = settings.ELASTICSEARCH_URL
    if url:
        return _elasticsearch_engine(url, settings.SEARCH_INDEX_PREFIX)
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


@cache
def _elasticsearch_engine(url, prefix):
    # One engine, and so one connection pool, per server and index name for the process.
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(url, index_prefix=prefix)
