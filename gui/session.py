"""The editing session: the one owner of the open document's state.

It holds the store, the open document with its spans (an interval index), relations, labels and
roles, and the undo stack. Every edit goes through :meth:`Session.execute`: the model command
commits one transaction, the session applies the :class:`Change` it returns to its own state, and
then says what changed. Widgets subscribe to these signals and read the session; none of them keeps
a copy of the document's state or talks to another widget.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence

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
from model.intervals import SpanIndex
from model.records import DEFAULT_ROLES, Document, Label, Relation, Span
from model.store import Store
from model.text import quote


def with_article(label: str) -> str:
    """"an EVENT", "a PLACE": the label with its English article, for messages."""
    return ("an " if label[:1].upper() in "AEIOU" else "a ") + label


class _UndoStep(QUndoCommand):
    """One model command on the undo stack. Pushing it runs it; a step that fails is dropped."""

    def __init__(self, session: Session, command: Command) -> None:
        super().__init__(command.text)
        self._session = session
        self._command = command
        self.change: Change | None = None

    def redo(self) -> None:
        self.change = self._session._apply(self._command.do)
        self.setObsolete(self.change is None)

    def undo(self) -> None:
        self.change = self._session._apply(self._command.undo)
        self.setObsolete(self.change is None)


class Session(QObject):
    """The open database and document; every widget listens to its signals."""

    documentOpened = Signal(object)  # Document: the spans, relations and labels are the session's
    spansChanged = Signal(object)  # Change, already applied to ``index``
    relationsChanged = Signal()
    labelsChanged = Signal()
    documentChanged = Signal(int)  # a document's status or span count changed (any document)
    corpusChanged = Signal()  # documents were added or the labels changed by an import
    failed = Signal(str)  # a one-line message for the analyst
    notice = Signal(str)  # a one-line report (not an error)

    def __init__(self, store: Store, annotator: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator if annotator is not None else getpass.getuser()
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        self.index = SpanIndex()
        self.relations: list[Relation] = []
        self.labels: list[Label] = store.labels()
        self.roles: tuple[str, ...] = DEFAULT_ROLES

    # ---- reading ------------------------------------------------------------------------

    def spans(self) -> list[Span]:
        return list(self.index)

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def span_text(self, span: Span) -> str:
        return self.document.text[span.start : span.end] if self.document else ""

    def quoted(self, span: Span) -> str:
        return quote(self.span_text(span))

    # ---- documents and labels -----------------------------------------------------------

    def open_document(self, doc_id: int, force: bool = False) -> None:
        if not force and self.document is not None and self.document.id == doc_id:
            return
        self.document = self.store.document(doc_id)
        self.index = SpanIndex(self.store.spans(doc_id))
        self.relations = self.store.relations(doc_id)
        self.documentOpened.emit(self.document)

    def reload_labels(self) -> None:
        labels = self.store.labels()
        if labels != self.labels:
            self.labels = labels
            self.labelsChanged.emit()

    def corpus_grew(self) -> None:
        """After an import: new documents, maybe new labels."""
        self.reload_labels()
        self.corpusChanged.emit()

    # ---- edits --------------------------------------------------------------------------

    def execute(self, command: Command) -> Change | None:
        """Run ``command`` (committed before it returns) as one undo step; None when refused."""
        step = _UndoStep(self, command)
        self.undo_stack.push(step)  # runs redo(); a refused step is obsolete and not kept
        return step.change

    def _apply(self, step: Callable[[Store], Change]) -> Change | None:
        try:
            change = step(self.store)
        except EditError as exc:
            self.failed.emit(str(exc))
            return None
        if self.document is None or change.doc_id != self.document.id:
            self.open_document(change.doc_id, force=True)  # undo of an edit in another document
        else:
            self._take(change)
        self.documentChanged.emit(change.doc_id)
        return change

    def _take(self, change: Change) -> None:
        """Bring the open document's state in line with a committed change, then announce it."""
        assert self.document is not None
        for span in change.removed:
            self.index.remove(span.id)
        for span in change.added:
            self.index.add(span)
        if change.status_changed:
            self.document.status = self.store.document_summary(change.doc_id).status
        if change.touched:
            self.spansChanged.emit(change)
        if change.relations_changed or change.removed:
            self.relations = self.store.relations(self.document.id)
            self.relationsChanged.emit()

    def tag(self, start: int, end: int, label: str, add: bool = False) -> Change | None:
        """Tag [start, end). The exact extent of a span with another label relabels it, unless ``add``."""
        if self.document is None:
            return None
        if start >= end:
            self.failed.emit("Select some text first, then press a label key.")
            return None
        text = self.document.text[start:end]
        same = [s for s in self.index.overlapping(start, end) if (s.start, s.end) == (start, end)]
        if any(s.label == label for s in same):
            self.failed.emit(f"{quote(text)} is already {with_article(label)}.")
            return None
        if same and not add:
            return self.relabel(same[0], label)
        return self.execute(AddSpan(self.document.id, start, end, label, self.annotator, text))

    def tag_ranges(self, ranges: Sequence[tuple[int, int]], label: str, what: str = "") -> Change | None:
        """Tag many ranges at once, as one undoable step."""
        if self.document is None or not ranges:
            self.failed.emit(f"Nothing new to tag as {label}.")
            return None
        return self.execute(AddSpans(self.document.id, list(ranges), label, self.annotator, what))

    def remove(self, span: Span) -> Change | None:
        return self.execute(RemoveSpan(span.id, span.label, self.span_text(span)))

    def relabel(self, span: Span, label: str) -> Change | None:
        return self.execute(UpdateSpan(span.id, label=label, span_text=self.span_text(span)))

    def link(self, event: Span, argument: Span, role: str) -> Change | None:
        return self.execute(
            LinkArgument(event.id, argument.id, role, self.span_text(event), self.span_text(argument))
        )

    def unlink(self, relation_id: int) -> Change | None:
        return self.execute(UnlinkArgument(relation_id))

    def set_status(self, status: str) -> Change | None:
        if self.document is None or self.document.status == status:
            return None
        return self.execute(SetStatus(self.document.id, status))
