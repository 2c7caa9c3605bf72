"""Generated legacy dumps in the old portal's layout, each with what importing it must give.

The importer's test oracle, so it lives with the importer's tests; bench/import_legacy.py
borrows `write_dumps` for its input, as bench/ already borrows portal.core.testing.
"""

import random
import unicodedata
from pathlib import Path

__all__ = ["SEED_DUMP", "legacy_dump", "to_cp1258", "write_dumps"]

SEED_DUMP = Path(__file__).resolve().parents[2] / "demo" / "seed_article.txt"

_OPENINGS = ["Sáng", "Chiều", "Tối", "Ngày"]
_UNITS = ["Quận ủy Hoàn Kiếm", "Quận ủy Ba Đình", "Huyện ủy Sóc Sơn", "Quận ủy Cầu Giấy"]
_DOCUMENTS = [
    "Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội",
    "Quy định số 55-QĐ/TƯ ngày 19/12/2016 của Bộ Chính trị",
    "Quy định số 37-QĐ/TW",
    "Nghị định 42/2022/NĐ-CP",
    "Kết luận số 21-KL/TW",
]
_SENTENCES = [
    "Các cấp ủy đã quán triệt nghiêm túc, tạo chuyển biến rõ nét trong nhận thức.",
    "Công tác kiểm tra, giám sát được triển khai đồng bộ, đúng kế hoạch.",
    "Năm 2021, quận đạt 98,65% số tổ chức cơ sở Đảng hoàn thành tốt nhiệm vụ; kết nạp 213/210 đảng viên.",
    "Đồng chí đề nghị tiếp tục rà soát từng chỉ tiêu, làm rõ trách nhiệm của người đứng đầu.",
    "Việc sắp xếp tổ dân phố bảo đảm ổn định, không có khiếu kiện.",
]
_AUTHORS = ["Nguyễn Hợp", "Minh Anh", "Trần Thu Hà", "Lê Quang"]


def legacy_dump(index: int, rng: random.Random | None = None) -> tuple[str, dict]:
    """One generated dump and what importing it must give (paragraphs, caption, byline, date)."""
    rng = rng or random.Random(index)  # noqa: S311 - test data, not secrets
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    opening = rng.choice(_OPENINGS)
    unit = rng.choice(_UNITS)
    document = rng.choice(_DOCUMENTS)
    paragraphs = [
        f"{opening} {day}/{month}/{year}, đoàn kiểm tra số {index} đã làm việc với {unit} "
        f"về việc thực hiện {document}.",
        *[rng.choice(_SENTENCES) + f" (mục {index}.{n})" for n in range(rng.randint(2, 8))],
    ]
    caption = f"Quang cảnh buổi làm việc\u00a0tại {unit} số {index}"
    byline = rng.choice(_AUTHORS)
    votes, visits, online = rng.randint(0, 9999), rng.randint(10**5, 10**7), rng.randint(1, 500)
    visits_text = f"{visits:,}".replace(",", ".")
    lines = [paragraphs[0], "", caption, ""]
    for paragraph in paragraphs[1:]:
        lines += [paragraph, ""]
    lines += [
        byline,
        "",
        "",
        "Đánh giá:",
        "",
        f"lượt đánh giá: {rng.randint(0, 50) or ''}, trung bình: Bình luận",
        "",
        "",
        "Mã xác thực không đúng.",
        "   Liên kết website",
        "  Bình chọn",
        "  Đánh giá của bạn về trang thông tin điện tử đoàn ĐBQH và HĐND thành phố Hà Nội",
        f"  {votes} người đã bình chọn",
        f"  Thống kê: {visits_text}",
        f"  Online: {online}",
    ]
    expected = {
        "paragraphs": paragraphs,
        "caption": caption.replace("\u00a0", " "),
        "byline": byline,
        "event_date": (year, month, day),
        "poll_votes": votes,
        "visit_total": visits,
        "online_now": online,
    }
    return "\n".join(lines), expected


def write_dumps(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` generated dumps into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    paths = []
    for index in range(count):
        text, _ = legacy_dump(index, rng)
        path = directory / f"{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks as combining marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tones = "".join(mark for mark in marks if mark in "\u0300\u0301\u0303\u0309\u0323")
        rest = "".join(mark for mark in marks if mark not in tones)
        out += unicodedata.normalize("NFC", base + rest).encode("cp1258")
        out += tones.encode("cp1258")
    return bytes(out)
