"""Visit statistics: the running total, visits per day, page views per page, recent visitors."""

from django.core.validators import MinValueValidator
from django.db import models

__all__ = ["DailyVisits", "FlushedSpool", "PageViewCount", "RecentVisitor", "VisitTotal"]


class VisitTotal(models.Model):
    """The one "Thống kê" counter: every visit since the portal (or its predecessor) opened."""

    SINGLETON_ID = 1

    total = models.BigIntegerField(
        "tổng lượt truy cập",
        default=0,
        validators=[MinValueValidator(0, "Tổng lượt truy cập không được âm.")],
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "tổng lượt truy cập"
        verbose_name_plural = "tổng lượt truy cập"

    def __str__(self) -> str:
        return str(self.total)


class DailyVisitsQuerySet(models.QuerySet):
    def between(self, first, last):
        return self.filter(date__gte=first, date__lte=last).order_by("date")


class DailyVisits(models.Model):
    """Visits and page views of one day (Asia/Ho_Chi_Minh)."""

    date = models.DateField("ngày", unique=True)
    visits = models.BigIntegerField("lượt truy cập", default=0)
    page_views = models.BigIntegerField("lượt xem trang", default=0)

    objects = DailyVisitsQuerySet.as_manager()

    class Meta:
        verbose_name = "thống kê ngày"
        verbose_name_plural = "thống kê theo ngày"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.visits}"


class PageViewCountQuerySet(models.QuerySet):
    def most_viewed(self):
        return self.filter(views__gt=0).order_by("-views", "-page_id")


class PageViewCount(models.Model):
    """How many times a page (an article) was viewed — every view counts."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="trang",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_count",
    )
    views = models.BigIntegerField("lượt xem", default=0, db_index=True)

    objects = PageViewCountQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt xem trang"
        verbose_name_plural = "lượt xem trang"

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class RecentVisitor(models.Model):
    """A visitor seen in the last visit window, by a hash of their key (never an address).

    Used when no shared cache (Redis) is configured: it tells a new visit from a continuing one
    across worker processes, and who is online now. Written only in batches by the flush.
    """

    key_hash = models.CharField("mã khách (băm)", max_length=64, primary_key=True)
    last_seen = models.DateTimeField("lần cuối", db_index=True)
    # False for the cookie a visitor was just given: it continues their visit, but they are
    # already online under the key they arrived with.
    counts_online = models.BooleanField("tính là đang trực tuyến", default=True)

    class Meta:
        verbose_name = "khách truy cập gần đây"
        verbose_name_plural = "khách truy cập gần đây"

    def __str__(self) -> str:
        return self.key_hash


class FlushedSpool(models.Model):
    """A spool file of buffered views already in the counts, recorded in the same transaction.

    A flush that dies between its commit and deleting the file must not count it again.
    """

    name = models.CharField("tệp đệm", max_length=120, unique=True)
    flushed_at = models.DateTimeField("ghi lúc", db_index=True)

    class Meta:
        verbose_name = "tệp đệm đã ghi"
        verbose_name_plural = "tệp đệm đã ghi"

    def __str__(self) -> str:
        return self.name
