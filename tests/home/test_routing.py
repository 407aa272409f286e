"""Addresses lead to the same pages, with the same privacy, as Wagtail's own routing gives.

The site reads the pages of a path in one query (home/routing.py); these pin down that it
still serves what Wagtail would, refuses what Wagtail would, and asks for the same logins and
passwords.
"""

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import TestCase
from wagtail.models import PageViewRestriction

from home.queries import restricted_pages
from tests.factories import (
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    UserFactory,
    build_site_tree,
    make_private,
)


class RoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.news = NewsPageFactory(parent=cls.tree.news_index, title="Buyers meet", slug="meet")
        cls.event = EventPageFactory(parent=cls.tree.event_index, title="The meeting", slug="meet")

    def test_each_address_serves_its_own_page_even_where_slugs_repeat(self):
        for page in (self.tree.home, self.tree.news_index, self.news, self.event, self.tree.about):
            with self.subTest(page.url):
                response = self.client.get(page.url)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"], page)

    def test_an_address_that_names_no_page_is_not_found(self):
        for url in ("/nothing/", "/news/nothing/", "/news/meet/further/", "/about/meet/"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_draft_is_not_found(self):
        draft = NewsPageFactory(parent=self.tree.news_index, live=False)

        self.assertEqual(self.client.get(draft.url).status_code, 404)

    def test_a_page_under_a_draft_is_served_without_the_draft_in_its_breadcrumbs(self):
        # As Wagtail does: only the page itself must be live.
        draft_section = StandardPageFactory(parent=self.tree.home, title="Old section", live=False)
        page = StandardPageFactory(parent=draft_section, title="Still here")

        response = self.client.get(f"/{draft_section.slug}/{page.slug}/")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].title, "Still here")
        self.assertNotContains(response, "Old section")

    def test_a_routable_address_wins_over_a_child_page_of_the_same_name(self):
        NewsPageFactory(parent=self.tree.news_index, title="A story called feed", slug="feed")

        response = self.client.get(self.tree.news_index.url + "feed/")

        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")

    def test_the_page_served_has_its_own_fields_and_its_parents(self):
        response = self.client.get(self.news.url)

        page = response.context["page"]
        self.assertEqual(page.date, self.news.date)
        self.assertEqual(page.get_parent(), self.tree.news_index)
        self.assertContains(response, f'<a href="{self.tree.news_index.url}">News</a>')


class PrivacyWhenRoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.members_news = NewsIndexPageFactory(
            parent=cls.tree.about, title="Members' news", slug="members-news"
        )
        cls.story = NewsPageFactory(parent=cls.members_news, title="Only for members")
        make_private(cls.members_news)

    def test_a_page_in_a_private_section_sends_visitors_to_log_in(self):
        response = self.client.get(self.story.url)

        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.assertNotContains(response, "Only for members", status_code=302)

    def test_a_logged_in_visitor_sees_a_page_in_a_section_for_logged_in_visitors(self):
        self.client.force_login(UserFactory())

        response = self.client.get(self.story.url)

        self.assertContains(response, "Only for members")

    def test_a_password_protected_page_asks_for_its_password(self):
        page = StandardPageFactory(parent=self.tree.home, title="Board minutes")
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
        )

        response = self.client.get(page.url)

        self.assertContains(response, 'name="password"')
        self.assertNotContains(response, "Board minutes</h1>")

    def test_an_alias_of_a_private_page_is_as_private_as_the_page_it_copies(self):
        handbook = StandardPageFactory(parent=self.tree.about, title="Handbook")
        make_private(handbook)
        alias = handbook.create_alias(parent=self.tree.home, update_slug="handbook-copy")

        response = self.client.get(alias.url)

        self.assertEqual(response.status_code, 302)

    def test_the_home_page_made_private_asks_visitors_to_log_in(self):
        make_private(self.tree.home)

        for page in (self.tree.home, self.tree.about):
            with self.subTest(page.url):
                self.assertEqual(self.client.get(page.url).status_code, 302)


def send_without_closing_connections(signal, sender):
    """A request's signal, as Django's test client sends it: without the handler that closes
    database connections, which would close the test's own (on PostgreSQL, inside the test's
    transaction, the connection counts as unusable)."""
    signal.disconnect(close_old_connections)
    try:
        signal.send(sender=sender)
    finally:
        signal.connect(close_old_connections)


class RestrictionsReadOncePerRequestTests(TestCase):
    """Within a request the pages that carry a restriction are read once (home/queries.py),
    and read again as soon as a restriction changes or a page moves."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def setUp(self):
        send_without_closing_connections(request_started, self.__class__)
        self.addCleanup(send_without_closing_connections, request_finished, self.__class__)

    def test_the_restricted_pages_are_read_once(self):
        restricted_pages()

        with self.assertNumQueries(0):
            restricted_pages()

    def test_a_new_restriction_counts_at_once(self):
        self.assertEqual(restricted_pages(), [])

        make_private(self.tree.about)

        self.assertEqual([page.pk for page in restricted_pages()], [self.tree.about.pk])

    def test_a_moved_page_is_read_again(self):
        make_private(self.tree.about)
        restricted_pages()

        self.tree.about.move(self.tree.news_index, pos="last-child")

        (moved,) = restricted_pages()
        self.assertTrue(moved.path.startswith(self.tree.news_index.path))
