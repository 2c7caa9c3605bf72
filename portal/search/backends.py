"""The full-text part of the index, per database engine, with one behaviour.

SQLite: an FTS5 table (rowid = SearchEntry.id) with five columns — exact and folded title,
exact and folded body, symbols — ranked by bm25 with column weights.
PostgreSQL: a weighted `folded_doc` tsvector on the entry table with a GIN index, ranked by
ts_rank_cd. On both, the best matches then get a bonus for exact spellings and adjacent words.
Both receive words already split and normalised in Python (analysis.py), so they tokenise alike;
a visitor's text never reaches MATCH or to_tsquery: we build the expression from words only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection

from .analysis import SearchQuery, Term, analyse_text, compact_symbol

__all__ = ["RANK_WINDOW", "Filters", "IndexRow", "backend"]

# bm25 weights, FTS5 column order: title_exact, body_exact, title_folded, body_folded, symbols.
# The folded columns find and score the matches; the exact ones add a bonus to the best.
FTS5_WEIGHTS = (10.0, 2.0, 5.0, 1.0, 20.0)
# ts_rank weights for D, C, B, A.
TS_WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"
# Matches scored per query: the newest ones (a query matching most of the corpus stays fast).
RANK_WINDOW = 1000


@dataclass(frozen=True)
class IndexRow:
    entry_id: int
    title_exact: str
    title_folded: str
    body_exact: str
    body_folded: str
    symbols: str  # compact symbol tokens, space separated


@dataclass
class Filters:
    kinds: Sequence[str] = ()
    section: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def sql(self, alias: str = "e") -> tuple[str, list]:
        clauses, params = [], []
        if self.kinds:
            clauses.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params.extend(self.kinds)
        if self.section:
            clauses.append(f"{alias}.section = %s")
            params.append(self.section)
        if self.date_from:
            clauses.append(f"{alias}.date >= %s")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{alias}.date <= %s")
            params.append(self.date_to)
        return "".join(f" AND {clause}" for clause in clauses), params


@dataclass
class Hit:
    entry_id: int
    score: float


RERANK_DEPTH = 50


@dataclass
class _Candidate:
    entry_id: int
    score: float  # higher is better
    symbol_key: str
    date: date | str | None


def _order(
    candidates: list[_Candidate],
    query: SearchQuery,
    bonus: dict[int, float],
    *,
    sort: str,
) -> list[_Candidate]:
    """Final order: typed symbols first, then score (with the exact-spelling and adjacency
    bonus of the best RERANK_DEPTH), then newest; or newest first when sorting by date."""
    for candidate in candidates:
        candidate.score *= 1.0 + bonus.get(candidate.entry_id, 0.0)
    # Stable sorts, least significant key first (dates may be ISO strings or dates).
    ordered = sorted(candidates, key=lambda c: c.entry_id, reverse=True)
    if sort == "date":
        ordered.sort(key=lambda c: c.score, reverse=True)
        ordered.sort(key=lambda c: (c.date is not None, c.date or ""), reverse=True)
        return ordered
    ordered.sort(key=lambda c: (c.date is not None, c.date or ""), reverse=True)
    ordered.sort(key=lambda c: c.score, reverse=True)
    primary = {variants[0] for variants in query.symbols}
    others = {key for variants in query.symbols for key in variants[1:]}
    if primary:
        ordered.sort(
            key=lambda c: 0 if c.symbol_key in primary else 1 if c.symbol_key in others else 2
        )
    return ordered


def _top(candidates: list[_Candidate]) -> list[int]:
    best = sorted(candidates, key=lambda c: c.score, reverse=True)[:RERANK_DEPTH]
    return [c.entry_id for c in best]


BONUS_BODY_CHARS = 400


def _bonus(
    query: SearchQuery, title_exact: str, body_exact: str, title_folded: str, body_folded: str
) -> float:
    """How much better than its folded score a match is: accented words found as typed, and
    words typed side by side found side by side, in the title (most) or the body's start."""
    title_words, body_words = set(title_exact.split()), set(body_exact.split())
    title_f, body_f = title_folded.split(), body_folded.split()
    title_pairs = set(zip(title_f, title_f[1:], strict=False))
    body_pairs = set(zip(body_f, body_f[1:], strict=False))
    bonus = 0.0
    accented = [t for t in query.terms if t.accented]
    accented += [t for phrase in query.phrases for t in phrase if t.accented]
    for term in accented:
        bonus += 0.5 if term.exact in title_words else 0.15 if term.exact in body_words else 0.0
    terms = query.terms
    for first, second in zip(terms, terms[1:], strict=False):
        pair = (first.folded, second.folded)
        bonus += 0.5 if pair in title_pairs else 0.15 if pair in body_pairs else 0.0
    return bonus


class SQLiteBackend:
    vendor = "sqlite"

    def write(self, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(row.entry_id,) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title_exact, body_exact, title_folded, "
                "body_folded, symbols) VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        row.entry_id,
                        row.title_exact,
                        row.body_exact,
                        row.title_folded,
                        row.body_folded,
                        row.symbols,
                    )
                    for row in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in entry_ids]
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    @staticmethod
    def _word(term_text: str) -> str:
        # Words hold letters and digits only (analysis.words), so quoting cannot be escaped.
        return f'"{term_text}"'

    def _folded(self, terms: list[Term]) -> str:
        return self._word(" ".join(term.folded for term in terms))

    def _symbol(self, variants: list[str]) -> str:
        options = " OR ".join(
            f"{{symbols}} : {self._word(compact_symbol(key))}" for key in variants
        )
        return f"({options})"

    def expression(self, query: SearchQuery, *, any_part: bool = False) -> str:
        """The matching expression, on folded words only (an exact word matches folded too)."""
        parts = [f"{{title_folded body_folded}} : {self._folded([t])}" for t in query.terms]
        parts += [f"{{title_folded body_folded}} : {self._folded(p)}" for p in query.phrases]
        parts += [self._symbol(variants) for variants in query.symbols]
        return (" OR " if any_part else " AND ").join(parts)

    def _matches(self, filters: Filters) -> tuple[str, list]:
        where, params = filters.sql()
        return (
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s{where}"
        ), params

    def count(self, query: SearchQuery, filters: Filters, *, any_part: bool = False) -> int:
        where, params = filters.sql()
        matches = "FROM search_fts WHERE search_fts MATCH %s"
        if where:
            matches, params = self._matches(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s)",  # noqa: S608
                [self.expression(query, any_part=any_part), *params, RANK_WINDOW + 1],
            )
            return cursor.fetchone()[0]

    def search(
        self,
        query: SearchQuery,
        filters: Filters,
        *,
        sort: str,
        offset: int,
        limit: int,
        any_part: bool = False,
    ) -> list[Hit]:
        matches, params = self._matches(filters)
        weights = ", ".join(str(weight) for weight in FTS5_WEIGHTS)
        # Scored: the newest RANK_WINDOW matches (FTS5 walks rowids backwards and stops),
        # so a query matching most of the corpus stays fast.
        sql = (
            f"SELECT search_fts.rowid, -bm25(search_fts, {weights}), e.symbol_key, e.date "  # noqa: S608
            f"{matches} ORDER BY search_fts.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [self.expression(query, any_part=any_part), *params, RANK_WINDOW + 1]
            )
            candidates = [
                _Candidate(pk, score, key, day) for pk, score, key, day in cursor.fetchall()
            ]
            bonus: dict[int, float] = {}
            top = _top(candidates)
            if top and sort != "date":
                # The stored word streams of the best matches (title, start of the body).
                cursor.execute(
                    "SELECT rowid, title_exact, substr(body_exact, 1, %s), title_folded, "  # noqa: S608
                    f"substr(body_folded, 1, %s) FROM search_fts "
                    f"WHERE rowid IN ({', '.join(['%s'] * len(top))})",
                    [BONUS_BODY_CHARS, BONUS_BODY_CHARS, *top],
                )
                bonus = {row[0]: _bonus(query, *row[1:]) for row in cursor.fetchall()}
        ordered = _order(candidates, query, bonus, sort=sort)
        return [Hit(c.entry_id, c.score) for c in ordered[offset : offset + limit]]


def _pairs(words: str) -> str:
    """Adjacent word pairs as single tokens: "thanh pho ha" → "thanh0pho pho0ha"."""
    tokens = words.split()
    return " ".join(f"{a}0{b}" for a, b in zip(tokens, tokens[1:], strict=False))


class PostgresBackend:
    vendor = "postgresql"

    # `folded_doc` (A: symbols, B: folded title, D: folded body, then D: adjacent word pairs
    # "thanh0pho", for phrases) finds and scores the matches
    # through its GIN index with plain lexemes (no weight rechecks); exact spellings and
    # adjacency add a bonus to the best matches, computed as on SQLite (_bonus).
    _WRITE = (
        "UPDATE search_searchentry SET "
        "folded_doc = setweight(to_tsvector('simple', %s), 'A') "
        "|| setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'D') "
        "|| setweight(to_tsvector('simple', %s), 'D') WHERE id = %s"
    )

    def write(self, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                self._WRITE,
                [
                    (
                        row.symbols,
                        row.title_folded,
                        row.body_folded,
                        f"{_pairs(row.title_folded)} {_pairs(row.body_folded)}",
                        row.entry_id,
                    )
                    for row in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        """The vectors live on the entry row: deleting the entry deletes them."""

    def clear(self) -> None:
        """As delete()."""

    @staticmethod
    def _word(text: str) -> str:
        # Words hold letters and digits only (analysis.words), so quoting cannot be escaped.
        return f"'{text}'"

    def expression(self, query: SearchQuery, *, any_part: bool = False) -> str:
        """The matching query, on folded words (an exact word always matches folded too)."""
        parts = [self._word(term.folded) for term in query.terms]
        # A phrase is its adjacent word pairs, indexed as lexemes of their own: a plain GIN
        # lookup, where `<->` would recheck positions row by row.
        parts += [
            "("
            + " & ".join(
                self._word(pair)
                for pair in _pairs(" ".join(term.folded for term in phrase)).split()
            )
            + ")"
            for phrase in query.phrases
        ]
        parts += [
            "(" + " | ".join(self._word(compact_symbol(key)) for key in variants) + ")"
            for variants in query.symbols
        ]
        return (" | " if any_part else " & ").join(parts)

    def _matches(self, filters: Filters) -> tuple[str, list]:
        where, params = filters.sql()
        return (
            "FROM search_searchentry e, to_tsquery('simple', %s) AS q(query) "
            f"WHERE e.folded_doc @@ q.query{where}"
        ), params

    def count(self, query: SearchQuery, filters: Filters, *, any_part: bool = False) -> int:
        matches, params = self._matches(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s) s",  # noqa: S608
                [self.expression(query, any_part=any_part), *params, RANK_WINDOW + 1],
            )
            return cursor.fetchone()[0]

    def search(
        self,
        query: SearchQuery,
        filters: Filters,
        *,
        sort: str,
        offset: int,
        limit: int,
        any_part: bool = False,
    ) -> list[Hit]:
        matches, params = self._matches(filters)
        # Scored: the newest RANK_WINDOW matches (by entry id), as on SQLite.
        sql = (
            f"SELECT e.id, ts_rank_cd('{TS_WEIGHTS}', e.folded_doc, q.query, 1), "  # noqa: S608
            f"e.symbol_key, e.date {matches} ORDER BY e.id DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [self.expression(query, any_part=any_part), *params, RANK_WINDOW + 1]
            )
            candidates = [_Candidate(*row) for row in cursor.fetchall()]
            bonus: dict[int, float] = {}
            top = _top(candidates)
            if top and sort != "date":
                cursor.execute(
                    "SELECT id, title, left(body, %s) FROM search_searchentry WHERE id = ANY(%s)",
                    [BONUS_BODY_CHARS, top],
                )
                for pk, title, body in cursor.fetchall():
                    title_words, body_words = analyse_text(title), analyse_text(body)
                    bonus[pk] = _bonus(
                        query,
                        title_words.exact,
                        body_words.exact,
                        title_words.folded,
                        body_words.folded,
                    )
        ordered = _order(candidates, query, bonus, sort=sort)
        return [Hit(c.entry_id, c.score) for c in ordered[offset : offset + limit]]


def backend() -> SQLiteBackend | PostgresBackend:
    """The full-text backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search does not support the {connection.vendor} database.")
