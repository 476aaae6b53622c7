"""Message boxes whose text is always plain: messages quote file names and text from data."""

from __future__ import annotations

import html
import sqlite3
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from model.errors import HashiyaError, store_error

from .i18n import tr

#: marks a noted span or document wherever it is listed
NOTE_MARK = "✎"


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel buttons that accept or reject ``dialog``."""
    both = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(both, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def show_message(parent: QWidget | None, title: str, text: str, warning: bool = True) -> None:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def one_line(exc: BaseException, database: str = "") -> str:
    """What went wrong, in one line: our own errors say it; SQLite's are translated."""
    if isinstance(exc, sqlite3.Error):
        return str(store_error(database or tr("the database"), exc))
    if isinstance(exc, HashiyaError):
        return " ".join(str(exc).splitlines())
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def install_error_hook(database: str) -> None:
    """Anything unexpected in the window reaches the analyst as a message, not only stderr."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            return
        window = QApplication.activeWindow()
        wrong = tr("Something went wrong: {why}").format(why=one_line(exc, database))
        show_message(window, tr("Hashiya"), wrong)

    sys.excepthook = hook


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is: Qt would render a tooltip that looks like markup."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def menu_text(text: str) -> str:
    """``text`` from the data as a menu, action or button text shows it: Qt takes ``&`` as the
    mark of a mnemonic (``R&D`` would show as ``RD`` with D underlined), ``&&`` as one ``&``."""
    return text.replace("&", "&&")


def without_mnemonic(text: str) -> str:
    """An action's text as read, not as a menu shows it: ``&Save`` → ``Save``, ``R&&D`` → ``R&D``."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))
