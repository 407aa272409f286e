"""PostgreSQL: two indexes that spare a search with many matches from reading them all.

- ``rank_vector`` (the title, tags and introduction) gets a full-text index: only entries with
  a query word there can rank above the rest, and the index finds them directly.
- ``mod(id, 10)``: one entry in ten, which estimates the total and the facet counts of a
  search with thousands of matches (``search.engines.database.SAMPLE_EVERY``).
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_entry_rank ON site_search_searchentry "
    "USING gin (rank_vector)",
    "CREATE INDEX IF NOT EXISTS search_entry_sample ON site_search_searchentry ((mod(id, 10)))",
]
DROP = [
    "DROP INDEX IF EXISTS search_entry_rank",
    "DROP INDEX IF EXISTS search_entry_sample",
]


class Migration(migrations.Migration):
    dependencies = [("site_search", "0005_editor_permissions")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
