"""Expensive test fixtures built once per process and replayed as rows afterwards.

Many test classes start from the same content (the demo site: ~40 published pages, their
revisions, search entries and citations), and building it through the real code costs 2-5 s
each time. `Replayable(build)` runs `build()` for real the first time it meets a given database
state, records what it changed (rows removed and added, table by table, and the cache keys it
touched), and on later calls from the same state writes those rows back with plain SQL.

The state is recognised by a digest of every row of every table, so a test whose database
differs in any way before the call gets the real build (and, if that state comes back, its own
replay). Replaying gives the same rows, the same ids and the same return value as building;
`portal/demo/tests/test_replay.py` compares the two table by table on both engines. The
build's date is part of the key: content dated relative to today is rebuilt on a new day.
"""

import copy
import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connections, transaction
from django.utils import timezone

__all__ = ["Replayable", "database_rows"]

# SQLite's own bookkeeping for FTS5 virtual tables: rebuilt by SQLite when the table is written.
_FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[int, ...]  # positions of the primary key (or of every column, if none)
    virtual: bool = False  # an SQLite virtual table (FTS5), addressed by rowid


@dataclass
class _Delta:
    removed: dict[str, list[tuple]] = field(default_factory=dict)
    added: dict[str, list[tuple]] = field(default_factory=dict)
    cache_keys: dict[str, set[tuple[str, int | None]]] = field(default_factory=dict)
    result: object = None


def _tables(connection) -> list[_Table]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        virtual = set()
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            virtual = {row[0] for row in cursor.fetchall()}
            shadows = {f"{vt}{suffix}" for vt in virtual for suffix in _FTS5_SHADOW_SUFFIXES}
            names = [name for name in names if name not in shadows] + ["sqlite_sequence"]
        tables = []
        for name in sorted(names):
            if name in virtual:
                cursor.execute(f"SELECT rowid, * FROM {connection.ops.quote_name(name)} LIMIT 0")
                columns = tuple(["rowid"] + [c[0] for c in cursor.description[1:]])
                tables.append(_Table(name, columns, (0,), virtual=True))
                continue
            if name == "sqlite_sequence":
                tables.append(_Table(name, ("name", "seq"), (0,)))
                continue
            columns = tuple(
                column.name
                for column in connection.introspection.get_table_description(cursor, name)
            )
            primary = connection.introspection.get_primary_key_columns(cursor, name) or []
            key = tuple(columns.index(column) for column in primary) or tuple(range(len(columns)))
            tables.append(_Table(name, columns, key))
        return tables


def _plain(value):
    """A value as a comparable, hashable, re-insertable Python value."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, list):
        return tuple(_plain(item) for item in value)
    return value


def _rows(connection, table: _Table) -> list[tuple]:
    quote = connection.ops.quote_name
    columns = ", ".join(
        "rowid" if c == "rowid" and table.virtual else quote(c) for c in table.columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(table.name)}")
        rows = [tuple(_plain(value) for value in row) for row in cursor.fetchall()]
    return sorted(rows, key=repr)


def database_rows(alias: str = "default") -> dict[str, list[tuple]]:
    """Every row of every table (FTS5 shadow tables aside), sorted: a database's whole state."""
    connection = connections[alias]
    return {table.name: _rows(connection, table) for table in _tables(connection)}


def _digest(rows: dict[str, list[tuple]]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(rows):
        digest.update(name.encode())
        for row in rows[name]:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _key_of(table: _Table, row: tuple) -> tuple:
    return tuple(row[position] for position in table.key)


def _parents_first(connection, tables: list[_Table]) -> list[_Table]:
    """Tables ordered so that a table comes after those its immediate (not deferred) foreign
    keys point to. Django defers its own foreign keys to the commit; a few written in a
    migration's SQL (the search index's) are checked row by row."""
    if connection.vendor != "postgresql":
        return tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND NOT condeferrable AND conrelid <> confrelid"
        )
        parents: dict[str, set[str]] = {}
        for child, parent in cursor.fetchall():
            parents.setdefault(child.strip('"'), set()).add(parent.strip('"'))
    ordered: list[_Table] = []
    placed: set[str] = set()
    pending = list(tables)
    while pending:
        ready = [t for t in pending if parents.get(t.name, set()) <= placed | {t.name}]
        if not ready:  # a cycle of immediate keys: cannot happen in Django's schema
            ready = pending[:1]
        for table in ready:
            ordered.append(table)
            placed.add(table.name)
        pending = [t for t in pending if t.name not in placed]
    return ordered


class _CacheWatch:
    """Which keys (and key versions) the build wrote or deleted in each cache: a replay deletes
    them again, so a reader recomputes what the build would have invalidated."""

    _WRITES = ("set", "add", "delete", "set_many", "delete_many", "incr", "decr", "touch")

    def __init__(self):
        self.keys: dict[str, set[tuple[str, int | None]]] = {}
        self._patched = []

    def __enter__(self):
        from django.conf import settings

        for alias in settings.CACHES:
            cache = caches[alias]
            keys = self.keys.setdefault(alias, set())
            for name in self._WRITES:
                original = getattr(cache, name)
                setattr(cache, name, self._recording(original, keys))
                self._patched.append((cache, name))
        return self

    @staticmethod
    def _recording(original, keys: set[tuple[str, int | None]]):
        signature = inspect.signature(original)

        def method(*args, **kwargs):
            bound = signature.bind(*args, **kwargs).arguments
            version = bound.get("version")
            if "data" in bound:  # set_many
                keys.update((key, version) for key in bound["data"])
            elif "keys" in bound:  # delete_many
                keys.update((key, version) for key in bound["keys"])
            else:
                keys.add((bound["key"], version))
            return original(*args, **kwargs)

        return method

    def __exit__(self, *exc):
        for cache, name in self._patched:
            delattr(cache, name)  # the instance attribute hid the class's method
        return False


class Replayable:
    """`build()` the first time per database state and day; its recorded rows afterwards."""

    def __init__(self, build: Callable[[], object], alias: str = "default"):
        self.build = build
        self.alias = alias
        self._deltas: dict[tuple, _Delta] = {}
        self.replays = 0  # how many calls were answered by a replay (the tests count them)

    def __call__(self):
        connection = connections[self.alias]
        with transaction.atomic(using=self.alias):
            tables = _tables(connection)
            before = {table.name: _rows(connection, table) for table in tables}
            key = (
                connection.vendor,
                connection.settings_dict["NAME"],
                timezone.localdate(),
                _digest(before),
            )
            delta = self._deltas.get(key)
            if delta is not None:
                self._apply(connection, tables, delta)
                self.replays += 1
                return copy.deepcopy(delta.result)
            with _CacheWatch() as watch:
                result = self.build()
            after = {table.name: _rows(connection, table) for table in tables}
            self._deltas[key] = self._delta(tables, before, after, watch.keys, result)
            return result

    @staticmethod
    def _delta(tables, before, after, cache_keys, result) -> _Delta:
        delta = _Delta(cache_keys=cache_keys, result=copy.deepcopy(result))
        for table in tables:
            old = set(before[table.name])
            new = set(after[table.name])
            removed = [row for row in before[table.name] if row not in new]
            added = [row for row in after[table.name] if row not in old]
            if removed:
                delta.removed[table.name] = removed
            if added:
                delta.added[table.name] = added
        return delta

    def _apply(self, connection, tables: list[_Table], delta: _Delta) -> None:
        quote = connection.ops.quote_name
        by_name = {table.name: table for table in tables}
        ordinary = _parents_first(
            connection, [t for t in tables if not t.virtual and t.name != "sqlite_sequence"]
        )
        with connection.cursor() as cursor:
            # Old versions of changed rows leave before the new ones come; children leave
            # before and come after the rows a checked-at-once foreign key points to.
            for table in reversed(ordinary):
                self._remove(cursor, quote, table, delta.removed.get(table.name, []))
            for table in ordinary:
                self._insert(cursor, quote, table, delta.added.get(table.name, []))
            # Virtual tables last: triggers on the ordinary tables may already have written them.
            for table in tables:
                if table.virtual:
                    self._sync_virtual(connection, cursor, quote, table, delta)
            if "sqlite_sequence" in by_name:
                self._set_sqlite_sequences(cursor, delta)
            if connection.vendor == "postgresql":
                self._advance_sequences(cursor, quote, [by_name[n] for n in delta.added])
        for alias, keys in delta.cache_keys.items():
            for key, version in keys:
                caches[alias].delete(key, version=version)

    @staticmethod
    def _remove(cursor, quote, table: _Table, rows: list[tuple]) -> None:
        if not rows:
            return
        if table.virtual:
            where = "rowid = %s"
        elif len(table.key) < len(table.columns):  # a primary key: never NULL
            where = " AND ".join(f"{quote(table.columns[p])} = %s" for p in table.key)
        else:  # no primary key: the whole row, NULLs equal
            null_safe = "IS" if cursor.db.vendor == "sqlite" else "IS NOT DISTINCT FROM"
            where = " AND ".join(f"{quote(column)} {null_safe} %s" for column in table.columns)
        cursor.executemany(
            f"DELETE FROM {quote(table.name)} WHERE {where}",
            [_key_of(table, row) for row in rows],
        )

    @staticmethod
    def _set_sqlite_sequences(cursor, delta: _Delta) -> None:
        """The AUTOINCREMENT counters as the build left them (the inserts above moved them only
        as far as the largest id replayed)."""
        added = {name for name, _ in delta.added.get("sqlite_sequence", [])}
        for name, _ in delta.removed.get("sqlite_sequence", []):
            if name not in added:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [name])
        for name, seq in delta.added.get("sqlite_sequence", []):
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [name])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [name, seq])

    @staticmethod
    def _insert(cursor, quote, table: _Table, rows: list[tuple]) -> None:
        if not rows:
            return
        columns = ", ".join(
            "rowid" if c == "rowid" and table.virtual else quote(c) for c in table.columns
        )
        values = ", ".join(["%s"] * len(table.columns))
        cursor.executemany(
            f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({values})",
            [tuple(list(v) if isinstance(v, tuple) else v for v in row) for row in rows],
        )

    def _sync_virtual(self, connection, cursor, quote, table: _Table, delta: _Delta) -> None:
        removed = delta.removed.get(table.name, [])
        added = delta.added.get(table.name, [])
        if not removed and not added:
            return
        present = {row[0]: row for row in _rows(connection, table)}
        wanted = {row[0] for row in added}
        self._remove(
            cursor, quote, table, [r for r in removed if r[0] in present and r[0] not in wanted]
        )
        stale = [row for row in added if row[0] in present and present[row[0]] != row]
        self._remove(cursor, quote, table, stale)
        self._insert(
            cursor,
            quote,
            table,
            [row for row in added if row[0] not in present or present[row[0]] != row],
        )

    @staticmethod
    def _advance_sequences(cursor, quote, tables: list[_Table]) -> None:
        """Ids handed out after a replay follow the replayed rows, as after a build (sequences
        only move forward: they are not part of the transaction)."""
        for table in tables:
            if len(table.key) != 1 or table.key == tuple(range(len(table.columns))):
                continue
            column = table.columns[table.key[0]]
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table.name), column])
            sequence = cursor.fetchone()[0]
            if sequence is None:
                continue
            cursor.execute(
                f"SELECT setval(%s, GREATEST((SELECT MAX({quote(column)}) FROM {quote(table.name)}),"
                f" (SELECT last_value FROM {sequence})))",
                [sequence],
            )
