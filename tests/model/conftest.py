from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from model.store import Store

TABLES = ("labels", "documents", "spans", "relations", "settings")


def db_state(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table, without the created/updated timestamps."""
    state = {}
    for table in TABLES:
        described = conn.execute(f"SELECT * FROM {table} LIMIT 0").description
        cols = [column[0] for column in described if column[0] not in ("created", "updated")]
        quoted = ", ".join(f'"{c}"' for c in cols)
        state[table] = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY 1").fetchall()
    return state


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh store on each backend: SQLite in memory, and a team database on PostgreSQL
    (connected to as a lead), so that every model test holds for both."""
    target = ":memory:" if request.param == "sqlite" else request.getfixturevalue("team_url")
    with Store(target) as s:
        yield s


@pytest.fixture
def state() -> Callable[[Store], dict[str, list[tuple]]]:
    return lambda s: db_state(s.conn)


@pytest.fixture
def amal(tmp_path: Path) -> Path:
    """Amal's database as she hands it in for a merge (see tests/model/test_merge.py)."""
    from tests.model.test_merge import amal_db

    return amal_db(tmp_path)


@pytest.fixture
def huda(tmp_path: Path) -> Path:
    """Huda's database as she hands it in for a merge."""
    from tests.model.test_merge import huda_db

    return huda_db(tmp_path)
