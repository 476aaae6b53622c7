"""Import and export from the GUI: long work behind a cancellable progress dialog.

Cancelling rolls an import back whole and leaves no partial export file: both are the model's
guarantees (one transaction; a temporary file renamed only at the end).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from model.errors import CancelledError, HashiyaError
from model.importing import Progress

T = TypeVar("T")


def run_with_progress(parent: QWidget, title: str, job: Callable[[Progress], T]) -> T | None:
    """Run ``job(progress)`` showing a progress dialog; None when cancelled or failed (after saying why)."""
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    parent.setProperty("lastTransferError", "")

    def progress(done: int, total: int) -> bool:
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return job(progress)
    except CancelledError:
        parent.setProperty("lastTransferError", "cancelled")
        return None
    except HashiyaError as exc:
        parent.setProperty("lastTransferError", str(exc))
        QMessageBox.warning(parent, title, f"{exc}\n\nNothing was changed.")
        return None
    finally:
        dialog.close()
        dialog.deleteLater()
