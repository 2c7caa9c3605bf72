"""The full-text part of the index: FTS5 on SQLite, a weighted tsvector + GIN on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title_exact, body_exact, title_folded, body_folded, symbols, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"
POSTGRES_CREATE = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS folded_doc tsvector "
    "NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX IF NOT EXISTS search_entry_folded_doc ON search_searchentry "
    "USING gin (folded_doc) WITH (fastupdate = off)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_folded_doc",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS folded_doc",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_CREATE])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [SQLITE_DROP])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_fulltext, drop_fulltext)]
