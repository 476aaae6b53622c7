"""A PostgreSQL connection that speaks the part of the ``sqlite3`` API the store uses.

The store's SQL is written once: ``?`` parameters, ``BEGIN IMMEDIATE``, the UTC timestamp
expression, ``INSERT OR IGNORE`` and SQLite's ``CROSS JOIN … ON`` (a join order hint) are
translated here (once per statement, cached). As with SQLite's ``INTEGER PRIMARY KEY``, a row
inserted with a NULL id takes the next one (a trigger of :mod:`model.pgschema` does it) and
``cursor.lastrowid`` is its id (``RETURNING id``, added to single-row inserts into the tables
that have ids). PostgreSQL's errors come back as the ``sqlite3`` exceptions every caller already
handles (a constraint as ``IntegrityError``, anything else as ``OperationalError``), carrying the
server's message, which :func:`model.errors.store_error` turns into one line for the user.

psycopg is imported only when a ``postgresql://`` database is opened. The connection string is
libpq's, so ``PG*`` environment variables and ``~/.pgpass`` work as they do for psql.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from .errors import shown as shown

URL_SCHEMES = ("postgresql://", "postgres://")

#: SQLite's UTC timestamp (ISO 8601 with Z), as the store's SQL spells it, and its PostgreSQL twin
SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
PG_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")
#: the tables whose rows have an id (an inserted row's id comes back as ``lastrowid``)
ID_TABLES = ("documents", "spans", "relations")
_INSERT_WITH_ID = re.compile(r"\s*INSERT INTO (documents|spans|relations)\b(?!.*\bRETURNING\b)", re.I | re.S)


def is_url(target: object) -> bool:
    """Does ``target`` name a PostgreSQL database (rather than an SQLite file)?"""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """The store's SQLite-flavoured statement in PostgreSQL's words."""
    sql = sql.replace(SQLITE_NOW, PG_NOW)
    if sql.lstrip().upper().startswith("BEGIN IMMEDIATE"):
        return "BEGIN"
    ignore = "INSERT OR IGNORE INTO" in sql
    if ignore:
        sql = sql.replace("INSERT OR IGNORE INTO", "INSERT INTO")
    sql = sql.replace(" CROSS JOIN ", " JOIN ")  # SQLite's join-order hint; plain joins here

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")  # a literal: psycopg reads % everywhere in the query

    sql = _QUOTED_OR_MARK.sub(swap, sql)
    if ignore:
        sql = sql.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return sql


def _sqlite_error(exc: Exception) -> sqlite3.Error:
    import psycopg

    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.errors.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return sqlite3.OperationalError(f"permission denied: {message}")
    if isinstance(exc, psycopg.OperationalError) and not isinstance(exc, psycopg.errors.QueryCanceled):
        return sqlite3.OperationalError(f"connection to the server lost: {message}")
    return sqlite3.OperationalError(message)


class Cursor:
    """The rows of one statement, as an ``sqlite3.Cursor`` gives them."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._cursor is None:
            return None
        try:
            return self._cursor.fetchone()
        except Exception as exc:
            raise _sqlite_error(exc) from exc

    def fetchall(self) -> list[tuple[Any, ...]]:
        if self._cursor is None:
            return []
        try:
            return list(self._cursor.fetchall())
        except Exception as exc:
            raise _sqlite_error(exc) from exc

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while self._cursor is not None:
            rows = self._cursor.fetchmany(1000)
            if not rows:
                return
            yield from rows

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)


class PgConnection:
    """One autocommit psycopg connection; transactions are begun and ended by statements, as the
    store does with SQLite (``BEGIN IMMEDIATE`` … ``COMMIT``)."""

    dialect = "postgresql"
    #: the ``sqlite3`` exception for a psycopg one (for callers using ``raw`` directly)
    error = staticmethod(lambda exc: _sqlite_error(exc))

    def __init__(self, url: str) -> None:

        self.url = url
        self.setup: list[str] = []  # statements run again on every new connection (LISTEN, ...)
        self._transaction = False
        self.generation = 0  # how many times the connection was made again
        self.raw = self._connect()

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # installed with Hashiya; missing only from a hand-made environment
            raise sqlite3.OperationalError(
                "cannot connect: PostgreSQL needs the psycopg package (pip install 'psycopg[binary]')"
            ) from exc

        try:
            raw = psycopg.connect(self.url, autocommit=True)
            for statement in self.setup:
                raw.execute(statement)
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise sqlite3.OperationalError(f"cannot connect: {reason}") from exc
        return raw

    def ensure_connected(self) -> None:
        """After the server or the network dropped the connection, make a new one (the next
        statement, a retried edit, goes to it)."""
        if self.broken:
            self.raw = self._connect()
            self.generation += 1

    def run_on_connect(self, statement: str) -> None:
        """Run ``statement`` now and again on every new connection."""
        self.setup.append(statement)
        self.execute(statement)

    @property
    def in_transaction(self) -> bool:
        """Between our BEGIN and its COMMIT or ROLLBACK (whatever became of the connection)."""
        return self._transaction

    @property
    def broken(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)

    @property
    def user(self) -> str:
        return str(self.raw.info.user)

    def _ready(self, statement: str) -> bool:
        """Before a statement: a connection lost outside a transaction is replaced; inside one it
        is not (what the transaction did is gone: its owner must roll back and start again).
        False when the statement is a ROLLBACK of a transaction the server has rolled back."""
        if statement == "BEGIN":
            self.ensure_connected()
            return True
        if not self.broken:
            return True
        if not self._transaction:
            self.ensure_connected()
            return True
        if statement == "ROLLBACK":
            self._transaction = False
            return False
        raise sqlite3.OperationalError(
            "connection to the server lost during a transaction; nothing of it was saved"
        )

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        statement = translate(sql)
        if not self._ready(statement):
            return Cursor(None)
        cursor = self.raw.cursor()
        returning = _INSERT_WITH_ID.match(sql) is not None and "SELECT" not in sql.upper()
        try:
            cursor.execute(statement + (" RETURNING id" if returning else ""), params or None)
            if statement == "BEGIN":
                self._transaction = True
            elif statement in ("COMMIT", "ROLLBACK"):
                self._transaction = False
            if returning:
                row = cursor.fetchone()
                return Cursor(cursor, int(row[0]) if row else None)
        except Exception as exc:
            if statement in ("COMMIT", "ROLLBACK"):
                self._transaction = False
            raise _sqlite_error(exc) from exc
        return Cursor(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        statement = translate(sql)
        self._ready(statement)
        cursor = self.raw.cursor()
        try:
            cursor.executemany(statement, rows)
        except Exception as exc:
            raise _sqlite_error(exc) from exc
        return Cursor(cursor)

    def getlimit(self, category: int) -> int:
        """As ``sqlite3.Connection.getlimit`` answers for the number of parameters of a statement."""
        return 65535

    def close(self) -> None:
        self.raw.close()
