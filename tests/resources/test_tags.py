import datetime

from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    build_site_tree,
)

UTC = datetime.UTC


def tag_url(slug):
    return reverse("resources:tag_detail", args=[slug])


class TagPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.news = NewsPageFactory(
            parent=tree.news_index,
            title="Cities ask suppliers about cobalt",
            date=datetime.date(2019, 5, 1),
            tags=["conflict minerals"],
        )
        cls.event = EventPageFactory(
            parent=tree.event_index,
            title="Dialogue on mineral sourcing",
            start=datetime.datetime(2020, 3, 10, 9, 0, tzinfo=UTC),
            end=datetime.datetime(2020, 3, 10, 12, 0, tzinfo=UTC),
            tags=["conflict minerals"],
        )
        cls.resource = ResourcePageFactory(
            parent=tree.resource_index,
            title="Due diligence clause for minerals",
            publication_date=datetime.date(2018, 11, 20),
            tags=["conflict minerals", "contract clauses"],
        )
        cls.private_news = NewsPageFactory(
            parent=tree.news_index,
            title="Audit findings shared with members",
            tags=["conflict minerals", "audit findings"],
            private=True,
        )
        cls.draft_resource = ResourcePageFactory(
            parent=tree.resource_index,
            title="Half-written guidance on smelters",
            tags=["conflict minerals", "smelters"],
            live=False,
        )

    def test_tag_page_lists_news_events_and_resources_with_the_tag_newest_first(self):
        response = self.client.get(tag_url("conflict-minerals"))

        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            list(response.context["items"].object_list), [self.event, self.news, self.resource]
        )
        self.assertContains(response, self.resource.title)

    def test_tag_page_leaves_out_private_and_unpublished_pages(self):
        response = self.client.get(tag_url("conflict-minerals"))

        self.assertNotIn(self.private_news, response.context["items"].object_list)
        self.assertNotContains(response, self.private_news.title)
        self.assertNotContains(response, self.draft_resource.title)

    def test_a_tag_used_only_on_private_or_unpublished_pages_is_not_found(self):
        for slug, hidden in [
            ("audit-findings", self.private_news),
            ("smelters", self.draft_resource),
        ]:
            with self.subTest(tag=slug):
                response = self.client.get(tag_url(slug))

                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, hidden.title, status_code=404)

    def test_a_tag_that_does_not_exist_is_not_found(self):
        response = self.client.get(tag_url("no-such-tag"))

        self.assertEqual(response.status_code, 404)

    def test_a_hidden_tag_answers_exactly_like_a_tag_nobody_used(self):
        hidden = self.client.get(tag_url("audit-findings"))
        unknown = self.client.get(tag_url("no-such-tag"))

        # Same status, same page: nothing tells a visitor that the hidden tag exists.
        self.assertEqual(hidden.status_code, unknown.status_code)
        self.assertEqual(
            hidden.content.replace(b"audit-findings", b""),
            unknown.content.replace(b"no-such-tag", b""),
        )

    def test_tag_index_counts_only_pages_visitors_can_see(self):
        response = self.client.get(reverse("resources:tag_index"))

        self.assertEqual(response.status_code, 200)
        counts = {tag.slug: tag.page_count for tag in response.context["tags"]}
        self.assertEqual(counts, {"conflict-minerals": 3, "contract-clauses": 1})
        self.assertContains(response, "(3 items)")

    def test_tag_index_does_not_name_tags_used_only_on_hidden_pages(self):
        response = self.client.get(reverse("resources:tag_index"))

        self.assertNotContains(response, "audit findings")
        self.assertNotContains(response, "smelters")
