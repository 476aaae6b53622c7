"""Text fields that leave undo and redo to the window's edit history."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class SearchField(QLineEdit):
    """A search box: the window's Undo and Redo keys undo the last edit of the corpus, not the
    typing in the box. The keys are the undo and redo actions' own (see :meth:`leave_to_window`)."""

    history_keys: tuple[QKeySequence, ...] = ()  # set when the window's actions are built

    @classmethod
    def leave_to_window(cls, keys: list[QKeySequence]) -> None:
        cls.history_keys = tuple(k for k in keys if not k.isEmpty())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self.history_keys):
                event.ignore()  # let the window's Undo/Redo actions have it
                return False
            standard = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if not self.history_keys and any(event.matches(k) for k in standard):
                event.ignore()  # let the window's Undo/Redo actions have it
                return False
        return super().event(event)
