"""Read a text dump of an old portal page and split it into the article and the widget chrome.

Pure module: bytes or text in, plain data out; no Django imports. `decode_dump` finds the
encoding (UTF-8 with or without BOM, UTF-16, Windows-1258) or says why the file is unreadable;
`parse_legacy_page` returns the article's paragraphs, captions, byline and event date, and what
the page's widgets (rating, poll, visit statistics, …) carried.
"""

import datetime
import re
from dataclasses import dataclass, field

from portal.core.text import clean_whitespace, nfc

__all__ = [
    "DecodedDump",
    "LegacyArticle",
    "UnreadableDump",
    "WidgetReport",
    "decode_dump",
    "parse_legacy_page",
    "propose_title",
]

MAX_DUMP_BYTES = 5 * 1024 * 1024
TITLE_MAX_WORDS = 24
TITLE_MAX_CHARS = 160

# Lines that are a widget whatever their numbers; each is matched against the whole line.
_RATING = re.compile(
    r"^(?:Đánh giá\s*:\s*)?lượt đánh giá\s*:\s*(?P<count>[\d.]*)\s*,\s*trung bình\s*:\s*"
    r"(?P<average>\d+(?:[,.]\d+)?)?\s*(?P<comments>Bình luận)?$",
    re.IGNORECASE,
)
_RATING_HEADING = re.compile(r"^Đánh giá\s*:?$", re.IGNORECASE)
_COMMENTS = re.compile(r"^Bình luận(?:\s*\(\s*\d+\s*\))?$", re.IGNORECASE)
_CAPTCHA = re.compile(r"^Mã xác thực (?:không đúng|không hợp lệ)\.?$", re.IGNORECASE)
_LINKS = re.compile(r"^Liên kết website$", re.IGNORECASE)
_POLL_HEADING = re.compile(r"^Bình chọn$", re.IGNORECASE)
_POLL_VOTES = re.compile(r"^(?P<votes>\d[\d.]*)\s+người đã bình chọn\.?$", re.IGNORECASE)
_VISITS = re.compile(r"^Thống kê(?: truy cập)?\s*:\s*(?P<total>\d[\d.]*)$", re.IGNORECASE)
_ONLINE = re.compile(r"^(?:Online|Đang trực tuyến)\s*:\s*(?P<online>\d[\d.]*)$", re.IGNORECASE)
_WIDGET_LINES = [
    _RATING,
    _RATING_HEADING,
    _COMMENTS,
    _CAPTCHA,
    _LINKS,
    _POLL_HEADING,
    _POLL_VOTES,
    _VISITS,
    _ONLINE,
]
# The first line of the widget tail (the chrome printed after the article).
_WIDGET_START = re.compile(
    r"^(Đánh giá\s*:|lượt đánh giá\s*:|Bình luận$|Mã xác thực|Liên kết website$|Bình chọn$|"
    r"Thống kê\s*:|Online\s*:)",
    re.IGNORECASE,
)
_TAIL_LINE_MAX_WORDS = 30

_SENTENCE_END = re.compile(r"[.!?…:;\"”)]$|\./\.$")
_EVENT_DATE = re.compile(
    r"^(?:\([^)]{1,40}\)\s*[-–—]\s*|[A-ZĐ]{2,10}\s*[-–—]\s*)?"
    r"(?:(?P<part>sáng|trưa|chiều|tối|đêm)\s+(?:hôm\s+)?(?:nay\s+)?(?:ngày\s+)?)?(?:ngày\s+)?"
    r"(?:(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})\s+tháng\s+(?P<month2>\d{1,2})(?:\s+năm\s+(?P<year2>\d{4}))?)"
    r"(?!\d)",
    re.IGNORECASE,
)
_LEADING_DATE = re.compile(_EVENT_DATE.pattern + r"\s*,?\s*", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")


class UnreadableDump(ValueError):
    """The bytes are not a text dump the importer can read; the message says why (Vietnamese)."""


@dataclass(frozen=True)
class DecodedDump:
    text: str
    encoding: str
    note: str = ""


@dataclass
class WidgetReport:
    """What the page's widgets carried, for the import report (they are not imported)."""

    rating_count: int | None = None
    rating_average: float | None = None
    comments_box: bool = False
    captcha_message: bool = False
    website_links: bool = False
    poll_question: str = ""
    poll_votes: int | None = None
    visit_total: int | None = None
    online_now: int | None = None
    other_lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One Vietnamese line: "đánh giá: 0 lượt; bình chọn: … (498 phiếu); thống kê: 3137287"."""
        parts = []
        if self.rating_count is not None or self.rating_average is not None:
            average = "" if self.rating_average is None else f", trung bình {self.rating_average}"
            parts.append(f"đánh giá: {self.rating_count or 0} lượt{average}")
        elif self.comments_box:
            parts.append("hộp bình luận")
        if self.poll_question or self.poll_votes is not None:
            votes = "" if self.poll_votes is None else f" ({self.poll_votes} người đã bình chọn)"
            parts.append(f"bình chọn: “{self.poll_question}”{votes}")
        if self.visit_total is not None:
            parts.append(f"thống kê truy cập: {self.visit_total}")
        if self.online_now is not None:
            parts.append(f"đang trực tuyến: {self.online_now}")
        if self.website_links:
            parts.append("hộp liên kết website")
        if self.other_lines:
            parts.append(f"{len(self.other_lines)} dòng khác của tiện ích")
        return "; ".join(parts)


@dataclass
class LegacyArticle:
    paragraphs: list[str] = field(default_factory=list)
    # (index of the paragraph the caption follows, caption text)
    captions: list[tuple[int, str]] = field(default_factory=list)
    byline: str = ""
    event_date: datetime.date | None = None
    event_part_of_day: str = ""
    widget_lines: list[str] = field(default_factory=list)
    widgets: WidgetReport = field(default_factory=WidgetReport)

    def blocks(self) -> list[tuple[str, str]]:
        """Paragraphs and captions in reading order, as (kind, text) pairs."""
        captions_after: dict[int, list[str]] = {}
        for after, caption in self.captions:
            captions_after.setdefault(after, []).append(caption)
        ordered = []
        for index, paragraph in enumerate(self.paragraphs):
            ordered.append(("paragraph", paragraph))
            ordered.extend(("caption", caption) for caption in captions_after.get(index, []))
        return ordered


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 or byte == 127)
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: NUL in every other byte of the ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if nuls > half * 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_dump(data: bytes) -> DecodedDump:
    """Decode a dump's bytes, or raise UnreadableDump with the reason."""
    if len(data) > MAX_DUMP_BYTES:
        raise UnreadableDump(f"tệp quá lớn ({len(data)} byte, tối đa {MAX_DUMP_BYTES})")
    if not data.strip():
        raise UnreadableDump("tệp rỗng")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedDump(data.decode("utf-16"), "utf-16", "đọc theo bảng mã UTF-16 (có BOM)")
        except UnicodeDecodeError as error:
            raise UnreadableDump(f"tệp UTF-16 bị hỏng ({error.reason})") from error
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return DecodedDump(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableDump(f"tệp UTF-8 bị hỏng ({error.reason})") from error
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None and not _CONTROL.search(text):
            return DecodedDump(text, "utf-16", "đọc theo bảng mã UTF-16 (không có BOM)")
        raise UnreadableDump("tệp nhị phân, không phải văn bản")
    if _looks_binary(data):
        raise UnreadableDump("tệp nhị phân, không phải văn bản")
    try:
        return DecodedDump(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        # Mostly valid UTF-8 with a few broken bytes: refuse rather than read it as mojibake.
        lenient = data.decode("utf-8", errors="replace")
        broken = lenient.count("\ufffd")
        valid = sum(1 for char in lenient if ord(char) > 127) - broken
        if valid > 10 * broken:
            raise UnreadableDump(
                f"tệp UTF-8 bị hỏng ({broken} byte không hợp lệ, đầu tiên ở vị trí {error.start})"
            ) from error
    try:
        text = nfc(data.decode("cp1258"))
    except UnicodeDecodeError as error:
        raise UnreadableDump(
            "không nhận ra bảng mã (không phải UTF-8, UTF-16, Windows-1258)"
        ) from error
    letters = sum(1 for ch in text if ch.isalpha())
    vietnamese = len(_VIETNAMESE.findall(text.lower()))
    if letters and vietnamese >= max(3, letters // 50):
        return DecodedDump(text, "cp1258", "đọc theo bảng mã Windows-1258 (không phải UTF-8)")
    raise UnreadableDump("không nhận ra bảng mã (không phải UTF-8, UTF-16, Windows-1258)")


def _number(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.replace(".", "")
    return int(digits) if digits.isdigit() else None


def _read_widgets(lines: list[str]) -> WidgetReport:
    report = WidgetReport()
    in_poll = False
    for line in lines:
        if match := _RATING.match(line):
            report.rating_count = _number(match.group("count")) or 0
            average = match.group("average")
            report.rating_average = float(average.replace(",", ".")) if average else None
            report.comments_box = report.comments_box or bool(match.group("comments"))
        elif _RATING_HEADING.match(line):
            pass
        elif _COMMENTS.match(line):
            report.comments_box = True
        elif _CAPTCHA.match(line):
            report.captcha_message = True
        elif _LINKS.match(line):
            report.website_links = True
        elif _POLL_HEADING.match(line):
            in_poll = True
            continue
        elif match := _POLL_VOTES.match(line):
            report.poll_votes = _number(match.group("votes"))
        elif match := _VISITS.match(line):
            report.visit_total = _number(match.group("total"))
        elif match := _ONLINE.match(line):
            report.online_now = _number(match.group("online"))
        elif in_poll and not report.poll_question:
            report.poll_question = line
        else:
            report.other_lines.append(line)
        in_poll = in_poll and not report.poll_question
    return report


def _widget_tail_start(lines: list[str]) -> int:
    """Index of the first line of the widget tail: a widget line followed only by short lines."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        if len(lines[index].split()) > _TAIL_LINE_MAX_WORDS:
            break
        if _WIDGET_START.match(lines[index]):
            start = index
    return start


def _looks_like_caption(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 30 and not _SENTENCE_END.search(line)


def _looks_like_byline(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 6
        and not _SENTENCE_END.search(line)
        and line[:1].isupper()
        and not any(char.isdigit() for char in line)
    )


def _event_date(paragraph: str) -> tuple[datetime.date | None, str]:
    match = _EVENT_DATE.match(paragraph)
    if not match:
        return None, ""
    year = match.group("year") or match.group("year2")
    if not year:
        return None, ""
    try:
        date = datetime.date(
            int(year),
            int(match.group("month") or match.group("month2")),
            int(match.group("day") or match.group("day2")),
        )
    except ValueError:
        return None, ""
    part = (match.group("part") or "").lower()
    return date, "tối" if part == "đêm" else part


def propose_title(paragraphs: list[str]) -> str:
    """A title proposed from the first sentence (for an editor to review), without its date."""
    if not paragraphs:
        return ""
    text = _LEADING_DATE.sub("", paragraphs[0], count=1) or paragraphs[0]
    sentence = re.split(r"(?<=[.!?…])\s+", text, maxsplit=1)[0].rstrip(".!?… ")
    words = sentence.split()
    if len(words) > TITLE_MAX_WORDS:
        clause = re.split(r"\s*[,;:(]\s*|\s+(?:về|nhằm|để)\s+", sentence, maxsplit=1)[0]
        words = clause.split()[:TITLE_MAX_WORDS]
    title = " ".join(words)
    if len(title) > TITLE_MAX_CHARS:
        title = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return title[:1].upper() + title[1:]


def parse_legacy_page(text: str) -> LegacyArticle:
    """Split a dump into paragraphs, captions, byline, event date and the widget lines."""
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [clean_whitespace(nfc(line)) for line in text.split("\n")]
    lines = [line for line in lines if line]
    article = LegacyArticle()
    tail = _widget_tail_start(lines)
    body_lines: list[str] = []
    for index, line in enumerate(lines):
        if index >= tail or any(pattern.match(line) for pattern in _WIDGET_LINES):
            article.widget_lines.append(line)
        else:
            body_lines.append(line)
    article.widgets = _read_widgets(article.widget_lines)

    if len(body_lines) > 1 and _looks_like_byline(body_lines[-1]):
        article.byline = body_lines.pop()

    for line in body_lines:
        if article.paragraphs and _looks_like_caption(line):
            article.captions.append((len(article.paragraphs) - 1, line))
        else:
            article.paragraphs.append(line)

    if article.paragraphs:
        article.event_date, article.event_part_of_day = _event_date(article.paragraphs[0])
    return article
