"""The label bar: one button per label in its colour, with its key (1–9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

_swatches: dict[tuple[str, int], QIcon] = {}


def swatch(color: str, size: int = 14) -> QIcon:
    """A small rounded square in a label's colour (cached: drawn once per colour)."""
    icon = _swatches.get((color, size))
    if icon is not None:
        return icon
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    icon = _swatches[(color, size)] = QIcon(pixmap)
    return icon


class LabelBar(QToolBar):
    """The label actions as buttons in their colours: clicking one tags the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("labelBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMovable(False)
        self.label_actions: list[QAction] = []

    def show_actions(self, actions: list[QAction]) -> None:
        """Show these label actions (the same objects the Tag menu and the keys trigger)."""
        for action in self.label_actions:
            self.removeAction(action)
        self.label_actions = list(actions)
        for action in actions:
            self.addAction(action)
