"""A database that cannot take a write says why in one line, and keeps what it had."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from model.commands import AddSpan
from model.errors import DatabaseBusyError, StoreError
from model.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        store.insert_document("d1", "استدعت موسكو سفير أذربيجان")
    return str(path)


def _spans(path: str) -> int:
    with Store(path) as store:
        return len(store.spans(1))


def test_a_lock_held_by_another_program_is_reported_as_busy(db):
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, busy_timeout_ms=50) as store:
            with pytest.raises(DatabaseBusyError, match="another program is writing"):
                AddSpan(1, 7, 12, "PLACE").do(store)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _spans(db) == 0


def test_the_same_edit_succeeds_once_the_lock_is_gone(db):
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    command = AddSpan(1, 7, 12, "PLACE")
    with Store(db, busy_timeout_ms=50) as store:
        with pytest.raises(DatabaseBusyError):
            command.do(store)
        other.execute("ROLLBACK")
        other.close()
        command.do(store)
    assert _spans(db) == 1


def test_a_full_disk_says_disk_full_not_cannot_rollback(db):
    with Store(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as caught:
            store.insert_document("big", "نص طويل " * 20000)
        assert "disk full" in str(caught.value)
        assert "rollback" not in str(caught.value)
        assert not store.conn.in_transaction
    with Store(db) as store:
        assert store.document_count() == 1


def test_a_read_only_database_says_so(db):
    with Store(db) as store:
        store.conn.execute("PRAGMA query_only = ON")  # what SQLite reports for a read-only file
        with pytest.raises(StoreError, match="read-only"):
            AddSpan(1, 7, 12, "PLACE").do(store)
    assert _spans(db) == 0


def test_opening_while_another_program_imports_does_not_fail(db):
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    try:
        with Store(db, busy_timeout_ms=50) as store:  # reading works beside a writer
            assert store.document_count() == 1
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_many_documents_with_one_id_get_the_next_free_suffix(tmp_path):
    with Store(tmp_path / "ids.db") as store:
        for i in range(5):
            store.insert_document("a[1]*", f"نص رقم {i}")
        store.insert_document("a[1]*-9", "نص آخر")
        store.insert_document("a[1]*", "نص أخير")
        ids = [store.document(d).ext_id for d in store.document_ids()]
    assert ids == ["a[1]*", "a[1]*-2", "a[1]*-3", "a[1]*-4", "a[1]*-5", "a[1]*-9", "a[1]*-10"]
