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
from tests.factories import StandardPageFactory, build_site_tree


class HomePageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def test_home_page_sits_only_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_sections_and_standard_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, NewsIndexPage, EventIndexPage, ResourceIndexPage}
        )

    def test_home_page_cannot_hold_news_events_or_resources_directly(self):
        for child in (NewsPage, EventPage, ResourcePage, HomePage):
            with self.subTest(child=child.__name__):
                self.assertCanNotCreateAt(HomePage, child)

    def test_a_second_home_page_cannot_be_added(self):
        root = Page.get_first_root_node()

        self.assertFalse(HomePage.can_create_at(root))

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.tree.home)


class StandardPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.child = StandardPageFactory(parent=cls.tree.about, title="Members' charter")

    def test_standard_page_goes_under_the_home_page_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_standard_page_holds_only_standard_pages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_cannot_go_inside_a_section(self):
        for parent in (NewsIndexPage, EventIndexPage, ResourceIndexPage, NewsPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, StandardPage)

    def test_standard_pages_render_at_every_level(self):
        self.assertPageIsRenderable(self.tree.about)
        self.assertPageIsRenderable(self.child)
