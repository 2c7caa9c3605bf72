"""Test data for visit statistics: two articles to count and visitor helpers."""

import datetime

from django.utils import timezone

from portal.core.testing.pages import published_article
from portal.news.models import ArticlePage
from portal.visits.services import visit_record


def two_articles() -> tuple[ArticlePage, ArticlePage]:
    """Two live articles of the home page's section: the one under test and another."""
    return published_article(), published_article()


def record_views(
    count: int, *, visitor: str = "c:visitor-1", page=None, now: datetime.datetime | None = None
) -> None:
    for _ in range(count):
        visit_record(visitor_key=visitor, page_id=page.pk if page else None, now=now)


def local_time(*args: int) -> datetime.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh, e.g. local_time(2026, 11, 27, 23, 50)."""
    return timezone.make_aware(datetime.datetime(*args), timezone.get_default_timezone())
