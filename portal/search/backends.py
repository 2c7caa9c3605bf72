"""The full-text part of the index, per database engine, with one behaviour.

SQLite: an FTS5 table (rowid = SearchEntry.id) with three columns — folded title, folded body,
symbols — ranked by bm25 with column weights.
PostgreSQL: a weighted `folded_doc` tsvector in a narrow table of its own (search_fulltext) with
a GIN index finds the matches; ts_rank_cd over a small vector of the title and the body's start
(`rank_doc`) ranks them. On both, the best matches then get a bonus for exact spellings
and adjacent words.
Both receive words already split and normalised in Python (analysis.py), so they tokenise alike;
a visitor's text never reaches MATCH or to_tsquery: we build the expression from words only.
"""

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from .analysis import SearchQuery, Term, compact_symbol, fold_words

__all__ = ["RANK_WINDOW", "Filters", "IndexRow", "backend"]

# bm25 weights, FTS5 column order: title_folded, body_folded, symbols.
FTS5_WEIGHTS = (5.0, 1.0, 20.0)
# ts_rank weights for D, C, B, A.
TS_WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"
# Matches scored per query: the newest ones (a query matching most of the corpus stays fast).
RANK_WINDOW = 1000


@dataclass(frozen=True)
class IndexRow:
    entry_id: int
    title_folded: str
    body_folded: str
    symbols: str  # compact symbol tokens, space separated
    lead_words: str = ""  # SearchEntry.lead_words


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
# Added to the bonus, scaled by the square of the share of the query's words the title holds.
TITLE_COVERAGE_BONUS = 2.0


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
    # A title holding every word typed is what the reader looked for; one that repeats some of
    # them (bm25 rewards repetition in short titles) is not.
    wanted = {t.folded for t in terms} | {t.folded for phrase in query.phrases for t in phrase}
    if len(wanted) > 1:
        covered = len(wanted & set(title_f)) / len(wanted)
        bonus += TITLE_COVERAGE_BONUS * covered**2
    return bonus


def _bonuses(cursor, query: SearchQuery, candidates: list[_Candidate]) -> dict[int, float]:
    """The bonus of the best RERANK_DEPTH candidates, from their entries' lead_words."""
    top = _top(candidates)
    if not top:
        return {}
    cursor.execute(
        "SELECT id, lead_words FROM search_searchentry "  # noqa: S608
        f"WHERE id IN ({', '.join(['%s'] * len(top))})",
        top,
    )
    bonus = {}
    for pk, lead_words in cursor.fetchall():
        title_exact, _, body_exact = lead_words.partition("\n")
        bonus[pk] = _bonus(
            query, title_exact, body_exact, fold_words(title_exact), fold_words(body_exact)
        )
    return bonus


class _Backend:
    """What both engines do with a query: find and score the newest RANK_WINDOW + 1 matches
    (the engine's own `_candidates`), add the bonus of the best, order, cut the page."""

    vendor = ""

    def _candidates(
        self, cursor, query: SearchQuery, filters: Filters, *, any_part: bool
    ) -> list[_Candidate]:
        raise NotImplementedError

    def _reading(self):
        """The transaction a search runs in, if the engine needs one."""
        return nullcontext()

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
        with self._reading(), connection.cursor() as cursor:
            candidates = self._candidates(cursor, query, filters, any_part=any_part)
            bonus = _bonuses(cursor, query, candidates) if sort != "date" else {}
        ordered = _order(candidates, query, bonus, sort=sort)
        return [Hit(c.entry_id, c.score) for c in ordered[offset : offset + limit]]


class SQLiteBackend(_Backend):
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
                "INSERT INTO search_fts (rowid, title_folded, body_folded, symbols) "
                "VALUES (%s, %s, %s, %s)",
                [(row.entry_id, row.title_folded, row.body_folded, row.symbols) for row in rows],
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

    def optimize(self) -> None:
        """After a bulk load: merge the FTS5 segments into one."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

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

    def _candidates(
        self, cursor, query: SearchQuery, filters: Filters, *, any_part: bool
    ) -> list[_Candidate]:
        matches, params = self._matches(filters)
        weights = ", ".join(str(weight) for weight in FTS5_WEIGHTS)
        # Scored: the newest RANK_WINDOW matches (FTS5 walks rowids backwards and stops),
        # so a query matching most of the corpus stays fast.
        cursor.execute(
            f"SELECT search_fts.rowid, -bm25(search_fts, {weights}), e.symbol_key, e.date "  # noqa: S608
            f"{matches} ORDER BY search_fts.rowid DESC LIMIT %s",
            [self.expression(query, any_part=any_part), *params, RANK_WINDOW + 1],
        )
        return [_Candidate(*row) for row in cursor.fetchall()]


# Ids per bucket lexeme ("#19"), and how many of the newest buckets a query tries first.
ID_BUCKET = 5000
FIRST_BUCKETS = 2


def bucket_lexeme(entry_id: int) -> str:
    """The lexeme of an entry's id bucket; "#" never occurs in a word lexeme."""
    return f"#{entry_id // ID_BUCKET}"


def _pairs(words: str) -> str:
    """Adjacent word pairs as single tokens: "thanh pho ha" → "thanh0pho pho0ha"."""
    tokens = words.split()
    return " ".join(f"{a}0{b}" for a, b in zip(tokens, tokens[1:], strict=False))


class PostgresBackend(_Backend):
    vendor = "postgresql"

    # Matching: the vectors live in a narrow table of their own, `search_fulltext` (migration
    # 0003), with copies of the columns the filters need (kind, section, date): finding the
    # newest matches reads a few MB of heap, not the entries' texts. `folded_doc` (A: symbols,
    # B: folded title, D: folded body, then D: adjacent word pairs "thanh0pho", for phrases,
    # and the id bucket "#19") finds the matches through its GIN index with plain lexemes (no
    # weight or position rechecks). Ranking: the entry's small `rank_doc` (_WRITE_RANK); exact
    # spellings and adjacency add a bonus to the best matches, as on SQLite (_bonuses).
    _WRITE = (
        "INSERT INTO search_fulltext (entry_id, kind, section, date, symbol_key, folded_doc) "
        "SELECT id, kind, section, date, symbol_key, "
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
        "|| setweight(to_tsvector('simple', %s), 'D') || setweight(to_tsvector('simple', %s), 'D') "
        "|| array_to_tsvector(ARRAY[%s::text]) FROM search_searchentry WHERE id = %s "
        "ON CONFLICT (entry_id) DO UPDATE SET kind = EXCLUDED.kind, section = EXCLUDED.section, "
        "date = EXCLUDED.date, symbol_key = EXCLUDED.symbol_key, folded_doc = EXCLUDED.folded_doc"
    )

    # What a match is ranked by: symbols (A), folded title (B), folded start of the body (D),
    # the words of SearchEntry.lead_words, stored in the entry's row (PostgreSQL only).
    _WRITE_RANK = (
        "UPDATE search_searchentry SET rank_doc = setweight(to_tsvector('simple', %s), 'A') "
        "|| setweight(to_tsvector('simple', %s), 'B') || to_tsvector('simple', %s) WHERE id = %s"
    )

    @staticmethod
    def rank_parts(lead_words: str) -> tuple[str, str]:
        """The folded title and body start of SearchEntry.lead_words."""
        title_exact, _, body_exact = lead_words.partition("\n")
        return fold_words(title_exact), fold_words(body_exact)

    def write(self, rows: Iterable[IndexRow]) -> None:
        rows = list(rows)
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                self._WRITE_RANK,
                [(row.symbols, *self.rank_parts(row.lead_words), row.entry_id) for row in rows],
            )
            cursor.executemany(
                self._WRITE,
                [
                    (
                        row.symbols,
                        row.title_folded,
                        row.body_folded,
                        f"{_pairs(row.title_folded)} {_pairs(row.body_folded)}",
                        bucket_lexeme(row.entry_id),
                        row.entry_id,
                    )
                    for row in rows
                ],
            )

    def delete(self, entry_ids: Sequence[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM search_fulltext WHERE entry_id = ANY(%s)", [list(entry_ids)]
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fulltext")

    def optimize(self) -> None:
        """After a bulk load, outside a transaction: statistics for the planner, and the
        visibility and hint bits set now rather than by the first visitors' queries (the first
        300 queries after indexing 100,000 entries had a p95 of 146 ms, the next 300 of 32)."""
        # VACUUM cannot run in a transaction (a caller's, or a test's): ANALYZE there.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} search_fulltext, search_searchentry")

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

    @staticmethod
    def _plan_for_gin(cursor) -> None:
        """Make this transaction's plans find matches through the GIN index, in one process.

        The planner prices `@@` as a cheap filter, but each test detoasts a vector of several
        KB: walking the primary key backwards or scanning the table, its choices for common
        words, read hundreds of MB where the bitmap of the GIN index reads a few. A parallel
        worker costs more to start than it saves here, and takes a core from another request."""
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), "
            "set_config('enable_indexscan', 'off', true), "
            "set_config('max_parallel_workers_per_gather', '0', true)"
        )

    def rank_expression(self, query: SearchQuery) -> str:
        """What ranks a match: any of the query's words or symbols, in the title and body start
        (rank_doc holds no word pairs, so a phrase counts by its words)."""
        words = [term.folded for term in query.terms]
        words += [term.folded for phrase in query.phrases for term in phrase]
        parts = [self._word(word) for word in dict.fromkeys(words)]
        parts += [self._word(compact_symbol(key)) for variants in query.symbols for key in variants]
        return " | ".join(parts)

    def _newest_matches(
        self, cursor, expression: str, rank_expression: str, where: str, params: list
    ) -> list[tuple]:
        """The newest RANK_WINDOW + 1 matches, with their scores.

        Every vector holds the lexeme of its id bucket ("#19": ids 95,000–99,999). A query
        first looks in the newest buckets only: GIN intersects the word's long posting list
        with the buckets' short ones, and the table is read only for matches in them. When
        those hold too few matches, the density they show sets how many buckets to try next;
        the last try has no bucket limit. The result is the same as one unlimited query.
        Only the window found is then ranked, by the entries' small rank_doc: the matching
        vectors are several KB each, kept out of line, and slow to read a thousand at a time."""
        window = RANK_WINDOW + 1
        # Before _plan_for_gin: read off the end of the primary key.
        cursor.execute("SELECT max(entry_id) FROM search_fulltext")
        newest = cursor.fetchone()[0]
        if newest is None:
            return []
        self._plan_for_gin(cursor)
        top_bucket = newest // ID_BUCKET
        buckets = FIRST_BUCKETS
        while True:
            limited = buckets <= top_bucket
            within = ""
            bucket_params: list = []
            if limited:
                lexemes = " | ".join(f"'#{top_bucket - i}'" for i in range(buckets))
                within = " && %s::tsquery"
                bucket_params = [lexemes]
            cursor.execute(
                "SELECT m.entry_id FROM search_fulltext m "  # noqa: S608
                f"WHERE m.folded_doc @@ (to_tsquery('simple', %s){within}){where} "
                "ORDER BY m.entry_id DESC LIMIT %s",
                [expression, *bucket_params, *params, window],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if len(ids) >= window or not limited:
                break
            if not ids:
                buckets = top_bucket + 1
                continue
            # Enough buckets for the window at the density seen, with a margin.
            covered = newest - (top_bucket - buckets + 1) * ID_BUCKET + 1
            needed_ids = window * covered / len(ids) * 1.5
            buckets = max(buckets * 2, int(needed_ids // ID_BUCKET) + 2)
        if not ids:
            return []
        cursor.execute(
            f"SELECT e.id, ts_rank_cd('{TS_WEIGHTS}', coalesce(e.rank_doc, ''), q.query, 1), "  # noqa: S608
            "e.symbol_key, e.date FROM search_searchentry e, to_tsquery('simple', %s) AS q(query) "
            "WHERE e.id = ANY(%s)",
            [rank_expression, ids],
        )
        return cursor.fetchall()

    def _reading(self):
        # _plan_for_gin's settings last until the end of this transaction.
        return transaction.atomic()

    def _candidates(
        self, cursor, query: SearchQuery, filters: Filters, *, any_part: bool
    ) -> list[_Candidate]:
        where, params = filters.sql("m")
        rows = self._newest_matches(
            cursor,
            self.expression(query, any_part=any_part),
            self.rank_expression(query),
            where,
            params,
        )
        return [_Candidate(*row) for row in rows]


def backend() -> SQLiteBackend | PostgresBackend:
    """The full-text backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search does not support the {connection.vendor} database.")
