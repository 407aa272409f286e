from django.core.exceptions import ValidationError
from django.test import TestCase

from tests.admin_forms import publish_from_editor
from tests.factories import NewsPageFactory, SiteImageFactory, SuperuserFactory, build_site_tree


class ListingImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.page = NewsPageFactory(parent=tree.news_index)

    def test_a_listing_image_without_alternative_text_is_refused(self):
        self.page.listing_image = SiteImageFactory(description="  ")

        with self.assertRaises(ValidationError) as caught:
            self.page.full_clean()

        [message] = caught.exception.message_dict["listing_image"]
        self.assertIn("no alternative text", message)

    def test_a_listing_image_with_alternative_text_is_accepted(self):
        self.page.listing_image = SiteImageFactory(description="Buyers at a market dialogue")

        self.page.full_clean()

    def test_no_listing_image_is_fine(self):
        self.page.listing_image = None

        self.page.full_clean()

    def test_the_editor_shows_the_missing_alternative_text_on_the_field(self):
        self.client.force_login(SuperuserFactory())
        image = SiteImageFactory(description="")
        response = publish_from_editor(self.client, self.page, listing_image=str(image.pk))

        self.assertEqual(response.status_code, 200)
        self.assertIn("listing_image", response.context["form"].errors)
