"""Every user edit as a command object with do/undo; each step is one committed transaction.

A command returns a :class:`Change` saying what it touched so each view can refresh
only that. The GUI wraps these in a QUndoCommand adapter; they never import Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import EllipsisType

from .records import GOLD, Label, Relation, RemovedLabel, Role, Span
from .review import Key, gold_links, key_of
from .store import Store
from .text import quote


@dataclass(frozen=True)
class Change:
    """What one do/undo step touched."""

    doc_id: int
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    status_changed: bool = False
    relations_changed: bool = False
    review_changed: bool = False  # review decisions or the reviewed mark (see model.review)
    notes_changed: bool = False  # a span's or the document's note
    #: the label schema (labels or roles) changed; spans of any document may have too (a label
    #: renamed or deleted): ``doc_id`` is then 0 and the views read the open document afresh
    labels_changed: bool = False

    @property
    def touched(self) -> tuple[Span, ...]:
        return self.added + self.removed


class Command:
    """Base class: ``do`` and ``undo`` each commit one transaction and return a Change."""

    text: str = ""

    def do(self, store: Store) -> Change:
        raise NotImplementedError

    def undo(self, store: Store) -> Change:
        raise NotImplementedError


@dataclass
class AddSpan(Command):
    doc_id: int
    start: int
    end: int
    label: str
    annotator: str = ""
    span_text: str = ""
    span: Span | None = field(default=None, init=False)
    _old_status: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = f"tag {self.label} {quote(self.span_text)}"

    def do(self, store: Store) -> Change:
        span_id = self.span.id if self.span else None  # redo keeps the id relations refer to
        self.span, self._old_status = store.add_span(
            self.doc_id, self.start, self.end, self.label, self.annotator, span_id=span_id
        )
        return Change(self.doc_id, added=(self.span,), status_changed=self._old_status == "new")

    def undo(self, store: Store) -> Change:
        assert self.span is not None
        restore = self._old_status if self._old_status == "new" else None
        store.remove_span(self.span.id, restore_status=restore)
        return Change(self.doc_id, removed=(self.span,), status_changed=restore is not None)


@dataclass
class AddSpans(Command):
    """Tag many ranges with one label in one transaction (e.g. every match of a search)."""

    doc_id: int
    ranges: list[tuple[int, int]]
    label: str
    annotator: str = ""
    what: str = ""
    spans: list[Span] = field(default_factory=list, init=False)
    _old_status: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = f"tag {len(self.ranges)} × {self.label} {quote(self.what)}"

    def do(self, store: Store) -> Change:
        earlier = {s.start: s.id for s in self.spans}  # redo keeps ids relations may refer to
        with store.transaction():
            self._old_status = store.document_summary(self.doc_id).status
            self.spans, _ = store.add_spans(
                self.doc_id,
                self.ranges,
                self.label,
                self.annotator,
                span_ids=[earlier.get(start) for start, _ in self.ranges],
            )
        return Change(self.doc_id, added=tuple(self.spans), status_changed=self._old_status == "new")

    def undo(self, store: Store) -> Change:
        restore = self._old_status if self._old_status == "new" else None
        with store.transaction():
            store.remove_spans([span.id for span in self.spans])
            if restore is not None:
                store.set_status(self.doc_id, restore, self.annotator)
        return Change(self.doc_id, removed=tuple(self.spans), status_changed=restore is not None)


@dataclass
class RemoveSpan(Command):
    span_id: int
    label: str = ""
    span_text: str = ""
    _span: Span | None = field(default=None, init=False)
    _relations: list[Relation] = field(default_factory=list, init=False)
    _note: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = f"delete {self.label} {quote(self.span_text)}".replace("  ", " ")

    def do(self, store: Store) -> Change:
        self._note = store.span_note(self.span_id)
        self._span, self._relations = store.remove_span(self.span_id)
        return Change(self._span.doc_id, removed=(self._span,), relations_changed=bool(self._relations))

    def undo(self, store: Store) -> Change:
        assert self._span is not None
        store.restore_span(self._span, self._relations, self._note)
        return Change(self._span.doc_id, added=(self._span,), relations_changed=bool(self._relations))


@dataclass
class UpdateSpan(Command):
    """Relabel or resize a span (one command class; the text says which)."""

    span_id: int
    start: int | None = None
    end: int | None = None
    label: str | None = None
    span_text: str = ""
    _before: Span | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.label is not None and self.start is None and self.end is None:
            self.text = f"relabel {quote(self.span_text)} as {self.label}"
        else:
            self.text = f"resize span to {quote(self.span_text)}"

    def do(self, store: Store) -> Change:
        before, after = store.update_span(self.span_id, start=self.start, end=self.end, label=self.label)
        self._before = before
        return Change(before.doc_id, added=(after,), removed=(before,))

    def undo(self, store: Store) -> Change:
        assert self._before is not None
        b = self._before
        before, after = store.update_span(self.span_id, start=b.start, end=b.end, label=b.label)
        return Change(b.doc_id, added=(after,), removed=(before,))


def RelabelSpan(span_id: int, label: str, span_text: str = "") -> UpdateSpan:
    return UpdateSpan(span_id, label=label, span_text=span_text)


def ResizeSpan(span_id: int, start: int, end: int, span_text: str = "") -> UpdateSpan:
    return UpdateSpan(span_id, start=start, end=end, span_text=span_text)


@dataclass
class LinkArgument(Command):
    event_id: int
    argument_id: int
    role: str
    event_text: str = ""
    argument_text: str = ""
    annotator: str = ""
    _relation: Relation | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"link {quote(self.argument_text)} as {self.role} of {quote(self.event_text)}"

    def do(self, store: Store) -> Change:
        rel_id = self._relation.id if self._relation else None
        self._relation = store.link(
            self.event_id, self.argument_id, self.role, relation_id=rel_id, annotator=self.annotator
        )
        return Change(self._relation.doc_id, relations_changed=True)

    def undo(self, store: Store) -> Change:
        assert self._relation is not None
        store.unlink(self._relation.id)
        return Change(self._relation.doc_id, relations_changed=True)


@dataclass
class UnlinkArgument(Command):
    relation_id: int
    _relation: Relation | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = "unlink argument"

    def do(self, store: Store) -> Change:
        self._relation = store.unlink(self.relation_id)
        return Change(self._relation.doc_id, relations_changed=True)

    def undo(self, store: Store) -> Change:
        assert self._relation is not None
        r = self._relation
        store.link(r.event_id, r.argument_id, r.role, relation_id=r.id, annotator=r.annotator)
        return Change(r.doc_id, relations_changed=True)


@dataclass
class SetStatus(Command):
    doc_id: int
    status: str
    annotator: str = ""
    _old: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = f"mark {self.status.replace('_', ' ')}"

    def do(self, store: Store) -> Change:
        self._old = store.set_status(self.doc_id, self.status, self.annotator)
        return Change(self.doc_id, status_changed=True)

    def undo(self, store: Store) -> Change:
        store.set_status(self.doc_id, self._old, self.annotator)
        return Change(self.doc_id, status_changed=True)


@dataclass
class RelabelSpans(Command):
    """Give many spans, in any documents, one label, as one step (the corpus overview's
    relabel). ``focus``: the document the view shows (the :class:`Change` lists its spans only;
    by default the first span's). ``applied`` says whether the edit is in the database now."""

    span_ids: list[int]
    label: str
    focus: int | None = None
    what: str = ""
    applied: bool = field(default=False, init=False)
    _before: list[Span] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        n = len(self.span_ids)
        self.text = f"relabel {n} span{'' if n == 1 else 's'} {quote(self.what)} as {self.label}".replace(
            " ‘’", ""
        )

    def do(self, store: Store) -> Change:
        before: list[Span] = []
        with store.transaction():
            for span_id in self.span_ids:
                old, _new = store.update_span(span_id, label=self.label)
                before.append(old)
        self._before, self.applied = before, True
        after = tuple(s._replace(label=self.label) for s in before)
        return self._change(after, tuple(before))

    def undo(self, store: Store) -> Change:
        with store.transaction():
            for span in self._before:
                store.update_span(span.id, label=span.label)
        self.applied = False
        after = tuple(s._replace(label=self.label) for s in self._before)
        return self._change(tuple(self._before), after)

    def _change(self, added: tuple[Span, ...], removed: tuple[Span, ...]) -> Change:
        focus = self.focus if self.focus is not None else (added[0].doc_id if added else 0)
        return Change(
            focus,
            added=tuple(s for s in added if s.doc_id == focus),
            removed=tuple(s for s in removed if s.doc_id == focus),
        )

    @property
    def documents(self) -> set[int]:
        """The documents the edit touches."""
        return {s.doc_id for s in self._before}


@dataclass
class RemoveSpans(Command):
    """Delete many spans, in any documents, with their links, as one step; undo puts them back
    with their ids and links. ``focus`` and ``applied`` as for :class:`RelabelSpans`."""

    span_ids: list[int]
    focus: int | None = None
    what: str = ""
    applied: bool = field(default=False, init=False)
    _spans: list[Span] = field(default_factory=list, init=False)
    _relations: list[Relation] = field(default_factory=list, init=False)
    _notes: dict[int, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        n = len(self.span_ids)
        self.text = f"delete {n} span{'' if n == 1 else 's'} {quote(self.what)}".replace(" ‘’", "")

    def do(self, store: Store) -> Change:
        spans: list[Span] = []
        relations: dict[int, Relation] = {}
        with store.transaction():
            notes: dict[int, str] = {}
            for span_id in self.span_ids:
                note = store.span_note(span_id)
                if note:
                    notes[span_id] = note
                span, links = store.remove_span(span_id)
                spans.append(span)
                relations.update((r.id, r) for r in links)
        self._spans, self._relations, self.applied = spans, sorted(relations.values()), True
        self._notes = notes
        return Change(self._focus(), removed=self._in_focus(), relations_changed=bool(relations))

    def undo(self, store: Store) -> Change:
        with store.transaction():
            for span in self._spans:
                store.restore_span(span, note=self._notes.get(span.id, ""))
            for r in self._relations:  # once every span is back: a link may join two of them
                store.link(r.event_id, r.argument_id, r.role, relation_id=r.id, annotator=r.annotator)
        self.applied = False
        return Change(self._focus(), added=self._in_focus(), relations_changed=bool(self._relations))

    def _focus(self) -> int:
        return self.focus if self.focus is not None else (self._spans[0].doc_id if self._spans else 0)

    def _in_focus(self) -> tuple[Span, ...]:
        focus = self._focus()
        return tuple(s for s in self._spans if s.doc_id == focus)

    @property
    def documents(self) -> set[int]:
        return {s.doc_id for s in self._spans}


# ---- review (see model.review) ------------------------------------------------------------


@dataclass
class AcceptItems(Command):
    """Copy analysts' items into the gold layer as one step: a gold span for each (start, end,
    label) gold lacks, and every analyst link whose both ends are now in gold (one end new). An
    item rejected before is no longer rejected. Undo takes the new gold spans (and so their
    links) out and puts the rejections back."""

    doc_id: int
    keys: list[Key]
    reviewer: str = ""
    what: str = ""
    spans: list[Span] = field(default_factory=list, init=False)
    links: int = field(default=0, init=False)
    _unrejected: list[Key] = field(default_factory=list, init=False)
    _old_status: str = field(default="", init=False)

    def __post_init__(self) -> None:
        n = len(self.keys)
        self.text = f"accept {quote(self.what)} into gold" if n == 1 and self.what else (
            f"accept {n} item{'' if n == 1 else 's'} into gold"
        )

    def do(self, store: Store) -> Change:
        earlier = {key_of(s): s.id for s in self.spans}  # redo keeps the ids
        with store.transaction():
            self._old_status = store.document_summary(self.doc_id).status
            spans = store.spans(self.doc_id)
            gold = {key_of(s): s.id for s in spans if s.annotator == GOLD}
            added: list[Span] = []
            for key in dict.fromkeys(self.keys):
                if key in gold:
                    continue
                span, _ = store.add_span(self.doc_id, *key, annotator=GOLD, span_id=earlier.get(key))
                added.append(span)
                gold[key] = span.id
            new_ids = {s.id for s in added}
            links = [
                link for link in gold_links(spans + added, store.relations(self.doc_id), gold)
                if link[0] in new_ids or link[1] in new_ids
            ]
            for event_id, argument_id, role in links:
                store.link(event_id, argument_id, role, annotator=GOLD)
            self._unrejected = store.unreject(self.doc_id, self.keys)
        self.spans, self.links = added, len(links)
        return Change(
            self.doc_id,
            added=tuple(added),
            status_changed=self._old_status == "new" and bool(added),
            relations_changed=bool(links),
            review_changed=True,
        )

    def undo(self, store: Store) -> Change:
        restore = self._old_status == "new" and bool(self.spans)
        with store.transaction():
            store.remove_spans([s.id for s in self.spans])
            store.reject(self.doc_id, self._unrejected, self.reviewer)
            if restore:
                store.set_status(self.doc_id, "new", self.reviewer)
        return Change(
            self.doc_id,
            removed=tuple(self.spans),
            status_changed=restore,
            relations_changed=bool(self.links),
            review_changed=True,
        )


@dataclass
class RejectItems(Command):
    """Record that the reviewer decided against items (they stay out of gold and are no longer
    open differences)."""

    doc_id: int
    keys: list[Key]
    reviewer: str = ""
    what: str = ""
    _fresh: list[Key] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        n = len(self.keys)
        self.text = f"reject {quote(self.what)}" if n == 1 and self.what else (
            f"reject {n} item{'' if n == 1 else 's'}"
        )

    def do(self, store: Store) -> Change:
        self._fresh = store.reject(self.doc_id, self.keys, self.reviewer)
        return Change(self.doc_id, review_changed=True)

    def undo(self, store: Store) -> Change:
        store.unreject(self.doc_id, self._fresh)
        return Change(self.doc_id, review_changed=True)


@dataclass
class SetReviewed(Command):
    """Mark a document reviewed, or not."""

    doc_id: int
    reviewed: bool = True
    reviewer: str = ""
    _was: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.text = "mark reviewed" if self.reviewed else "mark not reviewed"

    def do(self, store: Store) -> Change:
        self._was = store.set_reviewed(self.doc_id, self.reviewed, self.reviewer)
        return Change(self.doc_id, review_changed=True)

    def undo(self, store: Store) -> Change:
        store.set_reviewed(self.doc_id, self._was, self.reviewer)
        return Change(self.doc_id, review_changed=True)


@dataclass
class SetSpanNote(Command):
    """Write (or clear, with '') the free-text note on a span; undo puts the old note back."""

    doc_id: int
    span_id: int
    note: str
    _old: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = "clear span note" if not self.note else "note on span"

    def do(self, store: Store) -> Change:
        self._old = store.set_span_note(self.span_id, self.note)
        return Change(self.doc_id, notes_changed=True)

    def undo(self, store: Store) -> Change:
        store.set_span_note(self.span_id, self._old)
        return Change(self.doc_id, notes_changed=True)


@dataclass
class SetDocumentNote(Command):
    """Write (or clear, with '') the free-text note on a document; undo puts the old note back."""

    doc_id: int
    note: str
    _old: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = "clear document note" if not self.note else "note on document"

    def do(self, store: Store) -> Change:
        self._old = store.set_document_note(self.doc_id, self.note)
        return Change(self.doc_id, notes_changed=True)

    def undo(self, store: Store) -> Change:
        store.set_document_note(self.doc_id, self._old)
        return Change(self.doc_id, notes_changed=True)


# ---- the label schema (Document → Schema…) --------------------------------------------------

SCHEMA_CHANGE = Change(0, labels_changed=True)


@dataclass
class AddLabel(Command):
    """Add a label (or, with ``parent``, a sub-type of one). ``key``: its digit, None for none,
    left out for the lowest digit free. Undo deletes it again, unless spans have been tagged with
    it since (by another window, analyst or import): those are never taken by an undo."""

    name: str
    title: str = ""
    color: str = "#9467bd"
    parent: str = ""
    description: str = ""
    key: int | EllipsisType | None = ...
    label: Label | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"add sub-type {self.name} of {self.parent}" if self.parent else f"add label {self.name}"

    def do(self, store: Store) -> Change:
        if self.label is not None:  # redo: the same label in the same place
            label = self.label
            self.label = store.add_label(
                label.name, label.title, label.color, key=label.key, parent=label.parent,
                description=label.description, position=label.position, strict=True,
            )
        else:
            self.label = store.add_label(
                self.name, self.title, self.color, key=self.key, parent=self.parent,
                description=self.description, strict=True,
            )
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        store.delete_label(self.name, unused_only=True)
        return SCHEMA_CHANGE


@dataclass
class UpdateLabel(Command):
    """Change a label's title, colour, key, parent or description (those given; ``key=None``
    takes its key away). Undo puts back what it was."""

    name: str
    title: str | None = None
    color: str | None = None
    key: int | EllipsisType | None = ...
    parent: str | None = None
    description: str | None = None
    _before: Label | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        given = [
            what for what, value in (
                ("title", self.title), ("colour", self.color), ("parent", self.parent),
                ("description", self.description),
            ) if value is not None
        ]
        if self.key is not ...:
            given.insert(0, "key")
        self.text = f"change {' and '.join(given) or 'nothing'} of {self.name}"

    def do(self, store: Store) -> Change:
        self._before, _after = store.update_label(
            self.name, title=self.title, color=self.color, key=self.key, parent=self.parent,
            description=self.description,
        )
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        b = self._before
        assert b is not None
        store.update_label(
            self.name, title=b.title, color=b.color, key=b.key, parent=b.parent, description=b.description
        )
        return SCHEMA_CHANGE


@dataclass
class RenameLabel(Command):
    """Rename a label; its spans, sub-types, review decisions and roles follow."""

    old: str
    new: str

    def __post_init__(self) -> None:
        self.text = f"rename label {self.old} to {self.new}"

    def do(self, store: Store) -> Change:
        store.rename_label(self.old, self.new)
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        store.rename_label(self.new, self.old)
        return SCHEMA_CHANGE


@dataclass
class ReorderLabels(Command):
    """Put the labels in a new order (every label named once)."""

    names: list[str]
    what: str = ""
    _before: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.text = f"move label {self.what}" if self.what else "reorder labels"

    def do(self, store: Store) -> Change:
        self._before = store.reorder_labels(self.names)
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        store.reorder_labels(self._before)
        return SCHEMA_CHANGE


def MoveLabel(labels: Sequence[str], name: str, step: int) -> ReorderLabels | None:
    """Move ``name`` ``step`` places in ``labels`` (the current order); None when it cannot go."""
    order = list(labels)
    at = order.index(name)
    to = at + step
    if not 0 <= to < len(order):
        return None
    order.insert(to, order.pop(at))
    return ReorderLabels(order, what=f"{name} {'up' if step < 0 else 'down'}")


@dataclass
class DeleteLabel(Command):
    """Delete a label with every span of it (all analysts'), their links, notes and review
    decisions; undo puts all of it back with the same ids."""

    name: str
    removed: RemovedLabel | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"delete label {self.name}"

    def do(self, store: Store) -> Change:
        self.removed = store.delete_label(self.name)
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        assert self.removed is not None
        store.restore_label(self.removed)
        return SCHEMA_CHANGE


@dataclass
class SetRoles(Command):
    """Replace the roles (name, key, labels, description; their order is their position).
    ``renamed``: old role name → new; the links in it follow, and back on undo."""

    roles: list[Role]
    renamed: dict[str, str] = field(default_factory=dict)
    what: str = ""
    _before: list[Role] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.text = self.what or "change roles"

    def do(self, store: Store) -> Change:
        self._before = store.set_roles(self.roles, self.renamed)
        return SCHEMA_CHANGE

    def undo(self, store: Store) -> Change:
        store.set_roles(self._before, {new: old for old, new in self.renamed.items()})
        return SCHEMA_CHANGE


def UpdateRole(roles: Sequence[Role], name: str, role: Role) -> SetRoles:
    """Replace the role ``name`` of ``roles`` (the current ones) by ``role`` (renaming it when
    its name differs), as one :class:`SetRoles`."""
    new = [role if r.name == name else r for r in roles]
    renamed = {name: role.name} if role.name != name else {}
    what = f"rename role {name} to {role.name}" if renamed else f"change role {name}"
    return SetRoles(new, renamed, what)
