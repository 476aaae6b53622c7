"""File → Merge…: an analyst's database merged into the open one, in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from model.store import Store, content_hash
from model.textio import read_text_file
from tests.conftest import SEED
from tests.gui.conftest import when_dialog

NEW_TEXT = "وصل الوفد إلى باكو صباح الاثنين"


def _analyst_file(path: Path) -> Path:
    """Huda's file: the seed article (also in the window's database) tagged, and one of her own."""
    seed = read_text_file(SEED)
    with Store(path) as store:
        store.set_setting("analyst", "huda")
        seed_id = store.insert_document("seed", seed)
        new_id = store.insert_document("huda-1", NEW_TEXT, title="وفد")
        assert seed_id is not None and new_id is not None
        word = seed.split()[0]
        store.add_span(seed_id, 0, len(word), "ACTOR")
        store.add_span(new_id, NEW_TEXT.index("باكو"), NEW_TEXT.index("باكو") + 4, "PLACE")
    return path


def _merge_action(window):  # type: ignore[no-untyped-def]
    return next(a for a in window.registry.groups["File"] if a.text() == "&Merge…")


def test_file_merge_merges_a_database_and_the_list_shows_its_new_documents(
    window, db_path, tmp_path, qtbot, monkeypatch
):
    source = _analyst_file(tmp_path / "huda.db")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(source)], ""))
    rows = window.document_list.model().rowCount()
    with qtbot.waitSignal(
        window.transfers.finished, timeout=20000, check_params_cb=lambda kind, _result: kind == "merge"
    ) as blocker:
        _merge_action(window).trigger()
    assert blocker.args[1].outcome == "done"
    assert window.document_list.model().rowCount() == rows + 1
    assert window.statusBar().currentMessage().startswith(
        "Merged 1 database: 1 document added, 1 matched, 2 spans and 0 relations added"
    )
    with Store(db_path) as store:
        new_id = store.find_by_hash(content_hash(NEW_TEXT))
        assert new_id is not None
        assert [(s.label, s.annotator) for s in store.spans(new_id)] == [("PLACE", "huda")]
    model = window.document_list.model()
    assert "وفد" in [model.index(row, 0).data() for row in range(model.rowCount())]  # its title
    assert window.session.document.content_hash == content_hash(read_text_file(SEED))
    assert [(s.label, s.annotator) for s in window.session.index] == [("ACTOR", "huda")]  # drawn at once
    qtbot.waitUntil(lambda: window.transfers.indexing is None, timeout=10000)  # the new one is indexed


def test_a_file_that_is_not_a_database_is_reported_and_nothing_is_merged(window, db_path, tmp_path, qtbot):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database " * 50, encoding="utf-8")
    shown: list[str] = []

    def read(box: QMessageBox) -> None:
        shown.append(box.text())
        box.accept()

    when_dialog(QMessageBox, read)
    with Store(db_path) as store:
        before = store.document_count()
    with qtbot.waitSignal(
        window.transfers.finished, timeout=20000, check_params_cb=lambda kind, _result: kind == "merge"
    ) as blocker:
        assert window.transfers.merge([str(bad)])
    assert blocker.args[1].outcome == "failed"
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].startswith(f"{bad}: not an SQLite database")
    assert "Nothing was merged." in shown[0]
    with Store(db_path) as store:
        assert store.document_count() == before
