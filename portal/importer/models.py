"""What has been imported from the old portal, so that importing again changes nothing."""

from django.db import models

__all__ = ["ImportRecord"]


class ImportRecord(models.Model):
    """One legacy dump imported: its fingerprint, where it came from, the article it became."""

    source_hash = models.CharField("dấu vân tay nội dung (SHA-256)", max_length=64, unique=True)
    source_path = models.CharField("tệp nguồn", max_length=1000)
    source_encoding = models.CharField("bảng mã", max_length=32, blank=True)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="tin bài",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.TextField("báo cáo", blank=True)
    imported_at = models.DateTimeField("thời điểm nhập", auto_now_add=True)

    class Meta:
        verbose_name = "bản ghi nhập dữ liệu"
        verbose_name_plural = "bản ghi nhập dữ liệu"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.source_path
