"""The search behaviour on the database engine, on whatever database the suite runs on:
SQLite (FTS5) by default, PostgreSQL (full text search) when DATABASE_URL points at one."""

from django.db import connection
from django.test import TestCase, override_settings

from search.engines import get_engine
from search.engines.database import DIALECTS, DatabaseEngine
from tests.search.behaviour import SearchBehaviour


@override_settings(ELASTICSEARCH_URL=None)
class DatabaseEngineTests(SearchBehaviour, TestCase):
    def test_runs_on_the_suites_database_with_its_full_text_index(self):
        engine = get_engine()

        self.assertIsInstance(engine, DatabaseEngine)
        self.assertIs(engine.dialect, DIALECTS[connection.vendor])
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT COUNT(*) FROM search_entry_fts WHERE search_entry_fts MATCH 'kolwezi'"
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM site_search_searchentry "
                    "WHERE text_vector @@ to_tsquery('simple', 'kolwezi')"
                )
            self.assertEqual(cursor.fetchone()[0], 1)
