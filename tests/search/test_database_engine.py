"""The search behaviour on the database engine, on whatever database the suite runs on:
SQLite (FTS5) by default, PostgreSQL (full text search) when DATABASE_URL points at one."""

import datetime
import itertools
import random
from unittest import mock

from django.db import connection
from django.db.models import Q
from django.test import TestCase, override_settings

from search.engines import get_engine
from search.engines.database import (
    COARSE_SAMPLE_EVERY,
    DIALECTS,
    SAMPLE_EVERY,
    DatabaseEngine,
    about,
    ranking_levels,
)
from search.index import _create_entries
from search.models import SearchEntry
from search.registry import PUBLIC, SearchDocument
from tests.search.behaviour import SearchBehaviour


@override_settings(ELASTICSEARCH_URL=None)
class DatabaseEngineTests(SearchBehaviour, TestCase):
    def test_runs_on_the_suites_database_with_its_full_text_index(self):
        engine = get_engine()

        self.assertIsInstance(engine, DatabaseEngine)
        self.assertIs(engine.dialect, DIALECTS[connection.vendor])
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT COUNT(*) FROM search_entry_fts WHERE search_entry_fts MATCH 'kolwezi'"
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM site_search_searchentry "
                    "WHERE text_vector @@ to_tsquery('simple', 'kolwezi')"
                )
            self.assertEqual(cursor.fetchone()[0], 1)

    # What only PostgreSQL does: rank candidates found through their own index, and estimate
    # the counts of a search with very many matches from a sample.

    def add_body_only_matches(self, word, count):
        """Entries with ``word`` in their body only: never ranking candidates."""
        _create_entries(
            [
                SearchDocument(
                    object_id=f"memo-{number}",
                    title=f"Memo {number}",
                    url=f"/memos/{number}/",
                    body=f"A note that mentions {word} in passing.",
                    date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
                    source="tests.memo",
                    kind="Memo",
                    audience=(PUBLIC,),
                )
                for number in range(count)
            ]
        )

    def test_pages_ranked_from_candidates_follow_the_full_order(self):
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect ranks candidates apart.")
        self.add_body_only_matches("fairphone", 5)
        dialect = get_engine().dialect

        def pages():
            return [
                [result.title for result in self.search("fairphone", page=page, per_page=4).results]
                for page in range(1, 9)
            ]

        with_candidates = pages()
        with mock.patch.object(dialect, "candidates", return_value=None):
            full_order = pages()

        self.assertEqual(with_candidates, full_order)
        # Page 6 holds the last candidates and the first body-only entry; 7 and 8 the rest.
        self.assertEqual(with_candidates[5][-1], "Memo 4")
        self.assertEqual(with_candidates[6], ["Memo 3", "Memo 2", "Memo 1", "Memo 0"])
        self.assertEqual(with_candidates[7], [])

    def test_many_matches_are_counted_from_a_sample_and_said_to_be_estimates(self):
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect counts from a sample.")
        exact = self.search("fairphone")
        self.assertEqual((exact.total, exact.estimated), (23, False))
        # Enough entries that the coarse sample, counted first, has some: it sends the count
        # on to the finer sample.
        self.add_body_only_matches("fairphone", 250)

        with (
            mock.patch("search.engines.database.EXACT_COUNTS_UP_TO", 0),
            mock.patch("search.engines.database.FEW_MATCHES", 0),
        ):
            estimated = self.search("fairphone")
            page = self.get_search(q="fairphone")

        sampled = SearchEntry.objects.filter(
            Q(title__startswith="Fairphone case study") | Q(title__startswith="Memo ")
        )
        in_sample = sum(1 for pk in sampled.values_list("pk", flat=True) if pk % SAMPLE_EVERY == 0)
        self.assertTrue(estimated.estimated)
        self.assertEqual(estimated.total, about(in_sample * SAMPLE_EVERY))
        self.assertEqual(len(estimated.results), 10)
        self.assertContains(page, f"About {estimated.total} result")

    def test_very_many_matches_are_counted_from_a_coarser_sample_first(self):
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect counts from a sample.")
        # Enough consecutive entries that some fall in the one-in-a-hundred sample.
        self.add_body_only_matches("fairphone", 250)
        with (
            mock.patch("search.engines.database.COARSE_ESTIMATE_ABOVE", 0),
            mock.patch("search.engines.database.FEW_MATCHES", 0),
        ):
            estimated = self.search("fairphone")

        matching = SearchEntry.objects.filter(
            Q(title__startswith="Fairphone case study") | Q(title__startswith="Memo ")
        ).values_list("pk", flat=True)
        in_sample = sum(1 for pk in matching if pk % COARSE_SAMPLE_EVERY == 0)
        self.assertGreater(in_sample, 0)
        self.assertTrue(estimated.estimated)
        self.assertEqual(estimated.total, about(in_sample * COARSE_SAMPLE_EVERY, 1))
        kinds = {
            value: count
            for name, _, values in estimated.facets
            if name == "kind"
            for value, count, _ in values
        }
        self.assertEqual(kinds["Memo"] % COARSE_SAMPLE_EVERY, 0)
        # Below the coarse threshold the finer sample, or exact counting, decides.
        self.assertEqual(self.search("fairphone").total, 273)

    def test_few_matches_by_the_planners_estimate_are_counted_exactly_without_a_sample(self):
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect counts from a sample.")
        self.add_body_only_matches("fairphone", 250)
        dialect = get_engine().dialect
        with (
            mock.patch("search.engines.database.COARSE_ESTIMATE_ABOVE", 0),
            mock.patch.object(dialect, "sample", wraps=dialect.sample) as sampled,
        ):
            found = self.search("fairphone")
        self.assertEqual((found.total, found.estimated), (273, False))
        sampled.assert_not_called()

    def test_an_estimate_too_low_is_caught_before_counting_every_match(self):
        """The planner may think a handful of entries match when thousands do: counting stops
        past EXACT_COUNTS_UP_TO, and the samples count instead."""
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect counts from a sample.")
        self.add_body_only_matches("fairphone", 250)
        dialect = get_engine().dialect
        with (
            mock.patch.object(dialect, "estimate", return_value=1),
            mock.patch("search.engines.database.EXACT_COUNTS_UP_TO", 100),
            mock.patch("search.engines.database.COARSE_ESTIMATE_ABOVE", 0),
        ):
            found = self.search("fairphone")
        self.assertTrue(found.estimated)

    def test_an_estimate_too_low_costs_a_short_count_and_the_total_stays_exact(self):
        """Counting first stops past EXACT_FIRST_UP_TO; when the samples then say the matches
        are few enough, they are counted exactly all the same."""
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect counts from a sample.")
        self.add_body_only_matches("fairphone", 250)
        with (
            mock.patch.object(get_engine().dialect, "estimate", return_value=1),
            mock.patch("search.engines.database.EXACT_FIRST_UP_TO", 100),
            mock.patch.object(
                DatabaseEngine, "facet_rows", wraps=DatabaseEngine.facet_rows
            ) as counted,
        ):
            found = self.search("fairphone")

        self.assertEqual(counted.call_args_list[0].kwargs, {"limit": 101})
        self.assertEqual(counted.call_args_list[-1].kwargs, {})
        counted_at_once = self.search("fairphone")
        self.assertFalse(counted_at_once.estimated)
        self.assertGreater(found.total, 250)
        self.assertEqual((found.total, found.estimated), (counted_at_once.total, False))

    def test_candidates_checked_one_by_one_give_the_pages_of_the_full_order(self):
        """A quoted phrase and a partial match test their exact condition only on the ranked
        candidates a page needs, and so does every level of the ranking (see ``page``); the
        pages are those of the full order all the same."""
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect ranks candidates apart.")
        texts = [
            ("Repair cafe for school laptops", "Bring a laptop."),
            ("Cafe talk: repair or replace", "Where the repair cafe began."),
            ("Repair notes", "The cafe opens on Fridays; repair cafe volunteers wanted."),
            ("Cafe opening hours", "Closed on Mondays."),
            ("Repair rights", "A right to repair, and no cafe."),
            # The phrase in its title, so in the highest level, and yet "-fridays" excludes it.
            ("Repair cafe volunteers", "We meet on Fridays."),
        ]
        _create_entries(
            [
                SearchDocument(
                    object_id=f"note-{number}-{copy}",
                    title=f"{title} {copy}",
                    url=f"/notes/{number}/{copy}/",
                    body=body,
                    date=datetime.date(2021, 1 + number, 1 + copy),
                    source="tests.note",
                    kind="Note",
                    audience=(PUBLIC,),
                )
                for number, (title, body) in enumerate(texts)
                for copy in range(3)
            ]
        )
        dialect = get_engine().dialect

        def pages(query):
            return [
                [result.title for result in self.search(query, page=page, per_page=2).results]
                for page in range(1, 11)
            ]

        queries = ('"repair cafe"', '"repair cafe" -fridays', "repair cafe", "repair cafe kolwezi")
        for query in queries:
            with self.subTest(query=query):
                checked_later = pages(query)
                with mock.patch.object(dialect, "checked_later", return_value=None):
                    at_once = pages(query)
                with (
                    mock.patch.object(dialect, "with_tiers", wraps=dialect.with_tiers) as level,
                    mock.patch("search.engines.database.RANK_ALL_UP_TO", 0),
                ):
                    by_levels = pages(query)
                with mock.patch.object(dialect, "candidates", return_value=None):
                    full_order = pages(query)
                self.assertTrue(level.called)
                if query != "repair cafe kolwezi":
                    # Every word must match: only levels whose entries have them all in their
                    # title, tags or introduction, never one word of a title alone (":A").
                    first_tiers = [
                        tiers[0] for call in level.call_args_list for tiers in call.args[1]
                    ]
                    self.assertNotIn(":A", " ".join(first_tiers))
                self.assertEqual(checked_later, at_once)
                self.assertEqual(checked_later, full_order)
                self.assertEqual(by_levels, full_order)
        found = sum(pages('"repair cafe"'), [])
        # The phrase in a title or a body; never the two words apart ("Repair rights").
        self.assertEqual(len(found), 12)
        apart = ("Repair rights", "Cafe opening")
        self.assertFalse([title for title in found if title.startswith(apart)])

    def test_entries_with_only_common_words_are_ranked_only_when_a_page_needs_them(self):
        """A partial match ranks first the candidates with a rarer word; those with only the
        commonest come after them all, so they are ranked only for the pages that reach them."""
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect ranks candidates apart.")
        notes = [(f"Repair note {number}", "How to repair it.") for number in range(12)]
        notes += [(f"Cafe {number}", "A cafe that can repair it.") for number in range(5)]
        notes += [("Cafe meeting", "Where the cafe first met.")]
        _create_entries(
            [
                SearchDocument(
                    object_id=f"note-{number}",
                    title=title,
                    url=f"/notes/{number}/",
                    body=body,
                    date=datetime.date(2021, 1, 1) + datetime.timedelta(days=number),
                    source="tests.note",
                    kind="Note",
                    audience=(PUBLIC,),
                )
                for number, (title, body) in enumerate(notes)
            ]
        )
        dialect = get_engine().dialect

        def pages(query):
            return [
                [result.title for result in self.search(query, page=page, per_page=2).results]
                for page in range(1, 12)
            ]

        query = "repair cafe kolwezi"
        with (
            mock.patch.object(dialect, "with_tiers", wraps=dialect.with_tiers) as narrowed,
            mock.patch("search.engines.database.RANK_ALL_UP_TO", 0),
        ):
            pruned = pages(query)
        with mock.patch("search.engines.database.ranking_levels", return_value=[]):
            every_candidate = pages(query)
        with mock.patch.object(dialect, "candidates", return_value=None):
            full_order = pages(query)

        self.assertTrue(narrowed.called)
        self.assertEqual(pruned, every_candidate)
        self.assertEqual(pruned, full_order)
        # The rarer word first: each "Cafe" entry before any with only "repair".
        found = sum(pruned, [])
        first_repair_only = next(i for i, title in enumerate(found) if title.startswith("Repair"))
        self.assertEqual(
            {title for title in found[:first_repair_only] if title.startswith("Cafe")},
            {f"Cafe {number}" for number in range(5)} | {"Cafe meeting"},
        )
        self.assertEqual(len([title for title in found if title.startswith("Repair")]), 12)

    def test_a_question_ranks_those_with_most_of_its_words_from_a_narrow_set(self):
        """The entries with the heaviest words together fill the first page: only they are
        ranked, and the page is the full order's. A rare word in no title is left out of the
        levels rather than making every one of them find nothing."""
        if connection.vendor != "postgresql":
            self.skipTest("Only the PostgreSQL dialect ranks candidates apart.")
        titles = [f"Laptop repair cafe {number}" for number in range(4)]
        titles += [f"Laptop repair {number}" for number in range(6)]
        titles += [f"Laptop {number}" for number in range(8)]
        titles += [f"Repair {number}" for number in range(8)]
        _create_entries(
            [
                SearchDocument(
                    object_id=f"item-{number}",
                    title=title,
                    url=f"/items/{number}/",
                    body="",
                    date=datetime.date(2022, 1, 1) + datetime.timedelta(days=number),
                    source="tests.item",
                    kind="Note",
                    audience=(PUBLIC,),
                )
                for number, title in enumerate(titles)
            ]
        )
        dialect = get_engine().dialect
        # No entry has every word: the best partial matches, "quokka" in none of them.
        query = "laptop repair cafe quokka"

        def pages():
            return [
                [result.title for result in self.search(query, page=page, per_page=5).results]
                for page in range(1, 7)
            ]

        looked_up = []

        def present_tiers(*args):
            looked_up.append(real_present_tiers(*args))
            return looked_up[-1]

        real_present_tiers = dialect.present_tiers
        with (
            mock.patch.object(dialect, "with_tiers", wraps=dialect.with_tiers) as narrowed,
            mock.patch.object(dialect, "present_tiers", side_effect=present_tiers),
            # Every word looked up, however common it is among these few entries, which
            # are ranked by levels however few they are.
            mock.patch("search.engines.database.RARE_WORD_WEIGHT", 0.0),
            mock.patch("search.engines.database.RANK_ALL_UP_TO", 0),
        ):
            tried = pages()
        with mock.patch.object(dialect, "candidates", return_value=None):
            full_order = pages()

        self.assertEqual(tried, full_order)
        found = sum(tried, [])
        self.assertLessEqual(set(titles), set(found))
        self.assertEqual(found[:4], [f"Laptop repair cafe {number}" for number in (3, 2, 1, 0)])
        # The tiers: laptop, repair, cafe, quokka, then the title's; "quokka" is in no
        # title, so no level asks for its tier (the title's names every word).
        self.assertEqual(looked_up[0], [0, 1, 2, 4])
        levels = [call.args[1] for call in narrowed.call_args_list]
        self.assertIn("(('cafe'))", str(levels))
        self.assertNotIn("(('quokka'))", str(levels))

    def test_the_levels_are_exactly_the_entries_scoring_at_least_so_much(self):
        # Two tiers weighing 2 and 1, and the title's (index 2): a title breaks ties of sums.
        self.assertEqual(
            ranking_levels([2.0, 1.0], [0, 1, 2]),
            [[[0, 1, 2]], [[0, 1]], [[0, 1], [0, 2]], [[0]], [[0], [1]]],
        )
        # A tier no entry matches is left out.
        self.assertEqual(ranking_levels([2.0, 1.0], [1, 2])[:2], [[[1, 2]], [[1]]])
        self.assertEqual(ranking_levels([1.0] * 9, range(10)), [])
        # Any weights: an entry matching a set of tiers is in a level's sets exactly when its
        # sum (then its title) is at least the level's, by every possible set.
        generator = random.Random(7)
        for _ in range(40):
            weights = [
                round(generator.uniform(0.1, 5), generator.choice([0, 1, 4])) for _ in range(4)
            ]
            title = len(weights)

            def key(matched, weights=weights, title=title):
                return sum(weights[i] for i in sorted(matched) if i != title), title in matched

            every_set = [
                set(chosen)
                for size in range(1, 6)
                for chosen in itertools.combinations(range(5), size)
            ]
            for level in ranking_levels(weights, range(5)):
                reached = [set(tiers) for tiers in level]
                lowest = min(key(tiers) for tiers in reached)
                for matched in every_set:
                    inside = any(tiers <= matched for tiers in reached)
                    self.assertEqual(inside, key(matched) >= lowest, (weights, level, matched))

    def test_estimates_keep_two_significant_figures(self):
        self.assertEqual(
            [about(n) for n in (0, 7, 99, 150, 1234, 46913, 99_960)],
            [0, 7, 99, 150, 1200, 47000, 100_000],
        )
        self.assertEqual([about(n, 1) for n in (7, 150, 46913)], [7, 200, 50000])
