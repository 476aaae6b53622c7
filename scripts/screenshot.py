"""Render the README's article screenshots: the seed article with its spans tagged and its events
linked, in English and in Arabic.

Usage: python scripts/screenshot.py [OUT_DIR]   (default: docs/)
Writes screenshot.png (the window on the seed article), frames.png (the same article with every
event's frame drawn, the span panel wide enough to read the frames) and arabic.png (the
interface in Arabic, mirrored).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow

from gui.app import create_main_window, ensure_application
from gui.i18n import install_language, remember_language

TAGS = (
    ("وزارة الخارجية الروسية", 0, Qt.Key.Key_1),
    ("استدعاء", 0, Qt.Key.Key_2),
    ("سفير أذربيجان", 0, Qt.Key.Key_1),
    ("أذربيجان", 1, Qt.Key.Key_3),
    ("موسكو", 0, Qt.Key.Key_3),
    ("رحمان مصطفاييف", 0, Qt.Key.Key_1),
    ("اعتقال", 0, Qt.Key.Key_2),
    ("موظفين", 0, Qt.Key.Key_1),
    ("باكو", 0, Qt.Key.Key_3),
    ("استدعت", 0, Qt.Key.Key_2),
    ("وزارة الخارجية الأذربيجانية", 0, Qt.Key.Key_1),
    ("القائم بأعمال سفارة روسيا", 0, Qt.Key.Key_1),
)
#: (event, argument, role): the first event's frame, then two more for the frames shot
LINKS = (
    ("استدعاء", "وزارة الخارجية الروسية", "source"),
    ("استدعاء", "سفير أذربيجان", "target"),
    ("استدعاء", "موسكو", "place"),
)
MORE_LINKS = (
    ("اعتقال", "موظفين", "target"),
    ("اعتقال", "باكو", "place"),
    ("استدعت", "وزارة الخارجية الأذربيجانية", "source"),
    ("استدعت", "القائم بأعمال سفارة روسيا", "target"),
)


def tagged_window(folder: str, links: tuple[tuple[str, str, str], ...]) -> QMainWindow:
    """A window on a new database in ``folder``, the seed article tagged and ``links`` made."""
    window = create_main_window(str(Path(folder) / "shot.db"))
    window.show()
    window.resize(1280, 760)  # after show: the offscreen screen is smaller than this
    window.state.default_panes()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    view = window.article_view
    for needle, nth, key in TAGS:
        start = -1
        for _ in range(nth + 1):
            start = view.text.index(needle, start + 1)
        view.select_range(start, start + len(needle))
        QTest.keyClick(view, key)
    spans = {view.text[sp.start : sp.end]: sp for sp in view.spans()}
    for event, argument, role in links:
        window.session.link(spans[event], spans[argument], role)
    caret = spans["استدعاء"].start + 2
    view.select_range(caret, caret)  # the caret on the first event: its arcs drawn bolder
    return window


def shoot(window: QMainWindow, out: Path) -> None:
    ensure_application().processEvents()
    window.grab().save(str(out))
    window.close()
    window.session.store.close()


def main(out_dir: str) -> None:
    out = Path(out_dir)
    ensure_application()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        remember_language("en")
        install_language("en")
        with tempfile.TemporaryDirectory() as folder:
            shoot(tagged_window(folder, LINKS), out / "screenshot.png")
        with tempfile.TemporaryDirectory() as folder:
            window = tagged_window(folder, LINKS + MORE_LINKS)
            window.splitter.setSizes([170, 760, 350])  # the frames' rows readable in the span panel
            shoot(window, out / "frames.png")
        remember_language("ar")
        install_language("ar")
        with tempfile.TemporaryDirectory() as folder:
            window = tagged_window(folder, LINKS + MORE_LINKS)
            window.splitter.setSizes([220, 700, 360])
            shoot(window, out / "arabic.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
