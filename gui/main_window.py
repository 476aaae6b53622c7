"""The main window: wires the document list, article view, label bar and span panel together."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from model import search as search_index
from model.commands import Change
from model.exporting import export_documents
from model.formats.base import ReadOptions
from model.importing import import_paths
from model.records import Document

from .article_view import ArticleView
from .document_list import DocumentFilter, DocumentList, DocumentListModel
from .find_bar import FindBar
from .label_bar import LabelBar
from .session import Session
from .span_panel import SpanPanel
from .transfer import run_with_progress
from .transfer_dialogs import ExportDialog, ImportOptionsDialog

SHORTCUTS = (
    ("1 … 9", "Tag the selection with the label of that key"),
    ("Double-click", "Select a word"),
    ("Shift+arrows", "Extend the selection"),
    ("Alt+drag", "Select exact characters (leave a clitic out)"),
    ("Delete", "Delete the span at the caret"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Ctrl+Return", "Mark done and open the next unfinished document"),
    ("Ctrl+PgDown / Ctrl+PgUp", "Next / previous document"),
    ("Ctrl+F, F3", "Find (ignoring harakat and letter forms), next match; tag all matches"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
)


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Hashiya حاشية")
        self.resize(1280, 820)

        self.article_view = ArticleView(self)
        self.document_model = DocumentListModel(session.store, self)
        self.document_list = DocumentList(self)
        self.document_list.setModel(self.document_model)
        self.span_panel = SpanPanel(self)
        self.label_bar = LabelBar(self)
        self.label_bar.set_labels(session.labels)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)

        self.find_bar = FindBar(self.article_view, self)
        self.find_bar.set_labels(session.labels)
        reading = QWidget(self)
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.article_view)
        column.addWidget(self.find_bar)
        self.document_filter = DocumentFilter(self)
        browsing = QWidget(self)
        stack = QVBoxLayout(browsing)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.document_filter)
        stack.addWidget(self.document_list)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(browsing)
        splitter.addWidget(reading)
        splitter.addWidget(self.span_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 680, 340])
        self.setCentralWidget(splitter)
        self.position_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.position_label)

        self.setAcceptDrops(True)
        self._build_menus()
        self._connect()

    # ---- construction -------------------------------------------------------------------

    def _action(self, text: str, slot, shortcuts: tuple[str | QKeySequence, ...] = ()) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Import files…", self._on_import, ("Ctrl+I",)))
        file_menu.addAction(self._action("Import &folder…", self._on_import_folder))
        file_menu.addAction(self._action("&Export…", self._on_export, ("Ctrl+E",)))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, (QKeySequence.StandardKey.Quit,)))

        edit = bar.addMenu("&Edit")
        undo = self.session.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.session.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit.addSeparator()
        tag_menu = edit.addMenu("&Tag selection as")
        for label in self.session.labels:
            action = QAction(f"{label.name}  {label.title}", self)
            if label.key:
                action.setShortcut(QKeySequence(str(label.key)))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.article_view.addAction(action)
            action.triggered.connect(lambda _=False, n=label.name: self._tag(n))
            tag_menu.addAction(action)
        delete = self._action("&Delete span at caret", self._delete_at_caret, ("Delete",))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.article_view.addAction(delete)
        edit.addAction(delete)
        edit.addSeparator()
        edit.addAction(self._action("&Find…", self.find_bar.open_bar, (QKeySequence.StandardKey.Find,)))
        edit.addAction(self._action("Find &next", lambda: self.find_bar.step(1), ("F3",)))
        edit.addAction(self._action("Find &previous", lambda: self.find_bar.step(-1), ("Shift+F3",)))

        view = bar.addMenu("&View")
        view.addAction(self._action("Zoom &in", lambda: self.article_view.zoom_by(1), ("Ctrl++", "Ctrl+=")))
        view.addAction(self._action("Zoom &out", lambda: self.article_view.zoom_by(-1), ("Ctrl+-",)))
        view.addAction(self._action("&Reset zoom", self.article_view.reset_zoom, ("Ctrl+0",)))
        view.addSeparator()
        self.snap_action = QAction("&Snap selection to whole words", self, checkable=True)
        self.snap_action.setChecked(True)
        self.snap_action.setToolTip(
            "Off, or Alt while dragging: select exact characters, e.g. موسكو in بموسكو"
        )
        self.snap_action.toggled.connect(self._on_snap_toggled)
        view.addAction(self.snap_action)

        doc = bar.addMenu("&Document")
        doc.addAction(self._action("Mark &done and next", self._done_and_next, ("Ctrl+Return", "Ctrl+Enter")))
        doc.addAction(self._action("Mark &skipped and next", self._skip_and_next, ("Ctrl+Shift+Return",)))
        doc.addAction(self._action("&Reopen (in progress)", lambda: self.session.set_status("in_progress")))
        doc.addSeparator()
        doc.addAction(self._action("&Next document", lambda: self._step(1), ("Ctrl+PgDown",)))
        doc.addAction(self._action("&Previous document", lambda: self._step(-1), ("Ctrl+PgUp",)))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", self._show_shortcuts, ("F1",)))

    def _connect(self) -> None:
        s = self.session
        s.documentOpened.connect(self._on_document_opened)
        s.changed.connect(self._on_changed)
        s.failed.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.article_view.labelKeyPressed.connect(lambda i: self._tag(s.labels[i].name))
        self.article_view.deleteKeyPressed.connect(self._delete_at_caret)
        self.article_view.tagRequested.connect(self._tag)
        self.article_view.relabelRequested.connect(s.relabel)
        self.article_view.removeRequested.connect(s.remove)
        self.article_view.linkRequested.connect(s.link)
        self.article_view.unlinkRequested.connect(s.unlink)
        self.label_bar.labelChosen.connect(self._tag)
        self.find_bar.tagAllRequested.connect(
            lambda ranges, label: s.tag_ranges(ranges, label, self.find_bar.field.text())
        )
        self.document_list.selectionModel().currentRowChanged.connect(self._on_document_row_changed)
        self.span_panel.clicked.connect(self._on_span_clicked)
        self.document_filter.changed.connect(self.filter_documents)
        self.span_panel.activated.connect(self._on_span_clicked)

    # ---- documents ----------------------------------------------------------------------

    def open_first(self) -> None:
        if self.document_model.rowCount():
            self.session.open_document(self.document_model.doc_id(0))

    def _on_document_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.open_document(self.document_model.doc_id(current.row()))

    def _on_document_opened(self, document: Document) -> None:
        spans = self.session.spans()
        self.article_view.set_article(document.text, spans, self.session.labels)
        self.article_view.set_relations(self.session.relations())
        self.span_panel.span_model.set_document(
            document.text, spans, self.session.labels, self.article_view.relations
        )
        row = self.document_model.ensure_loaded(document.id)
        if row is not None:
            selection = self.document_list.selectionModel()
            index = self.document_model.index(row, 0)
            if selection.currentIndex().row() != row:
                selection.blockSignals(True)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                selection.blockSignals(False)
                self.document_list.scrollTo(index)
        self.setWindowTitle(f"{document.title or document.ext_id} — Hashiya حاشية")
        if self.find_bar.isVisible():
            self.find_bar.search()
        self._update_position()
        self.article_view.setFocus()

    def filter_documents(self, status: str | None, search: str) -> None:
        """List only matching documents; the first search after an import indexes new documents."""
        store = self.session.store
        if search and search_index.pending(store):
            done = run_with_progress(
                self, "Indexing for search", lambda p: search_index.update_index(store, p)
            )
            if done is None:
                return
        self.document_model.set_filter(status, search)
        shown = self.document_model.rowCount()
        if search or status:
            total = self.document_model.total
            noun = "document matches" if total == 1 else "documents match"
            self.statusBar().showMessage(f"{total} {noun}.", 6000)
        document = self.session.document
        if document is not None and self.document_model.row_of(document.id) is not None:
            self.document_list.selectRow(self.document_model.row_of(document.id))
        elif shown:
            self.session.open_document(self.document_model.doc_id(0))
        if search:  # show where the words are in the open document too
            self.find_bar.field.setText(search)
            self.find_bar.show()
            self.find_bar.search()

    def _step(self, delta: int) -> None:
        current = self.document_list.currentIndex().row()
        target = current + delta
        if target >= self.document_model.rowCount() and self.document_model.canFetchMore():
            self.document_model.fetchMore()
        if 0 <= target < self.document_model.rowCount():
            self.session.open_document(self.document_model.doc_id(target))

    def _finish_and_next(self, status: str) -> None:
        document = self.session.document
        if document is None:
            return
        self.session.set_status(status)
        following = self.session.store.next_unfinished(document.id)
        if following is None:
            self.statusBar().showMessage("Every document is done or skipped.", 6000)
        else:
            self.session.open_document(following)

    def _done_and_next(self) -> None:
        self._finish_and_next("done")

    def _skip_and_next(self) -> None:
        self._finish_and_next("skipped")

    def _on_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import articles and annotations",
            "",
            "Articles and annotations (*.txt *.jsonl *.json *.csv *.conll *.iob *.bio *.ann *.zip);;"
            "All files (*)",
        )
        if paths:
            self._import_with_options(paths)

    def _on_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder")
        if folder:
            self._import_with_options([folder])

    def _import_with_options(self, paths: list[str]) -> None:
        dialog = ImportOptionsDialog(self.session.store.label_names(), self)
        if dialog.exec() == ImportOptionsDialog.DialogCode.Accepted:
            fmt, options = dialog.options()
            self.import_paths(paths, fmt, options)

    def import_paths(self, paths: list[str], fmt: str = "auto", options: ReadOptions | None = None) -> None:
        """Import with a cancellable progress dialog; a failure or cancel keeps nothing."""
        store = self.session.store
        report = run_with_progress(
            self, "Importing", lambda progress: import_paths(store, paths, fmt, progress, options)
        )
        if report is None:
            if self.property("lastTransferError") == "cancelled":
                self.statusBar().showMessage("Import cancelled; nothing was imported.", 8000)
            return
        self.document_model.reload()
        if report.new_labels:
            self.session.labels = store.labels()
            self.label_bar.set_labels(self.session.labels)
            self.find_bar.set_labels(self.session.labels)
            self.article_view.set_labels(self.session.labels)
        if self.session.document is None:
            self.open_first()
        skipped = f"; {report.skipped_count} already here, skipped" if report.skipped else ""
        self.statusBar().showMessage(
            f"Imported {report.imported_count} documents with {report.spans} spans{skipped}.", 10000
        )

    def _on_export(self) -> None:
        dialog = ExportDialog(self.session.store.label_names(), parent=self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        self.export(**dialog.settings())  # type: ignore[arg-type]

    def export(self, out: str, fmt: str, **filters: object) -> None:
        store = self.session.store
        report = run_with_progress(
            self,
            "Exporting",
            lambda progress: export_documents(store, out, fmt, progress=progress, **filters),
        )
        if report is None:
            if self.property("lastTransferError") == "cancelled":
                self.statusBar().showMessage("Export cancelled; no file was written.", 8000)
            return
        notes = ", ".join(f"{k} {v}" for k, v in report.notes.items())
        self.statusBar().showMessage(
            f"Exported {report.documents} documents ({report.spans} spans) to {report.path}; "
            f"offsets in {report.offset_unit}" + (f"; {notes}" if notes else ""),
            12000,
        )

    # ---- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ---- edits --------------------------------------------------------------------------

    def _tag(self, label: str) -> None:
        start, end = self.article_view.selected_range()
        if self.session.tag(start, end, label) is not None:
            cursor = self.article_view.textCursor()
            cursor.clearSelection()
            self.article_view.setTextCursor(cursor)

    def _delete_at_caret(self) -> None:
        span = self.article_view.span_at_caret()
        if span is None:
            self.statusBar().showMessage("No span at the caret.", 4000)
            return
        self.session.remove(span)

    def _on_changed(self, change: Change) -> None:
        document = self.session.document
        if document is not None and change.doc_id == document.id:
            self.article_view.apply_change(change)
            self.span_panel.span_model.apply_change(change)
            if change.relations_changed or change.removed:
                self.article_view.set_relations(self.session.relations())
                self.span_panel.span_model.set_relations(self.article_view.relations)
        self.document_model.refresh(change.doc_id)
        self._update_position()

    def _on_span_clicked(self, index: QModelIndex) -> None:
        span = self.span_panel.span_model.span(index.row())
        self.article_view.select_range(span.start, span.end)
        self.article_view.setFocus()

    def _on_snap_toggled(self, on: bool) -> None:
        self.article_view.snap_to_words = on

    def _update_position(self) -> None:
        document = self.session.document
        if document is None:
            self.position_label.setText("No documents")
            return
        row = self.document_model.row_of(document.id)
        total = self.document_model.total
        count = len(self.article_view.painter.index)
        status = document.status.replace("_", " ")
        self.position_label.setText(f"{(row or 0) + 1} / {total} · {status} · {count} spans")

    def _show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.undo_stack.clear()
        super().closeEvent(event)
