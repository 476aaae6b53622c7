"""Open, paint and tag a 200k-character article holding 10k spans; then the same article with
2,000 links drawn in the text as arcs (links shown, arcs on screen all along).

Baselines, measured in the same run: a bare QTextEdit given the same text (open and paint),
and for one tag a raw sqlite3 INSERT + COMMIT with the same pragmas plus a bare repaint.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QTextEdit

from bench.report import median, peak_rss_mb, percentile, row
from gui.app import create_main_window, ensure_application
from gui.fonts import article_font
from model.arabic import is_word_char
from model.paths import SAMPLES
from model.store import Store
from model.textio import read_text_file

CHARS = 200_000
SPANS = 10_000
TAGS = 300
LINKS = 2_000


def make_article() -> str:
    seed = (
        read_text_file(SAMPLES / "000-seed.txt") + "\n\n" + read_text_file(SAMPLES / "001-mixed-script.txt")
    )
    text = "\n\n".join([seed] * (CHARS // len(seed) + 1))
    return text[:CHARS]


def words(text: str) -> list[tuple[int, int]]:
    out, i, n = [], 0, len(text)
    while i < n:
        if is_word_char(text[i]):
            j = i
            while j < n and is_word_char(text[j]):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def build_db(path: Path, text: str) -> list[tuple[int, int]]:
    """The article with SPANS spans (some nested); returns the words left untagged."""
    spans = words(text)
    rng = random.Random(7)
    rng.shuffle(spans)
    tagged, free = spans[:SPANS], spans[SPANS:]
    with Store(path) as store:
        doc_id = store.insert_document("bench", text, title="bench article")
        rows = [
            (doc_id, a, b, ("ACTOR", "EVENT", "PLACE")[k % 3], "bench") for k, (a, b) in enumerate(tagged)
        ]
        with store.transaction() as conn:
            conn.executemany(
                'INSERT INTO spans (doc_id, start, "end", label, annotator) VALUES (?,?,?,?,?)', rows
            )
    return free


def add_links(path: Path, count: int = LINKS) -> int:
    """Link ``count`` events to nearby actors and places (a few reach a line or more away)."""
    with Store(path) as store:
        doc_id = int(store.conn.execute("SELECT id FROM documents").fetchone()[0])
        spans = sorted(store.spans(doc_id), key=lambda s: s.start)
        rows: list[tuple[int, int, int, str, str]] = []
        seen: set[tuple[int, int, str]] = set()
        rng = random.Random(11)
        events = [i for i, s in enumerate(spans) if s.label == "EVENT"]
        rng.shuffle(events)
        for i in events:
            if len(rows) >= count:
                break
            event = spans[i]
            for j in (i + 1, i - 1, i + 2, i + rng.choice((3, -3, 6, 12))):
                if len(rows) >= count or not 0 <= j < len(spans) or spans[j].label == "EVENT":
                    continue
                argument = spans[j]
                role = "place" if argument.label == "PLACE" else rng.choice(("source", "target"))
                if (event.id, argument.id, role) not in seen:
                    seen.add((event.id, argument.id, role))
                    rows.append((doc_id, event.id, argument.id, role, "bench"))
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO relations (doc_id, event_id, argument_id, role, annotator) VALUES (?,?,?,?,?)",
                rows,
            )
    return len(rows)


def bare_view(text: str) -> QTextEdit:
    """A plain QTextEdit shown with ``text`` in the article font: what a repaint costs at least."""
    bare = QTextEdit()
    bare.setFont(article_font())
    bare.resize(1000, 800)
    bare.setPlainText(text)
    bare.show()
    ensure_application().processEvents()
    return bare


def tag_words(window: QMainWindow, ranges: list[tuple[int, int]]) -> list[float]:
    """Tag each range with key 2 in the shown window: milliseconds from the key press to the span
    committed and drawn. Each range is selected (and scrolled into view) first, as a user would."""
    app = ensure_application()
    window.resize(1280, 820)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)  # label keys are the window's shortcuts
    app.processEvents()
    view = window.article_view
    times = []
    for start, end in ranges:
        view.select_range(start, end)
        app.processEvents()
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_2)
        view.viewport().repaint()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def quiet_offscreen(kind: QtMsgType, _context: object, message: str) -> None:
    """Drop the offscreen platform's note about size hints; print everything else."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def open_and_tag(
    db: Path, free: list[tuple[int, int]], rng: random.Random
) -> tuple[list[float], list[float], int]:
    """Open the window on ``db`` three times (ms each), then tag TAGS words (ms each); and how
    many arcs the last paint drew."""
    app = ensure_application()
    ours_open = []
    for _ in range(3):
        t0 = time.perf_counter()
        window = create_main_window(str(db))
        window.resize(1280, 820)
        window.show()
        window.article_view.viewport().repaint()
        app.processEvents()
        ours_open.append((time.perf_counter() - t0) * 1000)
        window.close()
        window.session.store.close()

    window = create_main_window(str(db))
    ours_tag = tag_words(window, rng.sample(free, TAGS))
    assert len(window.article_view.spans()) == SPANS + TAGS, "every tag must land"
    drawn = window.article_view.arcs.drawn
    window.close()
    window.session.store.close()
    return ours_open, ours_tag, drawn


def report(
    ours_open: list[float], base_open: list[float], ours_tag: list[float], base_tag: list[float]
) -> None:
    open_ms, base_open_ms = median(ours_open), median(base_open)
    row("open + first paint (median of 3)", open_ms, base_open_ms, "target ≤ 300 ms", open_ms <= 300)
    med, p99 = median(ours_tag), percentile(ours_tag, 99)
    row("tag: key press → committed + drawn, median", med, median(base_tag), "target ≤ 16 ms", med <= 16)
    row("tag: key press → committed + drawn, p99", p99, percentile(base_tag, 99), "target ≤ 50 ms", p99 <= 50)


def run() -> None:
    qInstallMessageHandler(quiet_offscreen)
    app = ensure_application()
    text = make_article()
    print(f"annotate: one article of {len(text):,} characters with {SPANS:,} spans; {TAGS} tags")
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)  # not the user's
        QSettings().setValue("view/links", "true")
        db = Path(tmp) / "bench.db"
        free = build_db(db, text)

        # Baseline: a bare QTextEdit shown and painted with the same text and font.
        base_open = []
        for _ in range(3):
            t0 = time.perf_counter()
            bare = QTextEdit()
            bare.setFont(article_font())
            bare.resize(1000, 800)
            bare.setPlainText(text)
            bare.show()
            bare.viewport().repaint()
            app.processEvents()
            base_open.append((time.perf_counter() - t0) * 1000)
            bare.close()

        rng = random.Random(3)
        ours_open, ours_tag, _drawn = open_and_tag(db, free, rng)

        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        bare = bare_view(text)
        conn.execute(
            'CREATE TABLE base_spans (id INTEGER PRIMARY KEY, doc_id, start, "end", label, annotator)'
        )
        base_tag = []
        for start, end in rng.sample(free, TAGS):
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                'INSERT INTO base_spans (doc_id, start, "end", label, annotator) VALUES (1, ?, ?, ?, ?)',
                (start, end, "EVENT", "baseline"),
            )
            conn.execute("COMMIT")
            bare.viewport().repaint()
            base_tag.append((time.perf_counter() - t0) * 1000)
        conn.close()
        bare.close()
        report(ours_open, base_open, ours_tag, base_tag)

        # The same article with LINKS links, drawn as arcs (links shown), the tags' words new again.
        linked_db = Path(tmp) / "linked.db"
        free = build_db(linked_db, text)
        links = add_links(linked_db)
        print(f"annotate, links drawn: the same article with {links:,} links shown as arcs; {TAGS} tags")
        ours_open, ours_tag, drawn = open_and_tag(linked_db, free, random.Random(3))
        assert drawn > 0, "arcs must be on screen"
        report(ours_open, base_open, ours_tag, base_tag)
        print(f"  arcs on screen at the last tag            {drawn:6d}")
    print(f"  peak memory (max RSS of this process)   {peak_rss_mb():9.1f} MB")
