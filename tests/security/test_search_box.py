"""The search box, asked in the query syntax of Elasticsearch and Lucene (and of SQL), through
the search page only, on every engine: each answer is a page, runs nothing, and shows nothing
a visitor may not see, whatever the query says about fields, audiences or ids.

One behaviour mixin and one small TestCase per engine, as in tests/search.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings

from search.engines import get_engine
from tests.factories import (
    NewsPageFactory,
    StandardPageFactory,
    TenderFactory,
    ThreadFactory,
    build_site_tree,
)
from tests.search.elasticsearch import ElasticsearchTestCase
from tests.security.corpus import SCRIPT_PAYLOADS, SEARCH_SYNTAX
from tests.security.probe import Probe

WORD = "cobaltcanary"
HIDDEN = "HIDDEN-FROM-VISITORS-91ab"


class SearchBoxBehaviour:
    """Not a TestCase: mixed into one per engine below."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        NewsPageFactory(parent=tree.news_index, title=f"Public news about {WORD}")
        StandardPageFactory(parent=tree.home, title=f"{HIDDEN} {WORD}", private=True)
        StandardPageFactory(parent=tree.home, title=f"{HIDDEN} draft {WORD}", live=False)
        TenderFactory(title=f"{HIDDEN} tender {WORD}", visibility="organisation")
        ThreadFactory(title=f"{HIDDEN} thread {WORD}", body=WORD)

    def setUp(self):
        super().setUp()
        call_command("search_index", "--rebuild", stdout=StringIO())

    def test_the_word_is_found_where_a_visitor_may_see_it(self):
        response = self.client.get("/search/", {"q": WORD})

        self.assertContains(response, f"Public news about {WORD}")
        self.assertNotContains(response, HIDDEN)

    def test_query_syntax_in_the_search_box_gets_a_page_and_nothing_hidden(self):
        probe = Probe(None, secrets=[HIDDEN])
        queries = [
            *SEARCH_SYNTAX,
            *(f"{syntax} {WORD}" for syntax in SEARCH_SYNTAX),
            *(f"{WORD} {syntax}" for syntax in SEARCH_SYNTAX),
            *SCRIPT_PAYLOADS,
            f"audience:members {WORD}",
            f"audience:members OR {WORD}",
            f"{WORD} AND audience:(members)",
            f"title:tender {WORD}",
            f"title:(draft OR thread) {WORD}",
            "\x00" + WORD,
            WORD + " " + "x" * 10_000,
        ]
        for query in queries:
            response = probe.get("/search/", {"q": query}, label=f"search {query[:60]!r}")
            if response.status_code != 200:
                probe.note(f"search {query[:60]!r}", f"answered {response.status_code}")
        for page in ("-1", "0", "99999999999999999999", "%ff", "2"):
            probe.get("/search/", {"q": f"audience:members {WORD}", "page": page})

        self.assertGreater(probe.requests, 70)
        probe.assert_no_problems(self)


@override_settings(ELASTICSEARCH_URL=None)
class DatabaseSearchBox(SearchBoxBehaviour, TestCase):
    pass


@pytest.mark.elasticsearch
class ElasticsearchSearchBox(SearchBoxBehaviour, ElasticsearchTestCase):
    @classmethod
    def tearDownClass(cls):
        if cls.elasticsearch_url:
            get_engine().delete_all_indices()
        super().tearDownClass()
