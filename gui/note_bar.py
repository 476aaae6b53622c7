"""Above the article: the open document's note, "✎ <note>" on one line (elided, whole in the
tooltip), hidden when the document has none. Clicking it (or its button) edits the note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from model.text import right_to_left

from .i18n import tr
from .messages import NOTE_MARK, plain_tip
from .session import Session


class NoteBar(QFrame):
    """``edit`` is called on a click: the window's ``ask_document_note``."""

    def __init__(self, session: Session, edit: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteBar")
        self.session = session
        self._edit = edit
        self.note = ""
        self.setStyleSheet(
            "#noteBar { background: palette(alternate-base); border-bottom: 1px solid palette(mid); }"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 8, 3)
        self.text = QLabel(self)
        self.text.setObjectName("noteText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a note is data: never markup
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QToolButton(self)
        self.button.setObjectName("noteEdit")
        self.button.setText(tr("Edit note…"))
        self.button.setAutoRaise(True)
        self.button.clicked.connect(lambda _checked=False: self._edit())
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        session.documentOpened.connect(self._on_note_changed)
        session.documentReloaded.connect(self._on_note_changed)
        session.notesChanged.connect(self._on_note_changed)
        self._on_note_changed()

    def _on_note_changed(self, *_args: object) -> None:
        document = self.session.document
        self.note = document.note if document is not None else ""
        if not self.note:
            self.hide()
            return
        rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
        self.text.setLayoutDirection(rtl if right_to_left(self.note) else ltr)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # its start
        tip = plain_tip(self.note + "\n\n" + tr("Click to edit the note on this document."))
        self.setToolTip(tip)
        self.text.setToolTip(tip)
        self._elide()
        self.show()

    def shown_text(self) -> str:
        """The bar's text before eliding: the mark and the note on one line."""
        return f"{NOTE_MARK} " + " ".join(self.note.split())

    def _elide(self) -> None:
        room = max(self.text.width(), 40)
        elided = self.text.fontMetrics().elidedText(self.shown_text(), Qt.TextElideMode.ElideRight, room)
        self.text.setText(elided)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.note:
            self._elide()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._edit()
            return
        super().mouseReleaseEvent(event)
