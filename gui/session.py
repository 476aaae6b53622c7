"""The editing session: the one owner of the open document's state.

It holds the store, the open document with its spans (an interval index), relations, labels and
roles, and the undo stack. Every edit goes through :meth:`Session.execute`: the model command
commits one transaction, the session applies the :class:`Change` it returns to its own state, and
then says what changed. Widgets subscribe to these signals and read the session; none of them keeps
a copy of the document's state or talks to another widget.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable, Sequence
from types import EllipsisType

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import review
from model.commands import (
    AcceptItems,
    AddLabel,
    AddSpan,
    AddSpans,
    Change,
    Command,
    DeleteLabel,
    LinkArgument,
    MoveLabel,
    RejectItems,
    RemoveSpan,
    RenameLabel,
    ReorderLabels,
    SetDocumentNote,
    SetReviewed,
    SetRoles,
    SetSpanNote,
    SetStatus,
    UnlinkArgument,
    UpdateLabel,
    UpdateRole,
    UpdateSpan,
)
from model.errors import ConnectionLostError, DatabaseBusyError, HashiyaError, StoreError, store_error
from model.intervals import SpanIndex
from model.records import EVENT_LABEL, GOLD, Document, Label, Relation, Role, Span
from model.store import DEFAULT_LABEL_COLOR, PgStore, Store
from model.text import quote

from .command_text import describe
from .i18n import tr, translated


def with_article(label: str) -> str:
    """"an EVENT", "a PLACE": the label with its English article, for messages (in Arabic, the
    label alone)."""
    if label[:1].upper() in "AEIOU":
        return tr("an {label}").format(label=label)
    return tr("a {label}").format(label=label)


RETRY_MS = 1000  # an edit the database was too busy to take is tried again this often
RETRIES = 120  # ... for about two minutes; then the analyst retries or discards it
WATCH_MS = 1000  # how often the session looks for commits by other programs and windows
WINDOW_BUSY_TIMEOUT_MS = 250  # a write waits this long for another program's lock: no freeze


def schema_leads_only() -> str:
    """Why a non-lead cannot change the schema (translated when shown)."""
    return tr("Only a lead may change the labels and roles of this team database.")


def cannot_write_gold() -> str:
    """What an annotator on a team database is told on entering review mode."""
    return tr(
        "You can look at the review, but you cannot accept or reject: on this team database only "
        "reviewers and leads write the gold layer."
    )


class _UndoStep(QUndoCommand):
    """One model command on the undo stack. Pushing it runs it.

    A step refused by the model (its span is gone) is obsolete and dropped. A step the database
    could not take (busy, read-only, full) is dropped from the stack too and kept by the session
    as unsaved; an undo or redo the database could not take leaves the stack where it was.
    """

    def __init__(self, session: Session, command: Command) -> None:
        super().__init__(command.text)
        self._session = session
        self.command = command
        self.change: Change | None = None
        self.store_error: StoreError | None = None
        self._pushed = False
        self._hold = False  # the stack moved but the database did not: the next move only undoes that

    def redo(self) -> None:
        if self._hold:
            self._hold = False
            return
        first, self._pushed = not self._pushed, True
        try:
            self.change = self._session._apply(self.command.do)
        except StoreError as exc:
            self.change = None
            if first:
                self.store_error = exc
            else:
                message = tr("Could not redo {edit}: {why}").format(edit=describe(self.command), why=exc)
                self._put_back(message, undo=True)
                return
        self.setObsolete(self.change is None)

    def undo(self) -> None:
        if self._hold:
            self._hold = False
            return
        try:
            self.change = self._session._apply(self.command.undo)
        except StoreError as exc:
            message = tr("Could not undo {edit}: {why}. Nothing changed.")
            self._put_back(message.format(edit=describe(self.command), why=exc), undo=False)
            return
        self.setObsolete(self.change is None)

    def _put_back(self, message: str, undo: bool) -> None:
        """The stack has moved one step but the database has not: move the stack back."""
        self._hold = True
        stack = self._session.undo_stack
        QTimer.singleShot(0, stack.undo if undo else stack.redo)
        self._session.failed.emit(message)


class Session(QObject):
    """The open database and document; every widget listens to its signals."""

    documentOpened = Signal(object)  # Document: the spans, relations and labels are the session's
    spansChanged = Signal(object)  # Change, already applied to ``index``
    relationsChanged = Signal()
    labelsChanged = Signal()
    documentChanged = Signal(int)  # a document's status or span count changed (any document)
    corpusChanged = Signal()  # documents were added or the labels changed by an import
    documentReloaded = Signal(object)  # Document: another program changed the open document
    failed = Signal(str)  # a one-line message for the analyst
    notice = Signal(str)  # a one-line report (not an error)
    unsavedChanged = Signal()  # edits waiting for the database changed (see ``unsaved``)
    annotatorChanged = Signal(str)  # the analyst now works under this name (new edits only)
    reviewModeChanged = Signal(bool)  # review mode on or off (edits write the gold layer while on)
    reviewChanged = Signal()  # review decisions or the reviewed mark of the open document changed
    notesChanged = Signal()  # a note on the open document or on one of its spans changed

    def __init__(self, store: Store, annotator: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        if annotator is None:  # on a team database the analyst is the login, which the server checks
            annotator = store.user if isinstance(store, PgStore) else getpass.getuser()
        self.annotator = annotator
        #: on SQLite, spans with no annotator (imported without one) are the analyst's to edit; on a
        #: team database the server lets each analyst edit only their own
        self.team = isinstance(store, PgStore)
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        self.index = SpanIndex()
        self.relations: list[Relation] = []
        self.span_notes: dict[int, str] = {}  # the open document's span notes, by span id
        self.labels: list[Label] = store.labels()
        self.roles: tuple[Role, ...] = tuple(store.roles())  # the schema's roles, in order
        self.reviewing = False  # review mode: every analyst's spans shown, edits write gold
        self.gold_writable = True  # may this login write gold (asked on entering review mode)
        self.rejected: set[review.Key] = set()  # the open document's rejected items
        self.reviewed_by: tuple[str, str] | None = None  # (reviewer, when) once marked reviewed
        self._review: review.Summary | None = None  # until the spans or decisions change
        self._tally: review.Tally | None = None  # open differences, kept up to date edit by edit
        self.unsaved: list[Command] = []  # edits the database could not take yet, oldest first
        self.unsaved_reason = ""
        self.retrying = False
        self._retries_left = 0
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._on_retry_timer)
        self._seen_version = self._data_version()
        self._watch = QTimer(self)  # other windows and programs: a cheap look every second
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self.refresh)
        self._watch.start()

    # ---- reading ------------------------------------------------------------------------

    def spans(self) -> list[Span]:
        return list(self.index)

    def label_names(self) -> list[str]:
        return [label.name for label in self.labels]

    def is_own(self, span: Span) -> bool:
        """Is ``span`` the analyst's (theirs to relabel, resize or delete), not another analyst's?
        In review mode the gold layer is the one being edited."""
        if self.reviewing:
            return span.annotator == GOLD
        return span.annotator == self.annotator or (not span.annotator and not self.team)

    @property
    def writer(self) -> str:
        """Whose new spans and links are: the analyst's, or the gold layer's in review mode."""
        return GOLD if self.reviewing else self.annotator

    def set_annotator(self, name: str) -> None:
        """Work under ``name`` from now on (spans already made keep theirs)."""
        if name != self.annotator and not self.team:
            self.annotator = name
            self.annotatorChanged.emit(name)

    def span_text(self, span: Span) -> str:
        return self.document.text[span.start : span.end] if self.document else ""

    # ---- documents and labels -----------------------------------------------------------

    def open_document(self, doc_id: int, force: bool = False) -> None:
        if not force and self.document is not None and self.document.id == doc_id:
            return
        try:
            document = self.store.document(doc_id)
            spans, relations = self.store.spans(doc_id), self.store.relations(doc_id)
            notes = self.store.span_notes(doc_id)
        except sqlite3.Error as exc:
            why = store_error(self.store.path, exc)
            self.failed.emit(tr("Cannot open the document: {why}").format(why=why))
            return
        self.document, self.index, self.relations = document, SpanIndex(spans), relations
        self.span_notes = notes
        self._read_review()
        self.documentOpened.emit(self.document)

    def close(self) -> None:
        """The window is closing: stop looking at the database and retrying."""
        self._watch.stop()
        self._retry.stop()

    def _data_version(self) -> int:
        try:
            return self.store.data_version()
        except sqlite3.Error:
            return -1

    def refresh(self) -> bool:
        """Take in what other programs or windows committed since we last looked (cheap when
        nothing changed: one pragma). True when something had changed."""
        version = self._data_version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        try:
            self.reload_labels()
            if self.document is not None:
                self._reload_document(self.document.id)
        except sqlite3.Error as exc:
            self.failed.emit(str(store_error(self.store.path, exc)))
            return False
        self.corpusChanged.emit()
        return True

    def _reload_document(self, doc_id: int) -> None:
        try:
            document = self.store.document(doc_id)
        except KeyError:  # deleted elsewhere
            self.document, self.index, self.relations = None, SpanIndex(), []
            self._review = self._tally = None
            return
        spans, relations = self.store.spans(doc_id), self.store.relations(doc_id)
        notes = self.store.span_notes(doc_id)
        assert self.document is not None
        notes_changed = notes != self.span_notes or document.note != self.document.note
        self.span_notes = notes
        if notes_changed:
            self.document.note = document.note
            self.notesChanged.emit()
        changed = document.status != self.document.status or relations != self.relations
        if changed or spans != list(self.index):
            self.document, self.index, self.relations = document, SpanIndex(spans), relations
            self._read_review()
            self.documentReloaded.emit(document)
        elif self._read_review():
            self.reviewChanged.emit()

    def reload_labels(self) -> None:
        """Read the labels and roles afresh; say so when either changed."""
        labels, roles = self.store.labels(), tuple(self.store.roles())
        if labels != self.labels or roles != self.roles:
            self.labels, self.roles = labels, roles
            self.labelsChanged.emit()

    # ---- edits --------------------------------------------------------------------------

    def execute(self, command: Command) -> Change | None:
        """Run ``command`` (committed before it returns) as one undo step; None when refused or
        when the database could not take it (then it waits in ``unsaved``, never shown as saved)."""
        if self.unsaved:  # keep the order: this edit waits behind the ones not saved yet
            self.unsaved.append(command)
            self.unsavedChanged.emit()
            self.retry_unsaved()
            return None
        step = self._push(command)
        if step.store_error is not None:
            self.unsaved.append(command)
            self._wait_for_database(step.store_error)
        return step.change

    def _push(self, command: Command) -> _UndoStep:
        step = _UndoStep(self, command)
        self.undo_stack.push(step)  # runs redo(); a step that did not commit is obsolete, not kept
        return step

    def retry_unsaved(self) -> bool:
        """Try the unsaved edits again, in order; True when all are saved now."""
        while self.unsaved:
            step = self._push(self.unsaved[0])
            if step.store_error is not None:
                self._wait_for_database(step.store_error)
                return False
            self.unsaved.pop(0)  # saved, or refused by the model (which said why)
        if self.unsaved_reason:
            self.notice.emit(tr("Saved: the database took the waiting edits."))
        self._retry.stop()
        self.retrying, self.unsaved_reason = False, ""
        self.unsavedChanged.emit()
        return True

    def discard_unsaved(self) -> None:
        n = len(self.unsaved)
        self.unsaved.clear()
        self._retry.stop()
        self.retrying, self.unsaved_reason = False, ""
        self.unsavedChanged.emit()
        if n:
            self.notice.emit(tr("Discarded %n unsaved edit(s).", "", n))

    def _wait_for_database(self, error: StoreError) -> None:
        """Say why nothing was saved; a busy database is tried again by itself for a while."""
        first = not self.unsaved_reason
        self.unsaved_reason = str(error)
        if isinstance(error, DatabaseBusyError | ConnectionLostError):
            if not self._retry.isActive():
                self._retries_left = RETRIES
                self._retry.start()
            self.retrying = True
        else:
            self._retry.stop()
            self.retrying = False
        if first:
            self.failed.emit(tr("Not saved: {edit}. {why}").format(edit=describe(self.unsaved[0]), why=error))
        self.unsavedChanged.emit()

    def _on_retry_timer(self) -> None:
        self._retries_left -= 1
        if self._retries_left <= 0:
            self._retry.stop()
            self.retrying = False
            self.unsavedChanged.emit()
            return
        self.retry_unsaved()

    def _apply(self, step: Callable[[Store], Change]) -> Change | None:
        """Run one do/undo; None when the model refused it (said why). A database that could not
        take it raises :class:`StoreError` for the undo step to handle."""
        try:
            change = step(self.store)
        except StoreError:
            raise
        except sqlite3.Error as exc:
            raise store_error(self.store.path, exc) from exc
        except HashiyaError as exc:  # refused: the span is gone, the label unknown, ...
            self.failed.emit(translated(exc))
            return None
        if change.labels_changed:
            self._take_schema()
            return change
        try:
            if self.document is None or change.doc_id != self.document.id:
                self.open_document(change.doc_id, force=True)  # undo of an edit in another document
            else:
                self._take(change)
        except sqlite3.Error as exc:  # committed, but could not be read back: show what is stored
            why = store_error(self.store.path, exc)
            self.failed.emit(tr("Saved, but the view could not be updated: {why}").format(why=why))
        self.documentChanged.emit(change.doc_id)
        return change

    def _take(self, change: Change) -> None:
        """Bring the open document's state in line with a committed change, then announce it."""
        assert self.document is not None
        self._review = None
        if self._tally is not None:  # review mode: the open differences follow the edit
            for span in change.removed:
                self._tally.remove(span)
            for span in change.added:
                self._tally.add(span)
        for span in change.removed:
            self.index.remove(span.id)
        for span in change.added:
            self.index.add(span)
        if change.status_changed:
            self.document.status = self.store.document_summary(change.doc_id).status
        relations = change.relations_changed or bool(change.removed)
        if relations:
            self.relations = self.store.relations(self.document.id)
        notes = change.notes_changed or bool(change.touched)  # a span put back brings its note
        if notes:
            self.span_notes = self.store.span_notes(self.document.id)
        if change.notes_changed:
            self.document.note = self.store.document_note(self.document.id)
        if change.touched:  # all state is current before anyone hears of it
            self.spansChanged.emit(change)
        if relations:
            self.relationsChanged.emit()
        if notes:
            self.notesChanged.emit()
        if change.review_changed:
            self._read_review()
            self.reviewChanged.emit()

    def _take_schema(self) -> None:
        """The schema changed (a label renamed or deleted may have changed spans anywhere): the
        labels and roles first, so the views know the new names and colours, then the open
        document, then the document list's counts."""
        try:
            self.reload_labels()
            if self.document is not None:
                self._reload_document(self.document.id)
        except sqlite3.Error as exc:
            self.failed.emit(tr("Saved, but the view could not be updated: {error}").format(
                error=store_error(self.store.path, exc)
            ))
        self.corpusChanged.emit()

    def tag(self, start: int, end: int, label: str, add: bool = False) -> Change | None:
        """Tag [start, end). The exact extent of one of the analyst's spans with another label
        relabels it, unless ``add``."""
        if self.document is None:
            return None
        if start >= end:
            self.failed.emit(tr("Select some text first, then press a label key."))
            return None
        text = self.document.text[start:end]
        # only the analyst's own spans: another analyst's span of the same text is theirs to keep
        same = [
            s for s in self.index.overlapping(start, end)
            if (s.start, s.end) == (start, end) and self.is_own(s)
        ]
        if any(s.label == label for s in same):
            message = tr("{text} is already {label}.")
            self.failed.emit(message.format(text=quote(text), label=with_article(label)))
            return None
        if same and not add:
            return self.relabel(same[0], label)
        if not self._may_write():
            return None
        return self.execute(AddSpan(self.document.id, start, end, label, self.writer, text))

    def tag_ranges(self, ranges: Sequence[tuple[int, int]], label: str, what: str = "") -> Change | None:
        """Tag many ranges at once, as one undoable step."""
        if self.document is None or not ranges:
            self.failed.emit(tr("Nothing new to tag as {label}.").format(label=label))
            return None
        if not self._may_write():
            return None
        return self.execute(AddSpans(self.document.id, list(ranges), label, self.writer, what))

    def remove(self, span: Span) -> Change | None:
        if not self._may_write():
            return None
        return self.execute(RemoveSpan(span.id, span.label, self.span_text(span)))

    def relabel(self, span: Span, label: str) -> Change | None:
        if span.label == label:
            text = quote(self.span_text(span))
            self.failed.emit(tr("{text} is already {label}.").format(text=text, label=with_article(label)))
            return None
        broken = self._links_broken_by(span, label)
        if broken:
            self.failed.emit(broken)
            return None
        if not self._may_write():
            return None
        return self.execute(UpdateSpan(span.id, label=label, span_text=self.span_text(span)))

    def _links_broken_by(self, span: Span, label: str) -> str:
        """Why relabelling ``span`` as ``label`` would leave one of its links not fitting (an
        event's links start at an EVENT; an argument's label must fit its role), or ""."""
        text = quote(self.span_text(span))
        starting = [r for r in self.relations if r.event_id == span.id]
        if starting and label != EVENT_LABEL:
            message = tr("{text} starts %n link(s): unlink them first, or they would start at {label}.", "",
                         len(starting))
            return message.format(text=text, label=with_article(label))
        for relation in self.relations:
            if relation.argument_id == span.id and not self.role_fits(relation.role, label):
                event = self.index.get(relation.event_id)
                message = tr("{text} is the {role} of {event}: unlink it first; {label} cannot be that.")
                return message.format(
                    text=text, role=relation.role, event=quote(self.span_text(event)) if event else "?",
                    label=with_article(label),
                )
        return ""

    def role(self, name: str) -> Role | None:
        return next((role for role in self.roles if role.name == name), None)

    def role_fits(self, name: str, label: str) -> bool:
        """May an argument labelled ``label`` (or a sub-type of it) fill the role ``name``? Any
        label fits a role the schema gives no labels, or one it does not know."""
        role = self.role(name)
        if role is None or not role.labels:
            return True
        parents = {item.name: item.parent for item in self.labels}
        return label in role.labels or parents.get(label, "") in role.labels

    def link(self, event: Span, argument: Span, role: str) -> Change | None:
        if not self._may_write():
            return None
        if not self.role_fits(role, argument.label):
            spec = self.role(role)
            wanted = tr(" or ").join(spec.labels if spec else ())
            message = tr("{argument} is {label}; the {role} of an event is {wanted}.")
            self.failed.emit(
                message.format(
                    argument=quote(self.span_text(argument)), label=with_article(argument.label),
                    role=role, wanted=with_article(wanted),
                )
            )
            return None
        return self.execute(
            LinkArgument(
                event.id, argument.id, role, self.span_text(event), self.span_text(argument), self.writer
            )
        )

    def unlink(self, relation_id: int) -> Change | None:
        if not self._may_write():
            return None
        return self.execute(UnlinkArgument(relation_id))

    def set_span_note(self, span: Span, note: str) -> Change | None:
        """Write (or clear, with '') the note on one of the open document's spans."""
        if self.document is None or self.span_notes.get(span.id, "") == note:
            return None
        if not self._may_write():
            return None
        return self.execute(SetSpanNote(self.document.id, span.id, note))

    def set_document_note(self, note: str) -> Change | None:
        """Write (or clear, with '') the note on the open document."""
        if self.document is None or self.document.note == note:
            return None
        return self.execute(SetDocumentNote(self.document.id, note))

    def set_status(self, status: str) -> Change | None:
        if self.document is None or self.document.status == status:
            return None
        return self.execute(SetStatus(self.document.id, status, self.annotator))

    # ---- the label schema (Document → Schema…) ---------------------------------------------

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def sub_types(self, name: str) -> list[Label]:
        return [label for label in self.labels if label.parent == name]

    def can_edit_schema(self) -> bool:
        """May the analyst change labels and roles? (Anyone on SQLite; a lead on a team database.)"""
        try:
            return self.store.can_edit_schema()
        except sqlite3.Error:
            return False

    def _may_edit_schema(self) -> bool:
        if self.can_edit_schema():
            return True
        self.failed.emit(schema_leads_only())
        return False

    def label_usage(self, name: str) -> tuple[int, int]:
        """(spans, documents) of the label ``name``, every analyst's."""
        return self.store.label_usage(name)

    def add_label(
        self,
        name: str,
        title: str = "",
        color: str = "",
        parent: str = "",
        description: str = "",
        key: int | EllipsisType | None = ...,
    ) -> Change | None:
        """Add a label (a sub-type of ``parent``, when given) as one undo step; without a colour
        it takes one no label has yet."""
        if not self._may_edit_schema():
            return None
        if not color:
            try:
                color = self.store.unused_color()
            except sqlite3.Error:
                color = DEFAULT_LABEL_COLOR
        return self.execute(AddLabel(name, title, color, parent, description, key))

    def update_label(
        self,
        name: str,
        *,
        title: str | None = None,
        color: str | None = None,
        key: int | EllipsisType | None = ...,
        parent: str | None = None,
        description: str | None = None,
    ) -> Change | None:
        """Change a label's title, colour, key (None: none), parent or description, one undo step."""
        if not self._may_edit_schema():
            return None
        return self.execute(UpdateLabel(name, title, color, key, parent, description))

    def rename_label(self, old: str, new: str) -> Change | None:
        if old == new or not self._may_edit_schema():
            return None
        return self.execute(RenameLabel(old, new))

    def move_label(self, name: str, step: int) -> Change | None:
        """Move a label ``step`` places among all labels (the Tag menu and label bar order)."""
        command = MoveLabel(self.label_names(), name, step)
        if command is None or not self._may_edit_schema():
            return None
        return self.execute(command)

    def reorder_labels(self, names: Sequence[str], what: str = "") -> Change | None:
        """Put the labels in this order (every label once), one undo step."""
        if list(names) == self.label_names() or not self._may_edit_schema():
            return None
        return self.execute(ReorderLabels(list(names), what))

    def delete_label(self, name: str) -> Change | None:
        """Delete a label and all its spans (every document, every analyst), one undo step."""
        if not self._may_edit_schema():
            return None
        return self.execute(DeleteLabel(name))

    def set_roles(
        self, roles: Sequence[Role], renamed: dict[str, str] | None = None, what: str = ""
    ) -> Change | None:
        """Replace the roles (renaming the links of those in ``renamed``), one undo step."""
        if not self._may_edit_schema():
            return None
        return self.execute(SetRoles(list(roles), dict(renamed or {}), what))

    def update_role(self, name: str, role: Role) -> Change | None:
        """Replace one role (renaming its links when the name changes), one undo step."""
        if not self._may_edit_schema():
            return None
        return self.execute(UpdateRole(self.roles, name, role))

    # ---- review -------------------------------------------------------------------------

    def _read_review(self) -> bool:
        """Read the open document's rejections and reviewed mark; True when they changed."""
        self._review = self._tally = None  # called whenever the document or its spans were read afresh
        if self.document is None:
            rejected, reviewed = set(), None
        else:
            rejected = self.store.rejected(self.document.id)
            reviewed = self.store.reviewed(self.document.id)
        changed = (rejected, reviewed) != (self.rejected, self.reviewed_by)
        self.rejected, self.reviewed_by = rejected, reviewed
        return changed

    def set_reviewing(self, on: bool) -> None:
        """Enter or leave review mode. An analyst who may not write gold is told so at once."""
        if on == self.reviewing:
            return
        if on:
            try:
                self.gold_writable = self.store.can_write_gold()
            except sqlite3.Error:
                self.gold_writable = False
        self.reviewing = on
        self._tally = None  # kept only while reviewing
        self.reviewModeChanged.emit(on)
        if on and not self.gold_writable:
            self.failed.emit(cannot_write_gold())

    def _may_write(self) -> bool:
        """In review mode, only a reviewer or lead writes (gold); others hear why not."""
        if self.reviewing and not self.gold_writable:
            self.failed.emit(cannot_write_gold())
            return False
        return True

    def review_summary(self) -> review.Summary:
        """The open document's review items, open differences and analysts (worked out once per
        change of its spans or decisions)."""
        if self._review is None:
            self._review = review.summary(self.index, self.rejected)
        return self._review

    def review_tally(self) -> review.Tally:
        """The open document's open differences and analysts, kept up to date at each edit."""
        if self._tally is None:
            self._tally = review.Tally(self.index, self.rejected)
        return self._tally

    def review_items(self) -> list[review.Item]:
        return self.review_summary().items

    def open_differences(self) -> list[review.Item]:
        return self.review_summary().open

    def accept(self, keys: Sequence[review.Key], what: str = "") -> Change | None:
        """Copy items (start, end, label) into gold, with their links, as one step."""
        if self.document is None or not self._may_write():
            return None
        if not keys:
            self.failed.emit(tr("Nothing to accept."))
            return None
        return self.execute(AcceptItems(self.document.id, list(keys), self.annotator, what))

    def reject(self, keys: Sequence[review.Key], what: str = "") -> Change | None:
        if self.document is None or not self._may_write():
            return None
        if not keys:
            self.failed.emit(tr("Nothing to reject."))
            return None
        return self.execute(RejectItems(self.document.id, list(keys), self.annotator, what))

    def accept_agreed(self) -> Change | None:
        """Accept every agreed item gold lacks, as one step."""
        keys = [i.key for i in self.review_items() if i.agreed and not i.accepted]
        if not keys:
            if self.document is not None:
                self.notice.emit(tr("Every agreed item is in gold already."))
            return None
        return self.accept(keys)

    def mark_reviewed(self, on: bool = True) -> Change | None:
        if self.document is None or not self._may_write():
            return None
        if (self.reviewed_by is not None) == on:
            return None
        return self.execute(SetReviewed(self.document.id, on, self.annotator))
