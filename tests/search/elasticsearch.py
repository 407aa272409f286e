"""What a test needs to run against a real Elasticsearch server, and what happens without one.

ELASTICSEARCH_URL names the server. Without it, Elasticsearch tests are skipped on a
developer's machine, with a hint on how to start one, but fail in CI (CI=true): a CI run that
quietly skipped them would claim to test an engine it never touched.
"""

import os
import unittest

from django.conf import settings
from django.test import TestCase, override_settings

START_HINT = 'scripts/services start && eval "$(scripts/services env)"'
SKIP_MESSAGE = (
    "Elasticsearch tests need a server: set ELASTICSEARCH_URL. To start one on this machine: "
    + START_HINT
)
CI_MESSAGE = (
    "Elasticsearch is required in CI (CI is set) but ELASTICSEARCH_URL is not: start the "
    "server before the tests (" + START_HINT + ") instead of letting its tests skip."
)


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def elasticsearch_url():
    """The server's address; skips the calling test outside CI when there is none."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url and not running_in_ci():
        raise unittest.SkipTest(SKIP_MESSAGE)
    return url or None


class ElasticsearchTestCase(TestCase):
    """A TestCase whose searches go to Elasticsearch, under index names of its own."""

    @classmethod
    def setUpClass(cls):
        cls.elasticsearch_url = elasticsearch_url()
        cls.enterClassContext(
            override_settings(
                ELASTICSEARCH_URL=cls.elasticsearch_url,
                # Each class gets its own indices, so classes never read each other's.
                SEARCH_INDEX_PREFIX=f"{settings.SEARCH_INDEX_PREFIX}-{cls.__name__.lower()}",
            )
        )
        super().setUpClass()

    def setUp(self):
        if not self.elasticsearch_url:
            self.fail(CI_MESSAGE)
        super().setUp()
