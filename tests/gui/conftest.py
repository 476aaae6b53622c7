"""GUI fixtures: a real main window on a database holding the sample articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from gui import create_main_window
from gui.article_view import ArticleView
from model.store import Store
from model.textio import read_text_file
from tests.conftest import SAMPLES


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

    def _open(path: str) -> QMainWindow:
        window = create_main_window(path)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
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
