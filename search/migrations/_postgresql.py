"""What several of this app's migrations share: SQL that only PostgreSQL runs.

The full-text columns and indexes of PostgreSQL have no SQLite counterpart (SQLite's FTS5
table is made in migration 0002), so these migrations do nothing on other databases. Django's
migration loader skips modules whose names start with an underscore.
"""


def on_postgresql(statements):
    """A RunPython operation executing ``statements`` in order, on PostgreSQL only."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation
