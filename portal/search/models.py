"""The portal's own search index: one row per searchable object, whatever its type.

The full-text part lives beside it, per engine (see backends.py): an FTS5 table on SQLite; on
PostgreSQL a narrow table of weighted tsvectors with a GIN index, and a small `rank_doc` vector
in this table (written by the backend; always empty on SQLite).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

__all__ = ["SearchEntry"]


class SearchEntryQuerySet(models.QuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)


class SearchEntry(models.Model):
    """What a search result shows and filters on; the text is kept as written, for snippets."""

    kind = models.CharField("loại", max_length=32)
    object_id = models.PositiveBigIntegerField("mã đối tượng")
    title = models.TextField("tiêu đề")
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("địa chỉ", max_length=500)
    section = models.CharField("chuyên mục", max_length=255, blank=True)
    section_label = models.CharField("tên chuyên mục", max_length=255, blank=True)
    date = models.DateField("ngày", null=True, blank=True)
    symbol = models.CharField("số ký hiệu", max_length=100, blank=True)
    symbol_key = models.CharField("khóa số ký hiệu", max_length=100, blank=True)
    # The exact (normalised, lower-case) words of the title, a newline, those of the body's
    # start: what the exact-spelling and adjacency bonus of the best matches reads.
    lead_words = models.TextField("từ của tiêu đề và đoạn đầu", blank=True, editable=False)
    # PostgreSQL: the small vector a match is ranked by, written by backends.PostgresBackend
    # (symbols A, folded title B, the lead words). NULL on SQLite, which ranks with FTS5.
    rank_doc = SearchVectorField("vectơ xếp hạng", null=True, editable=False)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "mục chỉ mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")
        ]
        indexes = [
            models.Index(fields=["kind", "date"], name="search_entry_kind_date"),
            models.Index(fields=["section", "date"], name="search_entry_section_date"),
            models.Index(fields=["date"], name="search_entry_date"),
            models.Index(fields=["symbol_key"], name="search_entry_symbol_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title[:60]}"
