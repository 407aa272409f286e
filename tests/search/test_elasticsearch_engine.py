"""The search behaviour on the Elasticsearch engine, plus what only that engine has: an index
of its own with a lifecycle (aliases, rebuilds) and a server that can be down."""

import logging
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from search.engines import get_engine
from search.engines.elasticsearch import ElasticsearchEngine
from search.index import rebuild_entries
from search.models import SearchBacklog, SearchEntry
from search.pages import PageSource
from search.query import parse_query
from search.registry import PUBLIC
from search.synonyms import synonym_map
from tests.factories import NewsPageFactory, paragraph
from tests.search.behaviour import SearchBehaviour
from tests.search.elasticsearch import ElasticsearchTestCase

pytestmark = pytest.mark.elasticsearch

# Nothing listens on the discard port: a server that is down.
UNREACHABLE = "http://127.0.0.1:9"


class ElasticsearchEngineTests(SearchBehaviour, ElasticsearchTestCase):
    @classmethod
    def tearDownClass(cls):
        if cls.elasticsearch_url:
            get_engine().delete_all_indices()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        # The index lives outside the database's per-test rollback: each test starts from an
        # index holding exactly the test data.
        self.reindex()

    def reindex(self):
        engine = get_engine()
        if not engine.aliased_indices():
            engine.rebuild(stdout=StringIO(), chunk_size=100)
            return
        # Emptying and refilling the live index is much quicker than building a new one.
        # (Not with _delete_by_query: minimal nodes lack the reindex module that provides it.)
        found = engine.client.search(index=engine.alias, size=10_000, source=False)
        deletions = [
            {"_op_type": "delete", "_index": engine.alias, "_id": hit["_id"]}
            for hit in found["hits"]["hits"]
        ]
        bulk(engine.client, deletions, refresh=True)
        rebuild_entries(stdout=StringIO())
        engine.load(engine.alias, stdout=StringIO(), chunk_size=100)
        engine.refresh()

    def assertRebuildProgress(self, output):
        super().assertRebuildProgress(output)
        self.assertIn("Sending", output)
        self.assertRegex(output, r"Indexed \d+ items\.")

    @property
    def engine(self):
        engine = get_engine()
        self.assertIsInstance(engine, ElasticsearchEngine)
        return engine

    def test_rebuilding_swaps_the_alias_and_leaves_one_index(self):
        before = self.engine.aliased_indices()

        call_command("search_index", "--rebuild", stdout=StringIO())

        after = self.engine.aliased_indices()
        self.assertEqual(len(after), 1)
        self.assertNotEqual(after, before)
        self.assertEqual(self.engine.all_indices(), after)

    def test_rebuild_replaces_a_plain_index_left_under_the_alias_name(self):
        self.engine.delete_all_indices()
        self.engine.client.indices.create(index=self.engine.alias)

        call_command("search_index", "--rebuild", stdout=StringIO())

        self.assertEqual(len(self.engine.aliased_indices()), 1)
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_a_failed_rebuild_keeps_the_live_index_and_leaves_no_other(self):
        live = self.engine.aliased_indices()

        broken = mock.patch.object(
            PageSource, "to_document", side_effect=RuntimeError("a page that cannot be read")
        )
        with broken, self.assertRaises(RuntimeError):
            self.engine.rebuild(stdout=StringIO(), chunk_size=100)

        self.assertEqual(self.engine.all_indices(), live)
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_a_rebuild_the_node_refuses_half_way_keeps_the_live_index_and_the_entries(self):
        live = self.engine.aliased_indices()
        entries = sorted(SearchEntry.objects.values_list("source", "object_id", "body_stems"))
        # The node takes the first chunk and refuses the second.
        sent = []

        def refusing(client, actions, **kwargs):
            for action in actions:
                sent.append(action)
                if len(sent) > 1:
                    raise ConnectionError("the node went away")
                yield True, {}

        with (
            mock.patch("search.engines.elasticsearch.streaming_bulk", refusing),
            self.assertRaises(ConnectionError),
        ):
            self.engine.rebuild(stdout=StringIO(), chunk_size=1)

        self.assertEqual(self.engine.all_indices(), live)
        self.assertEqual(
            sorted(SearchEntry.objects.values_list("source", "object_id", "body_stems")), entries
        )
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_every_document_names_its_audience(self):
        response = self.engine.client.search(
            index=self.engine.alias,
            query={"bool": {"must_not": {"exists": {"field": "audience"}}}},
            size=0,
        )

        self.assertEqual(response["hits"]["total"]["value"], 0)

    def test_the_index_holds_the_sites_own_english_stems(self):
        # The node splits at spaces only: stems come from search.analysis, the same for both
        # engines, whatever analysis modules a node has (CI's has no analysis-common).
        self.news.title = "Smelters monitored in Kolwezi"
        with self.editing():
            self.news.save_revision().publish()

        def found(field, term):
            response = self.engine.client.search(
                index=self.engine.alias, query={"term": {field: term}}, size=0
            )
            return response["hits"]["total"]["value"]

        self.assertEqual(found("title", "smelter"), 1)
        self.assertEqual(found("title", "monitor"), 1)
        self.assertEqual(found("title", "smelters"), 0)
        self.assertEqual(found("title", "monitored"), 0)

    def test_a_synonym_containing_another_alternative_is_left_out_of_the_query(self):
        # "call for tenders" finds nothing "tender" does not, and its "for" would make the
        # node score nearly every document.
        query = str(self.engine.text_query(parse_query("tender", synonym_map()), "all").to_dict())

        self.assertIn("'tender'", query)
        self.assertIn("'notic'", query)
        self.assertNotIn("'for'", query)
        self.assertNotIn("'invit'", query)

    def test_a_synonym_of_several_words_finds_entries_without_weighing_its_words(self):
        # "labour rights" for "working conditions": saying it ten times ranks no higher than
        # saying it once (as on the database), and the node need not score its common words.
        once = NewsPageFactory(
            parent=self.news_index,
            title="Audit findings",
            body=paragraph("Labour rights were checked at one factory."),
        )
        often = NewsPageFactory(
            parent=self.news_index,
            title="Audit report",
            body=paragraph(" ".join(["Labour rights at the next factory."] * 10)),
        )
        self.reindex()
        query = self.engine.text_query(parse_query("working conditions", synonym_map()), "all")

        response = self.engine.visible({PUBLIC}).query(query).execute()

        scores = {hit.object_id: hit.meta.score for hit in response}
        self.assertLessEqual({str(once.pk), str(often.pk)}, set(scores))
        self.assertEqual(scores[str(once.pk)], scores[str(often.pk)])

    def test_many_matches_are_counted_from_a_sample_and_said_to_be_estimates(self):
        exact = self.search("fairphone")
        self.assertEqual((exact.total, exact.estimated), (23, False))
        with (
            mock.patch("search.engines.elasticsearch.EXACT_COUNTS_UP_TO", 5),
            mock.patch("search.engines.elasticsearch.SAMPLE_EVERY", 2),
        ):
            estimated = self.search("fairphone")
            page = self.get_search(q="fairphone")

        self.assertTrue(estimated.estimated)
        # The matches in a sample of about one in two, times two; never fewer than counted.
        self.assertEqual(estimated.total % 2, 0)
        self.assertTrue(5 <= estimated.total <= 46, estimated.total)
        kinds = {
            value: count
            for name, _, values in estimated.facets
            if name == "kind"
            for value, count, _ in values
        }
        self.assertEqual(list(kinds), ["Resource"])
        self.assertEqual(kinds["Resource"] % 2, 0)
        # The page itself is exact: the best matches, as without a sample.
        self.assertEqual(
            [result.title for result in estimated.results],
            [result.title for result in exact.results],
        )
        self.assertContains(page, f"About {estimated.total} result")

    def test_a_hit_the_database_no_longer_shows_the_asker_is_dropped(self):
        # The index may lag behind (a change in the backlog); the entries have the last word.
        SearchEntry.objects.filter(title=self.news.title).update(audiences="group-999")

        with self.assertLogs("search.engines.elasticsearch", "WARNING"):
            titles = self.titles("Kolwezi")

        self.assertEqual(titles, [])

    def test_status_shows_counts_per_source(self):
        out = StringIO()

        call_command("search_index", "--status", stdout=out)

        self.assertIn(
            "resources.resourcepage (Resource): 24 indexed, 24 in the database's entries",
            out.getvalue(),
        )

    def test_changes_while_the_index_is_missing_are_logged_not_raised(self):
        self.engine.delete_all_indices()
        self.news.title = "Cobalt audits in Lubumbashi"

        with self.assertLogs("search.engines.elasticsearch", "WARNING") as logs, self.editing():
            self.news.save_revision().publish()

        self.assertIn("search_index --rebuild", logs.output[0])

    def test_a_missing_index_is_logged_and_the_database_answers(self):
        self.engine.delete_all_indices()

        with self.assertLogs("search", "WARNING") as logs:
            response = self.get_search(q="Kolwezi")

        self.assertContains(response, self.news.title)
        self.assertIn("search_index --rebuild", "\n".join(logs.output))
        self.assertIn("answered by the database", "\n".join(logs.output))

    def test_a_change_made_while_the_server_is_unreachable_waits_and_catches_up(self):
        self.news.title = "Cobalt audits in Lubumbashi"
        unreachable = override_settings(ELASTICSEARCH_URL=UNREACHABLE)
        # Outermost, the log check sees the warnings of the callbacks run as editing() ends.
        with self.assertLogs("search.index", "WARNING"), unreachable, self.editing():
            self.news.save_revision().publish()

        # Searches answered by Elasticsearch do not know yet; the backlog does.
        self.assertEqual(self.titles("Lubumbashi"), [])
        out = StringIO()
        call_command("search_index", "--backlog", stdout=out)
        self.assertIn(f"resources.newspage {self.news.pk}", out.getvalue())

        out = StringIO()
        call_command("search_index", "--catch-up", stdout=out)

        self.assertIn("the backlog is empty", out.getvalue())
        self.assertEqual(self.titles("Lubumbashi"), [self.news.title])
        self.assertEqual(self.titles("Kolwezi"), [])


@override_settings(ELASTICSEARCH_URL=UNREACHABLE)
class ElasticsearchDownTests(TestCase):
    """A server that does not answer: the database answers searches, editors still publish and
    their changes wait in the backlog. No server is needed to test this, so these always run."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import build_site_tree

        cls.tree = build_site_tree()
        cls.news = NewsPageFactory(parent=cls.tree.news_index, title="Cobalt audits in Kolwezi")

    def setUp(self):
        super().setUp()
        # The engine lives as long as the process: each test starts as if it had last been
        # reachable, with nothing reported yet.
        get_engine().mark_reachable()

    def test_the_database_answers_searches_and_the_log_says_so(self):
        with self.assertLogs("search.service", "WARNING") as logs:
            response = self.client.get("/search/", {"q": "Kolwezi"})

        self.assertContains(response, "Cobalt audits in Kolwezi")
        self.assertIn("answered by the database", logs.output[0])

    def test_the_log_says_so_once_a_minute_not_for_every_search(self):
        engine = get_engine()
        with self.assertLogs("search.service", "DEBUG") as logs:
            for _ in range(3):
                self.client.get("/search/", {"q": "Kolwezi"})
        said = [r for r in logs.records if "answered by the database" in r.getMessage()]
        self.assertGreaterEqual(len(said), 3)
        self.assertEqual([r.levelno for r in said].count(logging.WARNING), 1)

        later = time.monotonic() + engine.FALLBACK_REPORT_SECONDS + 1
        with (
            mock.patch("search.engines.time.monotonic", return_value=later),
            self.assertLogs("search.service", "WARNING") as logs,
        ):
            response = self.client.get("/search/", {"q": "Kolwezi"})
        self.assertContains(response, "Cobalt audits in Kolwezi")
        self.assertIn("answered by the database", logs.output[0])

    def test_publishing_still_works_and_the_change_waits_in_the_backlog(self):
        self.news.title = "Cobalt audits in Lubumbashi"

        publishing = self.captureOnCommitCallbacks(execute=True)
        with self.assertLogs("search.index", "WARNING") as logs, publishing:
            self.news.save_revision().publish()

        self.news.refresh_from_db()
        self.assertEqual(self.news.title, "Cobalt audits in Lubumbashi")
        self.assertIn("kept in the backlog", logs.output[0])
        self.assertTrue(
            SearchBacklog.objects.filter(source="resources.newspage", object_id=self.news.pk)
        )
        # The database's entries have the change already: searches find the new title.
        with self.assertLogs("search.service", "WARNING"):
            response = self.client.get("/search/", {"q": "Lubumbashi"})
        self.assertContains(response, "Cobalt audits in Lubumbashi")

    def test_catching_up_while_still_unreachable_fails_and_keeps_the_backlog(self):
        SearchBacklog.objects.create(source="resources.newspage", object_id=str(self.news.pk))

        with self.assertRaisesMessage(CommandError, "still unreachable"):
            call_command("search_index", "--catch-up", stdout=StringIO())

        self.assertEqual(SearchBacklog.objects.count(), 1)


def test_unreachable_is_really_unreachable():
    assert not Elasticsearch(UNREACHABLE, request_timeout=1, max_retries=0).ping()
