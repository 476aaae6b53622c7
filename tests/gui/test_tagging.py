"""Tagging in the real window: keys, undo/redo, persistence, offsets after emoji, clitics."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from gui.find_bar import TagAllDialog
from model.store import Store
from tests.gui.conftest import article, select_text, stored_spans, when_dialog


def test_key_3_tags_selection_as_place_in_database(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert ("PLACE", "موسكو") in [(label, text) for label, text, *_ in stored_spans(db_path)]


def test_keys_1_and_2_tag_actor_and_event(window, db_path, qtbot):
    view = article(window)
    select_text(view, "رحمان مصطفاييف")
    qtbot.keyClick(view, Qt.Key.Key_1)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2)
    pairs = {(label, text) for label, text, *_ in stored_spans(db_path)}
    assert {("ACTOR", "رحمان مصطفاييف"), ("EVENT", "استدعاء")} <= pairs


def test_undo_removes_span_and_redo_restores_it(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert len(stored_spans(db_path)) == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(db_path) == []
    assert view.spans() == []
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("PLACE", "موسكو")]
    assert len(view.spans()) == 1


def test_new_window_on_same_database_shows_span(open_window, db_path, qtbot):
    first = open_window(db_path)
    start, end = select_text(article(first), "باكو")
    qtbot.keyClick(article(first), Qt.Key.Key_3)
    first.close()
    second = open_window(db_path)
    assert [(s.start, s.end, s.label) for s in article(second).spans()] == [(start, end, "PLACE")]


def test_offsets_after_emoji_index_python_string(window, db_path, qtbot):
    window.session.open_document(2)  # 001-mixed-script.txt: 🔴 and 👮 lie above U+FFFF
    view = article(window)
    assert "🔴" in view.text
    for word in ("موسكو", "Sputnik Azerbaijan", "يكاترينبورغ", "فجر"):
        select_text(view, word)
        qtbot.keyClick(view, Qt.Key.Key_3)
    with Store(db_path) as store:
        text = store.document(2).text
        found = sorted((text[s.start : s.end], s.start) for s in store.spans(2))
    assert [w for w, _ in found] == sorted(["موسكو", "Sputnik Azerbaijan", "يكاترينبورغ", "فجر"])
    assert all(text.index(w) == start for w, start in found)


def test_selection_snaps_to_whole_words(window, db_path, qtbot):
    view = article(window)
    start = view.text.index("موسكو")
    view.select_range(start + 1, start + 3)  # inside the word
    qtbot.keyClick(view, Qt.Key.Key_3)
    select_text(view, " باكو.")  # surrounding space and full stop
    qtbot.keyClick(view, Qt.Key.Key_3)
    texts = sorted(text for _, text, *_ in stored_spans(db_path))
    assert texts == ["باكو", "موسكو"]


def test_exact_selection_leaves_the_clitic_out(window, db_path, qtbot):
    window.session.open_document(3)  # 002-harakat-clitics.txt: وَبِموسكو
    window.snap_action.setChecked(False)
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [(label, text, start, _)] = stored_spans(db_path)
    assert (label, text) == ("PLACE", "موسكو")
    assert view.text[start - 2 : start] == "بِ"


def test_double_click_selects_a_word(window, qtbot):
    view = article(window)
    start = view.text.index("موسكو")
    rect = view.cursorRect(view.textCursor())
    view.select_range(start + 2, start + 2)
    rect = view.cursorRect(view.textCursor())
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center().x(), rect.center().y())
    )
    assert view.selected_range() == (start, start + len("موسكو"))


def test_delete_removes_span_at_caret(window, db_path, qtbot):
    view = article(window)
    start, _ = select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    view.select_range(start + 2, start + 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored_spans(db_path) == []


def test_edit_menu_names_the_undo_step(window, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.undo_action.text() == "Undo tag PLACE ‘موسكو’"


def test_label_bar_button_tags_selection(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    window.label_bar.label_actions[0].trigger()
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("ACTOR", "موسكو")]


def test_relabel_changes_label_and_undo_restores_it(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_1)
    [span] = view.spans()
    window.session.relabel(span, "PLACE")
    assert [label for label, *_ in stored_spans(db_path)] == ["PLACE"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for label, *_ in stored_spans(db_path)] == ["ACTOR"]


def test_overlapping_and_nested_spans_all_stay(window, db_path, qtbot):
    view = article(window)
    select_text(view, "سفير أذربيجان")
    qtbot.keyClick(view, Qt.Key.Key_1)
    select_text(view, "أذربيجان", occurrence=1)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert len(view.spans()) == 2
    assert {label for label, *_ in stored_spans(db_path)} == {"ACTOR", "PLACE"}


def test_first_span_sets_in_progress_and_ctrl_return_marks_done_and_opens_next(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    with Store(db_path) as store:
        assert store.document(1).status == "in_progress"
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store(db_path) as store:
        assert store.document(1).status == "done"
    assert window.session.document.id == 2


def test_span_panel_click_selects_the_span(window, qtbot):
    view = article(window)
    start, end = select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    view.select_range(0, 0)
    panel = window.span_panel
    rect = panel.visualRect(panel.model().index(0, 0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_range() == (start, end)


def test_document_list_shows_title_status_and_span_count(window, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    model = window.findChild(type(window.document_list), "documentList").model()
    row = [model.index(0, c).data() for c in range(3)]
    assert row == ["توتر غير مسبوق بين روسيا وأذربيجان", "in progress", 1]


def test_markup_in_article_is_shown_as_text(open_window, tmp_path):
    path = tmp_path / "html.db"
    with Store(path) as store:
        store.insert_document("html", 'نص <img src="x.png"> و <b>عريض</b>')
    view = article(open_window(str(path)))
    assert view.toPlainText() == 'نص <img src="x.png"> و <b>عريض</b>'


def test_ctrl_plus_zooms_the_article(window, qtbot):
    view = article(window)
    before = view.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() > before
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == before


def test_shift_arrows_select_and_snap_to_the_word(window, db_path, qtbot):
    view = article(window)
    start = view.text.index("موسكو")
    view.select_range(start, start)
    for _ in range(3):  # Left moves forward in a right-to-left line
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("PLACE", "موسكو")]


def test_tagging_the_same_span_twice_is_refused_with_a_message(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert len(stored_spans(db_path)) == 1
    assert window.statusBar().currentMessage() == "‘موسكو’ is already a PLACE."


def test_right_click_menu_deletes_the_span_under_the_mouse(window, db_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    view = article(window)
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [rect] = view.span_rects(view.spans()[0])
    point = rect.center().toPoint()
    chosen = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        submenu = menu.actions()[0].menu()
        delete = next(a for a in submenu.actions() if a.text() == "Delete span")
        chosen.append(delete.text())
        delete.trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    view.contextMenuEvent(event)
    assert chosen == ["Delete span"]
    assert stored_spans(db_path) == []


def tag_event_and_place(window, qtbot):  # type: ignore[no-untyped-def]
    """Tag استدعاء an EVENT and موسكو a PLACE with the keys; the view and the two spans."""
    view = article(window)
    select_text(view, "استدعاء")
    qtbot.keyClick(view, Qt.Key.Key_2)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    event = next(s for s in view.spans() if s.label == "EVENT")
    place = next(s for s in view.spans() if s.label == "PLACE")
    return view, event, place


def test_linking_an_actor_to_an_event_is_stored_and_undone(window, db_path, qtbot):
    view, event, place = tag_event_and_place(window, qtbot)
    window.session.link(event, place, "place")
    with Store(db_path) as store:
        assert [(r.event_id, r.argument_id, r.role) for r in store.relations(1)] == [
            (event.id, place.id, "place")
        ]
    assert window.undo_action.text() == "Undo link ‘موسكو’ as place of ‘استدعاء’"
    assert [r.role for r in window.session.relations] == ["place"]
    panel = window.span_panel.span_model
    links = {panel.index(row, 0).data(): panel.index(row, 2).data() for row in range(panel.rowCount())}
    assert links == {"استدعاء": "place", "موسكو": "place of"}
    tip = panel.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "place: موسكو" in tip
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Store(db_path) as store:
        assert store.relations(1) == []
    assert window.session.relations == []


def test_relabelling_a_linked_span_so_its_link_would_not_fit_is_refused(window, db_path, qtbot):
    view, event, place = tag_event_and_place(window, qtbot)
    window.session.link(event, place, "place")
    view.select_range(place.start, place.end)
    qtbot.keyClick(view, Qt.Key.Key_1)  # the place as an ACTOR: no longer a place
    assert window.last_message == (
        "‘موسكو’ is the place of ‘استدعاء’: unlink it first; an ACTOR cannot be that."
    )
    view.select_range(event.start, event.end)
    qtbot.keyClick(view, Qt.Key.Key_1)  # the event as an ACTOR: its link would start at an actor
    assert window.last_message == (
        "‘استدعاء’ starts 1 link: unlink it first, or it would start at an ACTOR."
    )
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [
        ("EVENT", "استدعاء"), ("PLACE", "موسكو")
    ]
    window.session.unlink(window.session.relations[0].id)
    view.select_range(place.start, place.end)
    qtbot.keyClick(view, Qt.Key.Key_1)  # unlinked, it may be anything
    assert sorted(label for label, *_ in stored_spans(db_path)) == ["ACTOR", "EVENT"]


def test_find_ignores_harakat_and_tag_all_tags_every_match_in_one_step(window, db_path, qtbot):
    window.session.open_document(3)  # 002-harakat-clitics.txt
    view = article(window)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible()
    bar.field.insert("الخارجية")  # typed without harakat; the text has الخارِجِيَّةِ
    assert len(bar.matches) == 1
    start, end = bar.matches[0]
    assert view.text[start:end] == "الخارِجِيَّةِ"
    assert view.selected_range() == (start, end)
    when_dialog(TagAllDialog, lambda dialog: dialog.accept())
    bar.tag_all.menu().actions()[1].trigger()  # EVENT
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("EVENT", "الخارِجِيَّةِ")]
    assert window.undo_action.text() == "Undo tag 1 × EVENT ‘الخارجية’"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and len(view.painter.hits) == 0


def test_find_next_cycles_through_matches_in_reading_order(window, qtbot):
    view = article(window)
    window.find_bar.open_bar()
    window.find_bar.field.insert("باكو")
    bar = window.find_bar
    assert len(bar.matches) >= 3
    first = view.selected_range()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    second = view.selected_range()
    assert second[0] > first[0]
    assert bar.count.text() == f"2 of {len(bar.matches)}"


def _menu_on(view, span, act):  # type: ignore[no-untyped-def]
    """Open the article's context menu on ``span`` and run ``act(menu)`` while it is shown."""
    [rect] = view.span_rects(span)[:1]
    point = rect.center().toPoint()

    def run() -> None:
        menu = QApplication.activePopupWidget()
        act(menu)
        menu.close()

    QTimer.singleShot(50, run)
    where = view.viewport().mapToGlobal(point)
    view.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, where))


def _sub(menu, starts: str):  # type: ignore[no-untyped-def]
    return next(a.menu() for a in menu.actions() if a.text().startswith(starts) and a.menu() is not None)


def test_an_event_links_an_argument_named_in_its_context_from_the_events_side(window, db_path, qtbot):
    view, event, place = tag_event_and_place(window, qtbot)
    named: list[str] = []

    def link_as_place(menu) -> None:  # type: ignore[no-untyped-def]
        add = _sub(_sub(menu, "EVENT"), "Add argument")
        [candidate] = [a for a in add.actions() if a.menu() is not None]
        named.append(candidate.text())
        next(a for a in candidate.menu().actions() if a.text() == "as place").trigger()

    _menu_on(view, event, link_as_place)
    assert named[0].startswith("PLACE: ") and "⟦موسكو⟧" in named[0]  # the text with its context
    with Store(db_path) as store:
        stored = [(r.event_id, r.argument_id, r.role) for r in store.relations(1)]
        assert stored == [(event.id, place.id, "place")]


def test_far_events_are_under_farther_never_left_out(window, qtbot):
    from gui.article_view import NEAREST

    session = window.session
    text = session.document.text
    words = [m for m in text.split() if len(m) > 3 and m.isalpha()]
    spots, at = [], 0
    for word in words:
        start = text.index(word, at)
        spots.append((start, start + len(word)))
        at = start + len(word)
    session.tag_ranges(spots[1 : NEAREST + 4], "EVENT")
    actor = session.tag(*spots[0], "ACTOR")
    assert actor is not None
    view = article(window)
    argument = next(s for s in view.spans() if s.label == "ACTOR")
    seen: list[int] = []

    def count(menu) -> None:  # type: ignore[no-untyped-def]
        link = _sub(_sub(menu, "ACTOR"), "Link to event")
        near = [a for a in link.actions() if a.menu() is not None and not a.text().startswith("Farther")]
        farther = _sub(link, "Farther")
        seen.extend([len(near), len(farther.actions())])

    _menu_on(view, argument, count)
    assert seen == [NEAREST, 3]


def test_a_role_takes_only_the_labels_it_may_point_to(window, db_path, qtbot):
    view, event, place = tag_event_and_place(window, qtbot)
    assert window.session.link(event, place, "source") is None  # a source is an actor
    assert window.last_message == "‘موسكو’ is a PLACE; the source of an event is an ACTOR."
    with Store(db_path) as store:
        assert store.relations(1) == []
    offered: list[str] = []

    def roles(menu) -> None:  # type: ignore[no-untyped-def]
        add = _sub(_sub(menu, "EVENT"), "Add argument")
        [candidate] = [a for a in add.actions() if a.menu() is not None]
        offered.extend(a.text() for a in candidate.menu().actions())

    _menu_on(view, event, roles)
    assert offered == ["as place"]
