"""Days off and make-up working days the government announces, entered by administrators."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel

__all__ = ["CalendarException"]


class CalendarException(models.Model):
    """One announced exception to the usual week: an extra day off or a make-up working day."""

    KIND_DAY_OFF = "day_off"
    KIND_WORKING_DAY = "working_day"
    KIND_CHOICES = [
        (KIND_DAY_OFF, "Ngày nghỉ (nghỉ bù, nghỉ thêm)"),
        (KIND_WORKING_DAY, "Ngày làm việc (làm bù)"),
    ]

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=KIND_CHOICES)
    note = models.CharField(
        "ghi chú",
        max_length=255,
        blank=True,
        help_text="Ví dụ: theo Thông báo số …/TB-BLĐTBXH, làm bù cho ngày nghỉ Tết.",
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("note")]

    class Meta:
        verbose_name = "ngày nghỉ bù, làm bù"
        verbose_name_plural = "ngày nghỉ bù, làm bù"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
