"""PostgreSQL: one entry in a hundred, indexed on its own.

A search matching tens of thousands of entries is counted from this coarser sample first
(``search.engines.database.COARSE_SAMPLE_EVERY``); with an index of its own, a quoted phrase's
check of word positions is made on those few entries, not on the finer sample's.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_entry_coarse_sample ON site_search_searchentry (id) "
    "WHERE mod(id, 100) = 0",
]
DROP = ["DROP INDEX IF EXISTS search_entry_coarse_sample"]


class Migration(migrations.Migration):
    dependencies = [("site_search", "0006_sample_and_rank_indexes")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
