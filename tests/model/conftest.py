from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest

from model.store import Store

TABLES = ("labels", "documents", "spans", "relations", "settings")


def db_state(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table, without the created/updated timestamps."""
    state = {}
    for table in TABLES:
        info = conn.execute(f"PRAGMA table_info({table})")
        cols = [row[1] for row in info if row[1] not in ("created", "updated")]
        quoted = ", ".join(f'"{c}"' for c in cols)
        state[table] = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY 1").fetchall()
    return state


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def state() -> Callable[[Store], dict[str, list[tuple]]]:
    return lambda s: db_state(s.conn)
