"""Rebuilding the database's entries: the same entries whichever way they were made, all or
nothing, and (on PostgreSQL, as the command runs) read by a thread of their own."""

import threading
from io import StringIO
from unittest import mock

import pytest
from django.db import connection, transaction

from community.discussions.indexing import posts
from search import index
from search.models import SearchEntry, SearchFacet, SearchWord
from tests.factories import PostFactory, TenderFactory


def rows():
    return {
        (e.source, e.object_id): (e.title_stems, e.extra_stems, e.body_stems, e.audiences)
        for e in SearchEntry.objects.all()
    }


def facets():
    return set(
        SearchFacet.objects.values_list("entry__source", "entry__object_id", "name", "value")
    )


# Committed data, so that a reader with a connection of its own sees it; serialized_rollback
# puts back what the migrations made for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_builds_the_same_entries_as_a_rebuild_inside_a_transaction():
    TenderFactory(title="Laptops for schools", summary="Fair electronics, monitored.")
    PostFactory(body="The buyer wrote remedy clauses into the contract.")

    with mock.patch.object(index, "read_ahead", wraps=index.read_ahead) as read_ahead:
        count = index.rebuild_entries(stdout=StringIO(), chunk_size=2)
    threaded, threaded_facets = rows(), facets()
    assert read_ahead.called == (connection.vendor == "postgresql")

    with transaction.atomic():
        assert index.rebuild_entries(stdout=StringIO(), chunk_size=2) == count
        assert rows() == threaded
        assert facets() == threaded_facets

    assert count == len(threaded) >= 3
    sources = {source for source, _ in threaded}
    assert {"library.tender", "discussions.thread", "discussions.post"} <= sources
    assert SearchWord.objects.filter(word="remedy").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_that_fails_half_way_leaves_the_entries_as_they_were():
    PostFactory(body="A post about conflict minerals.")
    PostFactory(body="Another, about remedy for workers.")
    index.rebuild_entries(stdout=StringIO())
    before = rows()
    assert len(before) >= 4

    with (
        mock.patch.object(posts, "to_document", side_effect=RuntimeError("unreadable")),
        pytest.raises(RuntimeError, match="unreadable"),
    ):
        index.rebuild_entries(stdout=StringIO())

    assert rows() == before


def test_read_ahead_gives_every_item_in_order():
    assert list(index.read_ahead(iter(range(50)), depth=3)) == list(range(50))


def test_read_ahead_raises_the_readers_error_where_the_items_are_used():
    def failing():
        yield 1
        raise ValueError("broken item")

    items = index.read_ahead(failing())
    assert next(items) == 1
    with pytest.raises(ValueError, match="broken item"):
        next(items)


def test_read_ahead_stops_reading_when_the_caller_stops():
    produced = []
    done = threading.Event()

    def endless():
        try:
            for number in range(100_000):
                produced.append(number)
                yield number
        finally:
            done.set()

    items = index.read_ahead(endless(), depth=2)
    assert next(items) == 0
    items.close()

    assert done.wait(timeout=5)
    assert len(produced) < 10
