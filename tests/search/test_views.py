"""The search page's own behaviour, whatever the engine: see test_*_engine for searching."""

from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse

from search.engines import SearchUnavailable


@override_settings(ELASTICSEARCH_URL=None)
class SearchViewTests(TestCase):
    url = reverse("search:search")

    def test_an_engine_that_cannot_answer_gets_a_503_page_that_says_so(self):
        # The database engine is the last resort: when it cannot answer, nothing can.
        engine = mock.Mock(**{"search.side_effect": SearchUnavailable})
        engine.name = "database"
        engine.presumed_down = False

        with mock.patch("search.service.get_engine", return_value=engine):
            response = self.client.get(self.url, {"q": "cobalt"})

        self.assertContains(response, "Search is unavailable right now", status_code=503)
        self.assertContains(response, 'value="cobalt"', status_code=503)

    def test_only_get_and_head_are_allowed(self):
        self.assertEqual(self.client.post(self.url, {"q": "cobalt"}).status_code, 405)
        self.assertEqual(self.client.head(self.url, {"q": "cobalt"}).status_code, 200)

    def test_an_empty_query_does_not_search(self):
        with mock.patch("search.service.get_engine") as get_engine:
            response = self.client.get(self.url, {"q": "   "})

        self.assertEqual(response.status_code, 200)
        get_engine.assert_not_called()

    def test_the_query_is_shown_escaped(self):
        response = self.client.get(self.url, {"q": "<script>alert(1)</script>"})

        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
