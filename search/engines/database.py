"""Search through Wagtail's database backend: no server, no copy of the content to keep.

Wagtail keeps its own index tables current on every save, so this engine only has to ask the
right question: the registered sources say, as a ``Q``, what the asker may see, and the
sources that share a model (every page source shares ``Page``) are searched in one query.
"""

import logging
from collections import defaultdict
from functools import reduce
from operator import or_

from django.core.management import call_command
from django.db import DatabaseError, connection

from search.engines import Found, SearchEngine, SearchUnavailable
from search.query import query_terms
from search.registry import PUBLIC, registry

logger = logging.getLogger(__name__)

SCORE = "_search_score"


class DatabaseEngine(SearchEngine):
    name = "database"

    def search(self, query, audiences, *, offset=0, limit=10):
        terms = query_terms(query)
        if not terms:
            return Found(total=0)
        searches = [
            queryset.search(" ".join(terms), operator="and")
            for queryset in self.visible_querysets(audiences)
        ]
        try:
            if len(searches) == 1:
                total = searches[0].count()
                objects = list(searches[0][offset : offset + limit])
            else:
                total, objects = self._merge(searches, offset, limit)
        except DatabaseError as error:
            logger.exception("Database search failed for %r", query)
            raise SearchUnavailable from error
        return Found(total=total, results=self._results(objects))

    def visible_querysets(self, audiences):
        """One queryset per searched model, holding only what ``audiences`` may see."""
        sources_by_model = defaultdict(list)
        for source in registry.sources():
            sources_by_model[source.search_model].append(source)
        querysets = []
        for model, sources in sources_by_model.items():
            conditions = [q for q in (s.visible_q(audiences) for s in sources) if q is not None]
            if conditions:
                queryset = model._default_manager.filter(reduce(or_, conditions))
                # Pages come back as their own classes, so each finds its source.
                if hasattr(queryset, "specific"):
                    queryset = queryset.specific()
                querysets.append(queryset)
        return querysets

    def _merge(self, searches, offset, limit):
        # Scores from one backend are comparable across models (they index into the same
        # table), but SQLite's bm25 ranks lower as better while PostgreSQL ranks higher.
        best_first = connection.vendor != "sqlite"
        total = sum(search.count() for search in searches)
        candidates = [
            obj for search in searches for obj in search.annotate_score(SCORE)[: offset + limit]
        ]
        candidates.sort(key=lambda obj: getattr(obj, SCORE) or 0, reverse=best_first)
        return total, candidates[offset : offset + limit]

    def _results(self, objects):
        results = []
        for obj in objects:
            source = registry.source_for(obj)
            result = source.result_for(obj) if source else None
            if result is not None:
                results.append(result)
        return results

    def rebuild(self, *, stdout, chunk_size):
        stdout.write(
            "The database engine searches Wagtail's own index, which Wagtail updates on every "
            "save. Rebuilding it with Wagtail's update_index:"
        )
        call_command("update_index", chunk_size=chunk_size, stdout=stdout)

    def status(self):
        from wagtail.search.models import IndexEntry

        lines = [
            f"Engine: database (Wagtail's database search backend on {connection.vendor})",
            f"Index entries (all of Wagtail's indexed models): {IndexEntry.objects.count()}",
            "Visible to the public, by source:",
        ]
        for source in registry.sources():
            q = source.visible_q({PUBLIC})
            count = source.search_model._default_manager.filter(q).count() if q else 0
            lines.append(f"  {source.key} ({source.label}): {count}")
        return lines
