"""GUI fixtures: a real main window on a database holding the sample articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from gui import create_main_window
from gui.article_view import ArticleView
from gui.i18n import install_language, remember_language
from model.store import Store
from model.textio import read_text_file
from tests.conftest import SAMPLES


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> Iterator[Path]:
    """Each test reads and writes its own QSettings, never the user's; the interface speaks
    English whatever the machine's locale (a test of another language chooses it)."""
    folder = tmp_path / "settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    remember_language("en")
    if QApplication.instance() is not None:
        install_language("en")
    yield folder


@pytest.fixture(autouse=True)
def prompt_catch_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window waits a moment after opening before indexing what is unindexed; tests that open
    many windows need not wait that moment each time."""
    monkeypatch.setattr("gui.transfer.CATCH_UP_AFTER_MS", 0)


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A database with the three sample articles, in file order."""
    path = tmp_path / "corpus.db"
    with Store(path) as store:
        for sample in sorted(SAMPLES.glob("*.txt")):
            store.insert_document(sample.stem, read_text_file(sample))
    return str(path)


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[str], QMainWindow]]:  # type: ignore[no-untyped-def]
    windows: list[QMainWindow] = []

    def _open(path: str, ask_name: bool = False) -> QMainWindow:
        window = create_main_window(path, ask_name)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # shortcuts go to the active window
        # documents stored without the import are indexed in the background at open: let that end
        transfers = window.transfers
        qtbot.waitUntil(
            lambda: not transfers.opening_catch_up.isActive() and transfers.indexing is None, timeout=10000
        )
        windows.append(window)
        return window

    yield _open
    for window in windows:
        window.close()
        window.session.store.close()


@pytest.fixture
def window(open_window, db_path):  # type: ignore[no-untyped-def]
    return open_window(db_path)


def article(window: QMainWindow) -> ArticleView:
    view = window.findChild(ArticleView, "articleView")
    assert view is not None
    return view


def select_text(view: ArticleView, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Select the n-th occurrence of ``needle`` (code-point offsets) in the view."""
    start = -1
    for _ in range(occurrence + 1):
        start = view.text.index(needle, start + 1)
    view.select_range(start, start + len(needle))
    return start, start + len(needle)


def stored_spans(path: str) -> list[tuple[str, str, int, int]]:
    """(label, text, start, end) of every span, read through a fresh connection."""
    with Store(path) as store:
        out = []
        for doc_id in store.document_ids():
            text = store.document(doc_id).text
            out += [(s.label, text[s.start : s.end], s.start, s.end) for s in store.spans(doc_id)]
        return out


def when_dialog(kind: type, act: Callable[[Any], object], tries: int = 300) -> None:
    """Call ``act(dialog)`` once a modal dialog of ``kind`` is shown (for code that calls exec())."""

    def check(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif left:
            QTimer.singleShot(10, lambda: check(left - 1))

    QTimer.singleShot(0, lambda: check(tries))
