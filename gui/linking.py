"""Linking an event to its arguments fast, from either end: a role's key and a chooser, or a drag.

With the caret on one of the analyst's EVENT spans, a role's key (S source, T target, P place, or
the schema's own key for a role) opens the *link chooser*: every argument that may fill the role,
nearest first, each named by its label and its text in context. Up/Down, PageUp/PageDown and
Home/End move, the current candidate is outlined in the article as well, Enter or a click links,
typing filters (harakat, tatweel and alef forms ignored) and Escape closes. From an argument the
same key offers the events it may be the role of. A click on a candidate in the text links it too.

Ctrl+drag from one span to another draws a line and, on release, offers the roles that fit
(which end is the event decides the direction).

The controller watches the article view through event filters, so the view knows nothing of it.
Every link is one :meth:`Session.link` call: one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from model.arabic import fold_and_drop
from model.intervals import SpanIndex
from model.records import EVENT_LABEL, Role, Span
from model.text import keyword_in_context, quote, shorten

from .article_view import ArticleView, text_direction
from .i18n import QT_TR_NOOP, tr
from .messages import menu_text, plain_tip
from .session import Session, with_article
from .theme import link_band_colors

#: The link keys and gestures after the role keys (:func:`role_key_gesture`), for the F1 list:
#: (keys, what they do), to be shown through tr().
LINK_GESTURES: tuple[tuple[str, str], ...] = (
    (
        QT_TR_NOOP("Up / Down, PgUp / PgDn, Home / End"),
        QT_TR_NOOP("In the link chooser: move between the candidates, nearest first"),
    ),
    (
        QT_TR_NOOP("Enter / click"),
        QT_TR_NOOP("In the link chooser: link the candidate (or click it in the text)"),
    ),
    (QT_TR_NOOP("Typing"), QT_TR_NOOP("In the link chooser: filter the candidates (harakat ignored)")),
    (QT_TR_NOOP("Escape"), QT_TR_NOOP("Close the link chooser without linking")),
    (
        QT_TR_NOOP("Ctrl+drag"),
        QT_TR_NOOP("From a span to another span: link them in a role chosen from a menu"),
    ),
)


def role_key_gesture(roles: Sequence[Role]) -> tuple[str, str] | None:
    """F1's first linking row: the keys of this schema's roles (S / T / P by default) and what
    they do, translated; None when no role has a key."""
    keyed = [role for role in roles if role.key.strip()]
    if not keyed:
        return None
    keys = tr("{keys} (a role's key)").format(keys=" / ".join(role.key.strip() for role in keyed))
    what = tr("On an event: choose its {roles}; on an argument: choose the event it belongs to")
    return keys, what.format(roles=" / ".join(role.name for role in keyed))


CONTEXT_WIDTH = 18  # characters of context either side of a candidate's text
CHOOSER_ROWS = 6  # rows the chooser shows before it scrolls (all candidates are in it)
MAX_SHARE = 0.45  # of the article's height: there is always room for the current candidate
CHOOSER_WIDTH = 440
EDGE = 24  # a drag this near the top or bottom of the view scrolls it
SCROLL_STEP = 18
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVES = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)
#: the Latin letter on the key of each Arabic letter in the Arabic (101) layout, so that S, T and P
#: work without switching the keyboard back to Latin
ARABIC_101 = dict(zip("ضصثقفغعهخحشسيبلاتنمئءؤرىة", "QWERTYUIOPASDFGHJKLZXCVNM", strict=True))


def gap(a: Span, b: Span) -> int:
    """How far apart two spans are, in characters (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


def nearest_first(origin: Span, spans: list[Span]) -> list[Span]:
    """``spans`` ordered by their distance from ``origin``, ties in reading order."""
    return sorted(spans, key=lambda s: (gap(origin, s), s.start, s.end, s.id))


def _labels_text(role: Role | None) -> str:
    return " or ".join(role.labels) if role is not None and role.labels else tr("span")


@dataclass(frozen=True)
class Candidate:
    """A span the chooser offers: how it is named, what filtering matches, and whether it is
    already linked in the role."""

    span: Span
    name: str
    key: str
    linked: bool


@dataclass
class LinkMode:
    """The chooser's state: linking ``origin`` (an event, or an argument) in ``role``."""

    origin: Span
    role: Role
    candidates: list[Candidate]
    shown: list[Candidate]
    query: str = ""
    hits: SpanIndex | None = None  # the find bar's outlines, put back when the chooser closes
    current_hit: int | None = None

    @property
    def from_event(self) -> bool:
        return self.origin.label == EVENT_LABEL


class LinkChooser(QFrame):
    """The candidates in a list over the article: a title, the filter typed so far, the list.

    It never takes the focus: the article view keeps it and the controller passes the keys on,
    so the caret stays on the span being linked.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("linkChooser")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFont(QApplication.font())  # not the article's large type
        self.setLayoutDirection(QApplication.layoutDirection())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setObjectName("linkChooserTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # span texts come from data
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel(self)
        self.status.setObjectName("linkChooserFilter")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("linkCandidates")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for widget in (self.title, self.status):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(widget)
        layout.addWidget(self.list)
        self.hide()

    def set_article(self, direction: Qt.LayoutDirection, font: QFont) -> None:
        """The candidates read like the article (right to left for Arabic, aligned right) in its
        typeface, a little smaller; the title and the filter follow the interface's language."""
        self.list.setLayoutDirection(direction)
        floor = QApplication.font().pointSizeF() + 1
        shown = QFont(font)
        shown.setPointSizeF(max(floor, font.pointSizeF() * 0.8))
        self.list.setFont(shown)

    def row_height(self) -> int:
        return max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 4)

    def wanted_height(self) -> int:
        rows = max(1, min(self.list.count(), CHOOSER_ROWS))
        frame = 2 * self.list.frameWidth()
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        labels = self.title.sizeHint().height() + self.status.sizeHint().height() + 2 * 2
        return labels + rows * self.row_height() + frame + margins.top() + margins.bottom() + 4


class RubberBand(QWidget):
    """The line drawn while dragging from a span to another, over the article's viewport.

    A child of the view placed over the viewport (the viewport's own children would scroll with the
    text); it lets every mouse event through to the viewport underneath.
    """

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.setObjectName("linkRubberBand")
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.source: Span | None = None
        self.target: Span | None = None
        self.target_ok = False
        self.end = QPoint()
        self.hide()

    def colors(self) -> tuple[QColor, QColor]:
        """(the band, a refused end): 3:1 on the article's page in the scheme in use."""
        return link_band_colors(self.view.viewport().palette().color(QPalette.ColorRole.Base))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.source is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rects = self.view.span_rects(self.source)
        start = _center(rects) if rects else QPointF(self.end)
        band, refused = self.colors()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(band, 2.0))
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        if self.target is not None:
            color = band if self.target_ok else refused
            painter.setPen(QPen(color, 2.0))
            for rect in self.view.span_rects(self.target):
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.setPen(QPen(band, 2.0, Qt.PenStyle.DashLine))
        painter.drawLine(start, QPointF(self.end))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawEllipse(start, 3.5, 3.5)
        painter.drawEllipse(QPointF(self.end), 3.5, 3.5)
        painter.end()


def _in_interface_direction(text: str) -> str:
    """``text`` read in the interface's direction even when it starts with Arabic from the data
    (a label guesses a paragraph's direction from its first letter)."""
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return ("\u200f" if rtl else "\u200e") + text


def _center(rects: list[QRectF]) -> QPointF:
    united = QRectF(rects[0])
    for rect in rects[1:]:
        united = united.united(rect)
    return united.center()


class LinkController(QObject):
    """Role keys, the link chooser and Ctrl+drag over one article view."""

    def __init__(self, session: Session, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.mode: LinkMode | None = None
        self.chooser = LinkChooser(view)
        self.chooser.list.currentRowChanged.connect(self._on_current_changed)
        self.chooser.list.itemClicked.connect(self._on_item_clicked)
        self.band = RubberBand(view)
        self.role_menu: QMenu | None = None  # the roles offered after a drag (while shown)
        self._press: tuple[Span, QPoint] | None = None  # a Ctrl+press on a span: a drag may follow
        self._dragging = False
        self._swallow_release = False  # a click that linked: its release is ours too
        self._scroll = QTimer(self)
        self._scroll.setInterval(40)
        self._scroll.timeout.connect(self._on_scroll_timer)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        # the chooser stays beside the span being linked when the text scrolls under it
        view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        view.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        session.documentOpened.connect(self._on_document_changed)
        session.documentReloaded.connect(self._on_document_changed)
        session.spansChanged.connect(self._on_spans_changed)
        session.relationsChanged.connect(self._on_spans_changed)
        session.labelsChanged.connect(self._on_spans_changed)

    # ---- the role keys ------------------------------------------------------------------

    def role_for_key(self, event: QKeyEvent) -> Role | None:
        """The role whose key this is: its letter, either case, alone or with Shift; with an
        Arabic keyboard layout on, the letter on the same key (س is on S)."""
        if event.modifiers() & _MODIFIERS:
            return None
        text = event.text().casefold()
        roles = [(role, role.key.strip()) for role in self.session.roles if role.key.strip()]
        for role, key in roles:
            if text and text == key.casefold():
                return role
        latin = ARABIC_101.get(text, "")
        for role, key in roles:
            if len(key) == 1 and "A" <= key.upper() <= "Z":
                if event.key() == ord(key.upper()) or latin == key.upper():
                    return role
        return None

    def start(self, role_name: str, span: Span | None = None) -> bool:
        """Link ``span`` (by default the analyst's span at the caret) in the role ``role_name``:
        open the chooser on the candidates, or say in one line why there are none."""
        session = self.session
        self.cancel()
        role = session.role(role_name)
        if role is None or session.document is None:
            return False
        if span is None:
            span = self.view.span_at_caret()
        if span is None:
            session.failed.emit(tr("Put the caret on an event or an argument to link it in a role."))
            return False
        text = session.document.text
        own = [s for s in session.index if session.is_own(s) and s.id != span.id]
        if span.label == EVENT_LABEL:
            pool = [s for s in own if s.label != EVENT_LABEL and session.role_fits(role.name, s.label)]
            if not pool:
                message = tr("No {labels} in this article can be the {role} of {event}.")
                event = quote(session.span_text(span))
                session.failed.emit(message.format(labels=_labels_text(role), role=role.name, event=event))
                return False
            linked = {
                r.argument_id for r in session.relations if r.event_id == span.id and r.role == role.name
            }
        else:
            if not session.role_fits(role.name, span.label):
                message = tr("{argument} is {label}; the {role} of an event is {wanted}.")
                session.failed.emit(
                    message.format(
                        argument=quote(session.span_text(span)),
                        label=with_article(span.label),
                        role=role.name,
                        wanted=with_article(_labels_text(role)),
                    )
                )
                return False
            pool = [s for s in own if s.label == EVENT_LABEL]
            if not pool:
                message = tr("No event in this article for {argument} to be the {role} of.")
                session.failed.emit(message.format(argument=quote(session.span_text(span)), role=role.name))
                return False
            linked = {
                r.event_id for r in session.relations if r.argument_id == span.id and r.role == role.name
            }
        candidates = [
            Candidate(
                s,
                f"{s.label}  {shorten(text[s.start : s.end], 40)}\n"
                f"{keyword_in_context(text, s.start, s.end, CONTEXT_WIDTH)}",
                fold_and_drop(text[s.start : s.end]).casefold() + "\n" + s.label.casefold(),
                s.id in linked,
            )
            for s in nearest_first(span, pool)
        ]
        painter = self.view.painter
        self.mode = LinkMode(span, role, candidates, list(candidates), "", painter.hits, painter.current_hit)
        self.view.ensureCursorVisible()
        self.chooser.set_article(text_direction(text), self.view.font())
        self._fill()
        self.chooser.show()
        self.chooser.raise_()
        self._place()
        return True

    def _fill(self) -> None:
        """Show the candidates that match the filter; the first is current."""
        mode = self.mode
        assert mode is not None
        needle = fold_and_drop(mode.query).casefold().strip()
        mode.shown = [c for c in mode.candidates if needle in c.key] if needle else list(mode.candidates)
        session, chooser = self.session, self.chooser
        origin = quote(session.span_text(mode.origin))
        if mode.from_event:
            title = tr("The {role} of {event}:").format(role=mode.role.name, event=origin)
        else:
            title = tr("Which event is {argument} the {role} of?")
            title = title.format(argument=origin, role=mode.role.name)
        chooser.title.setText(_in_interface_direction(title))
        total = len(mode.candidates)
        if mode.query:
            status = tr("Filter: {query} — %n of {total}", "", len(mode.shown)).format(
                query=mode.query, total=total
            )
        else:
            status = tr("%n candidate(s), nearest first; type to filter", "", total)
        chooser.status.setText(_in_interface_direction(status))
        lst = chooser.list
        lst.blockSignals(True)
        lst.clear()
        for candidate in mode.shown:
            name = candidate.name
            if candidate.linked:
                first, _, context = name.partition("\n")
                name = tr("{candidate} (linked already)").format(candidate=first) + "\n" + context
            item = QListWidgetItem(name, lst)
            item.setToolTip(plain_tip(name))
        lst.blockSignals(False)
        if mode.shown:
            lst.setCurrentRow(0)
        self._on_current_changed(lst.currentRow())
        if chooser.isVisible():
            self._place()

    def _on_current_changed(self, row: int) -> None:
        """Outline every shown candidate in the text, the current one filled, and bring it into view."""
        mode = self.mode
        if mode is None:
            return
        view = self.view
        view.set_hits([(c.span.start, c.span.end) for c in mode.shown])
        view.painter.current_hit = -1 - row if 0 <= row < len(mode.shown) else None
        view.viewport().update()
        if 0 <= row < len(mode.shown):
            self._bring_into_view(mode.shown[row].span)

    def _bring_into_view(self, span: Span) -> None:
        view = self.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.painter.offsets.to_utf16(span.start))
        rect = view.cursorRect(cursor)
        height = view.viewport().height()
        if rect.top() < 0 or rect.bottom() > height:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - height // 3)
        if self.chooser.isVisible():
            self._place()

    def _place(self) -> None:
        """Put the chooser next to the span being linked (below it, else above it), on the side
        where the line starts, and never over the current candidate."""
        mode = self.mode
        if mode is None:
            return
        view, chooser = self.view, self.chooser
        area = view.viewport().geometry()
        width = min(area.width() - 8, max(CHOOSER_WIDTH, area.width() // 2))
        height = min(int(area.height() * MAX_SHARE), chooser.wanted_height())
        anchor = self._rect_in_view(mode.origin)
        rtl = chooser.list.layoutDirection() == Qt.LayoutDirection.RightToLeft  # the article's
        if anchor is None:
            x = area.right() - width - 4 if rtl else area.left() + 4
            y = area.bottom() - height - 4
        else:
            x = anchor.right() - width if rtl else anchor.left()
            if anchor.bottom() + 4 + height <= area.bottom():
                y = anchor.bottom() + 4
            elif anchor.top() - 4 - height >= area.top():
                y = anchor.top() - 4 - height
            else:
                y = area.bottom() - height - 4
        x = max(area.left() + 4, min(x, area.right() - width - 4))
        box = QRect(x, max(area.top() + 4, y), width, height)
        row = chooser.list.currentRow()
        current = self._rect_in_view(mode.shown[row].span) if 0 <= row < len(mode.shown) else None
        if current is not None and box.intersects(current):  # under it, else over it
            if current.bottom() + 4 + height <= area.bottom():
                box.moveTop(current.bottom() + 4)
            else:
                box.moveTop(max(area.top() + 4, current.top() - 4 - height))
        chooser.setGeometry(box)

    def _on_scrolled(self, _value: int) -> None:
        if self.mode is not None and self.chooser.isVisible():
            self._place()

    def _rect_in_view(self, span: Span) -> QRect | None:
        """Where ``span`` is drawn, in the view's coordinates; None when it is out of sight."""
        rects = self.view.span_rects(span)
        if not rects:
            return None
        united = QRectF(rects[0])
        for rect in rects[1:]:
            united = united.united(rect)
        box = united.toAlignedRect().translated(self.view.viewport().pos())
        return box if box.intersects(self.view.viewport().geometry()) else None

    def move_current(self, key: Qt.Key) -> None:
        lst = self.chooser.list
        count = lst.count()
        if not count:
            return
        row = max(0, lst.currentRow())
        page = max(1, lst.viewport().height() // max(1, self.chooser.row_height()) - 1)
        target = {
            Qt.Key.Key_Up: row - 1,
            Qt.Key.Key_Down: row + 1,
            Qt.Key.Key_PageUp: row - page,
            Qt.Key.Key_PageDown: row + page,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: count - 1,
        }.get(key, row)
        lst.setCurrentRow(max(0, min(count - 1, target)))

    def choose(self, row: int | None = None) -> bool:
        """Link the candidate in ``row`` of the list (the current one by default); one undo step."""
        mode = self.mode
        if mode is None:
            return False
        if row is None:
            row = self.chooser.list.currentRow()
        if not 0 <= row < len(mode.shown):
            self.session.failed.emit(tr("No candidate matches the filter: Backspace, or Escape to close."))
            return False
        return self.link_candidate(mode.shown[row].span)

    def link_candidate(self, other: Span) -> bool:
        """Link the span being linked with ``other`` (one of its candidates) and close the chooser."""
        mode = self.mode
        assert mode is not None
        origin, role = mode.origin, mode.role
        event, argument = (origin, other) if mode.from_event else (other, origin)
        already = any(
            r.event_id == event.id and r.argument_id == argument.id and r.role == role.name
            for r in self.session.relations
        )
        self.cancel()
        if already:
            message = tr("{argument} is the {role} of {event} already.")
            self.session.failed.emit(
                message.format(
                    argument=quote(self.session.span_text(argument)),
                    role=role.name,
                    event=quote(self.session.span_text(event)),
                )
            )
            return False
        return self.session.link(event, argument, role.name) is not None

    def cancel(self) -> None:
        """Close the chooser; the find bar's outlines come back, the caret stays where it was."""
        mode, self.mode = self.mode, None
        if mode is None:
            return
        self.chooser.hide()  # its list is filled afresh when it opens (a click on it may be running)
        painter = self.view.painter
        painter.hits = mode.hits if mode.hits is not None else SpanIndex()
        painter.current_hit = mode.current_hit
        self.view.viewport().update()

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.choose(self.chooser.list.row(item))

    def _on_document_changed(self, _document: object) -> None:
        self._stop_drag()
        mode, self.mode = self.mode, None
        if mode is not None:  # the painter was reset: its outlines are the new document's
            self.chooser.hide()

    def _on_spans_changed(self, _change: object = None) -> None:
        """An edit (or an undo) while the chooser is open: offer what there is now."""
        mode = self.mode
        if mode is None:
            return
        if mode.origin.id not in self.session.index:
            self.cancel()
            return
        query = mode.query
        if self.start(mode.role.name, self.session.index.get(mode.origin.id)) and query:
            assert self.mode is not None
            self.mode.query = query
            self._fill()

    # ---- keys ---------------------------------------------------------------------------

    def _wants(self, event: QKeyEvent) -> bool:
        """Keys the article view takes before any shortcut does: in the chooser, the plain keys
        (so that a digit filters rather than tags, Backspace edits the filter rather than deletes).
        A role's key is no shortcut: should a window action have the same key, the action wins."""
        if self._press is not None and event.key() == Qt.Key.Key_Escape:
            return True
        if self.mode is None:
            return False
        if event.modifiers() & _MODIFIERS:
            return False
        key = event.key()
        return (
            key in _ENTER
            or key in _MOVES
            or key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Tab)
            or bool(event.text() and event.text().isprintable())
        )

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if self._press is not None and key == Qt.Key.Key_Escape:
            self._stop_drag()
            return True
        mode = self.mode
        if mode is None:
            role = self.role_for_key(event)
            if role is None:
                return False
            self.start(role.name)
            return True
        if event.modifiers() & _MODIFIERS:
            return False  # Ctrl+Z and the like still work
        if key == Qt.Key.Key_Escape:
            self.cancel()
        elif key in _ENTER:
            self.choose()
        elif key in _MOVES:
            self.move_current(Qt.Key(key))
        elif key == Qt.Key.Key_Backspace:
            if mode.query:
                mode.query = mode.query[:-1]
                self._fill()
        elif key == Qt.Key.Key_Delete:
            if mode.query:
                mode.query = ""
                self._fill()
        elif event.text() and event.text().isprintable() and key != Qt.Key.Key_Tab:
            mode.query += event.text()
            self._fill()
        return True  # nothing else moves the caret off the span being linked

    # ---- events -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view:
            if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                if self._wants(event):
                    event.accept()
                    return True
            elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._on_key(event)
            elif kind == QEvent.Type.FocusOut:
                self.cancel()
                self._stop_drag()
            elif kind == QEvent.Type.Resize:
                self.band.setGeometry(self.view.viewport().geometry())
                self._place()
        elif watched is self.view.viewport() and kind == QEvent.Type.Resize:
            self._place()  # a scroll bar came or went: the viewport's width changed
        elif watched is self.view.viewport() and isinstance(event, QMouseEvent):
            if kind == QEvent.Type.MouseButtonPress:
                return self._on_press(event)
            if kind == QEvent.Type.MouseMove:
                return self._on_move(event)
            if kind == QEvent.Type.MouseButtonRelease:
                return self._on_release(event)
            if kind == QEvent.Type.MouseButtonDblClick and self.mode is not None:
                return True
        return False

    def _own_spans_at(self, point: QPoint) -> list[Span]:
        return [s for s in self.view.spans_at_point(point) if self.session.is_own(s)]

    def _on_press(self, event: QMouseEvent) -> bool:
        point = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.mode is not None:  # a candidate clicked in the text links it; elsewhere: close
            ids = {c.span.id for c in self.mode.candidates}
            hit = next((s for s in self.view.spans_at_point(point) if s.id in ids), None)
            if hit is not None:
                self._swallow_release = True
                self.link_candidate(hit)
                return True
            self.cancel()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            spans = self._own_spans_at(point)
            if spans:
                self._press = (spans[0], point)
                self._dragging = False
                return True
        return False

    def _on_move(self, event: QMouseEvent) -> bool:
        if self._press is None:
            return False
        point = event.position().toPoint()
        if not self._dragging:
            if (point - self._press[1]).manhattanLength() < QApplication.startDragDistance():
                return True
            self._dragging = True
            self.band.source = self._press[0]
            self.band.setGeometry(self.view.viewport().geometry())
            self.band.show()
            self.band.raise_()
        self._drag_to(point)
        height = self.view.viewport().height()
        if point.y() < EDGE or point.y() > height - EDGE:
            if not self._scroll.isActive():
                self._scroll.start()
        else:
            self._scroll.stop()
        return True

    def _drag_to(self, point: QPoint) -> None:
        assert self._press is not None
        source = self._press[0]
        self.band.end = point
        target = self._pick_target(source, point)
        self.band.target = target[0] if target else None
        self.band.target_ok = bool(target and target[1])
        self.band.update()

    def _on_scroll_timer(self) -> None:
        if not self._dragging:
            self._scroll.stop()
            return
        point = self.band.end
        bar = self.view.verticalScrollBar()
        step = -SCROLL_STEP if point.y() < EDGE else SCROLL_STEP
        bar.setValue(bar.value() + step)
        self._drag_to(point)

    def _on_release(self, event: QMouseEvent) -> bool:
        if self._swallow_release:
            self._swallow_release = False
            return True
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        source, start = self._press
        dragged = self._dragging
        self._stop_drag()
        point = event.position().toPoint()
        if not dragged:  # a Ctrl+click on a span: just put the caret there
            self.view.setTextCursor(self.view.cursorForPosition(start))
            return True
        self.drop(source, point, self.view.viewport().mapToGlobal(point))
        return True

    def _stop_drag(self) -> None:
        self._press = None
        self._dragging = False
        self._scroll.stop()
        self.band.source = self.band.target = None
        self.band.hide()

    # ---- dragging -----------------------------------------------------------------------

    def _pick_target(self, source: Span, point: QPoint) -> tuple[Span, bool] | None:
        """The span under ``point`` a drag from ``source`` would link, and whether it can: the
        other end must be an event when ``source`` is not, and not an event when it is."""
        spans = [s for s in self._own_spans_at(point) if s.id != source.id]
        if not spans:
            return None
        source_is_event = source.label == EVENT_LABEL
        fitting = [s for s in spans if (s.label == EVENT_LABEL) != source_is_event]
        return (fitting[0], True) if fitting else (spans[0], False)

    def drop(self, source: Span, point: QPoint, where: QPoint) -> QMenu | None:
        """A drag from ``source`` ended at ``point`` (viewport coordinates): offer the roles that
        fit at ``where`` (global), or say why the two cannot be linked."""
        session = self.session
        picked = self._pick_target(source, point)
        if picked is None:
            session.failed.emit(tr("Drop on another span to link the two."))
            return None
        target, ok = picked
        first, second = quote(session.span_text(source)), quote(session.span_text(target))
        if not ok:
            if source.label == EVENT_LABEL:
                message = tr("{first} and {second} are both events: link an event to an actor or place.")
            else:
                message = tr("Neither {first} nor {second} is an event: link an event to an actor or place.")
            session.failed.emit(message.format(first=first, second=second))
            return None
        event, argument = (source, target) if source.label == EVENT_LABEL else (target, source)
        return self.offer_roles(event, argument, where)

    def offer_roles(self, event: Span, argument: Span, where: QPoint) -> QMenu | None:
        """A small menu of the roles ``argument`` may fill in ``event``; choosing one links."""
        session = self.session
        fitting = [r for r in session.roles if session.role_fits(r.name, argument.label)]
        what, of = quote(session.span_text(argument)), quote(session.span_text(event))
        if not fitting:
            message = tr("No role of an event takes {argument} ({label}).")
            session.failed.emit(message.format(argument=what, label=argument.label))
            return None
        if self.role_menu is not None:
            self.role_menu.close()
            self.role_menu.deleteLater()
        menu = QMenu(self.view)
        menu.setObjectName("linkRoleMenu")
        menu.setToolTipsVisible(True)
        head = menu.addAction(
            tr("Link {argument} to {event} as:").format(argument=menu_text(what), event=menu_text(of))
        )
        head.setEnabled(False)
        menu.addSeparator()
        linked = {
            r.role for r in session.relations if r.event_id == event.id and r.argument_id == argument.id
        }
        first = None
        for role in fitting:
            key = role.key.strip()
            # the role's key is the menu's mnemonic; its name and description are data
            name = f"&{key}  {menu_text(role.name)}" if key else menu_text(role.name)
            if role.description:
                name = f"{name} — {menu_text(role.description)}"
            if role.name in linked:
                name = tr("{role} (linked already)").format(role=name)
            action = menu.addAction(name)
            action.setData(role.name)
            action.setEnabled(role.name not in linked)
            action.triggered.connect(
                lambda _=False, e=event, a=argument, r=role.name: session.link(e, a, r)
            )
            if first is None and action.isEnabled():
                first = action
        if first is not None:
            menu.setActiveAction(first)
        menu.aboutToHide.connect(self._on_menu_hidden)
        self.role_menu = menu
        menu.popup(where)
        return menu

    def _on_menu_hidden(self) -> None:
        menu = self.role_menu
        if menu is not None and self.sender() is menu:
            self.role_menu = None
            menu.deleteLater()  # after its action has run
