"""What the search box suggests as someone types: GET /search/suggest/?q=<prefix>."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from home.models import SiteDocument
from search.registry import registry
from tests.factories import MemberFactory, NewsPageFactory, SiteDocumentFactory, build_site_tree
from tests.search.behaviour import MembersDocumentSource


@override_settings(ELASTICSEARCH_URL=None)
class SuggestionTests(TestCase):
    url = reverse("search:suggest")

    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.news = NewsPageFactory(
            parent=tree.news_index, title="Cobalt audits in Kolwezi", tags=["conflict minerals"]
        )
        cls.member = MemberFactory()

        # Documents stand in for members' content: made members-only for these tests.
        public_documents = registry.get("home.sitedocument")
        registry.unregister(public_documents.key)
        cls.addClassCleanup(registry.register, public_documents)
        source = registry.register(MembersDocumentSource(SiteDocument, label="Members' document"))
        cls.addClassCleanup(registry.unregister, source.key)
        cls.members_document = SiteDocumentFactory(title="Cobalt smelter audit findings")

        call_command("search_index", "--rebuild", stdout=StringIO())

    def suggest(self, prefix):
        response = self.client.get(self.url, {"q": prefix})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def texts(self, prefix):
        return [suggestion["text"] for suggestion in self.suggest(prefix)["suggestions"]]

    def test_a_visitor_is_offered_the_title_of_a_public_page_with_its_address(self):
        answer = self.suggest("Kolw")

        self.assertEqual(answer["query"], "Kolw")
        self.assertIn(
            {"text": "Cobalt audits in Kolwezi", "kind": "News", "url": self.news.url},
            answer["suggestions"],
        )

    def test_a_members_only_title_is_never_offered_to_a_visitor(self):
        self.assertIn("Cobalt audits in Kolwezi", self.texts("cobalt"))
        self.assertNotIn("Cobalt smelter audit findings", self.texts("cobalt"))
        self.assertEqual(self.texts("smelter"), [])

    def test_a_member_is_offered_members_only_titles_too(self):
        self.client.force_login(self.member.user)

        self.assertIn("Cobalt smelter audit findings", self.texts("cobalt"))
        self.assertIn("Cobalt audits in Kolwezi", self.texts("cobalt"))

    def test_fewer_than_two_characters_suggest_nothing(self):
        self.assertEqual(self.texts("c"), [])
        self.assertEqual(self.texts(" c "), [])
        self.assertEqual(self.texts(""), [])
        self.assertIn("Cobalt audits in Kolwezi", self.texts("co"))

    def test_suggestions_are_kept_only_by_the_asker(self):
        response = self.client.get(self.url, {"q": "cobalt"})

        # They depend on who asks: a shared cache must not hand a member's to a visitor.
        self.assertIn("private", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])

    def test_strange_input_is_answered_with_json(self):
        for prefix in ("%00", "\x00cobalt", "x" * 5000, "<script>alert(1)</script>", "'\"", "*"):
            with self.subTest(prefix=prefix[:20]):
                response = self.client.get(self.url, {"q": prefix})

                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertIsInstance(response.json()["suggestions"], list)

    def test_a_raw_nul_in_the_address_is_answered_with_json(self):
        response = self.client.get(f"{self.url}?q=%00co")

        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response.json()["suggestions"], list)

    def test_only_reading_is_allowed(self):
        self.assertEqual(self.client.post(self.url, {"q": "cobalt"}).status_code, 405)
