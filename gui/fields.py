"""Text fields that leave undo and redo to the window's edit history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_EXTRA_REDO = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
)


def is_history_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the platform's own undo/redo keys."""
    if any(event.matches(key) for key in _HISTORY_KEYS):
        return True
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (mods, event.key()) in (
        (_EXTRA_REDO[0], Qt.Key.Key_Z),
        (_EXTRA_REDO[1], Qt.Key.Key_Z),
        (_EXTRA_REDO[1], Qt.Key.Key_Y),
    )


class SearchField(QLineEdit):
    """A search box: Ctrl+Z undoes the last edit of the corpus, not the typing in the box."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if is_history_key(event):
                event.ignore()  # let the window's Undo/Redo actions have it
                return False
        return super().event(event)
