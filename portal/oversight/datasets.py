"""The oversight register as bulk downloads (portal.opendata.datasets): activities and
recommendations, exactly what their public pages and the API show."""

from collections.abc import Iterable

from django.db.models import Count, Max
from django.utils import timezone

from portal.opendata.datasets import Column, Dataset, register_dataset, when

from . import selectors


def _activity_rows() -> Iterable[list]:
    activities = selectors.live_activities().prefetch_related("supervised_units").order_by("pk")
    for activity in activities:
        yield [
            activity.pk,
            activity.reference,
            activity.title,
            activity.kind.name,
            activity.supervising_body.code,
            activity.supervising_body.name,
            " ".join(sorted(unit.code for unit in activity.supervised_units.all())),
            activity.period,
            when(activity.start_date),
            when(activity.end_date),
            activity.get_full_url(),
            when(activity.last_published_at),
        ]


def _activity_signature() -> str:
    stats = selectors.live_activities().aggregate(n=Count("pk"), last=Max("last_published_at"))
    return f"{stats['n']}:{stats['last']}"


def _recommendation_rows() -> Iterable[list]:
    today = timezone.localdate()
    recommendations = selectors.live_recommendations().order_by("pk")
    for recommendation in recommendations:
        state = recommendation.state(today=today)
        yield [
            recommendation.pk,
            recommendation.get_parent().pk,
            recommendation.number,
            recommendation.text,
            recommendation.addressed_to.code,
            recommendation.addressed_to.name,
            when(recommendation.issued_on),
            when(state.original_due_date),
            when(state.due_date),
            state.response_status,
            state.response_label,
            when(state.responded_on),
            state.implementation_status,
            state.implementation_label,
            when(state.implemented_on),
            when(state.target_date),
            "true" if state.overdue else "false",
            state.days_late,
            recommendation.get_full_url(),
            when(recommendation.last_published_at),
        ]


def _recommendation_signature() -> str:
    # Lateness changes with the calendar, so the day is part of what the file shows.
    stats = selectors.live_recommendations().aggregate(n=Count("pk"), last=Max("last_published_at"))
    events = selectors.public_events().aggregate(n=Count("pk"), last=Max("pk"))
    return f"{stats['n']}:{stats['last']}:{events['n']}:{events['last']}:{timezone.localdate()}"


register_dataset(
    Dataset(
        slug="giam-sat-hoat-dong",
        title="Hoạt động giám sát",
        description=(
            "Các hoạt động giám sát đã công bố: số hiệu, loại, cơ quan giám sát, đơn vị chịu "
            "sự giám sát, thời kỳ và thời gian giám sát."
        ),
        columns=[
            Column("id", "integer", "Mã", "Mã ổn định, như trong API.", required=True),
            Column("reference", "string", "Số hiệu hoạt động"),
            Column("title", "string", "Tên hoạt động", required=True),
            Column("kind", "string", "Loại hoạt động"),
            Column("supervising_body_code", "string", "Mã cơ quan giám sát"),
            Column("supervising_body", "string", "Cơ quan giám sát"),
            Column(
                "supervised_unit_codes",
                "string",
                "Mã đơn vị chịu sự giám sát",
                "Cách nhau bởi dấu cách (xem /api/v1/agencies/).",
            ),
            Column("period", "string", "Thời kỳ được giám sát"),
            Column("start_date", "date", "Ngày bắt đầu", "YYYY-MM-DD."),
            Column("end_date", "date", "Ngày kết thúc", "YYYY-MM-DD."),
            Column("url", "string", "Địa chỉ trang", required=True),
            Column("updated_at", "datetime", "Cập nhật", "RFC 3339, giờ Việt Nam (+07:00)."),
        ],
        rows=_activity_rows,
        signature=_activity_signature,
    )
)

register_dataset(
    Dataset(
        slug="giam-sat-kien-nghi",
        title="Kiến nghị sau giám sát và tình hình thực hiện",
        description=(
            "Từng kiến nghị sau giám sát: cơ quan được kiến nghị, hạn ban đầu và hạn hiện hành, "
            'trả lời của cơ quan, tình hình thực hiện và số ngày quá hạn — "đã trả lời" và '
            '"đã thực hiện" là hai cột riêng.'
        ),
        columns=[
            Column("id", "integer", "Mã", "Mã ổn định, như trong API.", required=True),
            Column("activity_id", "integer", "Mã hoạt động giám sát", required=True),
            Column("number", "integer", "Số thứ tự trong hoạt động"),
            Column("text", "string", "Nội dung kiến nghị", required=True),
            Column("addressed_to_code", "string", "Mã cơ quan được kiến nghị"),
            Column("addressed_to", "string", "Cơ quan được kiến nghị"),
            Column("issued_on", "date", "Ngày kiến nghị", "YYYY-MM-DD."),
            Column("original_due_date", "date", "Hạn ban đầu", "YYYY-MM-DD."),
            Column("due_date", "date", "Hạn hiện hành", "Sau các lần gia hạn; YYYY-MM-DD."),
            Column("response_status", "string", "Mã trả lời của cơ quan"),
            Column("response_label", "string", "Trả lời của cơ quan"),
            Column("responded_on", "date", "Ngày trả lời", "YYYY-MM-DD."),
            Column("implementation_status", "string", "Mã tình hình thực hiện"),
            Column("implementation_label", "string", "Tình hình thực hiện"),
            Column("implemented_on", "date", "Ngày hoàn thành", "YYYY-MM-DD."),
            Column("target_date", "date", "Ngày dự kiến hoàn thành", "YYYY-MM-DD."),
            Column("overdue", "boolean", "Quá hạn", "true/false, tính đến ngày xuất dữ liệu."),
            Column("days_late", "integer", "Số ngày quá hạn"),
            Column("url", "string", "Địa chỉ trang", required=True),
            Column("updated_at", "datetime", "Cập nhật", "RFC 3339, giờ Việt Nam (+07:00)."),
        ],
        rows=_recommendation_rows,
        signature=_recommendation_signature,
    )
)
