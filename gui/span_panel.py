"""The side panel listing the open document's spans (text, label, links); a click jumps to the span."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from model.commands import Change
from model.records import Document, Label, Relation, Span
from model.text import shorten

from .label_bar import swatch
from .messages import plain_tip
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView


def _key(span: Span) -> tuple[int, int, int]:
    """Reading order: by start, longer (outer) spans first."""
    return (span.start, -span.end, span.id)


class SpanListModel(ListTableModel):
    """The session's spans in reading order; follows every change the session announces."""

    COLUMNS = ("Text", "Label", "Links")

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._text = ""
        self.rows: list[Span] = []
        self._keys: list[tuple[int, int, int]] = []
        self._labels: dict[str, Label] = {}
        self._links: dict[int, list[str]] = {}  # span id -> roles, for the Links column
        self._link_tips: dict[int, list[str]] = {}  # span id -> "role: linked text", for tooltips
        session.documentOpened.connect(self._on_document_opened)
        session.documentReloaded.connect(self._on_document_opened)
        session.spansChanged.connect(self._on_spans_changed)
        session.relationsChanged.connect(self._on_relations_changed)
        session.labelsChanged.connect(self._on_labels_changed)
        session.notesChanged.connect(self._on_notes_changed)

    def _on_document_opened(self, document: Document) -> None:
        s = self.session
        self.set_document(document.text, s.spans(), s.labels, s.relations)

    def _on_relations_changed(self) -> None:
        self.set_relations(self.session.relations)

    def _on_notes_changed(self) -> None:
        if self.rows:  # the ✎ mark in the Links column and the tooltips
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))

    def _on_labels_changed(self) -> None:
        self._labels = {label.name: label for label in self.session.labels}
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))

    def set_document(
        self, text: str, spans: list[Span], labels: list[Label], relations: Sequence[Relation] = ()
    ) -> None:
        self.beginResetModel()
        self._text = text
        self._describe(spans, relations)
        self.rows = sorted(spans, key=_key)
        self._keys = [_key(span) for span in self.rows]
        self._labels = {label.name: label for label in labels}
        self.endResetModel()

    def _describe(self, spans: Sequence[Span], relations: Sequence[Relation]) -> None:
        """Short role lists for the Links column; the linked text goes in the tooltip."""
        by_id = {s.id: s for s in spans}
        self._links, self._link_tips = {}, {}
        for r in relations:
            event, argument = by_id.get(r.event_id), by_id.get(r.argument_id)
            if event is None or argument is None:
                continue
            self._links.setdefault(event.id, []).append(r.role)
            self._link_tips.setdefault(event.id, []).append(f"{r.role}: {self._quote(argument)}")
            self._links.setdefault(argument.id, []).append(f"{r.role} of")
            self._link_tips.setdefault(argument.id, []).append(f"{r.role} of {self._quote(event)}")

    def _quote(self, span: Span) -> str:
        return shorten(self._text[span.start : span.end], 20)

    def set_relations(self, relations: Sequence[Relation]) -> None:
        """Refresh the Links column after a link, an unlink or a removal."""
        self._describe(self.rows, relations)
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def _on_spans_changed(self, change: Change) -> None:
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

    def span_at(self, row: int) -> Span:
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
            column = index.column()
            if column == 2:
                links = ", ".join(self._links.get(span.id, ()))
                if span.id in self.session.span_notes:
                    return f"{NOTE_MARK} {links}" if links else NOTE_MARK
                return links
            return self._text[span.start : span.end] if column == 0 else span.label
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and span.label in self._labels:
            return swatch(self._labels[span.label].color)
        if role == Qt.ItemDataRole.ToolTipRole:
            links = "\n".join(self._link_tips.get(span.id, ()))
            note = self.session.span_notes.get(span.id)
            return plain_tip(
                f"{span.label} {span.start}–{span.end} by {span.annotator or '—'}"
                + (f"\n{links}" if links else "")
                + (f"\nNote: {note}" if note else "")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and not self.session.is_own(span):
            return OTHERS_COLOR  # another analyst's span: greyed, as the article draws it quieter
        return None


#: shown in the Links column of a span that has a note
NOTE_MARK = "✎"

#: the text colour of other analysts' rows
OTHERS_COLOR = QColor("#8a8a8a")


class SpanPanel(ListTableView):
    """Clicking or activating a row asks to show that span in the article."""

    spanChosen = Signal(object)  # Span

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("spanPanel", parent)
        self.span_model = SpanListModel(session, self)
        self.setModel(self.span_model)
        self.clicked.connect(self._on_row_chosen)
        self.activated.connect(self._on_row_chosen)
        header = self.horizontalHeader()
        # Fixed modes: ResizeToContents would read every row of a 10k-span document.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 84)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 90)
        header.setStretchLastSection(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def _on_row_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.spanChosen.emit(self.span_model.span_at(index.row()))
