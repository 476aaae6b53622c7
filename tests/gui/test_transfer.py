"""Import and export from the window: drag and drop, progress, cancel leaves nothing behind."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from model.store import Store


def _drop(window, paths) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropping_files_on_the_window_imports_them(window, db_path, tmp_path):
    article = tmp_path / "new.txt"
    article.write_text("خبر جديد من بيروت\n\nنص الخبر.", encoding="utf-8")
    _drop(window, [article])
    assert window.document_list.model().rowCount() == 4
    with Store(db_path) as store:
        assert store.document_count() == 4
    assert "Imported 1 documents" in window.statusBar().currentMessage()


def test_bad_file_in_gui_import_is_reported_and_nothing_changes(window, db_path, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    good = tmp_path / "good.txt"
    good.write_text("خبر سليم", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    window.import_paths([str(good), str(bad)])
    assert shown and "bad.txt" in shown[0] and "Nothing was changed" in shown[0]
    with Store(db_path) as store:
        assert store.document_count() == 3


def test_cancelled_import_keeps_nothing(window, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    lines = [json.dumps({"id": f"d{i}", "text": f"خبر رقم {i}"}, ensure_ascii=False) for i in range(500)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    window.import_paths([str(tmp_path / "many.jsonl")])
    with Store(db_path) as store:
        assert store.document_count() == 3
    assert "cancelled" in window.statusBar().currentMessage()


def test_export_from_the_window_writes_the_file_and_names_the_offset_unit(window, tmp_path):
    out = tmp_path / "out.jsonl"
    window.export(str(out), "jsonl")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert "code points" in window.statusBar().currentMessage()


def test_cancelled_export_leaves_no_file(open_window, tmp_path, monkeypatch):
    path = tmp_path / "big.db"
    with Store(path) as store:
        for i in range(450):
            store.insert_document(f"d{i}", f"خبر رقم {i}")
    window = open_window(str(path))
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    window.export(str(out_dir / "corpus.jsonl"), "jsonl")
    assert list(out_dir.iterdir()) == []


def test_corpus_search_lists_matching_documents_ignoring_harakat(window, qtbot):
    search = window.document_filter.search
    search.setText("ببحر")  # 002 has بِبَحر with harakat
    model = window.document_list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert model.index(0, 0).data().startswith("اِسْتَدْعَتْ")
    assert window.session.document.id == 3
    search.setText("")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=3000)


def test_status_filter_shows_only_documents_of_that_status(window, qtbot):
    window.session.set_status("done")
    combo = window.document_filter.status
    combo.setCurrentIndex(combo.findData("done"))
    model = window.document_list.model()
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["done"]
