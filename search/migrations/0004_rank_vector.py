"""PostgreSQL: a small vector of the title, tags and introduction, to rank by.

Ranking reads a vector for every match; the full text's vector of a long document is large
(stored out of line), so ranking tens of thousands of matches by it is slow. Matching still
uses the full text's index.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = [
    """
    ALTER TABLE site_search_searchentry ADD COLUMN rank_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_stems), 'A')
        || setweight(to_tsvector('simple'::regconfig, extra_stems), 'B')
    ) STORED
    """,
]
DROP = ["ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS rank_vector"]


class Migration(migrations.Migration):
    dependencies = [("site_search", "0003_default_synonyms")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
