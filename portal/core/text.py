"""Vietnamese text and document symbols, for every app: the portal's only copy of each rule.

Pure functions: no Django imports, plain strings in and out.

- `nfc` / `normalize`: the stored form (NFC, "Ð" repaired to "Đ", modern tone placement,
  clean whitespace).
- `fold`: the comparable form (lower case, no diacritics, đ→d, old and new tone placement equal).
- ONE grammar for document symbols written in running text (`SYMBOL_PATTERN`, `find_symbols`),
  one reader for symbols typed loosely in a search box (`typed_symbols`), and ONE key format
  (`symbol_key`, `name_key`): "55-QĐ/TƯ", "55 - QĐ/TW", "55 qd tw" → "55 qd tw".
  The library (LegalDocument.key), the reference recogniser, the search index and the
  highlighter all compare these keys.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "SYMBOL_PATTERN",
    "Symbol",
    "canonical_symbol",
    "canonical_tones",
    "clean_whitespace",
    "find_symbols",
    "fold",
    "fold_word",
    "name_key",
    "nfc",
    "normalize",
    "strip_format_controls",
    "symbol_key",
    "typed_symbols",
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
# "Ð"/"ð" (Icelandic eth) are common stand-ins for "Đ"/"đ" in old Vietnamese text. One
# character for one, so offsets into the repaired text are offsets into the original.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def nfc(text: str) -> str:
    """Return text in Unicode NFC, the form the portal stores, with "Ð" repaired to "Đ"."""
    return unicodedata.normalize("NFC", text).translate(_ETH)


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
    """Lower-case, strip every diacritic and map đ→d: "Hoàn Kiếm" → "hoan kiem".

    Tone placement does not matter once the marks are gone: fold("hoà") == fold("hòa").
    """
    text = text.translate(_ETH).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """fold() of one word, cached: indexing and highlighting fold the same words again and again."""
    return fold(word)


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of text (letters and digits, no underscore) with their start and end offsets."""
    return [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


# --- Document symbols ------------------------------------------------------------------------

_UPPER = "A-ZĐƯÂĂÊÔƠ"
_LETTER = "A-Za-zĐđƯưÂâĂăÊêÔôƠơ"
_CODE = rf"[{_UPPER}][{_LETTER}]*"
# Party symbols: number, type code, issuer ("01-CTr/TU", "55-QĐ/TƯ", "55 QĐ/TW", "08-QĐi/TW").
_PARTY = rf"\d{{1,4}}(?:\s*-\s*|\s)(?:{_CODE})\s*/\s*(?:T\.Ư|{_CODE})"
# State symbols with a year ("42/2022/NĐ-CP", "59/2020/QH14", "04/2021/NQ-HĐND").
_STATE_YEAR = rf"\d{{1,5}}/(?:19|20)\d\d/{_CODE}\d*(?:-{_CODE}\d*)*"
# State symbols without a year need a hyphenated code ("1234/QĐ-UBND", "456/UBND-KT").
_STATE_PLAIN = rf"\d{{1,5}}/{_CODE}(?:-{_CODE}\d*)+"
#: The grammar of a document symbol written in running text (group "symbol"), NFC input.
SYMBOL_PATTERN = rf"(?<![\w/.,-])(?P<symbol>{_STATE_YEAR}|{_STATE_PLAIN}|{_PARTY})(?![\w/-])"
_SYMBOL = re.compile(SYMBOL_PATTERN)


class Symbol(NamedTuple):
    """A document symbol found in a text: its offsets, its key and its canonical spelling."""

    start: int
    end: int
    key: str
    symbol: str


def canonical_symbol(symbol: str) -> str:
    """The symbol as the portal writes it: no spaces, a hyphen after the number, "TƯ" → "TW"."""
    text = re.sub(r"\s+", " ", nfc(symbol)).strip()
    text = re.sub(r"\s*([-/])\s*", r"\1", text)
    text = re.sub(r"^(\d+) (?=\D)", r"\1-", text)
    return re.sub(r"/(?:TƯ|T\.Ư|Tư)$", "/TW", text)


def _code_key(part: str) -> str:
    # "TƯ" (Trung ương) is also written "TW"; "TU" (Thành ủy) is a different issuer.
    if part.casefold() == "tư":
        return "tw"
    return fold(part)


def symbol_key(symbol: str) -> str:
    """The key of a document symbol, however it is spelt or typed: its number without leading
    zeros, then the folded parts, space separated ("01-CTr/TU" → "1 ctr tu", "55 - QĐ/TƯ" and
    "55 qd tw" → "55 qd tw", "42/2022/NĐ-CP" → "42 2022 nd cp")."""
    parts = [part for _, _, part in words(canonical_symbol(symbol))]
    if parts and parts[0].isdigit():
        parts[0] = str(int(parts[0]))
    return " ".join(_code_key(part) for part in parts)


def name_key(name: str) -> str:
    """The key of a document cited by name: folded words, single spaces
    ("Nghị quyết Trung ương 4" → "nghi quyet trung uong 4")."""
    return " ".join(word for _, _, word in words(fold(nfc(name))))


def find_symbols(text: str) -> list[Symbol]:
    """Document symbols written in text, with offsets (into the NFC text) and keys:
    "Quy định số 55-QĐ/TƯ" → [Symbol(12, 20, "55 qd tw", "55-QĐ/TW")]."""
    found = []
    for match in _SYMBOL.finditer(nfc(text)):
        symbol = canonical_symbol(match.group("symbol"))
        found.append(Symbol(match.start("symbol"), match.end("symbol"), symbol_key(symbol), symbol))
    return found


# Symbols typed in a search box ("55 qd tw", "42 2022 nd cp"): a number, perhaps a year, then
# words that look like code parts. Most codes have no vowel (qd, nq, ctr, nd, cp…); these do.
# Codes that are also everyday syllables ("đa"/"đã" → "da", "hư" → "hu") are left out: typed
# without separators they are read as words, written as in a document they are symbols.
_VOWELS = set("aeiouy")
_CODES_WITH_VOWELS = {
    "tu",
    "tw",
    "ttu",
    "qu",
    "qdi",
    "ubnd",
    "ubtvqh",
    "bca",
    "byt",
    "ttg",
    "vpcp",
    "hdnd",
    "ub",
}


def _is_code(word: str) -> bool:
    letters = fold(word).rstrip("0123456789")
    if letters in _CODES_WITH_VOWELS:
        return True
    return 2 <= len(letters) <= 6 and letters.isalpha() and not (_VOWELS & set(letters))


def _with_trung_uong(key: str, last_code: str) -> list[str]:
    # "tu" typed for "TƯ": also the Trung ương key, ranked second.
    if fold(last_code) == "tu" and last_code.casefold() != "tư":
        return [key, key[: -len("tu")] + "tw"]
    return [key]


def typed_symbols(text: str) -> tuple[list[list[str]], list[str]]:
    """Symbols in a query, as ([[key, variant…], …], the other words): first those written as
    in a document ("55-QĐ/TƯ", "2/2022/UBTVQH15"), then those typed loosely ("55 qd tw").

    "tu" typed for "TƯ" gives the Thành ủy key first, then the Trung ương one.
    """
    symbols: list[list[str]] = []
    text = nfc(text)
    for found in reversed(find_symbols(text)):
        symbols.insert(0, _with_trung_uong(found.key, words(found.symbol)[-1][2]))
        text = text[: found.start] + " " + text[found.end :]
    tokens = [word for _, _, word in words(text)]
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word.isdigit() and len(word) <= 5:
            j = i + 1
            year = []
            if j < len(tokens) and tokens[j].isdigit() and len(tokens[j]) == 4:
                year, j = [tokens[j]], j + 1
            codes = []
            while j < len(tokens) and _is_code(tokens[j]):
                codes.append(tokens[j])
                j += 1
            if codes:
                symbols.append(
                    _with_trung_uong(symbol_key(" ".join([word, *year, *codes])), codes[-1])
                )
                i = j
                continue
        rest.append(word)
        i += 1
    return symbols, rest
