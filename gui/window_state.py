"""Where the analyst left off: window geometry, panes, zoom, snapping, and per database the last
document and its scroll position (QSettings). The window never opens larger than the screen."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from .article_view import ArticleView
from .session import Session

DEFAULT_SIZE = QSize(1280, 820)


def settings() -> QSettings:
    return QSettings()  # organisation and application names are set on the QApplication


def _database_key(path: str) -> str:
    resolved = path if path == ":memory:" else str(Path(path).resolve())
    return "databases/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


def fit_to_screen(window: QMainWindow) -> None:
    """Shrink and move the window so all of it lies on its screen's available area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class WindowState:
    """Saves on close and on every document opened; restores when the window is built."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        view: ArticleView,
        snap: QAction,
        session: Session,
    ) -> None:
        self.window, self.splitter, self.view, self.snap, self.session = window, splitter, view, snap, session
        self.key = _database_key(session.store.path)
        self._pending_top: int | None = None
        session.documentOpened.connect(self._on_document_opened)

    def restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
        else:
            self.window.resize(DEFAULT_SIZE)
        splitter = s.value("window/splitter")
        saved_panes = isinstance(splitter, QByteArray) and not splitter.isEmpty()
        if saved_panes:
            self.splitter.restoreState(splitter)
        try:
            zoom = float(s.value("view/pointSize", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            zoom = 0.0
        if zoom > 0:
            self.view.set_point_size(zoom)
        self.snap.setChecked(str(s.value("view/snap", "true")).lower() != "false")
        fit_to_screen(self.window)
        if not saved_panes:
            self.default_panes()

    def on_first_show(self) -> None:
        """Once the window has its frame, make sure all of it is on the screen."""
        if self.window.frameGeometry().size() != self.window.size():
            fit_to_screen(self.window)
        offset, self._pending_top = self._pending_top, None
        if offset:
            QTimer.singleShot(0, lambda: self.view.scroll_to_offset(offset))

    def default_panes(self) -> None:
        """Documents, article and spans in proportion to the window: the article gets most."""
        width = max(self.window.width(), 600)
        side = max(120, min(300, width // 5))
        self.splitter.setSizes([side, width - 2 * side, side])

    def _number(self, name: str) -> int | None:
        """A whole number saved for this database, or None when absent or unreadable."""
        value = settings().value(f"{self.key}/{name}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def last_document(self) -> int | None:
        return self._number("document")

    def last_top(self) -> int | None:
        """Where the analyst was reading in the last document: the offset at the top of the view."""
        return self._number("top")

    def scroll_back(self, offset: int) -> None:
        """Scroll to ``offset`` once the window is shown (before then the article has no layout)."""
        self._pending_top = offset

    def _on_document_opened(self, document: object) -> None:
        s = settings()
        s.setValue(f"{self.key}/document", getattr(document, "id", None))
        s.remove(f"{self.key}/top")

    def save(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.window.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("view/pointSize", self.view.font().pointSizeF())
        s.setValue("view/snap", "true" if self.snap.isChecked() else "false")
        if self.session.document is not None:
            s.setValue(f"{self.key}/document", self.session.document.id)
            s.setValue(f"{self.key}/top", self.view.top_offset())
        s.sync()
