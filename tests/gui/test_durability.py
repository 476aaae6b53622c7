"""Nothing acknowledged is lost: a SIGKILL right after the last key press keeps every span."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from tests.conftest import ROOT
from tests.gui.conftest import stored_spans

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from gui import create_main_window
    window = create_main_window({db!r})
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    view = window.findChild(type(window.article_view), "articleView")
    text = view.text
    words, pos = [], 0
    while len(words) < 50:
        start = text.index(" ", pos) + 1
        end = min(i for i in (text.find(" ", start), text.find("\\n", start)) if i != -1)
        if end - start >= 3 and text[start:end].isalpha():
            words.append((start, end))
        pos = end
    for n, (start, end) in enumerate(words):
        view.select_range(start, end)
        QTest.keyClick(view, (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)[n % 3])
    print("tagged", len(words), flush=True)
    import time
    time.sleep(60)
    """
)


def test_sigkill_after_last_key_press_loses_no_span(db_path, tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), db=db_path), encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "tagged 50"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    spans = stored_spans(db_path)
    assert len(spans) == 50
    assert all(text.isalpha() for _, text, *_ in spans)
