"""The document list over a big corpus: open it, jump to the last row, open a document far down,
scroll to the end and to the middle, filter by status and go to a document by id or title (before
the search index is built, a title is found by reading every title: the worst case; then again
with the index the window builds in the background).

Baseline, measured in the same run: a raw ``SELECT id FROM documents ORDER BY id`` of every id
(what a list that held every row would read at least). Target: each step within 50 ms.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler
from PySide6.QtTest import QTest

from bench.annotate import quiet_offscreen
from bench.corpus import sentences
from bench.report import median, row
from gui.app import ensure_application
from gui.document_list import DocumentList
from gui.session import Session
from model.records import STATUSES
from model.search import update_index
from model.store import Store, content_hash

DOCS = int(os.environ.get("HASHIYA_BENCH_DOCS", "100000"))
SPANS_PER_DOC = 10
TARGET_MS = 50.0
RUNS = 5


def build_db(path: Path, docs: int) -> None:
    """``docs`` articles of about 2 KB with ten spans each and mixed statuses."""
    rng = random.Random(7)
    pool = sentences()
    with Store(path) as store, store.transaction() as conn:
        rows = []
        for n in range(docs):
            text = f"خبر رقم {n}: " + "، ".join(rng.choice(pool) for _ in range(9)) + "."
            rows.append((f"bench-{n}", f"خبر رقم {n}", text, rng.choice(STATUSES), content_hash(text)))
        conn.executemany(
            "INSERT INTO documents (ext_id, title, text, status, content_hash) VALUES (?, ?, ?, ?, ?)", rows
        )
        conn.executemany(
            'INSERT INTO spans (doc_id, start, "end", label) VALUES (?, ?, ?, ?)',
            ((d, 20 * k, 20 * k + 5, "ACTOR") for d in range(1, docs + 1) for k in range(SPANS_PER_DOC)),
        )


def timed(step: Callable[[], object], after: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    step()
    after()
    return (time.perf_counter() - t0) * 1000


def report(name: str, times: list[float], base: float) -> None:
    ours = median(times)
    row(name, ours, base, f"target ≤ {TARGET_MS:.0f} ms", ours <= TARGET_MS)


def run() -> None:
    qInstallMessageHandler(quiet_offscreen)
    app = ensure_application()
    print(f"doclist: {DOCS:,} documents, {SPANS_PER_DOC} spans each (median of {RUNS})")
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)  # not the user's
        db = Path(tmp) / "bench.db"
        build_db(db, DOCS)

        raw = sqlite3.connect(db)
        base_times = []
        for _ in range(RUNS + 1):
            t0 = time.perf_counter()
            ids = [r[0] for r in raw.execute("SELECT id FROM documents ORDER BY id")]
            base_times.append((time.perf_counter() - t0) * 1000)
        base = median(base_times[1:])
        done = [r[0] for r in raw.execute("SELECT id FROM documents WHERE status = 'done' ORDER BY id")]
        raw.close()

        store = Store(db)
        session = Session(store, annotator="bench")
        docs: DocumentList | None = None

        def painted() -> None:
            assert docs is not None
            docs.viewport().repaint()
            app.processEvents()

        def open_list() -> None:
            nonlocal docs
            if docs is not None:
                docs.close()
                docs.deleteLater()
            docs = DocumentList(session)
            docs.resize(420, 900)
            docs.show()

        report("open the list", [timed(open_list, painted) for _ in range(RUNS)], base)
        assert docs is not None
        model = docs.list_model
        docs.open_row(0)
        docs.setFocus()

        def fresh() -> None:  # each jump starts from a list that has read only its first page
            model.reload()
            docs.open_row(0)
            app.processEvents()

        times = []
        for _ in range(RUNS):
            fresh()
            times.append(
                timed(
                    lambda: QTest.keyClick(docs, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier), painted
                )
            )
            assert session.document is not None and session.document.id == ids[-1], "Ctrl+End missed the end"
        report("Ctrl+End to the last row", times, base)

        times = []
        rng = random.Random(3)
        for _ in range(RUNS):
            fresh()
            target = ids[rng.randrange(len(ids) * 3 // 4, len(ids))]
            times.append(timed(lambda t=target: session.open_document(t), painted))  # type: ignore[misc]
            assert docs.currentIndex().row() == ids.index(target)
        report("open a document far down (select row)", times, base)

        times = []
        for _ in range(RUNS):
            fresh()
            bar = docs.verticalScrollBar()
            times.append(timed(lambda b=bar: b.setValue(b.maximum()), painted))  # type: ignore[misc]
        report("scroll the bar to the end", times, base)

        times = []
        for k in range(RUNS):
            fresh()
            bar = docs.verticalScrollBar()
            at = bar.maximum() * (3 + k) // 10
            times.append(timed(lambda b=bar, v=at: b.setValue(v), painted))  # type: ignore[misc]
        report("drag the bar to the middle", times, base)

        times = []
        for _ in range(RUNS):
            fresh()
            times.append(timed(lambda: model.set_filter("done", None), painted))
            assert model.rowCount() == len(done)
            model.set_filter(None, None)
        report("status filter (done)", times, base)

        times = []
        for n in rng.sample(range(DOCS), RUNS):
            times.append(timed(lambda n=n: docs.go_to(f"bench-{n}"), painted))  # type: ignore[misc]
        report("go to by external id", times, base)

        times = []
        for n in rng.sample(range(DOCS // 2, DOCS), RUNS):
            times.append(timed(lambda n=n: docs.go_to(f"خبر رقم {n}"), painted))  # type: ignore[misc]
        # only in the seconds after an import, before the background indexing ends: no target
        row("go to by title, before indexing (reads titles)", median(times), base)

        update_index(store)  # what the window does in the background after an import
        times = []
        for n in rng.sample(range(DOCS // 2, DOCS), RUNS):
            times.append(timed(lambda n=n: docs.go_to(f"خبر رقم {n}"), painted))  # type: ignore[misc]
        report("go to by title prefix, index built", times, base)
        held, total = model.cached_rows, model.rowCount()
        print(f"  rows held by the list: {held:,} of {total:,}; pages read {model.pages_read}")

        docs.close()
        store.close()


if __name__ == "__main__":
    run()
