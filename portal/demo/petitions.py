"""Demo petitions: meetings in a few communes of Hà Nội, petitions in every state.

Idempotent (found by external_id / code). Dates are counted back from today so that the
overdue and "target date passed" examples stay true whenever the demo is loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.agencies.models import Agency
from portal.petitions import rules, services
from portal.petitions.models import Deputy, Locality, Petition, PetitionField, VoterMeeting

__all__ = ["load_demo_petitions"]

FIELDS = [
    ("dat-dai", "Đất đai"),
    ("giao-thong", "Giao thông"),
    ("y-te", "Y tế"),
    ("giao-duc", "Giáo dục"),
    ("moi-truong", "Môi trường"),
    ("an-sinh-xa-hoi", "An sinh xã hội"),
]
AGENCIES = [
    ("ubnd-thanh-pho-ha-noi", "Ủy ban nhân dân thành phố Hà Nội", Agency.KIND_PEOPLES_COMMITTEE),
    ("so-xay-dung-ha-noi", "Sở Xây dựng thành phố Hà Nội", Agency.KIND_DEPARTMENT),
    ("so-y-te-ha-noi", "Sở Y tế thành phố Hà Nội", Agency.KIND_DEPARTMENT),
    (
        "so-nong-nghiep-moi-truong-ha-noi",
        "Sở Nông nghiệp và Môi trường thành phố Hà Nội",
        Agency.KIND_DEPARTMENT,
    ),
]
DEPUTIES = [
    ("Nguyễn Văn An", "Đại biểu HĐND thành phố, Tổ đại biểu số 1"),
    ("Trần Thị Bình", "Đại biểu Quốc hội, Đoàn ĐBQH thành phố Hà Nội"),
    ("Lê Minh Cường", "Đại biểu HĐND thành phố, Tổ đại biểu số 5"),
]
# code, days ago, commune code, place, occasion, deputies (indexes)
MEETINGS = [
    (
        "tx-hoan-kiem-1",
        120,
        "00070",
        "Nhà văn hóa tổ dân phố số 3, phố Hàng Bài",
        "Trước kỳ họp thường lệ",
        [0, 1],
    ),
    (
        "tx-ba-dinh-1",
        115,
        "00004",
        "Hội trường UBND phường Ba Đình",
        "Trước kỳ họp thường lệ",
        [1, 2],
    ),
    ("tx-cau-giay-1", 110, "00167", "Nhà văn hóa khu dân cư số 7", "Trước kỳ họp thường lệ", [0]),
    ("tx-soc-son-1", 100, "00376", "Trụ sở UBND xã Sóc Sơn", "Sau kỳ họp", [2]),
]


def _ago(today, days):
    return today - datetime.timedelta(days=days)


@transaction.atomic
def load_demo_petitions() -> int:
    """Create the demo register where missing; return how many petitions were created."""
    if Petition.objects.filter(external_id__startswith="demo-").exists():
        return 0
    today = timezone.localdate()
    services.localities_sync(province_codes=["01"])
    fields = {}
    for order, (slug, name) in enumerate(FIELDS):
        fields[slug], _ = PetitionField.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
    agencies = {}
    for code, name, kind in AGENCIES:
        agencies[code], _ = Agency.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind}
        )
    deputies = [
        Deputy.objects.get_or_create(name=n, defaults={"position": p})[0] for n, p in DEPUTIES
    ]
    meetings = {}
    for code, days, commune, place, occasion, who in MEETINGS:
        meeting, created = VoterMeeting.objects.get_or_create(
            code=code,
            defaults={
                "held_on": _ago(today, days),
                "place": place,
                "occasion": occasion,
                "locality": Locality.objects.get(code=commune),
            },
        )
        if created:
            meeting.deputies.set([deputies[i] for i in who])
        meetings[code] = meeting
    loc = {code: Locality.objects.get(code=code) for code in ("00070", "00004", "00167", "00376")}

    def new(ext, title, text, field, meeting_codes, locality_codes, days_ago, sources=()):
        return services.petition_create(
            external_id=f"demo-{ext}",
            title=title,
            text=text,
            field=fields[field],
            received_on=_ago(today, days_ago),
            meetings=[meetings[c] for c in meeting_codes],
            localities=[loc[c] for c in locality_codes],
            sources=sources,
        )

    report = "Báo cáo tổng hợp ý kiến, kiến nghị cử tri số 45/BC-ĐĐBQH"
    # New: received three days ago, not yet forwarded.
    new(
        "moi",
        "Đề nghị lắp đèn chiếu sáng ngõ 42 phố Hàng Bài",
        "Cử tri phản ánh ngõ 42 không có đèn chiếu sáng, đi lại buổi tối nguy hiểm; đề nghị lắp đèn.",
        "giao-thong",
        ["tx-hoan-kiem-1"],
        ["00070"],
        3,
    )
    # Forwarded, waiting for the answer (in time).
    p = new(
        "da-chuyen",
        "Đề nghị xây thêm phòng học cho trường tiểu học",
        "Cử tri đề nghị thành phố đầu tư xây thêm phòng học vì sĩ số mỗi lớp trên 50 học sinh.",
        "giao-duc",
        ["tx-cau-giay-1"],
        ["00167"],
        20,
        [report],
    )
    services.petition_forward(
        petition=p, agency=agencies["ubnd-thanh-pho-ha-noi"], forwarded_on=_ago(today, 15)
    )
    # Overdue: forwarded long ago, no answer.
    p = new(
        "qua-han",
        "Ô nhiễm mùi từ khu xử lý rác Nam Sơn",
        "Cử tri xã Sóc Sơn phản ánh mùi hôi từ khu xử lý chất thải, nhất là mùa hè; đề nghị có giải pháp dứt điểm.",
        "moi-truong",
        ["tx-soc-son-1"],
        ["00376"],
        100,
        [report],
    )
    services.petition_forward(
        petition=p,
        agency=agencies["so-nong-nghiep-moi-truong-ha-noi"],
        forwarded_on=_ago(today, 95),
    )
    # Answered "đang giải quyết", target date still ahead; raised at two meetings.
    p = new(
        "dang-giai-quyet",
        "Cấp giấy chứng nhận quyền sử dụng đất còn chậm",
        "Cử tri đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã đủ điều kiện.",
        "dat-dai",
        ["tx-hoan-kiem-1", "tx-ba-dinh-1"],
        ["00070", "00004"],
        110,
        [report],
    )
    p = services.petition_forward(
        petition=p, agency=agencies["ubnd-thanh-pho-ha-noi"], forwarded_on=_ago(today, 105)
    )
    answer = services.answer_record(
        petition=p,
        kind=rules.ANSWER_IN_PROGRESS,
        answered_on=_ago(today, 70),
        reference="1234/UBND-TNMT",
        summary="Thành phố đã chỉ đạo rà soát hồ sơ; dự kiến cấp xong cho các hộ đủ điều kiện trong năm.",
        target_date=today + datetime.timedelta(days=60),
    )
    services.feedback_record(
        answer=answer,
        satisfactory=True,
        deputy=deputies[0],
        note="Trả lời có lộ trình cụ thể.",
        given_on=_ago(today, 60),
    )
    # Answered "đang giải quyết" whose target date has passed: the scheduler brings it back.
    p = new(
        "can-theo-doi",
        "Sửa chữa mặt đường Nguyễn Khánh Toàn xuống cấp",
        "Cử tri phản ánh mặt đường Nguyễn Khánh Toàn nhiều ổ gà, đề nghị sớm sửa chữa.",
        "giao-thong",
        ["tx-cau-giay-1"],
        ["00167"],
        108,
    )
    p = services.petition_forward(
        petition=p, agency=agencies["so-xay-dung-ha-noi"], forwarded_on=_ago(today, 100)
    )
    answer = services.answer_record(
        petition=p,
        kind=rules.ANSWER_IN_PROGRESS,
        answered_on=_ago(today, 80),
        reference="567/SXD-HTKT",
        summary="Sở đã giao đơn vị duy tu khảo sát, sửa chữa trong tháng tới.",
        target_date=_ago(today, 30),
    )
    services.feedback_record(
        answer=answer,
        satisfactory=False,
        deputy=deputies[2],
        note="Đến nay mặt đường vẫn chưa được sửa.",
        given_on=_ago(today, 20),
    )
    services.petitions_follow_up(today=today)
    # Resolved.
    p = new(
        "da-giai-quyet",
        "Bổ sung bác sĩ cho trạm y tế phường Ba Đình",
        "Cử tri đề nghị bổ sung bác sĩ và thuốc thiết yếu cho trạm y tế phường.",
        "y-te",
        ["tx-ba-dinh-1"],
        ["00004"],
        115,
        [report],
    )
    p = services.petition_forward(
        petition=p, agency=agencies["so-y-te-ha-noi"], forwarded_on=_ago(today, 110)
    )
    answer = services.answer_record(
        petition=p,
        kind=rules.ANSWER_RESOLVED,
        answered_on=_ago(today, 75),
        reference="890/SYT-TCCB",
        summary="Sở Y tế đã điều động 02 bác sĩ về trạm y tế phường từ tháng trước.",
    )
    services.feedback_record(
        answer=answer,
        satisfactory=True,
        deputy=deputies[1],
        note="Cử tri ghi nhận.",
        given_on=_ago(today, 70),
    )
    # Explained (answered, not resolved) and unresolvable.
    p = new(
        "giai-trinh",
        "Chế độ cho người cao tuổi chưa có lương hưu",
        "Cử tri đề nghị nâng mức trợ cấp xã hội cho người cao tuổi không có lương hưu.",
        "an-sinh-xa-hoi",
        ["tx-soc-son-1"],
        ["00376"],
        98,
    )
    p = services.petition_forward(
        petition=p, agency=agencies["ubnd-thanh-pho-ha-noi"], forwarded_on=_ago(today, 96)
    )
    services.answer_record(
        petition=p,
        kind=rules.ANSWER_EXPLAINED,
        answered_on=_ago(today, 60),
        reference="321/UBND-KGVX",
        summary="Mức trợ cấp thực hiện theo Nghị định của Chính phủ; thành phố đã hỗ trợ thêm theo nghị quyết của HĐND.",
    )
    p = new(
        "chua-giai-quyet",
        "Di dời trạm biến áp giữa khu dân cư",
        "Cử tri đề nghị di dời trạm biến áp đặt giữa khu dân cư.",
        "moi-truong",
        ["tx-ba-dinh-1"],
        ["00004"],
        112,
    )
    p = services.petition_forward(
        petition=p, agency=agencies["ubnd-thanh-pho-ha-noi"], forwarded_on=_ago(today, 108)
    )
    services.answer_record(
        petition=p,
        kind=rules.ANSWER_UNRESOLVABLE,
        answered_on=_ago(today, 50),
        reference="456/UBND-ĐT",
        summary="Chưa bố trí được quỹ đất thay thế.",
        reason="Chưa có quỹ đất và kinh phí di dời trong kế hoạch đầu tư công giai đoạn này.",
    )
    # Merged: the same matter raised again at another meeting.
    dup = new(
        "trung",
        "Ô nhiễm mùi hôi bãi rác Nam Sơn ảnh hưởng dân cư",
        "Cử tri tiếp tục phản ánh mùi hôi từ khu xử lý rác.",
        "moi-truong",
        ["tx-hoan-kiem-1"],
        ["00376", "00070"],
        99,
        ["Biên bản tiếp xúc cử tri phường Hoàn Kiếm"],
    )
    services.petition_merge(
        duplicate=dup, into=Petition.objects.get(external_id="demo-qua-han"), on=_ago(today, 97)
    )
    return Petition.objects.filter(external_id__startswith="demo-").count()
