"""SQLite: drop the exact-spelling columns from the FTS5 table.

Matching has only ever used the folded words and the symbols; the exact-spelling bonus now reads
SearchEntry.lead_words (0004), so the exact columns (about 40% of the index) are dead weight.
The folded columns are copied across, so no reindexing is needed. Nothing changes on PostgreSQL.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts_folded USING fts5("
    "title_folded, body_folded, symbols, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts_folded (rowid, title_folded, body_folded, symbols) "
    "SELECT rowid, title_folded, body_folded, symbols FROM search_fts",
    "INSERT INTO search_fts_folded (search_fts_folded) VALUES ('optimize')",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_folded RENAME TO search_fts",
]
SQLITE_BACKWARD = [
    "CREATE VIRTUAL TABLE search_fts_full USING fts5("
    "title_exact, body_exact, title_folded, body_folded, symbols, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    # The exact columns cannot be recovered here: `rebuild_search_index` refills them.
    "INSERT INTO search_fts_full (rowid, title_exact, body_exact, title_folded, body_folded, "
    "symbols) SELECT rowid, '', '', title_folded, body_folded, symbols FROM search_fts",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_full RENAME TO search_fts",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "sqlite":
        for statement in statements:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_lead_words")]

    operations = [migrations.RunPython(forward, backward)]
