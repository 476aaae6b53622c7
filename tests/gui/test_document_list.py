"""The document list over thousands of documents: any row at once, the right rows shown."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from gui.document_list import CACHED_PAGES, PAGE, SEARCH_CAP
from model.store import Store, content_hash

from .conftest import article, select_text, when_dialog

DOCS = 3000
STATUSES = ("new", "in_progress", "done", "skipped")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def big_db(tmp_path: Path) -> str:
    """``DOCS`` short documents with mixed statuses; a few ids missing (deleted)."""
    path = tmp_path / "big.db"
    rng = random.Random(4)
    with Store(path) as store, store.transaction() as conn:
        rows = []
        for i in range(DOCS):
            text = f"خبر رقم {i} عن موسكو والقاهرة"
            rows.append((f"n{i}", f"عنوان الخبر {i}", text, rng.choice(STATUSES), content_hash(text)))
        conn.executemany(
            "INSERT INTO documents (ext_id, title, text, status, content_hash) VALUES (?, ?, ?, ?, ?)", rows
        )
        conn.execute("DELETE FROM documents WHERE id % 97 = 0")
    return str(path)


def listed(path: str, status: str | None = None) -> list[tuple[int, str, str]]:
    """(id, title, status) of what the list should show, by a plain full query."""
    with Store(path) as store:
        return [(s.id, s.title, s.status) for s in store.document_summaries(status=status)]


def shown(window) -> list[int]:  # type: ignore[no-untyped-def]
    """Ids of the rows painted in the list's viewport, top to bottom."""
    docs = window.document_list
    top = docs.rowAt(0)
    bottom = docs.rowAt(docs.viewport().height() - 1)
    bottom = docs.model().rowCount() - 1 if bottom < 0 else bottom
    return [docs.model().index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(top, bottom + 1)]


def assert_shows(window, expected: list[tuple[int, str, str]]) -> None:  # type: ignore[no-untyped-def]
    model = window.document_list.model()
    assert model.rowCount() == len(expected)
    ids = shown(window)
    assert ids, "no rows painted"
    first = [e[0] for e in expected].index(ids[0])
    assert ids == [e[0] for e in expected[first : first + len(ids)]]
    for row in range(first, first + len(ids)):
        assert model.index(row, 0).data() == expected[row][1]


def assert_window_small(model) -> None:  # type: ignore[no-untyped-def]
    assert model.cached_rows <= CACHED_PAGES * PAGE
    assert model.pages_read < model.rowCount() // PAGE // 2


def test_the_list_counts_every_document_up_front(open_window, big_db):
    window = open_window(big_db)
    model = window.document_list.model()
    assert model.rowCount() == model.total == len(listed(big_db))
    assert_window_small(model)


def test_ctrl_end_selects_and_opens_the_last_document_and_ctrl_home_the_first(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, model, expected = window.document_list, window.document_list.model(), listed(big_db)
    docs.setFocus()
    qtbot.keyClick(docs, Qt.Key.Key_End, CTRL)
    assert window.session.document.id == expected[-1][0]
    assert docs.currentIndex().row() == len(expected) - 1
    assert window.position_label.text().startswith(f"{len(expected)} / {len(expected)}")
    qtbot.wait(20)
    assert_shows(window, expected)
    qtbot.keyClick(docs, Qt.Key.Key_Home, CTRL)
    assert window.session.document.id == expected[0][0]
    assert docs.currentIndex().row() == 0
    assert_window_small(model)


def test_opening_a_document_far_down_selects_its_row_without_reading_every_page(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, model, expected = window.document_list, window.document_list.model(), listed(big_db)
    row = len(expected) * 4 // 5 + 3
    window.session.open_document(expected[row][0])
    assert docs.currentIndex().row() == row
    assert model.row_of(expected[row][0]) == row
    assert window.position_label.text().startswith(f"{row + 1} / {len(expected)}")
    qtbot.wait(20)
    assert expected[row][0] in shown(window)
    assert_shows(window, expected)
    assert_window_small(model)
    docs.step(1)  # Ctrl+PgDown
    assert window.session.document.id == expected[row + 1][0]


def test_scrolling_the_bar_to_the_end_shows_the_last_rows(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, expected = window.document_list, listed(big_db)
    bar = docs.verticalScrollBar()
    for value in (bar.maximum() // 2, bar.maximum(), bar.maximum() // 3, bar.maximum()):
        bar.setValue(value)
        qtbot.wait(10)
        assert_shows(window, expected)
    assert shown(window)[-1] == expected[-1][0]
    assert window.session.document.id == expected[0][0]  # scrolling opens nothing
    assert_window_small(docs.model())


def test_status_filter_shows_the_right_rows_and_follows_status_changes(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, model = window.document_list, window.document_list.model()
    combo = window.document_filter.status
    combo.setCurrentIndex(combo.findData("done"))
    done = listed(big_db, "done")
    assert_shows(window, done)
    docs.setFocus()
    qtbot.keyClick(docs, Qt.Key.Key_End, CTRL)
    assert window.session.document.id == done[-1][0]
    assert_shows(window, done)

    # A document far down leaves the filter: it leaves the list and stays open; the rows after
    # it move up, the rows before it stay.
    row = len(done) - 5
    leaving = done[row][0]
    window.session.open_document(leaving)
    assert docs.currentIndex().row() == row
    window.session.set_status("in_progress")
    assert window.session.document.id == leaving
    after = listed(big_db, "done")
    assert len(after) == len(done) - 1 and model.rowCount() == len(after)
    assert [model.doc_id(r) for r in range(len(after))] == [d[0] for d in after]
    assert model.row_of(leaving) is None
    assert "not listed" in window.position_label.text()
    qtbot.wait(10)
    assert_shows(window, after)

    # Undo brings it back at its place and selects it.
    qtbot.keyClick(article(window), Qt.Key.Key_Z, CTRL)
    assert listed(big_db, "done") == done
    assert model.rowCount() == len(done)
    assert [model.doc_id(r) for r in range(len(done) - 20, len(done))] == [d[0] for d in done[-20:]]
    assert docs.currentIndex().row() == row
    assert window.session.document.id == leaving

    # Back to every document: the open one keeps its row.
    combo.setCurrentIndex(combo.findData(None))
    everything = listed(big_db)
    assert docs.currentIndex().row() == [d[0] for d in everything].index(leaving)
    assert_shows(window, everything)
    assert_window_small(model)


def test_an_edit_far_down_refreshes_its_row(open_window, big_db, qtbot):
    window = open_window(big_db)
    model, expected = window.document_list.model(), listed(big_db)
    row = max(r for r, d in enumerate(expected[:-40]) if d[2] == "new")
    window.session.open_document(expected[row][0])
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert model.index(row, 2).data() == 1
    assert model.index(row, 1).data() == "in progress"  # a new document is now in progress


def test_search_filter_lists_the_matching_rows(open_window, big_db, qtbot):
    with Store(big_db) as store:
        ids = store.document_ids()
        for doc_id in ids[::50]:
            store.conn.execute("UPDATE documents SET text = text || ' بيروت' WHERE id = ?", (doc_id,))
    window = open_window(big_db)
    model = window.document_list.model()
    window.filter_documents(None, "بيروت")
    qtbot.waitUntil(lambda: model.search == "بيروت", timeout=10000)
    assert [model.doc_id(r) for r in range(model.rowCount())] == ids[::50]
    window.filter_documents("done", "بيروت")
    with Store(big_db) as store:
        expected = [d for d in ids[::50] if store.document_summary(d).status == "done"]
    assert [model.doc_id(r) for r in range(model.rowCount())] == expected


def test_go_to_opens_a_document_by_external_id_or_title(open_window, big_db):
    window = open_window(big_db)
    docs, expected = window.document_list, listed(big_db)
    with Store(big_db) as store:
        target = store.conn.execute("SELECT id FROM documents WHERE ext_id = 'n2500'").fetchone()[0]
    assert docs.go_to("n2500")
    assert window.session.document.id == target
    assert docs.currentIndex().row() == [d[0] for d in expected].index(target)
    assert docs.go_to("عنوان الخبر 2701")
    assert window.session.document.title == "عنوان الخبر 2701"
    assert not docs.go_to("لا يوجد")
    assert window.session.document.title == "عنوان الخبر 2701"
    assert_window_small(docs.model())


def test_an_estimated_count_corrected_keeps_the_current_row(open_window, big_db):
    window = open_window(big_db)
    docs, model, expected = window.document_list, window.document_list.model(), listed(big_db)
    window.session.open_document(expected[10][0])
    model.set_total(500)  # as if only a capped count were known
    assert model.rowCount() == 500 and docs.currentIndex().row() == 10
    model.set_total(len(expected))
    assert model.rowCount() == len(expected) and docs.currentIndex().row() == 10
    assert model.doc_id(len(expected) - 1) == expected[-1][0]


def test_a_frequent_search_lists_its_first_rows_at_once_then_counts_on(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, model = window.document_list, window.document_list.model()
    expected = listed(big_db)  # every document mentions موسكو
    assert len(expected) > SEARCH_CAP
    window.filter_documents(None, "موسكو")
    qtbot.waitUntil(lambda: model.search == "موسكو", timeout=20000)
    assert model.rowCount() == SEARCH_CAP and not model.exact
    assert window.position_label.text().startswith(f"1 / {SEARCH_CAP}+")
    bar = docs.verticalScrollBar()
    bar.setValue(bar.maximum())  # the view reaches the end: more rows come
    qtbot.waitUntil(lambda: model.rowCount() > SEARCH_CAP, timeout=3000)
    assert model.rowCount() == len(expected) and model.exact
    assert_shows(window, expected)

    window.filter_documents(None, "موسكو و")  # again estimated
    qtbot.waitUntil(lambda: model.search == "موسكو و", timeout=20000)
    assert not model.exact
    docs.setFocus()
    qtbot.keyClick(docs, Qt.Key.Key_End, CTRL)
    assert model.exact and model.rowCount() == len(expected)
    assert window.session.document.id == expected[-1][0]
    assert docs.currentIndex().row() == len(expected) - 1

    window.filter_documents("done", "موسكو و")
    qtbot.waitUntil(lambda: model.status == "done", timeout=20000)
    done = listed(big_db, "done")
    assert not model.exact or model.rowCount() == len(done)
    far = done[-3][0]
    window.session.open_document(far)  # past the rows counted so far
    assert model.exact and model.rowCount() == len(done)
    assert docs.currentIndex().row() == len(done) - 3
    assert_shows(window, done)


def test_go_to_asks_for_a_name_and_first_and_last_open_the_ends(open_window, big_db):
    window = open_window(big_db)
    docs, expected = window.document_list, listed(big_db)
    when_dialog(QInputDialog, lambda box: (box.setTextValue("عنوان الخبر 1999"), box.accept()))
    assert docs.ask_go_to()
    assert window.session.document.title == "عنوان الخبر 1999"
    assert docs.open_last()
    assert window.session.document.id == expected[-1][0]
    assert docs.open_first()
    assert window.session.document.id == expected[0][0]


def test_next_document_goes_past_a_searchs_first_rows(open_window, big_db, qtbot):
    window = open_window(big_db)
    docs, model, expected = window.document_list, window.document_list.model(), listed(big_db)
    window.filter_documents(None, "موسكو")
    qtbot.waitUntil(lambda: model.search == "موسكو", timeout=20000)
    assert not model.exact
    assert docs.open_row(SEARCH_CAP - 1)
    assert docs.step(1)  # Ctrl+PgDown on the last row counted so far
    assert window.session.document.id == expected[SEARCH_CAP][0]
    assert docs.currentIndex().row() == SEARCH_CAP
