import datetime

from django.test import TestCase
from django.utils import timezone

from home.models import HomePageFeature
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    StandardPageFactory,
    build_site_tree,
    make_private,
    publish_changes,
)


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.featured_resource = ResourcePageFactory(
            parent=cls.tree.resource_index, title="Model contract clauses for ICT"
        )
        cls.featured_event = EventPageFactory(
            parent=cls.tree.event_index,
            title="Market dialogue on server hardware",
            start=timezone.now() + datetime.timedelta(days=20),
            end=timezone.now() + datetime.timedelta(days=20, hours=3),
        )
        cls.featured_news = NewsPageFactory(
            parent=cls.tree.news_index, title="Universities join the group"
        )
        cls.latest_news = NewsPageFactory(
            parent=cls.tree.news_index,
            title="Hospitals publish award criteria",
            date=datetime.date(2020, 2, 1),
        )
        cls.join_page = StandardPageFactory(parent=cls.tree.home, title="How to join")
        cls.home = publish_changes(
            cls.tree.home,
            features=[
                HomePageFeature(page=cls.featured_resource),
                HomePageFeature(page=cls.featured_event),
                HomePageFeature(page=cls.featured_news),
            ],
            join_page=cls.join_page,
        )

    def get_home(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return response

    def test_featured_pages_come_in_the_order_the_editor_chose(self):
        self.assertEqual(
            self.home.featured_pages(),
            [self.featured_resource, self.featured_event, self.featured_news],
        )

    def test_featured_pages_are_shown(self):
        response = self.get_home()

        for page in (self.featured_resource, self.featured_event, self.featured_news):
            with self.subTest(page=page.title):
                self.assertContains(response, page.title)
                self.assertContains(response, f'href="{page.url}"')

    def test_a_featured_page_made_private_later_is_not_shown(self):
        make_private(self.featured_news)

        response = self.get_home()

        self.assertNotIn(self.featured_news, self.home.featured_pages())
        self.assertNotContains(response, self.featured_news.title)
        self.assertContains(response, self.featured_resource.title)

    def test_a_featured_page_unpublished_later_is_not_shown(self):
        self.featured_resource.unpublish()

        response = self.get_home()

        self.assertNotIn(self.featured_resource, self.home.featured_pages())
        self.assertNotContains(response, self.featured_resource.title)

    def test_latest_news_appears(self):
        response = self.get_home()

        self.assertContains(response, self.latest_news.title)

    def test_latest_news_leaves_out_private_and_unpublished_stories(self):
        private = NewsPageFactory(parent=self.tree.news_index, title="Notes for members only")
        make_private(private)
        draft = NewsPageFactory(parent=self.tree.news_index, title="Story not ready", live=False)

        response = self.get_home()

        self.assertNotContains(response, private.title)
        self.assertNotContains(response, draft.title)

    def test_the_call_to_join_links_to_its_page(self):
        response = self.get_home()

        self.assertContains(response, f'href="{self.join_page.url}"')

    def test_the_call_to_join_hides_a_join_page_made_private(self):
        make_private(self.join_page)

        response = self.get_home()

        self.assertNotContains(response, f'href="{self.join_page.url}"')
