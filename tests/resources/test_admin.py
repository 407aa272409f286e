import datetime

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    Topic,
)
from tests.admin_forms import add_url, edit_url, publish_from_editor
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    SuperuserFactory,
    TopicFactory,
    build_site_tree,
)


class SectionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.superuser = SuperuserFactory()
        cls.topic = TopicFactory(name="Conflict minerals")
        cls.event = EventPageFactory(
            parent=cls.tree.event_index,
            start=datetime.datetime(2030, 3, 5, 14, 0, tzinfo=datetime.UTC),
            end=datetime.datetime(2030, 3, 5, 17, 30, tzinfo=datetime.UTC),
            time_zone="America/New_York",
            tags=["market engagement"],
        )
        cls.pages = [
            cls.tree.news_index,
            cls.tree.event_index,
            cls.tree.resource_index,
            NewsPageFactory(parent=cls.tree.news_index, tags=["fair ict"]),
            cls.event,
            ResourcePageFactory(parent=cls.tree.resource_index, topics=[cls.topic]),
        ]

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_edit_view_loads_for_every_section_page_type(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                response = self.client.get(edit_url(page))

                self.assertEqual(response.status_code, 200)

    def test_every_section_page_type_publishes_unchanged_from_the_editor(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                response = publish_from_editor(self.client, page)

                self.assertRedirects(
                    response, reverse("wagtailadmin_explore", args=[page.get_parent().pk])
                )

    def test_saving_an_event_unchanged_keeps_its_times(self):
        # The form reads typed times in the event's zone: a round trip through the editor
        # must not shift them by the difference between the editor's zone and the event's.
        event = self.event
        publish_from_editor(self.client, event)

        saved = EventPage.objects.get(pk=event.pk)
        self.assertEqual(saved.start, event.start)
        self.assertEqual(saved.end, event.end)

    def test_add_view_loads_for_every_item_type(self):
        for model, parent in [
            (NewsPage, self.tree.news_index),
            (EventPage, self.tree.event_index),
            (ResourcePage, self.tree.resource_index),
        ]:
            with self.subTest(model=model.__name__):
                response = self.client.get(add_url(model, parent))

                self.assertEqual(response.status_code, 200)

    def test_add_view_loads_for_every_index_type(self):
        # A home page holds one index of each kind, so each existing one goes first.
        for model, existing in [
            (NewsIndexPage, self.tree.news_index),
            (EventIndexPage, self.tree.event_index),
            (ResourceIndexPage, self.tree.resource_index),
        ]:
            with self.subTest(model=model.__name__):
                existing.delete()
                response = self.client.get(add_url(model, self.tree.home))

                self.assertEqual(response.status_code, 200)

    def test_topic_snippets_are_listed(self):
        url = reverse(Topic.snippet_viewset.get_url_name("list"))

        response = self.client.get(url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Conflict minerals")

    def test_topic_slug_is_made_from_its_name(self):
        url = reverse(Topic.snippet_viewset.get_url_name("add"))

        response = self.client.post(url, {"name": "Living wages", "slug": "", "description": ""})

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Topic.objects.get(name="Living wages").slug, "living-wages")
