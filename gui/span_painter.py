"""Draws spans over an article: tinted boxes, stacked lane bars for overlaps, small captions.

The analyst's own spans are drawn in full; other analysts' (after a merge, on a team database) in
a quieter style: a fainter tint, a thinner bar and an outlined caption, or not at all when
``show_others`` is off.

Works on the visible blocks only and never edits the QTextDocument, so tagging one span
costs one repaint of the lines it touches, whatever the article's length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextBlock,
    QTextDocument,
)

from model.intervals import SpanIndex, assign_lanes
from model.offsets import OffsetMap
from model.records import GOLD as GOLD_NAME
from model.records import Label, Span

from .theme import caption_colors, composite, mark_color, marks, readable_on, tint_color

# Colours per scheme (dark or light) and label come from .theme, kept to WCAG AA where text meets
# them; the constants below are the light scheme's, for reference.
TINT_ALPHA = 70  # a span's tint on a light page (theme.TINT_ALPHA: per scheme, capped for contrast)
BAR_HEIGHT = 3.0
BAR_GAP = 1.0
CAPTION_POINT_SIZE = 7.5
HIT_COLOR = QColor("#e69500")
OTHERS_TINT_ALPHA = 28  # another analyst's span: a fainter tint ...
OTHERS_BAR_ALPHA = 120  # ... a paler bar, and an outlined caption on white
CAPTION_BACK = QColor(255, 255, 255, 235)
DIFFERENCE_COLOR = QColor("#d00000")  # review mode: an open difference's underline and caption edge
LANE_NAME_COLOR = QColor("#555555")


@dataclass(frozen=True)
class SpanPiece:
    """One visual rectangle of a span on one line, in document coordinates."""

    span: Span
    rect: QRectF
    first: bool  # the piece holding the span's start (where the caption goes)
    lane: int
    line: tuple[int, int] = (0, 0)  # (block number, line number in the block)


def _wavy(painter: QPainter, left: float, right: float, y: float) -> None:
    """A wavy red line from ``left`` to ``right`` (the mark of an open difference)."""
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        x = min(x + 2.5, right)
        path.lineTo(x, y - 1.5 if up else y + 1.5)
        up = not up
    painter.setPen(QPen(marks().difference, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


class SpanPainter:
    """Geometry and drawing of spans for one QTextDocument."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.index = SpanIndex()
        self.offsets = OffsetMap("")
        self.colors: dict[str, QColor] = {}
        self.captions: dict[str, str] = {}
        self._lanes: dict[int, dict[int, int]] = {}  # block number -> span id -> lane
        self.hits = SpanIndex()  # search matches, drawn as outlines
        self.current_hit: int | None = None  # the id of the match the find bar is on
        self.linked: dict[int, str] = {}  # spans linked to the one at the caret -> role
        self.is_own: Callable[[Span], bool] = lambda _span: True  # the analyst's, or another's?
        self.show_others = True  # draw other analysts' spans (quieter) or leave them out
        #: review mode: one lane per annotator (gold first, nearest the text), else None
        self.review_lanes: dict[str, int] | None = None
        self.differences: set[tuple[int, int, str]] = set()  # review mode: open differences
        self.caption_font = QFont()
        self.caption_font.setPointSizeF(CAPTION_POINT_SIZE)
        self.caption_font.setBold(True)
        self._caption_height = QFontMetricsF(self.caption_font).height()

    def reset(self, text_offsets: OffsetMap, index: SpanIndex, labels: list[Label]) -> None:
        """Draw ``index`` (the session's, read only here) over a new text."""
        self.offsets = text_offsets
        self.index = index
        self.hits = SpanIndex()
        self.current_hit = None
        self.linked = {}
        self.set_labels(labels)
        self._lanes.clear()

    def set_show_others(self, on: bool) -> None:
        """Draw other analysts' spans or not (the lanes are worked out again)."""
        if on != self.show_others:
            self.show_others = on
            self._lanes.clear()

    def ownership_changed(self) -> None:
        """``is_own`` answers differently now (the analyst's name changed)."""
        self._lanes.clear()

    def set_review(self, lanes: dict[str, int] | None, differences: set[tuple[int, int, str]]) -> None:
        """Review mode (``lanes``: annotator -> lane) or the analyst's view (None)."""
        if lanes != self.review_lanes:
            self._lanes.clear()
        self.review_lanes = lanes
        self.differences = differences

    def lane_count(self) -> int:
        """Review mode: how many lanes every line has room for."""
        return max(self.review_lanes.values(), default=0) + 1 if self.review_lanes else 1

    def visible(self, spans: list[Span]) -> list[Span]:
        """``spans`` as drawn: without other analysts' when they are hidden (review shows all)."""
        if self.show_others or self.review_lanes is not None:
            return spans
        own = self.is_own
        return [s for s in spans if own(s)]

    def set_caption_size(self, point_size: float) -> None:
        self.caption_font.setPointSizeF(point_size)
        self._caption_height = QFontMetricsF(self.caption_font).height()

    def caption_height(self) -> float:
        return self._caption_height

    def set_labels(self, labels: list[Label]) -> None:
        self.colors = {label.name: QColor(label.color) for label in labels}
        self.captions = {label.name: label.name for label in labels}

    # ---- geometry -----------------------------------------------------------------------

    def blocks_of(self, span: Span) -> range:
        """Block numbers a span touches."""
        first = self.document.findBlock(self.offsets.to_utf16(span.start)).blockNumber()
        last = self.document.findBlock(self.offsets.to_utf16(max(span.start, span.end - 1))).blockNumber()
        return range(first, last + 1)

    def forget_blocks(self, numbers: range) -> None:
        for n in numbers:
            self._lanes.pop(n, None)

    def _block_spans(self, block: QTextBlock) -> tuple[list[Span], dict[int, int]]:
        start = self.offsets.to_codepoint(block.position())
        end = self.offsets.to_codepoint(block.position() + block.length())
        spans = self.visible(self.index.overlapping(start, end))
        lanes = self._lanes.get(block.blockNumber())
        if lanes is None or any(s.id not in lanes for s in spans):
            by_name = self.review_lanes
            if by_name is not None:
                last = len(by_name)
                lanes = {s.id: by_name.get(s.annotator, last) for s in spans}
            else:
                lanes = assign_lanes(spans)
            self._lanes[block.blockNumber()] = lanes
        return spans, lanes

    def lanes_in(self, block: QTextBlock) -> int:
        """How many overlap lanes the spans of ``block`` need."""
        if self.review_lanes is not None:
            return self.lane_count()
        _spans, lanes = self._block_spans(block)
        return max(lanes.values(), default=-1) + 1

    def pieces(self, block: QTextBlock) -> list[SpanPiece]:
        """Rectangles of every span in ``block``, one per line and direction run."""
        spans, lanes = self._block_spans(block)
        return self._pieces(block, spans, lanes)

    def hit_pieces(self, block: QTextBlock) -> list[SpanPiece]:
        """Rectangles of the search matches in ``block``."""
        if not len(self.hits):
            return []
        start = self.offsets.to_codepoint(block.position())
        end = self.offsets.to_codepoint(block.position() + block.length())
        return self._pieces(block, self.hits.overlapping(start, end), {})

    def _pieces(self, block: QTextBlock, spans: list[Span], lanes: dict[int, int]) -> list[SpanPiece]:
        if not spans:
            return []
        layout = block.layout()
        origin = layout.position()
        base = block.position()
        rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
        number = block.blockNumber()
        out: list[SpanPiece] = []
        for span in spans:
            a = self.offsets.to_utf16(span.start) - base
            b = self.offsets.to_utf16(span.end) - base
            first = True
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo = max(a, line.textStart())
                hi = min(b, line.textStart() + line.textLength())
                if lo >= hi:
                    continue
                runs = line.glyphRuns(lo, hi - lo)
                xs = [(r.boundingRect().left(), r.boundingRect().right()) for r in runs if not r.isEmpty()]
                if not xs:
                    continue
                # A span inside one direction run is one box; mixed runs give one box each.
                # The caption goes on the box where reading starts: rightmost in RTL.
                xs.sort(reverse=rtl)
                for left, right in xs:
                    rect = QRectF(origin.x() + left, origin.y() + line.y(), right - left, line.height())
                    head = first and a >= line.textStart()
                    out.append(SpanPiece(span, rect, head, lanes.get(span.id, 0), (number, i)))
                    first = False
        return out

    def span_pieces(self, block: QTextBlock, span: Span) -> list[SpanPiece]:
        """The rectangles of one span in ``block`` (with its lane there)."""
        _spans, lanes = self._block_spans(block)
        return self._pieces(block, [span], lanes)

    def caption_box(self, piece: SpanPiece, right_to_left: bool) -> QRectF:
        """Where :meth:`paint_over` puts the caption of a span's first piece."""
        metrics = QFontMetricsF(self.caption_font)
        caption = self.captions.get(piece.span.label, piece.span.label)
        width = metrics.horizontalAdvance(caption) + 4
        height = metrics.height()
        x = piece.rect.right() - width if right_to_left else piece.rect.left()
        return QRectF(x, piece.rect.top() - height * (piece.lane + 1), width, height)

    def visible_blocks(self, top: float, bottom: float):  # type: ignore[no-untyped-def]
        """Blocks whose bounding rectangles meet the document's y range [top, bottom]."""
        layout = self.document.documentLayout()
        pos = layout.hitTest(QPointF(1, top), Qt.HitTestAccuracy.FuzzyHit)
        block = self.document.findBlock(max(0, pos))
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.top() > bottom:
                break
            if rect.bottom() >= top:
                yield block
            block = block.next()

    # ---- drawing ------------------------------------------------------------------------

    def paint_under(self, painter: QPainter, pieces: list[SpanPiece]) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        own = self.is_own
        scheme = marks()
        for piece in pieces:
            color = self.colors.get(piece.span.label, QColor("#888888"))
            alpha = None if own(piece.span) else OTHERS_TINT_ALPHA  # None: the scheme's own
            painter.fillRect(piece.rect, tint_color(color, scheme.page, scheme.dark, alpha, scheme.text))

    def paint_links(self, painter: QPainter, pieces: list[SpanPiece], roles: bool = True) -> None:
        """Spans linked to the one at the caret: a dashed outline and (with ``roles``, when no arcs
        carry them) the role under it."""
        if not self.linked:
            return
        metrics = QFontMetricsF(self.caption_font)
        painter.setFont(self.caption_font)
        for piece in pieces:
            role = self.linked.get(piece.span.id)
            if role is None:
                continue
            scheme = marks()
            color = mark_color(self.colors.get(piece.span.label, QColor("#888888")), scheme.page)
            pen = QPen(color, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(piece.rect.adjusted(-2, -1, 2, 1), 3, 3)
            if piece.first and roles:
                width = metrics.horizontalAdvance(role) + 4
                box = QRectF(
                    piece.rect.center().x() - width / 2, piece.rect.bottom() + 1, width, metrics.height()
                )
                painter.fillRect(box, scheme.caption_back)
                painter.setPen(readable_on(color, composite(scheme.caption_back, scheme.page)))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, role)

    def paint_hits(self, painter: QPainter, pieces: list[SpanPiece]) -> None:
        """Search matches: an amber outline, filled for the current one."""
        for piece in pieces:
            current = piece.span.id == self.current_hit
            painter.setPen(QPen(marks().hit, 2.0 if current else 1.2))
            painter.setBrush(marks().hit_fill if current else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(piece.rect.adjusted(-1, 1, 1, -1), 3, 3)

    def _caption_boxes(self, pieces: list[SpanPiece], right_to_left: bool) -> dict[int, QRectF]:
        """Each first piece's caption box (by index in ``pieces``), kept off its neighbours': a
        caption wider than its span reaches over the next span's, so it stops short of where the
        next caption on the same row starts (and is elided there)."""
        rows: dict[tuple[float, int], list[tuple[float, int]]] = {}
        boxes: dict[int, QRectF] = {}
        for i, piece in enumerate(pieces):
            if not piece.first:
                continue
            anchor = piece.rect.right() if right_to_left else piece.rect.left()
            boxes[i] = self.caption_box(piece, right_to_left)
            rows.setdefault((round(boxes[i].top(), 1), piece.lane), []).append((anchor, i))
        for row in rows.values():
            anchors = sorted(row)
            for n, (_anchor, i) in enumerate(anchors):
                box = boxes[i]
                if right_to_left and n > 0:  # the caption to its left starts at that span's right edge
                    box.setLeft(max(box.left(), min(anchors[n - 1][0] + 1, box.right())))
                elif not right_to_left and n + 1 < len(anchors):
                    box.setRight(min(box.right(), max(anchors[n + 1][0] - 1, box.left())))
        return boxes

    def paint_over(self, painter: QPainter, pieces: list[SpanPiece], right_to_left: bool) -> None:
        metrics = QFontMetricsF(self.caption_font)
        painter.setFont(self.caption_font)
        own = self.is_own
        scheme = marks()
        caption_boxes = self._caption_boxes(pieces, right_to_left)
        for index, piece in enumerate(pieces):
            color = mark_color(self.colors.get(piece.span.label, QColor("#888888")), scheme.page)
            mine = own(piece.span)
            rect = piece.rect
            bar_y = rect.bottom() - (piece.lane + 1) * (BAR_HEIGHT + BAR_GAP)
            if mine:
                painter.fillRect(QRectF(rect.left(), bar_y, rect.width(), BAR_HEIGHT), color)
            else:
                pale = QColor(color)
                pale.setAlpha(OTHERS_BAR_ALPHA)
                thin = QRectF(rect.left(), bar_y + BAR_HEIGHT / 3, rect.width(), BAR_HEIGHT / 3)
                painter.fillRect(thin, pale)
            difference = self.review_lanes is not None and (
                (piece.span.start, piece.span.end, piece.span.label) in self.differences
            )
            if difference:  # an open difference: a red wavy line under the words
                _wavy(painter, rect.left(), rect.right(), rect.bottom() - 2)
            if not piece.first:
                continue
            caption = self.captions.get(piece.span.label, piece.span.label)
            height = metrics.height()
            box = caption_boxes[index]
            if box.width() < metrics.horizontalAdvance(caption) + 4:  # squeezed by a neighbour
                caption = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, box.width() - 2)
            if mine:
                fill, ink = caption_colors(color, scheme.dark, scheme.page)
                painter.fillRect(box, fill)
                painter.setPen(ink)
            else:  # another analyst's: outlined, dashed, on the page's colour
                painter.fillRect(box, scheme.caption_back)
                painter.setPen(QPen(color, 1.0, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
                painter.setPen(readable_on(color, composite(scheme.caption_back, scheme.page)))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
            if difference:  # and a red ≠ badge beside its caption
                painter.setPen(QPen(scheme.difference, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box.adjusted(-0.5, -0.5, 0.5, 0.5))
                side = height
                bx = box.left() - side - 1 if right_to_left else box.right() + 1
                badge = QRectF(bx, box.top(), side, side)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(scheme.difference)
                painter.drawEllipse(badge.adjusted(0.5, 0.5, -0.5, -0.5))
                painter.setPen(scheme.difference_text)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "≠")

    def paint_lane_names(self, painter: QPainter, pieces: list[SpanPiece], x: float, width: float) -> None:
        """Review mode: the annotator's name at the head of each lane, on every line that uses it
        (in the gutter left of the text, ``x``..``x + width``)."""
        if not self.review_lanes:
            return
        names = {lane: name for name, lane in self.review_lanes.items()}
        seen: set[tuple[float, int]] = set()
        metrics = QFontMetricsF(self.caption_font)
        height = metrics.height()
        font = QFont(self.caption_font)
        font.setBold(False)
        for piece in pieces:
            line = (round(piece.rect.top(), 1), piece.lane)
            if line in seen or piece.lane not in names:
                continue
            seen.add(line)
            name = names[piece.lane]
            box = QRectF(x, piece.rect.top() - height * (piece.lane + 1), width, height)
            painter.setFont(self.caption_font if name == GOLD_NAME else font)
            painter.setPen(marks().gold_name if name == GOLD_NAME else marks().lane_name)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, width - 4)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
