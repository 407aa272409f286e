"""The site search never tells anyone of members' content they may not see.

Each private item carries a word of its own. As a visitor, searching that word finds nothing:
no hit, no count, no facet value, no suggestion, no snippet, on the page or in JSON. As those
the library's rules let in, it is found. The rules are community/permissions.py's; this holds
the search's audiences to the same answers as the pages'.
"""

from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MemberFactory,
    ModeratorFactory,
    OrganisationFactory,
    PostFactory,
    TenderDocumentFactory,
    TenderFactory,
    ThreadFactory,
    build_site_tree,
)

PRIVATE_WORDS = {
    "members tender": "quokkatender",
    "organisation-only tender": "wombatorg",
    "clause": "numbatclause",
    "thread": "bilbythread",
    "post": "dingopost",
    "hidden post": "potoroohidden",
    "tender document text": "wallabydoc",
    "withdrawn tender": "bandicootgone",
}


@override_settings(ELASTICSEARCH_URL=None)
class SearchLeakTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_tree()
        cls.home_org = OrganisationFactory(name="Gemeente Leakstad", country="NL")
        cls.other_org = OrganisationFactory(name="Ville de Autreville", country="FR")
        cls.member = MemberFactory(organisation=cls.home_org)
        cls.colleague = MemberFactory(organisation=cls.home_org)
        cls.outsider = MemberFactory(organisation=cls.other_org)
        cls.moderator = ModeratorFactory(organisation=cls.other_org)

        cls.tender = TenderFactory(
            title="Quokkatender framework for school laptops", owner=cls.member.user
        )
        cls.org_tender = TenderFactory(
            title="Wombatorg servers", owner=cls.member.user, visibility="organisation"
        )
        withdrawn = TenderFactory(title="Bandicootgone printers", owner=cls.member.user)
        withdrawn.withdrawn_at = timezone.now()
        withdrawn.save()

        document = TenderDocumentFactory(tender=cls.tender, title="Specification")
        version = document.versions.get()
        version.extracted_text = "The supplier names every wallabydoc factory."
        version.save()

        from community.library.models import Clause

        Clause.objects.create(
            tender=cls.tender,
            title="Numbatclause disclosure",
            text="The contractor discloses its factories.",
            kind="contract_performance",
            saved_by=cls.member.user,
        )
        cls.thread = ThreadFactory(title="Bilbythread: audits after award")
        PostFactory(thread=cls.thread, body="We asked about dingopost factories.")
        hidden = PostFactory(thread=cls.thread, body="Potoroohidden insult.")
        hidden.hidden_at = timezone.now()
        hidden.hidden_reason = "Personal attack"
        hidden.save()

    def find(self, client, word, endpoint="search:search"):
        return client.get(reverse(endpoint), {"q": word})

    def login(self, member):
        self.client.force_login(member.user)

    def test_a_visitor_learns_nothing_of_any_private_item(self):
        for kind, word in PRIVATE_WORDS.items():
            with self.subTest(kind):
                page = self.find(self.client, word)
                data = self.find(self.client, word, "search:json").json()
                suggestions = self.find(self.client, word[:5], "search:suggest").json()

                self.assertContains(page, f"0 results for “{word}”")
                self.assertNotContains(page, "<mark>")
                self.assertEqual((data["total"], data["results"], data["facets"]), (0, [], {}))
                self.assertEqual(suggestions["suggestions"], [])

    def test_a_visitor_sees_no_members_facet_values_or_suggestions(self):
        data = self.find(self.client, "factories", "search:json").json()
        suggestions = self.find(self.client, "Quokka", "search:suggest").json()

        self.assertNotIn("stage", data["facets"])
        self.assertNotIn("cpv", data["facets"])
        self.assertNotIn("Tender", [v["value"] for v in data["facets"].get("kind", [])])
        self.assertEqual(suggestions["suggestions"], [])

    def test_a_member_finds_members_content_with_snippets_and_facets(self):
        self.login(self.outsider)

        for kind in ("members tender", "clause", "thread", "post", "tender document text"):
            with self.subTest(kind):
                data = self.find(self.client, PRIVATE_WORDS[kind], "search:json").json()
                self.assertEqual(data["total"], 1, data)
        data = self.find(self.client, "wallabydoc", "search:json").json()
        self.assertIn("<mark>wallabydoc</mark>", data["results"][0]["snippet"])
        self.assertEqual([value["value"] for value in data["facets"]["stage"]], ["Open for bids"])
        suggestions = self.find(self.client, "Quokka", "search:suggest").json()["suggestions"]
        self.assertEqual([s["text"] for s in suggestions], [self.tender.title])

    def test_an_organisation_only_tender_is_found_by_its_organisation_only(self):
        self.login(self.colleague)
        self.assertEqual(self.find(self.client, "wombatorg", "search:json").json()["total"], 1)

        self.login(self.outsider)
        self.assertEqual(self.find(self.client, "wombatorg", "search:json").json()["total"], 0)

    def test_a_hidden_post_is_found_by_moderators_only(self):
        self.login(self.member)
        self.assertEqual(self.find(self.client, "potoroohidden", "search:json").json()["total"], 0)

        self.login(self.moderator)
        self.assertEqual(self.find(self.client, "potoroohidden", "search:json").json()["total"], 1)

    def test_a_withdrawn_tender_is_found_by_nobody(self):
        self.login(self.member)
        self.assertEqual(self.find(self.client, "bandicootgone", "search:json").json()["total"], 0)

    def test_making_a_tender_organisation_only_hides_it_and_its_thread_at_once(self):
        from community.library.threads import start_tender_thread

        thread = start_tender_thread(self.tender, self.member.user)
        self.login(self.outsider)
        # The tender, its thread and the thread's opening post, which names the tender.
        self.assertEqual(self.find(self.client, "quokkatender", "search:json").json()["total"], 3)

        with self.captureOnCommitCallbacks(execute=True):
            self.tender.visibility = "organisation"
            self.tender.save()

        self.assertEqual(self.find(self.client, "quokkatender", "search:json").json()["total"], 0)
        self.login(self.colleague)
        titles = [
            r["title"]
            for r in self.find(self.client, "quokkatender", "search:json").json()["results"]
        ]
        self.assertIn(thread.title, titles)

    def test_a_member_who_leaves_no_longer_finds_members_content(self):
        from community.membership import lapse

        self.login(self.outsider)
        self.assertEqual(self.find(self.client, "quokkatender", "search:json").json()["total"], 1)

        lapse(self.outsider)

        self.assertEqual(self.find(self.client, "quokkatender", "search:json").json()["total"], 0)

    def test_who_asks_is_read_once_for_the_results_and_the_promotions(self):
        from search.registry import registry

        self.login(self.member)
        with mock.patch.object(registry, "audiences_for", wraps=registry.audiences_for) as read:
            response = self.find(self.client, "quokkatender", "search:search")

        self.assertContains(response, "Quokkatender framework")
        self.assertEqual(read.call_count, 1)
