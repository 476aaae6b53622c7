"""Starting the GUI: the application object, fonts, the database and the main window."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

from model.errors import DatabaseBusyError, HashiyaError
from model.paths import default_db_path
from model.pg import is_url

from .fonts import load_bundled_fonts
from .i18n import current_language, install_language, remember_language, resolve, tr
from .messages import install_error_hook, one_line, show_message
from .theme import application_arguments, apply_theme

#: windows built by a language switch: kept alive here (the window they replace is deleted)
_replacements: list[QMainWindow] = []


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] + application_arguments())  # Fusion for either scheme
        app.setApplicationName("Hashiya")
        app.setOrganizationName("Hashiya")
        app.setApplicationDisplayName("Hashiya حاشية")
    load_bundled_fonts()
    install_language()  # the saved choice (or the system's language): before any widget is built
    apply_theme()  # light or dark, as chosen in View → Theme or as the desktop is: Fusion, its palette
    return app  # type: ignore[return-value]


def create_main_window(db_path: str, ask_name: bool = False) -> QMainWindow:
    """Build the main window on ``db_path`` (created and seeded when new), showing the first document.

    ``ask_name``: on an SQLite database that names no analyst, and on a computer that knows no
    name yet, ask the analyst's name first (a modal dialog; the app does, at its first start).
    Without it nothing is asked: automation never waits on a dialog, and the login name is used."""
    from model.samples import seed_samples
    from model.store import Store

    from .analyst import resolve_analyst
    from .main_window import MainWindow
    from .session import WINDOW_BUSY_TIMEOUT_MS, Session

    ensure_application()
    store = Store(db_path, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
    busy = None
    try:
        if store.dialect == "sqlite":  # a team database holds the team's articles, no samples
            seed_samples(store)
    except DatabaseBusyError as exc:  # another program is importing: open what is there
        busy = exc
    annotator, said = resolve_analyst(store, ask_name)  # once on SQLite; the login on a team database
    session = Session(store, annotator)
    window = MainWindow(session)
    window.open_first()
    notes = [tr("Sample articles not added: {why}").format(why=busy)] if busy is not None else []
    notes += [said] if said else []
    if notes:  # one message: a second would replace the first in the status bar at once
        session.notice.emit(". ".join(notes))
    return window


def switch_language(window: QMainWindow, choice: str) -> QMainWindow:
    """View → Language: remember ``choice`` (``system``, ``ar`` or ``en``) and, when it changes the
    language, build the window again in it on the same database, with the same document open at
    the same place (the window's state is saved first and restored by the new window), then close
    the old one. Returns the window now showing (the old one when nothing had to change, or when
    work is under way: then the choice applies from the next start, and the window says so)."""
    from .main_window import MainWindow

    remember_language(choice)
    language = resolve(choice)
    if language == current_language() or not isinstance(window, MainWindow):
        return window
    busy = window.rebuild_blocker()
    if busy:
        window.show_status(busy)
        return window
    window.state.save()  # the document, where it was read, the panes: the new window restores them
    install_language(choice)
    path = window.session.store.path
    replacement = create_main_window(path)
    _replacements[:] = [w for w in _replacements if w is not window]
    _replacements.append(replacement)
    replacement.show()  # before the old one closes, so closing it never ends the application
    window.close()
    window.deleteLater()
    return replacement


def run_gui(db_path: str | None = None) -> int:
    from .platform_check import display_problem  # finding system libraries: only when starting

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    path = db_path if db_path and is_url(db_path) else str(Path(db_path) if db_path else default_db_path())
    app = ensure_application()
    try:
        window = create_main_window(path, ask_name=True)
    except (HashiyaError, sqlite3.Error) as exc:
        message = one_line(exc, path)
        show_message(None, tr("Hashiya"), message)
        print(f"hashiya: {message}", file=sys.stderr)
        return 2
    install_error_hook(path)
    window.show()
    return app.exec()
