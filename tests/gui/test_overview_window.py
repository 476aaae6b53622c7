"""The corpus overview window: a label's spans across the corpus, paged, grouped, editable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMainWindow

from gui.overview_window import CACHED_PAGES, PAGE, OverviewWindow
from model.search import update_index
from model.store import Store

TEXTS = [
    "زار الوزير أذربيجان أمس، وقال إن أذربيجان شريك.",
    "وصل الرئيس إلى اذربيجان في زيارة رسمية.",
    "تقع آذربيجان على بحر قزوين، وعاصمتها باكو.",
]
SPELLINGS = ("أذربيجان", "اذربيجان", "آذربيجان")


def build(path: str) -> dict[str, int]:
    """Three short articles naming Azerbaijan in three spellings, each tagged PLACE."""
    with Store(path) as store:
        ids = {}
        for i, text in enumerate(TEXTS):
            doc = store.insert_document(f"az-{i}", text, title=f"خبر {i + 1}")
            assert doc is not None
            ids[f"az-{i}"] = doc
            for word in SPELLINGS:
                at = text.find(word)
                while at >= 0:  # every occurrence
                    store.add_span(doc, at, at + len(word), "PLACE", "amal")
                    at = text.find(word, at + 1)
        at = TEXTS[2].index("باكو")
        store.add_span(ids["az-2"], at, at + 4, "PLACE", "badr")
        update_index(store)
    return ids


def open_overview(window: QMainWindow, qtbot, label: str = "PLACE") -> OverviewWindow:  # type: ignore[no-untyped-def]
    action = next(a for a in window.registry.groups["View"] if a.text() == "Corpus &overview…")
    action.trigger()
    overview = window.findChild(OverviewWindow, "overviewWindow")
    assert overview is not None
    overview.show_label(label)
    qtbot.waitExposed(overview)
    return overview


def stored_labels(path: str) -> list[str]:
    with Store(path) as store:
        return [row[0] for row in store.conn.execute("SELECT label FROM spans ORDER BY id")]


def test_opens_on_a_label_and_pages_as_it_scrolls(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    n = 5000
    with Store(db_path) as store:
        text = " ".join(f"مدينة{i}" for i in range(n))
        doc = store.insert_document("many", text)
        assert doc is not None
        ranges, at = [], 0
        for i in range(n):
            ranges.append((at, at + len(f"مدينة{i}")))
            at += len(f"مدينة{i}") + 1
        store.add_spans(doc, ranges, "PLACE", "amal")
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    model, view = overview.span_model, overview.spans_view
    assert model.rowCount() == n
    assert model.rows_held <= 2 * PAGE
    assert overview.count_label.text() == f"{n:,} PLACE spans"
    for fraction in (0.25, 0.5, 0.75, 1.0):
        view.verticalScrollBar().setValue(int(view.verticalScrollBar().maximum() * fraction))
        qtbot.wait(10)
    last = model.span_row(n - 1)
    assert last is not None and last.text == f"مدينة{n - 1}"
    assert model.rows_held <= CACHED_PAGES * PAGE < 1000
    assert model.pages_read >= 4


def test_double_click_opens_the_document_at_the_span(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = build(db_path)
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    model, view = overview.span_model, overview.spans_view
    row = next(r for r in range(model.rowCount()) if model.span_row(r).text == "آذربيجان")  # type: ignore[union-attr]
    index = model.index(row, 2)
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    session = window.session
    assert session.document is not None and session.document.id == ids["az-2"]
    start = TEXTS[2].index("آذربيجان")
    assert window.article_view.selected_range() == (start, start + len("آذربيجان"))


def test_relabel_many_is_one_step_and_ctrl_z_restores(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    build(db_path)
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    overview.set_filter("اذربيجان")
    model = overview.span_model
    assert model.rowCount() == 4
    before = stored_labels(db_path)
    overview.spans_view.selectAll()
    overview.filter.setFocus()
    qtbot.keyClick(overview.filter, Qt.Key.Key_Delete)  # edits the filter box, never the spans
    assert stored_labels(db_path) == before
    overview.spans_view.selectAll()
    action = overview.findChild(type(overview.delete_action), "overviewRelabelACTOR")
    assert action is not None
    depth = window.session.undo_stack.count()
    action.trigger()
    assert window.session.undo_stack.count() == depth + 1
    assert stored_labels(db_path).count("ACTOR") == before.count("ACTOR") + 4
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_labels(db_path) == before
    qtbot.waitUntil(lambda: model.rowCount() == 4)


def test_delete_key_removes_selected_rows_and_ctrl_z_there_restores(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    build(db_path)
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    model = overview.span_model
    total = model.rowCount()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        overview.spans_view.selectionModel().select(model.index(row, 0), flags)
    with Store(db_path) as store:
        ids_before = [row[0] for row in store.conn.execute("SELECT id FROM spans ORDER BY id")]
    overview.activateWindow()
    qtbot.waitUntil(overview.isActiveWindow, timeout=3000)
    overview.spans_view.setFocus()
    qtbot.keyClick(overview.spans_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: model.rowCount() == total - 2)
    qtbot.keyClick(overview.spans_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # its own undo
    with Store(db_path) as store:
        assert [row[0] for row in store.conn.execute("SELECT id FROM spans ORDER BY id")] == ids_before
    qtbot.waitUntil(lambda: model.rowCount() == total)


def test_grouped_tab_shows_one_row_for_three_spellings(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    build(db_path)
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    with qtbot.waitSignal(overview.analysed, timeout=10000):
        overview.tabs.setCurrentWidget(overview.groups_view)
    rows = overview.group_model.rows
    azerbaijan = [g for g in rows if g.key == "اذربيجان"]
    assert len(azerbaijan) == 1
    group = azerbaijan[0]
    assert (group.spans, group.documents) == (4, 3)
    assert set(group.spellings) == set(SPELLINGS)
    shown = overview.group_model.index(rows.index(group), 1).data()
    assert all(spelling in shown for spelling in SPELLINGS)


def test_header_click_sorts_by_analyst_in_a_worker(open_window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    build(db_path)
    window = open_window(db_path)
    overview = open_overview(window, qtbot)
    view, model = overview.spans_view, overview.span_model
    with qtbot.waitSignal(overview.resorted, timeout=10000):
        view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    names = [model.span_row(r).annotator for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert names == sorted(names, reverse=True) and names[0] == "badr"
    overview.set_filter("باكو")
    assert model.rowCount() == 1 and model.span_row(0).text == "باكو"  # type: ignore[union-attr]
