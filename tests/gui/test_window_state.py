"""The app reopens where the analyst left, never larger than the screen, usable on a small one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from tests.conftest import ROOT
from tests.gui.conftest import article


def test_reopens_the_last_document_scroll_zoom_snap_and_panes(open_window, db_path, qtbot):
    first = open_window(db_path)
    view = article(first)  # the seed article: long enough to scroll
    first.resize(760, 560)
    first.splitter.setSizes([150, 460, 150])
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    first.snap_action.setChecked(False)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0, timeout=3000)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    top, size = view.top_offset(), view.font().pointSizeF()
    assert top > 0
    panes = first.splitter.sizes()
    first.close()

    second = open_window(db_path)
    again = article(second)
    assert second.session.document.id == 1
    assert again.font().pointSizeF() == size
    assert not second.snap_action.isChecked() and not again.snap_to_words
    assert (second.width(), second.height()) == (760, 560)
    assert second.splitter.sizes() == panes
    qtbot.waitUntil(lambda: again.top_offset() == top, timeout=3000)


def test_reopens_the_document_left_open(open_window, db_path):
    first = open_window(db_path)
    first.session.open_document(3)
    first.close()
    assert open_window(db_path).session.document.id == 3


def test_a_deleted_last_document_falls_back_to_the_first(open_window, db_path, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.window_state import _database_key

    QSettings().setValue(f"{_database_key(db_path)}/document", 99)
    window = open_window(db_path)
    assert window.session.document.id == 1


SCREEN_CHILD = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from gui import create_main_window
    from gui.app import ensure_application
    ensure_application()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, {settings!r})
    window = create_main_window({db!r})
    window.show()
    window.find_bar.open_bar()
    QApplication.processEvents()
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    view = window.article_view
    print(json.dumps({{
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "article": view.viewport().width(),
        "find": window.find_bar.field.width(),
        "panes": window.splitter.sizes(),
    }}))
    """
)


def _open_on_screen(tmp_path, db_path, width: int, height: int, scale: str) -> dict:  # type: ignore[type-arg]
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"synthesizedscreen": False, "screens": [screen]}), encoding="utf-8")
    script = tmp_path / "child.py"
    settings = tmp_path / "child-settings"
    child = SCREEN_CHILD.format(root=str(ROOT), db=db_path, settings=str(settings))
    script.write_text(child, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_window_opens_inside_a_scaled_screen(tmp_path, db_path):
    seen = _open_on_screen(tmp_path, db_path, 1600, 1000, "2")
    sx, sy, sw, sh = seen["screen"]
    assert (sw, sh) == (800, 500)  # 1600×1000 at scale 2
    x, y, w, h = seen["frame"]
    assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, seen


def test_a_small_screen_keeps_the_article_readable(tmp_path, db_path):
    seen = _open_on_screen(tmp_path, db_path, 800, 600, "1")
    _x, _y, w, h = seen["frame"]
    assert w <= 800 and h <= 600
    assert seen["article"] >= 320, seen  # a readable column of Arabic
    assert seen["panes"][1] >= max(seen["panes"][0], seen["panes"][2])
    assert seen["find"] >= 150, seen  # the find field keeps room to type in
