"""View → Notes…, the open document's note bar, and the document list's note marks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from gui import note_dialog
from gui.messages import NOTE_MARK
from gui.notes_window import NotesWindow
from model.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier


def add_notes(path: str) -> dict[str, int]:
    """A note on the second sample article, and notes on two spans of the first (one with harakat)."""
    with Store(path) as store:
        first, second, _third = store.document_ids()
        text = store.document(first).text
        at = text.index("موسكو")
        moscow, _ = store.add_span(first, at, at + 5, "PLACE", "amal")
        at = text.index("باكو")
        baku, _ = store.add_span(first, at, at + 4, "PLACE", "amal")
        store.set_span_note(moscow.id, "العاصِمَة الروسيّة")
        store.set_span_note(baku.id, "Source: Reuters\nsecond line")
        store.set_document_note(second, "تاريخ الخبر غير مؤكد")
        return {"first": first, "second": second, "moscow": moscow.id, "baku": baku.id}


def open_notes(window: QMainWindow, qtbot) -> NotesWindow:  # type: ignore[no-untyped-def]
    action = next(a for a in window.registry.groups["View"] if a.text() == "&Notes…")
    action.trigger()
    notes = window.findChild(NotesWindow, "notesWindow")
    assert notes is not None
    qtbot.waitExposed(notes)
    return notes


def cells(notes: NotesWindow) -> list[tuple[str, ...]]:
    model = notes.model
    return [tuple(str(model.index(r, c).data()) for c in range(4)) for r in range(model.rowCount())]


def test_the_window_lists_every_note_and_filters_them_folded(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_notes(db_path)
    window = open_window(db_path)
    notes = open_notes(window, qtbot)
    rows = cells(notes)
    assert [(what, who) for _doc, what, who, _note in rows] == [
        ("PLACE ‘موسكو’", "amal"), ("PLACE ‘باكو’", "amal"), ("Document", ""),
    ]
    assert rows[1][3] == f"{NOTE_MARK} Source: Reuters second line"
    assert notes.count_label.text() == "3 notes"
    with qtbot.waitSignal(notes.refreshed, timeout=2000):
        notes.search.insert("العاصمه الروسية")  # as typed: no harakat, ه for ة; searched once typing pauses
    assert notes.model.search == "العاصمه الروسية"
    assert [r[1] for r in cells(notes)] == ["PLACE ‘موسكو’"]
    assert notes.count_label.text() == "1 note holding ‘العاصمه الروسية’"
    notes.set_search("reuters")
    assert [r[1] for r in cells(notes)] == ["PLACE ‘باكو’"]
    notes.set_search("no such thing")
    assert cells(notes) == []
    notes.set_search("")
    assert len(cells(notes)) == 3


def test_arabic_cells_are_right_aligned_and_latin_left(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_notes(db_path)
    notes = open_notes(open_window(db_path), qtbot)
    model = notes.model
    align = Qt.ItemDataRole.TextAlignmentRole
    assert int(model.index(0, 3).data(align)) & int(Qt.AlignmentFlag.AlignRight)  # an Arabic note
    assert int(model.index(1, 3).data(align)) & int(Qt.AlignmentFlag.AlignLeft)  # a Latin one
    tip = model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Source: Reuters<br>second line" in tip


def test_double_click_opens_the_document_at_the_span(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = add_notes(db_path)
    window = open_window(db_path)
    window.document_list.open_row(2)
    notes = open_notes(window, qtbot)
    view = notes.view
    index = notes.model.index(1, 3)  # Baku's note
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    session = window.session
    assert session.document is not None and session.document.id == ids["first"]
    start = session.document.text.index("باكو")
    assert window.article_view.selected_range() == (start, start + 4)
    notes.open_note(notes.model.rows[2])  # the document's own note: opens it
    assert session.document.id == ids["second"]


def test_the_window_follows_notes_written_and_undone(open_window, db_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add_notes(db_path)
    window = open_window(db_path)
    notes = open_notes(window, qtbot)
    window.document_list.open_row(2)
    monkeypatch.setattr(note_dialog, "ask_note", lambda what, current, parent=None: "ملاحظة جديدة")
    with qtbot.waitSignal(notes.refreshed, timeout=2000):
        window.ask_document_note()
    assert [r[3] for r in cells(notes)][-1] == f"{NOTE_MARK} ملاحظة جديدة"
    with qtbot.waitSignal(notes.refreshed, timeout=2000):
        window.session.undo_stack.undo()
    assert len(cells(notes)) == 3


def test_the_note_bar_shows_the_open_documents_note_and_hides_without_one(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bar = window.note_bar
    assert bar.isHidden()
    monkeypatch.setattr(note_dialog, "ask_note", lambda what, current, parent=None: "<b>مصدر</b>\nline two")
    window.ask_document_note()
    assert bar.isVisible()
    assert bar.shown_text() == f"{NOTE_MARK} <b>مصدر</b> line two"
    assert bar.text.textFormat() == Qt.TextFormat.PlainText
    assert bar.text.text().startswith(NOTE_MARK)
    assert "&lt;b&gt;مصدر&lt;/b&gt;<br>line two" in bar.toolTip()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Z, CTRL)  # undo
    assert bar.isHidden()
    window.session.undo_stack.redo()
    assert bar.isVisible()
    window.document_list.open_row(1)  # another document, without a note
    assert bar.isHidden()
    window.document_list.open_row(0)
    assert bar.isVisible()


def test_clicking_the_note_bar_edits_the_note(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(what: str, current: str, parent: object = None) -> str:
        asked.append(current)
        return "changed" if asked[1:] else "first"

    monkeypatch.setattr(note_dialog, "ask_note", ask)
    window.ask_document_note()
    qtbot.mouseClick(window.note_bar, Qt.MouseButton.LeftButton)
    assert asked == ["", "first"]
    assert window.session.document.note == "changed"
    assert window.note_bar.shown_text() == f"{NOTE_MARK} changed"


def test_the_document_list_marks_noted_documents(open_window, db_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = add_notes(db_path)
    with Store(db_path) as store:
        titles = {doc: store.document(doc).title for doc in store.document_ids()}
    window = open_window(db_path)
    model = window.document_list.list_model
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    row = model.row_of(ids["second"])
    assert model.index(row, 0).data(display) == f"{NOTE_MARK} {titles[ids['second']]}"
    assert "تاريخ الخبر غير مؤكد" in model.index(row, 0).data(tip)
    first = model.row_of(ids["first"])
    assert model.index(first, 0).data(display) == titles[ids["first"]]  # span notes only: no mark
    monkeypatch.setattr(note_dialog, "ask_note", lambda what, current, parent=None: "")
    window.session.open_document(ids["second"])
    window.ask_document_note()  # cleared
    assert model.index(row, 0).data(display) == titles[ids["second"]]
    window.session.undo_stack.undo()
    assert model.index(row, 0).data(display) == f"{NOTE_MARK} {titles[ids['second']]}"


def test_a_note_written_by_another_program_reaches_the_list_and_the_bar(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(db_path)
    session = window.session
    doc = session.document.id
    with Store(db_path) as other:
        other.set_document_note(doc, "من برنامج آخر")
    assert session.refresh()
    assert window.note_bar.isVisible() and "من برنامج آخر" in window.note_bar.shown_text()
    model = window.document_list.list_model
    assert model.index(model.row_of(doc), 0).data().startswith(NOTE_MARK)


def test_many_notes_are_read_a_page_at_a_time(open_window, db_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("gui.notes_window.PAGE", 2)
    add_notes(db_path)
    notes = open_notes(open_window(db_path), qtbot)
    model = notes.model
    assert model.rowCount() == 2 and model.canFetchMore()
    assert notes.count_label.text() == "More than 2 notes"
    model.fetchMore()
    assert model.rowCount() == 3
    assert [r[1] for r in cells(notes)] == ["PLACE ‘موسكو’", "PLACE ‘باكو’", "Document"]
    model.fetchMore()
    assert not model.canFetchMore() and notes.count_label.text() == "3 notes"


def test_an_empty_last_page_makes_the_count_exact(open_window, db_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("gui.notes_window.PAGE", 3)
    add_notes(db_path)
    notes = open_notes(open_window(db_path), qtbot)
    assert notes.count_label.text() == "More than 3 notes"
    notes.model.fetchMore()
    assert notes.model.rowCount() == 3 and notes.count_label.text() == "3 notes"
