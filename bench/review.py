"""Reviewing a big team corpus: agreement between three analysts over about a million spans, and
the corpus overview (every span of a label, a windowed table) on the same database.

- *agreement*: ``model.agreement.agreement(store)`` (pair F1, token kappa, alpha) in a fresh
  process, its time and peak memory. Baseline, in the same run and also in fresh processes (one
  before and one after; their mean is used): reading the same spans raw (``SELECT doc_id, start,
  "end", label, annotator FROM spans ORDER BY doc_id``) and tokenizing each text once
  (:func:`model.tokenize.tokenize`): the least any token-level agreement must do.
- *overview*: opening the window on the label with the most spans (build, show, first paint)
  against a raw ``SELECT`` of that label's first 100 spans joined to their documents (target
  ≤ 300 ms); then the scroll bar to the end and to the middle (each ≤ 50 ms, against the same
  baseline), and the rows the table holds afterwards, which must stay a few pages whatever the
  total.

``HASHIYA_BENCH_DOCS`` scales it (35,000 documents by default: ~2 KB each, ~10 spans from each of
three analysts, so ~1M spans).
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QWidget

from bench.annotate import quiet_offscreen
from bench.corpus import sentences
from bench.report import median, row
from gui.app import ensure_application
from gui.overview_window import OverviewWindow, show_overview
from gui.session import Session
from model.store import Store, content_hash

DOCS = int(os.environ.get("HASHIYA_BENCH_DOCS", "35000"))
ANALYSTS = ("amal", "basma", "karim")
SPANS_PER_ANALYST = 10
#: the labels, weighted: the overview opens on the first, which holds about half the spans
LABELS = (("ACTOR", 5), ("EVENT", 3), ("PLACE", 2))
OPEN_TARGET_MS = 300.0
SCROLL_TARGET_MS = 50.0
RUNS = 5


def build_db(path: Path, docs: int) -> int:
    """``docs`` articles of about 2 KB; each analyst tags ~10 whole words in each, mostly the same
    words as the others (some with another label, some shifted by a clitic, some of their own).
    Returns the number of spans."""
    rng = random.Random(7)
    pool = sentences()
    names = [name for name, _ in LABELS]
    weights = [weight for _, weight in LABELS]
    spans: list[tuple[int, int, int, str, str]] = []
    with Store(path) as store, store.transaction() as conn:
        rows = []
        for n in range(docs):
            text = f"خبر رقم {n}: " + "، ".join(rng.choice(pool) for _ in range(9)) + "."
            rows.append((f"review-{n}", f"خبر رقم {n}", text, "done", content_hash(text)))
            words, pos = [], 0
            for word in text.split(" "):
                if len(word) > 3:
                    words.append((pos, pos + len(word)))
                pos += len(word) + 1
            doc_id = n + 1
            shared = rng.sample(words, min(SPANS_PER_ANALYST + 3, len(words)))
            labels = rng.choices(names, weights, k=len(shared))
            for analyst in ANALYSTS:
                mine: set[tuple[int, int, str]] = set()
                for (start, end), label in zip(shared, labels, strict=True):
                    if len(mine) == SPANS_PER_ANALYST:
                        break
                    roll = rng.random()
                    if roll < 0.08:
                        continue  # missed this one
                    if roll < 0.14:
                        label = rng.choice(names)  # another label
                    elif roll < 0.20 and end - start > 3:
                        start += 1  # left a clitic out
                    mine.add((start, end, label))
                while len(mine) < SPANS_PER_ANALYST:  # their own
                    start, end = rng.choice(words)
                    mine.add((start, end, rng.choices(names, weights)[0]))
                spans += [(doc_id, start, end, label, analyst) for start, end, label in mine]
        conn.executemany(
            "INSERT INTO documents (ext_id, title, text, status, content_hash) VALUES (?, ?, ?, ?, ?)", rows
        )
        conn.executemany(
            'INSERT INTO spans (doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?)', spans
        )
    return len(spans)


CHILD = """
import sys, time
from model.store import Store
with Store(sys.argv[2]) as store:
    t0 = time.perf_counter()
    if sys.argv[1] == "agreement":
        from model.agreement import agreement
        report = agreement(store)
        found = f"alpha {report.alpha():.3f}, {report.documents} documents, {report.units} tokens"
    else:
        from model.tokenize import tokenize
        conn = store.conn
        rows = conn.execute('SELECT doc_id, start, "end", label, annotator FROM spans ORDER BY doc_id')
        spans = sum(1 for _ in rows)
        texts = conn.execute("SELECT text FROM documents ORDER BY id")
        tokens = sum(len(tokenize(text)) for (text,) in texts)
        found = f"{spans} spans, {tokens} tokens"
    ms = (time.perf_counter() - t0) * 1000
# VmHWM is this process's own peak; ru_maxrss would carry the parent's over fork and exec.
status = open("/proc/self/status").read()
print(found)
print(ms, int(status.split("VmHWM:")[1].split()[0]) / 1024)
"""


def child(what: str, db: Path) -> tuple[float, float, str]:
    """Time (ms) and peak resident memory (MB) of a fresh process doing ``what``, and what it found."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(db)], capture_output=True, text=True, check=True, cwd=root
    )
    found, figures = out.stdout.strip().splitlines()[-2:]
    ms, mb = figures.split()
    return float(ms), float(mb), found


def agreement_rows(db: Path) -> None:
    before_ms, before_mb, base_found = child("baseline", db)
    ours_ms, ours_mb, found = child("agreement", db)
    after_ms, after_mb, _ = child("baseline", db)
    base_ms, base_mb = (before_ms + after_ms) / 2, (before_mb + after_mb) / 2
    row("agreement (3 analysts, all labels)", ours_ms, base_ms)
    print(f"    {found}; baseline read {base_found}")
    print(f"  agreement peak RSS: {ours_mb:.0f} MB, baseline {base_mb:.0f} MB (×{ours_mb / base_mb:.2f})")


def quiet(kind: QtMsgType, context: object, message: str) -> None:
    """Also drop the offscreen platform's note that it cannot raise a window."""
    if "does not support raise()" not in message:
        quiet_offscreen(kind, context, message)


def timed(step: Callable[[], object], after: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    step()
    after()
    return (time.perf_counter() - t0) * 1000


def overview_rows(db: Path) -> None:
    app = ensure_application()
    label = LABELS[0][0]
    raw = sqlite3.connect(db)
    base_times = []
    for _ in range(RUNS + 1):
        t0 = time.perf_counter()
        raw.execute(
            'SELECT s.id, s.doc_id, s.start, s."end", s.annotator, '
            'substr(d.text, s.start + 1, s."end" - s.start), d.ext_id, d.title, d.status '
            "FROM spans s JOIN documents d ON d.id = s.doc_id "
            "WHERE s.label = ? ORDER BY s.id LIMIT 100",
            (label,),
        ).fetchall()
        base_times.append((time.perf_counter() - t0) * 1000)
    base = median(base_times[1:])
    total = raw.execute("SELECT count(*) FROM spans WHERE label = ?", (label,)).fetchone()[0]
    raw.close()

    store = Store(db)
    session = Session(store, annotator="bench")
    parent: QWidget | None = None
    window: OverviewWindow | None = None

    def painted() -> None:
        assert window is not None
        window.spans_view.viewport().repaint()
        app.processEvents()

    def open_window() -> None:
        nonlocal parent, window
        if parent is not None:
            parent.close()
            parent.deleteLater()
            app.processEvents()
        parent = QWidget()  # a fresh parent: show_overview makes a new window
        window = show_overview(session, lambda _span: None, parent, label)
        window.tabs.setCurrentIndex(0)

    times = [timed(open_window, painted) for _ in range(RUNS)]
    print(f"overview: {total:,} {label} spans")
    ours = median(times)
    row("open the overview (first paint)", ours, base, f"target ≤ {OPEN_TARGET_MS:.0f} ms",
        ours <= OPEN_TARGET_MS)
    assert window is not None
    model = window.span_model
    assert model.rowCount() == total, (model.rowCount(), total)

    def fresh() -> None:  # each scroll starts from a table that has read only its first page
        model.reload()
        window.spans_view.scrollToTop()
        painted()

    times = []
    for _ in range(RUNS):
        fresh()
        bar = window.spans_view.verticalScrollBar()
        times.append(timed(lambda b=bar: b.setValue(b.maximum()), painted))  # type: ignore[misc]
        assert model.span_row(total - 1) is not None
    ours = median(times)
    row("scroll the bar to the end", ours, base, f"target ≤ {SCROLL_TARGET_MS:.0f} ms",
        ours <= SCROLL_TARGET_MS)

    times = []
    for k in range(RUNS):
        fresh()
        bar = window.spans_view.verticalScrollBar()
        at = bar.maximum() * (3 + k) // 10
        times.append(timed(lambda b=bar, v=at: b.setValue(v), painted))  # type: ignore[misc]
    ours = median(times)
    row("drag the bar to the middle", ours, base, f"target ≤ {SCROLL_TARGET_MS:.0f} ms",
        ours <= SCROLL_TARGET_MS)
    held, total = model.rows_held, model.rowCount()
    print(f"  rows held by the table: {held:,} of {total:,}; pages read {model.pages_read}")

    assert parent is not None
    parent.close()
    store.close()


def run() -> None:
    qInstallMessageHandler(quiet)
    ensure_application()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)  # not the user's
        db = Path(tmp) / "review.db"
        t0 = time.perf_counter()
        spans = build_db(db, DOCS)
        built = time.perf_counter() - t0
        print(f"review: {DOCS:,} documents, {spans:,} spans from {len(ANALYSTS)} analysts "
              f"(built in {built:.1f} s)")
        agreement_rows(db)
        overview_rows(db)


if __name__ == "__main__":
    run()
