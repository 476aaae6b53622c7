"""A window over the corpus whose numbers are read by a worker: one read at a time, Refresh
disabled meanwhile, the result shown or the reason it could not be read said in the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from model.store import Store

from .i18n import tr
from .worker import Job, Task, TaskResult


class ReadingWindow(QWidget):
    """Subclasses lay out ``summary`` and ``refresh_button`` and call :meth:`read`."""

    loaded = Signal()  # what was just read is shown
    failed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None, refresh_text: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.task: Task | None = None
        self.refresh_button = QPushButton(refresh_text or tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names in it come from data
        self.summary.setWordWrap(True)

    def refresh(self) -> None:
        raise NotImplementedError

    def read(self, job: Job, busy: str, cannot: str, show: Callable[[object], None]) -> None:
        """Run ``job`` in a worker (unless a read is under way) and give its value to ``show``;
        a failure is written as ``cannot: why`` and emitted as ``failed``."""
        if self.task is not None and self.task.is_running():
            return
        self.refresh_button.setEnabled(False)
        self.summary.setText(busy)
        self.task = Task(self.store.path, job)
        self.task.finished.connect(lambda result: self._on_read(result, cannot, show))
        self.task.start()

    def _on_read(self, result: TaskResult, cannot: str, show: Callable[[object], None]) -> None:
        if not shiboken6.isValid(self):
            return
        self.refresh_button.setEnabled(True)
        if not result.ok:
            self.summary.setText(tr("{cannot}: {why}").format(cannot=cannot, why=result.message))
            self.failed.emit(result.message)
            return
        show(result.value)


W = TypeVar("W", bound=ReadingWindow)


def show_once(kind: type[W], name: str, store: Store, parent: QWidget) -> W:
    """Show ``parent``'s window of ``kind`` (object name ``name``), made on first use and read
    again each time it is shown."""
    window = parent.findChild(kind, name)
    if window is None:
        window = kind(store, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    window.refresh()
    return window
