from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
)
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    build_site_tree,
)

SECTIONS = [
    (NewsIndexPage, NewsPage),
    (EventIndexPage, EventPage),
    (ResourceIndexPage, ResourcePage),
]


class SectionPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.news = NewsPageFactory(parent=cls.tree.news_index)
        cls.event = EventPageFactory(parent=cls.tree.event_index)
        cls.resource = ResourcePageFactory(parent=cls.tree.resource_index)

    def test_each_index_goes_only_under_the_home_page(self):
        for index_model, _ in SECTIONS:
            with self.subTest(index=index_model.__name__):
                self.assertAllowedParentPageTypes(index_model, {HomePage})

    def test_each_index_holds_only_its_own_items(self):
        for index_model, item_model in SECTIONS:
            with self.subTest(index=index_model.__name__):
                self.assertAllowedSubpageTypes(index_model, {item_model})

    def test_each_item_goes_only_under_its_own_index(self):
        for index_model, item_model in SECTIONS:
            with self.subTest(item=item_model.__name__):
                self.assertAllowedParentPageTypes(item_model, {index_model})

    def test_items_cannot_be_filed_under_another_section(self):
        for index_model, _ in SECTIONS:
            for _, item_model in SECTIONS:
                if item_model in index_model.allowed_subpage_models():
                    continue
                with self.subTest(index=index_model.__name__, item=item_model.__name__):
                    self.assertCanNotCreateAt(index_model, item_model)

    def test_items_have_no_children(self):
        for _, item_model in SECTIONS:
            with self.subTest(item=item_model.__name__):
                self.assertAllowedSubpageTypes(item_model, set())

    def test_indexes_cannot_be_nested_in_standard_pages_or_at_the_root(self):
        for index_model, _ in SECTIONS:
            with self.subTest(index=index_model.__name__):
                self.assertCanNotCreateAt(StandardPage, index_model)
                self.assertCanNotCreateAt(Page, index_model)

    def test_a_home_page_has_at_most_one_index_of_each_kind(self):
        for index_model, _ in SECTIONS:
            with self.subTest(index=index_model.__name__):
                self.assertFalse(index_model.can_create_at(self.tree.home))

    def test_index_pages_render(self):
        for index in (self.tree.news_index, self.tree.event_index, self.tree.resource_index):
            with self.subTest(index=index.title):
                self.assertPageIsRenderable(index)

    def test_item_pages_render(self):
        for page in (self.news, self.event, self.resource):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_feed_and_calendar_routes_render(self):
        self.assertPageIsRenderable(self.tree.news_index, route_path="feed/")
        self.assertPageIsRenderable(self.tree.news_index, route_path="feed/atom/")
        self.assertPageIsRenderable(self.tree.event_index, route_path="calendar/")
        self.assertPageIsRenderable(self.event, route_path="calendar/")
