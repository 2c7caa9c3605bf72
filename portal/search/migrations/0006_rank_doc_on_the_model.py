"""Declare SearchEntry.rank_doc on the model.

On PostgreSQL the column already exists (0004 added it in raw SQL), so only the migration state
changes. On SQLite the column is added (NULL, never written: FTS5 ranks there), so the model
reads the same on both engines. Nothing is reindexed.
"""

import django.contrib.postgres.search
from django.db import migrations

SQLITE_FORWARD = "ALTER TABLE search_searchentry ADD COLUMN rank_doc tsvector NULL"
SQLITE_BACKWARD = "ALTER TABLE search_searchentry DROP COLUMN rank_doc"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_fts_folded_only")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="rank_doc",
                    field=django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True, verbose_name="vectơ xếp hạng"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        )
    ]
