"""A small dialog for a free-text note on a span or on a document (plain text only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .i18n import tr
from .messages import ok_cancel


class NoteDialog(QDialog):
    """``what`` names what the note is on (shown as plain text: it may quote the article)."""

    def __init__(self, what: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(tr("Note"))
        layout = QVBoxLayout(self)
        label = QLabel(what, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlainText(current)
        self.editor.setPlaceholderText(tr("Empty: no note"))
        layout.addWidget(self.editor)
        layout.addWidget(ok_cancel(self))
        self.resize(420, 220)

    def note(self) -> str:
        return self.editor.toPlainText().strip()


def ask_note(what: str, current: str, parent: QWidget | None = None) -> str | None:
    """The note as the analyst left it ('' to clear it), or None when they cancelled."""
    dialog = NoteDialog(what, current, parent)
    return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None
