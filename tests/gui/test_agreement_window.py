"""The Agreement window: each pair's numbers per label, alpha, and the disagreements behind a cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from gui.agreement_window import AgreementWindow
from model.store import Store
from tests.model.test_agreement import worked_example


@pytest.fixture
def agreement_db(tmp_path: Path) -> str:
    path = tmp_path / "agreement.db"
    with Store(path) as store:
        worked_example(store)
    return str(path)


def _open_agreement(qtbot, window: QMainWindow) -> AgreementWindow:  # type: ignore[no-untyped-def]
    """Document → Agreement between analysts…, then wait for the numbers read in the worker."""
    action = next(a for a in window.findChildren(QAction) if a.text() == "Agr&eement between analysts…")
    action.trigger()
    shown = window.findChild(QWidget, "agreementWindow")
    assert isinstance(shown, AgreementWindow)
    qtbot.waitUntil(lambda: shown.report is not None, timeout=10000)
    return shown


def _cells(shown: AgreementWindow) -> list[tuple[str, ...]]:
    return [row.cells for row in shown.model.rows]


def test_the_window_shows_each_pair_per_label_and_alpha(qtbot, open_window, agreement_db):
    shown = _open_agreement(qtbot, open_window(agreement_db))
    assert not shown.isModal() and shown.isVisible()
    assert _cells(shown) == [
        ("amal / huda", "2", "ACTOR", "2", "2", "1.000", "1.000", "1.000"),
        ("amal / huda", "2", "EVENT", "2", "1", "0.667", "0.667", "0.600"),
        ("amal / huda", "2", "PLACE", "2", "2", "0.500", "1.000", "0.714"),
        ("amal / huda", "2", "all", "6", "5", "0.727", "0.909", "0.667"),
        ("amal / huda", "2", "links", "3", "2", "0.400", "", ""),
    ]
    text = shown.summary.text()
    assert "2 analysts (amal, huda)" in text and "alpha 0.684" in text


def test_choosing_a_cell_lists_its_disagreements(qtbot, open_window, agreement_db):
    shown = _open_agreement(qtbot, open_window(agreement_db))
    place_exact = shown.model.index(2, 5)
    with qtbot.waitSignal(shown.listed, timeout=10000):
        shown.table.clicked.emit(place_exact)
    rows = [tuple(shown.differences.data(shown.differences.index(r, c)) for c in range(7))
            for r in range(shown.differences.rowCount())]
    assert rows == [("d1", "huda", "amal", "PLACE", "11", "20", "موسكو أمس"),
                    ("d1", "amal", "huda", "PLACE", "11", "16", "موسكو")]
    assert shown.cell.text() == "amal / huda, PLACE, exact: 2 disagreements"
    links = shown.model.index(4, 5)
    with qtbot.waitSignal(shown.listed, timeout=10000):
        shown.table.clicked.emit(links)
    assert shown.differences.rowCount() == 3
    assert shown.differences.data(shown.differences.index(0, 6)) == "زار → موسكو"


def test_a_database_with_nothing_to_compare_says_so(qtbot, open_window, db_path):
    shown = _open_agreement(qtbot, open_window(db_path))
    assert shown.summary.text().startswith("Nothing to compare")
    assert shown.model.rowCount() == 0
