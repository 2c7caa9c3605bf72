"""Demo content of the oversight register (idempotent): the seed article's inspection and
enough other activities, agencies and events to show every state on the public pages.

Dates of the newer activities are relative to today, so "late", "extended" and "due soon"
stay true whenever the demo is loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.agencies.models import Agency
from portal.core.text import symbol_key
from portal.legal_documents.models import LegalDocument
from portal.legal_documents.selectors import legal_document_by_symbol
from portal.oversight.models import (
    ActivityArticle,
    ActivityDocument,
    ActivityKind,
    ActivityMember,
    ActivityPage,
    OversightIndexPage,
    RecommendationPage,
)
from portal.oversight.services import recommendation_event_record

__all__ = ["SEED_ACTIVITY_REFERENCE", "load_demo_oversight"]

SEED_ACTIVITY_REFERENCE = "KT-2022-02"

AGENCIES = [
    # code, name, short name, kind, aliases
    ("thuong-truc-hdnd-tp", "Thường trực HĐND thành phố Hà Nội", "Thường trực HĐND TP", "hdnd", ""),
    ("ban-phap-che-hdnd-tp", "Ban Pháp chế HĐND thành phố", "Ban Pháp chế", "hdnd", ""),
    (
        "ban-kinh-te-ngan-sach-hdnd-tp",
        "Ban Kinh tế – Ngân sách HĐND thành phố",
        "Ban KT-NS",
        "hdnd",
        "",
    ),
    (
        "doan-dbqh-ha-noi",
        "Đoàn Đại biểu Quốc hội thành phố Hà Nội",
        "Đoàn ĐBQH thành phố",
        "doan_dbqh",
        "",
    ),
    (
        "ban-thuong-vu-thanh-uy",
        "Ban Thường vụ Thành ủy Hà Nội",
        "Ban Thường vụ Thành ủy",
        "dang",
        "",
    ),
    (
        "ban-thuong-vu-quan-uy-hoan-kiem",
        "Ban Thường vụ Quận ủy Hoàn Kiếm",
        "Quận ủy Hoàn Kiếm",
        "dang",
        "Quận ủy Hoàn Kiếm",
    ),
    (
        "ubnd-quan-hoan-kiem",
        "Ủy ban nhân dân quận Hoàn Kiếm",
        "UBND quận Hoàn Kiếm",
        "ubnd",
        "UBND quận Hoàn Kiếm",
    ),
    ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "so_nganh", ""),
    ("so-y-te", "Sở Y tế thành phố Hà Nội", "Sở Y tế", "so_nganh", ""),
    ("so-giao-thong-van-tai", "Sở Giao thông vận tải", "Sở GTVT", "so_nganh", ""),
]
KINDS = [
    "Kiểm tra",
    "Giám sát chuyên đề",
    "Giám sát thường xuyên",
    "Khảo sát",
    "Giải trình",
    "Chất vấn",
]


def _agencies() -> dict[str, Agency]:
    found = {}
    for code, name, short, kind, aliases in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "kind": kind, "aliases": aliases},
        )
        found[code] = agency
    return found


def _kinds() -> dict[str, ActivityKind]:
    return {
        name: ActivityKind.objects.get_or_create(name=name, defaults={"sort_order": order})[0]
        for order, name in enumerate(KINDS)
    }


def _document(
    symbol: str, kind: str, issuer: str, issued_on: datetime.date, title: str
) -> LegalDocument:
    existing = legal_document_by_symbol(symbol)
    if existing:
        return existing
    return LegalDocument.objects.create(
        symbol=symbol,
        key=symbol_key(symbol),
        kind=kind,
        issuer=issuer,
        issued_on=issued_on,
        title=title,
    )


def _index() -> OversightIndexPage | None:
    from portal.home.models import HomePage

    index = OversightIndexPage.objects.first()
    if index:
        return index
    home = HomePage.objects.first()
    if home is None:
        return None
    index = OversightIndexPage(
        title="Giám sát và theo dõi kiến nghị",
        slug="giam-sat",
        intro=(
            "Các hoạt động kiểm tra, giám sát, khảo sát; kiến nghị gửi từng cơ quan và việc "
            "thực hiện: trả lời của cơ quan và kết quả thực hiện được theo dõi riêng, hạn tính "
            "theo ngày làm việc, quá hạn tính từ ngày tháng."
        ),
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _activity(index, reference: str, **fields) -> tuple[ActivityPage, bool]:
    existing = ActivityPage.objects.filter(reference=reference).first()
    if existing:
        return existing, False
    members = fields.pop("members", [])
    documents = fields.pop("documents", [])
    articles = fields.pop("articles", [])
    units = fields.pop("units", [])
    activity = ActivityPage(reference=reference, **fields)
    activity.members = [ActivityMember(name=n, role=r, position=p) for n, r, p in members]
    activity.documents = [
        ActivityDocument(role=r, document=d, published_on=p) for r, d, p in documents
    ]
    activity.articles = [ActivityArticle(article=a) for a in articles]
    activity.supervised_units = units
    index.add_child(instance=activity)
    activity.save_revision().publish()
    return activity, True


def _recommendation(activity, events=(), **fields) -> RecommendationPage:
    recommendation = RecommendationPage(**fields)
    activity.add_child(instance=recommendation)
    recommendation.save_revision().publish()
    for event in events:
        recommendation_event_record(recommendation=recommendation, **event)
    if events:
        recommendation.refresh_from_db()
        recommendation.get_latest_revision().publish()
    return recommendation


def _seed_activity(index, agencies, kinds) -> int:
    from portal.news.models import ArticlePage

    from .content import SEED_SLUG

    seed = ArticlePage.objects.filter(slug=SEED_SLUG).first()
    issued = datetime.date(2022, 5, 9)
    cited = [legal_document_by_symbol(s) for s in ("01-CTr/TU", "55-QĐ/TW", "37-QĐ/TW")]
    activity, created = _activity(
        index,
        SEED_ACTIVITY_REFERENCE,
        title="Kiểm tra việc thực hiện Chương trình 01-CTr/TU, Quy định 55-QĐ/TW và 37-QĐ/TW tại quận Hoàn Kiếm",
        kind=kinds["Kiểm tra"],
        supervising_body=agencies["ban-thuong-vu-thanh-uy"],
        start_date=issued,
        end_date=issued,
        period="2021 – tháng 5/2022",
        summary=(
            "<p>Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy làm việc với Ban Thường vụ Quận ủy "
            "Hoàn Kiếm. Năm 2021, 98,65% tổ chức cơ sở Đảng và 93,36% đảng viên hoàn thành tốt "
            "nhiệm vụ; kết nạp 213/210 đảng viên mới theo chỉ tiêu. Hạn chế: việc ban hành chương "
            "trình, kế hoạch, quán triệt nghị quyết còn chậm.</p>"
        ),
        members=[
            ("Nguyễn Ngọc Tuấn", "head", "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố"),
            (
                "Nguyễn Quang Đức",
                "deputy_head",
                "Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Nội chính Thành ủy",
            ),
        ],
        documents=[("related", d, None) for d in cited if d],
        articles=[seed] if seed else [],
        units=[agencies["ban-thuong-vu-quan-uy-hoan-kiem"]],
    )
    if not created:
        return 0
    committee = agencies["ban-thuong-vu-quan-uy-hoan-kiem"]
    report = _document(
        "125-BC/QU",
        "other",
        "Quận ủy Hoàn Kiếm",
        datetime.date(2022, 9, 20),
        "Báo cáo kết quả khắc phục tồn tại, hạn chế sau kiểm tra của Đoàn kiểm tra số 2",
    )
    _recommendation(
        activity,
        text="Đánh giá kỹ lưỡng các tồn tại, hạn chế để đề ra giải pháp khắc phục phù hợp.",
        addressed_to=committee,
        issued_on=issued,
        due_in_working_days=60,
        events=[
            {
                "kind": "response",
                "occurred_on": datetime.date(2022, 6, 1),
                "response_status": "agreed",
                "note": "Quận ủy tiếp thu, giao các ban xây dựng Đảng đánh giá theo từng hạn chế.",
            },
            {
                "kind": "implementation",
                "occurred_on": datetime.date(2022, 9, 20),
                "implementation_status": "implemented",
                "source_document": report,
                "note": "Đã ban hành báo cáo đánh giá và giải pháp khắc phục.",
            },
        ],
    )
    _recommendation(
        activity,
        text=(
            "Tiếp tục thực hiện hiệu quả Chương trình 01-CTr/TU, triển khai Quy định số 55-QĐ/TW và "
            "Quy định số 37-QĐ/TW gắn với vai trò quận trung tâm; đẩy mạnh tuyên truyền, rà soát "
            "từng chỉ tiêu; người đứng đầu gương mẫu thực hiện."
        ),
        addressed_to=committee,
        issued_on=issued,
        due_date=datetime.date(2022, 12, 31),
        events=[
            {
                "kind": "response",
                "occurred_on": datetime.date(2022, 6, 1),
                "response_status": "agreed",
            },
            {
                "kind": "implementation",
                "occurred_on": datetime.date(2022, 12, 15),
                "implementation_status": "in_progress",
                "target_date": datetime.date(2025, 12, 31),
                "note": "Thực hiện theo lộ trình cả nhiệm kỳ.",
            },
            {
                "kind": "extension",
                "occurred_on": datetime.date(2022, 12, 20),
                "new_due_date": datetime.date(2025, 12, 31),
                "note": "Gia hạn đến hết nhiệm kỳ theo đề nghị của Quận ủy.",
            },
        ],
    )
    _recommendation(
        activity,
        text=(
            "Thường xuyên kiểm tra, giám sát các cơ sở Đảng và cán bộ, đảng viên, chỉ rõ những tồn tại, "
            "hạn chế của từng đơn vị, cá nhân."
        ),
        addressed_to=committee,
        issued_on=issued,
        due_date=datetime.date(2022, 12, 31),
    )
    return 1


def _recent_activities(index, agencies, kinds, today: datetime.date) -> int:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    created = 0
    land, new = _activity(
        index,
        "GS-DEMO-01",
        title="Giám sát chuyên đề việc giải quyết kiến nghị cử tri về đất đai",
        kind=kinds["Giám sát chuyên đề"],
        supervising_body=agencies["thuong-truc-hdnd-tp"],
        start_date=ago(200),
        end_date=ago(170),
        period="2024 – 2025",
        summary="<p>Đoàn giám sát làm việc với Sở Tài nguyên và Môi trường và UBND quận Hoàn Kiếm về cấp giấy chứng nhận, thu hồi đất và bồi thường.</p>",
        members=[
            ("Phùng Thị Hồng Hà", "head", "Phó Chủ tịch HĐND thành phố"),
            ("Nguyễn Văn Nam", "member", "Ủy viên Ban Pháp chế HĐND thành phố"),
            ("Trần Thu Hà", "secretary", "Chuyên viên Văn phòng Đoàn ĐBQH và HĐND thành phố"),
        ],
        documents=[
            (
                "plan",
                _document(
                    "12/KH-HĐND",
                    "plan",
                    "Thường trực HĐND thành phố",
                    ago(215),
                    "Kế hoạch giám sát chuyên đề về đất đai",
                ),
                ago(214),
            ),
            (
                "report",
                _document(
                    "58/BC-ĐGS",
                    "other",
                    "Đoàn giám sát",
                    ago(160),
                    "Báo cáo kết quả giám sát chuyên đề về đất đai",
                ),
                ago(158),
            ),
            (
                "conclusion",
                _document(
                    "21/TB-HĐND",
                    "notice",
                    "Thường trực HĐND thành phố",
                    ago(150),
                    "Thông báo kết luận giám sát về đất đai",
                ),
                ago(149),
            ),
        ],
        units=[agencies["so-tai-nguyen-moi-truong"], agencies["ubnd-quan-hoan-kiem"]],
        decision=_document(
            "35/QĐ-HĐND",
            "decision",
            "Thường trực HĐND thành phố",
            ago(220),
            "Quyết định thành lập Đoàn giám sát chuyên đề về đất đai",
        ),
    )
    if new:
        created += 1
        issued = ago(150)
        evidence = _document(
            "402/BC-STNMT",
            "other",
            "Sở Tài nguyên và Môi trường",
            ago(40),
            "Báo cáo hoàn thành cấp giấy chứng nhận tồn đọng",
        )
        _recommendation(
            land,
            text="Hoàn thành cấp giấy chứng nhận quyền sử dụng đất cho các hồ sơ tồn đọng trước năm 2020.",
            addressed_to=agencies["so-tai-nguyen-moi-truong"],
            issued_on=issued,
            due_in_working_days=60,
            events=[
                {
                    "kind": "response",
                    "occurred_on": ago(140),
                    "response_status": "agreed",
                    "note": "Sở cam kết hoàn thành trong quý.",
                },
                {
                    "kind": "implementation",
                    "occurred_on": ago(90),
                    "implementation_status": "in_progress",
                    "target_date": ago(45),
                },
                {
                    "kind": "implementation",
                    "occurred_on": ago(40),
                    "implementation_status": "implemented",
                    "source_document": evidence,
                },
            ],
        )
        _recommendation(
            land,
            text="Công khai danh mục dự án thu hồi đất và tiến độ bồi thường trên cổng thông tin của quận.",
            addressed_to=agencies["ubnd-quan-hoan-kiem"],
            issued_on=issued,
            due_in_working_days=45,
            events=[
                {
                    "kind": "response",
                    "occurred_on": ago(120),
                    "response_status": "partly",
                    "note": "Quận công khai danh mục; tiến độ từng hộ thuộc thông tin cá nhân.",
                },
                {
                    "kind": "implementation",
                    "occurred_on": ago(100),
                    "implementation_status": "in_progress",
                    "target_date": today + datetime.timedelta(days=40),
                },
                {
                    "kind": "extension",
                    "occurred_on": ago(95),
                    "new_due_date": today + datetime.timedelta(days=40),
                    "note": "Gia hạn theo đề nghị của UBND quận.",
                },
            ],
        )
        _recommendation(
            land,
            text="Thành lập tổ công tác liên ngành xử lý vi phạm đất công tại các phường.",
            addressed_to=agencies["so-tai-nguyen-moi-truong"],
            issued_on=issued,
            due_in_working_days=30,
            events=[
                {
                    "kind": "response",
                    "occurred_on": ago(130),
                    "response_status": "rejected",
                    "note": "Thuộc thẩm quyền UBND các quận, huyện.",
                },
                {
                    "kind": "implementation",
                    "occurred_on": ago(129),
                    "implementation_status": "not_implemented",
                    "note": "Không thực hiện, đã giải trình.",
                },
            ],
        )
        _recommendation(
            land,
            text="Báo cáo kết quả rà soát các trường hợp chậm bồi thường, hỗ trợ tái định cư.",
            addressed_to=agencies["ubnd-quan-hoan-kiem"],
            issued_on=ago(60),
            due_date=ago(12),
        )
        first = {"kind": "response", "occurred_on": ago(50), "response_status": "agreed"}
        rec = _recommendation(
            land,
            text="Rà soát, điều chỉnh bảng giá đất sát giá thị trường tại các tuyến phố cũ.",
            addressed_to=agencies["ubnd-quan-hoan-kiem"],
            issued_on=ago(60),
            due_date=today + datetime.timedelta(days=20),
            events=[first],
        )
        wrong = rec.events.get()
        recommendation_event_record(
            recommendation=rec,
            kind="response",
            occurred_on=ago(50),
            response_status="partly",
            corrects=wrong,
            note="Đính chính: văn bản trả lời chỉ đồng ý một phần (ghi nhầm là đồng ý).",
        )
        rec.refresh_from_db()
        rec.get_latest_revision().publish()

    health, new = _activity(
        index,
        "KS-DEMO-02",
        title="Khảo sát công tác phòng, chống sốt xuất huyết tại các bệnh viện tuyến thành phố",
        kind=kinds["Khảo sát"],
        supervising_body=agencies["doan-dbqh-ha-noi"],
        start_date=ago(120),
        end_date=ago(118),
        summary="<p>Đoàn khảo sát công tác điều trị, dự phòng và cung ứng thuốc, vật tư.</p>",
        members=[("Nguyễn Thị Lan", "head", "Phó Trưởng Đoàn ĐBQH thành phố")],
        documents=[
            (
                "plan",
                _document(
                    "07/KH-ĐĐBQH",
                    "plan",
                    "Đoàn ĐBQH thành phố",
                    ago(130),
                    "Kế hoạch khảo sát phòng, chống sốt xuất huyết",
                ),
                ago(128),
            )
        ],
        units=[agencies["so-y-te"]],
    )
    if new:
        created += 1
        _recommendation(
            health,
            text="Bảo đảm đủ thuốc, dịch truyền, vật tư điều trị sốt xuất huyết tại các bệnh viện tuyến quận.",
            addressed_to=agencies["so-y-te"],
            issued_on=ago(110),
            due_in_working_days=20,
            events=[
                {"kind": "response", "occurred_on": ago(100), "response_status": "agreed"},
                {
                    "kind": "extension",
                    "occurred_on": ago(80),
                    "new_due_date": ago(45),
                    "note": "Chờ kết quả đấu thầu tập trung.",
                },
            ],
        )
        _recommendation(
            health,
            text="Rà soát nhân lực y tế dự phòng tuyến xã, đề xuất bổ sung biên chế.",
            addressed_to=agencies["so-y-te"],
            issued_on=ago(110),
            due_in_working_days=30,
            events=[
                {
                    "kind": "pause",
                    "occurred_on": ago(70),
                    "note": "Tạm dừng chờ sắp xếp đơn vị hành chính cấp xã.",
                }
            ],
        )
        _recommendation(
            health,
            text="Tăng cường truyền thông phòng bệnh tại cộng đồng trong mùa mưa.",
            addressed_to=agencies["so-y-te"],
            issued_on=ago(10),
            due_in_working_days=30,
        )
    return created


@transaction.atomic
def load_demo_oversight() -> int:
    """Create what is missing of the register's demo; return the number of activities created."""
    index = _index()
    if index is None:
        return 0
    agencies = _agencies()
    kinds = _kinds()
    created = _seed_activity(index, agencies, kinds)
    created += _recent_activities(index, agencies, kinds, timezone.localdate())
    return created
