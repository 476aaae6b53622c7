"""Import, export, merge and search indexing from the window, each in a worker with its own
connection.

The window stays responsive; the outcome (done, cancelled, failed) comes back as a result and is
told to the analyst once the progress dialog has closed. Cancelling rolls an import back whole and
leaves no partial export file: both are the model's guarantees (one transaction; a temporary file
renamed only at the end).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QWidget

from model import search as search_index
from model.errors import CancelledError, UnknownLabelError, store_error
from model.store import Store

from .i18n import QT_TR_NOOP, join, tr
from .messages import show_message
from .session import Session
from .worker import Job, Task, TaskResult, run_task

if TYPE_CHECKING:  # the formats load when an import or export first needs them, not at start
    from model.exporting import ExportReport
    from model.formats.base import Progress, ReadOptions
    from model.importing import ImportReport
    from model.merge import MergeReport

MERGE_PATTERNS = "*.db *.sqlite *.sqlite3 *.hashiya"


#: each format's offset unit (as the formats say it) in the interface's words
OFFSET_UNITS = {
    "Unicode code points, end exclusive": QT_TR_NOOP("Unicode code points, end exclusive"),
    "UTF-16 code units, end exclusive (doccano's default)": QT_TR_NOOP(
        "UTF-16 code units, end exclusive (doccano's default)"
    ),
    "tokens (IOB2); character offsets are not carried": QT_TR_NOOP(
        "tokens (IOB2); character offsets are not carried"
    ),
    "tokens (one line per sentence, ner_tags index <out>.labels.json); character offsets are not carried": (
        QT_TR_NOOP(
            "tokens (one line per sentence, ner_tags index <out>.labels.json); "
            "character offsets are not carried"
        )
    ),
    "spaCy tokens; Span.start_char/end_char are code points over doc.text, which is the stored text": (
        QT_TR_NOOP(
            "spaCy tokens; Span.start_char/end_char are code points over doc.text, which is the stored text"
        )
    ),
}


def offset_unit_text(unit: str) -> str:
    """A format's offset unit, translated when it is one of the known ones."""
    known = OFFSET_UNITS.get(unit)
    return tr(known) if known else unit


def merge_filter() -> str:
    return tr("Hashiya databases ({patterns});;All files (*)").format(patterns=MERGE_PATTERNS)


#: how long after the window opens the index starts catching up (after the first paint)
CATCH_UP_AFTER_MS = 400


class IndexBar(QWidget):
    """"Indexing for search" and a progress bar, in the status bar while the index catches up."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("indexProgress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        self.label = QLabel(tr("Indexing for search"), self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(self.label.sizeHint().height())
        self.bar.setTextVisible(True)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        self.setToolTip(tr("New documents are being indexed; the corpus search lists them when it is done."))
        self.hide()

    def start(self) -> None:
        self.bar.setRange(0, 0)  # busy until the first count
        self.show()

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(max(0, min(done, total)))

    def stop(self) -> None:
        self.hide()


class Transfers(QObject):
    """Runs long work for the window; ``finished`` says which job ended and how."""

    finished = Signal(str, object)  # "import" | "export" | "merge" | "index", TaskResult

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.task: Task | None = None
        self.indexing: Task | None = None  # the search index catching up in the background
        self.index_bar = IndexBar(window)
        self._after_index: Callable[[], None] | None = None  # the latest search waiting for the index
        self._queued: tuple[str, str, Job, Callable[[TaskResult], None]] | None = None
        self._closing = False
        # Documents stored unindexed (by a command-line import with --no-index, a merge, an older
        # Hashiya) are indexed once the window has opened and painted, not while it starts.
        self.opening_catch_up = QTimer(self)
        self.opening_catch_up.setSingleShot(True)
        self.opening_catch_up.setInterval(CATCH_UP_AFTER_MS)
        self.opening_catch_up.timeout.connect(self.catch_up_index)
        self.opening_catch_up.start()

    def stop(self) -> None:
        """Cancel running work and wait for its rollback (the window is closing); its result is
        not reported any more."""
        self._closing = True
        for task in (self.task, self.indexing):
            if task is not None:
                task.cancel()
                task.wait()

    def _run(self, kind: str, title: str, job: Job, then: Callable[[TaskResult], None]) -> bool:
        if self.session.store.path == ":memory:":
            self.session.failed.emit(tr("An in-memory database cannot be shared with a worker."))
            return False
        if self.task is not None or self._queued is not None:
            self.session.failed.emit(tr("Another import or export is still running; try again when it ends."))
            return False
        if self.indexing is not None:  # the index waits: it commits what it has and goes on after
            self._queued = (kind, title, job, then)
            self.indexing.cancel()
            return True

        def finished(result: TaskResult) -> None:
            self.task = None
            if self._closing:
                return
            then(result)
            self.finished.emit(kind, result)
            self.catch_up_index()

        self.task = run_task(self.window, title, self.session.store.path, job, finished)
        return True

    def _warn(self, title: str, result: TaskResult, tail: str) -> None:
        show_message(self.window, title, f"{result.message}\n\n{tail}")

    # ---- import -------------------------------------------------------------------------

    def import_paths(self, paths: list[str], fmt: str = "auto", options: ReadOptions | None = None) -> bool:
        """Import in the background; a failure or cancel keeps nothing."""
        from model.formats.base import LabelSet, ReadOptions
        from model.importing import import_paths

        if options is None:
            options = ReadOptions(labels=LabelSet(self.session.label_names()))

        def job(store: Store, progress: Progress) -> ImportReport:
            return import_paths(store, paths, fmt, progress, options)

        return self._run("import", tr("Importing"), job, lambda r: self._imported(r, paths, fmt, options))

    def _imported(self, result: TaskResult, paths: list[str], fmt: str, options: ReadOptions) -> None:
        if result.outcome == "cancelled":
            self.session.notice.emit(tr("Import cancelled; nothing was imported."))
        elif result.outcome == "failed":
            if isinstance(result.error, UnknownLabelError):
                self._offer_labels(paths, fmt, options)
            else:
                self._warn(tr("Import"), result, tr("Nothing was imported."))
        else:
            report = cast("ImportReport", result.value)
            self.session.refresh()  # the worker committed: new documents, maybe new labels
            if self.session.document is None and report.imported:
                self.session.open_document(report.imported[0])
            skipped = (
                tr("; {n} already here, skipped").format(n=report.skipped_count) if report.skipped else ""
            )
            added = ""
            if report.new_labels:
                added = tr("; new labels {names}").format(names=join(report.new_labels))
            self.session.notice.emit(
                tr("Imported %n document(s) with {spans}{skipped}{added}.", "", report.imported_count).format(
                    spans=tr("%n span(s)", "", report.spans), skipped=skipped, added=added
                )
            )

    def _offer_labels(self, paths: list[str], fmt: str, options: ReadOptions) -> None:
        """The files use labels this project lacks: let the analyst map or add them, then import."""

        from model.formats.base import LabelSet
        from model.importing import unknown_labels

        from .transfer_dialogs import LabelMappingDialog

        def scan(_store: Store, progress: Progress) -> list[str]:
            found = unknown_labels(paths, fmt, options)
            if progress(1, 1) is False:  # cancelled while reading: no question afterwards
                raise CancelledError()
            return found

        def scanned(result: TaskResult) -> None:
            if result.outcome == "cancelled":
                self.session.notice.emit(tr("Import cancelled; nothing was imported."))
            elif result.outcome == "failed":
                self._warn(tr("Import"), result, tr("Nothing was imported."))
            if result.outcome != "done" or not result.value:
                return
            known = self.session.label_names()
            dialog = LabelMappingDialog(cast(list[str], result.value), known, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.session.notice.emit(tr("Import cancelled; nothing was imported."))
                return
            mapping, add = dialog.choices()
            labels = LabelSet(known, {**options.labels.mapping, **mapping}, add)
            self.import_paths(paths, fmt, replace(options, labels=labels))

        self._run("scan", tr("Reading labels"), scan, scanned)

    # ---- export -------------------------------------------------------------------------

    def export(self, out: str, fmt: str, **filters: object) -> bool:
        from model.exporting import export_documents

        def job(store: Store, progress: Progress) -> object:
            return export_documents(store, out, fmt, progress=progress, **filters)  # type: ignore[arg-type]

        return self._run("export", tr("Exporting"), job, self._exported)

    def _exported(self, result: TaskResult) -> None:
        if result.outcome == "cancelled":
            self.session.notice.emit(tr("Export cancelled; no file was written."))
        elif result.outcome == "failed":
            self._warn(tr("Export"), result, tr("No file was written."))
        else:
            report = cast("ExportReport", result.value)
            notes = ", ".join(f"{k} {v}" for k, v in report.notes.items())
            exported = tr(
                "Exported %n document(s) ({spans}) to {file}; offsets in {unit}", "", report.documents
            )
            self.session.notice.emit(
                exported.format(
                    spans=tr("%n span(s)", "", report.spans),
                    file=Path(report.path).name,
                    unit=offset_unit_text(report.offset_unit),
                )
                + (f"; {notes}" if notes else "")
            )

    # ---- merge --------------------------------------------------------------------------

    def ask_merge(self) -> bool:
        """File → Merge…: choose analysts' databases and merge them into the open one."""
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, tr("Merge analysts' databases into this one"), "", merge_filter()
        )
        return bool(paths) and self.merge(paths)

    def merge(self, paths: list[str]) -> bool:
        """Merge the Hashiya databases at ``paths`` into the open one, in the background: one
        transaction, so a failure or cancel keeps nothing; the sources are only read."""
        from model.merge import merge_databases

        def job(store: Store, progress: Progress) -> MergeReport:
            return merge_databases(store, paths, progress)

        return self._run("merge", tr("Merging"), job, self._merged)

    def _merged(self, result: TaskResult) -> None:
        if result.outcome == "cancelled":
            self.session.notice.emit(tr("Merge cancelled; nothing was merged."))
        elif result.outcome == "failed":
            self._warn(tr("Merge"), result, tr("Nothing was merged."))
        else:
            report = cast("MergeReport", result.value)
            self.session.refresh()  # the worker committed: new documents, spans, maybe labels
            if self.session.document is None:
                first = self.session.store.document_ids()[:1]
                if first:
                    self.session.open_document(first[0])
            differ = (
                tr("; %n document(s) kept a status that differs", "", report.statuses_differ)
                if report.statuses_differ
                else ""
            )
            added = ""
            if report.labels_added:
                added = tr("; new labels {names}").format(names=join(report.labels_added))
            self.session.notice.emit(
                tr(
                    "Merged %n database(s): {documents} added, {matched} matched, {spans} and {relations} "
                    "added{differ}{added}.",
                    "",
                    len(report.sources),
                ).format(
                    documents=tr("%n document(s)", "", report.documents_added),
                    matched=report.documents_matched,
                    spans=tr("%n span(s)", "", report.spans_added),
                    relations=tr("%n relation(s)", "", report.relations_added),
                    differ=differ,
                    added=added,
                )
            )

    # ---- search index -------------------------------------------------------------------

    def catch_up_index(self) -> None:
        """Index the documents the search index lacks (after an import, or ones stored before)
        in the background: a bar in the status bar shows how far it is, the window stays usable,
        and each batch commits on its own, so an edit meanwhile waits at most one batch."""
        if self.indexing is not None or self.task is not None or self._closing:
            return
        store = self.session.store
        if store.path == ":memory:" or not self._pending():
            return
        task = Task(store.path, search_index.update_index)
        self.indexing = task
        task.progressed.connect(self.index_bar.show_progress)
        task.finished.connect(self._indexed)
        self.index_bar.start()
        task.start()

    def _pending(self) -> int:
        store = self.session.store
        try:
            return search_index.pending(store)
        except sqlite3.Error as exc:
            self.session.failed.emit(
                tr("Cannot read the search index: {why}").format(why=store_error(store.path, exc))
            )
            return 0

    def _indexed(self, result: TaskResult) -> None:
        self.indexing = None
        self.index_bar.stop()
        if self._closing:
            return
        waiting, self._after_index = self._after_index, None
        if result.outcome == "failed":
            self.session.failed.emit(
                tr("The search index was not brought up to date: {why}").format(why=result.message)
            )
        elif result.outcome == "done" and waiting is not None:
            waiting()
        elif result.outcome == "cancelled":
            self._after_index = waiting  # stopped for an import or export: searched after it
        self.finished.emit("index", result)
        queued, self._queued = self._queued, None
        if queued is not None:  # an import or export asked for while the index was being built
            self._run(*queued)

    def index_then(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the search index holds every document: at once when it does,
        else when the background indexing ends. A search asked for meanwhile replaces the one
        waiting: only the latest runs."""
        if self.indexing is None and self.task is None and not self._pending():
            then()
            return
        self._after_index = then
        self.session.notice.emit(tr("Searching as soon as the new documents are indexed…"))
        self.catch_up_index()
