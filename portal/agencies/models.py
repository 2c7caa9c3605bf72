"""The register of agencies ("cơ quan, đơn vị") that registers address and that supervise."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from portal.core.text import fold

__all__ = ["Agency"]


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)


class Agency(index.Indexed, models.Model):
    """An agency or unit with a stable code that public links and imports key on."""

    KIND_COUNCIL = "hdnd"
    KIND_DELEGATION = "doan_dbqh"
    KIND_PEOPLES_COMMITTEE = "ubnd"
    KIND_DEPARTMENT = "so_nganh"
    KIND_PARTY = "dang"
    KIND_FRONT = "mttq"
    KIND_OTHER = "khac"
    KIND_CHOICES = [
        (KIND_COUNCIL, "Hội đồng nhân dân và các Ban"),
        (KIND_DELEGATION, "Đoàn Đại biểu Quốc hội"),
        (KIND_PEOPLES_COMMITTEE, "Ủy ban nhân dân"),
        (KIND_DEPARTMENT, "Sở, ban, ngành"),
        (KIND_PARTY, "Cơ quan Đảng"),
        (KIND_FRONT, "Mặt trận Tổ quốc, đoàn thể"),
        (KIND_OTHER, "Khác"),
    ]

    code = models.SlugField(
        "mã",
        max_length=64,
        unique=True,
        help_text="Mã cố định, không đổi (dùng trong đường dẫn và khi nhập/xuất). Ví dụ: ubnd-me-linh.",
    )
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=16, choices=KIND_CHOICES, default=KIND_OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    aliases = models.TextField(
        "tên gọi khác",
        blank=True,
        help_text="Mỗi dòng một cách gọi khác (để nhận ra đơn vị khi được nêu trong tin bài).",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)

    objects = AgencyQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("parent")]),
        FieldPanel("aliases"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def names(self) -> list[str]:
        """Every name this agency goes by, folded for matching (full, short, aliases)."""
        found = [self.name, self.short_name, *self.aliases.splitlines()]
        return [fold(name).strip() for name in found if name and name.strip()]
