"""Reads of the ratings app."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Rating, RatingSummary

__all__ = ["RatingStats", "article_rating_stats", "visitor_stars", "visitor_state"]


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


def visitor_state(request, params) -> dict:
    """For /ca-nhan/?bai-viet=ID: the article's live figures and this visitor's stars."""
    from django.utils.formats import number_format

    from portal.core.visitors import get_visitor

    try:
        article_id = int(params.get("bai-viet", ""))
    except ValueError:
        return {}
    if not 0 < article_id < 2**63:
        return {}
    stats = article_rating_stats(article_id)
    visitor = get_visitor(request)
    return {
        "rating": {
            "count": stats.count,
            "count_display": number_format(stats.count, force_grouping=True),
            "average_display": number_format(stats.average, 1, force_grouping=True),
            "mine": visitor_stars(article_id, visitor.key) if visitor.has_cookie else None,
        }
    }
