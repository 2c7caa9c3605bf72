"""Parse a text dump of an old portal page into article parts, dropping the widget lines.

Pure module: plain text in, plain data out; no Django imports.
"""

import datetime
import re
from dataclasses import dataclass, field

from portal.core.text import clean_whitespace, nfc

__all__ = ["LegacyArticle", "parse_legacy_page"]

# A widget block starts at one of these lines; everything from there on is portal chrome.
_WIDGET_START = re.compile(
    r"^(Đánh giá\s*:|lượt đánh giá\s*:|Bình luận$|Mã xác thực|Liên kết website$|Bình chọn$|"
    r"Thống kê\s*:|Online\s*:)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”)]$|\./\.$")
_EVENT_DATE = re.compile(
    r"^(?:(?P<part>sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+)?)?(?:ngày\s+)?"
    r"(?P<day>\d{1,2})[/-](?P<month>\d{1,2})(?:[/-](?P<year>\d{4}))?",
    re.IGNORECASE,
)


@dataclass
class LegacyArticle:
    paragraphs: list[str] = field(default_factory=list)
    # (index of the paragraph the caption follows, caption text)
    captions: list[tuple[int, str]] = field(default_factory=list)
    byline: str = ""
    event_date: datetime.date | None = None
    event_part_of_day: str = ""
    widget_lines: list[str] = field(default_factory=list)

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


def _looks_like_caption(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 30 and not _SENTENCE_END.search(line)


def _looks_like_byline(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 6 and not _SENTENCE_END.search(line) and line[:1].isupper()


def parse_legacy_page(text: str) -> LegacyArticle:
    """Split a dump into paragraphs, captions, byline, event date and the widget lines."""
    lines = [clean_whitespace(nfc(line)) for line in text.replace("\r\n", "\n").split("\n")]
    article = LegacyArticle()
    body_lines: list[str] = []
    in_widgets = False
    for line in lines:
        if not line:
            continue
        if in_widgets or _WIDGET_START.match(line):
            in_widgets = True
            article.widget_lines.append(line)
            continue
        body_lines.append(line)

    if body_lines and _looks_like_byline(body_lines[-1]):
        article.byline = body_lines.pop()

    for line in body_lines:
        if article.paragraphs and _looks_like_caption(line):
            article.captions.append((len(article.paragraphs) - 1, line))
        else:
            article.paragraphs.append(line)

    if article.paragraphs:
        match = _EVENT_DATE.match(article.paragraphs[0])
        if match and match.group("year"):
            try:
                article.event_date = datetime.date(
                    int(match.group("year")), int(match.group("month")), int(match.group("day"))
                )
                article.event_part_of_day = (match.group("part") or "").lower()
            except ValueError:
                article.event_date = None
    return article
