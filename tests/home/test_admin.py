from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, NavigationSettings, SiteSettings
from tests.admin_forms import add_url, edit_url, publish_from_editor
from tests.factories import SiteImageFactory, SuperuserFactory, build_site_tree


class HomeAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.superuser = SuperuserFactory()

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_home_and_standard_page_edit_views_load(self):
        for page in (self.tree.home, self.tree.about):
            with self.subTest(page=type(page).__name__):
                response = self.client.get(edit_url(page))

                self.assertEqual(response.status_code, 200)

    def test_home_and_standard_pages_publish_unchanged_from_the_editor(self):
        for page in (self.tree.home, self.tree.about):
            with self.subTest(page=type(page).__name__):
                response = publish_from_editor(self.client, page)

                self.assertRedirects(
                    response, reverse("wagtailadmin_explore", args=[page.get_parent().pk])
                )

    def test_standard_page_add_view_loads(self):
        response = self.client.get(add_url(self.tree.about.specific_class, self.tree.home))

        self.assertEqual(response.status_code, 200)

    def test_home_page_add_view_loads_on_a_site_without_one(self):
        root = Page.get_first_root_node()
        self.tree.home.delete()

        response = self.client.get(add_url(HomePage, root))

        self.assertEqual(response.status_code, 200)

    def test_a_second_home_page_is_refused(self):
        root = Page.get_first_root_node()

        response = self.client.get(add_url(HomePage, root))

        self.assertRedirects(response, reverse("wagtailadmin_home"))

    def test_settings_edit_views_load(self):
        for model in (NavigationSettings, SiteSettings):
            with self.subTest(setting=model.__name__):
                url = reverse(
                    "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]
                )

                response = self.client.get(url, follow=True)

                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Save")

    def test_site_settings_save_a_share_image(self):
        image = SiteImageFactory()
        settings = SiteSettings.load()
        url = reverse("wagtailsettings:edit", args=["home", "sitesettings", settings.pk])

        response = self.client.post(
            url,
            {
                "footer_text": "Public buyers for fair ICT.",
                "contact_email": "procurement@example.org",
                "hashtag": "#MakeICTFair",
                "default_share_image": image.pk,
            },
        )

        self.assertEqual(response.status_code, 302)
        settings.refresh_from_db()
        self.assertEqual(settings.default_share_image, image)
        self.assertEqual(settings.hashtag, "#MakeICTFair")
