"""Plain records passed between storage, commands, formats and views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: progress(done, total); returning False cancels (an import rolls back, an export leaves no file).
Progress = Callable[[int, int], "bool | None"]

STATUSES = ("new", "in_progress", "done", "skipped")


@dataclass(frozen=True)
class Role:
    """A role an argument fills in an event: its key (pressed with the caret on an event or an
    argument to link in this role) and the labels an argument in it may have (empty: any)."""

    name: str
    key: str = ""
    labels: tuple[str, ...] = ()
    description: str = ""
    position: int = 0


#: the roles of a new database: an event's source and target are actors, its place a place
DEFAULT_ROLE_SPECS: tuple[Role, ...] = (
    Role("source", "S", ("ACTOR",), "Who did it", 0),
    Role("target", "T", ("ACTOR",), "To whom it was done", 1),
    Role("place", "P", ("PLACE",), "Where it happened", 2),
)
DEFAULT_ROLES = tuple(role.name for role in DEFAULT_ROLE_SPECS)
#: the labels each default role may point to; checked when an analyst links, not on import,
#: where other tools' schemas come in with their own roles
ROLE_LABELS: dict[str, tuple[str, ...]] = {role.name: role.labels for role in DEFAULT_ROLE_SPECS}


def role_fits(role: str, label: str) -> bool:
    """May an argument with ``label`` fill ``role`` (any label, for a role with no rule)?"""
    allowed = ROLE_LABELS.get(role)
    return not allowed or label in allowed


#: The label of event spans: the one an argument (ACTOR, PLACE, ...) links to in a role.
EVENT_LABEL = "EVENT"


@dataclass(frozen=True)
class Label:
    """A label of the schema. ``parent`` names the label a sub-type belongs to (ACTOR for a
    person); ``key`` is its digit 1-9 (None: no key); ``description`` its guideline."""

    name: str
    title: str
    color: str
    position: int
    key: int | None = None
    parent: str = ""
    description: str = ""


@dataclass(frozen=True)
class RemovedLabel:
    """What deleting a label took out of the database, so that putting it back restores it
    exactly: the label, its spans (ids, annotators, notes and times kept), the links to or from
    them, the review decisions on it, and the roles as they were (the label left their lists)."""

    label: Label
    spans: tuple[Span, ...] = ()
    span_notes: tuple[tuple[int, str], ...] = ()  # (span id, note) of the spans that had one
    span_created: tuple[tuple[int, str], ...] = ()  # (span id, when it was made)
    relations: tuple[Relation, ...] = ()
    relation_created: tuple[tuple[int, str], ...] = ()  # (relation id, when it was made)
    decisions: tuple[tuple[Any, ...], ...] = ()  # review_decisions rows, every column
    roles: tuple[Role, ...] = ()  # every role before the deletion

    @property
    def documents(self) -> set[int]:
        return {span.doc_id for span in self.spans}


@dataclass(frozen=True)
class SchemaMerge:
    """What :meth:`model.store.Store.apply_schema` changed: label and role names, in order."""

    labels_added: tuple[str, ...] = ()
    labels_updated: tuple[str, ...] = ()
    roles_added: tuple[str, ...] = ()
    roles_updated: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.labels_added or self.labels_updated or self.roles_added or self.roles_updated)


class Span(NamedTuple):
    """A tagged range of a document: code points [start, end) of its stored text."""

    id: int
    doc_id: int
    start: int
    end: int
    label: str
    annotator: str = ""


class Relation(NamedTuple):
    """An EVENT span linked to an argument span (ACTOR or PLACE) in a role."""

    id: int
    doc_id: int
    event_id: int
    argument_id: int
    role: str
    annotator: str = ""  # the analyst who linked them ("" when not recorded)


class HistoryEvent(NamedTuple):
    """One dated edit of a document, as :meth:`model.store.Store.history` lists them: a span
    or link added (still stored) or a status set, by whom and when (ISO 8601, UTC; "" when the
    database did not record it, as for links made before schema version 7)."""

    at: str
    annotator: str
    kind: str  # "span", "link" or "status"
    subject_id: int  # the span's or link's id, or the document's for a status
    detail: str  # the span's label and range, the link's role, or the new status


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    ext_id: str
    title: str
    status: str
    span_count: int
    reviewed: bool = False  # marked reviewed (see model.review)


@dataclass
class Document:
    id: int
    ext_id: str
    title: str
    text: str
    status: str = "new"
    meta: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    note: str = ""  # the analyst's free-text note on the document


#: the annotator of the gold layer: what reviewers settle from the analysts' spans
GOLD = "gold"
#: ``layer`` values of an export besides an analyst's name (see :func:`model.exporting.export_documents`)
ALL_LAYERS = "all"
