"""Long work in a worker thread: the window stays responsive, cancel and errors come back as results."""

from __future__ import annotations

import gc
import itertools
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gui.worker import (
    CANCELLING_TEXT,
    PROGRESS_INTERVAL,
    SHOW_AFTER_MS,
    Task,
    TaskResult,
    run_task,
    running_tasks,
)
from model.errors import DatabaseBusyError, InputError, SchemaError
from model.exporting import ExportReport, export_documents
from model.formats.base import Progress
from model.importing import ImportReport, import_paths
from model.store import Store

#: The import calls progress every 200 documents and writes them 2,000 at a time.
CALLS_PER_BATCH = 10

WAIT_MS = 60_000


def article(i: int) -> str:
    return f"خبر رقم {i}: اجتمع وزير الخارجية في بيروت مع وفد من دمشق لبحث التعاون بين البلدين."


def write_jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {"id": f"d{i}", "title": f"خبر {i}", "text": article(i), "spans": []}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def stored_count(db: str) -> int:
    with Store(db) as store:
        return store.document_count()


def visible_progress_dialogs(parent: QWidget) -> list[QProgressDialog]:
    return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def the_dialog(parent: QWidget) -> QProgressDialog:
    dialogs = visible_progress_dialogs(parent)
    assert len(dialogs) == 1
    return dialogs[0]


def gated_import(
    source: Path, stop_at_call: int, reached: threading.Event, proceed: threading.Event
) -> Callable[[Store, Progress], ImportReport]:
    """An import that waits at its ``stop_at_call``-th progress call until ``proceed`` is set."""

    def job(store: Store, progress: Progress) -> ImportReport:
        calls = 0

        def gated(done: int, total: int) -> bool | None:
            nonlocal calls
            calls += 1
            if calls == stop_at_call:
                reached.set()
                assert proceed.wait(30)
            return progress(done, total)

        return import_paths(store, [source], "jsonl", gated)

    return job


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(500, 300)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "corpus.db"
    Store(path).close()
    return str(path)


@pytest.fixture(autouse=True)
def no_task_left_running() -> Iterator[None]:
    yield
    for task in running_tasks():
        task.cancel()
        assert task.wait(30_000)


def test_the_event_loop_keeps_running_while_an_import_works(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", 20_000)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    results: list[TaskResult] = []
    progressed: list[tuple[int, int]] = []

    timer.start()
    started = time.perf_counter()
    task = run_task(
        parent,
        "Importing",
        db,
        lambda store, progress: import_paths(store, [source], "jsonl", progress),
        results.append,
    )
    task.progressed.connect(lambda done, total: progressed.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    elapsed = time.perf_counter() - started
    timer.stop()

    assert [r.outcome for r in results] == ["done"], results[0].message
    report = results[0].value
    assert isinstance(report, ImportReport) and report.imported_count == 20_000
    assert stored_count(db) == 20_000
    assert progressed and progressed[-1] == (1, 1)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 10, f"only {len(ticks)} ticks in {elapsed:.2f} s"
    print(f"\nimport {elapsed:.2f} s, {len(ticks)} ticks, largest gap {max(gaps) * 1000:.0f} ms")
    # The import runs beside the event loop, never in it: no pause lasts the import's length, as a
    # GUI-thread import did. How long the pauses are is the stall bench's (`make bench`), beside
    # an idle timer measured in the same run: wall-clock figures here would follow the machine's load.
    assert max(gaps) < elapsed / 2


def test_cancel_from_the_progress_signal_keeps_nothing(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", 20_000)
    calls: list[int] = []

    def slowed(store: Store, progress: Progress) -> ImportReport:
        def counted(done: int, total: int) -> bool | None:
            calls.append(done)
            if len(calls) > CALLS_PER_BATCH:  # a batch is written: slow down so cancel arrives mid-way
                time.sleep(0.02)
            return progress(done, total)

        return import_paths(store, [source], "jsonl", counted)

    results: list[TaskResult] = []
    task = run_task(parent, "Importing", db, slowed, results.append)

    def on_progress(done: int, total: int) -> None:
        if len(calls) > CALLS_PER_BATCH + 1:
            task.cancel()

    task.progressed.connect(on_progress)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    assert [r.outcome for r in results] == ["cancelled"]
    assert CALLS_PER_BATCH < len(calls) < 100  # it stopped part-way, after a batch was written
    assert stored_count(db) == 0


def test_cancel_button_says_cancelling_and_the_dialog_stays_until_rolled_back(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", 20_000)
    reached, proceed = threading.Event(), threading.Event()
    seen_at_finish: list[list[QProgressDialog]] = []
    results: list[TaskResult] = []

    def on_finished(result: TaskResult) -> None:
        seen_at_finish.append(visible_progress_dialogs(parent))
        results.append(result)

    job = gated_import(source, 3 * CALLS_PER_BATCH, reached, proceed)  # two batches written
    task = run_task(parent, "Importing", db, job, on_finished)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(visible_progress_dialogs(parent)), timeout=5_000)
    dialog = the_dialog(parent)
    assert dialog.maximum() == 1  # determinate once the total (one file) is known
    assert dialog.isModal()

    button = dialog.findChild(QPushButton)
    assert button is not None
    button.click()
    assert task.cancel_requested
    assert dialog.labelText() == CANCELLING_TEXT
    assert not button.isEnabled()
    qtbot.wait(100)
    assert visible_progress_dialogs(parent) == [dialog]  # still there: nothing rolled back yet

    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        proceed.set()
    assert [r.outcome for r in results] == ["cancelled"]
    assert seen_at_finish == [[]]
    assert stored_count(db) == 0


def test_error_names_file_and_line_and_comes_after_the_dialog_is_gone(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    with Store(db) as store:
        store.insert_document("old-1", "خبر قديم أول")
        store.insert_document("old-2", "خبر قديم ثان")
    bad = tmp_path / "bad.jsonl"
    good = [json.dumps({"id": f"n{i}", "text": article(i), "spans": []}, ensure_ascii=False) for i in (1, 2)]
    bad.write_text("\n".join([*good, '{"id": "n3", "text": "خبر', good[0]]) + "\n", encoding="utf-8")
    release = threading.Event()

    def job(store: Store, progress: Progress) -> ImportReport:
        assert release.wait(30)  # long enough for the dialog to appear
        return import_paths(store, [bad], "jsonl", progress)

    seen_at_finish: list[list[QProgressDialog]] = []
    results: list[TaskResult] = []

    def on_finished(result: TaskResult) -> None:
        seen_at_finish.append(visible_progress_dialogs(parent))
        results.append(result)

    task = run_task(parent, "Importing", db, job, on_finished)
    qtbot.waitUntil(lambda: bool(visible_progress_dialogs(parent)), timeout=5_000)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        release.set()

    assert [r.outcome for r in results] == ["failed"]
    assert f"{bad}:3" in results[0].message
    assert isinstance(results[0].error, InputError) and results[0].error.line == 3
    assert seen_at_finish == [[]]
    assert stored_count(db) == 2


def test_a_quick_failure_is_never_joined_by_the_dialog_later(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.jsonl"
    seen: list[list[QProgressDialog]] = []

    def on_finished(result: TaskResult) -> None:
        qtbot.wait(SHOW_AFTER_MS + 200)  # as long as a message box shown here would stay open
        seen.append(visible_progress_dialogs(parent))

    task = run_task(
        parent,
        "Importing",
        db,
        lambda store, progress: import_paths(store, [missing], "jsonl", progress),
        on_finished,
    )
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert task.result is not None and task.result.failed
    assert "missing.jsonl" in task.result.message
    assert seen == [[]]
    qtbot.waitUntil(lambda: not parent.findChildren(QProgressDialog), timeout=2_000)  # deleted


def test_locked_database_fails_with_a_message_saying_so(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "few.jsonl", 10)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    def job(store: Store, progress: Progress) -> ImportReport:
        store.conn.execute("PRAGMA busy_timeout = 100")
        return import_paths(store, [source], "jsonl", progress)

    results: list[TaskResult] = []
    try:
        task = run_task(parent, "Importing", db, job, results.append)
        with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert [r.outcome for r in results] == ["failed"]
    assert results[0].message == f"{db}: the database is busy: another program is writing to it"
    assert isinstance(results[0].error, DatabaseBusyError)
    assert stored_count(db) == 0


def test_a_lock_released_within_the_busy_timeout_only_delays_the_import(
    qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "few.jsonl", 10)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    results: list[TaskResult] = []
    try:
        task = run_task(
            parent,
            "Importing",
            db,
            lambda store, progress: import_paths(store, [source], "jsonl", progress),
            results.append,
        )
        QTimer.singleShot(300, lambda: holder.execute("ROLLBACK"))
        with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
            pass
    finally:
        holder.close()

    assert [r.outcome for r in results] == ["done"], results[0].message
    assert stored_count(db) == 10


def test_unexpected_exception_is_a_failed_result_and_the_thread_ends(
    qtbot: QtBot, parent: QWidget, db: str
) -> None:
    def job(store: Store, progress: Progress) -> None:
        raise ValueError("no such option 'frobnicate'")

    results: list[TaskResult] = []
    task = run_task(parent, "Working", db, job, results.append)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    assert [r.outcome for r in results] == ["failed"]
    assert results[0].message == "ValueError: no such option 'frobnicate'"
    assert isinstance(results[0].error, ValueError)
    assert task.wait(5_000)
    assert not task.is_running()
    assert task not in running_tasks()


def test_a_file_that_is_not_a_database_is_a_failed_result(
    qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"these are notes, not a database" * 100)
    results: list[TaskResult] = []
    task = run_task(parent, "Working", str(not_db), lambda store, progress: None, results.append)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    assert [r.outcome for r in results] == ["failed"]
    assert str(not_db) in results[0].message
    assert isinstance(results[0].error, SchemaError)


def test_the_job_gets_its_own_connection_in_the_worker_and_it_is_closed_after(
    qtbot: QtBot, parent: QWidget, db: str
) -> None:
    seen: list[tuple[int, Store]] = []

    def job(store: Store, progress: Progress) -> int:
        seen.append((threading.get_ident(), store))
        return store.document_count()

    results: list[TaskResult] = []
    task = run_task(parent, "Working", db, job, results.append)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    assert results == [TaskResult("done", 0)] and results[0].ok
    thread_id, store = seen[0]
    assert thread_id != threading.get_ident()
    with pytest.raises(sqlite3.ProgrammingError):
        store.conn.execute("SELECT 1")


def test_export_runs_off_the_gui_thread(qtbot: QtBot, parent: QWidget, db: str, tmp_path: Path) -> None:
    with Store(db) as store:
        for i in range(3):
            store.insert_document(f"d{i}", article(i))
    out = tmp_path / "out.jsonl"
    results: list[TaskResult] = []
    task = run_task(
        parent,
        "Exporting",
        db,
        lambda store, progress: export_documents(store, out, "jsonl", progress=progress),
        results.append,
    )
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    assert [r.outcome for r in results] == ["done"], results[0].message
    report = results[0].value
    assert isinstance(report, ExportReport) and report.documents == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == [article(i) for i in range(3)]


def test_progress_is_throttled_and_the_last_step_always_arrives(
    qtbot: QtBot, parent: QWidget, db: str
) -> None:
    steps = 100_000

    def job(store: Store, progress: Progress) -> float:
        started = time.monotonic()
        for done in range(steps + 1):
            progress(done, steps)
        return time.monotonic() - started

    emitted: list[tuple[int, int]] = []
    results: list[TaskResult] = []
    task = run_task(parent, "Working", db, job, results.append)
    task.progressed.connect(lambda done, total: emitted.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass

    elapsed = results[0].value
    assert isinstance(elapsed, float)
    assert emitted[0] == (0, steps) and emitted[-1] == (steps, steps)
    assert len(emitted) <= elapsed / PROGRESS_INTERVAL + 2


def test_a_task_nobody_keeps_still_finishes(qtbot: QtBot, parent: QWidget, db: str) -> None:
    results: list[TaskResult] = []

    def job(store: Store, progress: Progress) -> str:
        time.sleep(0.2)
        return "finished"

    run_task(parent, "Working", db, job, results.append)
    gc.collect()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert results == [TaskResult("done", "finished")]


def test_closing_the_window_mid_task_cancels_it_without_a_crash(
    qtbot: QtBot, db: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", 5_000)
    window = QWidget()
    window.show()
    qtbot.waitExposed(window)
    reached, proceed = threading.Event(), threading.Event()
    called: list[TaskResult] = []
    task = run_task(window, "Importing", db, gated_import(source, 2, reached, proceed), called.append)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    window.close()
    shiboken6.delete(window)  # the window and its progress dialog are gone; the thread is not
    assert task.cancel_requested

    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        proceed.set()
    assert task.result is not None and task.result.cancelled
    assert called == []  # nothing left to report to
    assert stored_count(db) == 0


def test_a_task_runs_once(qtbot: QtBot, db: str) -> None:
    task = Task(db, lambda store, progress: None)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        task.start()
    with pytest.raises(RuntimeError):
        task.start()
