"""Reading pixels from widget grabs, for screenshot tests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

Pixel = tuple[int, int, int]


class Shot:
    """An RGB view of a widget's rendering."""

    def __init__(self, widget: QWidget) -> None:
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        self.width, self.height = image.width(), image.height()
        self.stride = image.bytesPerLine()
        self.data = bytes(image.constBits())
        self.image = image

    def pixel(self, x: int, y: int) -> Pixel:
        i = y * self.stride + x * 4
        b, g, r = self.data[i], self.data[i + 1], self.data[i + 2]  # little-endian BGRA
        return r, g, b

    def box(self, area: QRect, keep: Callable[[Pixel], bool]) -> QRect | None:
        """Bounding box of the pixels in ``area`` that ``keep`` accepts."""
        xs, ys = [], []
        area = area.intersected(QRect(0, 0, self.width, self.height))
        for y in range(area.top(), area.bottom() + 1):
            for x in range(area.left(), area.right() + 1):
                if keep(self.pixel(x, y)):
                    xs.append(x)
                    ys.append(y)
        if not xs:
            return None
        return QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)

    def rightmost(self, top: int, bottom: int, keep: Callable[[Pixel], bool]) -> int | None:
        best = None
        for y in range(max(0, top), min(self.height, bottom)):
            for x in range(self.width - 1, -1, -1):
                if keep(self.pixel(x, y)):
                    best = x if best is None else max(best, x)
                    break
        return best


def is_ink(p: Pixel) -> bool:
    return max(p) < 110


def is_tinted(p: Pixel) -> bool:
    """Not white, not grey: a label tint or bar."""
    return max(p) - min(p) > 25
