"""Interrupted work leaves nothing behind: no half database, no temporary export files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from model.store import STALE_SECONDS, Store
from tests.conftest import ROOT


def _articles(path: Path, n: int) -> Path:
    records = ({"id": f"d{i}", "text": f"خبر رقم {i} " * 40} for i in range(n))
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hashiya(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(predicate, seconds: float = 20) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_a_first_import_stopped_by_sigterm_leaves_no_database(tmp_path):
    source = _articles(tmp_path / "many.jsonl", 60000)
    db = tmp_path / "new.db"
    child = _hashiya("import", str(source), "--db", str(db))
    assert _wait_for(lambda: any(tmp_path.glob(".new.db.*.building")))
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    assert child.returncode != 0
    assert not db.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["many.jsonl"]


def test_a_killed_first_import_is_cleaned_up_by_the_next_run(tmp_path, run):
    source = _articles(tmp_path / "many.jsonl", 60000)
    db = tmp_path / "new.db"
    child = _hashiya("import", str(source), "--db", str(db))
    assert _wait_for(lambda: any(tmp_path.glob(".new.db.*.building")))
    child.kill()
    child.wait(timeout=30)
    assert not db.exists()
    stale = time.time() - STALE_SECONDS - 5
    for left in tmp_path.glob(".new.db.*"):
        os.utime(left, (stale, stale))
    small = _articles(tmp_path / "small.jsonl", 3)
    assert run("import", small, "--db", db).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl", "new.db", "small.jsonl"]


def test_a_locked_database_is_one_line_not_a_traceback(tmp_path, run, monkeypatch):
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.insert_document("d", "نص")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr("model.store.BUSY_TIMEOUT_MS", 100)
    try:
        result = run("import", _articles(tmp_path / "a.jsonl", 2), "--db", db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.code == 2
    assert result.err.strip() == f"hashiya: {db}: the database is busy: another program is writing to it"


def test_a_damaged_database_is_one_line(tmp_path, run):
    db = tmp_path / "c.db"
    with Store(db) as store:
        for i in range(300):
            store.insert_document(f"x{i}", f"خبر رقم {i} " * 50)
    raw = bytearray(db.read_bytes())
    raw[4096 * 2 : 4096 * 6] = b"\xde\xad\xbe\xef" * 4096
    db.write_bytes(bytes(raw))
    result = run("export", "--db", db, "--format", "jsonl", "--out", tmp_path / "out.jsonl")
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"hashiya: {db}: ") and "damaged" in line
    assert not (tmp_path / "out.jsonl").exists()
    assert not list(tmp_path.glob(".out*.tmp"))


def test_export_stopped_by_sigterm_removes_its_temporary_file(tmp_path, run):
    db = tmp_path / "c.db"
    assert run("import", _articles(tmp_path / "many.jsonl", 40000), "--db", db).code == 0
    out = tmp_path / "out" / "corpus.jsonl"
    out.parent.mkdir()
    child = _hashiya("export", "--db", str(db), "--format", "doccano", "--out", str(out))
    assert _wait_for(lambda: any(out.parent.glob(".corpus.jsonl.*.tmp")))
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    assert child.returncode != 0
    assert list(out.parent.iterdir()) == []


def test_temporary_files_of_a_killed_export_go_at_the_next_export(tmp_path, run):
    db = tmp_path / "c.db"
    assert run("import", _articles(tmp_path / "a.jsonl", 3), "--db", db).code == 0
    out = tmp_path / "corpus.jsonl"
    left = tmp_path / ".corpus.jsonl.1a2b3c4d.tmp"
    left.write_text("half an export", encoding="utf-8")
    fresh = tmp_path / ".corpus.jsonl.9f8e7d6c.tmp"  # maybe another export still writing: kept
    fresh.write_text("busy", encoding="utf-8")
    stale = time.time() - STALE_SECONDS - 5
    os.utime(left, (stale, stale))
    assert run("export", "--db", db, "--format", "jsonl", "--out", out).code == 0
    assert not left.exists() and fresh.exists()
