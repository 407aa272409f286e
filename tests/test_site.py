import xml.etree.ElementTree as ET

from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    StandardPageFactory,
    build_site_tree,
)

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.news = NewsPageFactory(parent=cls.tree.news_index, title="Public story")
        cls.event = EventPageFactory(parent=cls.tree.event_index)
        cls.resource = ResourcePageFactory(parent=cls.tree.resource_index)
        cls.private = NewsPageFactory(
            parent=cls.tree.news_index, title="Private story", private=True
        )
        cls.draft = ResourcePageFactory(parent=cls.tree.resource_index, live=False)
        cls.members_area = StandardPageFactory(
            parent=cls.tree.home, title="Members", slug="members", private=True
        )
        cls.under_members_area = StandardPageFactory(
            parent=cls.members_area, title="Members' handbook", slug="handbook"
        )

    def sitemap_locations(self):
        response = self.client.get(reverse("sitemap"))
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)
        return {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}

    def test_sitemap_lists_every_live_public_page(self):
        locations = self.sitemap_locations()

        for page in (
            self.tree.home,
            self.tree.news_index,
            self.tree.event_index,
            self.tree.resource_index,
            self.tree.about,
            self.news,
            self.event,
            self.resource,
        ):
            with self.subTest(page=page.title):
                self.assertIn(page.full_url, locations)

    def test_sitemap_leaves_out_private_and_unpublished_pages(self):
        locations = self.sitemap_locations()

        for page in (self.private, self.draft, self.members_area, self.under_members_area):
            with self.subTest(page=page.title):
                self.assertNotIn(page.full_url, locations)
        self.assertEqual(len(locations), 8)


class SiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(self):
        response = self.client.get("/robots.txt")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        self.assertIn("Disallow: /admin/", lines)

    def test_a_missing_page_gives_the_sites_404_page(self):
        response = self.client.get("/no-such-page/")

        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        self.assertTemplateUsed(response, "base.html")

    def test_a_private_page_sends_visitors_to_log_in_without_showing_it(self):
        page = StandardPageFactory(
            parent=self.tree.home, title="Handbook for members", private=True
        )

        response = self.client.get(page.url)

        self.assertEqual(response.status_code, 302)
        self.assertNotIn(page.title.encode(), response.content)
