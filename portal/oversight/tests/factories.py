"""Factories and a small page tree for the oversight register's tests."""

import datetime

import factory

from portal.agencies.tests.factories import AgencyFactory
from portal.core.testing.pages import site_home
from portal.core.text import symbol_key
from portal.legal_documents.models import LegalDocument
from portal.oversight.models import (
    ActivityKind,
    ActivityPage,
    OversightIndexPage,
    RecommendationPage,
)
from portal.oversight.services import recommendation_event_record


class ActivityKindFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Giám sát chuyên đề {n}")

    class Meta:
        model = ActivityKind
        django_get_or_create = ("name",)


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    symbol = factory.Sequence(lambda n: f"{n + 100}/BC-UBND")
    key = factory.LazyAttribute(lambda o: symbol_key(o.symbol))
    kind = "other"
    issuer = "UBND quận"
    issued_on = datetime.date(2026, 3, 2)
    title = "Báo cáo kết quả thực hiện kiến nghị"

    class Meta:
        model = LegalDocument


def register_index() -> OversightIndexPage:
    """Home → "Giám sát" register, published (reused when present)."""
    index = OversightIndexPage.objects.first()
    if index:
        return index
    index = OversightIndexPage(title="Sổ theo dõi giám sát", slug="giam-sat")
    site_home().add_child(instance=index)
    index.save_revision().publish()
    return index


def make_activity(index=None, *, publish=True, **fields) -> ActivityPage:
    index = index or register_index()
    fields.setdefault("title", "Giám sát việc giải quyết kiến nghị cử tri")
    fields.setdefault("kind", ActivityKindFactory())
    fields.setdefault(
        "supervising_body",
        AgencyFactory(code="thuong-truc-hdnd", name="Thường trực HĐND thành phố", kind="hdnd"),
    )
    fields.setdefault("start_date", datetime.date(2026, 1, 12))
    activity = ActivityPage(**fields)
    index.add_child(instance=activity)
    revision = activity.save_revision()
    if publish:
        revision.publish()
    activity.refresh_from_db()
    return activity


def make_recommendation(activity, *, publish=True, **fields) -> RecommendationPage:
    fields.setdefault("text", "Rà soát, hoàn thành việc cấp giấy chứng nhận quyền sử dụng đất.")
    fields.setdefault("addressed_to", AgencyFactory(code="ubnd-quan", name="UBND quận Hoàn Kiếm"))
    fields.setdefault("issued_on", datetime.date(2026, 1, 15))
    if "due_in_working_days" not in fields:
        fields.setdefault("due_date", datetime.date(2026, 3, 31))
    recommendation = RecommendationPage(**fields)
    activity.add_child(instance=recommendation)
    revision = recommendation.save_revision()
    if publish:
        revision.publish()
    recommendation.refresh_from_db()
    return recommendation


def record(recommendation, *, publish=True, **fields):
    """Append an event and (by default) approve it onto the public register."""
    event = recommendation_event_record(recommendation=recommendation, **fields)
    if publish:
        recommendation.refresh_from_db()
        recommendation.get_latest_revision().publish()
    recommendation.refresh_from_db()
    return event
