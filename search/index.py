"""Writing the index: the database's entries always, an external engine's copy when there is one.

Every change goes through here. ``write`` turns objects into ``SearchEntry`` rows through
their source's one declaration, in the same transaction as the change, so the database
engine is never behind what was saved. ``push`` then sends those rows to the external engine
(Elasticsearch) once the change is committed; when that engine cannot be reached the change
is written to ``SearchBacklog`` and replayed later, so nothing is lost while it is down.
"""

import logging
import time

from django.db import connection, transaction

from search.analysis import stem_text, words
from search.models import SearchBacklog, SearchEntry, SearchFacet, SearchWord
from search.registry import registry

logger = logging.getLogger(__name__)

# The most text kept for one item: a 300-page specification still fits, a dump does not.
MAX_BODY_CHARS = 200_000
MAX_VOCABULARY_WORD = 30
DEFAULT_CHUNK_SIZE = 500


class EngineUnreachable(Exception):
    """The external engine could not take the change now; it is kept in the backlog."""


# Writing the database's entries


def write(source, objects):
    """Bring the entries of ``objects`` (of one source) in line with the database."""
    objects = list(objects)
    if not objects:
        return
    documents = [source.document_for(obj) for obj in objects]
    SearchEntry.objects.filter(
        source=source.key, object_id__in=[str(obj.pk) for obj in objects]
    ).delete()
    _create_entries([document for document in documents if document is not None])


def remove(source, object_ids):
    SearchEntry.objects.filter(
        source=source.key, object_id__in=[str(i) for i in object_ids]
    ).delete()


def _create_entries(documents, vocabulary=None):
    if not documents:
        return
    entries = SearchEntry.objects.bulk_create([entry_for(document) for document in documents])
    if entries and entries[0].pk is None:
        # Databases that do not return ids from a bulk insert.
        by_key = dict(
            SearchEntry.objects.filter(
                source__in={d.source for d in documents},
                object_id__in=[d.object_id for d in documents],
            ).values_list("source", "object_id", "pk")
        )
        for entry in entries:
            entry.pk = by_key[(entry.source, entry.object_id)]
    SearchFacet.objects.bulk_create(
        SearchFacet(entry=entry, name=name, value=value)
        for entry, document in zip(entries, documents, strict=True)
        for name, value in document.all_facets()
    )
    add_words(documents, vocabulary)


def entry_for(document):
    body = document.body[:MAX_BODY_CHARS]
    return SearchEntry(
        source=document.source,
        object_id=document.object_id,
        kind=document.kind,
        title=document.title,
        url=document.url,
        date=document.date,
        introduction=document.introduction,
        body=body,
        tags="\n".join(document.tags),
        audiences=" ".join(document.audience),
        title_stems=stem_text(document.title),
        extra_stems=stem_text(" ".join((document.introduction, *document.tags))),
        body_stems=stem_text(body),
    )


def with_facets(entries):
    """``entries`` as a list, each with its ``facet_pairs``: what an external engine is sent."""
    entries = list(entries)
    pairs = {}
    for entry_id, name, value in SearchFacet.objects.filter(
        entry__in=[entry.pk for entry in entries]
    ).values_list("entry_id", "name", "value"):
        pairs.setdefault(entry_id, []).append((name, value))
    for entry in entries:
        entry.facet_pairs = pairs.get(entry.pk, [])
    return entries


def add_words(documents, vocabulary=None):
    """Record the words of ``documents`` for spelling suggestions."""
    new = set()
    for document in documents:
        text = " ".join((document.title, document.introduction, document.body, *document.tags))
        new.update(
            word
            for word in set(words(text))
            if 4 <= len(word) <= MAX_VOCABULARY_WORD and word.isalpha()
        )
    if vocabulary is not None:
        new -= vocabulary
        vocabulary |= new
    SearchWord.objects.bulk_create(
        (SearchWord(word=word, initial=word[0]) for word in sorted(new)),
        ignore_conflicts=True,
        batch_size=1000,
    )


def rebuild_entries(*, stdout, chunk_size=DEFAULT_CHUNK_SIZE):
    """Every entry written again from the database, in one transaction: searches see the old
    entries until the new ones are all there."""
    sources = registry.sources()
    total = sum(source.get_indexable_objects().count() for source in sources)
    stdout.write(f"Indexing up to {total} items from {len(sources)} sources into the database…")
    progress = Progress(stdout, total)
    indexed = 0
    vocabulary = set()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        for source in sources:
            batch = []
            for obj in source.get_indexable_objects().iterator(chunk_size=chunk_size):
                document = source.document_for(obj)
                if document is not None:
                    batch.append(document)
                progress.step()
                if len(batch) >= chunk_size:
                    _create_entries(batch, vocabulary)
                    indexed += len(batch)
                    batch = []
            _create_entries(batch, vocabulary)
            indexed += len(batch)
        # Every row is new: the planner's statistics of the old ones would mislead it.
        with connection.cursor() as cursor:
            for model in (SearchEntry, SearchFacet):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            if connection.vendor == "postgresql":
                # PostgreSQL's full-text indexes take new rows into a pending list that every
                # search reads through until a vacuum merges it: merge it now.
                cursor.execute(
                    "SELECT gin_clean_pending_list(indexrelid::regclass) FROM pg_index "
                    "JOIN pg_class ON pg_class.oid = indexrelid JOIN pg_am "
                    "ON pg_am.oid = pg_class.relam WHERE pg_am.amname = 'gin' "
                    "AND indrelid = %s::regclass",
                    [SearchEntry._meta.db_table],
                )
    progress.done()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The old rows are dead but still in the table's pages, which every search with many
        # matches reads: clear them now rather than when autovacuum comes round. (Not possible
        # inside a transaction, e.g. in tests; the statistics are fresh either way.)
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM (ANALYZE) "
                + ", ".join(
                    connection.ops.quote_name(model._meta.db_table)
                    for model in (SearchEntry, SearchFacet)
                )
            )
    return indexed


class Progress:
    """A progress line for long commands: a bar, a count and the rate, every second or so."""

    WIDTH = 30

    def __init__(self, stdout, total, *, every_seconds=1.0):
        self.stdout, self.total, self.every = stdout, max(total, 0), every_seconds
        self.count = 0
        self.started = self.shown = time.monotonic()

    def step(self, amount=1):
        self.count += amount
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            self.stdout.write(self.line(now))

    def done(self):
        self.stdout.write(self.line(time.monotonic()))

    def line(self, now):
        fraction = min(1.0, self.count / self.total) if self.total else 1.0
        filled = int(fraction * self.WIDTH)
        rate = self.count / max(now - self.started, 1e-6)
        return (
            f"  [{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.count}/{self.total} "
            f"({rate:.0f}/s)"
        )


# Sending the entries to an external engine


def push(engine, source_key, object_ids):
    """Send the current entries of these objects to ``engine``; keep them in the backlog if
    it cannot take them now."""
    object_ids = [str(pk) for pk in object_ids]
    if not object_ids:
        return
    try:
        if engine.presumed_down:
            # It failed moments ago: a save should not wait on it again.
            raise EngineUnreachable("failed moments ago")
        _send(engine, source_key, object_ids)
    except EngineUnreachable:
        engine.mark_unreachable()
        SearchBacklog.objects.bulk_create(
            [SearchBacklog(source=source_key, object_id=pk) for pk in object_ids],
            ignore_conflicts=True,
        )
        logger.warning(
            "The %s search engine is unreachable: %d change(s) kept in the backlog for later "
            "(manage.py search_index --catch-up replays them).",
            engine.name,
            len(object_ids),
        )
        return
    engine.mark_reachable()
    if SearchBacklog.objects.exists():
        catch_up(engine, limit=DEFAULT_CHUNK_SIZE)


def _send(engine, source_key, object_ids):
    entries = with_facets(SearchEntry.objects.filter(source=source_key, object_id__in=object_ids))
    present = {entry.object_id for entry in entries}
    engine.write(entries, deleted=[(source_key, pk) for pk in object_ids if pk not in present])


def catch_up(engine, *, limit=None, stdout=None):
    """Replay the backlog into ``engine``, oldest first. Returns how many changes were sent."""
    sent = 0
    while limit is None or sent < limit:
        batch = list(SearchBacklog.objects.order_by("queued_at", "pk")[:DEFAULT_CHUNK_SIZE])
        if not batch:
            break
        by_source = {}
        for item in batch:
            by_source.setdefault(item.source, []).append(item.object_id)
        try:
            for source_key, object_ids in by_source.items():
                _send(engine, source_key, object_ids)
        except EngineUnreachable:
            logger.warning("The search engine is still unreachable; the backlog waits.")
            break
        SearchBacklog.objects.filter(pk__in=[item.pk for item in batch]).delete()
        sent += len(batch)
        if stdout is not None:
            stdout.write(f"  {sent} change(s) replayed")
    return sent


def backlog_summary():
    """Lines describing the backlog, for ``search_index --backlog``."""
    backlog = SearchBacklog.objects.order_by("queued_at")
    count = backlog.count()
    if not count:
        return ["The backlog is empty: the search engine has every change."]
    oldest = backlog.first().queued_at
    lines = [f"{count} change(s) waiting since {oldest:%Y-%m-%d %H:%M:%S %Z}:"]
    for item in backlog[:20]:
        lines.append(f"  {item.source} {item.object_id} (queued {item.queued_at:%H:%M:%S})")
    if count > 20:
        lines.append(f"  … and {count - 20} more")
    return lines
