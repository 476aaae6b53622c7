"""The editing session: the open database, the current document and the undo stack.

Every edit goes through :meth:`Session.execute`, which runs a model command (one committed
transaction), pushes it on the QUndoStack, and announces the :class:`Change` so each view
refreshes only what it touched.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.commands import (
    AddSpan,
    AddSpans,
    Change,
    Command,
    LinkArgument,
    RemoveSpan,
    SetStatus,
    UnlinkArgument,
    UpdateSpan,
)
from model.errors import EditError
from model.records import Document, Label, Relation, Span
from model.store import Store


class _UndoAdapter(QUndoCommand):
    """Wraps one model command; the first redo is skipped because the edit already ran."""

    def __init__(self, session: Session, command: Command) -> None:
        super().__init__(command.text)
        self._session = session
        self._command = command
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._session._apply(self._command.do)

    def undo(self) -> None:
        self._session._apply(self._command.undo)


class Session(QObject):
    """Holds the store and the current document; views listen to its signals."""

    documentOpened = Signal(object)  # Document
    changed = Signal(object)  # Change
    failed = Signal(str)  # a one-line message for the status bar

    def __init__(self, store: Store, annotator: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator if annotator is not None else getpass.getuser()
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        self.labels: list[Label] = store.labels()

    # ---- documents ----------------------------------------------------------------------

    def open_document(self, doc_id: int) -> None:
        if self.document is not None and self.document.id == doc_id:
            return
        self.document = self.store.document(doc_id)
        self.documentOpened.emit(self.document)

    def spans(self) -> list[Span]:
        return self.store.spans(self.document.id) if self.document else []

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    # ---- edits --------------------------------------------------------------------------

    def execute(self, command: Command) -> Change | None:
        """Run ``command`` now (committed), then make it undoable. None when it was refused."""
        try:
            change = command.do(self.store)
        except EditError as exc:
            self.failed.emit(str(exc))
            return None
        self.undo_stack.push(_UndoAdapter(self, command))
        self._announce(change)
        return change

    def _apply(self, step) -> None:  # type: ignore[no-untyped-def]
        try:
            change = step(self.store)
        except EditError as exc:
            self.failed.emit(str(exc))
            return
        if self.document is None or change.doc_id != self.document.id:
            self.document = None
            self.open_document(change.doc_id)
        self._announce(change)

    def _announce(self, change: Change) -> None:
        if self.document is not None and change.status_changed and change.doc_id == self.document.id:
            self.document.status = self.store.document_summary(change.doc_id).status
        self.changed.emit(change)

    def tag(self, start: int, end: int, label: str) -> Change | None:
        if self.document is None:
            return None
        if start >= end:
            self.failed.emit("Select some text first, then press a label key.")
            return None
        text = self.document.text[start:end]
        return self.execute(AddSpan(self.document.id, start, end, label, self.annotator, text))

    def tag_ranges(self, ranges: list[tuple[int, int]], label: str, what: str = "") -> Change | None:
        """Tag many ranges at once, as one undoable step."""
        if self.document is None or not ranges:
            self.failed.emit(f"Nothing new to tag as {label}.")
            return None
        return self.execute(AddSpans(self.document.id, list(ranges), label, self.annotator, what))

    def remove(self, span: Span) -> Change | None:
        text = self.document.text[span.start : span.end] if self.document else ""
        return self.execute(RemoveSpan(span.id, span.label, text))

    def relabel(self, span: Span, label: str) -> Change | None:
        text = self.document.text[span.start : span.end] if self.document else ""
        return self.execute(UpdateSpan(span.id, label=label, span_text=text))

    def link(self, event: Span, argument: Span, role: str) -> Change | None:
        text = self.document.text if self.document else ""
        return self.execute(
            LinkArgument(event.id, argument.id, role, text[event.start : event.end],
                         text[argument.start : argument.end])
        )

    def unlink(self, relation_id: int) -> Change | None:
        return self.execute(UnlinkArgument(relation_id))

    def relations(self) -> list[Relation]:
        return self.store.relations(self.document.id) if self.document else []

    def set_status(self, status: str) -> Change | None:
        if self.document is None or self.document.status == status:
            return None
        return self.execute(SetStatus(self.document.id, status))
