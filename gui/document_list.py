"""The document list: title, status and span count, loaded page by page for big corpora."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from model.records import DocumentSummary
from model.store import Store

from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView

STATUS_TEXT = {"new": "new", "in_progress": "in progress", "done": "done", "skipped": "skipped"}
STATUS_COLOR = {"new": "#777777", "in_progress": "#b8860b", "done": "#2e7d32", "skipped": "#9e9e9e"}
PAGE = 500


class DocumentListModel(ListTableModel):
    COLUMNS = ("Title", "Status", "Spans")

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[DocumentSummary] = []
        self._row_of: dict[int, int] = {}
        self._total = 0
        self.status: str | None = None
        self.search: str | None = None
        self.reload()

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
            return f"{row.ext_id}: {row.title}"
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor(STATUS_COLOR[row.status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == 0:
                return RIGHT_ALIGNED
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def doc_id(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, doc_id: int) -> int | None:
        return self._row_of.get(doc_id)

    def refresh(self, doc_id: int) -> None:
        """Re-read one document's status and span count."""
        row = self._row_of.get(doc_id)
        if row is None:
            return
        self.rows[row] = self.store.document_summary(doc_id)
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
        self.search = QLineEdit(self)
        self.search.setObjectName("corpusSearch")
        self.search.setPlaceholderText("Search all documents…")
        self.search.setClearButtonEnabled(True)
        self.search.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
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
        self.status.currentIndexChanged.connect(lambda _index: self._emit())

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.status.currentData(), self.search.text().strip())


class DocumentList(ListTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("documentList", parent)
        self.setAlternatingRowColors(True)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 86), (2, 52)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
