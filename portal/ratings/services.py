"""Public writes of the ratings app."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from portal.core.allowance import address_slot_claim

from .models import Rating, RatingSummary
from .selectors import RatingStats, article_rating_stats

__all__ = ["RatingOutcome", "rating_cast"]


ALLOWANCE_SCOPE = "ratings"


@dataclass(frozen=True)
class RatingOutcome:
    created: bool
    stars: int
    stats: RatingStats
    counted: bool = True

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


def rating_cast(
    *, article_id: int, visitor_key: str, stars: int, address_hash: str = ""
) -> RatingOutcome:
    """Record (or change) one visitor's rating of an article; the summary stays exact.

    A new rating counts while its client address (`address_hash`) is within its allowance
    (portal.core.allowance); beyond it the rating is kept with counted=False, out of the summary.
    """
    rating = Rating(
        article_id=article_id, visitor_key=visitor_key, stars=stars, address_hash=address_hash
    )
    # The unique constraint is enforced by the database below, where it is race-free.
    rating.full_clean(exclude=["article"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        try:
            # The place and the row together: a duplicate rating gives its place back.
            with transaction.atomic():
                rating.counted = not address_hash or address_slot_claim(
                    scope=ALLOWANCE_SCOPE, target=article_id, address_hash=address_hash
                )
                rating.save(force_insert=True)
            created = True
        except IntegrityError:
            created = False
        if created:
            counted = rating.counted
            if counted:
                _bump_summary(article_id, count=1, total=stars)
        else:
            # Already rated: lock the visitor's row so the delta below is computed once.
            existing = (
                Rating.objects.select_for_update()
                .for_article(article_id)
                .by_visitor(visitor_key)
                .get()
            )
            counted = existing.counted
            delta = stars - existing.stars
            if delta:
                Rating.objects.filter(pk=existing.pk).update(stars=stars)
                if counted:
                    _bump_summary(article_id, count=0, total=delta)
    return RatingOutcome(
        created=created,
        stars=stars,
        stats=article_rating_stats(article_id),
        counted=counted,
    )
