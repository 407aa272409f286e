"""The database engine's full-text index over SearchEntry's stem columns.

SQLite: an FTS5 table reading its text from search_searchentry (external content), kept in
step by triggers. PostgreSQL: generated tsvector columns (the text by weight, and the
audiences) with GIN indexes. Other databases get neither, and the database engine says so.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title_stems, extra_stems, body_stems, audiences,
        content='site_search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON site_search_searchentry BEGIN
        INSERT INTO search_entry_fts(rowid, title_stems, extra_stems, body_stems, audiences)
        VALUES (new.id, new.title_stems, new.extra_stems, new.body_stems, new.audiences);
    END
    """,
    """
    CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON site_search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title_stems, extra_stems,
                                     body_stems, audiences)
        VALUES ('delete', old.id, old.title_stems, old.extra_stems, old.body_stems,
                old.audiences);
    END
    """,
    """
    CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON site_search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title_stems, extra_stems,
                                     body_stems, audiences)
        VALUES ('delete', old.id, old.title_stems, old.extra_stems, old.body_stems,
                old.audiences);
        INSERT INTO search_entry_fts(rowid, title_stems, extra_stems, body_stems, audiences)
        VALUES (new.id, new.title_stems, new.extra_stems, new.body_stems, new.audiences);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]

POSTGRES_CREATE = [
    """
    ALTER TABLE site_search_searchentry ADD COLUMN text_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_stems), 'A')
        || setweight(to_tsvector('simple'::regconfig, extra_stems), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_stems), 'C')
    ) STORED
    """,
    """
    ALTER TABLE site_search_searchentry ADD COLUMN audience_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, audiences)) STORED
    """,
    "CREATE INDEX search_entry_text ON site_search_searchentry USING gin (text_vector)",
    "CREATE INDEX search_entry_audience ON site_search_searchentry USING gin (audience_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_audience",
    "DROP INDEX IF EXISTS search_entry_text",
    "ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS audience_vector",
    "ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS text_vector",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def run(statements_index):
    def operation(apps, schema_editor):
        statements = STATEMENTS.get(schema_editor.connection.vendor)
        if statements:
            for statement in statements[statements_index]:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
