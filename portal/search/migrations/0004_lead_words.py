"""SearchEntry.lead_words, the words the ranking bonus reads, stored at indexing time (they were
computed from the title and body of the best 50 matches on every query); on PostgreSQL also
rank_doc, the small vector a match is ranked by (see backends.PostgresBackend)."""

from django.db import migrations, models

from portal.search.analysis import analyse_text, fold_words

BATCH = 1000
# As services.lead_words and PostgresBackend.rank_parts were when this migration was written
# (frozen here so later changes to them cannot change what the migration does).
LEAD_BODY_CHARS = 400


def lead_words(title: str, body: str) -> str:
    return f"{analyse_text(title).exact}\n{analyse_text(body[:LEAD_BODY_CHARS]).exact}"


def rank_parts(words: str) -> tuple[str, str]:
    title_exact, _, body_exact = words.partition("\n")
    return fold_words(title_exact), fold_words(body_exact)

POSTGRES_FORWARD = "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS rank_doc tsvector"
POSTGRES_BACKWARD = "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS rank_doc"
# The symbols are the A-weighted lexemes of the entry's matching vector.
POSTGRES_RANK_DOC = (
    "UPDATE search_searchentry e SET rank_doc = coalesce("
    "(SELECT ts_filter(f.folded_doc, '{a}') FROM search_fulltext f WHERE f.entry_id = e.id), "
    "''::tsvector) || setweight(to_tsvector('simple', %s), 'B') || to_tsvector('simple', %s) "
    "WHERE e.id = %s"
)


def fill(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(POSTGRES_FORWARD)
    batch = []

    def flush():
        SearchEntry.objects.bulk_update(batch, ["lead_words"])
        if postgres:
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(
                    POSTGRES_RANK_DOC,
                    [(*rank_parts(entry.lead_words), entry.pk) for entry in batch],
                )
        batch.clear()

    for entry in SearchEntry.objects.only("id", "title", "body").iterator(chunk_size=BATCH):
        entry.lead_words = lead_words(entry.title, entry.body)
        batch.append(entry)
        if len(batch) >= BATCH:
            flush()
    flush()


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_fulltext_table")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="lead_words",
            field=models.TextField(
                blank=True, editable=False, verbose_name="từ của tiêu đề và đoạn đầu"
            ),
        ),
        migrations.RunPython(fill, unfill),
    ]
