"""SQLite storage: every public write is one committed transaction before it returns."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .arabic import fold_and_drop
from .errors import DatabaseBusyError, EditError, HashiyaError, SchemaError, store_error
from .records import (
    STATUSES,
    Document,
    DocumentSummary,
    Label,
    Relation,
    Span,
)
from .schema import migrate
from .text import plural, quote


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


class Store:
    """A Hashiya database. Opened on a path (or ``":memory:"``), migrated on open."""

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
        self.db = Database(conn)
        try:
            migrate(self.db, self.path)  # refuses foreign files before anything is written to them
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

    # ---- labels -------------------------------------------------------------------------

    def labels(self) -> list[Label]:
        rows = self.conn.execute("SELECT name, title, color, position FROM labels ORDER BY position")
        return [Label(*row) for row in rows]

    def label_names(self) -> list[str]:
        return [label.name for label in self.labels()]

    def add_label(self, name: str, title: str = "", color: str = "#9467bd") -> Label:
        with self.transaction() as conn:
            position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0]
            conn.execute(
                "INSERT INTO labels (name, title, color, position) VALUES (?, ?, ?, ?)",
                (name, title, color, position),
            )
        return Label(name, title, color, position)

    # ---- documents ----------------------------------------------------------------------

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document_summaries(
        self, limit: int = -1, after_id: int = 0, status: str | None = None, search: str | None = None
    ) -> list[DocumentSummary]:
        """Summaries in id order, ``limit`` at a time after ``after_id`` (-1: all), optionally
        only of one status or containing ``search`` (normalised; see :mod:`model.search`)."""
        where, args = self._filters(status, search)
        where.append("d.id > ?")
        args.append(after_id)
        rows = self.conn.execute(
            f"""SELECT d.id, d.ext_id, d.title, d.status,
                      (SELECT count(*) FROM spans s WHERE s.doc_id = d.id)
               FROM documents d WHERE {" AND ".join(where)} ORDER BY d.id LIMIT ?""",
            [*args, limit],
        )
        return [DocumentSummary(*row) for row in rows]

    def _filters(self, status: str | None, search: str | None) -> tuple[list[str], list[object]]:
        """SQL conditions on documents ``d`` for a status and a normalised search."""
        where: list[str] = ["1"]
        args: list[object] = []
        if status is not None:
            where.append("d.status = ?")
            args.append(status)
        if search:
            clause, more = self._search_clause(search)
            where.append(clause)
            args.extend(more)
        return where, args

    def has_trigram_index(self) -> bool:
        """Does this SQLite have FTS5 trigrams (else a search scans the normalised copies)?"""
        found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'").fetchone()
        return found is not None

    def _search_clause(self, query: str) -> tuple[str, list[object]]:
        """An SQL condition on ``d.id`` selecting documents whose text contains ``query``, both
        folded by :func:`fold_and_drop`; it searches the copies :mod:`model.search` indexed."""
        needle = fold_and_drop(query).strip()
        if len(needle) >= 3 and self.has_trigram_index():
            phrase = '"' + needle.replace('"', '""') + '"'
            return "d.id IN (SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH ?)", [phrase]
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "d.id IN (SELECT id FROM search_text WHERE body LIKE ? ESCAPE '\\')", [f"%{escaped}%"]

    def count_documents(self, status: str | None = None, search: str | None = None) -> int:
        """How many documents :meth:`document_summaries` would list with these filters."""
        where, args = self._filters(status, search)
        sql = f"SELECT count(*) FROM documents d WHERE {' AND '.join(where)}"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def document_summary(self, doc_id: int) -> DocumentSummary:
        row = self.conn.execute(
            """SELECT d.id, d.ext_id, d.title, d.status,
                      (SELECT count(*) FROM spans s WHERE s.doc_id = d.id)
               FROM documents d WHERE d.id = ?""",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return DocumentSummary(*row)

    def document(self, doc_id: int) -> Document:
        row = self.conn.execute(
            "SELECT id, ext_id, title, text, status, meta, content_hash FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return Document(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6])

    def document_ids(self) -> list[int]:
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def find_by_hash(self, digest: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def unique_ext_id(self, wanted: str) -> str:
        """``wanted`` if free, else ``wanted-N`` past the highest N taken (one query, not one per N)."""
        if not self.conn.execute("SELECT 1 FROM documents WHERE ext_id = ?", (wanted,)).fetchone():
            return wanted
        pattern = "".join(f"[{c}]" if c in "*?[" else c for c in wanted) + "-[0-9]*"
        taken = self.conn.execute("SELECT ext_id FROM documents WHERE ext_id GLOB ?", (pattern,))
        suffixes = (row[0][len(wanted) + 1 :] for row in taken)
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
            raise EditError(f"unknown status {status!r}")
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

    def set_status(self, doc_id: int, status: str) -> str:
        """Set a document's status; returns the previous one."""
        if status not in STATUSES:
            raise EditError(f"unknown status {status!r}")
        with self.transaction() as conn:
            old = self._status(doc_id)
            conn.execute(
                "UPDATE documents SET status = ?, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                "WHERE id = ?",
                (status, doc_id),
            )
        return old

    def _status(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(f"no document {doc_id}")
        return str(row[0])

    def next_unfinished(
        self, after_id: int, status: str | None = None, search: str | None = None
    ) -> int | None:
        """The next document after ``after_id`` (wrapping round) that is neither done nor skipped,
        among those :meth:`document_summaries` lists with the same ``status`` and ``search``."""
        where, args = self._filters(status, search)
        where.append("d.status IN ('new', 'in_progress')")
        query = f"SELECT d.id FROM documents d WHERE {' AND '.join(where)} AND d.id "
        row = self.conn.execute(query + "> ? ORDER BY d.id LIMIT 1", [*args, after_id]).fetchone()
        if row is None:  # wrap round to the first one before
            row = self.conn.execute(query + "< ? ORDER BY d.id LIMIT 1", [*args, after_id]).fetchone()
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
            raise EditError(f"no span {span_id}")
        return Span(*row)

    def _check_span(self, doc_id: int, start: int, end: int, label: str) -> None:
        row = self.conn.execute("SELECT length(text) FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise EditError(f"no document {doc_id}")
        length = int(row[0])
        if start >= end:
            raise EditError("an empty range cannot be tagged")
        if start < 0 or end > length:
            inside = self._text_of(doc_id, max(start, 0), min(end, length))
            size = plural(length, "character")
            if not inside.strip():
                raise EditError(f"{start}–{end} lies outside the text ({size})")
            edge = "the end" if end > length else "the start"
            raise EditError(f"the range from {quote(inside)} runs past {edge} of the text ({size})")
        if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone():
            raise EditError(f"unknown label {label!r}")
        if self.conn.execute(
            'SELECT 1 FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ?',
            (doc_id, start, end, label),
        ).fetchone():
            raise EditError(f"{quote(self._text_of(doc_id, start, end))} is already tagged {label}")

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
        with self.transaction() as conn:
            self._check_span(doc_id, start, end, label)
            cursor = conn.execute(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?, ?)',
                (span_id, doc_id, start, end, label, annotator),
            )
            old_status = self._status(doc_id)
            if old_status == "new":
                conn.execute("UPDATE documents SET status = 'in_progress' WHERE id = ?", (doc_id,))
        return Span(int(cursor.lastrowid or 0), doc_id, start, end, label, annotator), old_status

    def remove_span(self, span_id: int, restore_status: str | None = None) -> tuple[Span, list[Relation]]:
        """Delete a span and its relations; returns both so the removal can be undone."""
        with self.transaction() as conn:
            span = self.span(span_id)
            relations = self.relations_of_span(span_id)
            conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            if restore_status is not None:
                conn.execute("UPDATE documents SET status = ? WHERE id = ?", (restore_status, span.doc_id))
        return span, relations

    def restore_span(self, span: Span, relations: Sequence[Relation] = ()) -> None:
        """Put back a removed span with its id and relations."""
        with self.transaction() as conn:
            _, status = self.add_span(span.doc_id, span.start, span.end, span.label, span.annotator, span.id)
            conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, span.doc_id))
            conn.executemany(
                "INSERT INTO relations (id, doc_id, event_id, argument_id, role) VALUES (?, ?, ?, ?, ?)",
                [(r.id, r.doc_id, r.event_id, r.argument_id, r.role) for r in relations],
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
            self._check_span(after.doc_id, after.start, after.end, after.label)
            conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ? WHERE id = ?',
                (after.start, after.end, after.label, span_id),
            )
        return before, after

    # ---- relations ----------------------------------------------------------------------

    def relations(self, doc_id: int) -> list[Relation]:
        rows = self.conn.execute(
            "SELECT id, doc_id, event_id, argument_id, role FROM relations WHERE doc_id = ? ORDER BY id",
            (doc_id,),
        )
        return [Relation(*row) for row in rows]

    def relations_of_span(self, span_id: int) -> list[Relation]:
        rows = self.conn.execute(
            "SELECT id, doc_id, event_id, argument_id, role FROM relations "
            "WHERE event_id = ? OR argument_id = ? ORDER BY id",
            (span_id, span_id),
        )
        return [Relation(*row) for row in rows]

    def link(self, event_id: int, argument_id: int, role: str, relation_id: int | None = None) -> Relation:
        with self.transaction() as conn:
            event, argument = self.span(event_id), self.span(argument_id)
            if event.doc_id != argument.doc_id:
                raise EditError("an event and its argument must be in the same document")
            if event_id == argument_id:
                raise EditError("a span cannot be its own argument")
            try:
                cursor = conn.execute(
                    "INSERT INTO relations (id, doc_id, event_id, argument_id, role) VALUES (?, ?, ?, ?, ?)",
                    (relation_id, event.doc_id, event_id, argument_id, role),
                )
            except sqlite3.IntegrityError as exc:
                raise EditError(f"already linked as {role}") from exc
        return Relation(int(cursor.lastrowid or 0), event.doc_id, event_id, argument_id, role)

    def unlink(self, relation_id: int) -> Relation:
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, doc_id, event_id, argument_id, role FROM relations WHERE id = ?", (relation_id,)
            ).fetchone()
            if row is None:
                raise EditError(f"no relation {relation_id}")
            conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
        return Relation(*row)

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

    def iter_documents(self) -> Iterator[Document]:
        """Stream documents in id order without loading the corpus at once."""
        cursor = self.conn.execute(
            "SELECT id, ext_id, title, text, status, meta, content_hash FROM documents ORDER BY id"
        )
        for row in cursor:
            yield Document(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6])


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
