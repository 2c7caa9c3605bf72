"""Recognise references to legal documents ("văn bản") in Vietnamese text.

Pure module: plain text in, plain data out; no Django imports. The symbol grammar, its keys and
the Vietnamese folding are portal.core.text's; this module adds what a reference says around
a symbol (the kind word, the date, the issuer) and the documents cited by name. Finds documents cited by their
symbol ("Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội", "Nghị định
42/2022/NĐ-CP") and a few kinds cited by name ("Nghị quyết Trung ương 4 (khóa XII)", "Luật Đất
đai 2024"). The same document gets the same `key` whatever the spelling: "55-QĐ/TƯ",
"55-QĐ/TW", "55 - QĐ/TW", "55 QĐ/TW", NFC or NFD.
"""

import datetime
import re
from dataclasses import dataclass

from portal.core.text import canonical_symbol, find_symbols, fold, name_key, nfc

__all__ = [
    "KIND_LABELS",
    "Reference",
    "find_references",
    "issuer_from_symbol",
]

# Kind codes (stored) and their Vietnamese names (shown).
KIND_LABELS: dict[str, str] = {
    "programme": "Chương trình",
    "regulation": "Quy định",
    "resolution": "Nghị quyết",
    "conclusion": "Kết luận",
    "directive": "Chỉ thị",
    "decree": "Nghị định",
    "circular": "Thông tư",
    "law": "Luật",
    "code": "Bộ luật",
    "constitution": "Hiến pháp",
    "ordinance": "Pháp lệnh",
    "decision": "Quyết định",
    "notice": "Thông báo",
    "guidance": "Hướng dẫn",
    "plan": "Kế hoạch",
    "project": "Đề án",
    "official_letter": "Công văn",
    "dispatch": "Công điện",
    "other": "Văn bản khác",
}

# The word(s) that name a kind in running text, longest first so "Thông tư liên tịch" wins.
_KIND_WORDS: list[tuple[str, str]] = [
    ("thông tư liên tịch", "circular"),
    ("nghị quyết liên tịch", "resolution"),
    ("chương trình hành động", "programme"),
    ("chương trình", "programme"),
    ("quy định", "regulation"),
    ("nghị quyết", "resolution"),
    ("kết luận", "conclusion"),
    ("chỉ thị", "directive"),
    ("nghị định", "decree"),
    ("thông tư", "circular"),
    ("bộ luật", "code"),
    ("luật", "law"),
    ("hiến pháp", "constitution"),
    ("pháp lệnh", "ordinance"),
    ("quyết định", "decision"),
    ("thông báo kết luận", "notice"),
    ("thông báo", "notice"),
    ("hướng dẫn", "guidance"),
    ("kế hoạch", "plan"),
    ("đề án", "project"),
    ("công văn", "official_letter"),
    ("công điện", "dispatch"),
    ("văn bản", "other"),
]

# The type code inside a symbol, when no kind word precedes it.
_CODE_KINDS: dict[str, str] = {
    "CTR": "programme",
    "QDI": "regulation",
    "NQ": "resolution",
    "NQLT": "resolution",
    "KL": "conclusion",
    "CT": "directive",
    "ND": "decree",
    "TT": "circular",
    "TTLT": "circular",
    "QH": "law",
    "PL": "ordinance",
    "TB": "notice",
    "HD": "guidance",
    "KH": "plan",
    "DA": "project",
    "CD": "dispatch",
}

# Issuing bodies a symbol names by its last part (Party: after "/"; State: after "-").
_ISSUER_CODES: dict[str, str] = {
    "TW": "Trung ương",
    "TU": "Thành ủy",
    "TTU": "Tỉnh ủy",
    "QU": "Quận ủy",
    "HU": "Huyện ủy",
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "UBND": "Ủy ban nhân dân",
    "HDND": "Hội đồng nhân dân",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BYT": "Bộ Y tế",
    "BGDDT": "Bộ Giáo dục và Đào tạo",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BKHDT": "Bộ Kế hoạch và Đầu tư",
    "BTP": "Bộ Tư pháp",
    "BXD": "Bộ Xây dựng",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLDTBXH": "Bộ Lao động - Thương binh và Xã hội",
}

_KIND_ALTERNATION = "|".join(re.escape(word) for word, _ in _KIND_WORDS)
# A kind word, optionally "số", right before a symbol.
_KIND_BEFORE = re.compile(rf"(?P<kind>{_KIND_ALTERNATION})\s+(?:số\s+)?$", re.IGNORECASE)
# A symbol listed after another reference: "Quy định số 55-QĐ/TƯ, 37-QĐ/TƯ và số 40-QĐ/TW".
_LIST_GAP = re.compile(r"^\s*(?:,|;|và|hoặc|cùng)\s*(?:(?:và|các)\s+)?(?:số\s+)?$", re.IGNORECASE)

_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
    r"(?P<y>\d{4})|tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*của\s+(?P<issuer>[^,;.:()\"“”]+)", re.IGNORECASE)
_ISSUER_STOP = re.compile(
    r"\s+(?:về|khóa|khoá|nhiệm kỳ|quy định|hướng dẫn|ban hành|đã|và|ngày|nhằm|để|với|tại|"
    r"trong|thì|là|được|cho|gắn|năm\s+\d{4})(?:\s|$).*$",
    re.IGNORECASE,
)

_ROMAN = r"[IVXLC]+"
_TERM = rf"(?:\s*\(\s*kh(?:óa|oá)\s+(?P<term>{_ROMAN})\s*\)|\s+kh(?:óa|oá)\s+(?P<term2>{_ROMAN})\b)"
_NAMED_RESOLUTION = re.compile(
    r"(?<![\w])Nghị quyết\s+(?:Hội nghị\s+)?(?:lần thứ\s+(?P<nth>\d{1,2}|" + _ROMAN + r")\s+)?"
    r"(?:Ban Chấp hành\s+)?(?:Trung ương|TƯ|TW)(?:\s+(?:Đảng\s+)?(?:lần thứ\s+)?"
    rf"(?P<num>\d{{1,2}}|{_ROMAN}))?(?P<termpart>{_TERM})?(?![\w])",
)
_NAME_WORD = r"[^\W\d_]+"
_NAMED_CONGRESS = re.compile(
    r"(?<![\w])Nghị quyết Đại hội\s+(?:đại biểu toàn quốc\s+)?(?:lần thứ\s+)?"
    rf"(?P<num>{_ROMAN})(?:\s+của Đảng)?(?![\w])",
)
_NAMED_LAW = re.compile(
    rf"(?<![\w])(?P<kind>Bộ luật|Luật|Pháp lệnh|Hiến pháp)(?P<name>(?:,?\s+{_NAME_WORD}){{0,9}}?)"
    r"\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)(?![\w/])",
)
_NAMED_KINDS = {
    "Bộ luật": "code",
    "Luật": "law",
    "Pháp lệnh": "ordinance",
    "Hiến pháp": "constitution",
}


@dataclass(frozen=True)
class Reference:
    """One reference found in a text: where it is and what it names."""

    key: str
    kind: str
    symbol: str = ""
    name: str = ""
    issued_on: datetime.date | None = None
    issuer: str = ""
    start: int = 0
    end: int = 0
    text: str = ""

    @property
    def label(self) -> str:
        """The document as a reader would name it: "Quy định số 55-QĐ/TW"."""
        if self.symbol:
            return f"{KIND_LABELS.get(self.kind, 'Văn bản')} số {self.symbol}"
        return self.name


def _folded_symbol(symbol: str) -> str:
    # "55-QĐ/TƯ" → "55-QD/TW": the separators tell Party symbols from State ones.
    return fold(canonical_symbol(symbol)).upper()


def issuer_from_symbol(symbol: str) -> str:
    """The issuing body a symbol names, when it is a well-known code ("42/2022/NĐ-CP" → "Chính phủ")."""
    key = _folded_symbol(symbol)
    if re.fullmatch(r"\d+/\d{4}/QH\d*", key):
        return "Quốc hội"
    last = re.split(r"[-/]", key)[-1]
    return _ISSUER_CODES.get(last, "")


def _kind_from_code(symbol: str) -> str:
    key = _folded_symbol(symbol)
    parts = re.split(r"[-/]", key)
    if "/" in key and re.match(r"^\d+-", key):  # Party: "55-QD/TW" → type code "QD".
        code = parts[1]
        if code == "QD":
            return "regulation"
    else:  # State: the type code follows the number (and year), before the issuer.
        codes = [part for part in parts[1:] if not part.isdigit()]
        code = re.sub(r"\d+$", "", codes[0]) if codes else ""
        if code == "QD":
            return "decision"
        if len(codes) >= 1 and code not in _CODE_KINDS:
            return "official_letter"
    return _CODE_KINDS.get(code, "other")


def _kind_of_word(word: str) -> str:
    lowered = word.lower()
    for text, kind in _KIND_WORDS:
        if lowered == text:
            return kind
    return "other"


def _date_after(text: str) -> tuple[datetime.date | None, int]:
    match = _DATE_AFTER.match(text)
    if not match:
        return None, 0
    day = int(match.group("d"))
    month = int(match.group("m") or match.group("m2"))
    year = int(match.group("y") or match.group("y2"))
    try:
        return datetime.date(year, month, day), match.end()
    except ValueError:
        return None, 0


def _issuer_after(text: str) -> str:
    match = _ISSUER_AFTER.match(text)
    if not match:
        return ""
    issuer = _ISSUER_STOP.sub("", match.group("issuer")).strip()
    words = issuer.split()
    if not words or not words[0][:1].isupper() or len(words) > 10:
        return ""
    return issuer


def _symbol_references(text: str) -> list[Reference]:
    found: list[Reference] = []
    for match in find_symbols(text):
        symbol = match.symbol
        start = match.start
        before = text[max(0, start - 40) : start]
        kind_match = _KIND_BEFORE.search(before)
        if kind_match:
            kind = _kind_of_word(kind_match.group("kind"))
            start = start - len(before) + kind_match.start()
        elif found and _LIST_GAP.match(text[found[-1].end : start]):
            kind = found[-1].kind
        else:
            kind = _kind_from_code(symbol)
        rest = text[match.end : match.end + 200]
        issued_on, used = _date_after(rest)
        issuer = _issuer_after(rest[used:])
        found.append(
            Reference(
                key=match.key,
                kind=kind,
                symbol=symbol,
                issued_on=issued_on,
                issuer=issuer,
                start=start,
                end=match.end,
                text=text[start : match.end],
            )
        )
    return found


def _named_references(text: str) -> list[Reference]:
    found: list[Reference] = []
    for match in _NAMED_RESOLUTION.finditer(text):
        number = match.group("num") or match.group("nth")
        if not number:
            continue
        term = match.group("term") or match.group("term2")
        name = f"Nghị quyết Trung ương {number}" + (f" khóa {term}" if term else "")
        found.append(
            Reference(
                key=name_key(name),
                kind="resolution",
                name=name,
                issuer="Ban Chấp hành Trung ương",
                start=match.start(),
                end=match.end(),
                text=match.group(0),
            )
        )
    for match in _NAMED_CONGRESS.finditer(text):
        name = f"Nghị quyết Đại hội {match.group('num')}"
        found.append(
            Reference(
                key=name_key(name),
                kind="resolution",
                name=name,
                start=match.start(),
                end=match.end(),
                text=match.group(0),
            )
        )
    for match in _NAMED_LAW.finditer(text):
        words = match.group("name").replace(",", " ").split()
        kind_word = match.group("kind")
        if kind_word != "Hiến pháp" and (not words or not words[0][:1].isupper()):
            continue
        name = f"{kind_word}{match.group('name')} {match.group('year')}"
        found.append(
            Reference(
                key=name_key(name),
                kind=_NAMED_KINDS[kind_word],
                name=name,
                issuer="Quốc hội",
                start=match.start(),
                end=match.end(),
                text=match.group(0),
            )
        )
    return found


def find_references(text: str) -> list[Reference]:
    """Every document reference in `text` (NFC-normalised first), in reading order.

    Offsets refer to the NFC form of the text.
    """
    text = nfc(text)
    references = _symbol_references(text)
    taken = [(ref.start, ref.end) for ref in references]
    for ref in _named_references(text):
        if not any(ref.start < end and start < ref.end for start, end in taken):
            references.append(ref)
    return sorted(references, key=lambda ref: ref.start)
