"""Article ratings: one row per visitor and article, plus an exact per-article summary."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

__all__ = ["MAX_STARS", "MIN_STARS", "Rating", "RatingSummary"]

MIN_STARS = 1
MAX_STARS = 5


class RatingQuerySet(models.QuerySet):
    def for_article(self, article_id: int):
        return self.filter(article_id=article_id)

    def by_visitor(self, visitor_key: str):
        return self.filter(visitor_key=visitor_key)

    def counted(self):
        """Ratings in the published figures (not beyond their address's allowance)."""
        return self.filter(counted=True)


class Rating(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name="bài viết",
    )
    visitor_key = models.CharField("mã người đánh giá", max_length=64)
    stars = models.PositiveSmallIntegerField(
        "số sao",
        validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)],
    )
    counted = models.BooleanField(
        "được tính",
        default=True,
        db_index=True,
        help_text="Không: vượt hạn mức đánh giá của một địa chỉ mạng; lưu lại nhưng không tính.",
    )
    address_hash = models.CharField("mã địa chỉ mạng", max_length=64, blank=True, default="")
    created_at = models.DateTimeField("thời điểm đánh giá", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm sửa", auto_now=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt đánh giá"
        verbose_name_plural = "lượt đánh giá"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "visitor_key"], name="ratings_one_per_visitor"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS),
                name="ratings_stars_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars} sao – {self.article_id}"


class RatingSummary(models.Model):
    """How many counted ratings an article has and their sum, kept exact with F() updates."""

    article = models.OneToOneField(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
        verbose_name="bài viết",
    )
    count = models.PositiveIntegerField("lượt đánh giá", default=0)
    total = models.PositiveBigIntegerField("tổng số sao", default=0)

    class Meta:
        verbose_name = "tổng hợp đánh giá"
        verbose_name_plural = "tổng hợp đánh giá"
        ordering = ["-count"]

    def __str__(self) -> str:
        return str(self.article)

    @property
    def average(self) -> Decimal:
        """The mean to one decimal (0 when nobody has rated yet)."""
        if not self.count:
            return Decimal("0.0")
        return (Decimal(self.total) / Decimal(self.count)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
