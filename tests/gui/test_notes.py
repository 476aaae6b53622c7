"""Notes on a span and on a document (issue 11), written through the window's actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui import note_dialog
from gui.span_panel import NOTE_MARK
from model.store import Store
from tests.gui.conftest import article, select_text

CTRL = Qt.KeyboardModifier.ControlModifier


def action(window, group: str, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.registry.groups[group] if a.text() == text)


def test_a_span_note_shows_in_the_panel_and_ctrl_z_undoes_it(window, db_path, qtbot, monkeypatch):
    view = article(window)
    start, _ = select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    asked = []
    def ask(what: str, current: str, parent: object = None) -> str:
        asked.append((what, current))
        return "<b>عاصمة</b>"

    monkeypatch.setattr(note_dialog, "ask_note", ask)
    view.select_range(start + 1, start + 1)
    action(window, "Edit", "&Note on span…").trigger()
    assert asked == [("Note on PLACE ‘موسكو’:", "")]
    model = window.span_panel.span_model
    [row] = [r for r, s in enumerate(model.rows) if s.label == "PLACE"]
    assert model.index(row, 2).data() == NOTE_MARK
    assert "Note: &lt;b&gt;عاصمة&lt;/b&gt;" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    with Store(db_path) as fresh:
        doc = window.session.document.id
        assert list(fresh.span_notes(doc).values()) == ["<b>عاصمة</b>"]
    assert window.undo_action.text() == "Undo note on span"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert model.index(row, 2).data() == ""
    assert "Note:" not in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    with Store(db_path) as fresh:
        assert fresh.span_notes(doc) == {}
        assert len(fresh.spans(doc)) == 1  # only the note was undone


def test_a_note_with_no_span_at_the_caret_says_so(window, qtbot, monkeypatch):
    monkeypatch.setattr(note_dialog, "ask_note", lambda *args: pytest_fail())
    view = article(window)
    view.select_range(0, 0)
    action(window, "Edit", "&Note on span…").trigger()
    assert window.statusBar().currentMessage() == "No span at the caret."


def pytest_fail() -> None:
    raise AssertionError("the dialog should not open")


def test_a_document_note_is_stored_and_undone(window, db_path, qtbot, monkeypatch):
    monkeypatch.setattr(note_dialog, "ask_note", lambda what, current, parent=None: "check the date")
    action(window, "Document", "N&ote on document…").trigger()
    doc = window.session.document.id
    assert window.session.document.note == "check the date"
    with Store(db_path) as fresh:
        assert fresh.document_note(doc) == "check the date"
    window.session.undo_stack.undo()
    assert window.session.document.note == ""
    with Store(db_path) as fresh:
        assert fresh.document_note(doc) == ""


def test_a_note_with_a_control_character_is_refused_with_a_message(window, qtbot, monkeypatch):
    monkeypatch.setattr(note_dialog, "ask_note", lambda what, current, parent=None: "bad\x07")
    action(window, "Document", "N&ote on document…").trigger()
    assert "control character" in window.statusBar().currentMessage()
    assert window.session.document.note == ""
    assert window.session.undo_stack.count() == 0


def test_the_note_dialog_shows_markup_as_text_and_returns_the_note(qtbot):
    dialog = note_dialog.NoteDialog("Note on <b>x</b>:", "old", None)
    qtbot.addWidget(dialog)
    [label] = dialog.findChildren(QLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.editor.toPlainText() == "old"
    dialog.editor.setPlainText("  new note\n")
    assert dialog.note() == "new note"
