"""The search in the Wagtail admin: synonyms, the search terms report and promoted results."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu, reports_menu, settings_menu
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryDay, Synonym
from tests.factories import EditorFactory, SuperuserFactory, build_site_tree

SINGLE_TERM_MESSAGE = "Give at least two different words or phrases, separated by commas."


class SynonymAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = SuperuserFactory()
        cls.synonym = Synonym.objects.create(terms="repair, mending")

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_an_editor_adds_synonyms_and_they_are_kept_as_the_search_reads_them(self):
        response = self.client.post(
            reverse("site_search_synonym:add"), {"terms": " Second-Hand ,  Pre-owned, SECOND HAND "}
        )

        self.assertRedirects(response, reverse("site_search_synonym:index"))
        self.assertTrue(Synonym.objects.filter(terms="second hand, pre owned").exists())

    def test_a_single_term_is_refused_with_a_message_saying_what_to_give(self):
        before = Synonym.objects.count()
        for terms in ("pre-owned", "pre-owned, Pre Owned", " , "):
            with self.subTest(terms=terms):
                response = self.client.post(reverse("site_search_synonym:add"), {"terms": terms})

                self.assertEqual(response.status_code, 200)
                self.assertContains(response, SINGLE_TERM_MESSAGE)
        self.assertEqual(Synonym.objects.count(), before)

    def test_an_editor_changes_synonyms(self):
        url = reverse("site_search_synonym:edit", args=[self.synonym.pk])

        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"terms": "repair, mending, refurbishment"})

        self.assertRedirects(response, reverse("site_search_synonym:index"))
        self.synonym.refresh_from_db()
        self.assertEqual(self.synonym.terms, "repair, mending, refurbishment")

    def test_a_change_to_a_single_term_is_refused(self):
        url = reverse("site_search_synonym:edit", args=[self.synonym.pk])

        response = self.client.post(url, {"terms": "repair"})

        self.assertContains(response, SINGLE_TERM_MESSAGE)
        self.synonym.refresh_from_db()
        self.assertEqual(self.synonym.terms, "repair, mending")

    def test_the_add_form_opened_from_the_report_holds_the_query(self):
        response = self.client.get(reverse("site_search_synonym:add"), {"terms": "pre owned"})

        self.assertEqual(response.context["form"].initial["terms"], "pre owned, ")

    def test_a_strange_query_in_the_add_address_is_harmless(self):
        response = self.client.get(
            reverse("site_search_synonym:add"), {"terms": "<script>\x00" + "x" * 5000}
        )

        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>\x00")
        self.assertLessEqual(len(response.context["form"].initial["terms"]), 502)

    def test_the_listing_finds_a_synonym(self):
        response = self.client.get(reverse("site_search_synonym:index"), {"q": "mending"})

        self.assertContains(response, "repair, mending")


class SearchTermsReportTests(TestCase):
    url = reverse("site_search_terms")

    @classmethod
    def setUpTestData(cls):
        cls.superuser = SuperuserFactory()
        today = timezone.localdate()
        for query, days_ago, searches, without_results in [
            ("laptops", 0, 12, 0),
            ("laptops", 3, 3, 0),
            ("fairphone", 1, 5, 0),
            ("zzyzx", 0, 4, 4),
            # Found nothing once, before its page was published.
            ("cobalt", 20, 2, 1),
            # Older than the report's month.
            ("old news", 40, 100, 100),
        ]:
            QueryDay.objects.create(
                query=query,
                day=today - timedelta(days=days_ago),
                searches=searches,
                without_results=without_results,
            )

    def setUp(self):
        self.client.force_login(self.superuser)

    def rows(self, response, table):
        return [
            (row["query"], row["searches"], row["without_results"])
            for row in response.context[table]
        ]

    def test_the_most_searched_queries_of_the_month_come_first(self):
        response = self.client.get(self.url)

        self.assertEqual(
            self.rows(response, "popular"),
            [("laptops", 15, 0), ("fairphone", 5, 0), ("zzyzx", 4, 4), ("cobalt", 2, 1)],
        )
        self.assertContains(response, "Most searched")
        self.assertNotContains(response, "old news")

    def test_searches_that_found_nothing_are_listed_with_ways_to_help_them(self):
        response = self.client.get(self.url)

        self.assertEqual(self.rows(response, "fruitless"), [("zzyzx", 4, 4), ("cobalt", 2, 1)])
        self.assertContains(response, "Searches that found nothing")
        self.assertContains(response, f'href="{reverse("search:search")}?q=zzyzx"')
        self.assertContains(response, f'href="{reverse("site_search_synonym:add")}?terms=zzyzx"')
        self.assertContains(response, f'href="{reverse("wagtailsearchpromotions:add")}"')

    def test_a_query_with_promoted_results_links_to_them(self):
        home = build_site_tree().home
        query = Query.get("zzyzx")
        SearchPromotion.objects.create(query=query, page=home, sort_order=0)

        response = self.client.get(self.url)

        edit_url = reverse("wagtailsearchpromotions:edit", args=[query.pk])
        self.assertContains(response, f'href="{edit_url}"')
        self.assertContains(response, "Edit promoted results")

    def test_a_report_without_searches_says_so(self):
        QueryDay.objects.all().delete()

        response = self.client.get(self.url)

        self.assertContains(response, "No searches logged yet.")
        self.assertNotContains(response, "Most searched")

    def test_a_month_where_every_search_found_something_says_so(self):
        QueryDay.objects.filter(without_results__gt=0).delete()

        response = self.client.get(self.url)

        self.assertContains(response, "Every search in these 30 days found something.")

    def test_staff_without_the_permission_are_refused_and_not_shown_the_report(self):
        editor = staff_without_search_rights()
        self.client.force_login(editor)

        response = self.client.get(self.url)

        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertNotIn("site-search-terms", search_menu_names(editor))

    def test_comms_editors_read_the_report_and_may_help_a_query(self):
        self.client.force_login(EditorFactory())

        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, reverse("site_search_synonym:add"))
        self.assertContains(response, reverse("wagtailsearchpromotions:add"))

    def test_staff_given_the_permission_read_the_report(self):
        editor = staff_without_search_rights()
        editor.user_permissions.add(
            Permission.objects.get(content_type__app_label="site_search", codename="view_queryday")
        )
        self.client.force_login(editor)

        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertIn("site-search-terms", search_menu_names(editor))
        # Reading the report gives no right to change synonyms or promotions: no links there.
        self.assertNotContains(response, reverse("site_search_synonym:add"))
        self.assertNotContains(response, reverse("wagtailsearchpromotions:add"))


class SearchMenuTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = SuperuserFactory()

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_the_search_menu_holds_the_report_synonyms_and_promoted_results(self):
        self.assertEqual(
            search_menu_names(self.superuser),
            ["site-search-terms", "synonyms", "promoted-search-results"],
        )

    def test_promoted_results_and_wagtails_own_search_terms_report_are_not_listed_twice(self):
        request = admin_request(self.superuser)

        self.assertNotIn(
            "promoted-search-results",
            [item.name for item in settings_menu.menu_items_for_request(request)],
        )
        self.assertNotIn(
            "search-terms", [item.name for item in reports_menu.menu_items_for_request(request)]
        )

    def test_the_promoted_results_pages_open(self):
        for name in ("wagtailsearchpromotions:index", "wagtailsearchpromotions:add"):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 200)


def admin_request(user):
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return request


def search_menu_names(user):
    request = admin_request(user)
    [search] = [
        item for item in admin_menu.menu_items_for_request(request) if item.name == "search"
    ] or [None]
    if search is None:
        return []
    items = search.menu.menu_items_for_request(request)
    # In the order the sidebar shows them.
    return [item.name for item in sorted(items, key=lambda item: item.order)]


def staff_without_search_rights():
    """Staff who may open the admin, outside the Editors group (which looks after search)."""
    user = EditorFactory()
    user.groups.clear()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user
