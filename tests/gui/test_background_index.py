"""The search index catches up in the background: the window stays usable, the list keeps its place."""

from __future__ import annotations

import json
from pathlib import Path

from gui import create_main_window
from model import search as search_index
from model.importing import import_paths
from model.store import Store


def write_articles(path: Path, count: int, word: str = "مرفأ") -> Path:
    texts = [f"خبر رقم {i} عن {word} في المدينة رقم {i * 7}" for i in range(count)]
    lines = [json.dumps({"id": f"n{i}", "text": text}, ensure_ascii=False) for i, text in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def unindexed(db_path: str, tmp_path: Path, count: int) -> None:
    """Store ``count`` articles the way an import does: committed, not yet indexed for search."""
    with Store(db_path) as store:
        import_paths(store, [write_articles(tmp_path / "many.jsonl", count)])
        assert search_index.pending(store) >= count


def opened_while_indexing(qtbot, db_path: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window opened on 3,000 unindexed articles, its background indexing under way."""
    unindexed(db_path, tmp_path, 3000)
    window = create_main_window(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.transfers.indexing is not None, timeout=3000)
    return window


def test_documents_stored_unindexed_are_indexed_in_the_background_at_open(qtbot, db_path, tmp_path):
    unindexed(db_path, tmp_path, 1200)
    window = create_main_window(db_path)
    qtbot.addWidget(window)
    bar = window.transfers.index_bar
    shown: list[tuple[bool, int]] = []
    bar.bar.valueChanged.connect(lambda value: shown.append((bar.isVisible(), value)))
    indexed = window.transfers.finished
    with qtbot.waitSignal(indexed, timeout=20000, check_params_cb=lambda kind, _r: kind == "index"):
        window.show()
    assert shown and all(visible for visible, _ in shown)  # the status bar showed how far it was
    assert shown[-1][1] == bar.bar.maximum() >= 1200
    assert not window.transfers.index_bar.isVisible()
    assert search_index.pending(window.session.store) == 0
    window.close()


def test_a_search_typed_while_indexing_lists_its_matches_once_the_index_is_ready(window, tmp_path, qtbot):
    source = write_articles(tmp_path / "port.jsonl", 800, word="ميناء")
    imported = window.transfers.finished
    with qtbot.waitSignal(imported, timeout=20000, check_params_cb=lambda kind, _r: kind == "import"):
        window.import_paths([str(source)])
    assert window.transfers.indexing is not None  # started by the import, in the background
    window.document_filter.search.setText("ميناء")
    model = window.document_list.model()
    qtbot.waitUntil(lambda: window.transfers.indexing is None, timeout=20000)
    qtbot.waitUntil(lambda: model.rowCount() == 800, timeout=5000)
    assert model.index(0, 0).data().startswith("خبر رقم 0 عن ميناء")


def test_an_import_asked_for_while_indexing_runs_after_it_and_nothing_is_lost(qtbot, db_path, tmp_path):
    window = opened_while_indexing(qtbot, db_path, tmp_path)
    extra = write_articles(tmp_path / "extra.jsonl", 5, word="جسر")
    imported = window.transfers.finished
    with qtbot.waitSignal(imported, timeout=20000, check_params_cb=lambda kind, _r: kind == "import") as got:
        assert window.import_paths([str(extra)])
    assert got.args[1].outcome == "done"
    qtbot.waitUntil(lambda: window.transfers.indexing is None, timeout=20000)
    store = window.session.store
    assert store.document_count() == 3 + 3000 + 5
    assert search_index.pending(store) == 0
    assert len(store.document_summaries(search="جسر")) == 5
    window.close()


def test_tagging_while_the_index_is_built_is_saved(qtbot, db_path, tmp_path):
    window = opened_while_indexing(qtbot, db_path, tmp_path)
    session = window.session
    session.open_document(session.store.document_ids()[0])
    text = session.document.text
    start = text.index("موسكو")
    assert session.tag(start, start + len("موسكو"), "PLACE") is not None
    assert not session.unsaved  # committed, though the index was writing meanwhile
    qtbot.waitUntil(lambda: window.transfers.indexing is None, timeout=20000)
    with Store(db_path) as other:
        assert [(s.start, s.label) for s in other.spans(session.document.id)] == [(start, "PLACE")]
    window.close()


def test_the_list_keeps_its_selection_when_another_program_changes_a_status(window, db_path, qtbot):
    view = window.document_list
    model = view.model()
    view.setCurrentIndex(model.index(1, 0))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with Store(db_path) as other:
        other.set_status(other.document_ids()[2], "done")
    assert window.session.refresh()
    assert resets == []
    assert view.currentIndex().row() == 1
    assert model.index(2, 1).data() == "done"
