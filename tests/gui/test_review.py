"""Review mode, driven through the real window and its keys: lanes per analyst, differences,
accept (A), reject (R), next difference (N), accept all agreed, mark reviewed, undo of each."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from PySide6.QtCore import Qt

from gui.actions import ShortcutsDialog
from gui.session import cannot_write_gold
from model import team
from model.exporting import export_documents
from model.records import GOLD
from model.store import Store
from model.textio import read_text_file
from tests.conftest import SEED
from tests.gui.conftest import article, select_text

TEXT = read_text_file(SEED)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


AGREED = [("روسيا", "PLACE"), ("أعلنت", "EVENT"), ("وزارة الخارجية الروسية", "ACTOR"), ("موسكو", "PLACE")]
#: in text order: each tagged by one analyst only
DIFFERENCES = [
    ("استدعاء", "EVENT", "amal"),
    ("سفير أذربيجان", "ACTOR", "huda"),
    ("رحمان مصطفاييف", "ACTOR", "amal"),
]


def fill(store: Store, gold: bool = True) -> int:
    doc = store.insert_document("seed", TEXT)
    assert doc is not None
    for who in ("amal", "huda"):
        ids = {}
        for word, label in AGREED:
            span, _ = store.add_span(doc, *at(word), label, who)
            ids[word] = span.id
        store.link(ids["أعلنت"], ids["وزارة الخارجية الروسية"], "source", annotator=who)
    for word, label, who in DIFFERENCES:
        store.add_span(doc, *at(word), label, who)
    if gold:
        store.add_span(doc, *at("روسيا"), "PLACE", GOLD)
    return doc


@pytest.fixture
def review_db(tmp_path: Path) -> str:
    path = tmp_path / "review.db"
    with Store(path) as store:
        fill(store)
    return str(path)


@pytest.fixture
def reviewing(open_window, review_db, qtbot):  # type: ignore[no-untyped-def]
    window = open_window(review_db)
    view = article(window)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)
    assert window.session.reviewing
    return window


def gold(window) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    spans = window.session.store.spans(window.session.document.id)
    return sorted((s.start, s.end, s.label) for s in spans if s.annotator == GOLD)


def test_review_mode_draws_a_lane_per_analyst_and_counts_the_differences(reviewing, qtbot):
    window = reviewing
    view = article(window)
    assert window.review.review_action.objectName() == "reviewAction"
    assert window.review.review_action.isChecked()
    assert view.painter.review_lanes == {GOLD: 0, "amal": 1, "huda": 2}
    assert "3 differences left" in window.review.count_text()
    assert window.review.label.isVisible()
    assert view.painter.differences == {(*at(w), label) for w, label, _ in DIFFERENCES}
    # every analyst's span is drawn, each in its analyst's lane
    amal = next(s for s in window.session.spans() if s.annotator == "amal" and s.label == "PLACE")
    lanes = {p.span.annotator: p.lane for n in view.painter.blocks_of(amal)
             for p in view.painter.pieces(view.document().findBlockByNumber(n))}
    assert lanes == {GOLD: 0, "amal": 1, "huda": 2}
    assert view.span_rects(amal)
    assert all(action.isEnabled() for action in window.review.keys)
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)  # leave: the analyst's own view again
    assert not window.session.reviewing and view.painter.review_lanes is None
    assert not any(action.isEnabled() for action in window.review.keys)
    assert not window.review.label.isVisible()


def test_f1_lists_the_review_keys(reviewing):
    rows = dict(ShortcutsDialog(reviewing.registry, reviewing).rows)
    assert rows["A"].startswith("Review: accept")
    assert rows["R"].startswith("Review: reject")
    assert "next open difference" in rows["N"]
    assert "previous open difference" in rows["Shift+N"]


def test_n_moves_the_caret_to_each_open_difference_in_turn_and_wraps(reviewing, qtbot):
    view = article(reviewing)
    seen = []
    for _ in range(len(DIFFERENCES) + 1):
        qtbot.keyClick(view, Qt.Key.Key_N)
        seen.append(view.selected_text())
    assert seen == [w for w, _, _ in DIFFERENCES] + [DIFFERENCES[0][0]]  # the fourth wraps to the top
    qtbot.keyClick(view, Qt.Key.Key_N, SHIFT)
    assert view.selected_text() == DIFFERENCES[-1][0]  # previous from the first: the last one
    qtbot.keyClick(view, Qt.Key.Key_N, SHIFT)
    assert view.selected_text() == DIFFERENCES[-2][0]


def test_n_says_so_when_no_difference_is_left(reviewing, qtbot):
    view = article(reviewing)
    for _ in DIFFERENCES:
        qtbot.keyClick(view, Qt.Key.Key_N)
        qtbot.keyClick(view, Qt.Key.Key_R)
    assert "no differences left" in reviewing.review.count_text()
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert reviewing.last_message == "No differences left."


def test_a_accepts_the_difference_into_gold_and_ctrl_z_takes_it_out(reviewing, qtbot):
    view = article(reviewing)
    before = gold(reviewing)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert gold(reviewing) == sorted([*before, (*at("استدعاء"), "EVENT")])
    assert "2 differences left" in reviewing.review.count_text()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert gold(reviewing) == before
    assert "3 differences left" in reviewing.review.count_text()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo
    assert gold(reviewing) == sorted([*before, (*at("استدعاء"), "EVENT")])


def test_r_rejects_the_difference_and_ctrl_z_reopens_it(reviewing, qtbot):
    view = article(reviewing)
    session = reviewing.session
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_R)
    key = (*at("سفير أذربيجان"), "ACTOR")
    assert session.store.rejected(session.document.id) == {key}
    assert key not in article(reviewing).painter.differences
    assert "2 differences left" in reviewing.review.count_text()
    assert gold(reviewing) == [(*at("روسيا"), "PLACE")]  # a rejection writes no gold
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert session.store.rejected(session.document.id) == set()
    assert key in article(reviewing).painter.differences
    assert "3 differences left" in reviewing.review.count_text()


def test_a_on_an_item_at_the_caret_accepts_that_item(reviewing, qtbot):
    view = article(reviewing)
    start, _ = at("رحمان مصطفاييف")
    view.select_range(start + 1, start + 1)  # the caret inside رحمان
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert (*at("رحمان مصطفاييف"), "ACTOR") in gold(reviewing)


def test_accept_all_agreed_is_one_undo_step_and_brings_the_links_along(reviewing, qtbot):
    view = article(reviewing)
    session = reviewing.session
    steps = session.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    assert gold(reviewing) == sorted((*at(w), label) for w, label in AGREED)
    assert session.undo_stack.count() == steps + 1
    spans = {s.id: s for s in session.spans()}
    links = [r for r in session.relations if r.annotator == GOLD]
    events = [(TEXT[spans[r.event_id].start : spans[r.event_id].end], r.role) for r in links]
    assert events == [("أعلنت", "source")]
    assert all(spans[r.event_id].annotator == GOLD and spans[r.argument_id].annotator == GOLD for r in links)
    assert "3 differences left" in reviewing.review.count_text()  # agreed items were never differences
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert gold(reviewing) == [(*at("روسيا"), "PLACE")]
    assert not [r for r in session.store.relations(session.document.id) if r.annotator == GOLD]


def test_tagging_and_delete_in_review_mode_edit_the_gold_layer(reviewing, qtbot):
    view = article(reviewing)
    session = reviewing.session
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert (*at("باكو"), "PLACE") in gold(reviewing)
    select_text(view, "روسيا")
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the gold span at the caret, never an analyst's
    assert (*at("روسيا"), "PLACE") not in gold(reviewing)
    assert sum(1 for s in session.spans() if (s.start, s.end) == at("روسيا")) == 2  # amal's, huda's


def test_mark_reviewed_is_stored_shown_in_the_list_and_undoable(open_window, review_db, reviewing, qtbot):
    view = article(reviewing)
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL | SHIFT)
    session = reviewing.session
    with Store(review_db) as other:
        assert other.reviewed(session.document.id) is not None
    model = reviewing.document_list.list_model
    assert model.data(model.index(0, 1)) == "in progress · reviewed"
    assert "reviewed" in reviewing.position_label.text()
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)  # leaving review mode: the analyst's view, still reviewed
    assert view.painter.review_lanes is None
    assert model.data(model.index(0, 1)) == "in progress · reviewed"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert model.data(model.index(0, 1)) == "in progress"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    reviewing.close()
    again = open_window(review_db)
    model = again.document_list.list_model
    assert model.data(model.index(0, 1)) == "in progress · reviewed"


def test_gold_export_after_review_holds_exactly_the_accepted_spans(reviewing, tmp_path, qtbot):
    view = article(reviewing)
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_A)  # استدعاء
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_R)  # سفير أذربيجان
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_R)  # رحمان مصطفاييف
    out = tmp_path / "gold.jsonl"
    export_documents(reviewing.session.store, out)
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    expected = sorted([*((*at(w), label) for w, label in AGREED), (*at("استدعاء"), "EVENT")])
    assert sorted((s["start"], s["end"], s["label"]) for s in line["spans"]) == expected
    assert len(line["relations"]) == 1


def _as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def test_an_annotator_on_a_team_database_is_told_they_cannot_accept_and_nothing_is_saved(
    open_window, team_url, qtbot
):
    with Store(team_url) as lead:
        doc = fill(lead, gold=False)
    team.add(team_url, "sami", "annotator")
    window = open_window(_as_user(team_url, "sami"))
    view = article(window)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)
    assert window.last_message == cannot_write_gold()
    assert "read only" in window.review.count_text()
    steps = window.session.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert window.last_message == cannot_write_gold()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    select_text(view, "باكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    start, _ = at("موسكو")
    view.select_range(start + 1, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # an analyst's span: not the reviewer's to delete here
    assert window.session.undo_stack.count() == steps and not window.session.unsaved
    assert not [s for s in window.session.spans() if s.annotator == GOLD]
    with Store(team_url) as lead:
        assert not [s for s in lead.spans(doc) if s.annotator == GOLD]
        assert lead.rejected(doc) == set()


def test_review_letters_typed_in_a_search_field_type_there(reviewing, qtbot):
    field = reviewing.document_filter.search
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    qtbot.keyClick(field, "n")
    qtbot.keyClick(field, "a")
    assert field.text() == "na"
    assert reviewing.session.undo_stack.count() == 0


def test_the_screenshot_shows_differences_underlined_lane_names_and_right_aligned_text(reviewing, qtbot):
    from PySide6.QtCore import QRect

    from gui.article_view import REVIEW_GUTTER
    from tests.gui.pixels import Shot

    view = article(reviewing)
    qtbot.keyClick(view, Qt.Key.Key_N)  # scrolls استدعاء into view
    view.clear_selection()
    qtbot.wait(50)
    shot = Shot(view.viewport())
    amal = next(s for s in reviewing.session.spans() if (s.start, s.end) == at("استدعاء"))
    [rect] = [r.toRect() for r in view.span_rects(amal)]
    def is_red(p: tuple[int, int, int]) -> bool:
        return p[0] > 180 and p[1] < 60

    red = shot.box(QRect(rect.left(), rect.bottom() - 3, rect.width(), 5), is_red)
    assert red is not None and red.width() >= rect.width() - 2  # the difference is underlined in red
    agreed = next(s for s in reviewing.session.spans() if (s.start, s.end) == at("موسكو"))
    [calm] = [r.toRect() for r in view.span_rects(agreed)]
    assert shot.box(QRect(calm.left(), calm.bottom() - 3, calm.width(), 5), is_red) is None
    gutter = shot.box(QRect(0, 0, REVIEW_GUTTER - 8, shot.height), lambda p: max(p) < 140)
    assert gutter is not None  # the lanes' names are written there
    ink = shot.box(QRect(REVIEW_GUTTER, 0, shot.width - REVIEW_GUTTER, shot.height), lambda p: max(p) < 90)
    assert ink is not None and shot.width - ink.right() < 40  # Arabic sits against the right edge
