"""The Statistics window: four charts of the corpus, each savable, refreshed on demand."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from gui.statistics_window import StatisticsWindow
from model.agreement import agreement
from model.statistics import corpus_statistics
from model.store import Store
from tests.gui.pixels import Shot, is_ink

AZ = ("أذربيجان", "اذربيجان", "آذربيجان")
TEXTS = [
    f"زار الرئيس {AZ[0]} ثم التقى الوزير في موسكو",
    f"قال الرئيس إن {AZ[1]} و{AZ[2]} هي {AZ[0]} نفسها",
    "خبر بلا وسوم",
]


def _span(conn, doc: int, text: str, needle: str, label: str, who: str, created: str) -> None:
    start = text.index(needle)
    conn.execute(
        'INSERT INTO spans (doc_id, start, "end", label, annotator, created) VALUES (?, ?, ?, ?, ?, ?)',
        (doc, start, start + len(needle), label, who, created),
    )


@pytest.fixture
def stats_db(tmp_path: Path) -> str:
    """Two analysts' spans over three days; one document done, one new."""
    path = tmp_path / "stats.db"
    with Store(path) as store:
        ids = [store.insert_document(f"d{n}", text) for n, text in enumerate(TEXTS)]
        a, b = ids[0], ids[1]
        assert a is not None and b is not None
        with store.transaction() as conn:
            _span(conn, a, TEXTS[0], AZ[0], "PLACE", "amal", "2026-03-01T09:00:00Z")
            _span(conn, a, TEXTS[0], "الرئيس", "ACTOR", "amal", "2026-03-01T09:01:00Z")
            _span(conn, a, TEXTS[0], "زار", "EVENT", "amal", "2026-03-02T09:02:00Z")
            _span(conn, a, TEXTS[0], "موسكو", "PLACE", "huda", "2026-03-02T10:00:00Z")
            _span(conn, b, TEXTS[1], AZ[1], "PLACE", "huda", "2026-03-03T10:00:00Z")
            _span(conn, b, TEXTS[1], AZ[2], "PLACE", "huda", "2026-03-03T10:05:00Z")
            _span(conn, b, TEXTS[1], AZ[0], "PLACE", "huda", "2026-03-03T10:06:00Z")
            conn.execute("UPDATE documents SET status = 'done' WHERE id = ?", (a,))
            conn.execute("UPDATE documents SET status = 'in_progress' WHERE id = ?", (b,))
    return str(path)


def _open_statistics(qtbot, window: QMainWindow) -> StatisticsWindow:  # type: ignore[no-untyped-def]
    """View → Statistics…, then wait for the numbers read in the worker."""
    action = next(a for a in window.findChildren(QAction) if a.text() == "S&tatistics…")
    action.trigger()
    stats = window.findChild(QWidget, "statisticsWindow")
    assert isinstance(stats, StatisticsWindow)
    qtbot.waitUntil(lambda: stats.stats is not None, timeout=10000)
    qtbot.waitExposed(stats)
    return stats


def _heights(bars) -> list[float]:  # type: ignore[no-untyped-def]
    return [float(h) for h in bars.opts["height"]]


def _ticks(axis) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for _value, text in axis._tickLevels[0]]


def test_the_window_opens_from_the_view_menu_with_six_charts_of_the_corpus(qtbot, open_window, stats_db):
    window = open_window(stats_db)
    stats = _open_statistics(qtbot, window)
    assert not stats.isModal() and stats.isVisible()
    assert [p.name for p in stats.panels] == [
        "statusChart", "labelChart", "analystChart", "agreementChart", "progressChart", "namesChart"
    ]
    assert stats.summary.text() == "3 documents, 7 spans, 2 analysts"
    # documents by status
    assert _ticks(stats.status_plot.getAxis("bottom")) == ["new", "in progress", "done", "skipped"]
    assert _heights(stats.status_bars) == [1, 1, 1, 0]
    # spans per label, each bar in its label's colour
    assert _ticks(stats.label_plot.getAxis("bottom")) == ["ACTOR (فاعل)", "EVENT (حدث)", "PLACE (مكان)"]
    assert _heights(stats.label_bars) == [1, 1, 5]
    colors = [brush.color().name() for brush in stats.label_bars.opts["brushes"]]
    assert colors == [label.color for label in window.session.store.labels()]
    # documents per analyst, and the analysts' agreement per label as the model computes it
    store = window.session.store
    by_analyst = corpus_statistics(store)["by_analyst"]
    assert _ticks(stats.analyst_plot.getAxis("bottom")) == list(by_analyst)
    assert _heights(stats.analyst_bars) == [d["documents"] for d in by_analyst.values()]
    report = agreement(store)
    shared = [label for label in store.label_names() if report.alpha(label) is not None]
    assert shared  # amal and huda share documents
    assert _ticks(stats.agreement_plot.getAxis("bottom")) == shared
    assert [round(float(h), 9) for h in stats.agreement_bars.opts["height"]] == [
        round(float(report.alpha(label) or 0), 9) for label in shared
    ]
    # a line per analyst, spans per day (0 on a day without spans)
    assert sorted(stats.progress_curves) == ["amal", "huda"]
    assert list(stats.progress_curves["amal"].getData()[1]) == [2, 1, 0]
    assert list(stats.progress_curves["huda"].getData()[1]) == [0, 1, 3]
    # top names: three spellings of Azerbaijan count as one, shown in the most frequent
    places = stats.name_bars["PLACE"]
    assert [float(w) for w in places.opts["width"]] == [4, 1]
    assert _ticks(stats.names_plots["PLACE"].getAxis("right")) == [AZ[0], "موسكو"]
    assert _ticks(stats.names_plots["ACTOR"].getAxis("right")) == ["الرئيس"]
    # asked for again: the same window, read again
    stats.hide()
    with qtbot.waitSignal(stats.loaded, timeout=10000):
        assert _open_statistics(qtbot, window) is stats
    assert stats.isVisible()
    assert len(window.findChildren(StatisticsWindow)) == 1


def test_each_chart_saves_as_png_and_svg(qtbot, open_window, stats_db, tmp_path, monkeypatch):
    stats = _open_statistics(qtbot, open_window(stats_db))
    for panel in stats.panels:
        for suffix, chosen in (("png", "PNG image (*.png)"), ("svg", "SVG drawing (*.svg)")):
            target = tmp_path / f"{panel.name}-{suffix}"  # no suffix: the chosen filter's is added
            monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target, c=chosen: (str(t), c))
            panel.save_button.click()
            written = Path(f"{target}.{suffix}")
            assert written.exists(), written
            head = written.read_bytes()[:400]
            if suffix == "png":
                assert head.startswith(b"\x89PNG")
            else:
                assert b"<svg" in head
    names_svg = (tmp_path / "namesChart-svg.svg").read_text(encoding="utf-8")
    assert AZ[0] in names_svg  # the names as text, not reshaped presentation forms
    assert "\ufe8d" not in names_svg


def test_refresh_picks_up_a_new_span(qtbot, open_window, stats_db):
    window = open_window(stats_db)
    stats = _open_statistics(qtbot, window)
    with Store(stats_db) as other:
        doc = other.document_ids()[2]
        text = other.document(doc).text
        start = text.index("خبر")
        other.add_span(doc, start, start + 3, "EVENT", "sara")
    with qtbot.waitSignal(stats.loaded, timeout=10000):
        stats.refresh_button.click()
    assert _heights(stats.label_bars) == [1, 2, 5]
    assert sorted(stats.progress_curves) == ["amal", "huda", "sara"]
    assert stats.summary.text() == "3 documents, 8 spans, 3 analysts"


def test_the_arabic_names_chart_draws_its_names_beside_the_bars(qtbot, open_window, stats_db):
    stats = _open_statistics(qtbot, open_window(stats_db))
    plot = stats.names_plots["PLACE"]
    axis = plot.getAxis("right")
    view = stats.names_chart
    shot = Shot(view)
    rect = axis.mapRectToScene(axis.boundingRect())
    area = view.mapFromScene(rect).boundingRect()
    ink = shot.box(QRect(area), is_ink)
    assert ink is not None, "no text drawn where the names go"
    assert ink.width() > 30 and ink.height() > 8
    # the bars grow leftwards from the names: the longest bar's right edge meets the axis
    bars_area = view.mapFromScene(plot.vb.mapRectToScene(plot.vb.boundingRect())).boundingRect()
    tinted = shot.box(QRect(bars_area), lambda p: p[1] > p[0] + 40 and p[1] > p[2] + 40)  # PLACE green
    assert tinted is not None
    assert tinted.right() >= bars_area.right() - 3  # the bars start at the names, on the right
    assert tinted.left() < bars_area.center().x()  # and the longest grows leftwards across the plot
    assert ink.left() >= tinted.right() - 3  # the names stand right of their bars


def test_a_failed_read_says_why_and_keeps_the_window(qtbot, open_window, stats_db, monkeypatch):
    def broken(_store):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database is locked")

    stats = _open_statistics(qtbot, open_window(stats_db))
    monkeypatch.setattr("gui.statistics_window.corpus_statistics", broken)
    with qtbot.waitSignal(stats.failed, timeout=10000):
        stats.refresh_button.click()
    assert stats.summary.text().startswith("Cannot read the statistics: ")
    assert "busy" in stats.summary.text()  # the store's one-line message
    assert stats.refresh_button.isEnabled()
    assert _heights(stats.label_bars) == [1, 1, 5]  # the last numbers stay on the charts


def test_opening_the_app_does_not_load_pyqtgraph():
    code = (
        "import sys; import gui.main_window, gui.app; "
        "print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "False"]


def test_a_name_with_markup_is_shown_as_typed_in_the_legend(qtbot, open_window, stats_db):
    with Store(stats_db) as other:
        doc = other.document_ids()[2]
        start = other.document(doc).text.index("خبر")
        other.add_span(doc, start, start + 3, "EVENT", "<b>sara</b>")
    window = open_window(stats_db)
    stats = _open_statistics(qtbot, window)
    [label] = [text for _sample, text in stats.legend.items if "sara" in text.text]
    assert label.text == "&lt;b&gt;sara&lt;/b&gt;"  # pyqtgraph's legend reads HTML: escaped, not bold
