"""An append-only event log, the base of the registers' histories.

An event once written is never edited or deleted: a mistake is corrected by a later event
that names the one it corrects (`corrects`). The model, its queryset and its manager refuse
updates and deletes with `AppendOnlyError`, so a register's history cannot be rewritten
through the ORM by accident. Concrete event models live in each register's app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

__all__ = ["AppendOnlyError", "AppendOnlyEvent", "AppendOnlyQuerySet"]

APPEND_ONLY_MESSAGE = (
    "Nhật ký sự kiện chỉ được ghi thêm: không sửa, không xóa sự kiện đã ghi. "
    "Hãy ghi một sự kiện đính chính."
)


class AppendOnlyError(Exception):
    """An attempt to edit or delete an event that has been written."""

    def __init__(self, message: str = APPEND_ONLY_MESSAGE):
        super().__init__(message)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError()

    def delete(self):
        raise AppendOnlyError()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError()

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError()

    def chronological(self):
        return self.order_by("occurred_on", "recorded_at", "pk")

    def effective(self):
        """Events no later event corrects: the ones a register's state is computed from."""
        return self.filter(corrections__isnull=True)


class AppendOnlyEvent(models.Model):
    """What happened, when and who recorded it; each register adds what it happened to and on
    which document's authority (`source_document`), so core names no domain app."""

    occurred_on = models.DateField("ngày xảy ra")
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept apart from the account so the log still says who after an account is removed.
    recorded_by_name = models.CharField("tên người ghi", max_length=150, blank=True)
    kind = models.CharField("loại sự kiện", max_length=32)
    note = models.TextField("nội dung, giải thích", blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name="đính chính sự kiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["occurred_on", "recorded_at", "pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding or kwargs.get("force_update"):
            raise AppendOnlyError()
        if self.recorded_by_id and not self.recorded_by_name and self.recorded_by:
            self.recorded_by_name = self.recorded_by.get_full_name() or self.recorded_by.username
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError()

    def clean(self) -> None:
        super().clean()
        if self.corrects_id is not None and self.pk is not None and self.corrects_id == self.pk:
            raise ValidationError({"corrects": "Một sự kiện không thể tự đính chính chính nó."})

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None
