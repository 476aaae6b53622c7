"""The article: plain Arabic text right to left, selection that snaps to words, drawn spans."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from model.arabic import snap_to_words, word_at
from model.commands import Change
from model.intervals import SpanIndex
from model.offsets import OffsetMap
from model.records import DEFAULT_ROLES, Label, Relation, Span

from .fonts import article_font
from .span_painter import SpanPainter

LINE_HEIGHT_PERCENT = 150  # room above each line for span captions
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def text_direction(text: str) -> Qt.LayoutDirection:
    """Right to left when the text has more Arabic-script letters than Latin ones."""
    sample = text[:20000]
    rtl = len(_STRONG_RTL.findall(sample))
    return (
        Qt.LayoutDirection.RightToLeft
        if rtl >= len(_STRONG_LTR.findall(sample))
        else (Qt.LayoutDirection.LeftToRight)
    )


class ArticleView(QTextEdit):
    """Read-only article view. It never reads text back from Qt: offsets come from the model."""

    labelKeyPressed = Signal(int)  # index into the label list (key 1 -> 0)
    deleteKeyPressed = Signal()
    relabelRequested = Signal(object, str)  # Span, label name
    removeRequested = Signal(object)  # Span
    tagRequested = Signal(str)  # label name, for the current selection
    linkRequested = Signal(object, object, str)  # event Span, argument Span, role
    unlinkRequested = Signal(int)  # relation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(article_font())
        self.document().setUndoRedoEnabled(False)
        self._text = ""
        self._labels: list[Label] = []
        self._direction = Qt.LayoutDirection.RightToLeft
        self.painter = SpanPainter(self.document())
        self.snap_to_words = True
        self._exact_drag = False
        self.relations: list[Relation] = []
        self.roles: tuple[str, ...] = DEFAULT_ROLES
        self._base_point_size = self.font().pointSizeF()
        self.cursorPositionChanged.connect(self._on_caret_moved)

    # ---- content ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    def set_article(self, text: str, spans: list[Span], labels: list[Label]) -> None:
        """Show an article and its spans; the text is given to Qt as plain text, never HTML."""
        self._text = text
        self._labels = labels
        self._direction = text_direction(text)
        doc = self.document()
        option = QTextOption(doc.defaultTextOption())
        option.setTextDirection(self._direction)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        absolute = Qt.AlignmentFlag.AlignAbsolute
        side = (
            Qt.AlignmentFlag.AlignRight
            if self._direction == Qt.LayoutDirection.RightToLeft
            else (Qt.AlignmentFlag.AlignLeft)
        )
        option.setAlignment(side | absolute)
        doc.setDefaultTextOption(option)
        self.setPlainText(text)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLayoutDirection(self._direction)
        fmt.setAlignment(side | absolute)
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(fmt)
        self.painter.reset(OffsetMap(text), spans, labels)
        self.setTextCursor(QTextCursor(doc))
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def set_relations(self, relations: list[Relation]) -> None:
        self.relations = relations
        self._on_caret_moved()

    def _on_caret_moved(self) -> None:
        """Show what the span at the caret is linked to."""
        span = self.span_at_caret() if len(self.painter.index) else None
        linked: dict[int, str] = {}
        if span is not None:
            for r in self.relations:
                if r.event_id == span.id:
                    linked[r.argument_id] = r.role
                elif r.argument_id == span.id:
                    linked[r.event_id] = f"{r.role} of"
        if linked != self.painter.linked:
            self.painter.linked = linked
            self.viewport().update()

    def set_hits(self, ranges: list[tuple[int, int]], current: int | None = None) -> None:
        """Outline search matches (code-point ranges); ``current`` is the index of the one to show."""
        self.painter.hits = SpanIndex(Span(-1 - i, 0, a, b, "") for i, (a, b) in enumerate(ranges))
        self.painter.current_hit = None if current is None else -1 - current
        if current is not None and 0 <= current < len(ranges):
            self.select_range(*ranges[current])
        self.viewport().update()

    def set_labels(self, labels: list[Label]) -> None:
        self._labels = labels
        self.painter.set_labels(labels)
        self.viewport().update()

    def spans(self) -> list[Span]:
        return list(self.painter.index)

    def apply_change(self, change: Change) -> None:
        """Update the span index for one edit and repaint only the blocks it touched."""
        touched: list[range] = []
        for span in change.removed:
            if self.painter.index.remove(span.id) is not None:
                touched.append(self.painter.blocks_of(span))
        for span in change.added:
            if span.end <= len(self._text):
                self.painter.index.add(span)
                touched.append(self.painter.blocks_of(span))
        for numbers in touched:
            self.painter.forget_blocks(numbers)
            self._update_blocks(numbers)

    def _update_blocks(self, numbers: range) -> None:
        doc = self.document()
        layout = doc.documentLayout()
        first = layout.blockBoundingRect(doc.findBlockByNumber(numbers.start))
        last = layout.blockBoundingRect(doc.findBlockByNumber(numbers.stop - 1))
        rect = first.united(last).adjusted(0, -40, 0, 4)  # captions sit above the first line
        rect.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        self.viewport().update(rect.toAlignedRect().adjusted(0, 0, self.viewport().width(), 0))

    # ---- offsets ------------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int]:
        """The selection as code-point offsets, snapped to whole words unless exact."""
        cursor = self.textCursor()
        offsets = self.painter.offsets
        start = offsets.to_codepoint(cursor.selectionStart())
        end = offsets.to_codepoint(cursor.selectionEnd())
        if end > start and self.snap_to_words and not self._exact_drag:
            start, end = snap_to_words(self._text, start, end)
        return start, end

    def caret_offset(self) -> int:
        return self.painter.offsets.to_codepoint(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        """Select code points [start, end) and scroll them into view."""
        offsets = self.painter.offsets
        cursor = QTextCursor(self.document())
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def span_at_caret(self) -> Span | None:
        """The span the user means: the one matching the selection, else the innermost at the caret."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self.selected_range()
            for span in self.painter.index.overlapping(start, end):
                if (span.start, span.end) == (start, end):
                    return span
            found = self.painter.index.at(start)
        else:
            found = self.painter.index.at(self.caret_offset())
        return found[0] if found else None

    def spans_at_point(self, point: QPoint) -> list[Span]:
        cursor = self.cursorForPosition(point)
        return self.painter.index.at(self.painter.offsets.to_codepoint(cursor.position()))

    def span_rects(self, span: Span) -> list[QRectF]:
        """Viewport rectangles of a span as drawn (for tests and hit checks)."""
        shift = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        rects = []
        for number in self.painter.blocks_of(span):
            block = self.document().findBlockByNumber(number)
            for piece in self.painter.pieces(block):
                if piece.span.id == span.id:
                    rects.append(piece.rect.translated(-shift[0], -shift[1]))
        return rects

    # ---- zoom ---------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        font = self.font()
        size = min(48.0, max(8.0, font.pointSizeF() + steps))
        font.setPointSizeF(size)
        self.setFont(font)

    def reset_zoom(self) -> None:
        font = self.font()
        font.setPointSizeF(self._base_point_size)
        self.setFont(font)

    # ---- input --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Label keys and Delete belong to this view even when an action shows them as shortcuts.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._own_key(event):
                event.accept()
                return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        return event.key() in _DIGIT_KEYS or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._own_key(event):
            if event.key() in _DIGIT_KEYS:
                index = _DIGIT_KEYS[event.key()] - 1
                if index < len(self._labels):
                    self.labelKeyPressed.emit(index)
            else:
                self.deleteKeyPressed.emit()
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._exact_drag = False
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._exact_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        pos = self.painter.offsets.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
        start, end = word_at(self._text, pos)
        if end > start:
            self._exact_drag = False
            self.select_range(start, end)
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        spans = self.spans_at_point(event.pos())
        for span in spans[:4]:
            quoted = self._text[span.start : span.end]
            quoted = quoted if len(quoted) <= 24 else quoted[:23] + "…"
            sub = menu.addMenu(f"{span.label} ‘{quoted}’")
            for label in self._labels:
                if label.name != span.label:
                    action = sub.addAction(f"Change to {label.name}  {label.title}")
                    action.triggered.connect(
                        lambda _=False, s=span, n=label.name: self.relabelRequested.emit(s, n)
                    )
            self._add_link_actions(sub, span)
            sub.addSeparator()
            remove = sub.addAction("Delete span")
            remove.triggered.connect(lambda _=False, s=span: self.removeRequested.emit(s))
        if self.textCursor().hasSelection():
            if spans:
                menu.addSeparator()
            for label in self._labels:
                key = f"\t{label.key}" if label.key else ""
                action = menu.addAction(f"Tag as {label.name}  {label.title}{key}")
                action.triggered.connect(lambda _=False, n=label.name: self.tagRequested.emit(n))
            menu.addSeparator()
            copy = QAction("Copy", menu)
            copy.triggered.connect(self.copy)
            menu.addAction(copy)
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    def _quote(self, span: Span) -> str:
        text = self._text[span.start : span.end]
        return f"‘{text if len(text) <= 24 else text[:23] + '…'}’"

    def _add_link_actions(self, menu: QMenu, span: Span) -> None:
        """Link an argument to a nearby event in a role, or unlink an existing relation."""
        by_id = {s.id: s for s in self.painter.index}
        mine = [r for r in self.relations if span.id in (r.event_id, r.argument_id)]
        if span.label != "EVENT":
            events = sorted(
                (s for s in self.painter.index if s.label == "EVENT" and s.id != span.id),
                key=lambda s: abs(s.start - span.start),
            )[:12]
            if events:
                link = menu.addMenu("Link to event")
                for event in events:
                    roles = link.addMenu(f"{self._quote(event)}  ({event.start})")
                    for role in self.roles:
                        action = roles.addAction(f"as {role}")
                        action.triggered.connect(
                            lambda _=False, e=event, a=span, r=role: self.linkRequested.emit(e, a, r)
                        )
        for relation in mine:
            other = by_id.get(relation.argument_id if relation.event_id == span.id else relation.event_id)
            if other is not None:
                action = menu.addAction(f"Unlink {relation.role}: {self._quote(other)}")
                action.triggered.connect(lambda _=False, rid=relation.id: self.unlinkRequested.emit(rid))

    # ---- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        area = QRectF(event.rect()).translated(dx, dy)
        pieces, hits = [], []
        if len(self.painter.index) or len(self.painter.hits):
            for block in self.painter.visible_blocks(area.top() - 40, area.bottom() + 40):
                pieces.extend(self.painter.pieces(block))
                hits.extend(self.painter.hit_pieces(block))
        if pieces:
            painter = QPainter(self.viewport())
            painter.translate(-dx, -dy)
            self.painter.paint_under(painter, pieces)
            painter.end()
        super().paintEvent(event)
        if pieces or hits:
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(-dx, -dy)
            self.painter.paint_over(painter, pieces, self._direction == Qt.LayoutDirection.RightToLeft)
            self.painter.paint_links(painter, pieces)
            self.painter.paint_hits(painter, hits)
            painter.end()
