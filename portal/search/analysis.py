"""How text becomes searchable and how a visitor's query is read. Pure: no Django imports.

Every text is indexed twice: its "exact" words (NFC, modern tone placement, lower case) and its
"folded" words (no diacritics, đ→d). A query matches a word in either form; matches in the
exact form score higher, so "Hoà Bình" finds "Hòa Bình" and "hoa binh" first, then "hoá bình".
Document symbols ("55-QĐ/TƯ", "55 qd tw") become one compact token ("55qdtw") of their own.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal.core.text import find_symbols, fold, normalize, symbol_key, words

__all__ = [
    "MAX_QUERY_CHARS",
    "IndexedText",
    "SearchQuery",
    "Term",
    "analyse_text",
    "compact_symbol",
    "fold_words",
    "parse_query",
]

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_PHRASES = 4
_QUOTES = '"“”„«»'
_PHRASE = re.compile(rf"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]")
_VOWELS = set("aeiouy")
# Code parts of a symbol that contain a vowel (most codes have none: qd, nq, ctr, nd, cp…).
_CODES_WITH_VOWELS = {"tu", "tw", "ubnd", "ubtvqh", "bca", "byt", "ttg", "vpcp", "hdnd", "ub"}


@dataclass(frozen=True)
class Term:
    exact: str
    folded: str

    @property
    def accented(self) -> bool:
        return self.exact != self.folded


@dataclass
class SearchQuery:
    """A visitor's query, read: single words, quoted phrases, document symbols."""

    text: str
    terms: list[Term] = field(default_factory=list)
    phrases: list[list[Term]] = field(default_factory=list)
    symbols: list[list[str]] = field(default_factory=list)  # each: the key and its variants

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.symbols)

    def highlight_words(self) -> set[str]:
        """Folded words to highlight in results."""
        found = {term.folded for term in self.terms}
        for phrase in self.phrases:
            found.update(term.folded for term in phrase)
        return found

    def symbol_keys(self) -> set[str]:
        return {key for variants in self.symbols for key in variants}


@dataclass(frozen=True)
class IndexedText:
    exact: str
    folded: str


def compact_symbol(key: str) -> str:
    """The single search token of a symbol key: "55 qd tw" → "55qdtw"."""
    return key.replace(" ", "")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def fold_words(exact: str) -> str:
    """The folded stream of an exact word stream (see analyse_text)."""
    return " ".join(_fold_word(word) for word in exact.split())


def analyse_text(text: str) -> IndexedText:
    """The exact and folded word streams of a text, space separated, in the same order."""
    exact = [word.lower() for _, _, word in words(normalize(text or ""))]
    return IndexedText(" ".join(exact), " ".join(_fold_word(word) for word in exact))


def text_symbols(text: str) -> list[str]:
    """Keys of the document symbols written in a text, each once, in order."""
    keys: list[str] = []
    for _, _, key in find_symbols(text or ""):
        if key not in keys:
            keys.append(key)
    return keys


def _is_code(word: str) -> bool:
    folded = fold(word)
    if folded in _CODES_WITH_VOWELS:
        return True
    letters = folded.rstrip("0123456789")
    return 2 <= len(letters) <= 6 and letters.isalpha() and not (_VOWELS & set(letters))


def _query_symbols(tokens: list[str]) -> tuple[list[list[str]], list[str]]:
    """Find symbols typed loosely ("55 qd tw", "55-QĐ/TƯ", "42/2022/nd-cp") among the words."""
    symbols: list[list[str]] = []
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word.isdigit() and len(word) <= 5:
            j = i + 1
            year = None
            if j < len(tokens) and tokens[j].isdigit() and len(tokens[j]) == 4:
                year, j = tokens[j], j + 1
            codes = []
            while j < len(tokens) and _is_code(tokens[j]):
                codes.append(tokens[j])
                j += 1
            if codes:
                key = symbol_key(word, year, codes)
                variants = [key]
                # "tu" typed for "TƯ": also try the Trung ương spelling, ranked second.
                if fold(codes[-1]) == "tu" and codes[-1].casefold() != "tư":
                    variants.append(symbol_key(word, year, [*codes[:-1], "TƯ"]))
                symbols.append(variants)
                i = j
                continue
        rest.append(word)
        i += 1
    return symbols, rest


def _terms(tokens: list[str]) -> list[Term]:
    return [Term(token.lower(), fold(token)) for token in tokens]


def parse_query(raw: str | None) -> SearchQuery:
    """Read a query as typed: any length, any punctuation, never an error."""
    text = normalize((raw or "")[:MAX_QUERY_CHARS])
    query = SearchQuery(text=text)
    outside = _PHRASE.sub(" ", text)
    for phrase_text in _PHRASE.findall(text)[:MAX_PHRASES]:
        tokens = [word for _, _, word in words(phrase_text)]
        symbols, rest = _query_symbols(tokens)
        if symbols and not rest:
            query.symbols.extend(symbols)
        elif len(tokens) == 1:
            outside += " " + tokens[0]
        elif tokens:
            query.phrases.append(_terms(tokens))
    symbols, rest = _query_symbols([word for _, _, word in words(outside)])
    query.symbols.extend(symbols)
    seen: set[Term] = set()
    for term in _terms(rest):
        if term not in seen and len(query.terms) < MAX_TERMS:
            seen.add(term)
            query.terms.append(term)
    return query
