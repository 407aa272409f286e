"""PostgreSQL: the samples' entries indexed by their text, not by their id.

A search with many matches counts one entry in a hundred, then one in ten, of those it matches
(``search.engines.database.COARSE_SAMPLE_EVERY`` and ``SAMPLE_EVERY``). Found by id, each
sampled entry's text vector (large, stored out of line) was unpacked to test it: a thousand of
them for the coarse sample. A full-text index over the sampled entries alone finds those that
match without unpacking any, so the indexes by id (migrations 0006 and 0007) give way to them.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = [
    "DROP INDEX IF EXISTS search_entry_sample",
    "DROP INDEX IF EXISTS search_entry_coarse_sample",
    "CREATE INDEX IF NOT EXISTS search_entry_sample_text ON site_search_searchentry "
    "USING gin (text_vector) WHERE mod(id, 10) = 0",
    "CREATE INDEX IF NOT EXISTS search_entry_coarse_text ON site_search_searchentry "
    "USING gin (text_vector) WHERE mod(id, 100) = 0",
]
DROP = [
    "DROP INDEX IF EXISTS search_entry_sample_text",
    "DROP INDEX IF EXISTS search_entry_coarse_text",
    "CREATE INDEX IF NOT EXISTS search_entry_sample ON site_search_searchentry ((mod(id, 10)))",
    "CREATE INDEX IF NOT EXISTS search_entry_coarse_sample ON site_search_searchentry (id) "
    "WHERE mod(id, 100) = 0",
]


class Migration(migrations.Migration):
    dependencies = [("site_search", "0008_lz4_compression")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
