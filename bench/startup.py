"""Cold start: a new process to the first painted article, beside a bare PySide6 window.

Both run in the app's own environment (.venv, what `make run` installs) when it exists, so the
figure is what an analyst waits for, not what the test tools add. Each child prints once its
window is painted; the time is taken in the parent from spawn to that line. Median of 5 each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.report import median, row

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QTextEdit
    app = QApplication(sys.argv[:1])
    view = QTextEdit()
    view.setPlainText(open({text!r}, encoding="utf-8").read())
    view.resize(1280, 820)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    print("painted", flush=True)
    """
)

OURS = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QSettings
    from gui.app import create_main_window, ensure_application
    app = ensure_application()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, {settings!r})
    window = create_main_window({db!r})
    window.show()
    window.article_view.viewport().repaint()
    app.processEvents()
    print("painted", flush=True)
    """
)


def app_python() -> str:
    """The interpreter of `make run`'s environment when there is one (or HASHIYA_APP_PYTHON),
    else this one."""
    if os.environ.get("HASHIYA_APP_PYTHON"):
        return os.environ["HASHIYA_APP_PYTHON"]
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def _time(python: str, script: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen([python, "-c", script], stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    child.kill()
    child.wait()
    if line.strip() != "painted":
        raise RuntimeError("the child did not paint")
    return elapsed


def run() -> None:
    python = app_python()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An analyst's Python keeps compiled modules (__pycache__); a shell that forbids writing them
    # would have every start compile the app from source. The first run below writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"startup: new process to the first painted article ({python})")
    with tempfile.TemporaryDirectory() as tmp:
        text = ROOT / "resources" / "samples" / "000-seed.txt"
        db = str(Path(tmp) / "startup.db")
        settings = str(Path(tmp) / "settings")
        ours_script = OURS.format(root=str(ROOT), settings=settings, db=db)
        _time(python, ours_script, env)  # creates and seeds the database once, compiles the modules
        bare, ours = [], []
        for _ in range(RUNS):
            bare.append(_time(python, BARE.format(text=str(text)), env))
            ours.append(_time(python, ours_script, env))
    ours_ms, bare_ms = median(ours), median(bare)
    row("cold start to first painted article", ours_ms, bare_ms, "target ≤ 2× bare", ours_ms <= 2 * bare_ms)
