"""The side panel listing the open document's spans as frames (each event, then its arguments in
their roles; then the spans in no frame), with label and links; a click jumps to the span."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from model.commands import Change
from model.records import EVENT_LABEL, Document, Label, Relation, Span
from model.text import shorten

from .arcs import role_color
from .i18n import QT_TR_NOOP, tr
from .label_bar import swatch
from .messages import NOTE_MARK, plain_tip
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView
from .theme import muted_text_color, readable_on

#: a row's place in the panel: frames (0) before the spans in none (1); each in reading order
#: (by start, longer spans first); in a frame, the event (role -1) before its arguments, in the
#: schema's order of roles, then in reading order
RowKey = tuple[int, int, int, int, int, int, int, int]

#: the role an argument row fills in its frame ("" on an event's row and on spans in no frame)
FRAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _head_key(span: Span, section: int) -> RowKey:
    return (section, span.start, -span.end, span.id, -1, 0, 0, 0)


def _child_key(event: Span, order: int, argument: Span) -> RowKey:
    return (0, event.start, -event.end, event.id, order, argument.start, -argument.end, argument.id)


class SpanListModel(ListTableModel):
    """The session's spans as frames: each event, then its arguments in the roles' order
    (source, target, place) as indented rows; then the spans in no frame, in reading order.
    Follows every change the session announces (a tag inserts one row; a link, unlink or removal
    moves only the rows that changed)."""

    COLUMNS = (QT_TR_NOOP("Text"), QT_TR_NOOP("Label"), QT_TR_NOOP("Links"))

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._text = ""
        self.rows: list[Span] = []
        self.frame_roles: list[str] = []  # per row: the role an argument row fills, else ""
        self._keys: list[RowKey] = []
        self._labels: dict[str, Label] = {}
        self._links: dict[int, list[str]] = {}  # span id -> roles, for the Links column
        self._link_tips: dict[int, list[str]] = {}  # span id -> "role: linked text", for tooltips
        self._relations: Sequence[Relation] = ()
        self._events: set[int] = set()  # ids of spans that are the event of a relation
        self._linked: set[int] = set()  # ids of spans in a relation (either end)
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
        if self.session.relations is not self._relations:  # not already taken in with the spans
            self.set_relations(self.session.relations)

    def _on_notes_changed(self) -> None:
        if self.rows:  # the ✎ mark in the Links column and the tooltips
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))

    def _on_labels_changed(self) -> None:
        self._labels = {label.name: label for label in self.session.labels}
        self._regroup(list(self.session.index))  # a label may have become (or stopped being) an event
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))

    def set_document(
        self, text: str, spans: list[Span], labels: list[Label], relations: Sequence[Relation] = ()
    ) -> None:
        self.beginResetModel()
        self._text = text
        self._labels = {label.name: label for label in labels}
        self._describe(spans, relations)
        self.rows, self.frame_roles, self._keys = self._grouped(spans)
        self.endResetModel()

    def is_event(self, span: Span) -> bool:
        """Does ``span`` head a frame: an EVENT (or a sub-type of it), or the event of a link?"""
        if span.label == EVENT_LABEL or span.id in self._events:
            return True
        label = self._labels.get(span.label)
        return label is not None and label.parent == EVENT_LABEL

    def _grouped(self, spans: Sequence[Span]) -> tuple[list[Span], list[str], list[RowKey]]:
        """Rows, their roles and keys: frames first, then the spans in no frame."""
        by_id = {s.id: s for s in spans}
        order = {role.name: i for i, role in enumerate(self.session.roles)}
        rows: list[tuple[RowKey, Span, str]] = []
        in_frame: set[int] = set()
        for r in self._relations:
            event, argument = by_id.get(r.event_id), by_id.get(r.argument_id)
            if event is None or argument is None:
                continue
            in_frame.add(argument.id)
            rows.append((_child_key(event, order.get(r.role, len(order)), argument), argument, r.role))
        for span in spans:
            if self.is_event(span):
                rows.append((_head_key(span, 0), span, ""))
            elif span.id not in in_frame:
                rows.append((_head_key(span, 1), span, ""))
        rows.sort(key=lambda row: row[0])
        return [row[1] for row in rows], [row[2] for row in rows], [row[0] for row in rows]

    def _regroup(self, spans: Sequence[Span]) -> None:
        """Group again, moving only the rows between the first and the last that differ (the
        panel keeps its place and selection)."""
        rows, roles, keys = self._grouped(spans)
        old = list(zip(self.rows, self.frame_roles, strict=True))
        new = list(zip(rows, roles, strict=True))
        head = 0
        while head < len(old) and head < len(new) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < len(old) - head and tail < len(new) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if head + tail < len(old):
            self.beginRemoveRows(QModelIndex(), head, len(old) - tail - 1)
            del self.rows[head : len(old) - tail]
            del self.frame_roles[head : len(old) - tail]
            del self._keys[head : len(old) - tail]
            self.endRemoveRows()
        if head + tail < len(new):
            self.beginInsertRows(QModelIndex(), head, len(new) - tail - 1)
            self.rows[head:head] = rows[head : len(new) - tail]
            self.frame_roles[head:head] = roles[head : len(new) - tail]
            self._keys[head:head] = keys[head : len(new) - tail]
            self.endInsertRows()
        self._keys = keys  # the rows kept may sit under a new key (their event moved)

    def _describe(self, spans: Sequence[Span], relations: Sequence[Relation]) -> None:
        """Short role lists for the Links column; the linked text goes in the tooltip."""
        self._relations = relations
        self._events = {r.event_id for r in relations}
        self._linked = self._events | {r.argument_id for r in relations}
        by_id = {s.id: s for s in spans}
        self._links, self._link_tips = {}, {}
        for r in relations:
            event, argument = by_id.get(r.event_id), by_id.get(r.argument_id)
            if event is None or argument is None:
                continue
            self._links.setdefault(event.id, []).append(r.role)
            self._link_tips.setdefault(event.id, []).append(f"{r.role}: {self._quote(argument)}")
            self._links.setdefault(argument.id, []).append(tr("{role} of").format(role=r.role))
            self._link_tips.setdefault(argument.id, []).append(
                tr("{role} of {event}").format(role=r.role, event=self._quote(event))
            )

    def _quote(self, span: Span) -> str:
        return shorten(self._text[span.start : span.end], 20)

    def span_text(self, span: Span) -> str:
        return self._text[span.start : span.end]

    def set_relations(self, relations: Sequence[Relation]) -> None:
        """Regroup the frames and refresh the Links column after a link, an unlink or a removal."""
        spans = list(self.session.index)
        self._describe(spans, relations)
        self._regroup(spans)
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def _on_spans_changed(self, change: Change) -> None:
        """A new span is one row more (no reset: 10k rows stay cheap); a span removed, changed or
        put back with its links regroups the frames it was in."""
        relations = self.session.relations
        if change.removed or relations is not self._relations or any(
            s.id in self._linked for s in change.added
        ):
            self.set_relations(relations)
            return
        for span in change.added:
            if span.end > len(self._text):
                continue
            key = _head_key(span, 0 if self.is_event(span) else 1)
            row = bisect_left(self._keys, key)
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.insert(row, span)
            self.frame_roles.insert(row, "")
            self._keys.insert(row, key)
            self.endInsertRows()

    def span_at(self, row: int) -> Span:
        return self.rows[row]

    def row_of(self, span: Span) -> int | None:
        """The row of ``span`` heading a frame or in none (an argument's row: the first one)."""
        key = _head_key(span, 0 if self.is_event(span) else 1)
        row = bisect_left(self._keys, key)
        if row < len(self.rows) and self.rows[row].id == span.id:
            return row
        for row, shown in enumerate(self.rows):
            if shown.id == span.id:
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
        if role == FRAME_ROLE:
            return self.frame_roles[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            frame_role = self.frame_roles[index.row()]
            text = self._text[span.start : span.end]
            return f"— {frame_role}: {text}" if frame_role else text
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and span.label in self._labels:
            return swatch(self._labels[span.label].color)
        if role == Qt.ItemDataRole.ToolTipRole:
            links = "\n".join(self._link_tips.get(span.id, ()))
            note = self.session.span_notes.get(span.id)
            who = span.annotator or "—"
            return plain_tip(
                tr("{label} {start}–{end} by {who}").format(
                    label=span.label, start=span.start, end=span.end, who=who
                )
                + (f"\n{links}" if links else "")
                + ("\n" + tr("Note: {note}").format(note=note) if note else "")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and not self.session.is_own(span):
            return muted_text_color()  # another analyst's span: greyed (AA), as the article draws it quieter
        return None


class FrameDelegate(QStyledItemDelegate):
    """The Text column: an argument's row is indented from the reading side (right of Arabic)
    and shows its role there, in the role's colour, as the arcs in the article do."""

    def __init__(self, model: SpanListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.session = model.session
        self._fonts: dict[tuple[str, tuple[str, ...]], tuple[QFont, int]] = {}
        self._chips: dict[tuple[str, int, str, int, int], QPixmap] = {}  # drawn once each

    def _font(self, option: QStyleOptionViewItem) -> tuple[QFont, int]:
        """The roles' font on argument rows, and the indent that fits the widest role's name."""
        roles = tuple(r.name for r in self.session.roles)
        key = (option.font.key(), roles)
        found = self._fonts.get(key)
        if found is None:
            font = QFont(option.font)
            font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.8))
            metrics = QFontMetrics(font)
            widest = max((metrics.horizontalAdvance(name) for name in roles), default=0)
            found = self._fonts[key] = (font, widest + 12)
        return found

    def indent(self, option: QStyleOptionViewItem) -> int:
        """Room for the widest role's name on an argument's row."""
        return self._font(option)[1]

    def _chip(self, role: str, option: QStyleOptionViewItem, size: QSize) -> QPixmap:
        """The role's name in a rounded box of its colour (cached per role, colour and size)."""
        page = option.palette.color(QPalette.ColorRole.Base)
        key = (role, page.rgb(), option.font.key(), size.width(), size.height())
        chip = self._chips.get(key)
        if chip is None:
            font, _indent = self._font(option)
            roles = self.session.roles
            order = next((i for i, r in enumerate(roles) if r.name == role), len(roles))
            color = readable_on(role_color(order), page)
            ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0
            chip = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            chip.setDevicePixelRatio(ratio)
            chip.fill(Qt.GlobalColor.transparent)
            painter = QPainter(chip)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setFont(font)
            painter.setPen(QPen(color, 1.0))
            painter.setBrush(page)  # on the page's colour: legible on a selected row too
            box = QRectF(0, 0, size.width(), size.height())
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, role)
            painter.end()
            self._chips[key] = chip
        return chip

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.row()
        roles = self.model.frame_roles
        role = roles[row] if 0 <= row < len(roles) else ""
        if not role:
            super().paint(painter, option, index)
            return
        _font, indent = self._font(option)
        span = self.model.rows[row]
        rtl = _is_rtl(self.model.span_text(span))
        text_option = QStyleOptionViewItem(option)
        rect = QRect(option.rect)
        if rtl:  # the reading side: right of Arabic, left of Latin
            text_option.rect = rect.adjusted(0, 0, -indent, 0)
            margin = QRect(rect.right() - indent + 1, rect.top(), indent, rect.height())
            chip = QRect(rect.right() - indent + 4, rect.top() + 4, indent - 6, rect.height() - 8)
        else:
            text_option.rect = rect.adjusted(indent, 0, 0, 0)
            margin = QRect(rect.left(), rect.top(), indent, rect.height())
            chip = QRect(rect.left() + 2, rect.top() + 4, indent - 6, rect.height() - 8)
        from PySide6.QtWidgets import QStyle  # here: the type costs the window's start milliseconds

        if option.state & QStyle.StateFlag.State_Selected:  # the selection runs under the role too
            painter.fillRect(margin, option.palette.highlight())
        super().paint(painter, text_option, index)
        if chip.width() > 0 and chip.height() > 0:
            painter.drawPixmap(chip.topLeft(), self._chip(role, option, chip.size()))


def _is_rtl(text: str) -> bool:
    for ch in text:
        if "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc":
            return True
        if ch.isalpha():
            return False
    return True


#: shown in the Links column of a span that has a note


class SpanPanel(ListTableView):
    """Clicking or activating a row asks to show that span in the article."""

    spanChosen = Signal(object)  # Span

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("spanPanel", parent)
        self.span_model = SpanListModel(session, self)
        self.setModel(self.span_model)
        self.setItemDelegateForColumn(0, FrameDelegate(self.span_model, self))
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
