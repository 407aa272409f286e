"""A page that points at another shows the link only while visitors may follow it."""

from django.test import TestCase

from resources.models import NewsPageRelatedLink
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    build_site_tree,
    make_private,
    publish_changes,
)


class RelatedPagesOnNewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.event = EventPageFactory(parent=tree.event_index, title="Dialogue on repairability")
        cls.resource = ResourcePageFactory(
            parent=tree.resource_index, title="Criteria for repairable laptops"
        )
        cls.news = publish_changes(
            NewsPageFactory(parent=tree.news_index, title="Buyers ask for repairable laptops"),
            related_links=[
                NewsPageRelatedLink(page=cls.event),
                NewsPageRelatedLink(page=cls.resource),
            ],
        )

    def test_related_events_and_resources_are_linked(self):
        response = self.client.get(self.news.url)

        self.assertEqual(self.news.related_pages(), [self.event, self.resource])
        self.assertContains(response, f'href="{self.event.url}"')
        self.assertContains(response, f'href="{self.resource.url}"')

    def test_a_related_page_made_private_or_unpublished_is_not_linked(self):
        make_private(self.event)
        self.resource.unpublish()

        response = self.client.get(self.news.url)

        self.assertEqual(self.news.related_pages(), [])
        self.assertNotContains(response, self.event.title)
        self.assertNotContains(response, self.resource.title)


class SourceEventOnResourceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.event = EventPageFactory(parent=tree.event_index, title="Market dialogue in Lyon")
        cls.resource = ResourcePageFactory(
            parent=tree.resource_index, title="Slides on audit clauses", source_event=cls.event
        )

    def test_the_event_a_resource_came_from_is_linked(self):
        response = self.client.get(self.resource.url)

        self.assertContains(response, f'href="{self.event.url}"')

    def test_a_source_event_made_private_is_not_linked(self):
        make_private(self.event)

        response = self.client.get(self.resource.url)

        self.assertIsNone(self.resource.visible_source_event())
        self.assertNotContains(response, self.event.title)
