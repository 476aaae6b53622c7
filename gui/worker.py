"""Long work off the GUI thread: a worker with its own database connection that returns a result.

``job(store, progress)`` runs in a worker thread on a :class:`~model.store.Store` opened there and
closed when the job ends. ``progress(done, total)`` has the model's signature: it returns False
once :meth:`Task.cancel` was called, and the model then raises ``CancelledError`` after rolling
back (an import is one transaction; an export renames its temporary file only at the end).

The outcome comes back once, as a :class:`TaskResult` (done, cancelled or failed) carried by
:attr:`Task.finished`; every error, database errors included, becomes a message for the user.
The GUI thread never runs model code and never calls ``processEvents``.
"""

from __future__ import annotations

import atexit
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QProgressDialog, QPushButton, QWidget

from model.errors import CancelledError, HashiyaError, store_error
from model.records import Progress
from model.store import Store

from .i18n import QT_TR_NOOP, tr

log = logging.getLogger(__name__)

Outcome = Literal["done", "cancelled", "failed"]

#: What runs in the worker: the store is the worker's own connection.
Job = Callable[[Store, Progress], object]

#: Progress reaches the GUI at most this often (seconds), and always on the last step.
PROGRESS_INTERVAL = 0.05

#: The progress dialog appears only for work that lasts longer than this (milliseconds).
SHOW_AFTER_MS = 300

CANCELLING_TEXT = QT_TR_NOOP("Cancelling…")


@dataclass(frozen=True)
class TaskResult:
    """How a task ended: ``value`` is the job's return value when done; ``message`` says why not,
    in one line for the user; ``error`` is the exception, for callers that react to its type."""

    outcome: Outcome
    value: object = None
    message: str = ""
    error: BaseException | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.outcome == "done"

    @property
    def cancelled(self) -> bool:
        return self.outcome == "cancelled"

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"


def _failed(message: str, error: BaseException | None = None) -> TaskResult:
    if error is not None:
        error.__traceback__ = None  # the worker's frames (and the rows they hold) are not kept
    return TaskResult("failed", message=message, error=error)


class _WorkerThread(QThread):
    """Runs one job. Its signals are emitted from the worker thread and queued to the Task."""

    progressed = Signal(int, int)
    ended = Signal(object)  # TaskResult

    def __init__(self, db_path: str, job: Job, cancel_requested: threading.Event) -> None:
        super().__init__()
        self._db_path = db_path
        self._job = job
        self._cancel_requested = cancel_requested
        self._last_emit: float | None = None

    def run(self) -> None:
        result = _failed(tr("the task stopped without a result"))
        try:
            result = self._execute()
        finally:
            self.ended.emit(result)

    def _execute(self) -> TaskResult:
        store: Store | None = None
        try:
            store = Store(self._db_path)
            value = self._job(store, self._progress)
            return TaskResult("done", value)
        except CancelledError as exc:
            exc.__traceback__ = None
            return TaskResult("cancelled", message=str(exc), error=exc)
        except HashiyaError as exc:
            return _failed(str(exc) or type(exc).__name__, exc)
        except sqlite3.Error as exc:
            return _failed(str(store_error(self._db_path, exc)), exc)
        except OSError as exc:
            return _failed(str(exc) or type(exc).__name__, exc)
        except Exception as exc:
            log.exception("task on %s failed", self._db_path)
            text = str(exc)
            return _failed(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, exc)
        finally:
            if store is not None:
                try:
                    store.close()
                except sqlite3.Error:
                    log.exception("closing %s", self._db_path)

    def _progress(self, done: int, total: int) -> bool:
        """The job's progress callback, called in the worker thread."""
        if self._cancel_requested.is_set():
            return False
        now = time.monotonic()
        last = self._last_emit
        if last is None or done >= total or now - last >= PROGRESS_INTERVAL:
            self._last_emit = now
            self.progressed.emit(done, total)
        return True


_running: set[Task] = set()  # started tasks, kept alive until their result is delivered


def running_tasks() -> list[Task]:
    """Tasks started and not yet finished (for a window that wants to wait for them on close)."""
    return [task for task in _running if task.is_running()]


@atexit.register
def _stop_running() -> None:
    """A program that ends without quitting its event loop (a script, a test's child process)
    still cancels its tasks and waits for their rollback: a thread is never destroyed running."""
    for task in list(_running):
        task.cancel()
        task.wait()


class Task(QObject):
    """``job(store, progress)`` run once in a worker thread on its own connection to ``db_path``.

    Signals are emitted in the GUI thread: ``progressed(done, total)`` (throttled) while the job
    runs, then ``finished(TaskResult)`` once, after the worker thread has ended and its
    connection is closed. A started task is kept alive until then; when the application quits
    first, the task is cancelled and waited for.
    """

    progressed = Signal(int, int)
    finished = Signal(object)  # TaskResult

    def __init__(self, db_path: str, job: Job) -> None:
        super().__init__()  # no Qt parent: a window deleted mid-run must not delete a running thread
        self.db_path = str(db_path)
        self._cancel_requested = threading.Event()
        self._result: TaskResult | None = None
        self._started = False
        self._thread = _WorkerThread(self.db_path, job, self._cancel_requested)
        queued = Qt.ConnectionType.QueuedConnection
        self._thread.progressed.connect(self._on_progressed, queued)
        self._thread.ended.connect(self._on_ended, queued)

    @property
    def result(self) -> TaskResult | None:
        """The outcome, once :attr:`finished` has been emitted."""
        return self._result

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    def is_running(self) -> bool:
        """Started and its result not yet delivered."""
        return self._started and self._result is None

    def start(self) -> None:
        if self._started:
            raise RuntimeError("a task runs only once")
        self._started = True
        _running.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_about_to_quit)
        self._thread.start()

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop at its next progress call; the result then says "cancelled"."""
        self._cancel_requested.set()

    def wait(self, msecs: int | None = None) -> bool:
        """Block until the worker thread has ended (or ``msecs`` passed); True when it has.

        The result is still delivered through the event loop afterwards.
        """
        if msecs is None:
            return self._thread.wait()
        return self._thread.wait(max(msecs, 0))

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        if self._result is None:
            self.progressed.emit(done, total)

    @Slot(object)
    def _on_ended(self, result: TaskResult) -> None:
        self._thread.wait()  # the thread has emitted its last signal; this returns at once
        self._result = result
        self._forget_quit()
        try:
            self.finished.emit(result)
        finally:
            # Let go on the next turn of the event loop, not while Qt is still delivering to us.
            QTimer.singleShot(0, lambda: _running.discard(self))

    @Slot()
    def _on_about_to_quit(self) -> None:
        self.cancel()
        self._thread.wait()  # a rolled-back transaction, not a thread destroyed while running

    def _forget_quit(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self._on_about_to_quit)
            except (RuntimeError, TypeError):
                pass


class _ProgressDialog(QProgressDialog):
    """A window-modal progress dialog that stays until the worker has ended.

    Cancel (button, Escape or closing the dialog) only *asks* to cancel; the dialog says so and
    stays until the rollback is done. Values go to the bar directly: ``QProgressDialog.setValue``
    calls ``processEvents`` in a modal dialog, and nothing here may re-enter the event loop.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        super().__init__(parent)
        text = QLabel(label, self)
        text.setTextFormat(Qt.TextFormat.PlainText)  # file names from data are never markup
        text.setWordWrap(True)
        self.setLabel(text)
        self._bar = QProgressBar(self)
        self.setBar(self._bar)
        self.setCancelButtonText(tr("Cancel"))
        self.canceled.disconnect(self.cancel)  # QProgressDialog.cancel hides the dialog at once
        self.canceled.connect(self._on_cancel_clicked)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setRange(0, 1)
        self.setValue(0)  # arms the show timer (not shown yet, so no processEvents)
        self.setRange(0, 0)  # busy indicator until a total is known
        self._cancelling = False

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if self._bar.maximum() != total or self._bar.minimum() != 0:
            self._bar.setRange(0, total)
        self._bar.setValue(max(0, min(done, total)))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._cancelling:
            return
        self._cancelling = True
        self.setLabelText(tr(CANCELLING_TEXT))
        button = self.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)
        self.cancel_requested.emit()

    def reject(self) -> None:
        self._on_cancel_clicked()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self._on_cancel_clicked()

    def dismiss(self) -> None:
        """Hide for good and delete: reset() stops the show timer, so it cannot reappear later."""
        self.reset()
        self.hide()
        self.deleteLater()


def run_task(
    parent: QWidget,
    title: str,
    db_path: str,
    job: Job,
    on_finished: Callable[[TaskResult], None],
    *,
    label: str | None = None,
) -> Task:
    """Run ``job(store, progress)`` in a worker behind a cancellable, window-modal progress dialog.

    The dialog (titled ``title``, showing ``label`` or else ``title``) appears after
    :data:`SHOW_AFTER_MS`; Cancel asks the job to stop and the dialog stays, saying so, until the
    worker has rolled back. When the task ends the dialog is hidden and deleted first, and only
    then is ``on_finished(result)`` called, so a message box shown there is never under it.
    If ``parent`` is destroyed meanwhile, the task is cancelled and ``on_finished`` is not called.
    Returns the started task (kept alive until it ends, whether or not the caller keeps it).
    """
    dialog = _ProgressDialog(parent, title, title if label is None else label)
    task = Task(db_path, job)
    task.progressed.connect(dialog.show_progress)
    dialog.cancel_requested.connect(task.cancel)
    parent.destroyed.connect(task.cancel)

    def finish(result: TaskResult) -> None:  # refers to no task: the connection holds it
        if shiboken6.isValid(dialog):
            dialog.dismiss()
        if not shiboken6.isValid(parent):
            if result.failed:
                log.warning("%s: %s", title, result.message)
            return
        on_finished(result)

    task.finished.connect(finish)
    task.start()
    return task
