"""SQLite storage: every public write is one committed transaction before it returns."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import EllipsisType
from typing import Any

from .arabic import fold_and_drop
from .errors import DatabaseBusyError, EditError, HashiyaError, SchemaError, StoreError, store_error
from .pg import PgConnection, is_url, shown
from .records import (
    EVENT_LABEL,
    STATUSES,
    Document,
    DocumentSummary,
    HistoryEvent,
    Label,
    Relation,
    RemovedLabel,
    Role,
    SchemaMerge,
    Span,
)
from .schema import migrate
from .text import QT_TR_NOOP, UNSTORABLE, plural, quote


def summary_of(row: Sequence[Any]) -> DocumentSummary:
    """A document list row from :data:`SUMMARY_SELECT`."""
    return DocumentSummary(row[0], row[1], row[2], row[3], row[4], reviewed=bool(row[5]))


def content_hash(text: str) -> str:
    """Identity of an article's text, used to skip re-imports."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_from_text(text: str, limit: int = 120) -> str:
    """First non-empty line, shortened, as a default title."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


BUSY_TIMEOUT_MS = 5000  # the command line waits this long for another program's write

#: One- and two-letter searches scan this many folded copies before asking the trigram index; a
#: search within a status of at most :data:`SCAN_STATUS` documents scans that status's copies.
SCAN_WINDOW = 4000
SCAN_STATUS = 5000


#: A document's list row: id, ext id, title, status and span count, over documents ``d``.
SUMMARY_SELECT = (
    "SELECT d.id, d.ext_id, d.title, d.status, (SELECT count(*) FROM spans s WHERE s.doc_id = d.id), "
    "(SELECT count(*) FROM reviews r WHERE r.doc_id = d.id)"
)


#: A filter's "status" that lists an analyst's queue instead: ``QUEUE + name`` (see :func:`queue_of`).
QUEUE = "queue:"


def queue_of(analyst: str) -> str:
    """The filter listing the documents assigned to ``analyst`` and still open (new or in progress)."""
    return QUEUE + analyst


def is_queue(status: str | None) -> bool:
    return status is not None and status.startswith(QUEUE)


def listed_with(status: str | None, document_status: str | None) -> bool:
    """Can a document of ``document_status`` be listed with the filter ``status`` (its other
    conditions aside)? An unknown status (None) cannot."""
    if document_status is None:
        return False
    if is_queue(status):
        return document_status in ("new", "in_progress")
    return status is None or status == document_status


#: a LIMIT that keeps every row (SQLite reads a negative one so, PostgreSQL refuses it)
ALL_ROWS = 2**62


def _phrase(needle: str) -> str:
    """An FTS5 query matching ``needle`` as one phrase (a substring, with the trigram index)."""
    return '"' + needle.replace('"', '""') + '"'


def _like_literal(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (for ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching texts that start with ``prefix``."""
    return _like_literal(prefix) + "%"


def _like_pattern(needle: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching texts that contain ``needle``."""
    return f"%{_like_literal(needle)}%"


def _check_note(note: str) -> None:
    if not isinstance(note, str):
        raise EditError(QT_TR_NOOP("a note is text"))
    found = UNSTORABLE.search(note)  # what the importers refuse too
    if found is not None:
        char = found.group()
        code, position = f"{ord(char):04X}", found.start() + 1
        if "\ud800" <= char <= "\udfff":
            raise EditError(
                QT_TR_NOOP("the note holds a lone UTF-16 surrogate (U+{code}) at character {position}"),
                code=code, position=position,
            )
        raise EditError(
            QT_TR_NOOP("the note holds a control character (U+{code}) at character {position}"),
            code=code, position=position,
        )


#: the colour of a label added without one, and those given in turn to labels read without one
DEFAULT_LABEL_COLOR = "#9467bd"
_PALETTE = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e", "#7f7f7f", "#393b79")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_ROLE_KEY = re.compile(r"[A-Za-z]")
MAX_NAME = 64


def check_label_name(name: str, strict: bool = False) -> None:
    """A label needs a name. ``strict`` (a name typed in the schema editor, or a new name): it is
    also printable, without spaces and at most :data:`MAX_NAME` characters, since it becomes a
    brat type, a CoNLL tag, an XML attribute and a column header, none of which holds a space.
    Names read from other tools' files and databases are checked by their readers (printable)
    and keep their spaces, as imports always allowed; exports cope with what old databases hold."""
    if not isinstance(name, str) or not name.strip():
        raise EditError(QT_TR_NOOP("a label needs a name"))
    if not strict:
        return
    if not name.isprintable():
        bad = next(c for c in name if not c.isprintable())
        raise EditError(
            QT_TR_NOOP("label name {name} holds a non-printable character (U+{code})"),
            name=repr(name), code=f"{ord(bad):04X}",
        )
    if name != name.strip():
        raise EditError(QT_TR_NOOP("label name {name} starts or ends with a space"), name=repr(name))
    if strict and any(c.isspace() for c in name):
        better = name.replace(" ", "_")
        raise EditError(
            QT_TR_NOOP("label {name} holds a space; brat types and CoNLL tags cannot: try {better}"),
            name=repr(name), better=repr(better),
        )
    if len(name) > MAX_NAME:
        raise EditError(QT_TR_NOOP("a label name has at most {limit} characters"), limit=MAX_NAME)


def check_label_color(color: str) -> None:
    if not isinstance(color, str) or not _COLOR.fullmatch(color):
        raise EditError(
            QT_TR_NOOP("a label's colour is written {pattern}, not {color}"),
            pattern="#rrggbb",
            color=repr(color),
        )


def check_role(role: Role) -> None:
    """A role's name is printable, without spaces (it is stored on every link and exported); its
    key a single letter or none."""
    name = role.name
    if not isinstance(name, str) or not name.strip():
        raise EditError(QT_TR_NOOP("a role needs a name"))
    if not name.isprintable() or any(c.isspace() for c in name):
        raise EditError(QT_TR_NOOP("role name {name} must be printable and hold no spaces"), name=repr(name))
    if len(name) > MAX_NAME:
        raise EditError(QT_TR_NOOP("a role name has at most {limit} characters"), limit=MAX_NAME)
    if role.key and not _ROLE_KEY.fullmatch(role.key):
        raise EditError(QT_TR_NOOP("a role's key is one letter A–Z, not {key}"), key=repr(role.key))
    _check_text(role.description, "the description")


#: what :func:`_check_text` says of a field: (not text, holds an unstorable character), whole
#: sentences so that a translation need not put an English field name into its own words
_TEXT_MESSAGES = {
    "the title": (
        QT_TR_NOOP("the title is text"),
        QT_TR_NOOP("the title holds a control character or lone surrogate (U+{code})"),
    ),
    "the description": (
        QT_TR_NOOP("the description is text"),
        QT_TR_NOOP("the description holds a control character or lone surrogate (U+{code})"),
    ),
}


def _check_text(text: str, what: str) -> None:
    not_text, unstorable = _TEXT_MESSAGES.get(
        what, ("{what} is text", "{what} holds a control character or lone surrogate (U+{code})")
    )
    if not isinstance(text, str):
        raise EditError(not_text, what=what)
    found = UNSTORABLE.search(text)
    if found is not None:
        raise EditError(unstorable, what=what, code=f"{ord(found.group()):04X}")


def _label_of(row: Sequence[Any]) -> Label:
    return Label(str(row[0]), str(row[1]), str(row[2]), int(row[3]), None if row[4] is None else int(row[4]),
                 str(row[5]), str(row[6]))


class Store:
    """A Hashiya database. Opened on a path (or ``":memory:"``), migrated on open; given a
    ``postgresql://`` URL, a team database (:class:`PgStore`), the same store on PostgreSQL."""

    #: the SQL the connection speaks underneath (PostgreSQL's is translated, see :mod:`model.pg`)
    dialect = "sqlite"

    def __new__(cls, path: str | Path, busy_timeout_ms: int | None = None) -> Store:
        if cls is Store and is_url(path):
            return super().__new__(PgStore)
        return super().__new__(cls)

    def __init__(self, path: str | Path, busy_timeout_ms: int | None = None) -> None:
        """Open (creating) the database. ``busy_timeout_ms``: how long a write waits for another
        program's lock before :class:`DatabaseBusyError` (default :data:`BUSY_TIMEOUT_MS`); the window
        waits briefly and retries by itself."""
        if busy_timeout_ms is None:
            busy_timeout_ms = BUSY_TIMEOUT_MS
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise SchemaError(f"{self.path}: cannot open the database ({exc})") from exc
        self.conn = conn
        self._trigrams: bool | None = None  # has_trigram_index, asked once
        self._terms: dict[str, list[str]] | None = None  # _terms_starting, by prefix
        self._terms_version: object = None  # of the index those terms were read from
        try:
            migrate(conn, self.path)  # refuses foreign files before anything is written to them
            if self.path != ":memory:" and self._journal_mode() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            conn.close()
            raise self._open_error(exc) from exc
        except SchemaError:
            conn.close()
            raise

    def _journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def _open_error(self, exc: sqlite3.Error) -> HashiyaError:
        """Why the database could not be opened: busy, damaged, read-only, or not ours."""
        error = store_error(self.path, exc)
        low = str(exc).lower()
        if isinstance(error, DatabaseBusyError) or "malformed" in low or "readonly" in low or "full" in low:
            return error
        return SchemaError(f"{self.path}: not a Hashiya database ({exc})")

    def data_version(self) -> int:
        """Changes whenever another connection commits to this database (not on our own writes)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; committed on exit, rolled back on any exception."""
        conn = self.conn
        if conn.in_transaction:  # nested use joins the outer transaction
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may have rolled back already (a full disk does): then ROLLBACK would fail
            # with "no transaction is active" and hide the real cause.
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
                raise store_error(self.path, exc) from exc
            raise

    # ---- labels and roles (the schema; see model.records.Label and Role) ----------------------

    _LABEL_COLUMNS = 'name, title, color, position, "key", parent, description'

    def labels(self) -> list[Label]:
        rows = self.conn.execute(f"SELECT {self._LABEL_COLUMNS} FROM labels ORDER BY position, name")
        return [_label_of(row) for row in rows]

    def label_names(self) -> list[str]:
        return [label.name for label in self.labels()]

    def label(self, name: str) -> Label:
        sql = f"SELECT {self._LABEL_COLUMNS} FROM labels WHERE name = ?"
        row = self.conn.execute(sql, (name,)).fetchone()
        if row is None:
            raise EditError(QT_TR_NOOP("no label {name}"), name=name)
        return _label_of(row)

    def roles(self) -> list[Role]:
        rows = self.conn.execute(
            'SELECT name, "key", labels, description, position FROM roles ORDER BY position, name'
        )
        return [Role(n, k, tuple(json.loads(ls)), d, p) for n, k, ls, d, p in rows]

    def can_edit_schema(self) -> bool:
        """May this connection change labels and roles? (Always, on SQLite; a lead's, on a team.)"""
        return True

    def label_usage(self, name: str) -> tuple[int, int]:
        """(spans, documents) tagged with the label ``name`` (every analyst's and gold's)."""
        row = self.conn.execute(
            "SELECT count(*), count(DISTINCT doc_id) FROM spans WHERE label = ?", (name,)
        ).fetchone()
        return int(row[0]), int(row[1])

    def role_usage(self, name: str) -> int:
        """How many links (every analyst's) are in the role ``name``."""
        return int(self.conn.execute("SELECT count(*) FROM relations WHERE role = ?", (name,)).fetchone()[0])

    def unused_color(self) -> str:
        """A colour for a new label: the first of a small palette no label has yet."""
        used = {row[0].lower() for row in self.conn.execute("SELECT color FROM labels")}
        fresh = [color for color in _PALETTE if color not in used]
        return fresh[0] if fresh else _PALETTE[len(used) % len(_PALETTE)]

    def _free_key(self) -> int | None:
        taken = {row[0] for row in self.conn.execute('SELECT "key" FROM labels WHERE "key" IS NOT NULL')}
        return next((k for k in range(1, 10) if k not in taken), None)

    def _check_key(self, key: int | None, name: str) -> None:
        if key is None:
            return
        if type(key) is not int or not 1 <= key <= 9:
            raise EditError(QT_TR_NOOP("a label's key is a digit from 1 to 9, not {key}"), key=repr(key))
        sql = 'SELECT name FROM labels WHERE "key" = ? AND name <> ?'
        row = self.conn.execute(sql, (key, name)).fetchone()
        if row is not None:
            raise EditError(QT_TR_NOOP("key {key} is already {name}'s"), key=key, name=row[0])

    def _check_parent(self, parent: str, name: str) -> None:
        """A sub-type's parent is a label that is not itself a sub-type, nor EVENT (links start at
        EVENT spans only), nor the label itself; and a label with sub-types cannot become one."""
        if not parent:
            return
        if parent == name:
            raise EditError(QT_TR_NOOP("{name} cannot be a sub-type of itself"), name=name)
        if parent == EVENT_LABEL:
            raise EditError(
                QT_TR_NOOP("{event} has no sub-types: links start at {event} spans only"), event=EVENT_LABEL
            )
        if name == EVENT_LABEL:
            raise EditError(
                QT_TR_NOOP("{event} cannot be a sub-type: events are linked from {event} spans"),
                event=EVENT_LABEL,
            )
        row = self.conn.execute("SELECT parent FROM labels WHERE name = ?", (parent,)).fetchone()
        if row is None:
            raise EditError(
                QT_TR_NOOP("no label {parent} to be the parent of {name}"), parent=parent, name=name
            )
        if row[0]:
            raise EditError(
                QT_TR_NOOP("{parent} is itself a sub-type (of {grandparent}); sub-types have no sub-types"),
                parent=parent, grandparent=row[0],
            )
        children = self._sub_types(name)
        if children:
            raise EditError(
                QT_TR_NOOP("{name} has sub-types ({children}), so it cannot be one itself"),
                name=name, children=", ".join(children),
            )

    def _sub_types(self, name: str) -> list[str]:
        rows = self.conn.execute("SELECT name FROM labels WHERE parent = ? ORDER BY position, name", (name,))
        return [row[0] for row in rows]

    def add_label(
        self,
        name: str,
        title: str = "",
        color: str = DEFAULT_LABEL_COLOR,
        *,
        key: int | EllipsisType | None = ...,
        parent: str = "",
        description: str = "",
        position: int | None = None,
        strict: bool = False,
    ) -> Label:
        """Add a label at the end (or at ``position``). ``key``: its digit (None: none; left out:
        the lowest digit free). ``strict``: a name typed in the schema editor, which may not hold
        spaces either (see :func:`check_label_name`); names read from files and other databases
        need only be printable."""
        check_label_name(name, strict)
        check_label_color(color)
        _check_text(title, "the title")
        _check_text(description, "the description")
        with self.transaction() as conn:
            if self._label_exists(name):
                raise EditError(QT_TR_NOOP("there is a label {name} already"), name=name)
            if key is ...:
                key = self._free_key()
            self._check_key(key, name)
            self._check_parent(parent, name)
            if position is None:
                position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0]
            conn.execute(
                f"INSERT INTO labels ({self._LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, title, color, position, key, parent, description),
            )
        return Label(name, title, color, int(position), key, parent, description)

    def update_label(
        self,
        name: str,
        *,
        title: str | None = None,
        color: str | None = None,
        key: int | EllipsisType | None = ...,
        parent: str | None = None,
        description: str | None = None,
    ) -> tuple[Label, Label]:
        """Change a label's title, colour, key (None: no key), parent ('' : none) or description
        (those given); returns (before, after)."""
        with self.transaction() as conn:
            before = self.label(name)
            after = replace(
                before,
                title=before.title if title is None else title,
                color=before.color if color is None else color,
                key=before.key if key is ... else key,
                parent=before.parent if parent is None else parent,
                description=before.description if description is None else description,
            )
            if after == before:
                return before, after
            check_label_color(after.color)
            _check_text(after.title, "the title")
            _check_text(after.description, "the description")
            self._check_key(after.key, name)
            if after.parent != before.parent:
                self._check_parent(after.parent, name)
            conn.execute(
                'UPDATE labels SET title = ?, color = ?, "key" = ?, parent = ?, description = ? '
                "WHERE name = ?",
                (after.title, after.color, after.key, after.parent, after.description, name),
            )
        return before, after

    def rename_label(self, old: str, new: str) -> Label:
        """Rename a label: every span (the foreign key cascades), review decision, sub-type and
        role list naming it follows. EVENT keeps its name (the links start at it)."""
        check_label_name(new, strict=True)
        if old == EVENT_LABEL:
            raise EditError(
                QT_TR_NOOP("{event} cannot be renamed: events are linked from {event} spans"),
                event=EVENT_LABEL,
            )
        if new == EVENT_LABEL:
            raise EditError(
                QT_TR_NOOP("{event} is the label of events; choose another name"), event=EVENT_LABEL
            )
        with self.transaction() as conn:
            label = self.label(old)
            if old == new:
                return label
            if self._label_exists(new):
                raise EditError(QT_TR_NOOP("there is a label {name} already"), name=new)
            conn.execute("UPDATE labels SET name = ? WHERE name = ?", (new, old))  # spans: ON UPDATE CASCADE
            conn.execute("UPDATE labels SET parent = ? WHERE parent = ?", (new, old))
            conn.execute("UPDATE review_decisions SET label = ? WHERE label = ?", (new, old))
            for role in self.roles():
                if old in role.labels:
                    labels = [new if item == old else item for item in role.labels]
                    self._set_role_labels(role.name, labels)
        return replace(label, name=new)

    def reorder_labels(self, names: Sequence[str]) -> list[str]:
        """Put the labels in this order (every label, once); returns the order before."""
        with self.transaction() as conn:
            before = self.label_names()
            if sorted(names) != sorted(before):
                raise EditError(QT_TR_NOOP("a new order must name every label once"))
            rows = [(i, n) for i, n in enumerate(names)]
            conn.executemany("UPDATE labels SET position = ? WHERE name = ?", rows)
        return before

    def delete_label(self, name: str, unused_only: bool = False) -> RemovedLabel:
        """Delete a label with its spans (every analyst's), their links and notes, and the review
        decisions on it; it leaves the roles' lists. Returns all of it for :meth:`restore_label`.
        EVENT stays (the links start at it); a label with sub-types goes only once they have.
        ``unused_only``: refuse when the label has spans (an undo of adding it, when another
        window or analyst has tagged with it since, must not take their spans)."""
        if name == EVENT_LABEL:
            raise EditError(
                QT_TR_NOOP("{event} cannot be deleted: events are linked from {event} spans"),
                event=EVENT_LABEL,
            )
        with self.transaction() as conn:
            label = self.label(name)
            children = self._sub_types(name)
            if children:
                raise EditError(
                    QT_TR_NOOP("{name} has sub-types ({children}): delete them or move them first"),
                    name=name, children=", ".join(children),
                )
            rows = conn.execute(
                'SELECT id, doc_id, start, "end", label, annotator, note, created FROM spans '
                "WHERE label = ? ORDER BY id",
                (name,),
            ).fetchall()
            spans = tuple(Span(*row[:6]) for row in rows)
            if unused_only and spans:
                documents = len({span.doc_id for span in spans})
                raise EditError(
                    QT_TR_NOOP("{name} has {spans} in {documents} now; it stays (Document → Schema… deletes it with them)"),  # noqa: E501
                    name=name, spans=plural(len(spans), "span"), documents=plural(documents, "document"),
                )
            ids = [span.id for span in spans]
            relations: dict[int, tuple[Relation, str]] = {}
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    "SELECT id, doc_id, event_id, argument_id, role, annotator, created FROM relations "
                    f"WHERE event_id IN ({marks}) OR argument_id IN ({marks})",
                    chunk + chunk,
                ):
                    relations[row[0]] = (Relation(*row[:6]), str(row[6]))
            decisions = tuple(
                tuple(row)
                for row in conn.execute(
                    'SELECT doc_id, start, "end", label, decision, reviewer, at FROM review_decisions '
                    "WHERE label = ?",
                    (name,),
                )
            )
            roles = tuple(self.roles())
            removed = RemovedLabel(
                label,
                spans,
                tuple((int(row[0]), str(row[6])) for row in rows if row[6]),
                tuple((int(row[0]), str(row[7])) for row in rows),
                tuple(relation for relation, _ in sorted(relations.values())),
                tuple((rid, created) for rid, (_, created) in sorted(relations.items())),
                decisions,
                roles,
            )
            conn.execute("DELETE FROM review_decisions WHERE label = ?", (name,))
            deleted = conn.execute("DELETE FROM spans WHERE label = ?", (name,)).rowcount
            if deleted != len(spans):  # a team database's policies kept some: undo would not hold
                raise EditError(QT_TR_NOOP("only a lead may delete other analysts' {name} spans"), name=name)
            conn.execute("DELETE FROM labels WHERE name = ?", (name,))
            for role in roles:
                if name in role.labels:
                    self._set_role_labels(role.name, [item for item in role.labels if item != name])
        return removed

    def restore_label(self, removed: RemovedLabel) -> None:
        """Put back what :meth:`delete_label` took out, with the same ids."""
        label = removed.label
        with self.transaction() as conn:
            if self._label_exists(label.name):
                raise EditError(QT_TR_NOOP("there is a label {name} already"), name=label.name)
            key = label.key
            if key is not None and conn.execute('SELECT 1 FROM labels WHERE "key" = ?', (key,)).fetchone():
                key = None  # taken meanwhile: the label comes back without one
            conn.execute(
                f"INSERT INTO labels ({self._LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (label.name, label.title, label.color, label.position, key, label.parent, label.description),
            )
            notes, created = dict(removed.span_notes), dict(removed.span_created)
            conn.executemany(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator, note, created) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(*span, notes.get(span.id, ""), created.get(span.id, "")) for span in removed.spans],
            )
            when = dict(removed.relation_created)
            conn.executemany(
                "INSERT INTO relations (id, doc_id, event_id, argument_id, role, annotator, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*r, when.get(r.id, "")) for r in removed.relations],
            )
            conn.executemany(
                'INSERT INTO review_decisions (doc_id, start, "end", label, decision, reviewer, at) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                list(removed.decisions),
            )
            if removed.roles:
                self._write_roles(removed.roles)

    def set_roles(self, roles: Sequence[Role], renamed: Mapping[str, str] | None = None) -> list[Role]:
        """Replace the roles with ``roles`` (their order is their position). ``renamed`` maps an
        old role name to its new one: the links in it follow. Returns the roles before."""
        renamed = dict(renamed or {})
        names = [role.name for role in roles]
        for role in roles:
            check_role(role)
        if len(set(names)) != len(names):
            raise EditError(QT_TR_NOOP("two roles cannot have the same name"))
        keys = [role.key.upper() for role in roles if role.key]
        if len(set(keys)) != len(keys):
            twice = next(k for k in keys if keys.count(k) > 1)
            raise EditError(QT_TR_NOOP("two roles cannot have the same key ({key})"), key=twice)
        with self.transaction() as conn:
            before = self.roles()
            known = set(self.label_names())
            for role in roles:
                unknown = [label for label in role.labels if label not in known]
                if unknown:
                    raise EditError(
                        QT_TR_NOOP("role {role} names no label {label}"), role=role.name, label=unknown[0]
                    )
            for old, new in renamed.items():
                if old != new:
                    conn.execute("UPDATE relations SET role = ? WHERE role = ?", (new, old))
            self._write_roles(roles)
        return before

    def _set_role_labels(self, role: str, labels: Sequence[str]) -> None:
        self.conn.execute(
            "UPDATE roles SET labels = ? WHERE name = ?", (json.dumps(list(labels), ensure_ascii=False), role)
        )

    def _write_roles(self, roles: Sequence[Role]) -> None:
        self.conn.execute("DELETE FROM roles")
        self.conn.executemany(
            'INSERT INTO roles (name, "key", labels, description, position) VALUES (?, ?, ?, ?, ?)',
            [
                (r.name, r.key.upper(), json.dumps(list(r.labels), ensure_ascii=False), r.description, i)
                for i, r in enumerate(roles)
            ],
        )

    def apply_schema(self, labels: Sequence[Label], roles: Sequence[Role]) -> SchemaMerge:
        """Merge a schema read from another tool (brat's annotation.conf, a Label Studio config):
        labels missing here are added (in the order given, parents first; with their key when it
        is free, else the lowest free digit), existing ones take the parent, description and colour
        given (and the title, when one is); roles are added or updated by name (their key only
        when no other role has it; the labels a role takes are the union of both). One
        transaction; returns what changed."""
        added: list[str] = []
        updated: list[str] = []
        roles_added: list[str] = []
        roles_updated: list[str] = []
        incoming = {label.name: label for label in labels}
        ordered = sorted(incoming.values(), key=lambda item: bool(item.parent) and item.parent in incoming)
        with self.transaction():
            existing = {label.name: label for label in self.labels()}
            for n, item in enumerate(ordered):
                color = item.color or _PALETTE[(len(existing) + n) % len(_PALETTE)]
                if item.name not in existing:
                    key: int | EllipsisType | None = item.key
                    if key is None or self.conn.execute(
                        'SELECT 1 FROM labels WHERE "key" = ?', (key,)
                    ).fetchone():
                        key = ...
                    self.add_label(
                        item.name, item.title, color, key=key, parent=item.parent,
                        description=item.description,
                    )
                    added.append(item.name)
                    continue
                now = existing[item.name]
                before, after = self.update_label(
                    item.name,
                    title=item.title or None,
                    color=item.color or None,
                    parent=item.parent or None,
                    description=item.description or None,
                )
                if before != after:
                    updated.append(now.name)
            current = {role.name: role for role in self.roles()}
            merged = list(current.values())
            for role in roles:
                taken = {r.key.upper() for r in merged if r.key and r.name != role.name}
                fresh = role if not role.key or role.key.upper() not in taken else replace(role, key="")
                if role.name not in current:
                    merged.append(fresh)
                    roles_added.append(role.name)
                    continue
                old = current[role.name]
                new = replace(
                    old,
                    key=fresh.key or old.key,
                    # the union: a role this project has keeps every label it took (a role
                    # taking any label, here or there, still takes any)
                    labels=tuple(dict.fromkeys(old.labels + role.labels)) if old.labels and role.labels
                    else (),
                    description=role.description or old.description,
                )
                if new != old:
                    merged[merged.index(old)] = new
                    roles_updated.append(role.name)
            if roles_added or roles_updated:
                self.set_roles(merged)
        return SchemaMerge(tuple(added), tuple(updated), tuple(roles_added), tuple(roles_updated))

    # ---- documents ----------------------------------------------------------------------

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document_summaries(
        self, limit: int = -1, after_id: int = 0, status: str | None = None, search: str | None = None
    ) -> list[DocumentSummary]:
        """Summaries in id order, ``limit`` at a time after ``after_id`` (-1: all), optionally
        only of one status or containing ``search`` (normalised; see :mod:`model.search`).

        The matches are read in id order and reading stops after ``limit`` of them, so the first
        page of a search that matches most of the corpus costs about as much as a page of a
        rare one: nothing computes the whole match set first."""
        ids = self._matching_ids(status, search, after_id, limit)
        if ids is not None:
            return self._summaries_of(ids)
        return self._summaries_matching(status, search, after_id, limit)

    def _summaries_matching(
        self, status: str | None, search: str | None, after_id: int, limit: int
    ) -> list[DocumentSummary]:
        """:meth:`document_summaries` by the general plan (one SQL query over the filters)."""
        source, key, where, args = self._matching(status, search)
        where.append(f"{key} > ?")
        args.append(after_id)
        rows = self.conn.execute(
            f"{SUMMARY_SELECT} FROM {source} WHERE {' AND '.join(where)} ORDER BY {key} LIMIT ?",
            [*args, limit if limit >= 0 else ALL_ROWS],
        )
        return [summary_of(row) for row in rows]

    def first_page(
        self, limit: int, status: str | None = None, search: str | None = None, cap: int = 1000
    ) -> tuple[list[DocumentSummary], int]:
        """The first ``limit`` summaries with these filters and their count capped at ``cap``
        (see :meth:`count_documents`): what a list shows at once ("1,000+" when the count is
        ``cap``). Neither computes the whole match set."""
        ids = self._matching_ids(status, search, 0, max(cap, limit, 0))
        if ids is None:  # the general plan: no need to probe the shortcuts again
            page = self._summaries_matching(status, search, 0, limit)
            return page, self._count_matching(status, search, cap)
        return self._summaries_of(ids[: max(limit, 0)]), min(len(ids), max(cap, 0))

    def _summaries_of(self, ids: list[int]) -> list[DocumentSummary]:
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows += self.conn.execute(
                f"{SUMMARY_SELECT} FROM documents d WHERE d.id IN ({marks}) ORDER BY d.id", chunk
            ).fetchall()
        return [summary_of(row) for row in rows]

    def _matching_ids(
        self, status: str | None, search: str | None, after_id: int, limit: int
    ) -> list[int] | None:
        """Ids after ``after_id`` of the first ``limit`` documents with these filters, in id order,
        when a plan other than :meth:`_matching` reads them faster (else None): a status with
        at most :data:`SCAN_STATUS` documents is read from its index and each folded copy
        checked (unless the trigram index holds fewer matches than that status has documents);
        a one- or two-letter search uses :meth:`_short_matches`.

        Both compare the folded copies with LIKE, which folds the case of ASCII letters only, as
        the trigram index does for every script: a search with other cased letters (Greek,
        accented Latin) keeps the general plan, so results never depend on the plan."""
        needle = fold_and_drop(search).strip() if search else ""
        if not needle or limit < 0 or not self.has_trigram_index() or is_queue(status):
            return None
        if any(not ch.isascii() and ch.lower() != ch.upper() for ch in needle):
            return None
        if status is not None:
            (size,) = self.conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM documents WHERE status = ? LIMIT ?) AS found",
                (status, SCAN_STATUS + 1),
            ).fetchone()
            if size <= SCAN_STATUS and (len(needle) < 3 or self._more_matches(needle, size)):
                rows = self.conn.execute(
                    "SELECT d.id FROM documents d CROSS JOIN search_text t ON t.id = d.id "
                    "WHERE d.status = ? AND d.id > ? AND t.body LIKE ? ESCAPE '\\' ORDER BY d.id LIMIT ?",
                    (status, after_id, _like_pattern(needle), limit),
                )
                return [row[0] for row in rows]
        if len(needle) < 3:
            return self._short_matches(needle, status, after_id, limit)
        return None

    def _more_matches(self, needle: str, than: int) -> bool:
        """Does the trigram index hold more than ``than`` texts containing ``needle``?"""
        (count,) = self.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_text_fts WHERE search_text_fts MATCH ? LIMIT ?)",
            (_phrase(needle), than + 1),
        ).fetchone()
        return bool(count > than)

    def _short_matches(self, needle: str, status: str | None, after_id: int, limit: int) -> list[int]:
        """Ids after ``after_id`` of up to ``limit`` documents containing a one- or two-letter
        ``needle`` (and of ``status``), in id order, as a LIKE scan of the copies finds them.

        Frequent letters fill the page from the first few thousand copies, scanned. Past those,
        the trigram index answers: an occurrence is the start of some indexed trigram unless it
        lies in the text's last two letters, which ``search_tail`` holds. A rare status is
        read from its index and each of its copies checked."""
        conn = self.conn
        like = _like_pattern(needle)
        of_status = " AND d.status = ?" if status is not None else ""
        more: list[object] = [status] if status is not None else []
        top = after_id + SCAN_WINDOW
        found = [
            row[0]
            for row in conn.execute(
                "SELECT t.id FROM search_text t CROSS JOIN documents d ON d.id = t.id "
                f"WHERE t.id > ? AND t.id <= ? AND t.body LIKE ? ESCAPE '\\'{of_status} "
                "ORDER BY t.id LIMIT ?",
                [after_id, top, like, *more, limit],
            )
        ]
        wanted = limit - len(found)
        if wanted <= 0:
            return found
        terms = self._terms_starting(needle.lower())  # the index folds case
        beyond: set[int] = set()
        if terms:
            query = " OR ".join(_phrase(term) for term in terms)
            beyond.update(
                row[0]
                for row in conn.execute(
                    "SELECT f.rowid FROM search_text_fts f CROSS JOIN documents d ON d.id = f.rowid "
                    f"WHERE search_text_fts MATCH ? AND f.rowid > ?{of_status} ORDER BY f.rowid LIMIT ?",
                    [query, top, *more, wanted],
                )
            )
        beyond.update(
            row[0]
            for row in conn.execute(
                "SELECT t.id FROM search_tail t CROSS JOIN documents d ON d.id = t.id "
                f"WHERE t.id > ? AND t.tail LIKE ? ESCAPE '\\'{of_status} ORDER BY t.id LIMIT ?",
                [top, like, *more, wanted],
            )
        )
        return found + sorted(beyond)[:wanted]

    def _terms_starting(self, prefix: str) -> list[str]:
        """The trigram index's terms starting with ``prefix``. Reading them counts their
        documents (tens of milliseconds for a frequent letter), so they are kept until the
        index changes."""
        conn = self.conn
        if not self._terms:  # the index's terms, readable by range (a table of this connection)
            conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
                "USING fts5vocab(main, search_text_fts, row)"
            )
            self._terms = {}
        version = conn.execute("SELECT max(id), count(*) FROM search_tail").fetchone()
        if self._terms_version != version:
            self._terms.clear()
            self._terms_version = version
        if prefix not in self._terms:
            rows = conn.execute(
                "SELECT term FROM temp.search_terms WHERE term >= ? AND term < ?",
                (prefix, prefix + "\U0010ffff"),
            )
            self._terms[prefix] = [row[0] for row in rows]
        return self._terms[prefix]

    def _matching(
        self, status: str | None, search: str | None
    ) -> tuple[str, str, list[str], list[object]]:
        """The FROM clause, the id column it is read in order of, and the conditions and
        arguments selecting documents ``d`` of a status and containing a normalised search.

        A search drives the query: its rows come in id order from the trigram index (or from
        the folded copies, for one or two letters) and each is joined to its document, so a
        ``LIMIT`` stops the reading early. Without a search the status index is read."""
        where: list[str] = []
        args: list[object] = []
        source, key = "documents d", "d.id"
        needle = fold_and_drop(search).strip() if search else ""
        if needle:
            if len(needle) >= 3 and self.has_trigram_index():
                source, key = "search_text_fts f CROSS JOIN documents d ON d.id = f.rowid", "f.rowid"
                where.append("search_text_fts MATCH ?")
                args.append(_phrase(needle))
            else:
                source, key = "search_text t CROSS JOIN documents d ON d.id = t.id", "t.id"
                where.append("t.body LIKE ? ESCAPE '\\'")
                args.append(_like_pattern(needle))
        if is_queue(status):
            assert status is not None
            where.append(
                "d.status IN ('new', 'in_progress') AND EXISTS "
                "(SELECT 1 FROM assignments a WHERE a.doc_id = d.id AND a.analyst = ?)"
            )
            args.append(status[len(QUEUE) :])
        elif status is not None:
            where.append("d.status = ?")
            args.append(status)
        if not where:
            where.append("TRUE")
        return source, key, where, args

    def has_trigram_index(self) -> bool:
        """Does this SQLite have FTS5 trigrams (else a search scans the normalised copies)?"""
        if self._trigrams is None:
            found = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'"
            ).fetchone()
            self._trigrams = found is not None
        return self._trigrams

    def count_documents(
        self, status: str | None = None, search: str | None = None, cap: int | None = None
    ) -> int:
        """How many documents :meth:`document_summaries` would list with these filters; with
        ``cap``, ``min(count, cap)``, reading no further than ``cap`` matches."""
        if cap is not None:
            ids = self._matching_ids(status, search, 0, max(cap, 0))
            if ids is not None:
                return len(ids)
        return self._count_matching(status, search, cap)

    def _count_matching(self, status: str | None, search: str | None, cap: int | None) -> int:
        """:meth:`count_documents` by the general plan."""
        source, _, where, args = self._matching(status, search)
        inner = f"SELECT 1 FROM {source} WHERE {' AND '.join(where)}"
        if cap is None:
            sql = f"SELECT count(*) FROM ({inner}) AS found"
        else:
            sql = f"SELECT count(*) FROM ({inner} LIMIT ?) AS found"
            args.append(max(cap, 0))
        return int(self.conn.execute(sql, args).fetchone()[0])

    def document_summary(self, doc_id: int) -> DocumentSummary:
        row = self.conn.execute(f"{SUMMARY_SELECT} FROM documents d WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return summary_of(row)

    def document(self, doc_id: int) -> Document:
        row = self.conn.execute(
            "SELECT id, ext_id, title, text, status, meta, content_hash, note FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return Document(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])

    def document_ids(self) -> list[int]:
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def find_by_hash(self, digest: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def unique_ext_id(self, wanted: str) -> str:
        """``wanted`` if free, else ``wanted-N`` past the highest N taken (one query, not one per N)."""
        if not self.conn.execute("SELECT 1 FROM documents WHERE ext_id = ?", (wanted,)).fetchone():
            return wanted
        prefix = wanted + "-"
        taken = self.conn.execute(  # LIKE folds ASCII case: the prefix is compared exactly below
            "SELECT ext_id FROM documents WHERE ext_id LIKE ? ESCAPE '\\'", (_like_prefix(prefix),)
        )
        suffixes = (row[0][len(prefix) :] for row in taken if row[0].startswith(prefix))
        n = max((int(s) for s in suffixes if s.isdigit() and s.isascii()), default=1)
        return f"{wanted}-{n + 1}"

    def insert_document(
        self,
        ext_id: str,
        text: str,
        title: str | None = None,
        meta: dict[str, Any] | None = None,
        status: str = "new",
    ) -> int | None:
        """Insert one article; returns its id, or None when the same text is already stored."""
        if status not in STATUSES:
            raise EditError(QT_TR_NOOP("unknown status {status}"), status=repr(status))
        digest = content_hash(text)
        with self.transaction() as conn:
            if self.find_by_hash(digest) is not None:
                return None
            cursor = conn.execute(
                "INSERT INTO documents (ext_id, title, text, meta, status, content_hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self.unique_ext_id(ext_id),
                    title if title is not None else title_from_text(text),
                    text,
                    json.dumps(meta or {}, ensure_ascii=False),
                    status,
                    digest,
                ),
            )
            return int(cursor.lastrowid or 0)

    def set_status(self, doc_id: int, status: str, annotator: str = "") -> str:
        """Set a document's status, logged with ``annotator`` and the time (see :meth:`history`);
        returns the previous one."""
        if status not in STATUSES:
            raise EditError(QT_TR_NOOP("unknown status {status}"), status=repr(status))
        with self.transaction() as conn:
            old = self._status(doc_id)
            conn.execute(
                "UPDATE documents SET status = ?, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                "WHERE id = ?",
                (status, doc_id),
            )
            self._log_status(doc_id, status, annotator)
        return old

    def _log_status(self, doc_id: int, status: str, annotator: str) -> None:
        """Log a status change (inside the transaction making it)."""
        self.conn.execute(
            "INSERT INTO status_changes (doc_id, status, annotator) VALUES (?, ?, ?)",
            (doc_id, status, annotator),
        )

    def status_changes(self, doc_id: int) -> list[tuple[str, str, str]]:
        """(status, annotator, when) of each status the document was given, oldest first (on a
        team database an analyst reads their own, a lead everyone's)."""
        rows = self.conn.execute(
            "SELECT status, annotator, at FROM status_changes WHERE doc_id = ? ORDER BY id", (doc_id,)
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def history(self, doc_id: int) -> list[HistoryEvent]:
        """Who did what to a document and when, oldest first: each span and link it holds (when
        it was made and by whom) and each status it was given. Spans and links deleted since are
        not listed (deleting removes them); events at the same second keep the order spans,
        links, statuses and then their ids."""
        rows = self.conn.execute(
            "SELECT created, annotator, 'span', id, label || ' ' || start || '-' || \"end\", 0 "
            "FROM spans WHERE doc_id = ? "
            "UNION ALL SELECT created, annotator, 'link', id, role, 1 FROM relations WHERE doc_id = ? "
            "UNION ALL SELECT at, annotator, 'status', id, status, 2 FROM status_changes WHERE doc_id = ? "
            "ORDER BY 1, 6, 4",
            (doc_id, doc_id, doc_id),
        )
        return [
            HistoryEvent(str(at), str(who), str(kind), doc_id if kind == "status" else int(key), str(what))
            for at, who, kind, key, what, _ in rows
        ]

    def _status(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(QT_TR_NOOP("no document {id}"), id=doc_id)
        return str(row[0])

    def next_unfinished(
        self, after_id: int, status: str | None = None, search: str | None = None
    ) -> int | None:
        """The next document after ``after_id`` (wrapping round) that is neither done nor skipped,
        among those :meth:`document_summaries` lists with the same ``status`` and ``search``."""
        source, key, where, args = self._matching(status, search)
        where.append("d.status IN ('new', 'in_progress')")
        query = f"SELECT d.id FROM {source} WHERE {' AND '.join(where)} AND {key} "
        row = self.conn.execute(query + f"> ? ORDER BY {key} LIMIT 1", [*args, after_id]).fetchone()
        if row is None:  # wrap round to the first one before
            row = self.conn.execute(query + f"< ? ORDER BY {key} LIMIT 1", [*args, after_id]).fetchone()
        return int(row[0]) if row else None

    # ---- spans --------------------------------------------------------------------------

    def spans(self, doc_id: int) -> list[Span]:
        rows = self.conn.execute(
            'SELECT id, doc_id, start, "end", label, annotator FROM spans '
            'WHERE doc_id = ? ORDER BY start, "end" DESC, id',
            (doc_id,),
        )
        return [Span(*row) for row in rows]

    def span(self, span_id: int) -> Span:
        row = self.conn.execute(
            'SELECT id, doc_id, start, "end", label, annotator FROM spans WHERE id = ?', (span_id,)
        ).fetchone()
        if row is None:
            raise EditError(QT_TR_NOOP("no span {id}"), id=span_id)
        return Span(*row)

    def _check_span(self, doc_id: int, start: int, end: int, label: str, annotator: str) -> None:
        """A span in range with a known label, not already stored by the same annotator (two
        analysts may each tag the same text with the same label)."""
        length = self._length(doc_id)
        self._check_range(doc_id, length, start, end)
        if not self._label_exists(label):
            raise EditError(QT_TR_NOOP("unknown label {label}"), label=repr(label))
        if self.conn.execute(
            'SELECT 1 FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ? '
            "AND annotator = ?",
            (doc_id, start, end, label, annotator),
        ).fetchone():
            raise EditError(
                QT_TR_NOOP("{text} is already tagged {label}"),
                text=quote(self._text_of(doc_id, start, end)),
                label=label,
            )

    def _length(self, doc_id: int) -> int:
        row = self.conn.execute("SELECT length(text) FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(QT_TR_NOOP("no document {id}"), id=doc_id)
        return int(row[0])

    def _label_exists(self, label: str) -> bool:
        return self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone() is not None

    def _check_range(self, doc_id: int, length: int, start: int, end: int) -> None:
        if start >= end:
            raise EditError(QT_TR_NOOP("an empty range cannot be tagged"))
        if start < 0 or end > length:
            inside = self._text_of(doc_id, max(start, 0), min(end, length))
            size = plural(length, "character")
            if not inside.strip():
                raise EditError(
                    QT_TR_NOOP("{start}–{end} lies outside the text ({size})"),
                    start=start,
                    end=end,
                    size=size,
                )
            if end > length:
                raise EditError(
                    QT_TR_NOOP("the range from {text} runs past the end of the text ({size})"),
                    text=quote(inside), size=size,
                )
            raise EditError(
                QT_TR_NOOP("the range from {text} runs past the start of the text ({size})"),
                text=quote(inside), size=size,
            )

    def _text_of(self, doc_id: int, start: int, end: int) -> str:
        """``text[start:end]`` of a document without reading all of it (substr counts code points)."""
        if end <= start:
            return ""
        row = self.conn.execute(
            "SELECT substr(text, ?, ?) FROM documents WHERE id = ?", (start + 1, end - start, doc_id)
        ).fetchone()
        return str(row[0]) if row else ""

    def add_span(
        self, doc_id: int, start: int, end: int, label: str, annotator: str = "", span_id: int | None = None
    ) -> tuple[Span, str]:
        """Insert a span; a new document becomes in progress. Returns the span and the old status."""
        annotator = self._annotator(annotator)
        with self.transaction() as conn:
            self._check_span(doc_id, start, end, label, annotator)
            cursor = conn.execute(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?, ?)',
                (span_id, doc_id, start, end, label, annotator),
            )
            old_status = self._status(doc_id)
            if old_status == "new":
                conn.execute("UPDATE documents SET status = 'in_progress' WHERE id = ?", (doc_id,))
                self._log_status(doc_id, "in_progress", annotator)
        return Span(int(cursor.lastrowid or 0), doc_id, start, end, label, annotator), old_status

    def add_spans(
        self,
        doc_id: int,
        ranges: Sequence[tuple[int, int]],
        label: str,
        annotator: str = "",
        span_ids: Sequence[int | None] | None = None,
    ) -> tuple[list[Span], str]:
        """Insert many spans with one label in one transaction, checked as :meth:`add_span`
        checks each (the first bad range raises, and nothing is kept); a new document becomes in
        progress. ``span_ids`` gives ids back on redo (None: a new id). Returns the spans, in
        the order of ``ranges``, and the old status."""
        annotator = self._annotator(annotator)
        ids = list(span_ids) if span_ids is not None else [None] * len(ranges)
        if len(ids) != len(ranges):
            raise ValueError("one span id (or None) per range")
        with self.transaction() as conn:
            length = self._length(doc_id)
            known = self._label_exists(label)
            taken = set(
                conn.execute(
                    'SELECT start, "end" FROM spans WHERE doc_id = ? AND label = ? AND annotator = ?',
                    (doc_id, label, annotator),
                ).fetchall()
            )
            fresh = iter(self._new_span_ids(sum(1 for wanted in ids if wanted is None)))
            spans: list[Span] = []
            for (start, end), wanted in zip(ranges, ids, strict=True):
                self._check_range(doc_id, length, start, end)
                if not known:
                    raise EditError(QT_TR_NOOP("unknown label {label}"), label=repr(label))
                if (start, end) in taken:
                    raise EditError(
                        QT_TR_NOOP("{text} is already tagged {label}"),
                        text=quote(self._text_of(doc_id, start, end)), label=label,
                    )
                taken.add((start, end))
                span_id = next(fresh) if wanted is None else wanted
                spans.append(Span(span_id, doc_id, start, end, label, annotator))
            conn.executemany(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?, ?)',
                [(s.id, s.doc_id, s.start, s.end, s.label, s.annotator) for s in spans],
            )
            old_status = self._status(doc_id)
            if old_status == "new" and spans:
                conn.execute("UPDATE documents SET status = 'in_progress' WHERE id = ?", (doc_id,))
                self._log_status(doc_id, "in_progress", annotator)
        return spans, old_status

    def _annotator(self, given: str) -> str:
        """Whose a new span is: the name given (a team database puts in its login when none is)."""
        return given

    def _new_span_ids(self, count: int) -> Sequence[int]:
        """Ids for ``count`` new spans, as AUTOINCREMENT would number them (inside a write
        transaction: no one else numbers spans meanwhile)."""
        row = self.conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'spans'), 0), "
            "coalesce((SELECT max(id) FROM spans), 0))"
        ).fetchone()
        return range(int(row[0]) + 1, int(row[0]) + 1 + count)

    def remove_spans(self, span_ids: Sequence[int]) -> None:
        """Delete many spans (and their relations) in one transaction; each must exist."""
        with self.transaction() as conn:
            for i in range(0, len(span_ids), 500):
                chunk = list(span_ids[i : i + 500])
                marks = ",".join("?" * len(chunk))
                found = {row[0] for row in conn.execute(f"SELECT id FROM spans WHERE id IN ({marks})", chunk)}
                if len(found) != len(set(chunk)):
                    raise EditError(QT_TR_NOOP("no span {id}"), id=min(set(chunk) - found))
                conn.execute(f"DELETE FROM spans WHERE id IN ({marks})", chunk)

    def remove_span(self, span_id: int, restore_status: str | None = None) -> tuple[Span, list[Relation]]:
        """Delete a span and its relations; returns both so the removal can be undone."""
        with self.transaction() as conn:
            span = self.span(span_id)
            relations = self.relations_of_span(span_id)
            conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            if restore_status is not None and restore_status != self._status(span.doc_id):
                conn.execute("UPDATE documents SET status = ? WHERE id = ?", (restore_status, span.doc_id))
                self._log_status(span.doc_id, restore_status, span.annotator)
        return span, relations

    def restore_span(self, span: Span, relations: Sequence[Relation] = (), note: str = "") -> None:
        """Put back a removed span with its id, relations and note."""
        with self.transaction() as conn:
            # the span and its links come back; the document's status is not touched
            self._check_span(span.doc_id, span.start, span.end, span.label, span.annotator)
            conn.execute(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator, note) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (span.id, span.doc_id, span.start, span.end, span.label, span.annotator, note),
            )
            conn.executemany(
                "INSERT INTO relations (id, doc_id, event_id, argument_id, role, annotator) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(r.id, r.doc_id, r.event_id, r.argument_id, r.role, r.annotator) for r in relations],
            )

    def update_span(
        self, span_id: int, *, start: int | None = None, end: int | None = None, label: str | None = None
    ) -> tuple[Span, Span]:
        """Change a span's edges or label; returns (before, after)."""
        with self.transaction() as conn:
            before = self.span(span_id)
            after = Span(
                before.id,
                before.doc_id,
                before.start if start is None else start,
                before.end if end is None else end,
                before.label if label is None else label,
                before.annotator,
            )
            if (after.start, after.end, after.label) == (before.start, before.end, before.label):
                return before, after
            self._check_span(after.doc_id, after.start, after.end, after.label, after.annotator)
            conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ? WHERE id = ?',
                (after.start, after.end, after.label, span_id),
            )
        return before, after

    # ---- relations ----------------------------------------------------------------------

    def relations(self, doc_id: int) -> list[Relation]:
        rows = self.conn.execute(
            "SELECT id, doc_id, event_id, argument_id, role, annotator FROM relations "
            "WHERE doc_id = ? ORDER BY id",
            (doc_id,),
        )
        return [Relation(*row) for row in rows]

    def relations_of_span(self, span_id: int) -> list[Relation]:
        rows = self.conn.execute(
            "SELECT id, doc_id, event_id, argument_id, role, annotator FROM relations "
            "WHERE event_id = ? OR argument_id = ? ORDER BY id",
            (span_id, span_id),
        )
        return [Relation(*row) for row in rows]

    def link(
        self, event_id: int, argument_id: int, role: str, relation_id: int | None = None, annotator: str = ""
    ) -> Relation:
        """Link an event to an argument in a role, as ``annotator``'s link (made now)."""
        annotator = self._annotator(annotator)
        with self.transaction() as conn:
            event, argument = self.span(event_id), self.span(argument_id)
            if event.doc_id != argument.doc_id:
                raise EditError(QT_TR_NOOP("an event and its argument must be in the same document"))
            if event_id == argument_id:
                raise EditError(QT_TR_NOOP("a span cannot be its own argument"))
            try:
                cursor = conn.execute(
                    "INSERT INTO relations (id, doc_id, event_id, argument_id, role, annotator) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (relation_id, event.doc_id, event_id, argument_id, role, annotator),
                )
            except sqlite3.IntegrityError as exc:
                raise EditError(QT_TR_NOOP("already linked as {role}"), role=role) from exc
        return Relation(int(cursor.lastrowid or 0), event.doc_id, event_id, argument_id, role, annotator)

    def unlink(self, relation_id: int) -> Relation:
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, doc_id, event_id, argument_id, role, annotator FROM relations WHERE id = ?",
                (relation_id,),
            ).fetchone()
            if row is None:
                raise EditError(QT_TR_NOOP("no relation {id}"), id=relation_id)
            conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
        return Relation(*row)

    # ---- review -------------------------------------------------------------------------

    def can_write_gold(self) -> bool:
        """May this connection write the gold layer and review decisions? (Always, on SQLite.)"""
        return True

    def rejected(self, doc_id: int) -> set[tuple[int, int, str]]:
        """The (start, end, label) items a reviewer rejected in a document."""
        rows = self.conn.execute(
            'SELECT start, "end", label FROM review_decisions WHERE doc_id = ? AND decision = \'reject\'',
            (doc_id,),
        )
        return {(int(a), int(b), str(label)) for a, b, label in rows}

    def reject(self, doc_id: int, items: Sequence[tuple[int, int, str]], reviewer: str = "") -> list[
        tuple[int, int, str]
    ]:
        """Record that ``items`` were decided against; returns those not rejected before."""
        with self.transaction() as conn:
            before = self.rejected(doc_id)
            fresh = [item for item in dict.fromkeys(items) if item not in before]
            conn.executemany(
                'INSERT INTO review_decisions (doc_id, start, "end", label, decision, reviewer) '
                "VALUES (?, ?, ?, ?, 'reject', ?)",
                [(doc_id, a, b, label, reviewer or self._reviewer()) for a, b, label in fresh],
            )
        return fresh

    def unreject(self, doc_id: int, items: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Take rejections back; returns those that were stored."""
        with self.transaction() as conn:
            before = self.rejected(doc_id)
            gone = [item for item in dict.fromkeys(items) if item in before]
            conn.executemany(
                'DELETE FROM review_decisions WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ?',
                [(doc_id, a, b, label) for a, b, label in gone],
            )
        return gone

    def reviewed(self, doc_id: int) -> tuple[str, str] | None:
        """(reviewer, when) if the document is marked reviewed, else None."""
        row = self.conn.execute("SELECT reviewer, at FROM reviews WHERE doc_id = ?", (doc_id,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def set_reviewed(self, doc_id: int, on: bool, reviewer: str = "") -> bool:
        """Mark the document reviewed (or not); returns whether it was before."""
        with self.transaction() as conn:
            was = self.reviewed(doc_id) is not None
            if on and not was:
                who = reviewer or self._reviewer()
                conn.execute("INSERT INTO reviews (doc_id, reviewer) VALUES (?, ?)", (doc_id, who))
            elif was and not on:
                conn.execute("DELETE FROM reviews WHERE doc_id = ?", (doc_id,))
        return was

    def _reviewer(self) -> str:
        return ""

    # ---- notes --------------------------------------------------------------------------

    def span_note(self, span_id: int) -> str:
        row = self.conn.execute("SELECT note FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise EditError(QT_TR_NOOP("no span {id}"), id=span_id)
        return str(row[0])

    def span_notes(self, doc_id: int) -> dict[int, str]:
        """The notes on a document's spans, by span id (spans without one are left out)."""
        rows = self.conn.execute("SELECT id, note FROM spans WHERE doc_id = ? AND note <> ''", (doc_id,))
        return {int(row[0]): str(row[1]) for row in rows}

    def set_span_note(self, span_id: int, note: str) -> str:
        """Set a span's note ('' clears it); returns the previous one."""
        _check_note(note)
        with self.transaction() as conn:
            old = self.span_note(span_id)
            if conn.execute("UPDATE spans SET note = ? WHERE id = ?", (note, span_id)).rowcount == 0:
                # team policies
                raise EditError(QT_TR_NOOP("only the analyst who made a span may write its note"))
        return old

    def document_note(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT note FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return str(row[0])

    def set_document_note(self, doc_id: int, note: str) -> str:
        """Set a document's note ('' clears it); returns the previous one."""
        _check_note(note)
        with self.transaction() as conn:
            old = self.document_note(doc_id)
            conn.execute("UPDATE documents SET note = ? WHERE id = ?", (note, doc_id))
        return old

    # ---- settings -----------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ---- statistics ---------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        conn = self.conn
        by_status = dict.fromkeys(STATUSES, 0)
        by_status.update(dict(conn.execute("SELECT status, count(*) FROM documents GROUP BY status")))
        by_label = {name: 0 for name in self.label_names()}
        by_label.update(dict(conn.execute("SELECT label, count(*) FROM spans GROUP BY label")))
        annotators = dict(
            conn.execute("SELECT annotator, count(*) FROM spans GROUP BY annotator ORDER BY 2 DESC, 1")
        )
        return {
            "documents": self.document_count(),
            "characters": conn.execute("SELECT coalesce(sum(length(text)), 0) FROM documents").fetchone()[0],
            "spans": conn.execute("SELECT count(*) FROM spans").fetchone()[0],
            "relations": conn.execute("SELECT count(*) FROM relations").fetchone()[0],
            "by_status": by_status,
            "by_label": by_label,
            "by_annotator": annotators,
        }

    def annotators(self) -> list[str]:
        """Everyone with spans here (the gold layer included), by name."""
        return sorted(str(row[0]) for row in self.conn.execute("SELECT DISTINCT annotator FROM spans"))

    def iter_documents(self) -> Iterator[Document]:
        """Stream documents in id order without loading the corpus at once."""
        cursor = self.conn.execute(
            "SELECT id, ext_id, title, text, status, meta, content_hash, note FROM documents ORDER BY id"
        )
        for row in cursor:
            yield Document(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])


# ---- building a new database under a hidden name ---------------------------------------------

STALE_SECONDS = 60  # a build or temporary file untouched this long, and unlocked, was abandoned


def building_path(db: Path) -> Path:
    """Where a first import builds ``db`` before it gets its name (hidden, beside it)."""
    return db.with_name(f".{db.name}.{os.getpid()}-{secrets.token_hex(3)}.building")


def database_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def remove_database_files(path: Path) -> None:
    for leftover in database_files(path):
        leftover.unlink(missing_ok=True)


def publish_build(built: Path, db: Path) -> None:
    """Give a finished build its real name, never over a database that appeared meanwhile."""
    taken = f"{db}: another program created this database meanwhile; nothing imported"
    try:
        os.link(built, db)
    except FileExistsError as exc:
        raise SchemaError(taken) from exc
    except OSError:  # no hard links here: a rename, checked first
        if db.exists():
            raise SchemaError(taken) from None
        os.replace(built, db)
    remove_database_files(built)


def remove_stale_builds(db: Path) -> None:
    """Remove builds of ``db`` left by a first import that was killed (SIGKILL, power loss)."""
    if str(db) == ":memory:" or not db.parent.is_dir():
        return
    now = time.time()
    for build in db.parent.glob(f".{glob.escape(db.name)}.*.building"):
        try:
            if now - build.stat().st_mtime < STALE_SECONDS:
                continue
        except OSError:
            continue
        remove_database_files(build)


class PgStore(Store):
    """A team database on PostgreSQL (made by ``hashiya team init``, see :mod:`model.pgschema`).

    The same store, its SQL translated by :class:`model.pg.PgConnection`. What differs: the
    schema is made by ``team init``, never on open (a database without it is refused); a span
    given no annotator, and every link, is the connecting role's, and row-level security refuses
    an annotator writing in any other name (a lead may: merges carry analysts' names); new row ids
    come from the tables' sequences; search reads the folded copies through their trigram index
    (pg_trgm); and other analysts' commits are announced (LISTEN/NOTIFY), not polled.
    """

    dialect = "postgresql"

    def __init__(self, path: str | Path, busy_timeout_ms: int | None = None) -> None:
        from .pgschema import migrate as migrate_team

        if busy_timeout_ms is None:
            busy_timeout_ms = BUSY_TIMEOUT_MS
        self.path = str(path)
        try:
            conn = PgConnection(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from exc
        self.conn = conn  # type: ignore[assignment]
        self._trigrams = False
        self._terms = None
        self._terms_version = None
        self._changes = 0
        try:
            migrate_team(conn, create=False)
            conn.run_on_connect(f"SET lock_timeout = {int(busy_timeout_ms)}")
            conn.run_on_connect("LISTEN hashiya")
        except BaseException:
            conn.close()
            raise

    @property
    def user(self) -> str:
        """The connecting role: the analyst every new span and link belongs to."""
        return self.conn.user  # type: ignore[attr-defined]

    def data_version(self) -> int:
        """Counts the commits other connections announced since this one opened (notifications
        already delivered to this connection; no query is sent), and the times the connection was
        made again."""
        conn: PgConnection = self.conn  # type: ignore[assignment]
        conn.ensure_connected()
        raw = conn.raw
        own = raw.info.backend_pid
        try:
            for note in raw.notifies(timeout=0):
                if note.pid != own:
                    self._changes += 1
        except Exception as exc:
            raise PgConnection.error(exc) from exc
        # a new connection heard nothing of what was committed while there was none: read afresh
        return self._changes + conn.generation

    def has_trigram_index(self) -> bool:
        return False  # FTS5's; on PostgreSQL, LIKE reads the copies' pg_trgm index

    def _annotator(self, given: str) -> str:
        return given or self.user

    def can_write_gold(self) -> bool:
        row = self.conn.execute("SELECT pg_has_role(current_user, 'hashiya_reviewer', 'MEMBER')").fetchone()
        return bool(row and row[0])

    def _reviewer(self) -> str:
        return self.user

    def can_edit_schema(self) -> bool:
        row = self.conn.execute("SELECT pg_has_role(current_user, 'hashiya_lead', 'MEMBER')").fetchone()
        return bool(row and row[0])

    def _log_status(self, doc_id: int, status: str, annotator: str) -> None:
        # the login, whoever's span it is (a lead adding an analyst's span still sets the status)
        super()._log_status(doc_id, status, self.user)

    def _new_span_ids(self, count: int) -> Sequence[int]:
        if not count:
            return []
        rows = self.conn.execute(
            "SELECT nextval(pg_get_serial_sequence('spans', 'id')) FROM generate_series(1, ?)", (count,)
        )
        return [int(row[0]) for row in rows]
