"""Writing the index: the database's entries always, an external engine's copy when there is one.

Every change goes through here. ``write`` turns objects into ``SearchEntry`` rows through
their source's one declaration, in the same transaction as the change, so the database
engine is never behind what was saved. ``push`` then sends those rows to the external engine
(Elasticsearch) once the change is committed; when that engine cannot be reached the change
is written to ``SearchBacklog`` and replayed later, so nothing is lost while it is down.
"""

import logging
import queue
import threading
import time
from contextlib import closing

from django.db import connection, connections, transaction

from search.analysis import stem, words
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
    _insert(documents, *entries_for(documents), vocabulary)


def entries_for(documents):
    """The index's rows for ``documents``, and the set of their words (see ``entry_for``)."""
    found = set()
    return [entry_for(document, found) for document in documents], found


def _insert(documents, entries, found, vocabulary=None):
    """Write ``entries`` (made from ``documents`` by ``entry_for``) with their facets, and the
    new ones among ``found`` words to the vocabulary. Returns the entries, with their ids and
    ``facet_pairs`` (as ``with_facets`` gives them)."""
    if not documents:
        return []
    entries = SearchEntry.objects.bulk_create(entries)
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
    for entry, document in zip(entries, documents, strict=True):
        entry.facet_pairs = document.all_facets()
    SearchFacet.objects.bulk_create(
        SearchFacet(entry=entry, name=name, value=value)
        for entry in entries
        for name, value in entry.facet_pairs
    )
    add_words(found, vocabulary)
    return entries


def entry_for(document, found=None):
    """The index's row for ``document``; its words are added to the set ``found``, if given,
    for spelling suggestions (each text is split into words once, for both)."""
    body = document.body[:MAX_BODY_CHARS]
    title = words(document.title)
    extra = words(" ".join((document.introduction, *document.tags)))
    body_words = words(body)
    if found is not None:
        found.update(title, extra, body_words)
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
        title_stems=" ".join(map(stem, title)),
        extra_stems=" ".join(map(stem, extra)),
        body_stems=" ".join(map(stem, body_words)),
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


def add_words(found, vocabulary=None):
    """Record the words ``found`` in documents (folded, see ``entry_for``) for spelling
    suggestions; ``vocabulary``, if given, holds those already recorded and is updated."""
    new = {word for word in found if 4 <= len(word) <= MAX_VOCABULARY_WORD and word.isalpha()}
    if vocabulary is not None:
        new -= vocabulary
        vocabulary |= new
    SearchWord.objects.bulk_create(
        (SearchWord(word=word, initial=word[0]) for word in sorted(new)),
        ignore_conflicts=True,
        batch_size=1000,
    )


def rebuild_entries(*, stdout, chunk_size=DEFAULT_CHUNK_SIZE, written=None):
    """Every entry written again from the database, in one transaction: searches see the old
    entries until the new ones are all there. ``written``, if given, is called with each
    chunk's entries once they are written (with their ids and ``facet_pairs``), so that an
    external engine's new index fills in the same pass.

    On PostgreSQL, outside a transaction (as the command runs), the items are read and turned
    into entries by a thread of its own, with a connection of its own, while this one writes
    the previous chunk: the database's work (its text vectors and indexes) and Python's then
    use both cores rather than taking turns. Inside a transaction (in tests) the thread could
    not see what that transaction wrote, so the same steps run one after the other.
    """
    sources = registry.sources()
    total = sum(source.get_indexable_objects().count() for source in sources)
    stdout.write(f"Indexing up to {total} items from {len(sources)} sources into the database…")
    progress = Progress(stdout, total)
    indexed = 0
    vocabulary = set()
    in_thread = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            # One statement per table. Django's delete() would first read every entry, long
            # texts and all, to cascade to their facets: a minute and gigabytes at 100,000.
            for model in (SearchFacet, SearchEntry, SearchWord):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        chunks = _chunks(sources, chunk_size)
        # Closed here on an error, inside the transaction: a reader left open would close its
        # server-side cursor after the rollback had already done so, and fail.
        with closing(read_ahead(chunks) if in_thread else chunks) as chunks:
            for documents, entries, found, read in chunks:
                entries = _insert(documents, entries, found, vocabulary)
                if written is not None and entries:
                    written(entries)
                indexed += len(documents)
                progress.step(read)
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


def _chunks(sources, chunk_size):
    """Every indexable item of ``sources`` as (documents, entries, their words, items read),
    ``chunk_size`` documents at a time."""
    for source in sources:
        documents, read = [], 0
        for obj in source.get_indexable_objects().iterator(chunk_size=chunk_size):
            read += 1
            document = source.document_for(obj)
            if document is not None:
                documents.append(document)
            if len(documents) >= chunk_size:
                yield documents, *entries_for(documents), read
                documents, read = [], 0
        if documents or read:
            yield documents, *entries_for(documents), read


_DONE = object()


def read_ahead(iterable, depth=2):
    """The items of ``iterable``, produced by a thread of its own up to ``depth`` items ahead
    of the caller. The thread has its own database connections (closed when it ends); an
    error in it is raised here, and the thread stops when the caller does."""
    items = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item):
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            for item in iterable:
                if not put((item, None)):
                    return
            put((_DONE, None))
        except BaseException as error:  # noqa: BLE001 - handed to the caller, raised there
            put((_DONE, error))
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
            connections.close_all()

    thread = threading.Thread(target=produce, name="search-rebuild-reader", daemon=True)
    thread.start()
    try:
        while True:
            item, error = items.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        thread.join()


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
