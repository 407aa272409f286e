"""PostgreSQL: the entries' long columns compressed with LZ4 rather than pglz.

A tender's entry holds its documents' text three times over (the text, its stems and their
vector), each compressed as it is written. LZ4 compresses several times faster than pglz,
which a rebuild of 100,000 items notices. A server built without LZ4 keeps pglz. Rows keep
the compression they were written with until they are written again (a rebuild rewrites all).
"""

from django.db import migrations

TABLE = "site_search_searchentry"
COLUMNS = ["body", "body_stems", "text_vector"]


def compression(method):
    def operation(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT %s = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'",
                [method],
            )
            row = cursor.fetchone()
        if method != "default" and not (row and row[0]):
            return
        for column in COLUMNS:
            schema_editor.execute(
                f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION {method}"
            )

    return operation


class Migration(migrations.Migration):
    dependencies = [("site_search", "0007_coarse_sample_index")]

    operations = [migrations.RunPython(compression("lz4"), compression("default"))]
