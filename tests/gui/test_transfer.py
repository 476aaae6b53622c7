"""Import and export from the window: drag and drop, progress, cancel leaves nothing behind."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from model.store import Store
from tests.gui.conftest import when_dialog


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


def finished(qtbot, window, start):  # type: ignore[no-untyped-def]
    """Start an import or export with ``start()`` and wait for its result."""
    with qtbot.waitSignal(
        window.transfers.finished, timeout=20000, check_params_cb=lambda kind, _result: kind != "index"
    ) as blocker:
        assert start() is not False
    return blocker.args[1]


def cancel_at_first_progress(window) -> None:  # type: ignore[no-untyped-def]
    window.transfers.task.progressed.connect(lambda *_: window.transfers.task.cancel())


def test_dropping_files_on_the_window_imports_them(window, db_path, tmp_path, qtbot):
    article = tmp_path / "new.txt"
    article.write_text("خبر جديد من بيروت\n\nنص الخبر.", encoding="utf-8")
    assert finished(qtbot, window, lambda: _drop(window, [article])).outcome == "done"
    assert window.document_list.model().rowCount() == 4
    with Store(db_path) as store:
        assert store.document_count() == 4
    assert window.statusBar().currentMessage() == "Imported 1 document with 0 spans."


def test_bad_file_in_gui_import_is_reported_after_the_progress_closes(window, db_path, tmp_path, qtbot):
    shown = []

    def read(box: QMessageBox) -> None:
        visible = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        shown.append((box.text(), visible))
        box.accept()

    when_dialog(QMessageBox, read)
    good = tmp_path / "good.txt"
    good.write_text("خبر سليم", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    assert finished(qtbot, window, lambda: window.import_paths([str(good), str(bad)])).outcome == "failed"
    [(text, progress_dialogs)] = shown
    assert "bad.txt" in text and "Nothing was imported" in text
    assert progress_dialogs == []
    with Store(db_path) as store:
        assert store.document_count() == 3


def test_cancelled_import_keeps_nothing(window, db_path, tmp_path, qtbot):
    lines = [json.dumps({"id": f"d{i}", "text": f"خبر رقم {i}"}, ensure_ascii=False) for i in range(3000)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def start() -> None:
        window.import_paths([str(tmp_path / "many.jsonl")])
        cancel_at_first_progress(window)

    assert finished(qtbot, window, start).outcome == "cancelled"
    with Store(db_path) as store:
        assert store.document_count() == 3
    assert window.statusBar().currentMessage() == "Import cancelled; nothing was imported."
    assert window.document_list.model().rowCount() == 3


def test_export_from_the_window_writes_the_file_and_names_the_offset_unit(window, tmp_path, qtbot):
    out = tmp_path / "out.jsonl"
    assert finished(qtbot, window, lambda: window.export(str(out), "jsonl")).outcome == "done"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert "code points" in window.statusBar().currentMessage()


def test_cancelled_export_leaves_no_file(open_window, tmp_path, qtbot):
    path = tmp_path / "big.db"
    with Store(path) as store:
        for i in range(3000):
            store.insert_document(f"d{i}", f"خبر رقم {i}")
    window = open_window(str(path))
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def start() -> None:
        window.export(str(out_dir / "corpus.jsonl"), "jsonl")
        cancel_at_first_progress(window)

    assert finished(qtbot, window, start).outcome == "cancelled"
    assert list(out_dir.iterdir()) == []


def test_corpus_search_lists_matching_documents_ignoring_harakat(window, qtbot):
    search = window.document_filter.search
    search.setText("ببحر")  # 002 has بِبَحر with harakat
    model = window.document_list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert model.index(0, 0).data().startswith("اِسْتَدْعَتْ")
    search.setText("")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=3000)


def test_status_filter_shows_only_documents_of_that_status(window, qtbot):
    window.session.set_status("done")
    combo = window.document_filter.status
    combo.setCurrentIndex(combo.findData("done"))
    model = window.document_list.model()
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["done"]


def test_the_export_dialog_offers_the_gold_layer_each_analyst_or_all(window, tmp_path, qtbot):
    from gui.transfer_dialogs import ExportDialog

    session = window.session
    text = session.document.text
    start = text.index("موسكو")
    for who in ("amal", "gold"):
        session.store.add_span(session.document.id, start, start + len("موسكو"), "PLACE", who)
    offered: list[list[object]] = []

    def choose(dialog: ExportDialog) -> None:
        offered.append([dialog.layer.itemData(i) for i in range(dialog.layer.count())])
        dialog.path.setText(str(tmp_path / "out.jsonl"))
        dialog.layer.setCurrentIndex(dialog.layer.findData("amal"))
        dialog.accept()

    when_dialog(ExportDialog, choose)
    exported = window.transfers.finished
    with qtbot.waitSignal(exported, timeout=20000, check_params_cb=lambda kind, _r: kind == "export"):
        window._on_export()
    assert offered == [[None, "all", "amal"]]  # gold is the default, not an analyst
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["annotator"] for r in records for s in r["spans"]] == ["amal"]
