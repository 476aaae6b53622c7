"""Above the article when the database could not take an edit: what waits, why, and what to do.

An edit that did not commit is never drawn as saved; it waits here until the database takes it
(a busy database is tried again every second for a while) or the analyst discards it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .command_text import describe
from .i18n import tr
from .session import Session
from .theme import follow_theme, warning_bar_colors


class UnsavedBar(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsavedBar")
        self.session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = QLabel(self)
        self.text.setObjectName("unsavedText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.retry = QPushButton(tr("Retry now"), self)
        self.discard = QPushButton(tr("Discard"), self)
        row.addWidget(self.text, 1)
        row.addWidget(self.retry)
        row.addWidget(self.discard)
        self.retry.clicked.connect(session.retry_unsaved)
        self.discard.clicked.connect(session.discard_unsaved)
        session.unsavedChanged.connect(self._on_unsaved_changed)
        follow_theme(self, self._restyle)
        self.hide()

    def _restyle(self) -> None:
        """Amber in either scheme, its text AA on it (:func:`warning_bar_colors`)."""
        colors = warning_bar_colors()
        back, text, edge = colors.back.name(), colors.text.name(), colors.edge.name()
        self.setStyleSheet(
            f"#unsavedBar {{ background: {back}; border-bottom: 1px solid {edge}; }}"
            f" #unsavedText {{ color: {text}; }}"
        )

    def _on_unsaved_changed(self) -> None:
        s = self.session
        if not s.unsaved:
            self.hide()
            return
        first = describe(s.unsaved[0])
        more = tr(" and %n more edit(s)", "", len(s.unsaved) - 1) if len(s.unsaved) > 1 else ""
        if s.retrying:
            then = tr("Trying again every second…")
        else:
            then = tr("Retry once the problem is solved, or discard.")
        self.text.setText(
            tr("Not saved yet: {edit}{more}. {why}. {then}").format(
                edit=first, more=more, why=s.unsaved_reason.rstrip("."), then=then
            )
        )
        self.show()
