"""Public writes of the ratings app."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Rating, RatingSummary
from .selectors import RatingStats, article_rating_stats

__all__ = ["RatingOutcome", "rating_cast"]


@dataclass(frozen=True)
class RatingOutcome:
    created: bool
    stars: int
    stats: RatingStats

    @property
    def count(self) -> int:
        return self.stats.count

    @property
    def average(self) -> Decimal:
        return self.stats.average


def _bump_summary(article_id: int, *, count: int, total: int) -> None:
    """Add to the article's summary row in SQL (never read-modify-write), creating it once."""
    changes = {"count": F("count") + count, "total": F("total") + total}
    if RatingSummary.objects.filter(article_id=article_id).update(**changes):
        return
    try:
        with transaction.atomic():
            RatingSummary.objects.create(article_id=article_id, count=count, total=total)
    except IntegrityError:  # another process created it first
        RatingSummary.objects.filter(article_id=article_id).update(**changes)


def rating_cast(*, article_id: int, visitor_key: str, stars: int) -> RatingOutcome:
    """Record (or change) one visitor's rating of an article; the summary stays exact."""
    rating = Rating(article_id=article_id, visitor_key=visitor_key, stars=stars)
    # The unique constraint is enforced by the database below, where it is race-free.
    rating.full_clean(exclude=["article"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                rating.save(force_insert=True)
            created = True
            _bump_summary(article_id, count=1, total=stars)
        except IntegrityError:
            # Already rated: lock the visitor's row so the delta below is computed once.
            existing = (
                Rating.objects.select_for_update()
                .for_article(article_id)
                .by_visitor(visitor_key)
                .get()
            )
            created = False
            delta = stars - existing.stars
            if delta:
                Rating.objects.filter(pk=existing.pk).update(stars=stars)
                _bump_summary(article_id, count=0, total=delta)
    return RatingOutcome(created=created, stars=stars, stats=article_rating_stats(article_id))
