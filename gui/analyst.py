"""Who the analyst is: on an SQLite database a name asked once, on a team database the login.

The name is kept in the database's ``settings`` (key ``analyst``: a merge credits the file's spans
to it) and in QSettings (so a new database on the same computer need not ask again). Every new
span, link and status change is recorded under it; changing it affects new edits only.
"""

from __future__ import annotations

import getpass
import sqlite3
import unicodedata

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from model.errors import HashiyaError, store_error
from model.store import PgStore, Store

from .i18n import tr
from .messages import ok_cancel

#: the database setting a merge reads to credit a file's spans (see model/merge.py)
ANALYST_SETTING = "analyst"
#: the QSettings key remembering the name on this computer
SETTINGS_KEY = "analyst/name"
MAX_LENGTH = 100


def name_problem(name: str) -> str:
    """Why ``name`` cannot be an analyst's name ("" when it can): empty, too long, or holding
    control or formatting characters (line breaks, tabs, bidi controls)."""
    if not name.strip():
        return tr("Type a name.")
    if len(name) > MAX_LENGTH:
        return tr("At most %n character(s).", "", MAX_LENGTH)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        return tr("A name cannot hold line breaks, tabs or other control characters.")
    return ""


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return ""


class AnalystDialog(QDialog):
    """Asks the analyst's name: plain text, prefilled, refuses what :func:`name_problem` refuses."""

    def __init__(self, name: str, first: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analystDialog")
        self.setWindowTitle(tr("Analyst name"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Your spans, links and status changes are recorded under this name; a merge credits "
                "them to it."
            )
            + " "
            + (tr("You are asked once.") if first else tr("Changing it affects new edits only.")),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = QLineEdit(name, self)
        self.field.setObjectName("analystName")
        self.field.setMaxLength(MAX_LENGTH)
        self.field.selectAll()
        layout.addWidget(self.field)
        self.problem = QLabel("", self)
        self.problem.setObjectName("analystProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem)
        buttons = ok_cancel(self)
        layout.addWidget(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.field.textChanged.connect(self._on_text_changed)
        self._on_text_changed(name)

    def _on_text_changed(self, text: str) -> None:
        problem = name_problem(text) if text else ""
        self.problem.setText(problem)
        self.ok.setEnabled(not name_problem(text))

    def accept(self) -> None:
        if name_problem(self.field.text()):
            return
        super().accept()

    def name(self) -> str:
        return self.field.text().strip()


def ask_name(current: str, first: bool, parent: QWidget | None = None) -> str | None:
    """The name the analyst typed, or None when they cancelled."""
    dialog = AnalystDialog(current, first, parent)
    return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None


def remember(store: Store, name: str) -> None:
    """Keep ``name`` in the database and on this computer (raises :class:`HashiyaError`)."""
    try:
        store.set_setting(ANALYST_SETTING, name)
    except sqlite3.Error as exc:
        raise store_error(store.path, exc) from exc
    QSettings().setValue(SETTINGS_KEY, name)


def resolve_analyst(store: Store, ask: bool, parent: QWidget | None = None) -> tuple[str, str]:
    """The name to work as, and a message for the analyst ("" when none is needed).

    A team database: the login, never asked. An SQLite database: its ``analyst`` setting; else
    the name this computer remembers, written into the database; else, with ``ask``, the analyst
    is asked once (prefilled with the login name) and, without, the login name is used and
    nothing is stored. Cancelling works as the login name for this session and asks again next
    time."""
    if isinstance(store, PgStore):
        return store.user, ""
    try:
        stored = (store.setting(ANALYST_SETTING) or "").strip()
    except sqlite3.Error as exc:
        return os_user(), tr("Cannot read the analyst's name: {why}").format(why=store_error(store.path, exc))
    if stored and not name_problem(stored):
        QSettings().setValue(SETTINGS_KEY, stored)
        return stored, ""
    known = str(QSettings().value(SETTINGS_KEY, "") or "").strip()
    if known and not name_problem(known):
        name = known
    elif not ask:
        return os_user(), ""
    else:
        asked = ask_name(os_user(), True, parent)
        if asked is None:
            fallback = os_user()
            return fallback, tr("Working as {name} for now; you will be asked your name next time.").format(
                name=fallback
            )
        name = asked
    try:
        remember(store, name)
    except HashiyaError as exc:
        saved = tr("Working as {name}, but the name could not be saved: {why}")
        return name, saved.format(name=name, why=exc)
    return name, ""
