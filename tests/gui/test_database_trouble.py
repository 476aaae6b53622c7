"""No edit is lost when the database is locked, read-only or full; other programs' edits show up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui import create_main_window
from model.store import Store
from tests.gui.conftest import article, select_text, stored_spans


@pytest.fixture
def lock(db_path):  # type: ignore[no-untyped-def]
    """Another program (say, an import on the command line) holding the write lock."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_an_edit_on_a_locked_database_waits_unsaved_and_is_saved_when_the_lock_goes(
    window, db_path, lock, qtbot
):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    bar = window.unsaved_bar
    assert bar.isVisible()
    assert "Not saved yet: tag PLACE ‘موسكو’" in bar.text.text()
    assert "another program is writing" in bar.text.text()
    assert window.session.spans() == [] and view.spans() == []  # not drawn as saved
    assert window.session.undo_stack.count() == 0
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)  # a second edit queues behind the first
    assert "and 1 more edit" in bar.text.text()
    lock.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)  # retried by itself
    assert sorted(text for _, text, *_ in stored_spans(db_path)) == ["باكو", "موسكو"]
    assert len(view.spans()) == 2
    assert window.session.undo_stack.count() == 2
    assert window.statusBar().currentMessage() == "Saved: the database took the waiting edits."


def test_unsaved_edits_can_be_discarded(window, db_path, lock, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.mouseClick(window.unsaved_bar.discard, Qt.MouseButton.LeftButton)
    assert not window.unsaved_bar.isVisible()
    lock.execute("ROLLBACK")
    qtbot.wait(1200)
    assert stored_spans(db_path) == []


def test_a_read_only_database_says_so_and_keeps_the_edit_for_a_retry(window, db_path, qtbot):
    window.session.store.conn.execute("PRAGMA query_only = ON")  # how SQLite refuses a read-only file
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    bar = window.unsaved_bar
    assert bar.isVisible() and "read-only" in bar.text.text()
    assert "Retry once the problem is solved" in bar.text.text()
    window.session.store.conn.execute("PRAGMA query_only = OFF")
    qtbot.mouseClick(bar.retry, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert [text for _, text, *_ in stored_spans(db_path)] == ["موسكو"]


def test_a_full_disk_is_reported_as_disk_full(window, db_path, qtbot):
    conn = window.session.store.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    view = article(window)
    words = ("موسكو", "باكو", "استدعاء", "سفير", "الخارجية", "الروسية", "مذكرة", "احتجاج")
    for word in words:  # a page or two fill up quickly
        if window.unsaved_bar.isVisible():
            break
        select_text(view, word)
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.unsaved_bar.isVisible()
    assert "disk full" in window.unsaved_bar.text.text()
    assert "rollback" not in window.unsaved_bar.text.text()
    saved = len(stored_spans(db_path))
    assert len(view.spans()) == saved  # what is drawn is what is saved


def test_undo_on_a_locked_database_leaves_the_edit_and_the_stack_as_they_were(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.session.undo_stack.index() == 1, timeout=2000)
        assert "Could not undo" in window.statusBar().currentMessage()
        assert len(view.spans()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(db_path) == [] and view.spans() == []


def test_a_second_window_shows_spans_another_window_added(open_window, db_path, qtbot):
    first = open_window(db_path)
    second = open_window(db_path)
    words = ["موسكو", "باكو", "استدعاء"]
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow, timeout=3000)
    for word in words:
        select_text(article(first), word)
        qtbot.keyClick(article(first), Qt.Key.Key_3)
    second.activateWindow()  # coming back to it takes in the other window's edits at once
    qtbot.waitUntil(lambda: len(article(second).spans()) == 3, timeout=3000)
    assert second.span_panel.model().rowCount() == 3
    assert second.document_list.model().index(0, 2).data() == 3


def test_an_open_window_picks_up_a_command_line_import_by_itself(window, db_path, tmp_path, qtbot):
    with Store(db_path) as other:
        other.insert_document("cli", "خبر جديد من بيروت")
    model = window.document_list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=3000)


def test_opening_the_window_while_another_program_imports_does_not_crash(tmp_path: Path, qtbot):
    path = tmp_path / "busy.db"
    with Store(path):
        pass  # an empty database, not seeded yet
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        window = create_main_window(str(path))
        qtbot.addWidget(window)
        assert "Sample articles not added" in window.last_message
        assert "busy" in window.last_message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    window.close()
    window.session.store.close()
