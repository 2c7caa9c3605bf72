"""Site-wide settings an administrator edits in the admin (the banner and the footer)."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

__all__ = ["AddressAllowance", "ContentVersion", "PortalSettings", "RateCounter"]


@register_setting(icon="site")
class PortalSettings(BaseGenericSetting):
    """Who runs the portal: the name in the banner and the responsible office in the footer."""

    body_name = models.CharField(
        "tên cơ quan",
        max_length=255,
        default="Đoàn Đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội",
    )
    body_name_line1 = models.CharField(
        "dòng trên của tên (nhỏ)", max_length=255, default="Trang thông tin điện tử"
    )
    emblem = models.ForeignKey(
        "images.PortalImage",
        verbose_name="quốc huy / biểu trưng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Để trống để dùng biểu trưng mặc định.",
    )
    responsible_office = models.CharField(
        "cơ quan chủ quản",
        max_length=255,
        default="Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội",
    )
    responsible_person = models.CharField(
        "chịu trách nhiệm nội dung", max_length=255, blank=True, default="Chánh Văn phòng"
    )
    licence = models.CharField("giấy phép", max_length=255, blank=True)
    address = models.CharField(
        "địa chỉ", max_length=255, default="Số 2 Hai Bà Trưng, Hoàn Kiếm, Hà Nội"
    )
    phone = models.CharField("điện thoại", max_length=64, default="024 3825 3536")
    email = models.EmailField("thư điện tử", default="vanphong@dbqh-hdnd.hanoi.gov.vn")

    panels = [
        MultiFieldPanel(
            [FieldPanel("body_name_line1"), FieldPanel("body_name"), FieldPanel("emblem")],
            heading="Tiêu đề trang",
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_office"),
                FieldPanel("responsible_person"),
                FieldPanel("licence"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading="Chân trang",
        ),
    ]

    class Meta:
        verbose_name = "thông tin cơ quan"

    def __str__(self) -> str:
        return self.body_name

    @classmethod
    def load(cls, request_or_site=None):
        """Wagtail's per-request copy; on a shared page, one read per content version."""
        from django.http import HttpRequest

        from .fragments import cached

        if isinstance(request_or_site, HttpRequest) and not hasattr(
            request_or_site, cls.get_cache_attr_name()
        ):
            parent = super()
            setting = cached(request_or_site, "portal-settings", lambda: parent.load())
            setattr(request_or_site, cls.get_cache_attr_name(), setting)
        return super().load(request_or_site=request_or_site)


class ContentVersion(models.Model):
    """One row: bumped whenever published content changes, so every cached page is stale.

    Shared by every process and app server (it lives in the database), it is what the public
    pages' ETag and the application's page cache are keyed on; see portal.core.pagecache.
    """

    value = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phiên bản nội dung"

    def __str__(self) -> str:
        return f"v{self.value}"


class RateCounter(models.Model):
    """Hits of one rate-limit bucket in one fixed window (portal.core.ratelimit slides over two)."""

    bucket = models.CharField("khóa", max_length=40)
    slot = models.BigIntegerField("cửa sổ")
    hits = models.PositiveIntegerField("số lượt", default=0)
    expires = models.BigIntegerField("hết hạn (giây Unix)", db_index=True)

    class Meta:
        verbose_name = "bộ đếm giới hạn tần suất"
        verbose_name_plural = "bộ đếm giới hạn tần suất"
        constraints = [
            models.UniqueConstraint(fields=["bucket", "slot"], name="core_ratecounter_bucket_slot")
        ]

    def __str__(self) -> str:
        return f"{self.bucket}@{self.slot}: {self.hits}"


class AddressAllowance(models.Model):
    """How many counted votes one client address has used on one target in one period.

    portal.core.allowance claims a place with one conditional UPDATE, so concurrent votes from
    any number of processes never count more than the allowance.
    """

    scope = models.CharField("loại", max_length=32)
    target = models.BigIntegerField("đối tượng")
    address_hash = models.CharField("mã địa chỉ", max_length=64)
    period = models.BigIntegerField("kỳ")
    used = models.PositiveIntegerField("đã dùng", default=0)

    class Meta:
        verbose_name = "hạn mức theo địa chỉ"
        verbose_name_plural = "hạn mức theo địa chỉ"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "target", "address_hash", "period"],
                name="core_addressallowance_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.target} {self.used}"
