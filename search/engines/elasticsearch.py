"""Search through an Elasticsearch index of the site's own, written with elasticsearch-dsl.

Wagtail's own Elasticsearch backend is not used: it indexes models rather than what a visitor
may see, and builds its indices with ngram analysis that a minimal node does not have. This
index holds one document per entry of the database's index (``SearchEntry``), each naming the
audiences that may see it, and every query is filtered to the asker's audiences. Queries are
built from the same parsed clauses as the database engine's; synonyms are expanded there,
because the minimal test node has no synonym filter.

The index holds the entries' English stems (``search.analysis``), not their text: the node
only splits them at spaces. So Elasticsearch finds exactly the word forms the database engine
finds, whatever analysis modules a node has (the test node has no ``analysis-common``, so no
English analyzer), and indexing costs it almost nothing. It keeps no copy of the text either:
the hits' titles and snippets are read from the entries, which also drops a hit whose entry
has gone or no longer names the asker's audiences, should the index be behind.

Searches read an alias (``<SEARCH_INDEX_PREFIX>-content``). A rebuild fills a fresh index
under a new name and then moves the alias in one atomic step, so nobody ever searches a
half-built index.
"""

import logging
import queue
import threading
from urllib.parse import urlsplit, urlunsplit

from django.db.models import Q
from django.utils import timezone
from elasticsearch import (
    ApiError,
    ConnectionError,
    ConnectionTimeout,
    Elasticsearch,
    NotFoundError,
    TransportError,
)
from elasticsearch.dsl import Date, Document, Index, Keyword, Object, Text
from elasticsearch.dsl import Q as ESQ
from elasticsearch.helpers import BulkIndexError, bulk, streaming_bulk

from search.engines import (
    EXACT_COUNTS_UP_TO,
    FACET_VALUES_SHOWN,
    SAMPLE_EVERY,
    Found,
    SearchEngine,
    SearchUnavailable,
    about,
)
from search.query import essential
from search.registry import FACETS, document_id, registry

logger = logging.getLogger(__name__)

# Title words weigh most, then tags and the introduction, then the body.
SEARCH_FIELDS = ["title^4", "extra^2", "body"]
HIT_FIELDS = ["source", "object_id"]
DEFAULT_CHUNK_SIZE = 500
ADMIN_TIMEOUT = 120
# Any fixed number: the sample of a search's matches is then the same from one page to the next.
SAMPLE_SEED = 2026
# The stems are computed by the site (search.analysis) and separated by spaces; the
# whitespace analyzer is built into every node.
STEMS_ANALYZER = "whitespace"
TEXT_ANALYSIS = "stems from search.analysis, split at spaces"


class ContentDocument(Document):
    source = Keyword()
    object_id = Keyword()
    kind = Keyword()
    title = Text(analyzer=STEMS_ANALYZER)
    # The introduction and the tags.
    extra = Text(analyzer=STEMS_ANALYZER)
    body = Text(analyzer=STEMS_ANALYZER)
    date = Date()
    facets = Object(properties={name: Keyword() for name in FACETS})
    # Who may see the item. Every query filters on it.
    audience = Keyword()


def as_source(entry):
    """A ``SearchEntry`` (with ``facet_pairs``, see ``search.index.with_facets``) as the JSON
    the index stores."""
    facets = {}
    for name, value in entry.facet_pairs:
        facets.setdefault(name, []).append(value)
    return {
        "source": entry.source,
        "object_id": entry.object_id,
        "kind": entry.kind,
        "title": entry.title_stems,
        "extra": entry.extra_stems,
        "body": entry.body_stems,
        "date": entry.date.isoformat() if entry.date else None,
        "facets": facets,
        "audience": entry.audiences.split(),
    }


def index_action(index, entry):
    """The bulk action that writes ``entry`` (with ``facet_pairs``) into ``index``."""
    return {
        "_index": index,
        "_id": document_id(entry.source, entry.object_id),
        "_source": as_source(entry),
    }


class IndexFiller:
    """Sends chunks of entries to the index ``name`` from a thread of its own, so that
    Elasticsearch indexes one chunk while the database writes the next. Used as a context
    manager: leaving it waits for the last chunk, and raises the sending's error, if any."""

    def __init__(self, client, name, *, chunk_size, depth=2):
        self.client, self.name, self.chunk_size = client, name, chunk_size
        self.chunks = queue.Queue(maxsize=depth)
        self.indexed = 0
        self.error = None
        self.thread = threading.Thread(target=self._run, name="search-index-filler", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def send(self, entries):
        self._put(entries)

    def __exit__(self, kind, error, traceback):
        self._put(None)
        self.thread.join()
        if self.error is not None and error is None:
            raise self.error

    def _put(self, item):
        # The thread may have stopped on an error with the queue full: never wait on it then.
        while self.thread.is_alive():
            try:
                self.chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        if self.error is not None and item is not None:
            raise self.error

    def _actions(self):
        while (entries := self.chunks.get()) is not None:
            for entry in entries:
                yield index_action(self.name, entry)

    def _run(self):
        try:
            for ok, _ in streaming_bulk(self.client, self._actions(), chunk_size=self.chunk_size):
                self.indexed += ok
        except BaseException as error:  # noqa: BLE001 - raised in the caller's thread
            self.error = error


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    tracks_changes = True
    fuzzy = True

    def __init__(self, url, *, index_prefix, timeout=3):
        self.url = url
        self.alias = f"{index_prefix}-content"
        # A visitor waiting on a search should get an answer (from the database, if need be)
        # quickly, not hang: one try, a short timeout.
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=0)
        # Building an index is slower work (creating shards, sending batches) and nobody waits
        # on it in a browser.
        self.admin_client = self.client.options(request_timeout=ADMIN_TIMEOUT, max_retries=2)

    # Searching

    def search(self, request):
        text = self.text_query(request.query, request.match, fuzzy=request.fuzzy)
        if text is None:
            return Found(total=0)
        matching = self.visible(request.audiences).query(text)
        for name, values in sorted(request.filters.items()):
            matching = matching.filter("terms", **{f"facets.{name}": sorted(values)})
        page = matching
        if request.sort == "newest":
            page = page.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        page = page.source(HIT_FIELDS)[request.offset : request.offset + request.limit]
        if not request.with_facets:
            response = self.execute(page.extra(track_total_hits=True))
            return Found(total=response.hits.total.value, hits=self.page_hits(response, request))
        # The matches are counted up to EXACT_COUNTS_UP_TO; past that, the total and the facet
        # counts come from a sample of them (the same one each time). Counting them all, the
        # node would score and collect every match of a common word, where the best few
        # suffice for the page.
        sample = page.aggs.bucket(
            "sample", "random_sampler", probability=1 / SAMPLE_EVERY, seed=SAMPLE_SEED
        )
        self.count_facets(sample)
        response = self.execute(page.extra(track_total_hits=EXACT_COUNTS_UP_TO))
        total = response.hits.total
        hits = self.page_hits(response, request)
        if total.relation != "eq":
            sampled = response.aggregations.sample
            facets = self.facet_counts(sampled, scale=SAMPLE_EVERY)
            estimate = about(max(sampled.doc_count * SAMPLE_EVERY, total.value))
            return Found(total=estimate, hits=hits, facets=facets, estimated=True)
        if not total.value:
            return Found(total=0)
        # Few enough to count exactly: that costs the node little once it need not score them.
        counted = matching.extra(size=0, track_total_hits=False)
        self.count_facets(counted.aggs)
        facets = self.facet_counts(self.execute(counted).aggregations)
        return Found(total=total.value, hits=hits, facets=facets)

    @staticmethod
    def count_facets(aggregations):
        for name in FACETS:
            aggregations.bucket(name, "terms", field=f"facets.{name}", size=FACET_VALUES_SHOWN)

    @staticmethod
    def facet_counts(aggregations, *, scale=None):
        """{facet name: [(value, count), …]}, each count times ``scale`` (and rounded) when
        the aggregations counted a sample."""
        facets = {}
        for name in FACETS:
            counts = [(b.key, b.doc_count) for b in getattr(aggregations, name).buckets]
            if scale:
                counts = [(value, about(count * scale)) for value, count in counts]
            if counts:
                facets[name] = counts
        return facets

    def page_hits(self, response, request):
        return self.hits([hit.to_dict() for hit in response], request.audiences)

    def execute(self, search):
        try:
            return search.execute()
        except NotFoundError as error:
            logger.error(
                "The search index %s does not exist. Build it: manage.py search_index --rebuild",
                self.alias,
            )
            raise SearchUnavailable from error
        except ApiError as error:
            logger.warning("Elasticsearch search failed: %s", error)
            raise SearchUnavailable from error
        except TransportError as error:
            # The server does not answer: leave it alone for a moment (see SearchEngine).
            self.mark_unreachable()
            logger.warning("Elasticsearch search failed: %s", error)
            raise SearchUnavailable from error

    @staticmethod
    def alternative_query(alternative, *, original, fuzzy=False, adjacent=True):
        """The words as typed weigh more than their synonyms; typos are forgiven (when asked)
        in what was typed, not in the synonyms added to it. Several words must stand together
        only when ``adjacent`` (quoted); otherwise each must be there, as on the database."""
        text = " ".join(alternative.stems)
        boost = 3.0 if original else 1.0
        if alternative.is_phrase and adjacent:
            return ESQ("multi_match", query=text, fields=SEARCH_FIELDS, type="phrase", boost=boost)
        options = {"fuzziness": "AUTO", "prefix_length": 1} if original and fuzzy else {}
        if alternative.is_phrase:
            words = [
                ESQ("multi_match", query=stem, fields=SEARCH_FIELDS, **options)
                for stem in alternative.stems
            ]
            if original:
                return ESQ("bool", must=words, boost=boost)
            # A synonym of several words ("labour rights" for "working conditions") finds
            # entries, but what it adds to their score does not depend on how often its words
            # occur: each is common alone, and scoring them in every entry that has both cost
            # the node more than the rest of a question. As a filter, the node can also keep
            # its matches from one search to the next. (The database engine scores such a
            # synonym not at all: see ``PostgreSQL.rank_query``.)
            return ESQ("constant_score", filter=ESQ("bool", must=words), boost=boost)
        return ESQ(
            "multi_match", query=text, fields=SEARCH_FIELDS, operator="and", boost=boost, **options
        )

    def text_query(self, parsed, match, *, fuzzy=False):
        clauses = []
        for clause in parsed.clauses:
            # A synonym that contains another alternative ("call for tender", "tender") finds
            # nothing more, and its common words ("for") cost the node more than the rest.
            needed = essential(clause.alternatives)
            options = [
                self.alternative_query(
                    a,
                    original=(index == 0 and not clause.quoted),
                    fuzzy=fuzzy,
                    adjacent=clause.quoted,
                )
                for index, a in enumerate(clause.alternatives)
                if index == 0 or a in needed
            ]
            clauses.append(ESQ("bool", should=options, minimum_should_match=1))
        if not clauses:
            return None
        excluded = [self.alternative_query(a, original=False) for a in parsed.excluded]
        if match == "all":
            return ESQ("bool", must=clauses, must_not=excluded)
        return ESQ("bool", should=clauses, minimum_should_match=1, must_not=excluded)

    def visible(self, audiences):
        """The base of every query: only items that name one of the asker's audiences."""
        return ContentDocument.search(using=self.client, index=self.alias).filter(
            "terms", audience=sorted(audiences)
        )

    @staticmethod
    def hits(found, audiences):
        """The entries of the hits ``found``, in their order, as ``Hit`` objects.

        An entry that is gone, or no longer names one of ``audiences``, is left out: the index
        may lag behind the database (a change waiting in the backlog), and what it says is
        never taken over what the database says now.
        """
        from search.engines.database import STEM_FIELDS, hit_from_entry
        from search.models import SearchEntry

        keys = [(hit["source"], hit["object_id"]) for hit in found]
        if not keys:
            return []
        wanted = Q()
        for source, object_id in keys:
            wanted |= Q(source=source, object_id=object_id)
        entries = {
            (entry.source, entry.object_id): entry
            for entry in SearchEntry.objects.filter(wanted).defer(*STEM_FIELDS)
        }
        hits = []
        for key in keys:
            entry = entries.get(key)
            if entry is None or audiences.isdisjoint(entry.audiences.split()):
                logger.warning("The search index is behind the database on %s:%s", *key)
                continue
            hits.append(hit_from_entry(entry))
        return hits

    # Keeping the index current

    def write(self, entries, *, deleted=()):
        from search.index import EngineUnreachable

        actions = [index_action(self.alias, entry) for entry in entries]
        actions += [
            {"_op_type": "delete", "_index": self.alias, "_id": document_id(source, pk)}
            for source, pk in deleted
        ]
        if not actions:
            return
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                # Writing now would make Elasticsearch create an index with guessed mappings;
                # the rebuild that creates it reads every entry anyway.
                logger.warning(
                    "The search index %s does not exist yet, so this change is not in it. "
                    "Build it: manage.py search_index --rebuild",
                    self.alias,
                )
                return
            # Editors expect to find what they have just published, and changes are few, so
            # each is made searchable at once rather than at the next periodic refresh.
            _, errors = bulk(
                self.client, actions, refresh=True, require_alias=True, raise_on_error=False
            )
        except (ConnectionError, ConnectionTimeout, BulkIndexError) as error:
            raise EngineUnreachable(str(error)) from error
        except TransportError as error:
            raise EngineUnreachable(str(error)) from error
        for error in errors:
            operation, detail = next(iter(error.items()))
            if operation == "delete" and detail.get("status") == 404:
                continue  # It was not in the index: nothing to remove.
            logger.error("Search index update failed: %s", error)

    # The index lifecycle

    def rebuild(self, *, stdout, chunk_size=DEFAULT_CHUNK_SIZE):
        """The database's entries (the source of truth, and the fallback) and a fresh index,
        filled in the same pass, chunk by chunk as the entries are written, then switched to
        in one step."""
        from search.index import rebuild_entries
        from search.models import SearchBacklog

        # Changes published while a rebuild runs reach the old index, and the new one only if
        # the rebuild reads them after the change: rebuild again if editors were busy.
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        stdout.write(f"Creating index {name} (text analysis: {TEXT_ANALYSIS})")
        self._create_index(name)
        try:
            with IndexFiller(self.admin_client, name, chunk_size=chunk_size) as filler:
                stdout.write(f"Sending the entries to {name} as they are written…")
                rebuild_entries(stdout=stdout, chunk_size=chunk_size, written=filler.send)
            # Back to the default: changes searchable within a second of being written.
            self.admin_client.indices.put_settings(
                index=name, settings={"index": {"refresh_interval": None}}
            )
            self.admin_client.indices.refresh(index=name)
        except BaseException:
            # Leave the live index as it was and no half-built one behind.
            self.admin_client.options(ignore_status=404).indices.delete(index=name)
            raise
        previous = self._point_alias_at(name)
        # Everything the backlog held is in the new index.
        SearchBacklog.objects.all().delete()
        stdout.write(f"Indexed {filler.indexed} items. {self.alias} now points at {name}.")
        for old in previous:
            stdout.write(f"Deleted the previous index {old}.")
        return filler.indexed

    def _create_index(self, name):
        index = Index(name, using=self.admin_client)
        # One shard suits a site's worth of content; a replica appears once there is a second
        # node to hold it. Refreshing is left off while the index fills (nobody searches it
        # before the alias moves), and the rebuild refreshes it once at the end.
        index.settings(number_of_shards=1, auto_expand_replicas="0-1", refresh_interval="-1")
        index.document(ContentDocument)
        index.create()

    def load(self, name, *, stdout, chunk_size=DEFAULT_CHUNK_SIZE):
        """Copy every entry of the database's index into the index (or alias) ``name``."""
        from search.index import Progress, with_facets
        from search.models import SearchEntry

        entries = SearchEntry.objects.order_by("pk").defer("title", "introduction", "body", "tags")
        total = entries.count()
        stdout.write(f"Sending {total} entries to Elasticsearch…")
        progress = Progress(stdout, total)

        def actions():
            last = 0
            while True:
                chunk = list(entries.filter(pk__gt=last)[:chunk_size])
                if not chunk:
                    return
                last = chunk[-1].pk
                for entry in with_facets(chunk):
                    yield index_action(name, entry)
                progress.step(len(chunk))

        indexed = 0
        for ok, _ in streaming_bulk(self.admin_client, actions(), chunk_size=chunk_size):
            indexed += ok
        progress.done()
        return indexed

    def _point_alias_at(self, name):
        previous = self.aliased_indices()
        actions = [{"add": {"index": name, "alias": self.alias}}]
        actions += [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        if self.client.indices.exists(index=self.alias) and not previous:
            # A plain index under the alias's name (left by a write before the first rebuild)
            # would block the alias; it goes in the same atomic step.
            actions.append({"remove_index": {"index": self.alias}})
        self.admin_client.indices.update_aliases(actions=actions)
        for old in previous:
            self.admin_client.options(ignore_status=404).indices.delete(index=old)
        return previous

    def aliased_indices(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def all_indices(self):
        """Every index this engine has made, aliased or left over from an interrupted rebuild."""
        response = self.client.options(ignore_status=404).indices.get(
            index=f"{self.alias}-*", expand_wildcards="all"
        )
        return sorted(name for name in response.body if name.startswith(f"{self.alias}-"))

    def delete_all_indices(self):
        # Deleting by wildcard is refused by default (action.destructive_requires_name).
        for name in self.all_indices():
            self.admin_client.options(ignore_status=404).indices.delete(index=name)

    def refresh(self):
        self.client.indices.refresh(index=self.alias)

    def status(self):
        # Not client.info(): GET / lives in the rest-root module, which minimal nodes lack.
        nodes = self.client.nodes.info(filter_path="nodes.*.version").body.get("nodes", {})
        version = ", ".join(sorted({node["version"] for node in nodes.values()})) or "unknown"
        lines = [
            f"Engine: elasticsearch {version} at {without_credentials(self.url)}",
            f"Alias: {self.alias}",
        ]
        live = self.aliased_indices()
        if not live:
            lines.append("No index yet. Build it: manage.py search_index --rebuild")
        for name in live:
            mappings = self.client.indices.get_mapping(index=name).body[name]["mappings"]
            analyzer = mappings["properties"].get("body", {}).get("analyzer", "standard")
            description = TEXT_ANALYSIS if analyzer == STEMS_ANALYZER else f"{analyzer} analyzer"
            count = self.client.count(index=name)["count"]
            lines.append(f"Index {name}: {count} documents, text analysis {description}")
            lines.extend(self._counts_by_source(name))
        for name in sorted(set(self.all_indices()) - set(live)):
            lines.append(f"Unused index {name} (left by an interrupted rebuild; safe to delete)")
        return lines

    def _counts_by_source(self, name):
        search = ContentDocument.search(using=self.client, index=name).extra(size=0)
        search.aggs.bucket("sources", "terms", field="source", size=1000)
        buckets = {b.key: b.doc_count for b in search.execute().aggregations.sources.buckets}
        from search.models import SearchBacklog, SearchEntry

        lines = [
            f"  {source.key} ({source.label}): {buckets.get(source.key, 0)} indexed, "
            f"{SearchEntry.objects.filter(source=source.key).count()} in the database's entries"
            for source in registry.sources()
        ]
        waiting = SearchBacklog.objects.count()
        lines.append(f"Backlog: {waiting} change(s) waiting" if waiting else "Backlog: empty")
        return lines


def without_credentials(url):
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
