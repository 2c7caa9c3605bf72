"""Reads of the ratings app."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Rating, RatingSummary

__all__ = ["RatingStats", "article_rating_stats", "visitor_stars"]


@dataclass(frozen=True)
class RatingStats:
    count: int
    average: Decimal


def article_rating_stats(article_id: int) -> RatingStats:
    """Number of ratings and their average (one decimal) for an article."""
    summary = RatingSummary.objects.filter(article_id=article_id).first()
    if summary is None:
        return RatingStats(count=0, average=Decimal("0.0"))
    return RatingStats(count=summary.count, average=summary.average)


def visitor_stars(article_id: int, visitor_key: str) -> int | None:
    """The stars this visitor gave the article, if they rated it."""
    return (
        Rating.objects.for_article(article_id)
        .by_visitor(visitor_key)
        .values_list("stars", flat=True)
        .first()
    )
