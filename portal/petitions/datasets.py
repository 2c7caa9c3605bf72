"""Voters' petitions as a bulk download (portal.opendata.datasets): what the public register
and the API show, one row per petition, comma-separated (RFC 4180) like every dataset.

(The editors' CSV exchange in exchange.py is another thing: a round-trip format for import.)
"""

from collections.abc import Iterable

from django.db.models import Count, Max

from portal.opendata.datasets import Column, Dataset, register_dataset, site_root, when

from .models import DeadlineRule, Petition
from .selectors import deadlines_for, today


def _rows() -> Iterable[list]:
    on, root = today(), site_root()
    rules = list(DeadlineRule.objects.order_by("-applies_from"))
    petitions = (
        Petition.objects.public()
        .select_related("field", "agency")
        .prefetch_related("localities", "meetings")
        .order_by("pk")
    )
    for petition in petitions:
        deadlines = deadlines_for(petition, on=on, rule_list=rules)
        yield [
            petition.pk,
            petition.external_id,
            petition.title,
            petition.field.name,
            " ".join(sorted(locality.code for locality in petition.localities.all())),
            petition.agency.code if petition.agency_id else "",
            petition.agency.name if petition.agency_id else "",
            len(petition.meetings.all()),
            petition.status,
            petition.status_label,
            when(petition.received_on),
            when(petition.forwarded_on),
            when(petition.answered_on),
            when(petition.resolved_on),
            when(deadlines.forward_due),
            when(deadlines.answer_due),
            "true" if deadlines.overdue else "false",
            root + petition.get_absolute_url(),
            when(petition.updated_at),
        ]


def _signature() -> str:
    stats = Petition.objects.public().aggregate(n=Count("pk"), last=Max("updated_at"))
    # Being overdue depends on the day as well as on the rows.
    return f"{stats['n']}:{stats['last']}:{today()}"


register_dataset(
    Dataset(
        slug="kien-nghi-cu-tri",
        title="Kiến nghị cử tri và kết quả giải quyết",
        description=(
            "Từng kiến nghị cử tri: lĩnh vực, địa bàn, cơ quan được chuyển, số buổi tiếp xúc "
            "đã nêu, các mốc tiếp nhận – chuyển – trả lời – giải quyết xong (tách riêng), hạn "
            "và tình trạng quá hạn."
        ),
        columns=[
            Column("id", "integer", "Mã", "Mã ổn định, như trong API.", required=True),
            Column("external_id", "string", "Mã kiến nghị", required=True),
            Column("title", "string", "Tiêu đề", required=True),
            Column("field", "string", "Lĩnh vực"),
            Column(
                "locality_codes",
                "string",
                "Mã địa bàn",
                "Mã đơn vị hành chính, cách nhau bởi dấu cách.",
            ),
            Column("agency_code", "string", "Mã cơ quan được chuyển"),
            Column("agency", "string", "Cơ quan được chuyển"),
            Column("meeting_count", "integer", "Số buổi tiếp xúc cử tri đã nêu"),
            Column("status", "string", "Mã tình trạng"),
            Column("status_label", "string", "Tình trạng"),
            Column("received_on", "date", "Ngày tiếp nhận", "YYYY-MM-DD."),
            Column("forwarded_on", "date", "Ngày chuyển cơ quan", "YYYY-MM-DD."),
            Column("answered_on", "date", "Ngày trả lời", "YYYY-MM-DD."),
            Column("resolved_on", "date", "Ngày giải quyết xong", "YYYY-MM-DD."),
            Column("forward_due", "date", "Hạn chuyển cơ quan", "YYYY-MM-DD."),
            Column("answer_due", "date", "Hạn trả lời", "YYYY-MM-DD."),
            Column("overdue", "boolean", "Quá hạn", "true/false, tính đến ngày xuất dữ liệu."),
            Column("url", "string", "Địa chỉ trang", required=True),
            Column("updated_at", "datetime", "Cập nhật", "RFC 3339, giờ Việt Nam (+07:00)."),
        ],
        rows=_rows,
        signature=_signature,
    )
)
