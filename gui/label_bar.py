"""The label bar: one button per label in its colour, with its key (1–9)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

from model.records import Label

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
    """Clicking a label tags the current selection with it."""

    labelChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("labelBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMovable(False)
        self.label_actions: list[QAction] = []

    def set_labels(self, labels: list[Label]) -> None:
        for action in self.label_actions:
            self.removeAction(action)
        self.label_actions = []
        for label in labels:
            key = f"{label.key}  " if label.key else ""
            action = QAction(swatch(label.color), f"{key}{label.name}  {label.title}", self)
            action.setToolTip(
                f"Tag the selection as {label.name} ({label.title})"
                + (f" — key {label.key}" if label.key else "")
            )
            action.setData(label.name)
            action.triggered.connect(lambda _=False, name=label.name: self.labelChosen.emit(name))
            self.addAction(action)
            self.label_actions.append(action)
