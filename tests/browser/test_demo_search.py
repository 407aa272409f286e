"""Everyday queries on the demo content, as visitors type them, on every engine.

The demo is the site as `make run` serves it (loaded once for the browser tests, with its
search index built). Each query names what a visitor would call the right answer; it must be
among the first three results, and no query may find nothing. The database engine (SQLite or
PostgreSQL, whichever the suite runs on) and Elasticsearch (when ELASTICSEARCH_URL is set,
always in CI) answer the same list.
"""

import pytest
from django.test import override_settings

from search import service
from search.registry import PUBLIC
from tests.search.elasticsearch import elasticsearch_url

pytestmark = pytest.mark.browser

# (query, parts of the titles of the right answers)
EVERYDAY_QUERIES = [
    (
        "guidance on social criteria in laptop tenders",
        ["Social criteria in ICT tenders", "Award criteria for socially responsible laptops"],
    ),
    # Barcelona's own presentation, or the model clauses for that kind of monitoring.
    (
        "how Barcelona worded its supply-chain monitoring clause",
        ["Barcelona", "Model contract clauses for supply-chain monitoring"],
    ),
    ("presentations from Nijmegen", ["Presentation:", "Slides:", "Nijmegen"]),
    ("webinars", ["Webinar"]),
    ("government organizations buying workplace ICT", ["SSO Noord"]),
    ("labor rights in contracts", ["labour-rights clauses", "labour rights into ICT contracts"]),
    ("suply chain monitoring", ["supply-chain monitoring"]),
    ("smartphones", ["mobile devices", "smartphone"]),
    ("contract terms on working conditions", ["lauses"]),
    ("remanufactured laptops", ["Remanufactured laptops"]),
    ("framework agreements for universities", ["APUC"]),
    ("Switzerland", ["Switzerland"]),
    ("how do I join", ["Join the interest group"]),
    ("market dialogue on circular laptops", ["ircular and fair laptops"]),
    ("checking suppliers after the contract is awarded", ["supplier compliance after award"]),
    ("Haarlem case study", ["Haarlem"]),
    ("accesibility", ["Accessibility statement"]),
]


def misses(live_site, django_db_blocker):
    found = []
    with django_db_blocker.unblock():
        for query, answers in EVERYDAY_QUERIES:
            outcome = service.search(query, {PUBLIC})
            top = [result.title for result in outcome.results[:3]]
            if not any(answer in title for title in top for answer in answers):
                found.append(f"{query!r}: {outcome.total} results, top 3 {top}")
    return found


def test_everyday_queries_find_the_right_page_on_the_database_engine(live_site, django_db_blocker):
    with override_settings(ELASTICSEARCH_URL=None):
        assert misses(live_site, django_db_blocker) == []


def test_everyday_queries_find_the_right_page_on_elasticsearch(live_site, django_db_blocker):
    url = elasticsearch_url()
    if url is None:
        pytest.fail("Elasticsearch is required in CI: ELASTICSEARCH_URL is not set")
    with override_settings(ELASTICSEARCH_URL=url):
        assert misses(live_site, django_db_blocker) == []
