"""The article: plain Arabic text right to left, selection that snaps to words, drawn spans.

The view shows the session's open document and draws the session's spans; it keeps no copy of
them. It never reads text back from Qt: offsets come from the model, converted in one place.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip, QWidget

from model.arabic import snap_to_words, trim_selection, word_at
from model.commands import Change
from model.intervals import SpanIndex
from model.offsets import OffsetMap
from model.records import EVENT_LABEL, GOLD, Document, Span
from model.text import keyword_in_context, quote

from .arcs import LINK_GUTTER, ArcPainter
from .fonts import article_font
from .i18n import tr
from .messages import menu_text, plain_tip
from .session import Session
from .span_painter import SpanPainter

LINE_HEIGHT_PERCENT = 165  # room above each line for span captions
REVIEW_GUTTER = 84  # review mode: room left of the text for the lanes' names (pixels)
CAPTION_SCALE = 0.6  # caption size relative to the article's
NEAREST = 12  # link candidates listed first; the farther ones go in a submenu
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_CHARACTER_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


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
    """Read-only article view over the session's open document."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.session = session
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(article_font())
        self.document().setUndoRedoEnabled(False)
        self._text = ""
        self._direction = Qt.LayoutDirection.RightToLeft
        self.painter = SpanPainter(self.document())
        self.painter.is_own = session.is_own
        self.arcs = ArcPainter(self.painter)  # links drawn in the text
        self.arcs.is_own = session.is_own
        self.snap_to_words = True
        self._exact = False  # this selection was made character by character (Alt)
        self._tag_actions: list[QAction] = []
        self._applied_line_height = LINE_HEIGHT_PERCENT
        self.base_point_size = self.font().pointSizeF()
        self._fit_captions()
        self.cursorPositionChanged.connect(self._on_caret_moved)
        session.documentOpened.connect(self._on_document_opened)
        session.documentReloaded.connect(self._on_document_reloaded)
        session.spansChanged.connect(self._on_spans_changed)
        session.relationsChanged.connect(self._on_relations_changed)
        session.labelsChanged.connect(self._on_labels_changed)
        session.annotatorChanged.connect(self._on_annotator_changed)
        session.reviewModeChanged.connect(self._on_review_mode_changed)
        session.reviewChanged.connect(self._refresh_review)

    # ---- content ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    def _on_document_opened(self, document: Document) -> None:
        """Show an article and its spans; the text is given to Qt as plain text, never HTML."""
        text = document.text
        self._text = text
        self._direction = text_direction(text)
        doc = self.document()
        option = QTextOption(doc.defaultTextOption())
        option.setTextDirection(self._direction)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        side = (
            Qt.AlignmentFlag.AlignRight
            if self._direction == Qt.LayoutDirection.RightToLeft
            else (Qt.AlignmentFlag.AlignLeft)
        )
        option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        doc.setDefaultTextOption(option)
        self.setPlainText(text)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLayoutDirection(self._direction)
        fmt.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        self.arcs.set_relations(self.session.relations, self.session.roles)
        height = self._line_height(reviewing=False)
        fmt.setLineHeight(height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(fmt)
        self._applied_line_height = height
        if self.arcs.active():  # blank lines between paragraphs: no arcs, no captions there
            self._fit_blank_lines(self._blank_line_height(height))
        self.painter.reset(OffsetMap(text), self.session.index, self.session.labels)
        self._fit_margins()
        self._refresh_review(repaint=False)
        if self.session.reviewing:
            self._fit_line_height()
        self._fit_top_margin()
        self.setTextCursor(QTextCursor(doc))
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def _on_document_reloaded(self, _document: Document) -> None:
        """Another program changed the open document: redraw its spans where the reader is."""
        self.painter.reset(self.painter.offsets, self.session.index, self.session.labels)
        had = self.arcs.active()
        self.arcs.set_relations(self.session.relations, self.session.roles)
        self._refresh_review(repaint=False)
        if self.arcs.active() != had:
            self._fit_arc_room()
        self._fit_top_margin()
        self._on_caret_moved()
        self.viewport().update()

    def _on_labels_changed(self) -> None:
        self.painter.set_labels(self.session.labels)
        self.viewport().update()

    def _on_annotator_changed(self, _name: str) -> None:
        """Whose spans are whose changed: draw them again."""
        self.painter.ownership_changed()
        self._fit_top_margin()
        self._on_caret_moved()
        self.viewport().update()

    # ---- review mode --------------------------------------------------------------------

    def _line_height(self, reviewing: bool | None = None) -> int:
        """Line height (percent): room above each line for its captions, and for the arcs of
        links while they are shown (in a document that has links)."""
        spacing = QFontMetricsF(self.font()).lineSpacing()
        arcs = 100 * self.arcs.room() / spacing if self.arcs.active() else 0.0
        if self.session.reviewing if reviewing is None else reviewing:
            # a row of captions per lane (one per annotator), and the bars
            per_lane = 100 * self.painter.caption_height() / spacing
            return round(100 + per_lane * self.painter.lane_count() + 25 + arcs)
        return round(LINE_HEIGHT_PERCENT + arcs)

    def _blank_line_height(self, height: int) -> int:
        """Blank lines between paragraphs hold no captions and no arcs: as high as lines without
        links (low in review mode)."""
        if self.session.reviewing:
            return 100
        return min(height, LINE_HEIGHT_PERCENT)

    def _on_review_mode_changed(self, on: bool) -> None:
        """Review mode: every analyst's spans, one lane each, names in a gutter; or back."""
        self._refresh_review(repaint=False)
        self._fit_line_height()
        self._fit_margins()
        self.painter.ownership_changed()
        self._fit_top_margin()
        self._on_caret_moved()
        self.viewport().update()

    def _fit_blank_lines(self, height: int) -> None:
        """Give the empty blocks (blank lines) ``height`` (percent), leaving the others be."""
        blank = QTextBlockFormat()
        blank.setLineHeight(height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        block = doc.firstBlock()
        while block.isValid():
            if block.length() == 1:
                cursor.setPosition(block.position())
                cursor.mergeBlockFormat(blank)
            block = block.next()
        cursor.endEditBlock()

    def _fit_line_height(self) -> None:
        """Every line has room for the captions of every lane; blank lines between paragraphs
        stay low in review mode (set once per mode, lane count or zoom, not on each edit)."""
        height = self._line_height()
        if height == self._applied_line_height:
            return
        self._applied_line_height = height
        blank_height = self._blank_line_height(height)
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        full, blank = QTextBlockFormat(), QTextBlockFormat()
        full.setLineHeight(height, proportional)
        blank.setLineHeight(blank_height, proportional)
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        block = doc.firstBlock()
        while block.isValid():
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(full if block.length() > 1 else blank)
            block = block.next()
        cursor.endEditBlock()

    def _refresh_review(self, repaint: bool = True) -> None:
        """Lanes (gold, then each analyst) and the open differences, as the session has them now."""
        session = self.session
        if not session.reviewing:
            self.painter.set_review(None, set())
        else:
            tally = session.review_tally()
            lanes = {GOLD: 0} | {name: i + 1 for i, name in enumerate(tally.analysts)}
            self.painter.set_review(lanes, tally.open)
            if repaint:
                self._fit_line_height()
                self._fit_top_margin()
        if repaint:
            self.viewport().update()

    def _fit_margins(self) -> None:
        """Review mode's gutter (lanes' names) on the left; while links are shown, a gutter at
        the lines' ends (left of right-to-left text) where arcs between distant lines run."""
        base = self.document().documentMargin()  # the root frame's margins unless widened here
        left = float(REVIEW_GUTTER) if self.session.reviewing else base
        right = base
        if self.arcs.active():
            if self._direction == Qt.LayoutDirection.RightToLeft:
                left += LINK_GUTTER
            else:
                right += LINK_GUTTER
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != left or fmt.rightMargin() != right:
            fmt.setLeftMargin(left)
            fmt.setRightMargin(right)
            frame.setFrameFormat(fmt)

    def set_show_links(self, on: bool) -> None:
        """Draw links in the text as arcs (with room between the lines for them), or not."""
        if on == self.arcs.show:
            return
        self.arcs.show = on
        self._fit_arc_room()
        self.viewport().update()

    def _fit_arc_room(self) -> None:
        """Room for arcs between the lines, in the gutter and above the first line: while links
        are shown and the document has some (set on a change of either, not on each edit)."""
        self._fit_line_height()
        self._fit_margins()
        self._fit_top_margin()

    def show_links(self) -> bool:
        return self.arcs.show

    def _on_relations_changed(self) -> None:
        had = self.arcs.active()
        self.arcs.set_relations(self.session.relations, self.session.roles)
        if self.arcs.active() != had:  # the first link, or the last one gone
            self._fit_arc_room()
        self._on_caret_moved()
        if self.arcs.show:
            self.viewport().update()

    def text_edges(self) -> tuple[float, float]:
        """The x of the text's left and right edges, in document coordinates."""
        doc = self.document()
        fmt = doc.rootFrame().frameFormat()
        return fmt.leftMargin(), doc.textWidth() - fmt.rightMargin()

    def set_show_others(self, on: bool) -> None:
        """Draw other analysts' spans (in a quieter style) or hide them."""
        self.painter.set_show_others(on)
        self._fit_top_margin()
        self.viewport().update()

    def _on_caret_moved(self) -> None:
        """Show what the span at the caret is linked to."""
        span = self.span_at_caret() if len(self.painter.index) else None
        linked: dict[int, str] = {}
        if span is not None:
            for r in self.arcs.by_span.get(span.id, ()):
                if r.event_id == span.id:
                    linked[r.argument_id] = r.role
                elif r.argument_id == span.id:
                    linked[r.event_id] = f"{r.role} of"
        caret = span.id if span is not None and linked else None
        if linked != self.painter.linked or caret != self.arcs.caret_span:
            self.painter.linked = linked
            self.arcs.caret_span = caret
            self.viewport().update()

    def set_hits(self, ranges: list[tuple[int, int]], current: int | None = None) -> None:
        """Outline search matches (code-point ranges); ``current`` is the index of the one to show."""
        self.painter.hits = SpanIndex(Span(-1 - i, 0, a, b, "") for i, (a, b) in enumerate(ranges))
        self.painter.current_hit = None if current is None else -1 - current
        if current is not None and 0 <= current < len(ranges):
            self.select_range(*ranges[current])
        self.viewport().update()

    def spans(self) -> list[Span]:
        return list(self.painter.index)

    def _on_spans_changed(self, change: Change) -> None:
        """Repaint only the blocks an edit touched (the session has updated the index); in review
        mode, an edit may open or settle differences anywhere: all is drawn again."""
        if self.session.reviewing:
            self._refresh_review()
            self._on_caret_moved()
            return
        first_block = False
        for span in change.touched:
            if span.end <= len(self._text):
                numbers = self.painter.blocks_of(span)
                self.painter.forget_blocks(numbers)
                self._update_blocks(numbers)
                first_block = first_block or numbers.start == 0
        if first_block:
            self._fit_top_margin()
        self._on_caret_moved()

    def _update_blocks(self, numbers: range) -> None:
        doc = self.document()
        layout = doc.documentLayout()
        first = layout.blockBoundingRect(doc.findBlockByNumber(numbers.start))
        last = layout.blockBoundingRect(doc.findBlockByNumber(numbers.stop - 1))
        above = self.painter.caption_height() * 4  # captions sit above the first line, lanes stack
        if self.arcs.active():
            above += self.arcs.room()
        rect = first.united(last).adjusted(0, -above, 0, 4)
        rect.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        self.viewport().update(rect.toAlignedRect().adjusted(0, 0, self.viewport().width(), 0))

    # ---- offsets ------------------------------------------------------------------------

    def selected_range(self) -> tuple[int, int]:
        """The selection as code-point offsets: snapped to whole words, or exact but trimmed of
        spaces and punctuation at its edges."""
        cursor = self.textCursor()
        offsets = self.painter.offsets
        start = offsets.to_codepoint(cursor.selectionStart())
        end = offsets.to_codepoint(cursor.selectionEnd())
        if end <= start:
            return start, start
        if self.snap_to_words and not self._exact:
            return snap_to_words(self._text, start, end)
        return trim_selection(self._text, start, end)

    def selection_start(self) -> int:
        return self.painter.offsets.to_codepoint(self.textCursor().selectionStart())

    def selected_text(self) -> str:
        """The selected characters as stored (never read back from Qt)."""
        end = self.painter.offsets.to_codepoint(self.textCursor().selectionEnd())
        return self._text[self.selection_start() : end]

    def set_tag_actions(self, actions: list[QAction]) -> None:
        """The label actions the context menu offers for a selection (the same ones the keys run)."""
        self._tag_actions = list(actions)

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

    def tag_selection(self, label: str, add: bool = False) -> None:
        """Tag the selection; with ``add``, keep another label already on the same text. With no
        selection and the caret on a span, give that span the label instead."""
        if not self.textCursor().hasSelection():
            span = self.span_at_caret()
            if span is not None and not add:
                self.session.relabel(span, label)
                return
        if self.session.tag(*self.selected_range(), label, add=add) is not None:
            self.clear_selection()

    def delete_at_caret(self) -> None:
        span = self.span_at_caret()
        if span is None:
            self.session.failed.emit(tr("No span at the caret."))
        else:
            self.session.remove(span)

    def top_offset(self) -> int:
        """The code point at the top of the visible text (to come back to it later)."""
        position = self.cursorForPosition(QPoint(self.viewport().width() // 2, 2)).position()
        return self.painter.offsets.to_codepoint(position)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding ``offset`` is at the top."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.painter.offsets.to_utf16(max(0, min(offset, len(self._text)))))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - 2)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def show_span(self, span: Span) -> None:
        self.select_range(span.start, span.end)
        self.setFocus()

    def span_at_caret(self) -> Span | None:
        """The analyst's span the user means: the one matching the selection, else the innermost
        at the caret (other analysts' spans are theirs: keys never act on them)."""
        own = self.session.is_own
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self.selected_range()
            for span in self.painter.index.overlapping(start, end):
                if (span.start, span.end) == (start, end) and own(span):
                    return span
            found = self.painter.index.at(start)
        else:
            found = self.painter.index.at(self.caret_offset())
        found = [s for s in found if own(s)]
        return found[0] if found else None

    def spans_at_point(self, point: QPoint) -> list[Span]:
        """The spans drawn under ``point`` (the analyst's and, when shown, other analysts')."""
        cursor = self.cursorForPosition(point)
        offset = self.painter.offsets.to_codepoint(cursor.position())
        return self.painter.visible(self.painter.index.at(offset))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), plain_tip(tip), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        """Whose the spans under ``point`` are (plain text: names and labels come from data)."""
        lines = []
        for span in self.spans_at_point(point):
            if self.session.is_own(span):
                who = tr("yours")
            else:
                who = tr("by {name}").format(name=span.annotator or tr("an unnamed analyst"))
            lines.append(f"{span.label} {self._quote(span)} — {who}")
        return "\n".join(lines)

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
        self.set_point_size(self.font().pointSizeF() + steps)

    def reset_zoom(self) -> None:
        self.set_point_size(self.base_point_size)

    def set_point_size(self, size: float) -> None:
        font = self.font()
        font.setPointSizeF(min(48.0, max(8.0, size)))
        self.setFont(font)
        self._fit_captions()

    def _fit_captions(self) -> None:
        """Captions grow with the article, never smaller than the interface's own text; the
        top margin leaves room for the captions of the first line."""
        floor = QApplication.font().pointSizeF()
        size = max(floor, self.font().pointSizeF() * CAPTION_SCALE)
        self.painter.set_caption_size(size)
        self.arcs.set_caption_size(size)
        if self.session.reviewing or self.arcs.active():
            self._fit_line_height()
        self._fit_top_margin()

    def _fit_top_margin(self) -> None:
        """Room above the first line for its captions: one row per overlap lane there."""
        block = self.document().firstBlock()
        lanes = self.painter.lanes_in(block) if len(self.painter.index) else 1
        margin = self.painter.caption_height() * max(lanes, 1) + 2
        if self.arcs.active():
            margin += self.arcs.room()
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.topMargin() - margin) > 0.5:
            fmt.setTopMargin(margin)
            frame.setFrameFormat(fmt)
            self.viewport().update()

    # ---- input --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift, alt = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
        if mods == shift | alt and event.key() in _CHARACTER_KEYS:
            # Alt+Shift+arrows: extend the selection character by character, without snapping.
            self._exact = True
            plain = QKeyEvent(event.type(), event.key(), shift, event.text())
            super().keyPressEvent(plain)
            event.accept()
            return
        if mods & shift:
            self._exact = False
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        pos = self.painter.offsets.to_codepoint(self.cursorForPosition(event.position().toPoint()).position())
        start, end = word_at(self._text, pos)
        if end > start:
            self._exact = False
            self.select_range(start, end)
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        session = self.session
        spans = [s for s in self.spans_at_point(event.pos()) if session.is_own(s)]  # others' are theirs
        for span in spans[:4]:
            sub = menu.addMenu(menu_text(f"{span.label} {self._quote(span)}"))  # "&" is no mnemonic
            for label in session.labels:
                if label.name != span.label:
                    text = tr("Change to {name}  {title}").format(
                        name=menu_text(label.name), title=menu_text(label.title)
                    )
                    action = sub.addAction(text)
                    action.triggered.connect(
                        lambda _=False, s=span, n=label.name: session.relabel(s, n)
                    )
            self._add_link_actions(sub, span)
            sub.addSeparator()
            remove = sub.addAction(tr("Delete span"))
            remove.triggered.connect(lambda _=False, s=span: session.remove(s))
        if self.textCursor().hasSelection():
            if spans:
                menu.addSeparator()
            tag = menu.addMenu(tr("Tag as"))
            tag.addActions(self._tag_actions)
            menu.addSeparator()
            menu.addAction(tr("Copy"), self.copy)
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    def _quote(self, span: Span) -> str:
        return quote(self._text[span.start : span.end], 24)

    def _in_context(self, span: Span) -> str:
        """A span named for a menu: its label and its text with a few words either side."""
        return f"{span.label}: {keyword_in_context(self._text, span.start, span.end, 18)}"

    def _add_link_actions(self, menu: QMenu, span: Span) -> None:
        """Link from either end: an argument to an event, or an event to an argument, in a role;
        or unlink an existing relation. Candidates are named by their text in its context, the
        nearest first; those past the first :data:`NEAREST` are under "Farther", never left out."""
        session = self.session
        index = self.painter.index
        is_event = span.label == EVENT_LABEL
        candidates = sorted(
            (
                s for s in self.painter.visible(list(index))
                if s.id != span.id and (s.label != EVENT_LABEL if is_event else s.label == EVENT_LABEL)
            ),
            key=lambda s: (abs(s.start - span.start), s.start),
        )
        if candidates:
            link = menu.addMenu(tr("Add argument") if is_event else tr("Link to event"))
            far = link
            for n, other in enumerate(candidates):
                if n == NEAREST:
                    far = link.addMenu(tr("Farther (%n)", "", len(candidates) - NEAREST))
                event, argument = (span, other) if is_event else (other, span)
                fitting = [r.name for r in session.roles if session.role_fits(r.name, argument.label)]
                if not fitting:
                    continue  # no role this pair can fill (a place as an event's source)
                roles = far.addMenu(menu_text(self._in_context(other)))
                for role in fitting:
                    action = roles.addAction(tr("as {role}").format(role=menu_text(role)))
                    action.triggered.connect(
                        lambda _=False, e=event, a=argument, r=role: session.link(e, a, r)
                    )
        for relation in session.relations:
            if span.id not in (relation.event_id, relation.argument_id):
                continue
            linked = index.get(relation.argument_id if relation.event_id == span.id else relation.event_id)
            if linked is not None:
                action = menu.addAction(
                    tr("Unlink {role}: {text}").format(
                        role=menu_text(relation.role), text=menu_text(self._quote(linked))
                    )
                )
                action.triggered.connect(lambda _=False, rid=relation.id: session.unlink(rid))

    # ---- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        area = QRectF(event.rect()).translated(dx, dy)
        above = self.painter.caption_height() * 4
        arcs = self.arcs.active() and len(self.painter.index) > 0
        if arcs:  # an arc may cross the area from spans outside it: route all those on screen
            above += self.arcs.room()
            area = QRectF(self.viewport().rect()).translated(dx, dy)
        pieces, hits = [], []
        if len(self.painter.index) or len(self.painter.hits):
            for block in self.painter.visible_blocks(area.top() - above, area.bottom() + above):
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
            rtl = self._direction == Qt.LayoutDirection.RightToLeft
            self.painter.paint_over(painter, pieces, rtl)
            if arcs:
                routed = self.arcs.route(pieces, rtl, *self.text_edges())
                self.arcs.paint(painter, routed, dy, dy + self.viewport().height())
            self.painter.paint_links(painter, pieces, roles=not arcs)
            self.painter.paint_hits(painter, hits)
            if self.session.reviewing:
                self.painter.paint_lane_names(painter, pieces, dx + 2, REVIEW_GUTTER - 6)
            painter.end()
