"""What an analyst meets in the first hour, driven through the real window and read back through a
fresh database connection."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gui.find_bar import TagAllDialog
from gui.transfer_dialogs import LabelMappingDialog
from model.arabic import find_all
from model.store import Store
from tests.gui.conftest import article, select_text, stored_spans, when_dialog

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def reactivate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The offscreen platform has no window manager to give the window back after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


# ---- label keys --------------------------------------------------------------------------


def test_label_key_with_the_caret_on_a_span_relabels_it_in_one_step(window, db_path, qtbot):
    view = article(window)
    start, _ = select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2)
    view.select_range(start + 2, start + 2)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("ACTOR", "استدعاء")]
    assert window.undo_action.text() == "Undo relabel ‘استدعاء’ as ACTOR"
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert window.statusBar().currentMessage() == "‘استدعاء’ is already an ACTOR."
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [label for label, *_ in stored_spans(db_path)] == ["EVENT"]


def test_label_key_with_the_caret_off_any_span_asks_for_a_selection(window, db_path, qtbot):
    view = article(window)
    start = view.text.index("موسكو")
    view.select_range(start + 1, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored_spans(db_path) == []
    assert window.statusBar().currentMessage() == "Select some text first, then press a label key."


def test_tagging_a_span_s_exact_text_with_another_label_relabels_it_in_one_step(window, db_path, qtbot):
    view = article(window)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("ACTOR", "استدعاء")]
    assert window.undo_action.text() == "Undo relabel ‘استدعاء’ as ACTOR"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for label, *_ in stored_spans(db_path)] == ["EVENT"]


def test_shift_and_a_label_key_adds_a_second_label_on_the_same_text(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(label for label, *_ in stored_spans(db_path)) == ["ACTOR", "PLACE"]


def test_the_same_label_twice_is_refused_naming_the_text(window, db_path, qtbot):
    view = article(window)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ShiftModifier)
    assert len(stored_spans(db_path)) == 1
    assert window.statusBar().currentMessage() == "‘استدعاء’ is already an EVENT."


# ---- undo ----------------------------------------------------------------------------------


def test_a_refused_edit_leaves_nothing_on_the_undo_stack(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [span] = window.session.spans()
    with Store(db_path) as other:  # another process removed it meanwhile
        other.remove_span(span.id)
    stack = window.session.undo_stack
    assert stack.count() == 1
    window.session.relabel(span, "ACTOR")
    assert stack.count() == 1
    assert window.undo_action.text() == "Undo tag PLACE ‘موسكو’"
    assert "no span" in window.statusBar().currentMessage()


def test_ctrl_z_in_the_find_field_undoes_tag_all_not_the_typing(window, db_path, qtbot):
    qtbot.keyClick(article(window), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.find_bar.field
    field.insert("باكو")  # typed: QLineEdit keeps it in its own undo history
    when_dialog(TagAllDialog, lambda dialog: dialog.accept())
    window.find_bar.tag_all_as("PLACE")
    tagged = len(stored_spans(db_path))
    assert tagged >= 3
    reactivate(qtbot, window)
    assert field.hasFocus()  # back in the field once the preview closes
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(db_path) == []
    assert field.text() == "باكو"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(stored_spans(db_path)) == tagged


def test_ctrl_z_undoes_the_last_edit_from_the_document_list_and_span_panel(window, db_path, qtbot):
    view = article(window)
    for word in ("موسكو", "باكو"):
        select_text(view, word)
        qtbot.keyClick(view, Qt.Key.Key_3)
    window.span_panel.setFocus()
    qtbot.keyClick(window.span_panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.document_list.setFocus()
    qtbot.keyClick(window.document_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(db_path) == []


# ---- tag all -------------------------------------------------------------------------------


def _find(window, qtbot, query: str) -> None:  # type: ignore[no-untyped-def]
    window.find_bar.open_bar()
    window.find_bar.field.setText(query)


def test_tag_all_matches_whole_words_not_letters_inside_longer_words(window, db_path, qtbot):
    view = article(window)
    _find(window, qtbot, "اذربيجان")
    words = [view.text[a:b] for a, b in window.find_bar.matches]
    assert len(words) == 5 and set(words) <= {"أذربيجان", "اذربيجان", "آذربيجان"}  # 23 inside words
    window.find_bar.after_clitics.setChecked(True)
    assert len(window.find_bar.matches) == 7  # and وأذربيجان, لأذربيجان
    window.find_bar.after_clitics.setChecked(False)
    previews: list[list[str]] = []

    def accept(dialog: TagAllDialog) -> None:
        previews.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.accept()

    when_dialog(TagAllDialog, accept)
    window.find_bar.tag_all_as("PLACE")
    [preview] = previews
    assert len(preview) == len(words) and all("⟦" in line for line in preview)
    stored = [text for _, text, *_ in stored_spans(db_path)]
    assert sorted(stored) == sorted(words)
    assert not any("الأذربيجانية" in line.split("⟦")[1].split("⟧")[0] for line in preview)
    assert window.undo_action.text().startswith(f"Undo tag {len(words)} × PLACE")


def test_tag_all_after_clitics_option_matches_the_word_after_و_ب_ل(window, db_path, qtbot):
    window.session.open_document(3)  # 002: وَبِموسكو, ولأذربيجان
    view = article(window)
    _find(window, qtbot, "موسكو")
    plain = len(window.find_bar.matches)
    window.find_bar.after_clitics.setChecked(True)
    after = window.find_bar.matches
    assert len(after) > plain
    assert all(view.text[a:b].replace("\u064e", "").replace("\u0650", "") == "موسكو" for a, b in after)


def test_tag_all_preview_can_be_cancelled_or_narrowed(window, db_path, qtbot):
    _find(window, qtbot, "باكو")
    total = len(window.find_bar.matches)
    when_dialog(TagAllDialog, lambda dialog: dialog.reject())
    window.find_bar.tag_all_as("PLACE")
    assert stored_spans(db_path) == []

    def untick_first(dialog: TagAllDialog) -> None:
        dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.ok.text() == f"Tag {total - 1}"
        dialog.accept()

    when_dialog(TagAllDialog, untick_first)
    window.find_bar.tag_all_as("PLACE")
    assert len(stored_spans(db_path)) == total - 1


def test_find_all_default_is_whole_words():
    assert find_all("الأذربيجانية وأذربيجان أذربيجان", "اذربيجان") == [(23, 31)]


# ---- captions ------------------------------------------------------------------------------


def _caption_pixels(window, qtbot, color: tuple[int, int, int]) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    from tests.gui.pixels import Shot

    view = article(window)
    view.select_range(0, 0)
    qtbot.wait(20)
    shot = Shot(view.viewport())
    return [
        (x, y)
        for y in range(shot.height)
        for x in range(0, shot.width, 2)
        if all(abs(a - b) < 8 for a, b in zip(shot.pixel(x, y), color, strict=True))
    ]


def test_captions_of_the_first_line_show_in_a_one_line_document(open_window, tmp_path, qtbot):
    path = tmp_path / "one.db"
    with Store(path) as store:
        store.insert_document("one", "استدعت موسكو سفير أذربيجان")
    window = open_window(str(path))
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [rect] = view.span_rects(view.spans()[0])
    solid = _caption_pixels(window, qtbot, (0x2C, 0xA0, 0x2C))  # PLACE's solid caption box
    above = [(x, y) for x, y in solid if y < rect.top() - 1]
    assert above, "no caption drawn above the first line"
    assert min(y for _, y in above) >= 0
    height = max(y for _, y in above) - min(y for _, y in above) + 1
    assert height >= window.statusBar().fontMetrics().height() - 2  # as legible as the status bar


def test_captions_grow_with_zoom(window, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    before = view.painter.caption_height()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.painter.caption_height() > before * 1.2
    [rect] = view.span_rects(view.spans()[0])
    assert rect.top() > view.painter.caption_height()  # still room above


# ---- exact selection -----------------------------------------------------------------------


def test_exact_selection_drops_spaces_and_punctuation_at_its_edges(window, db_path, qtbot):
    window.snap_action.setChecked(False)
    view = article(window)
    start = view.text.index("موسكو")
    view.select_range(start + 1, start + len("موسكو") + 2)  # "وسكو" + the space and what follows
    qtbot.keyClick(view, Qt.Key.Key_3)
    [(_label, text, *_)] = stored_spans(db_path)
    assert text == "وسكو"


def test_alt_shift_arrows_select_exact_characters_with_snapping_on(window, db_path, qtbot):
    window.session.open_document(3)  # وَبِموسكو: leave the clitic out from the keyboard
    view = article(window)
    assert window.snap_action.isChecked()
    start = view.text.index("موسكو")
    view.select_range(start, start)
    for _ in range(len("موسكو")):  # Left moves forward in a right-to-left line
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier | ALT)
    qtbot.keyClick(view, Qt.Key.Key_3)
    [(label, text, found, _)] = stored_spans(db_path)
    assert (label, text) == ("PLACE", "موسكو")
    assert view.text[found - 2 : found] == "بِ"


# ---- the document list ---------------------------------------------------------------------


def test_corpus_search_filters_the_list_and_leaves_the_article_and_find_bar_alone(window, qtbot):
    search = window.document_filter.search
    search.setText("ببحر")
    model = window.document_list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert window.session.document.id == 1
    assert not window.find_bar.isVisible() and window.find_bar.field.text() == ""
    assert window.position_label.text().startswith("not listed (1 listed)")


def test_position_counts_the_documents_the_list_shows(window, qtbot):
    assert window.position_label.text() == "1 / 3 · new · 0 spans"
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.position_label.text() == "1 / 3 · in progress · 1 span"
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.position_label.text().endswith("2 spans")
    window.session.open_document(2)
    assert window.position_label.text().startswith("2 / 3")


def test_ctrl_return_on_a_document_without_spans_asks_first(window, db_path, qtbot):
    view = article(window)
    when_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click())
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store(db_path) as store:
        assert store.document(1).status == "new"
    assert window.session.document.id == 1
    reactivate(qtbot, window)
    when_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store(db_path) as store:
        assert store.document(1).status == "done"
    assert window.session.document.id == 2


def test_a_document_that_leaves_the_status_filter_leaves_the_list_and_stays_open(window, qtbot):
    combo = window.document_filter.status
    combo.setCurrentIndex(combo.findData("new"))
    model = window.document_list.model()
    assert model.rowCount() == 3
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)  # new -> in progress
    assert model.rowCount() == 2
    assert window.session.document.id == 1
    assert [model.doc_id(r) for r in range(2)] == [2, 3]


# ---- words ---------------------------------------------------------------------------------


def test_import_with_unknown_labels_offers_to_map_or_add_them(window, db_path, tmp_path, qtbot):
    record = {
        "id": "n1",
        "text": "زار الوزير بيروت",
        "spans": [
            {"id": 1, "start": 4, "end": 10, "label": "PER", "text": "الوزير"},
            {"id": 2, "start": 11, "end": 16, "label": "LOC", "text": "بيروت"},
        ],
    }
    path = tmp_path / "peer.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    asked: list[list[str]] = []

    def choose(dialog: LabelMappingDialog) -> None:
        asked.append(list(dialog.choosers))
        per = dialog.choosers["PER"]
        per.setCurrentIndex(per.findData("ACTOR"))
        dialog.accept()  # LOC stays "add as a new label"

    when_dialog(LabelMappingDialog, choose)
    done = window.transfers.finished
    with qtbot.waitSignal(done, timeout=20000, check_params_cb=lambda k, r: k == "import" and r.ok):
        window.import_paths([str(path)])
    assert asked == [["PER", "LOC"]]
    assert sorted(label for label, *_ in stored_spans(db_path)) == ["ACTOR", "LOC"]
    assert "LOC" in [a.data() for a in window.registry.label_actions]  # new label: key 4 at once
    assert "LOC" in [a.text().split()[0] for a in window.tag_menu.actions()]
    assert "LOC" in [a.text().split()[0] for a in window.find_bar.tag_all.menu().actions()]
    assert "--label-map" not in window.statusBar().currentMessage()


def test_export_report_and_position_do_not_overlap(window, tmp_path, qtbot):
    window.resize(560, 500)  # a narrow window: the report is longer than the room left of the position
    qtbot.wait(20)
    out = tmp_path / "corpus.jsonl"
    with qtbot.waitSignal(window.transfers.finished, timeout=20000):
        window.export(str(out), "jsonl")
    bar = window.statusBar()
    full = window.last_message
    assert full.startswith("Exported 3 documents (0 spans) to corpus.jsonl; offsets in")
    shown = bar.currentMessage()
    assert bar.fontMetrics().horizontalAdvance(full) > window.position_label.geometry().left()  # too long
    assert bar.fontMetrics().horizontalAdvance(shown) + 12 < window.position_label.geometry().left()
    assert "…" in shown and "Exported" in shown
    assert "code points" in bar.toolTip()  # the whole report is one hover away


def test_no_window_reads_from_another_widget_s_span_copies(window, qtbot):
    """The view, the span panel and the painter all read the one index the session owns."""
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.painter.index is window.session.index
    assert [s.id for s in window.span_panel.span_model.rows] == [s.id for s in window.session.index]


def test_context_menu_tags_the_selection(window, db_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    view = article(window)
    _start, _end = select_text(view, "باكو")
    rect = view.cursorRect()
    point = QPoint(rect.center().x(), rect.center().y())

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        try:
            tag = next(a.menu() for a in menu.actions() if a.text() == "Tag as")
            action = next(a for a in tag.actions() if a.data() == "PLACE")
            assert action in window.registry.label_actions  # the same action key 3 runs
            action.trigger()
        finally:
            menu.close()

    QTimer.singleShot(50, choose)
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    )
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("PLACE", "باكو")]


def test_tag_all_leaves_text_tagged_with_another_label_alone(window, db_path, qtbot):
    view = article(window)
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_1)  # one باكو is an ACTOR already
    _find(window, qtbot, "باكو")
    total = len(window.find_bar.matches)
    notes: list[str] = []

    def accept(dialog: TagAllDialog) -> None:
        notes.append(dialog.findChild(QLabel, "tagAllNote").text())
        assert dialog.list.count() == total - 1
        dialog.accept()

    when_dialog(TagAllDialog, accept)
    window.find_bar.tag_all_as("PLACE")
    assert "1 match tagged with another label" in notes[0]
    labels = [label for label, text, *_ in stored_spans(db_path)]
    assert labels.count("ACTOR") == 1 and labels.count("PLACE") == total - 1


def test_undo_brings_a_document_back_into_its_status_filter(window, qtbot):
    combo = window.document_filter.status
    combo.setCurrentIndex(combo.findData("new"))
    model = window.document_list.model()
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert model.rowCount() == 2
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [model.doc_id(r) for r in range(model.rowCount())] == [1, 2, 3]


def test_a_search_typed_while_the_index_builds_is_the_one_applied(window, qtbot):
    with Store(window.session.store.path) as other:
        for i in range(3000):
            other.insert_document(f"n{i}", f"خبر رقم {i} عن بيروت")
    model = window.document_list.model()
    window.filter_documents(None, "ببحر")
    window.filter_documents(None, "موسكو")  # typed on while the index is still building
    qtbot.waitUntil(lambda: model.search == "موسكو", timeout=10000)
    qtbot.wait(200)
    assert model.search == "موسكو" and model.rowCount() == 3  # ببحر would list one
    assert "still running" not in window.last_message


def test_arrowing_through_the_document_list_keeps_the_focus_there(window, qtbot):
    listing = window.document_list
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus, timeout=1000)
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    assert window.session.document.id == 2
    assert listing.hasFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    assert window.session.document.id == 3


def test_markup_in_titles_and_annotators_is_never_rendered(open_window, tmp_path, qtbot):
    from PySide6.QtGui import Qt as QtGui_Qt

    path = tmp_path / "markup.db"
    with Store(path) as store:
        doc = store.insert_document("x", "نص عادي عن موسكو", title='<img src="/dev/zero"><b>عنوان</b>')
        store.add_span(doc, 7, 10, "ACTOR", annotator="<i>amal</i>")
    window = open_window(str(path))
    title_tip = window.document_list.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    span_tip = window.span_panel.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    for tip in (title_tip, span_tip):
        assert "<img" not in tip and "<i>" not in tip  # escaped: shown as the characters
    assert "&lt;img src=&quot;/dev/zero&quot;&gt;" in title_tip
    assert QtGui_Qt.mightBeRichText(title_tip)  # rich text that shows the markup as text


def test_captions_of_three_nested_spans_on_the_first_line_all_show(open_window, tmp_path, qtbot):
    path = tmp_path / "nested.db"
    with Store(path) as store:
        store.insert_document("one", "استدعت الخارجية سفير أذربيجان لدى موسكو")
    window = open_window(str(path))
    view = article(window)
    nested = (
        ("سفير أذربيجان لدى موسكو", Qt.Key.Key_1),
        ("أذربيجان لدى موسكو", Qt.Key.Key_2),
        ("موسكو", Qt.Key.Key_3),
    )
    for words, key in nested:
        select_text(view, words)
        qtbot.keyClick(view, key)
    tops = {}
    colours = {"ACTOR": (0x1F, 0x77, 0xB4), "EVENT": (0xD6, 0x27, 0x28), "PLACE": (0x2C, 0xA0, 0x2C)}
    for name, colour in colours.items():
        solid = _caption_pixels(window, qtbot, colour)
        [rect] = view.span_rects(next(s for s in view.spans() if s.label == name))
        above = [y for _, y in solid if y < rect.top() - 1]
        assert above, f"{name}'s caption is not drawn"
        tops[name] = min(above)
    assert min(tops.values()) >= 0
    assert len(set(tops.values())) == 3  # stacked, one row per lane


def test_tagging_text_another_analyst_tagged_adds_the_analysts_own_span(window, qtbot):
    session = window.session
    text = session.document.text
    start = text.index("موسكو")
    end = start + len("موسكو")
    session.store.add_span(session.document.id, start, end, "PLACE", "another-analyst")
    session.open_document(session.document.id, force=True)
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    mine = [s for s in session.spans() if (s.start, s.end) == (start, end)]
    assert sorted(s.annotator for s in mine) == sorted(["another-analyst", session.annotator])
    assert all(s.label == "PLACE" for s in mine)


def test_the_span_panel_greys_other_analysts_spans_and_names_them(window, qtbot):
    session = window.session
    text = session.document.text
    start = text.index("موسكو")
    session.store.add_span(session.document.id, start, start + len("موسكو"), "PLACE", "another-analyst")
    session.open_document(session.document.id, force=True)
    model = window.span_panel.span_model
    row = next(r for r, s in enumerate(model.rows) if s.annotator == "another-analyst")
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "by another-analyst" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    select_text(article(window), "باكو")
    qtbot.keyClick(article(window), Qt.Key.Key_3)
    mine = next(r for r, s in enumerate(model.rows) if s.annotator == session.annotator)
    assert model.index(mine, 0).data(Qt.ItemDataRole.ForegroundRole) is None
