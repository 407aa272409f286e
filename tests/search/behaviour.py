"""How site search behaves, whatever engine serves it.

``SearchBehaviour`` is not a TestCase: each engine's module mixes it into one small TestCase
subclass, so every engine is held to the same specification.
"""

import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from home.models import SiteDocument
from search import service
from search.engines import get_engine
from search.query import clean_query
from search.registry import PUBLIC, ContentSource, SearchDocument, registry
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    SiteDocumentFactory,
    StandardPageFactory,
    build_site_tree,
    make_private,
    paragraph,
)

MEMBERS = "members"

BROKEN_QUERIES = [
    '"unbalanced quote',
    "AND OR",
    "NOT",
    "title:(",
    "*",
    "?",
    "(((",
    "cobalt)",
    "-",
    "+",
    "~2",
    "/regex[/",
    "\\",
    "a\x00b\x1b[31m",
    "'; DROP TABLE wagtailcore_page; --",
    "x" * 2000,
    "word " * 500,
    "🙂 emoji",
    "ÀÉÎÕÜ ß",
    "   ",
]


class MembersDocumentSource(ContentSource):
    """A members-only kind of item: documents stand in."""

    def audiences(self, document):
        return (MEMBERS,)

    def to_document(self, document):
        return SearchDocument(
            object_id=str(document.pk),
            title=document.title,
            url=f"/members/documents/{document.pk}/",
        )


class SearchBehaviour:
    """The behaviour tests. Subclasses set the engine and may override ``reindex``."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        tree = build_site_tree()
        cls.home, cls.news_index = tree.home, tree.news_index
        cls.event_index, cls.resource_index = tree.event_index, tree.resource_index

        cls.news = NewsPageFactory(
            parent=cls.news_index,
            title="Cobalt audits in Kolwezi",
            introduction="Independent monitors visited the smelters.",
            body=paragraph("Workers in <b>Penang</b> factories described their contracts."),
            tags=["conflict minerals"],
        )
        cls.event = EventPageFactory(
            parent=cls.event_index,
            title="Live market engagement in Nijmegen",
            introduction="Public buyers meet laptop suppliers.",
        )
        cls.resource = ResourcePageFactory(
            parent=cls.resource_index,
            title="Model contract clauses for supply chain transparency",
            introduction="",
            body=paragraph("Clauses buyers can copy into tenders."),
        )

        # Pages a visitor must never find: each carries the word "zebrafinch".
        cls.public_zebrafinch = NewsPageFactory(
            parent=cls.news_index, title="Zebrafinch public story"
        )
        cls.draft = NewsPageFactory(
            parent=cls.news_index, title="Zebrafinch draft announcement", live=False
        )
        cls.password_page = NewsPageFactory(parent=cls.news_index, title="Zebrafinch password memo")
        PageViewRestriction.objects.create(
            page=cls.password_page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",
        )
        cls.members_section = StandardPageFactory(
            parent=cls.home, title="Members corner", slug="members-corner"
        )
        make_private(cls.members_section)
        cls.members_child = StandardPageFactory(
            parent=cls.members_section,
            title="Minutes",
            body=paragraph("Zebrafinch minutes of the members' meeting."),
        )

        cls.smartphones = NewsPageFactory(
            parent=cls.news_index,
            title="Smartphone tenders in Catalonia",
            introduction="Labour conditions <script>alert('x')</script> in handset assembly.",
        )

        # 23 resources sharing one word, for counts and pages.
        for number in range(23):
            ResourcePageFactory(
                parent=cls.resource_index,
                title=f"Fairphone case study {number:02d}",
                slug=f"fairphone-{number:02d}",
            )

    # Helpers

    def reindex(self):
        """Make the index see the database as it is now."""
        call_command("search_index", "--rebuild", stdout=StringIO())

    def search(self, query, audiences=(PUBLIC,), page=1, per_page=10, **kwargs):
        cleaned, _ = clean_query(query)
        return service.search(
            cleaned,
            frozenset(audiences),
            offset=(page - 1) * per_page,
            limit=per_page,
            **kwargs,
        )

    def titles(self, query, **kwargs):
        return sorted(result.title for result in self.search(query, **kwargs).results)

    def editing(self):
        """Wrap an editor's action: its index updates run as they would after the commit."""
        return self.captureOnCommitCallbacks(execute=True)

    def get_search(self, **params):
        return self.client.get(reverse("search:search"), params)

    # Finding

    def test_finds_a_page_by_a_word_in_its_title(self):
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_finds_a_page_by_a_word_in_its_introduction(self):
        self.assertEqual(self.titles("smelters"), [self.news.title])

    def test_finds_a_page_by_a_word_in_its_streamfield_body(self):
        self.assertEqual(self.titles("Penang"), [self.news.title])

    def test_finds_by_several_words_only_pages_with_all_of_them(self):
        found = self.search("Kolwezi smelters")

        self.assertEqual([result.title for result in found.results], [self.news.title])
        self.assertFalse(found.partial)

    def test_without_a_page_having_every_word_finds_the_best_partial_matches_and_says_so(self):
        found = self.search("Kolwezi Nijmegen")

        self.assertTrue(found.partial)
        self.assertEqual(
            sorted(result.title for result in found.results),
            sorted([self.news.title, self.event.title]),
        )

    def test_finds_a_page_whatever_the_case_of_the_query(self):
        self.assertEqual(self.titles("NIJMEGEN"), [self.event.title])

    def test_result_describes_the_page(self):
        [result] = self.search("Nijmegen").results

        self.assertEqual(result.kind, "Event")
        self.assertEqual(result.url, self.event.url)
        self.assertEqual(result.date, self.event.listing_date)
        self.assertEqual(result.summary, "Public buyers meet laptop suppliers.")

    def test_result_without_introduction_summarises_its_body(self):
        [result] = self.search("transparency").results

        self.assertEqual(result.kind, "Resource")
        self.assertEqual(result.summary, "Clauses buyers can copy into tenders.")

    def test_listing_pages_are_found_as_pages(self):
        [result] = self.search("Events").results

        self.assertEqual((result.kind, result.url), ("Page", self.event_index.url))

    # Never showing what visitors may not see

    def test_does_not_return_unpublished_pages(self):
        self.assertNotIn(self.draft.title, self.titles("draft announcement"))

    def test_does_not_return_or_count_pages_behind_a_view_restriction(self):
        found = self.search("zebrafinch")

        self.assertEqual([result.title for result in found.results], ["Zebrafinch public story"])
        self.assertEqual(found.total, 1)

    def test_does_not_return_pages_under_a_restricted_section(self):
        self.assertEqual(self.titles("Minutes"), [])

    def test_restricting_a_section_hides_its_pages_and_lifting_it_shows_them(self):
        with self.editing():
            restriction = make_private(self.news_index)
        self.assertEqual(self.titles("Kolwezi"), [])

        with self.editing():
            restriction.delete()
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_items_for_another_audience_are_neither_returned_nor_counted(self):
        # Documents stand in for members' content: made members-only for this test.
        public_documents = registry.get("home.sitedocument")
        registry.unregister(public_documents.key)
        self.addCleanup(registry.register, public_documents)
        source = MembersDocumentSource(SiteDocument, label="Members' document")
        registry.register(source)
        self.addCleanup(registry.unregister, source.key)
        SiteDocumentFactory(title="Zebrafinch tender specification")
        self.reindex()

        public = self.search("zebrafinch")
        members = self.search("zebrafinch", audiences=(PUBLIC, MEMBERS))

        self.assertEqual(public.total, 1)
        self.assertEqual([r.title for r in public.results], ["Zebrafinch public story"])
        self.assertEqual(members.total, 2)
        self.assertEqual(
            sorted(r.title for r in members.results),
            ["Zebrafinch public story", "Zebrafinch tender specification"],
        )

    # Following editors' changes

    def test_publishing_a_draft_makes_it_findable(self):
        with self.editing():
            self.draft.save_revision().publish()

        self.assertIn(self.draft.title, self.titles("draft announcement"))

    def test_publishing_a_change_replaces_the_old_text(self):
        self.news.title = "Cobalt audits in Lubumbashi"
        with self.editing():
            self.news.save_revision().publish()

        self.assertEqual(self.titles("Lubumbashi"), ["Cobalt audits in Lubumbashi"])
        self.assertEqual(self.titles("Kolwezi"), [])

    def test_saving_a_draft_changes_nothing_visitors_find(self):
        self.news.title = "Cobalt audits in Lubumbashi"
        with self.editing():
            self.news.save_revision()

        self.assertEqual(self.titles("Lubumbashi"), [])
        self.assertEqual(self.titles("Kolwezi"), ["Cobalt audits in Kolwezi"])

    def test_unpublishing_removes_a_page(self):
        with self.editing():
            self.news.unpublish()

        self.assertEqual(self.titles("Kolwezi"), [])

    def test_deleting_removes_a_page(self):
        with self.editing():
            self.news.delete()

        self.assertEqual(self.titles("Kolwezi"), [])

    def test_deleting_a_section_removes_the_pages_under_it(self):
        with self.editing():
            self.news_index.delete()

        self.assertEqual(self.titles("Kolwezi"), [])
        self.assertEqual(self.search("zebrafinch").total, 0)

    # Results people would call good

    def test_finds_other_forms_of_a_word(self):
        for query in ("monitor", "monitoring", "smelter", "audit"):
            with self.subTest(query=query):
                self.assertIn(self.news.title, self.titles(query))

    def test_finds_a_word_by_its_synonyms(self):
        for query in ("mobile phones", "labor conditions"):
            with self.subTest(query=query):
                self.assertIn(self.smartphones.title, self.titles(query))

    def test_a_misspelt_word_still_finds_the_page(self):
        found = self.search("Kolwezzi")

        self.assertEqual([result.title for result in found.results], [self.news.title])

    def test_a_question_finds_the_page_answering_it(self):
        found = self.search("what should buyers know about the smelters in Kolwezi")

        self.assertEqual(found.results[0].title, self.news.title)

    def test_a_question_with_a_misspelt_word_finds_the_page_through_its_correction(self):
        # Past a few words, no engine forgives typos word by word: the spelling corrections
        # stand in for them, the same on every engine.
        found = self.search("what should buyers know about the smeltres in Kolwezzi")

        self.assertEqual(found.results[0].title, self.news.title)

    def test_quoted_words_must_appear_together_and_in_order(self):
        self.assertEqual(self.titles('"supply chain transparency"'), [self.resource.title])
        self.assertEqual(self.titles('"transparency supply chain"'), [])

    def test_words_typed_without_quotes_need_not_stand_together(self):
        # "supply chain" is read as one clause (a synonym of "value chain"); unquoted, its
        # words need only both be there, on every engine alike.
        apart = NewsPageFactory(
            parent=self.news_index, title="Chain of custody for every supply contract"
        )
        self.reindex()

        self.assertIn(apart.title, self.titles("supply chain"))
        self.assertNotIn(apart.title, self.titles('"supply chain"'))
        self.assertIn(self.resource.title, self.titles('"supply chain"'))

    def test_a_word_after_a_minus_excludes_what_contains_it(self):
        self.assertEqual(self.titles("Kolwezi -Penang"), [])
        self.assertIn(self.news.title, self.titles("cobalt"))
        self.assertNotIn(self.news.title, self.titles("cobalt -smelters"))

    def test_snippets_mark_the_words_found_and_escape_the_text(self):
        [result] = self.search("handset").results

        self.assertIn("<mark>handset</mark>", result.snippet)
        self.assertIn("&lt;script&gt;", result.snippet)
        self.assertNotIn("<script>", result.snippet)

    def test_facets_count_what_was_found_and_filter_when_chosen(self):
        found = self.search("Fairphone")
        facets = {name: values for name, label, values in found.facets}

        self.assertEqual(facets["kind"], [("Resource", 23, False)])
        filtered = self.search("cobalt Fairphone", filters={"kind": ["News"]})
        self.assertTrue(all(result.kind == "News" for result in filtered.results))

    def test_results_can_be_sorted_newest_first(self):
        dates = [result.date for result in self.search("Kolwezi Nijmegen", sort="newest").results]

        self.assertEqual(dates, sorted(dates, reverse=True))

    # Counting and pages

    def test_counts_every_match_and_returns_one_page_of_them(self):
        first = self.search("Fairphone", page=1)
        last = self.search("Fairphone", page=3)

        self.assertEqual((first.total, len(first.results)), (23, 10))
        self.assertEqual((last.total, len(last.results)), (23, 3))

    def test_pages_do_not_repeat_or_skip_results(self):
        seen = [r.title for page in (1, 2, 3) for r in self.search("Fairphone", page=page).results]

        self.assertEqual(sorted(seen), [f"Fairphone case study {n:02d}" for n in range(23)])

    # Queries visitors type

    def test_broken_queries_return_results_or_nothing_but_never_raise(self):
        for query in BROKEN_QUERIES:
            with self.subTest(query=query[:30]):
                found = self.search(query)
                self.assertGreaterEqual(found.total, len(found.results))

    def test_a_word_next_to_punctuation_is_still_found(self):
        self.assertEqual(self.titles('"Kolwezi'), [self.news.title])
        self.assertEqual(self.titles("Kolwezi!"), [self.news.title])

    # The page visitors see

    def test_results_page_shows_count_title_link_type_and_date(self):
        response = self.get_search(q="Kolwezi")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "1 result for “Kolwezi”")
        self.assertContains(response, f'<a href="{self.news.url}">{self.news.title}</a>', html=True)
        self.assertContains(response, '<span class="search-result__kind">News</span>', html=True)
        self.assertContains(response, f'datetime="{self.news.date:%Y-%m-%d}"')
        self.assertContains(response, '<meta name="robots" content="noindex">', html=True)

    def test_results_page_never_shows_private_or_draft_titles(self):
        response = self.get_search(q="zebrafinch")

        self.assertContains(response, "1 result for “zebrafinch”")
        for hidden in ("password memo", "draft announcement", "minutes of the members"):
            self.assertNotContains(response, hidden)

    def test_results_page_paginates_ten_at_a_time(self):
        response = self.get_search(q="Fairphone", page="3")

        self.assertContains(response, "23 results for “Fairphone”, showing 21 to 23.")
        self.assertEqual(len(response.context["results"].object_list), 3)
        self.assertContains(response, 'href="?q=Fairphone&amp;page=2"')

    def test_results_page_numbers_that_make_no_sense_show_the_nearest_page(self):
        for requested, shown in [("abc", 1), ("0", 1), ("-4", 1), ("99", 3), ("9" * 40, 3)]:
            with self.subTest(page=requested):
                response = self.get_search(q="Fairphone", page=requested)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["results"].number, shown)

    def test_empty_query_shows_the_form_with_a_hint(self):
        response = self.get_search(q="")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Type one or more words")
        self.assertNotContains(response, "result for")

    def test_no_results_suggest_what_to_do_and_where_to_browse(self):
        response = self.get_search(q="xylophonics")

        self.assertContains(response, "0 results for “xylophonics”")
        self.assertContains(response, "check the spelling")
        for text, url in (("News", "/news/"), ("Events", "/events/"), ("Resources", "/resources/")):
            self.assertContains(response, f'<a href="{url}">{text}</a>', html=True)

    def test_broken_queries_get_a_page_not_an_error(self):
        for query in BROKEN_QUERIES:
            with self.subTest(query=query[:30]):
                response = self.get_search(q=query)
                self.assertEqual(response.status_code, 200)

    def test_a_very_long_query_is_shortened_and_says_so(self):
        response = self.get_search(q="Kolwezi " + "x" * 500)

        self.assertContains(response, "Only the first 200 characters of your search were used.")

    # Managing the index

    def test_rebuild_command_rebuilds_and_reports_progress(self):
        out = StringIO()

        call_command("search_index", "--rebuild", "--chunk-size", "5", stdout=out)

        self.assertIn("The search index is up to date.", out.getvalue())
        self.assertRebuildProgress(out.getvalue())
        self.assertEqual(self.titles("Kolwezi"), [self.news.title])

    def test_rebuild_command_can_run_twice(self):
        for _ in range(2):
            call_command("search_index", "--rebuild", stdout=StringIO())

        self.assertEqual(self.search("Fairphone").total, 23)

    def test_status_command_names_the_engine(self):
        out = StringIO()

        call_command("search_index", "--status", stdout=out)

        self.assertIn(f"Engine: {get_engine().name}", out.getvalue())

    def assertRebuildProgress(self, output):
        total = re.search(r"Indexing up to (\d+) items", output).group(1)
        self.assertIn(f"] {total}/{total} (", output)
