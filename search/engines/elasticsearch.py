"""Search through an Elasticsearch index of the site's own, written with elasticsearch-dsl.

Wagtail's own Elasticsearch backend is not used: it indexes models rather than what a visitor
may see, and builds its indices with ngram analysis that a minimal node does not have. This
index holds one document per visible item, each naming the audiences that may see it, and every
query is filtered to the asker's audiences.

Searches read an alias (``<SEARCH_INDEX_PREFIX>-content``). A rebuild fills a fresh index
under a new name and then moves the alias in one atomic step, so nobody ever searches a
half-built index.
"""

import datetime
import logging
from urllib.parse import urlsplit, urlunsplit

from django.utils import timezone
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import Date, Document, Index, Keyword, Text
from elasticsearch.helpers import bulk, streaming_bulk

from search.engines import Found, SearchEngine, SearchUnavailable
from search.registry import SearchResult, document_id, registry

logger = logging.getLogger(__name__)

# Title words weigh most, then tags and the introduction, then the body.
SEARCH_FIELDS = ["title^4", "tags^2", "introduction^2", "body"]
RESULT_FIELDS = ["kind", "title", "url", "date", "summary"]
DEFAULT_CHUNK_SIZE = 500
ADMIN_TIMEOUT = 120


class ContentDocument(Document):
    source = Keyword()
    object_id = Keyword()
    kind = Keyword()
    title = Text()
    introduction = Text()
    body = Text()
    tags = Text(fields={"raw": Keyword()})
    url = Keyword(index=False)
    date = Date()
    summary = Text(index=False)
    # Who may see the item: "public" for everything today. Every query filters on it.
    audience = Keyword()


def as_source(document):
    """A SearchDocument as the JSON the index stores."""
    return {
        "source": document.source,
        "object_id": document.object_id,
        "kind": document.kind,
        "title": document.title,
        "introduction": document.introduction,
        "body": document.body,
        "tags": list(document.tags),
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "summary": document.summary,
        "audience": list(document.audience),
    }


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    tracks_changes = True

    def __init__(self, url, *, index_prefix, timeout=5):
        self.url = url
        self.alias = f"{index_prefix}-content"
        # A visitor waiting on a search should get "unavailable" quickly, not hang.
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=1)
        # Building an index is slower work (creating shards, sending batches) and nobody waits
        # on it in a browser.
        self.admin_client = self.client.options(request_timeout=ADMIN_TIMEOUT)

    # Searching

    def search(self, query, audiences, *, offset=0, limit=10):
        if not query.strip():
            return Found(total=0)
        search = (
            self.visible(audiences)
            # simple_query_string never rejects a query: unbalanced quotes, a stray "AND" or
            # "title:(" are read as words, which is what a visitor typing them meant.
            .query(
                "simple_query_string",
                query=query,
                fields=SEARCH_FIELDS,
                default_operator="and",
                lenient=True,
            )
            .source(RESULT_FIELDS)
            .extra(track_total_hits=True)[offset : offset + limit]
        )
        try:
            response = search.execute()
        except NotFoundError as error:
            logger.error(
                "The search index %s does not exist. Build it: manage.py search_index --rebuild",
                self.alias,
            )
            raise SearchUnavailable from error
        except (ApiError, TransportError) as error:
            logger.exception("Elasticsearch search failed for %r", query)
            raise SearchUnavailable from error
        return Found(
            total=response.hits.total.value,
            results=[self._result(hit.to_dict()) for hit in response],
        )

    def visible(self, audiences):
        """The base of every query: only items that name one of the asker's audiences."""
        return ContentDocument.search(using=self.client, index=self.alias).filter(
            "terms", audience=sorted(audiences)
        )

    @staticmethod
    def _result(source):
        date = source.get("date")
        if isinstance(date, datetime.datetime):
            date = date.date()
        elif isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        return SearchResult(
            kind=source.get("kind", ""),
            title=source.get("title", ""),
            url=source.get("url", ""),
            date=date,
            summary=source.get("summary", ""),
        )

    # Keeping the index current

    def update(self, source, objects):
        actions = []
        for obj in objects:
            document = source.document_for(obj) if source.is_indexable(obj) else None
            if document is None:
                actions.append(self._delete_action(source, obj.pk))
            else:
                actions.append(
                    {"_index": self.alias, "_id": document.doc_id, "_source": as_source(document)}
                )
        self._write(actions)

    def remove(self, source, object_ids):
        self._write([self._delete_action(source, object_id) for object_id in object_ids])

    def _delete_action(self, source, object_id):
        return {
            "_op_type": "delete",
            "_index": self.alias,
            "_id": document_id(source.key, object_id),
        }

    def _write(self, actions):
        if not actions:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            # Writing now would make Elasticsearch create an index with guessed mappings.
            logger.warning(
                "The search index %s does not exist yet, so this change is not in it. "
                "Build it: manage.py search_index --rebuild",
                self.alias,
            )
            return
        # Editors expect to find what they have just published, and publishing is rare, so each
        # change is made searchable at once rather than at the next periodic refresh.
        _, errors = bulk(
            self.client, actions, refresh=True, require_alias=True, raise_on_error=False
        )
        for error in errors:
            operation, detail = next(iter(error.items()))
            if operation == "delete" and detail.get("status") == 404:
                continue  # It was not in the index: nothing to remove.
            logger.error("Search index update failed: %s", error)

    # The index lifecycle

    def rebuild(self, *, stdout, chunk_size=DEFAULT_CHUNK_SIZE):
        # Changes published while a rebuild runs reach the old index, and the new one only if
        # the rebuild reads them after the change: rebuild again if editors were busy.
        analyzer = self.text_analyzer()
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        stdout.write(f"Creating index {name} (text analyzer: {analyzer})")
        self._create_index(name, analyzer)
        try:
            indexed = self.load(name, stdout=stdout, chunk_size=chunk_size)
            self.admin_client.indices.refresh(index=name)
        except BaseException:
            # Leave the live index as it was and no half-built one behind.
            self.admin_client.options(ignore_status=404).indices.delete(index=name)
            raise
        previous = self._point_alias_at(name)
        stdout.write(f"Indexed {indexed} items. {self.alias} now points at {name}.")
        for old in previous:
            stdout.write(f"Deleted the previous index {old}.")
        return indexed

    def text_analyzer(self):
        """English stemming where the node offers it, the standard analyzer otherwise.

        Minimal distributions (such as the integration-test zip) lack the analysis-common
        module and with it the ``english`` analyzer; search then still works, matching exact
        words instead of stems.
        """
        try:
            self.client.indices.analyze(analyzer="english", text="procurement")
        except BadRequestError:
            return "standard"
        return "english"

    def _create_index(self, name, analyzer):
        index = Index(name, using=self.admin_client)
        # One shard suits a site's worth of content; a replica appears once there is a second
        # node to hold it.
        index.settings(number_of_shards=1, auto_expand_replicas="0-1")
        if analyzer != "standard":
            index.settings(analysis={"analyzer": {"default": {"type": analyzer}}})
        index.document(ContentDocument)
        index.create()

    def load(self, name, *, stdout, chunk_size=DEFAULT_CHUNK_SIZE):
        """Index every item that belongs in the search into the index (or alias) ``name``."""
        sources = registry.sources()
        total = sum(source.get_indexable_objects().count() for source in sources)
        stdout.write(f"Indexing up to {total} items from {len(sources)} sources…")

        def actions():
            for source in sources:
                for obj in source.get_indexable_objects().iterator(chunk_size=chunk_size):
                    document = source.document_for(obj)
                    if document is not None:
                        yield {
                            "_index": name,
                            "_id": document.doc_id,
                            "_source": as_source(document),
                        }

        indexed = 0
        for ok, _ in streaming_bulk(self.admin_client, actions(), chunk_size=chunk_size):
            indexed += ok
            if indexed % chunk_size == 0:
                stdout.write(f"  {indexed} of {total}")
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
            settings = self.client.indices.get_settings(index=name).body[name]["settings"]
            analyzer = (
                settings["index"].get("analysis", {}).get("analyzer", {}).get("default", {})
            ).get("type", "standard")
            count = self.client.count(index=name)["count"]
            lines.append(f"Index {name}: {count} documents, text analyzer {analyzer}")
            lines.extend(self._counts_by_source(name))
        for name in sorted(set(self.all_indices()) - set(live)):
            lines.append(f"Unused index {name} (left by an interrupted rebuild; safe to delete)")
        return lines

    def _counts_by_source(self, name):
        search = ContentDocument.search(using=self.client, index=name).extra(size=0)
        search.aggs.bucket("sources", "terms", field="source", size=1000)
        buckets = {b.key: b.doc_count for b in search.execute().aggregations.sources.buckets}
        return [
            f"  {source.key} ({source.label}): {buckets.get(source.key, 0)} indexed, "
            f"{source.get_indexable_objects().count()} in the database"
            for source in registry.sources()
        ]


def without_credentials(url):
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
