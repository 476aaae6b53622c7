"""The document list: title, status and span count, loaded page by page for big corpora.

The list follows the session: an edit refreshes its row, a status that no longer matches the
filter takes the row out, an import reloads it, and opening a document selects its row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QWidget

from model.records import Document, DocumentSummary
from model.text import plural, quote

from .fields import SearchField
from .messages import plain_tip
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView

STATUS_TEXT = {"new": "new", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
STATUS_COLOR = {"new": "#777777", "in_progress": "#b8860b", "done": "#2e7d32", "skipped": "#9e9e9e"}
PAGE = 500


class DocumentListModel(ListTableModel):
    COLUMNS = ("Title", "Status", "Spans")

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.rows: list[DocumentSummary] = []
        self._row_of: dict[int, int] = {}
        self._total = 0
        self.status: str | None = None
        self.search: str | None = None
        self.reload()
        session.documentChanged.connect(self._on_document_changed)
        session.corpusChanged.connect(self.reload)

    def set_filter(self, status: str | None, search: str | None) -> None:
        """Show only documents of one status and/or containing ``search`` (normalised)."""
        self.status, self.search = status, (search or None)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self._row_of = [], {}
        self._total = self.store.count_documents(self.status, self.search)
        self._append(self.store.document_summaries(limit=PAGE, status=self.status, search=self.search))
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many documents the list holds with its filter, loaded or not."""
        return self._total

    def _append(self, rows: list[DocumentSummary]) -> None:
        for summary in rows:
            self._row_of[summary.id] = len(self.rows)
            self.rows.append(summary)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        after = self.rows[-1].id if self.rows else 0
        rows = self.store.document_summaries(
            limit=PAGE, after_id=after, status=self.status, search=self.search
        )
        if not rows:
            self._total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self._append(rows)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.title or row.ext_id, STATUS_TEXT[row.status], row.span_count)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{row.ext_id}: {row.title}")
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor(STATUS_COLOR[row.status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if col == 0 else int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def doc_id(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, doc_id: int) -> int | None:
        return self._row_of.get(doc_id)

    def _on_document_changed(self, doc_id: int) -> None:
        """Re-read one document's status and span count; drop it when it leaves the filter."""
        row = self._row_of.get(doc_id)
        if row is None:
            if self.status is not None and self.store.document_summary(doc_id).status == self.status:
                self.reload()  # back in the filter (an undo): it takes its place again
            return
        summary = self.store.document_summary(doc_id)
        if self.status is not None and summary.status != self.status:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self._row_of = {s.id: i for i, s in enumerate(self.rows)}
            self._total -= 1
            self.endRemoveRows()
            return
        self.rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def ensure_loaded(self, doc_id: int) -> int | None:
        while doc_id not in self._row_of and self.canFetchMore():
            self.fetchMore()
        return self._row_of.get(doc_id)


class DocumentFilter(QWidget):
    """Above the list: search all documents (ignoring harakat and letter forms) and pick a status."""

    changed = Signal(object, str)  # status or None, search text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentFilter")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 2)
        self.search = SearchField(self)
        self.search.setObjectName("corpusSearch")
        self.search.setPlaceholderText("Search all documents…")
        self.search.setClearButtonEnabled(True)
        self.search.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.search.setMinimumWidth(60)
        self.status = QComboBox(self)
        self.status.addItem("all", None)
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status)
        row.addWidget(self.search, 1)
        row.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # search once typing pauses
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        self.status.currentIndexChanged.connect(lambda _index: self._emit())

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.status.currentData(), self.search.text().strip())


class DocumentList(ListTableView):
    """Choosing a row opens its document; opening a document anywhere selects its row."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("documentList", parent)
        self.session = session
        self.setAlternatingRowColors(True)
        self.list_model = DocumentListModel(session, self)
        # Before setModel, so this runs before Qt moves the current row to a neighbour (which
        # would open that document): a row leaving the filter must not open anything.
        self.list_model.rowsAboutToBeRemoved.connect(self._on_rows_leaving)
        self.setModel(self.list_model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 78), (2, 46)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.list_model.modelReset.connect(self._select_open_document)
        session.documentOpened.connect(self._select_open_document)

    def _on_rows_leaving(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first <= self.currentIndex().row() <= last:
            self.selectionModel().clearCurrentIndex()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session.open_document(self.list_model.doc_id(current.row()))

    def _select_open_document(self, _document: Document | None = None) -> None:
        document = self.session.document
        row = self.list_model.ensure_loaded(document.id) if document is not None else None
        if row is None:
            self.selectionModel().clearSelection()
            return
        index = self.list_model.index(row, 0)
        if self.currentIndex().row() != row:  # opening the same document again does nothing
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def open_row(self, row: int) -> bool:
        """Open the document at ``row`` (loading pages as needed); False past either end."""
        while row >= self.list_model.rowCount() and self.list_model.canFetchMore():
            self.list_model.fetchMore()
        if 0 <= row < self.list_model.rowCount():
            self.session.open_document(self.list_model.doc_id(row))
            return True
        return False

    def finish_and_next(self, status: str) -> None:
        """Mark the open document ``status`` (asking first when done has no spans), then open
        the next unfinished document the list shows."""
        session, document = self.session, self.session.document
        if document is None:
            return
        if status == "done" and not len(session.index) and document.status != "done":
            if not confirm_done_without_spans(self, document.title or document.ext_id):
                return
        if session.set_status(status) is None and session.document is not None:
            if session.document.status != status:
                return  # not saved: stay on this document (the reason is shown)
        model = self.list_model
        following = session.store.next_unfinished(document.id, status=model.status, search=model.search)
        if following is None:
            session.notice.emit("Every listed document is done or skipped.")
        else:
            session.open_document(following)

    def step(self, delta: int) -> bool:
        document = self.session.document
        row = self.list_model.row_of(document.id) if document is not None else None
        return self.open_row(0 if row is None else row + delta)


class PositionLabel(QLabel):
    """Status-bar text: where the open document sits in the list, its status and span count."""

    def __init__(self, session: Session, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("positionLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.session = session
        self.model = model
        session.documentOpened.connect(self.refresh)
        session.documentReloaded.connect(self.refresh)
        session.documentChanged.connect(self.refresh)
        session.spansChanged.connect(self.refresh)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        document = self.session.document
        if document is None:
            self.setText("No documents")
            return
        row = self.model.row_of(document.id)
        total = self.model.total
        where = f"{row + 1} / {total}" if row is not None else f"not listed ({total} listed)"
        status = STATUS_TEXT[document.status]
        self.setText(f"{where} · {status} · {plural(len(self.session.index), 'span')}")


def confirm_done_without_spans(parent: QWidget, title: str) -> bool:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(
        QMessageBox.Icon.Question, "Mark done", f"{quote(title, 60)} has no spans. Mark it done anyway?",
        yes | no, parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title comes from the data
    box.setDefaultButton(no)
    return box.exec() == yes
