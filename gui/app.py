"""Starting the GUI: the application object, fonts, the database and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from model.errors import HashiyaError
from model.paths import default_db_path

from .fonts import load_bundled_fonts
from .platform_check import display_problem


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Hashiya")
        app.setOrganizationName("Hashiya")
        app.setApplicationDisplayName("Hashiya حاشية")
    load_bundled_fonts()
    return app  # type: ignore[return-value]


def create_main_window(db_path: str) -> QMainWindow:
    """Build the main window on ``db_path`` (created and seeded when new), showing the first document."""
    from model.samples import seed_samples
    from model.store import Store

    from .main_window import MainWindow
    from .session import Session

    ensure_application()
    store = Store(db_path)
    seed_samples(store)
    window = MainWindow(Session(store))
    window.open_first()
    return window


def run_gui(db_path: str | None = None) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    path = Path(db_path) if db_path else default_db_path()
    app = ensure_application()
    try:
        window = create_main_window(str(path))
    except HashiyaError as exc:
        QMessageBox.critical(None, "Hashiya", str(exc))
        print(f"hashiya: {exc}", file=sys.stderr)
        return 2
    window.show()
    return app.exec()
