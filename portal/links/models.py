"""Related websites ("liên kết website") that editors list in the sidebar."""

from django.core.validators import URLValidator
from django.db import models

from wagtail.admin.panels import FieldPanel

__all__ = ["WebsiteLink", "WebsiteLinkQuerySet"]

http_url_validator = URLValidator(
    schemes=["http", "https"], message="Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://."
)


class WebsiteLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_order(self):
        return self.order_by("sort_order", "name", "pk")


class WebsiteLink(models.Model):
    """One related website: a name, an http(s) address, a place in the list."""

    name = models.CharField("tên website", max_length=200)
    url = models.URLField("địa chỉ", max_length=500, validators=[http_url_validator])
    sort_order = models.IntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước.")
    active = models.BooleanField("hiển thị", default=True)

    objects = WebsiteLinkQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        verbose_name = "liên kết website"
        verbose_name_plural = "liên kết website"
        ordering = ["sort_order", "name", "pk"]

    def __str__(self) -> str:
        return self.name
