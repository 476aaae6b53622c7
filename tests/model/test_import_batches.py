"""Imports go in batches, a writer thread inserting one while the next is read: the results, the
errors and the rollbacks must be those of one batch after another."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from model import importing
from model.errors import CancelledError, InputError
from model.formats import FORMATS, Format
from model.formats.base import IncomingDocument, IncomingSpan, ReadOptions
from model.importing import ImportReport, import_paths
from model.store import Store
from tests.model.conftest import db_state

WORDS = ["موسكو", "باكو", "الوزير", "اجتماع", "أعلنت", "الحكومة", "قصف", "بيروت"]


def writer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("hashiya-import")]


def article(n: int) -> dict[str, object]:
    """Article ``n``: a text of four words with spans on them, an event linked to two of them."""
    words = [WORDS[(n + k) % len(WORDS)] for k in range(4)]
    text = f"خبر {n}: " + " ".join(words)
    spans, at = [], text.index(":") + 2
    for k, (word, label) in enumerate(zip(words, ("EVENT", "ACTOR", "PLACE", "ACTOR"), strict=True)):
        spans.append({"id": k + 1, "start": at, "end": at + len(word), "label": label, "text": word,
                      "annotator": "amal" if k % 2 else "omar"})
        at += len(word) + 1
    relations = [{"event": 1, "argument": 2, "role": "source"}, {"event": 1, "argument": 3, "role": "place"}]
    return {"id": f"a{n % 7}", "title": f"عنوان {n}", "text": text, "meta": {"n": n},
            "status": "done" if n % 3 == 0 else None, "spans": spans, "relations": relations}


def write_jsonl(path: Path, records: list[dict[str, object]], bad_line: int | None = None) -> Path:
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    if bad_line is not None:
        lines.insert(bad_line - 1, '{"id": "broken", "text": 5}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Three files of articles: ids clash across files (a0 ... a6 again and again), and some texts
    repeat, within a file and across files, so duplicates fall in other batches."""
    numbers = [list(range(0, 14)), [3, 14, 15, 16, 5, 17, 18, 19, 20], [21, 9, 22, 23, 22, 24, 25, 0]]
    return [
        write_jsonl(tmp_path / f"part{i}.jsonl", [article(n) for n in part]) for i, part in enumerate(numbers)
    ]


def seeded(path: Path | str) -> Store:
    """A store holding one article already, so ids and duplicates carry on from it."""
    store = Store(path)
    doc = store.insert_document("a1", "خبر قديم: موسكو")
    store.add_span(doc, 10, 15, "PLACE", "amal")
    return store


def import_with_batches(
    store: Store, files: list[Path], size: int, monkeypatch: pytest.MonkeyPatch
) -> ImportReport:
    monkeypatch.setattr(importing._BatchWriter, "SIZE", size)
    return import_paths(store, files)


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_an_import_in_small_batches_stores_what_one_batch_stores(tmp_path, files, size, monkeypatch):
    one = seeded(tmp_path / "one.db")
    whole = import_with_batches(one, files, 10_000, monkeypatch)
    many = seeded(tmp_path / "many.db")
    batched = import_with_batches(many, files, size, monkeypatch)
    assert db_state(many.conn) == db_state(one.conn)
    assert batched == whole
    assert len(whole.skipped) == 5  # 3, 5, 9 and 0 again, and 22 twice in one file
    assert {ext_id for ext_id, in one.conn.execute("SELECT ext_id FROM documents")} >= {"a0", "a0-2", "a1-2"}
    assert writer_threads() == []


def test_duplicates_in_earlier_batches_are_skipped(store, tmp_path, monkeypatch):
    same = article(1)
    path = write_jsonl(tmp_path / "a.jsonl", [same, article(2), article(3), dict(same, id="other")])
    report = import_with_batches(store, [path], 1, monkeypatch)
    assert report.imported_count == 3
    assert report.skipped == [(f"{path}:4", "a1")]
    assert writer_threads() == []


def test_a_bad_line_in_a_late_batch_rolls_back_every_batch(tmp_path, files, monkeypatch):
    store = seeded(tmp_path / "c.db")
    before = db_state(store.conn)
    late = write_jsonl(tmp_path / "late.jsonl", [article(n) for n in range(30, 45)], bad_line=14)
    with pytest.raises(InputError) as caught:
        import_with_batches(store, [*files, late], 2, monkeypatch)
    assert str(caught.value) == f"{late}:14: 'text' must be a non-empty string"
    assert db_state(store.conn) == before
    assert writer_threads() == []
    # and the connection is usable afterwards: the same files without the bad one go in
    assert import_with_batches(store, files, 2, monkeypatch).imported_count == 26


def fake_format(docs: list[IncomingDocument], fail_after: int | None = None) -> Format:
    """A reader yielding ``docs`` (readers check spans; this one lets a double through, for the
    database to refuse), then raising a bad line when ``fail_after`` documents are out."""

    def read(path: Path, _options: ReadOptions) -> Iterator[IncomingDocument]:
        for n, doc in enumerate(docs, 1):
            yield doc
            if n == fail_after:
                raise InputError(str(path), "a later problem", n + 1)

    return Format("fake", (".fake",), read=read)


def fake_docs(path: Path, count: int, doubled: int) -> list[IncomingDocument]:
    docs = []
    for n in range(count):
        text = f"خبر رقم {n} من موسكو"
        spans = [IncomingSpan(text.index("موسكو"), len(text), "PLACE", "amal")]
        if n == doubled:
            spans.append(spans[0])  # the same span twice: the UNIQUE constraint refuses it
        docs.append(IncomingDocument(str(path), n + 1, f"f{n}", text, spans=spans))
    return docs


def test_a_span_refused_by_the_database_in_a_late_batch_rolls_back_every_batch(tmp_path, monkeypatch):
    store = seeded(tmp_path / "c.db")
    before = db_state(store.conn)
    path = tmp_path / "x.fake"
    path.write_text("")
    monkeypatch.setitem(FORMATS, "fake", fake_format(fake_docs(path, 12, doubled=10)))
    monkeypatch.setattr(importing._BatchWriter, "SIZE", 2)
    with pytest.raises(InputError) as caught:
        import_paths(store, [path], fmt="fake")
    assert str(caught.value).startswith(f"{path}: a span is listed twice or lies outside its text (UNIQUE")
    assert db_state(store.conn) == before
    assert writer_threads() == []


def test_the_first_problem_in_reading_order_is_the_one_reported(tmp_path, monkeypatch, slow_writer):
    """The database refuses batch 1 while the reader has gone on to a bad line in batch 2: the
    refusal is reported, as it was when batches went in one after another."""
    store = seeded(tmp_path / "c.db")
    before = db_state(store.conn)
    path = tmp_path / "x.fake"
    path.write_text("")
    monkeypatch.setitem(FORMATS, "fake", fake_format(fake_docs(path, 12, doubled=1), fail_after=5))
    monkeypatch.setattr(importing._BatchWriter, "SIZE", 4)
    with pytest.raises(InputError) as caught:
        import_paths(store, [path], fmt="fake")
    assert "a span is listed twice" in str(caught.value)
    assert db_state(store.conn) == before
    assert writer_threads() == []


@pytest.fixture
def slow_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer thread takes its time over each batch, so the reader stops while it works."""
    insert = importing._BatchWriter._insert

    def slow_insert(self, *args):  # type: ignore[no-untyped-def]
        time.sleep(0.03)
        insert(self, *args)

    monkeypatch.setattr(importing._BatchWriter, "_insert", slow_insert)


def test_cancel_mid_import_leaves_the_database_as_it_was(tmp_path, files, monkeypatch, slow_writer):
    store = seeded(tmp_path / "c.db")
    before = db_state(store.conn)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 2  # stop once two of the three files are in

    monkeypatch.setattr(importing._BatchWriter, "SIZE", 3)
    with pytest.raises(CancelledError):
        import_paths(store, files, progress=progress)
    assert calls == [0, 1, 2]
    assert db_state(store.conn) == before
    assert writer_threads() == []


def test_an_interrupt_waits_for_the_writer_then_rolls_back(tmp_path, files, monkeypatch, slow_writer):
    """SIGTERM in the CLI raises in the reading thread, whatever the writer is doing."""
    store = seeded(tmp_path / "c.db")
    before = db_state(store.conn)

    def progress(done: int, total: int) -> bool:
        if done == 2:
            raise KeyboardInterrupt
        return True

    monkeypatch.setattr(importing._BatchWriter, "SIZE", 3)
    with pytest.raises(KeyboardInterrupt):
        import_paths(store, files, progress=progress)
    assert not store.conn.in_transaction
    assert db_state(store.conn) == before
    assert writer_threads() == []


def test_at_most_one_batch_is_in_the_writers_hands(store, files, monkeypatch):
    """Memory stays flat: the reader waits for batch N before handing over batch N+1."""
    counts = {"handed": 0, "stored": 0}
    in_hands = []
    insert, flush = importing._BatchWriter._insert, importing._BatchWriter.flush

    def slow_insert(self, *args):  # type: ignore[no-untyped-def]
        time.sleep(0.01)  # the reader gets ahead, if it may
        insert(self, *args)
        counts["stored"] += 1

    def counted_flush(self):  # type: ignore[no-untyped-def]
        before = self.writing
        flush(self)
        if self.writing is not before:
            counts["handed"] += 1
        in_hands.append(counts["handed"] - counts["stored"])

    monkeypatch.setattr(importing._BatchWriter, "_insert", slow_insert)
    monkeypatch.setattr(importing._BatchWriter, "flush", counted_flush)
    report = import_with_batches(store, files, 2, monkeypatch)
    assert report.imported_count == 26
    assert max(in_hands) == 1 and counts["stored"] == counts["handed"] > 10
    assert writer_threads() == []


def test_rows_go_in_whole_statements_and_one_padded_statement_for_the_rest():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)")
    insert = importing._Insert(conn, "t", "id, a, b", 40)
    first = 1
    for count in [*range(0, 90), 200, 401]:
        rows = [(n, f"r{n}", n % 3 or None) for n in range(first, first + count)]
        insert(conn, [value for row in rows for value in row])
        assert conn.execute("SELECT * FROM t WHERE id >= ? ORDER BY id", (first,)).fetchall() == rows
        first += count
    # whole statements of 40 rows, the rest padded to 40, 20 or 10 (halving stops short of 8)
    assert sorted(insert.sql) == [10, 20, 40]


@pytest.mark.parametrize(
    ("where", "bad", "said"),
    [
        ("spans", "om\u0001ar", "annotator 'om\\x01ar' holds a control character (U+0001) at character 3"),
        ("relations", "pla\u0001ce", "role 'pla\\x01ce' holds a control character (U+0001) at character 4"),
        ("relations", "pla\u0085ce", "a relation has role 'pla\\x85ce'; roles must be printable"),
    ],
)
def test_names_checked_once_are_still_checked_when_they_change(store, tmp_path, monkeypatch, where, bad,
                                                                said):
    """Clean annotators and roles are remembered within an import; a new one is checked."""
    records = [article(n) for n in range(6)]
    records[5][where][1]["annotator" if where == "spans" else "role"] = bad  # type: ignore[index]
    path = write_jsonl(tmp_path / "a.jsonl", records)
    monkeypatch.setattr(importing._BatchWriter, "SIZE", 2)
    with pytest.raises(InputError) as caught:
        import_paths(store, [path])
    assert str(caught.value).startswith(f"{path}:6: {said}")
    assert store.document_count() == 0
