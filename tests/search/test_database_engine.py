"""The search behaviour on the database engine, on whatever database the suite runs on:
SQLite (FTS5) by default, PostgreSQL (full text search) when DATABASE_URL points at one."""

from django.db import connection
from django.test import TestCase, override_settings

from search.engines.database import DatabaseEngine
from tests.search.behaviour import SearchBehaviour


@override_settings(ELASTICSEARCH_URL=None)
class DatabaseEngineTests(SearchBehaviour, TestCase):
    def assertRebuildProgress(self, output):
        # The database engine hands over to Wagtail's update_index, which reports per model.
        self.assertIn("update_index", output)
        self.assertIn("indexed", output)

    def test_runs_on_the_suites_database(self):
        from search.engines import get_engine

        self.assertIsInstance(get_engine(), DatabaseEngine)
        self.assertIn(connection.vendor, {"sqlite", "postgresql"})
