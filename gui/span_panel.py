"""The side panel listing the open document's spans (text, label); a click jumps to the span."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from model.commands import Change
from model.records import Label, Span

from .label_bar import swatch
from .table_model import Index, ListTableModel


def _key(span: Span) -> tuple[int, int, int]:
    """Reading order: by start, longer (outer) spans first."""
    return (span.start, -span.end, span.id)


class SpanListModel(ListTableModel):
    COLUMNS = ("Text", "Label")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.rows: list[Span] = []
        self._keys: list[tuple[int, int, int]] = []
        self._labels: dict[str, Label] = {}

    def set_document(self, text: str, spans: list[Span], labels: list[Label]) -> None:
        self.beginResetModel()
        self._text = text
        self.rows = sorted(spans, key=_key)
        self._keys = [_key(span) for span in self.rows]
        self._labels = {label.name: label for label in labels}
        self.endResetModel()

    def apply_change(self, change: Change) -> None:
        """Remove and insert only the rows an edit touched (no reset: 10k rows stay cheap)."""
        for span in change.removed + change.added:
            row = self.row_of(span)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                del self._keys[row]
                self.endRemoveRows()
        for span in change.added:
            if span.end > len(self._text):
                continue
            key = _key(span)
            row = bisect_left(self._keys, key)
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.insert(row, span)
            self._keys.insert(row, key)
            self.endInsertRows()

    def span(self, row: int) -> Span:
        return self.rows[row]

    def row_of(self, span: Span) -> int | None:
        row = bisect_left(self._keys, _key(span))
        if row < len(self.rows) and self.rows[row].id == span.id:
            return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        span = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[span.start : span.end] if index.column() == 0 else span.label
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and span.label in self._labels:
            return swatch(self._labels[span.label].color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{span.label} {span.start}–{span.end} by {span.annotator or '—'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
            )
        return None


class SpanPanel(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.span_model = SpanListModel(self)
        self.setModel(self.span_model)
        header = self.horizontalHeader()
        # Fixed modes: ResizeToContents would read every row of a 10k-span document.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 90)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
