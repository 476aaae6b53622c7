"""Linking fast from either end: a role's key and the chooser, a click in the text, Ctrl+drag."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QMenu

from gui.linking import LINK_GESTURES, LinkController, gap, nearest_first, role_key_gesture
from model.records import Role, Span
from model.store import Store
from tests.gui.conftest import article

CTRL = Qt.KeyboardModifier.ControlModifier


def tag(window, word: str, label: str, occurrence: int = 0) -> Span:  # type: ignore[no-untyped-def]
    """Tag the n-th occurrence of ``word`` with ``label`` (through the session) and return the span."""
    session = window.session
    text = session.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    assert session.tag(start, start + len(word), label) is not None
    return next(s for s in session.index if (s.start, s.end, s.label) == (start, start + len(word), label))


def caret_on(view, span: Span) -> None:  # type: ignore[no-untyped-def]
    view.select_range(span.start + 1, span.start + 1)


def stored_links(db_path: str, doc_id: int = 1) -> list[tuple[int, int, str]]:
    with Store(db_path) as store:
        return [(r.event_id, r.argument_id, r.role) for r in store.relations(doc_id)]


def chooser(window) -> QFrame:  # type: ignore[no-untyped-def]
    found = window.findChild(QFrame, "linkChooser")
    assert found is not None
    return found


def listed(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The chooser's candidates: the first line of each (label and text)."""
    lst = window.linking.chooser.list
    return [lst.item(i).text().split("\n")[0] for i in range(lst.count())]


def type_text(view, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the view as a keyboard with that layout would (QTest takes Latin-1 only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(view, key)


def center(view, span: Span) -> QPoint:  # type: ignore[no-untyped-def]
    rects = view.span_rects(span)
    assert rects, "the span is not in sight"
    return rects[0].center().toPoint()


def scene(window):
    """استدعاء an EVENT; three ACTORs around it; موسكو a PLACE."""
    event = tag(window, "استدعاء", "EVENT")
    ministry = tag(window, "وزارة الخارجية الروسية", "ACTOR")
    ambassador = tag(window, "سفير أذربيجان", "ACTOR")
    rahman = tag(window, "رحمان مصطفاييف", "ACTOR")
    moscow = tag(window, "موسكو", "PLACE")
    return event, ministry, ambassador, rahman, moscow


def test_the_controller_is_attached_to_the_window(window):
    assert isinstance(window.linking, LinkController)
    assert not chooser(window).isVisible()


def test_s_on_an_event_offers_actors_nearest_first_and_enter_links_the_current(window, db_path, qtbot):
    view = article(window)
    event, _ministry, ambassador, _rahman, _moscow = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert chooser(window).isVisible()
    names = ["وزارة الخارجية الروسية", "سفير أذربيجان", "رحمان مصطفاييف"]  # a tie: reading order
    assert listed(window) == [f"ACTOR  {name}" for name in names]
    assert "⟦رحمان مصطفاييف⟧" in window.linking.chooser.list.item(2).text()  # named with its context
    title = window.linking.chooser.title.text()
    assert "source" in title and "استدعاء" in title
    # the candidates are outlined in the text, the current one filled
    assert len(view.painter.hits) == 3 and view.painter.current_hit == -1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.painter.current_hit == -2
    assert view.span_at_caret() == event  # the caret stays on the event
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not chooser(window).isVisible()
    assert stored_links(db_path) == [(event.id, ambassador.id, "source")]
    assert len(view.painter.hits) == 0
    assert window.undo_action.text() == "Undo link ‘سفير أذربيجان’ as source of ‘استدعاء’"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_links(db_path) == []
    assert window.session.relations == []


def test_the_role_key_on_an_argument_offers_events_and_links_from_that_end(window, db_path, qtbot):
    view = article(window)
    event, *_, moscow = scene(window)
    other = tag(window, "استدعت", "EVENT")  # a farther event
    caret_on(view, moscow)
    qtbot.keyClick(view, Qt.Key.Key_P)  # lower case p: the key is case-insensitive
    assert listed(window) == ["EVENT  استدعاء", "EVENT  استدعت"]
    assert "place" in window.linking.chooser.title.text()
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert stored_links(db_path) == [(other.id, moscow.id, "place")]
    # the same key again: the event now linked is marked, and choosing it says so
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert "linked already" in window.linking.chooser.list.item(1).text()
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.last_message == "‘موسكو’ is the place of ‘استدعت’ already."
    assert stored_links(db_path) == [(other.id, moscow.id, "place")]
    assert event.id != other.id


def test_clicking_a_candidate_in_the_chooser_links_it(window, db_path, qtbot):
    view = article(window)
    event, _ministry, _ambassador, rahman, _ = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_T)
    lst = window.linking.chooser.list
    rect = lst.visualItemRect(lst.item(2))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert stored_links(db_path) == [(event.id, rahman.id, "target")]
    assert not chooser(window).isVisible()
    assert view.hasFocus()


def test_clicking_a_candidate_in_the_text_links_it(window, db_path, qtbot):
    view = article(window)
    event, ministry, *_ = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center(view, ministry))
    assert stored_links(db_path) == [(event.id, ministry.id, "source")]
    assert not chooser(window).isVisible()


def test_a_click_in_the_text_off_the_candidates_closes_the_chooser(window, db_path, qtbot):
    view = article(window)
    event, *_, moscow = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center(view, moscow))  # a place
    assert not chooser(window).isVisible()
    assert stored_links(db_path) == []


def drag(qtbot, view, source: Span, target: Span) -> None:  # type: ignore[no-untyped-def]
    a, b = center(view, source), center(view, target)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, CTRL, a)
    middle = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, CTRL, b)


def test_ctrl_drag_from_an_event_to_an_actor_offers_the_actor_roles(window, db_path, qtbot):
    view = article(window)
    event, _ministry, ambassador, *_ = scene(window)
    start_selection = view.textCursor().selectionStart()
    drag(qtbot, view, event, ambassador)
    menu = window.linking.role_menu
    assert menu is not None and menu.isVisible()
    roles = [a.data() for a in menu.actions() if a.data()]
    assert roles == ["source", "target"]  # a place is no role for an actor
    qtbot.keyClick(menu, Qt.Key.Key_T)  # the role's key picks it in the menu too
    assert not menu.isVisible()
    assert stored_links(db_path) == [(event.id, ambassador.id, "target")]
    assert view.textCursor().selectionStart() == start_selection  # the drag selected nothing
    assert not window.linking.band.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_links(db_path) == []


def test_ctrl_drag_from_a_place_to_an_event_links_the_other_way(window, db_path, qtbot):
    view = article(window)
    event, *_, moscow = scene(window)
    viewport = view.viewport()
    a, b = center(view, moscow), center(view, event)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, CTRL, a)
    qtbot.mouseMove(viewport, b)
    band = window.linking.band
    assert band.isVisible() and band.source == moscow and band.target == event and band.target_ok
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, CTRL, b)
    menu = window.linking.role_menu
    assert [a.data() for a in menu.actions() if a.data()] == ["place"]
    menu.actions()[-1].trigger()
    menu.close()
    assert stored_links(db_path) == [(event.id, moscow.id, "place")]


def test_dragging_between_two_events_or_two_arguments_is_refused_with_a_reason(window, db_path, qtbot):
    view = article(window)
    event, ministry, ambassador, *_ = scene(window)
    second = tag(window, "احتجاج", "EVENT")
    drag(qtbot, view, event, second)
    assert window.linking.role_menu is None
    assert window.last_message == (
        "‘استدعاء’ and ‘احتجاج’ are both events: link an event to an actor or place."
    )
    drag(qtbot, view, ministry, ambassador)
    assert window.last_message.startswith("Neither ‘وزارة الخارجية الروسية’ nor ‘سفير أذربيجان’ is an event")
    assert stored_links(db_path) == []


def test_a_role_no_candidate_fits_says_why_in_one_line(window, db_path, qtbot):
    view = article(window)
    event = tag(window, "استدعاء", "EVENT")
    moscow = tag(window, "موسكو", "PLACE")
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert not chooser(window).isVisible()
    assert window.last_message == "No ACTOR in this article can be the source of ‘استدعاء’."
    caret_on(view, moscow)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert not chooser(window).isVisible()
    assert window.last_message == "‘موسكو’ is a PLACE; the source of an event is an ACTOR."
    assert window.linking.start("source", event) is False
    view.select_range(0, 0)  # no span at the caret
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert window.last_message == "Put the caret on an event or an argument to link it in a role."
    assert stored_links(db_path) == []


def test_every_candidate_is_listed_and_the_farthest_is_reachable(window, db_path, qtbot):
    session = window.session
    text = session.document.text
    spots, at = [], 0
    for word in [w for w in text.split() if len(w) > 3 and w.isalpha()][:41]:
        start = text.index(word, at)
        spots.append((start, start + len(word)))
        at = start + len(word)
    event = tag(window, text[spots[0][0] : spots[0][1]], "EVENT")
    session.tag_ranges(spots[1:], "ACTOR")
    view = article(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    lst = window.linking.chooser.list
    assert lst.count() == 40  # no cap
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert 0 < lst.currentRow() < 39
    qtbot.keyClick(view, Qt.Key.Key_End)
    farthest = max((s for s in session.index if s.label == "ACTOR"), key=lambda s: s.start)
    assert view.span_rects(farthest)  # scrolled into sight
    assert not window.linking.chooser.geometry().intersects(
        view.span_rects(farthest)[0].toAlignedRect().translated(view.viewport().pos())
    )  # and the chooser is not over it
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert stored_links(db_path) == [(event.id, farthest.id, "source")]


def test_typing_filters_the_candidates_ignoring_harakat_and_digits_do_not_tag(window, db_path, qtbot):
    view = article(window)
    event, _ministry, _ambassador, rahman, _ = scene(window)
    spans_before = len(window.session.index)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    type_text(view, "مُصْط")  # with harakat, which the names do not have
    assert listed(window) == ["ACTOR  رحمان مصطفاييف"]
    assert "مُصْط" in window.linking.chooser.status.text()
    qtbot.keyClick(view, Qt.Key.Key_1)  # a label's key: filters here, tags nothing
    assert listed(window) == []
    assert len(window.session.index) == spans_before
    qtbot.keyClick(view, Qt.Key.Key_Return)  # nothing to link: said so, still open
    assert chooser(window).isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # edits the filter; deletes no span
    assert listed(window) == ["ACTOR  رحمان مصطفاييف"]
    assert len(window.session.index) == spans_before
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert stored_links(db_path) == [(event.id, rahman.id, "source")]


def test_filtering_folds_harakat_in_the_text_too(window, db_path, qtbot):
    window.session.open_document(3)  # 002-harakat-clitics.txt: وِزارَةُ الخارِجِيَّةِ ...
    view = article(window)
    event = tag(window, "اِسْتَدْعَتْ", "EVENT")
    ministry = tag(window, "وِزارَةُ الخارِجِيَّةِ الأَذْرَبيجانِيَّةُ", "ACTOR")
    tag(window, "الكرملين", "ACTOR")
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    type_text(view, "وزارة")
    assert len(listed(window)) == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert stored_links(db_path, 3) == [(event.id, ministry.id, "source")]


def test_escape_closes_the_chooser_and_gives_back_the_find_outlines(window, db_path, qtbot):
    view = article(window)
    event, *_ = scene(window)
    window.find_bar.open_bar()
    window.find_bar.field.insert("باكو")
    found = len(view.painter.hits)
    assert found >= 3
    caret_on(view, event)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert chooser(window).isVisible() and len(view.painter.hits) == 3
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not chooser(window).isVisible()
    assert len(view.painter.hits) == found
    assert stored_links(db_path) == []
    assert view.span_at_caret() == event


def test_letters_typed_elsewhere_are_not_role_keys(window, db_path, qtbot):
    view = article(window)
    event, *_ = scene(window)
    caret_on(view, event)
    window.find_bar.open_bar()
    field = window.find_bar.field
    qtbot.keyClicks(field, "stp")
    assert field.text() == "stp"
    assert not chooser(window).isVisible()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # a modifier: not a role key
    assert not chooser(window).isVisible()
    assert stored_links(db_path) == []


def test_moving_the_focus_away_or_opening_another_document_closes_the_chooser(window, qtbot):
    view = article(window)
    event, *_ = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    window.document_list.setFocus()
    qtbot.waitUntil(lambda: not chooser(window).isVisible(), timeout=1000)
    view.setFocus()
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    window.session.open_document(2)
    assert not chooser(window).isVisible() and window.linking.mode is None


def test_each_link_by_keys_is_one_undo_step(window, db_path, qtbot):
    view = article(window)
    event, ministry, ambassador, *_ = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_T)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert stored_links(db_path) == [(event.id, ministry.id, "source"), (event.id, ambassador.id, "target")]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_links(db_path) == [(event.id, ministry.id, "source")]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_links(db_path) == []


def test_undo_while_the_chooser_is_open_offers_what_is_left(window, qtbot):
    view = article(window)
    event, *_ = scene(window)  # the place was tagged last
    tag(window, "بيوتر فولكوفيخ", "ACTOR")
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert len(listed(window)) == 4
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # takes the last actor away
    assert len(listed(window)) == 3


def test_nearest_first_orders_by_the_gap_then_reading_order():
    origin = Span(1, 1, 50, 60, "EVENT")
    spans = [Span(2, 1, 0, 10, "ACTOR"), Span(3, 1, 61, 70, "ACTOR"), Span(4, 1, 45, 49, "ACTOR"),
             Span(5, 1, 55, 58, "ACTOR")]
    assert [s.id for s in nearest_first(origin, spans)] == [5, 4, 3, 2]  # 4 and 3 both 1 away
    assert gap(origin, spans[0]) == 40


def test_the_gestures_for_f1_name_the_keys_and_the_drag():
    keys = " ".join(k for k, _ in LINK_GESTURES)
    assert "Ctrl+drag" in keys and "Escape" in keys
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in LINK_GESTURES)
    roles = [Role("source", "S"), Role("target", "T"), Role("place", "P"), Role("time")]
    assert role_key_gesture(roles) == (
        "S / T / P (a role's key)",
        "On an event: choose its source / target / place; on an argument: choose the event it belongs to",
    )
    assert role_key_gesture([Role("time")]) is None  # no role has a key: no row


def test_with_an_arabic_keyboard_layout_the_letter_on_the_s_key_is_the_source_key(window, db_path, qtbot):
    view = article(window)
    event, ministry, *_ = scene(window)
    caret_on(view, event)
    type_text(view, "س")  # Arabic (101): س is on the S key
    assert chooser(window).isVisible()
    assert "source" in window.linking.chooser.title.text()
    type_text(view, "وزارة")  # in the chooser, Arabic letters filter
    assert listed(window) == ["ACTOR  وزارة الخارجية الروسية"]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert stored_links(db_path) == [(event.id, ministry.id, "source")]


def test_escape_during_a_drag_drops_it_and_a_ctrl_click_only_moves_the_caret(window, db_path, qtbot):
    view = article(window)
    event, _ministry, ambassador, *_ = scene(window)
    viewport = view.viewport()
    a, b = center(view, event), center(view, ambassador)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, CTRL, a)
    qtbot.mouseMove(viewport, b)
    assert window.linking.band.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.linking.band.isVisible()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, CTRL, b)
    assert window.linking.role_menu is None
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, CTRL, b)
    assert view.span_at_caret() == ambassador and not view.textCursor().hasSelection()
    assert stored_links(db_path) == []



def ampersand_scene(open_window, tmp_path):  # type: ignore[no-untyped-def]
    """An article with "&" in its text, an event and an actor tagged, and the source role renamed
    "source&origin" (described "who & why")."""
    path = tmp_path / "amp.db"
    with Store(path) as store:
        store.insert_document("amp", "استدعت شركة AT&T مدير R&D في موسكو أمس.")
    window = open_window(str(path))
    event = tag(window, "استدعت", "EVENT")
    actor = tag(window, "شركة AT&T", "ACTOR")
    source = window.session.role("source")
    renamed = Role("source&origin", source.key, source.labels, "who & why")
    assert window.session.update_role("source", renamed) is not None
    return window, event, actor


def test_an_ampersand_in_span_text_or_a_role_shows_as_itself_in_the_role_menu(open_window, tmp_path):
    window, event, actor = ampersand_scene(open_window, tmp_path)
    menu = window.linking.offer_roles(event, actor, article(window).mapToGlobal(QPoint(10, 10)))
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert texts[0] == "Link ‘شركة AT&&T’ to ‘استدعت’ as:"  # Qt shows "&&" as "&"
    assert texts[1] == "&S  source&&origin — who && why"  # S stays the mnemonic


def test_an_ampersand_in_span_text_or_a_role_shows_as_itself_in_the_span_context_menu(open_window, tmp_path):
    window, _event, actor = ampersand_scene(open_window, tmp_path)
    view = article(window)
    seen: list[list[str]] = []

    def walk(menu: QMenu) -> list[str]:
        out = []
        for action in menu.actions():
            out.append(action.text())
            if action.menu() is not None:
                out += walk(action.menu())
        return out

    def read_menu() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(10, read_menu)
            return
        seen.append(walk(popup))
        popup.close()

    QTimer.singleShot(0, read_menu)
    point = center(view, actor)
    where = view.viewport().mapToGlobal(point)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, where))
    [texts] = seen
    assert "ACTOR ‘شركة AT&&T’" in texts  # the span's submenu
    assert "Change to EVENT  حدث" in texts
    assert [t for t in texts if t.startswith("EVENT: ")] == ["EVENT: ⟦استدعت⟧ شركة AT&&T مدير…"]
    assert "as source&&origin" in texts


def test_the_chooser_follows_the_text_when_the_article_scrolls_or_resizes(window, qtbot):
    view = article(window)
    event, *_ = scene(window)
    caret_on(view, event)
    qtbot.keyClick(view, Qt.Key.Key_S)
    box = chooser(window)
    assert box.isVisible()
    linking = window.linking
    anchor = linking._rect_in_view(event)
    gap_before = box.geometry().top() - anchor.bottom()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "the article must be long enough to scroll"
    bar.setValue(bar.value() + 30)  # a wheel turn: the event stays in sight
    moved = linking._rect_in_view(event)
    assert moved is not None and moved.top() == anchor.top() - 30
    assert box.geometry().top() - moved.bottom() == gap_before  # still just below the event
    bar.setValue(bar.value() - 30)
    assert box.geometry().top() - linking._rect_in_view(event).bottom() == gap_before
    # a narrower window: the chooser stays inside the article, beside the event
    window.resize(window.width() - 300, window.height())
    qtbot.waitUntil(lambda: box.geometry().right() <= view.viewport().geometry().right())
    now = linking._rect_in_view(event)
    assert now is not None and box.geometry().top() - now.bottom() == gap_before
