"""Links drawn in the text: an arc from each event to each of its arguments, its role on it.

Arcs run in the room left between lines (the line height grows by :func:`ArcPainter.room` while
links are shown), never across the words:

* event and argument on one line: up from the event's caption, along the room above the line,
  down onto the argument's caption (an arrowhead there), like brat's arcs;
* on neighbouring lines: from the upper span's foot into the room between the two lines, along
  it, onto the lower span's caption (or from the lower one's caption up onto the upper's foot);
* farther apart: up from the upper span's caption, along the room above its line to the gutter
  at the lines' ends (left of right-to-left text), down the gutter, and along the room above the
  lower span onto its caption; the role is written on both horizontal runs.

Arcs sharing a room are stacked in levels (shorter ones nearer the text, as brat does) so that
neither their runs nor their role boxes overlap. Only relations touching the spans drawn on screen
are routed, found through an index kept per document (span id -> its relations), so painting
costs the same whatever the article's length and however many links it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from model.records import Relation, Role, Span

from .span_painter import SpanPainter, SpanPiece
from .theme import marks, readable_on

#: the colours of the roles, in the schema's order (source, target, place, then any others)
ROLE_COLORS = ("#6a3d9a", "#c45a12", "#00838f", "#8c6d1f", "#3a5a99", "#a0336b", "#4d7c0f")
LEVELS = 3  # arc levels each room between lines holds (an event's source, target and place)
LEVEL_STEP = 0.8  # between levels, in role boxes' heights: boxes on neighbouring levels never meet
ROOM_PAD = 3.0  # between the captions and the lowest level
RADIUS = 4.0  # rounded corners
ARROW = 5.5  # arrowhead length
SPREAD = 7.0  # between the feet of several arcs on one span
GUTTER_CHANNEL = 5.0  # between the runs of long arcs in the gutter
GUTTER_CHANNELS = 4
LINK_GUTTER = GUTTER_CHANNEL * GUTTER_CHANNELS + 8  # the gutter's width (pixels)
OTHERS_ALPHA = 120  # another analyst's link: paler and thinner

Line = tuple[int, int]  # (block number, line number in the block)


def role_color(index: int) -> QColor:
    return QColor(ROLE_COLORS[index % len(ROLE_COLORS)])


@dataclass
class _Anchor:
    span: Span
    rect: QRectF  # the piece holding the span's start
    caption: QRectF  # its caption box
    line: Line


@dataclass
class _Foot:
    """Where an arc meets a span: on its caption (top) or under its words (bottom)."""

    anchor: _Anchor
    top: bool
    toward: float = 0.0  # the x the arc heads for from here (to order several feet)
    x: float = 0.0

    @property
    def y(self) -> float:
        if self.top:
            inside = self.anchor.caption.left() <= self.x <= self.anchor.caption.right()
            return self.anchor.caption.top() if inside else self.anchor.rect.top() + 1
        return self.anchor.rect.bottom() + 1


@dataclass
class _Run:
    """A horizontal run of an arc in the room above ``line``."""

    line: Line
    x0: float
    x1: float
    label_width: float
    level: int = 0

    def extent(self) -> tuple[float, float]:
        mid = (self.x0 + self.x1) / 2
        lo, hi = min(self.x0, self.x1), max(self.x0, self.x1)
        return min(lo, mid - self.label_width / 2), max(hi, mid + self.label_width / 2)


@dataclass
class Arc:
    """One relation as routed on screen (document coordinates)."""

    relation: Relation
    event: _Foot
    argument: _Foot
    runs: list[_Run] = field(default_factory=list)
    event_first: bool = True  # a long arc: is the event the upper end (its run comes first)?
    gutter_channel: int = 0
    points: list[QPointF] = field(default_factory=list)


class ArcPainter:
    """Routes and draws the links of the open document over a :class:`SpanPainter`'s spans."""

    def __init__(self, spans: SpanPainter) -> None:
        self.spans = spans
        self.show = True
        self.relations: list[Relation] = []
        self.by_span: dict[int, list[Relation]] = {}  # span id -> relations it is an end of
        self.role_order: dict[str, int] = {}
        self.caret_span: int | None = None  # the span at the caret: its arcs are drawn bolder
        self.is_own: Callable[[Span], bool] = spans.is_own
        self.label_font = QFont(spans.caption_font)
        self.label_font.setBold(False)
        self._metrics = QFontMetricsF(self.label_font)
        self.gutter_left = True  # the gutter is left of the text (right-to-left) or right of it
        self.drawn = 0  # arcs the last paint drew (for tests and the benchmark)
        self.routed: list[Arc] = []  # ... and those arcs
        self._lanes: dict[Line, int] = {}  # caption rows of the lines on screen (overlaps stack)
        self._tops: dict[Line, tuple[float, bool] | None] = {}  # line -> (top, blank), per route
        self._colors: dict[tuple[str, int], tuple[QColor, QColor]] = {}  # (role, page) -> line, ink

    # ---- state --------------------------------------------------------------------------

    def set_relations(self, relations: Sequence[Relation], roles: Iterable[Role]) -> None:
        """The open document's relations (an index by span id is built once here)."""
        self.relations = list(relations)
        self.role_order = {role.name: i for i, role in enumerate(roles)}
        self._colors.clear()
        by_span: dict[int, list[Relation]] = {}
        for r in self.relations:
            by_span.setdefault(r.event_id, []).append(r)
            if r.argument_id != r.event_id:
                by_span.setdefault(r.argument_id, []).append(r)
        self.by_span = by_span

    def set_caption_size(self, point_size: float) -> None:
        self.label_font.setPointSizeF(point_size)
        self._metrics = QFontMetricsF(self.label_font)

    def _pair(self, role: str, page: QColor) -> tuple[QColor, QColor]:
        key = (role, page.rgb())
        pair = self._colors.get(key)
        if pair is None:
            line = readable_on(role_color(self.role_order.get(role, len(self.role_order))), page, 3.0)
            pair = self._colors[key] = (line, readable_on(line, page))
        return pair

    def color(self, role: str) -> QColor:
        """The role's colour, shifted if need be to stand out from the page (3:1)."""
        return QColor(self._pair(role, marks().page)[0])

    def ink(self, role: str) -> QColor:
        """The colour of the role's name on its box (AA on the page)."""
        return QColor(self._pair(role, marks().page)[1])

    def label_width(self, role: str) -> float:
        return self._metrics.horizontalAdvance(role) + 8

    def label_boxes(self, arc: Arc) -> list[QRectF]:
        """Where the role's name is written on ``arc`` (document coordinates), at the middle of
        each run (:meth:`paint` slides one along its run when another box is there)."""
        return [box for box, _lo, _hi in self._label_spots(arc)]

    def _label_spots(self, arc: Arc) -> list[tuple[QRectF, float, float]]:
        """Each run's role box with the x range the run spans (where the box may slide)."""
        height = self._metrics.height()
        spots = []
        for run in arc.runs:
            y = self._level_y(run.line, run.level)
            mid = (run.x0 + run.x1) / 2
            lo, hi = sorted((run.x0, run.x1))
            spots.append((QRectF(mid - run.label_width / 2, y - height / 2, run.label_width, height), lo, hi))
        return spots

    def step(self) -> float:
        """From one arc level to the next: most of a role box (the boxes of neighbouring levels
        are kept apart sideways)."""
        return self._metrics.height() * LEVEL_STEP

    def room(self) -> float:
        """Height the arcs need above a line's captions."""
        return ROOM_PAD + (LEVELS - 1) * self.step() + self._metrics.height() + 1

    def active(self) -> bool:
        return self.show and bool(self.relations)

    # ---- routing ------------------------------------------------------------------------

    def _line_top(self, line: Line) -> tuple[float, bool] | None:
        """The top of a line (document y) and whether it is a blank one."""
        if line in self._tops:
            return self._tops[line]
        block = self.spans.document.findBlockByNumber(line[0])
        found = None
        if block.isValid():
            layout = block.layout()
            if line[1] < layout.lineCount():
                found = layout.position().y() + layout.lineAt(line[1]).y(), block.length() <= 1
        self._tops[line] = found
        return found

    def _next_line(self, line: Line) -> Line:
        block = self.spans.document.findBlockByNumber(line[0])
        if line[1] + 1 < block.layout().lineCount():
            return (line[0], line[1] + 1)
        return (line[0] + 1, 0)

    def _level_y(self, line: Line, level: int) -> float:
        found = self._line_top(line)
        if found is None:
            return 0.0
        top, blank = found
        rows = self.spans.lane_count() if self.spans.review_lanes else self._lanes.get(line, 1)
        c = 0.0 if blank else self.spans.caption_height() * rows  # a blank line has no captions
        return top - c - ROOM_PAD - self._metrics.height() / 2 - min(level, LEVELS - 1) * self.step()

    def _anchor(self, piece: SpanPiece, rtl: bool) -> _Anchor:
        caption = self.spans.caption_box(piece, rtl)
        return _Anchor(piece.span, piece.rect, caption, piece.line)

    def _find_anchor(self, span_id: int, rtl: bool) -> _Anchor | None:
        """A span off screen: its first piece, worked out for it alone."""
        spans = self.spans
        span = spans.index.get(span_id)
        if span is None or not spans.visible([span]):
            return None
        number = spans.blocks_of(span).start
        block = spans.document.findBlockByNumber(number)
        for piece in spans.span_pieces(block, span):
            if piece.first:
                return self._anchor(piece, rtl)
        return None

    def route(self, pieces: Sequence[SpanPiece], rtl: bool, text_left: float, text_right: float) -> list[Arc]:
        """The arcs of every relation with an end among ``pieces`` (the spans drawn on screen)."""
        if not self.active():
            return []
        anchors: dict[int, _Anchor] = {}
        self._tops = {}
        lanes = self._lanes = {}
        for piece in pieces:
            if piece.first and piece.lane >= lanes.get(piece.line, 1):
                lanes[piece.line] = piece.lane + 1
            if piece.first and piece.span.id in self.by_span:
                anchors[piece.span.id] = self._anchor(piece, rtl)
        if not anchors:
            return []
        seen: set[int] = set()
        arcs: list[Arc] = []
        gutter = text_left - 4 if rtl else text_right + 4
        self.gutter_left = rtl
        feet: dict[tuple[int, bool], list[_Foot]] = {}
        for span_id in list(anchors):
            for r in self.by_span[span_id]:
                if r.id in seen:
                    continue
                seen.add(r.id)
                ends = []
                for end in (r.event_id, r.argument_id):
                    anchor = anchors.get(end) or self._find_anchor(end, rtl)
                    if anchor is None:
                        break
                    anchors[end] = anchor
                    ends.append(anchor)
                if len(ends) < 2:
                    continue
                ev, ar = ends
                arc = self._route_one(r, ev, ar, gutter)
                arcs.append(arc)
                for foot in (arc.event, arc.argument):
                    feet.setdefault((foot.anchor.span.id, foot.top), []).append(foot)
        self._spread(feet)
        for arc in arcs:  # the runs start and end at the feet now placed
            self._fix_runs(arc, gutter)
        self._stack(arcs)
        self._channels(arcs)
        for arc in arcs:
            arc.points = self._points(arc, gutter)
        return arcs

    def _route_one(self, r: Relation, ev: _Anchor, ar: _Anchor, gutter: float) -> Arc:
        width = self.label_width(r.role)
        if ev.line == ar.line:
            e, a = _Foot(ev, True), _Foot(ar, True)
            e.toward, a.toward = ar.caption.center().x(), ev.caption.center().x()
            return Arc(r, e, a, [_Run(ev.line, 0, 0, width)])
        upper, lower = (ev, ar) if ev.line < ar.line else (ar, ev)
        if self._next_line(upper.line) == lower.line:  # in the room between the two lines
            up, down = _Foot(upper, False), _Foot(lower, True)
            e, a = (up, down) if upper is ev else (down, up)
            up.toward, down.toward = lower.caption.center().x(), upper.rect.center().x()
            return Arc(r, e, a, [_Run(lower.line, 0, 0, width)])
        e, a = _Foot(ev, True), _Foot(ar, True)
        e.toward = a.toward = gutter
        runs = [_Run(upper.line, 0, 0, width), _Run(lower.line, 0, 0, width)]
        return Arc(r, e, a, runs, event_first=upper is ev)

    @staticmethod
    def _spread(feet: dict[tuple[int, bool], list[_Foot]]) -> None:
        """Several arcs on one span leave from points side by side, ordered by where they head
        (so that they do not cross just above it)."""
        for (_span, top), group in feet.items():
            anchor = group[0].anchor
            centre = anchor.caption.center().x() if top else anchor.rect.center().x()
            group.sort(key=lambda f: f.toward)
            n = len(group)
            lo, hi = anchor.rect.left() + 2, anchor.rect.right() - 2
            if top:
                lo, hi = min(lo, anchor.caption.left() + 2), max(hi, anchor.caption.right() - 2)
            spread = min(SPREAD, (hi - lo) / max(n - 1, 1)) if n > 1 else 0.0
            for i, foot in enumerate(group):
                foot.x = max(lo, min(hi, centre + (i - (n - 1) / 2) * spread))

    @staticmethod
    def _fix_runs(arc: Arc, gutter: float) -> None:
        e, a = arc.event, arc.argument
        if len(arc.runs) == 1:
            arc.runs[0].x0, arc.runs[0].x1 = e.x, a.x
        else:
            first, last = (e, a) if arc.event_first else (a, e)  # the upper foot's run comes first
            arc.runs[0].x0, arc.runs[0].x1 = first.x, gutter
            arc.runs[1].x0, arc.runs[1].x1 = gutter, last.x

    @staticmethod
    def _stack(arcs: list[Arc]) -> None:
        """Levels in each room: shorter runs lower; no two runs (with their role boxes) overlap
        on one level, nor two role boxes on neighbouring levels (past the last level, the
        least crowded one is shared)."""
        rooms: dict[Line, list[_Run]] = {}
        for arc in arcs:
            for run in arc.runs:
                rooms.setdefault(run.line, []).append(run)

        def free(used: list[tuple[float, float]], lo: float, hi: float) -> bool:
            return all(hi + 3 < a or lo - 3 > b for a, b in used)

        for runs in rooms.values():
            taken: list[list[tuple[float, float]]] = [[] for _ in range(LEVELS)]
            boxes: list[list[tuple[float, float]]] = [[] for _ in range(LEVELS)]
            for run in sorted(runs, key=lambda r: abs(r.x1 - r.x0)):
                lo, hi = run.extent()
                mid = (run.x0 + run.x1) / 2
                box = (mid - run.label_width / 2, mid + run.label_width / 2)
                level = next(
                    (
                        k for k in range(LEVELS)
                        if free(taken[k], lo, hi)
                        and (k == 0 or free(boxes[k - 1], *box))
                        and (k == LEVELS - 1 or free(boxes[k + 1], *box))
                    ),
                    None,
                )
                if level is None:
                    level = min(range(LEVELS), key=lambda k: (len(taken[k]), -k))
                taken[level].append((lo, hi))
                boxes[level].append(box)
                run.level = level

    def _channels(self, arcs: list[Arc]) -> None:
        """Long arcs each get their own channel in the gutter where their runs overlap."""
        long = [a for a in arcs if len(a.runs) == 2]
        ends: list[float] = []
        spans = []
        for arc in long:
            y0 = self._level_y(arc.runs[0].line, arc.runs[0].level)
            y1 = self._level_y(arc.runs[1].line, arc.runs[1].level)
            spans.append((min(y0, y1), max(y0, y1), arc))
        for y0, y1, arc in sorted(spans, key=lambda t: t[1] - t[0]):
            for channel, end in enumerate(ends):
                if end < y0 - 2:
                    ends[channel] = y1
                    arc.gutter_channel = channel
                    break
            else:
                arc.gutter_channel = min(len(ends), GUTTER_CHANNELS - 1)
                if len(ends) < GUTTER_CHANNELS:
                    ends.append(y1)

    def _points(self, arc: Arc, gutter: float) -> list[QPointF]:
        """The arc as a polyline from the event's foot to the argument's."""
        e, a = arc.event, arc.argument
        if len(arc.runs) == 1:
            y = self._level_y(arc.runs[0].line, arc.runs[0].level)
            return [QPointF(e.x, e.y), QPointF(e.x, y), QPointF(a.x, y), QPointF(a.x, a.y)]
        shift = arc.gutter_channel * GUTTER_CHANNEL
        x = gutter - shift if self.gutter_left else gutter + shift
        arc.runs[0].x1 = arc.runs[1].x0 = x
        y0 = self._level_y(arc.runs[0].line, arc.runs[0].level)
        y1 = self._level_y(arc.runs[1].line, arc.runs[1].level)
        upper, lower = (e, a) if arc.event_first else (a, e)
        points = [
            QPointF(upper.x, upper.y), QPointF(upper.x, y0), QPointF(x, y0),
            QPointF(x, y1), QPointF(lower.x, y1), QPointF(lower.x, lower.y),
        ]
        return points if upper is e else points[::-1]

    # ---- drawing ------------------------------------------------------------------------

    def paint(self, painter: QPainter, arcs: list[Arc], top: float, bottom: float) -> None:
        """Draw ``arcs``; the part of an arc beyond ``top``..``bottom`` (document y of the screen)
        is cut off first, so that an arc to a span far away costs no more than a near one."""
        self.drawn, self.routed = len(arcs), arcs
        if not arcs:
            return
        scheme = marks()
        lo, hi = top - 40, bottom + 40
        painter.setBrush(Qt.BrushStyle.NoBrush)
        boxes: list[tuple[QRectF, float, float, str, QColor, QColor, bool]] = []
        # the caret's arcs last, so that they lie on top
        for arc in sorted(arcs, key=lambda a: self._emphasised(a)):
            r = arc.relation
            line_color, ink_color = self._pair(r.role, scheme.page)
            color = QColor(line_color)
            own = self._own(arc)
            strong = self._emphasised(arc)
            if not own:
                color.setAlpha(OTHERS_ALPHA)
            pen = QPen(color, 2.4 if strong else 1.4 if own else 1.1)  # another's: paler, thinner
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            points = [QPointF(p.x(), min(hi, max(lo, p.y()))) for p in arc.points]
            painter.drawPath(_rounded([*points[:-1], self._short_of_tip(points)]))
            if lo < arc.points[-1].y() < hi:
                self._arrow(painter, arc.points[-2], arc.points[-1], color, strong)
            for box, run_lo, run_hi in self._label_spots(arc):
                if not lo < box.center().y() < hi:
                    continue
                ink = QColor(ink_color)
                if not own:
                    ink.setAlpha(190)
                boxes.append((box, run_lo, run_hi, r.role, color, ink, strong))
        painter.setFont(self.label_font)
        back = QColor(scheme.page)
        back.setAlpha(240)
        for box, role, color, ink, strong in _apart(boxes):
            painter.setPen(QPen(color, 1.6 if strong else 1.0))
            painter.setBrush(back)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(ink)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, role)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _own(self, arc: Arc) -> bool:
        return self.is_own(arc.event.anchor.span)

    def _emphasised(self, arc: Arc) -> bool:
        r = arc.relation
        return self.caret_span is not None and self.caret_span in (r.event_id, r.argument_id)

    @staticmethod
    def _short_of_tip(points: list[QPointF]) -> QPointF:
        """The line stops where the arrowhead begins."""
        a, b = points[-2], points[-1]
        dy = b.y() - a.y()
        if abs(dy) < 1e-6:
            return b
        return QPointF(b.x(), b.y() - (ARROW if dy > 0 else -ARROW))

    @staticmethod
    def _arrow(painter: QPainter, a: QPointF, b: QPointF, color: QColor, strong: bool) -> None:
        down = b.y() >= a.y()
        size = ARROW + (1 if strong else 0)
        back = -size if down else size
        head = QPolygonF([
            b, QPointF(b.x() - size * 0.6, b.y() + back), QPointF(b.x() + size * 0.6, b.y() + back)
        ])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(head)
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _apart(
    boxes: list[tuple[QRectF, float, float, str, QColor, QColor, bool]],
) -> list[tuple[QRectF, str, QColor, QColor, bool]]:
    """The role boxes with none over another: a box that would cover one already placed slides
    along its run (the caret's arcs placed first); one with no room on its run is left out, its
    arc still told by its colour and by its box on its other run."""
    placed: list[tuple[QRectF, str, QColor, QColor, bool]] = []

    def clear(box: QRectF) -> bool:
        grown = box.adjusted(-2, -1, 2, 1)
        return not any(grown.intersects(other) for other, *_ in placed)

    for box, lo, hi, role, color, ink, strong in sorted(boxes, key=lambda b: not b[6]):
        if not clear(box):
            width, step = box.width(), box.width() / 2 + 2
            tries = [box.translated(sign * step * k, 0) for k in range(1, 12) for sign in (-1, 1)]
            box = next((t for t in tries if lo <= t.left() and t.right() <= hi and clear(t)), QRectF())
            if box.isNull() or width <= 0:
                continue
        placed.append((box, role, color, ink, strong))
    return placed


def _rounded(points: list[QPointF]) -> QPainterPath:
    """A polyline of vertical and horizontal segments with its corners rounded."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        prev, corner, nxt = points[i - 1], points[i], points[i + 1]
        r1 = min(RADIUS, _length(prev, corner) / 2)
        r2 = min(RADIUS, _length(corner, nxt) / 2)
        path.lineTo(_towards(corner, prev, r1))
        path.quadTo(corner, _towards(corner, nxt, r2))
    path.lineTo(points[-1])
    return path


def _length(a: QPointF, b: QPointF) -> float:
    return abs(a.x() - b.x()) + abs(a.y() - b.y())


def _towards(origin: QPointF, target: QPointF, distance: float) -> QPointF:
    length = _length(origin, target)
    if length < 1e-6:
        return QPointF(origin)
    t = distance / length
    return QPointF(origin.x() + (target.x() - origin.x()) * t, origin.y() + (target.y() - origin.y()) * t)
