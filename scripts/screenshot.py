"""Render the README screenshot: the seed article with a few tagged spans.

Usage: python scripts/screenshot.py docs/screenshot.png
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

from gui.app import create_main_window, ensure_application

TAGS = (
    ("وزارة الخارجية الروسية", 0, Qt.Key.Key_1),
    ("استدعاء", 0, Qt.Key.Key_2),
    ("سفير أذربيجان", 0, Qt.Key.Key_1),
    ("أذربيجان", 1, Qt.Key.Key_3),
    ("موسكو", 0, Qt.Key.Key_3),
    ("رحمان مصطفاييف", 0, Qt.Key.Key_1),
    ("اعتقال", 0, Qt.Key.Key_2),
    ("باكو", 0, Qt.Key.Key_3),
    ("استدعت", 0, Qt.Key.Key_2),
)


def main(out: str) -> None:
    app = ensure_application()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        window = create_main_window(str(Path(tmp) / "shot.db"))
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
        event = spans["استدعاء"]
        for argument, role in (
            ("وزارة الخارجية الروسية", "source"),
            ("سفير أذربيجان", "target"),
            ("موسكو", "place"),
        ):
            window.session.link(event, spans[argument], role)
        view.select_range(event.start + 2, event.start + 2)  # the caret on the event shows its links
        app.processEvents()
        window.grab().save(out)
        window.close()
        window.session.store.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
