"""Vietnamese text handling shared by every app: NFC, whitespace, tone placement, folding.

Pure functions: no Django imports, plain strings in and out.
"""

import re
import unicodedata

__all__ = [
    "canonical_tones",
    "clean_whitespace",
    "find_symbols",
    "fold",
    "nfc",
    "normalize",
    "strip_format_controls",
    "symbol_key",
    "words",
]

_SPACE_LIKE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_MULTI_SPACE = re.compile(r" {2,}")

# Old-style ("hoà", "thuỷ") → new-style ("hòa", "thủy") tone placement, for syllables that
# end in oa/oe/uy. The tone moves from the second vowel to the first.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])"
)


def nfc(text: str) -> str:
    """Return text in Unicode NFC, the form the portal stores."""
    return unicodedata.normalize("NFC", text)


# Kept: zero-width joiner and non-joiner (emoji sequences, some scripts); they reorder nothing.
_KEPT_FORMAT = {"\u200c", "\u200d"}


def strip_format_controls(text: str) -> str:
    """Drop invisible format characters (Unicode Cf): bidirectional overrides and isolates
    (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) that can reverse the rest of a line, soft
    hyphens, tags, BOMs. What a visitor can see is what is stored."""
    return "".join(
        char for char in text if char in _KEPT_FORMAT or unicodedata.category(char) != "Cf"
    )


def clean_whitespace(text: str) -> str:
    """Replace non-breaking and odd spaces with plain ones, drop zero-width characters."""
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACE_LIKE.sub(" ", text)
    return _MULTI_SPACE.sub(" ", text).strip()


def canonical_tones(text: str) -> str:
    """Place tone marks the modern way, so "hoà" and "hòa", "thuỷ" and "thủy" compare equal."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match) -> str:
        first, second, tone = match.groups()
        return first + tone + second

    # In NFD the tone follows its base letter (after any breve/circumflex/horn).
    if not any(mark in decomposed for mark in _TONES):
        return nfc(text)
    return nfc(_OLD_STYLE.sub(move, decomposed))


def normalize(text: str) -> str:
    """NFC, modern tone placement, clean whitespace: the form stored and compared exactly."""
    return clean_whitespace(canonical_tones(nfc(text)))


def fold(text: str) -> str:
    """Lower-case, strip every diacritic and map đ→d: "Hoàn Kiếm" → "hoan kiem"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


_WORD = re.compile(r"[^\W_]+")
# A document symbol as written in running text: "55-QĐ/TƯ", "01-CTr/TU", "42/2022/NĐ-CP",
# "15/2023/NQ-HĐND", "55/2014/QH13": a number (and a year), then upper-case code parts.
_SYMBOL = re.compile(
    r"(?<![\w/.-])(\d{1,5})(?:/(\d{4}))?"
    r"((?:[-/][A-ZĐƯƠ][A-Za-z0-9ĐđƯưƠơ]*)+)(?![\w])"
)
_CODE_PART = re.compile(r"[A-Za-z0-9ĐđƯưƠơ]+")


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of text (letters and digits, no underscore) with their start and end offsets."""
    return [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


def _code_key(part: str) -> str:
    # "TƯ" (Trung ương) is also written "TW"; "TU" (Thành ủy) is a different issuer.
    if part.casefold() == "tư":
        return "tw"
    return fold(part)


def symbol_key(number: str, year: str | None, codes: list[str]) -> str:
    """The comparable form of a document symbol: ("55", None, ["QĐ", "TƯ"]) → "55 qd tw"."""
    parts = [str(int(number))]
    if year:
        parts.append(year)
    parts.extend(_code_key(code) for code in codes)
    return " ".join(parts)


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """Document symbols written in text, with offsets and keys: "Quy định số 55-QĐ/TƯ" →
    [(12, 20, "55 qd tw")]."""
    text = nfc(text)
    found = []
    for match in _SYMBOL.finditer(text):
        number, year, codes = match.groups()
        key = symbol_key(number, year, _CODE_PART.findall(codes))
        found.append((match.start(), match.end(), key))
    return found
