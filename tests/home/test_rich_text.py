"""Links to pages in rich text: each paragraph's links lead where Wagtail's would, and the
linked pages of a whole body are read in one query (home/rich_text.py)."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import StandardPage
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ResourcePageFactory,
    build_site_tree,
    publish_changes,
)


def paragraph_linking(page_id, words):
    return {"type": "paragraph", "value": f'<p><a linktype="page" id="{page_id}">{words}</a></p>'}


class PageLinksInRichTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.linked = [
            NewsPageFactory(parent=tree.news_index),
            EventPageFactory(parent=tree.event_index),
            ResourcePageFactory(parent=tree.resource_index),
            tree.about,
        ]
        gone = ResourcePageFactory(parent=tree.resource_index)
        cls.gone_id = gone.pk
        gone.delete()
        body = [paragraph_linking(page.pk, page.title) for page in cls.linked]
        body.append(paragraph_linking(cls.gone_id, "Withdrawn guide"))
        cls.page = publish_changes(tree.about, body=body)

    def rendered_body(self):
        return str(StandardPage.objects.get(pk=self.page.pk).body)

    def test_each_link_leads_to_its_page(self):
        html = self.rendered_body()

        for page in self.linked:
            with self.subTest(page.title):
                self.assertIn(f'<a href="{page.url}">{page.title}</a>', html)

    def test_a_link_to_a_deleted_page_keeps_its_words_without_an_address(self):
        self.assertIn("<a>Withdrawn guide</a>", self.rendered_body())

    def test_the_pages_linked_from_every_paragraph_are_read_in_one_query(self):
        Site.get_site_root_paths()  # cached, as after any earlier page view
        body = StandardPage.objects.get(pk=self.page.pk).body

        with CaptureQueriesContext(connection) as queries:
            str(body)

        self.assertEqual(len(queries), 1)

    def test_a_page_link_without_a_usable_id_keeps_its_words(self):
        page = publish_changes(
            self.page,
            body=[{"type": "paragraph", "value": '<p><a linktype="page" id="x">Lost</a></p>'}],
        )

        response = self.client.get(page.url)

        self.assertContains(response, "<a>Lost</a>")
