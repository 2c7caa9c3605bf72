"""The full-text part of the index, per database engine, with one behaviour.

SQLite: an FTS5 table (rowid = SearchEntry.id) with five columns — exact and folded title,
exact and folded body, symbols — ranked by bm25 with column weights.
PostgreSQL: a `document` tsvector on the entry table (A: exact title and symbols, B: folded
title, C: exact body, D: folded body) with a GIN index, ranked by ts_rank.
Both receive words already split and normalised in Python (analysis.py), so they tokenise alike;
a visitor's text never reaches MATCH or to_tsquery: we build the expression from words only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection

from .analysis import SearchQuery, Term, compact_symbol

__all__ = ["Filters", "IndexRow", "backend"]

# bm25 weights, FTS5 column order: title_exact, body_exact, title_folded, body_folded, symbols.
FTS5_WEIGHTS = (10.0, 2.0, 5.0, 1.0, 20.0)
# ts_rank weights for D, C, B, A.
TS_WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"


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


def _symbol_order(query: SearchQuery, alias: str = "e") -> tuple[str, list]:
    """Objects whose own symbol was typed come first (the first spelling before variants)."""
    primary = [variants[0] for variants in query.symbols]
    others = [key for variants in query.symbols for key in variants[1:]]
    if not primary:
        return "", []
    sql = f"CASE WHEN {alias}.symbol_key IN ({', '.join(['%s'] * len(primary))}) THEN 0"
    params: list = list(primary)
    if others:
        sql += f" WHEN {alias}.symbol_key IN ({', '.join(['%s'] * len(others))}) THEN 1"
        params.extend(others)
    return sql + " ELSE 2 END, ", params


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

    def _term(self, term: Term) -> str:
        if term.accented:
            return (
                f"({{title_exact body_exact}} : {self._word(term.exact)} OR "
                f"{{title_folded body_folded}} : {self._word(term.folded)})"
            )
        return f"{{title_exact body_exact title_folded body_folded}} : {self._word(term.folded)}"

    def _phrase(self, phrase: list[Term]) -> str:
        exact = " ".join(term.exact for term in phrase)
        folded = " ".join(term.folded for term in phrase)
        return (
            f"({{title_exact body_exact}} : {self._word(exact)} OR "
            f"{{title_folded body_folded}} : {self._word(folded)})"
        )

    def _symbol(self, variants: list[str]) -> str:
        options = " OR ".join(
            f"{{symbols}} : {self._word(compact_symbol(key))}" for key in variants
        )
        return f"({options})"

    def expression(self, query: SearchQuery, *, any_part: bool = False) -> str:
        parts = [self._term(term) for term in query.terms]
        parts += [self._phrase(phrase) for phrase in query.phrases]
        parts += [self._symbol(variants) for variants in query.symbols]
        # Words typed side by side score more where they stand side by side ("Hoàn Kiếm" the
        # district above "hoàn thành … tìm kiếm"): always-true parts that bm25 counts.
        for index in range(len(query.terms) - 1):
            pair = self._phrase(query.terms[index : index + 2])
            parts.append(pair if any_part else f"({pair} OR {parts[index]})")
        return (" OR " if any_part else " AND ").join(parts)

    def count(self, query: SearchQuery, filters: Filters, *, any_part: bool = False) -> int:
        where, params = filters.sql()
        with connection.cursor() as cursor:
            if where:
                cursor.execute(
                    "SELECT count(*) FROM search_fts JOIN search_searchentry e "
                    f"ON e.id = search_fts.rowid WHERE search_fts MATCH %s{where}",
                    [self.expression(query, any_part=any_part), *params],
                )
            else:
                cursor.execute(
                    "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
                    [self.expression(query, any_part=any_part)],
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
        where, params = filters.sql()
        symbol_sql, symbol_params = _symbol_order(query)
        weights = ", ".join(str(weight) for weight in FTS5_WEIGHTS)
        if sort == "date":
            order = "e.date DESC NULLS LAST, score, e.id DESC"
        else:
            order = f"{symbol_sql}score, e.date DESC NULLS LAST, e.id DESC"
        sql = (
            f"SELECT e.id, bm25(search_fts, {weights}) AS score FROM search_fts "
            f"JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s{where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        order_params = [] if sort == "date" else symbol_params
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    self.expression(query, any_part=any_part),
                    *params,
                    *order_params,
                    limit,
                    offset,
                ],
            )
            return [Hit(pk, -score) for pk, score in cursor.fetchall()]


class PostgresBackend:
    vendor = "postgresql"

    _DOCUMENT = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
    )

    def write(self, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE search_searchentry SET document = {self._DOCUMENT} WHERE id = %s",
                [
                    (
                        f"{row.title_exact} {row.symbols}",
                        row.title_folded,
                        row.body_exact,
                        row.body_folded,
                        row.entry_id,
                    )
                    for row in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        """The tsvector lives on the entry row: deleting the entry deletes it."""

    def clear(self) -> None:
        """As delete()."""

    @staticmethod
    def _word(text: str, weights: str = "") -> str:
        # Words hold letters and digits only (analysis.words), so quoting cannot be escaped.
        return f"'{text}'" + (f":{weights}" if weights else "")

    def _term(self, term: Term) -> str:
        if term.accented:
            return f"({self._word(term.exact, 'AC')} | {self._word(term.folded, 'BD')})"
        return self._word(term.folded)

    def _phrase(self, phrase: list[Term]) -> str:
        exact = " <-> ".join(self._word(term.exact, "AC") for term in phrase)
        folded = " <-> ".join(self._word(term.folded, "BD") for term in phrase)
        return f"(({exact}) | ({folded}))"

    def _symbol(self, variants: list[str]) -> str:
        return "(" + " | ".join(self._word(compact_symbol(key), "A") for key in variants) + ")"

    def expression(self, query: SearchQuery, *, any_part: bool = False) -> str:
        parts = [self._term(term) for term in query.terms]
        parts += [self._phrase(phrase) for phrase in query.phrases]
        parts += [self._symbol(variants) for variants in query.symbols]
        return (" | " if any_part else " & ").join(parts)

    def count(self, query: SearchQuery, filters: Filters, *, any_part: bool = False) -> int:
        where, params = filters.sql()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM search_searchentry e "
                f"WHERE e.document @@ to_tsquery('simple', %s){where}",
                [self.expression(query, any_part=any_part), *params],
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
        where, params = filters.sql()
        symbol_sql, symbol_params = _symbol_order(query)
        if sort == "date":
            order = "e.date DESC NULLS LAST, score DESC, e.id DESC"
            symbol_params = []
        else:
            order = f"{symbol_sql}score DESC, e.date DESC NULLS LAST, e.id DESC"
        expression = self.expression(query, any_part=any_part)
        sql = (
            f"SELECT e.id, ts_rank_cd('{TS_WEIGHTS}', e.document, q.query, 1) AS score "
            "FROM search_searchentry e, to_tsquery('simple', %s) AS q(query) "
            f"WHERE e.document @@ q.query{where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params, *symbol_params, limit, offset])
            return [Hit(pk, score) for pk, score in cursor.fetchall()]


def backend() -> SQLiteBackend | PostgresBackend:
    """The full-text backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search does not support the {connection.vendor} database.")
