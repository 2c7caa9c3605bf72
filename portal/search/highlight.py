"""Highlighted titles and snippets, computed on folded words mapped back to the original text.

Pure: plain strings in, HTML strings out (everything but our <mark> tags escaped).
"""

from html import escape

from portal.core.text import find_symbols, fold_word, words

__all__ = ["highlight", "snippet"]

SNIPPET_WORDS = 36
MAX_SCAN_CHARS = 20_000


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _symbol_spans(text: str, symbol_keys: set[str]) -> list[tuple[int, int]]:
    if not symbol_keys:
        return []
    return [(found.start, found.end) for found in find_symbols(text) if found.key in symbol_keys]


def _render(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, folded_words: set[str], symbol_keys: set[str] = frozenset()) -> str:
    """The whole text, escaped, with the query's words (in any spelling) in <mark>."""
    spans = [(start, end) for start, end, word in words(text) if fold_word(word) in folded_words]
    return _render(text, _merge(spans + _symbol_spans(text, symbol_keys)))


def snippet(
    text: str,
    folded_words: set[str],
    symbol_keys: set[str] = frozenset(),
    *,
    size: int = SNIPPET_WORDS,
) -> str:
    """The passage of about `size` words with the most distinct query words, highlighted."""
    text = " ".join(text[:MAX_SCAN_CHARS].split())
    all_words = words(text)
    if not all_words:
        return ""
    symbol_spans = _symbol_spans(text, symbol_keys)
    hits = []
    for index, (start, _, word) in enumerate(all_words):
        folded = fold_word(word)
        if folded in folded_words:
            hits.append((index, folded))
        elif any(s_start <= start < s_end for s_start, s_end in symbol_spans):
            hits.append((index, "#symbol"))
    best_start, best_score = 0, -1
    for first, _ in hits:
        window_start = max(0, first - 6)
        score = len(
            {folded for index, folded in hits if window_start <= index < window_start + size}
        )
        if score > best_score:
            best_start, best_score = window_start, score
    last = min(len(all_words), best_start + size) - 1
    char_start, char_end = all_words[best_start][0], all_words[last][1]
    spans = [
        all_words[index][:2]
        for index, folded in hits
        if folded != "#symbol" and best_start <= index <= last
    ]
    html = _render(text, _merge(spans + symbol_spans), char_start, char_end)
    if char_start > 0:
        html = "… " + html
    if char_end < len(text):
        html += " …"
    return html
