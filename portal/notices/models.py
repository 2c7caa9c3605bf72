"""Maintenance notices: a planned interruption, announced ahead on every page and in the API."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel

__all__ = ["MaintenanceNotice"]


class MaintenanceNoticeQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Notices to show now: from their show-from time until the interruption ends."""
        now = now or timezone.now()
        return self.filter(show_from__lte=now, ends_at__gt=now).order_by("starts_at", "pk")


class MaintenanceNotice(models.Model):
    """A planned interruption (start, end) announced from `show_from` until it ends."""

    title = models.CharField("tiêu đề", max_length=200, default="Thông báo bảo trì hệ thống")
    text = models.TextField(
        "nội dung",
        max_length=1000,
        help_text="Ví dụ: Trang tạm ngừng hoạt động để nâng cấp. Xin cảm ơn bạn đọc.",
    )
    starts_at = models.DateTimeField("bắt đầu gián đoạn")
    ends_at = models.DateTimeField("kết thúc gián đoạn")
    show_from = models.DateTimeField(
        "hiển thị từ",
        help_text="Thời điểm bắt đầu hiện thông báo trên mọi trang (trước khi gián đoạn).",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = MaintenanceNoticeQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("show_from"),
    ]

    class Meta:
        verbose_name = "thông báo bảo trì"
        verbose_name_plural = "thông báo bảo trì"
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu."
        if self.show_from and self.starts_at and self.show_from > self.starts_at:
            errors["show_from"] = "Cần hiển thị thông báo từ trước khi gián đoạn bắt đầu."
        if errors:
            raise ValidationError(errors)
