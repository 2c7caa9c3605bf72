"""PostgreSQL: move the vectors out of the entry table into a narrow table of their own.

Finding the newest matches of a common word read the entries' rows, texts and all (hundreds of
MB at 100,000 articles); the narrow table holds only what matching, filtering and ordering need.
Existing vectors are moved, so no reindexing is needed. Nothing changes on SQLite.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE TABLE IF NOT EXISTS search_fulltext ("
    " entry_id bigint PRIMARY KEY REFERENCES search_searchentry (id) ON DELETE CASCADE,"
    " kind varchar(32) NOT NULL,"
    " section varchar(255) NOT NULL,"
    " date date NULL,"
    " symbol_key varchar(100) NOT NULL,"
    " folded_doc tsvector NOT NULL)",
    "INSERT INTO search_fulltext (entry_id, kind, section, date, symbol_key, folded_doc) "
    # With the lexeme of the id bucket (backends.ID_BUCKET, 5000 ids) that queries narrow by.
    "SELECT id, kind, section, date, symbol_key, "
    "folded_doc || array_to_tsvector(ARRAY['#' || (id / 5000)::text]) FROM search_searchentry "
    "WHERE folded_doc <> ''::tsvector ON CONFLICT (entry_id) DO NOTHING",
    "CREATE INDEX IF NOT EXISTS search_fulltext_folded_doc ON search_fulltext "
    "USING gin (folded_doc) WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS search_entry_folded_doc",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS folded_doc",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS folded_doc tsvector "
    "NOT NULL DEFAULT ''::tsvector",
    "UPDATE search_searchentry e SET folded_doc = f.folded_doc "
    "FROM search_fulltext f WHERE f.entry_id = e.id",
    "CREATE INDEX IF NOT EXISTS search_entry_folded_doc ON search_searchentry "
    "USING gin (folded_doc) WITH (fastupdate = off)",
    "DROP TABLE IF EXISTS search_fulltext",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, POSTGRES_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
