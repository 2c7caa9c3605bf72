"""Test data for visit statistics: the demo articles and visitor helpers."""

import datetime

from django.utils import timezone

from portal.demo.content import load_demo_content
from portal.news.models import ArticlePage
from portal.visits.services import visit_record

SEED_SLUG = "doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem"


def demo_articles() -> tuple[ArticlePage, ArticlePage]:
    """Load the demo site; return the seed article and another article."""
    load_demo_content()
    seed = ArticlePage.objects.get(slug=SEED_SLUG)
    other = ArticlePage.objects.published().exclude(pk=seed.pk).first()
    return seed, other


def record_views(
    count: int, *, visitor: str = "c:visitor-1", page=None, now: datetime.datetime | None = None
) -> None:
    for _ in range(count):
        visit_record(visitor_key=visitor, page_id=page.pk if page else None, now=now)


def local_time(*args: int) -> datetime.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh, e.g. local_time(2026, 11, 27, 23, 50)."""
    return timezone.make_aware(datetime.datetime(*args), timezone.get_default_timezone())
