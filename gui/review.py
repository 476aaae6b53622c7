"""Review mode: the reviewer settles the analysts' spans of a document into the gold layer.

Document → Review (Ctrl+R) shows every analyst's spans, one lane each under the gold layer's, and
marks the open differences (see :mod:`model.review`). The keys A (accept), R (reject), N and
Shift+N (next and previous open difference), "Accept all agreed" and "Mark reviewed" are actions
in the registry, so F1 lists them; they are enabled in review mode only. Each runs one session
command, so Ctrl+Z undoes it. Tagging and deleting write the gold layer while review mode is on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from model import review
from model.text import quote

from .actions import ActionRegistry
from .article_view import ArticleView
from .i18n import join, tr
from .session import Session

GROUP = "Document"


class ReviewController(QObject):
    """The review actions and the status bar's count of open differences."""

    def __init__(self, session: Session, view: ArticleView, registry: ActionRegistry, owner: QWidget) -> None:
        super().__init__(owner)
        self.session = session
        self.view = view
        self.current: review.Key | None = None  # the difference N last went to
        a = registry
        self.review_action = a.add(
            GROUP, tr("&Review (adjudicate into gold)"), self._on_toggled_by_user, ("Ctrl+R",),
            checkable=True,
            tip=tr("Review mode: every analyst's spans in lanes, differences marked; edits write gold"),
        )
        self.review_action.setObjectName("reviewAction")
        self.accept_action = a.add(
            GROUP, tr("&Accept into gold"), self.accept, ("A",),
            tip=tr("Review: accept the item at the caret (or the current difference) into gold"),
        )
        self.accept_action.setObjectName("acceptAction")
        self.reject_action = a.add(
            GROUP, tr("Re&ject"), self.reject, ("R",),
            tip=tr("Review: reject the item at the caret (or the current difference)"),
        )
        self.reject_action.setObjectName("rejectAction")
        self.next_action = a.add(
            GROUP, tr("Next &difference"), lambda: self.step(False), ("N",),
            tip=tr("Review: go to the next open difference"),
        )
        self.next_action.setObjectName("nextDifferenceAction")
        self.previous_action = a.add(
            GROUP, tr("Previous difference"), lambda: self.step(True), ("Shift+N",),
            tip=tr("Review: go to the previous open difference"),
        )
        self.previous_action.setObjectName("previousDifferenceAction")
        self.agreed_action = a.add(
            GROUP, tr("Accept all a&greed"), self.accept_agreed, ("Ctrl+Shift+A",),
            tip=tr("Review: accept every item all analysts agree on, in one step"),
        )
        self.agreed_action.setObjectName("acceptAgreedAction")
        self.reviewed_action = a.add(
            GROUP, tr("&Mark reviewed"), self.toggle_reviewed, ("Ctrl+Shift+R",), checkable=True,
            tip=tr("Review: mark this document reviewed (the document list shows it)"),
        )
        self.reviewed_action.setObjectName("markReviewedAction")
        self.keys: list[QAction] = [
            self.accept_action, self.reject_action, self.next_action, self.previous_action,
            self.agreed_action, self.reviewed_action,
        ]
        self.label = QLabel(owner)
        self.label.setObjectName("reviewLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        session.reviewModeChanged.connect(self._on_mode_changed)
        session.reviewChanged.connect(self._show_count)
        session.spansChanged.connect(lambda _change: self._show_count())
        session.documentOpened.connect(self._on_document_opened)
        session.documentReloaded.connect(lambda _doc: self._show_count())
        self._on_mode_changed(False)

    # ---- mode ---------------------------------------------------------------------------

    def _on_toggled_by_user(self) -> None:
        self.session.set_reviewing(self.review_action.isChecked())

    def set_reviewing(self, on: bool) -> None:
        self.review_action.setChecked(on)
        self.session.set_reviewing(on)

    def _on_mode_changed(self, on: bool) -> None:
        self.review_action.setChecked(on)
        for action in self.keys:
            action.setEnabled(on)
        self.current = None
        self.label.setVisible(on)
        self._show_count()

    def _on_document_opened(self, _document: object) -> None:
        self.current = None
        self._show_count()

    def _show_count(self) -> None:
        """The status bar: how many differences are left (review mode only)."""
        session = self.session
        self.reviewed_action.setChecked(session.reviewed_by is not None)
        if not session.reviewing or session.document is None:
            self.label.setText("")
            return
        tally = session.review_tally()
        left, people = len(tally.open), tally.analysts
        text = tr("Review: %n difference(s) left", "", left) if left else tr("Review: no differences left")
        text += " · " + tr("%n analyst(s)", "", len(people))
        if session.reviewed_by is not None:
            text += tr(" · reviewed")
        if not session.gold_writable:
            text += tr(" · read only")
        self.label.setText(text)

    def count_text(self) -> str:
        return self.label.text()

    # ---- items --------------------------------------------------------------------------

    def item_at_caret(self) -> review.Item | None:
        """The item the reviewer means: the selection's, else the innermost at the caret (an open
        difference first), else the current difference."""
        items = self.session.review_items()
        cursor = self.view.textCursor()
        selection = self.view.selected_range() if cursor.hasSelection() else None
        if self.current is not None and selection is not None and selection == self.current[:2]:
            for item in items:
                if item.key == self.current:
                    return item
        offset = self.view.selection_start() if selection is not None else self.view.caret_offset()
        found = review.at_offset(items, offset, selection)
        if found:
            return found[0]
        if self.current is not None:
            for item in items:
                if item.key == self.current:
                    return item
        return None

    def _what(self, item: review.Item) -> str:
        text = self.session.document.text[item.start : item.end] if self.session.document else ""
        return f"{item.label} {quote(text, 24)}"

    def accept(self) -> None:
        item = self.item_at_caret()
        if item is None:
            self.session.failed.emit(tr("No item at the caret: press N to go to the next difference."))
            return
        if item.accepted:
            self.session.failed.emit(tr("{item} is in gold already.").format(item=self._what(item)))
            return
        if self.session.accept([item.key], self._what(item)) is not None:
            self.current = None

    def reject(self) -> None:
        item = self.item_at_caret()
        if item is None:
            self.session.failed.emit(tr("No item at the caret: press N to go to the next difference."))
            return
        if item.rejected:
            self.session.failed.emit(tr("{item} is rejected already.").format(item=self._what(item)))
            return
        if item.accepted:
            self.session.failed.emit(
                tr("{item} is in gold: delete the gold span (Delete) to take it out.").format(
                    item=self._what(item)
                )
            )
            return
        if self.session.reject([item.key], self._what(item)) is not None:
            self.current = None

    def accept_agreed(self) -> None:
        self.session.accept_agreed()

    def toggle_reviewed(self) -> None:
        on = self.session.reviewed_by is None
        self.session.mark_reviewed(on)
        self.reviewed_action.setChecked(self.session.reviewed_by is not None)
        if self.session.reviewed_by is not None:
            self.session.notice.emit(tr("Marked reviewed. Ctrl+R leaves review mode."))

    def step(self, backwards: bool) -> review.Item | None:
        """Go to the next (previous) open difference, selecting it and scrolling to it."""
        items = self.session.review_items()
        view = self.view
        offset = view.selection_start() if view.textCursor().hasSelection() else view.caret_offset()
        current = self.current
        if current is None:
            here = review.at_offset(items, offset)
            if here and here[0].open and here[0].start == offset:
                current = here[0].key
        item = review.next_open(items, offset, backwards, current)
        if item is None:
            self.session.notice.emit(tr("No differences left."))
            return None
        wrapped = (item.start < offset) if not backwards else (item.start > offset)
        self.current = item.key
        self.view.select_range(item.start, item.end)
        self.view.setFocus()
        left = len(review.open_differences(items))
        where = ""
        if wrapped:
            where = tr(" (from the end)") if backwards else tr(" (from the top)")
        self.session.notice.emit(
            tr("{item} — by {analysts}; {left} left{where}").format(
                item=self._what(item), analysts=join(item.annotators), left=left, where=where
            )
        )
        return item
