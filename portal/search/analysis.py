"""How text becomes searchable and how a visitor's query is read. Pure: no Django imports.

Every text is indexed twice: its "exact" words (NFC, modern tone placement, lower case) and its
"folded" words (no diacritics, đ→d). A query matches a word in either form; matches in the
exact form score higher, so "Hoà Bình" finds "Hòa Bình" and "hoa binh" first, then "hoá bình".
Document symbols ("55-QĐ/TƯ", "55 qd tw") become one compact token ("55qdtw") of their own.
"""

import re
from dataclasses import dataclass, field

from portal.core.text import find_symbols, fold, fold_word, normalize, typed_symbols, words

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


def fold_words(exact: str) -> str:
    """The folded stream of an exact word stream (see analyse_text)."""
    return " ".join(fold_word(word) for word in exact.split())


def analyse_text(text: str) -> IndexedText:
    """The exact and folded word streams of a text, space separated, in the same order."""
    exact = [word.lower() for _, _, word in words(normalize(text or ""))]
    return IndexedText(" ".join(exact), " ".join(fold_word(word) for word in exact))


def text_symbols(text: str) -> list[str]:
    """Keys of the document symbols written in a text, each once, in order."""
    keys: list[str] = []
    for symbol in find_symbols(text or ""):
        if symbol.key not in keys:
            keys.append(symbol.key)
    return keys


def _terms(tokens: list[str]) -> list[Term]:
    return [Term(token.lower(), fold(token)) for token in tokens]


def parse_query(raw: str | None) -> SearchQuery:
    """Read a query as typed: any length, any punctuation, never an error."""
    text = normalize((raw or "")[:MAX_QUERY_CHARS])
    query = SearchQuery(text=text)
    outside = _PHRASE.sub(" ", text)
    for phrase_text in _PHRASE.findall(text)[:MAX_PHRASES]:
        tokens = [word for _, _, word in words(phrase_text)]
        symbols, rest = typed_symbols(phrase_text)
        if symbols and not rest:
            query.symbols.extend(symbols)
        elif len(tokens) == 1:
            outside += " " + tokens[0]
        elif tokens:
            query.phrases.append(_terms(tokens))
    symbols, rest = typed_symbols(outside)
    query.symbols.extend(symbols)
    seen: set[Term] = set()
    for term in _terms(rest):
        if term not in seen and len(query.terms) < MAX_TERMS:
            seen.add(term)
            query.terms.append(term)
    return query
