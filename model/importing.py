"""Importing files and folders into a Store, all of it in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import CancelledError, HashiyaError, InputError, UsageError
from .formats import FORMATS, Format, IncomingDocument, format_for_path
from .formats._common import MAX_JSON_DEPTH, LineError, check_label_name, first_unstorable, unstorable
from .formats.base import LabelSet, Progress, ReadOptions, Schema
from .records import STATUSES
from .store import Store, content_hash, title_from_text


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # new document ids, in import order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, ext_id already stored)
    files: int = 0
    new_labels: list[str] = field(default_factory=list)
    new_roles: list[str] = field(default_factory=list)
    #: schema files applied before the documents (a brat annotation.conf), where they were found
    schemas: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0

    @property
    def imported_count(self) -> int:
        return len(self.imported)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_files(paths: Iterable[str | Path], fmt: str = "auto") -> list[tuple[Path, Format]]:
    """The files to read and their formats: folders walked recursively in sorted order.

    In a folder, files with other extensions (and hidden ones) are passed over; a file named
    on its own must have a known extension unless ``fmt`` says which format it is.
    """
    if fmt != "auto" and (fmt not in FORMATS or FORMATS[fmt].read is None):
        raise UsageError(f"cannot import format {fmt!r}")
    forced = FORMATS.get(fmt)
    found: list[tuple[Path, Format]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = []
            for child in sorted(path.rglob("*")):
                if not child.is_file() or _hidden(child, path):
                    continue
                if child.suffix.lower() == ".txt" and child.with_suffix(".ann").exists():
                    continue  # read with its .ann as one brat document
                if child.suffix.lower() == ".zip" and (forced is None or forced.name != "brat"):
                    continue  # an archive in a folder is read only when --format brat asks for it
                child_fmt = format_for_path(child)
                if child_fmt is not None and (forced is None or child_fmt is forced):
                    inside.append((child, child_fmt))
            if not inside:
                wanted = forced.extensions if forced else [e for f in FORMATS.values() for e in f.extensions]
                raise InputError(str(path), f"no files to import here ({', '.join(wanted)})")
            found.extend(inside)
        elif path.is_file():
            file_fmt = forced or format_for_path(path)
            if file_fmt is None:
                kind = path.suffix or "(no extension)"
                raise InputError(str(path), f"unknown file type {kind}; name the format with --format")
            found.append((path, file_fmt))
        else:
            raise InputError(str(path), "no such file or folder")
    return found


_encode_meta = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode  # NaN is not JSON


class _Insert:
    """Multi-row ``INSERT`` statements of a few fixed sizes, padded with rows of NULLs they skip.

    The writer thread runs these: ``executemany`` takes the GIL back after every row, and while
    the reading thread holds it each of those waits lasts up to ``sys.getswitchinterval()``. One
    statement for thousands of rows takes it twice. Rows go in statements of ``rows`` rows, the
    rest in one statement of the smallest size in a ladder (``rows``, half, a quarter, ... 8)
    that holds it: a few texts only, so the connection's statement cache stays small, and a
    small import compiles only small statements.
    """

    SMALLEST = 8

    def __init__(self, conn: sqlite3.Connection, table: str, columns: str, rows: int) -> None:
        self.table = table
        self.columns = columns
        self.width = columns.count(",") + 1
        limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self.rows = max(1, min(rows, limit // self.width))
        self.sql: dict[int, str] = {}  # rows -> statement

    def _statement(self, rows: int) -> str:
        sql = self.sql.get(rows)
        if sql is None:
            row = "(" + ",".join("?" * self.width) + ")"
            sql = self.sql[rows] = (
                f"INSERT INTO {self.table} ({self.columns}) SELECT * FROM (VALUES {','.join([row] * rows)}) "
                "WHERE column1 IS NOT NULL"
            )
        return sql

    def __call__(self, conn: sqlite3.Connection, values: list[object]) -> None:
        """Insert ``values``: rows laid end to end (``width`` values each, the first never NULL)."""
        width = self.width
        full = self.rows * width
        whole = len(values) - len(values) % full
        for at in range(0, whole, full):
            conn.execute(self._statement(self.rows), values[at : at + full])
        rest = (len(values) - whole) // width
        if rest:
            rows = self.rows
            while rows // 2 >= max(rest, self.SMALLEST):
                rows //= 2
            chunk = values[whole:]
            chunk.extend([None] * ((rows - rest) * width))
            conn.execute(self._statement(rows), chunk)


class _Ids:
    """Row ids an import gives out, counting on from the highest ever used (SQLite: the import
    holds the write lock, so no one else numbers rows meanwhile)."""

    def __init__(self, first: int) -> None:
        self.next = first

    def reserve(self, count: int) -> None:
        """Make sure ``count`` more can be taken (nothing to do when counting)."""

    def take(self, count: int) -> Sequence[int]:
        ids = range(self.next, self.next + count)
        self.next += count
        return ids


class _SequenceIds(_Ids):
    """Row ids drawn from a PostgreSQL table's sequence, a batch at a time: analysts adding rows
    meanwhile draw from it too, so no id is ever given twice (they need not be consecutive)."""

    def __init__(self, conn: Any, table: str) -> None:
        super().__init__(0)
        self.conn = conn
        self.table = table
        self.pool: list[int] = []

    def reserve(self, count: int) -> None:
        missing = count - len(self.pool)
        if missing > 0:
            rows = self.conn.execute(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                (self.table, missing),
            )
            self.pool.extend(row[0] for row in rows)

    def take(self, count: int) -> Sequence[int]:
        ids = self.pool[:count]
        del self.pool[:count]
        return ids


class _PgInsert:
    """:class:`_Insert` for PostgreSQL: rows are copied in (``COPY``, the fastest way in). Spans
    and relations, which row-level security guards and ``COPY`` cannot write, are copied into a
    temporary table and moved over with one ``INSERT … SELECT``, where the policies still apply."""

    def __init__(self, conn: Any, table: str, columns: str, rows: int) -> None:
        self.table = table
        self.columns = columns
        self.width = columns.count(",") + 1
        self.guarded = table != "documents"
        self.staging = f"import_{table}"

    def __call__(self, conn: Any, values: list[object]) -> None:
        width = self.width
        if not values:
            return
        target = self.staging if self.guarded else self.table
        try:
            with conn.raw.cursor() as cursor:
                if self.guarded:
                    cursor.execute(
                        f"CREATE TEMP TABLE IF NOT EXISTS {self.staging} "
                        f"(LIKE {self.table} INCLUDING DEFAULTS) ON COMMIT DROP"
                    )
                with cursor.copy(f"COPY {target} ({self.columns}) FROM STDIN") as copy:
                    for at in range(0, len(values), width):
                        copy.write_row(values[at : at + width])
                if self.guarded:
                    cursor.execute(
                        f"INSERT INTO {self.table} ({self.columns}) SELECT {self.columns} FROM {self.staging}"
                    )
                    cursor.execute(f"TRUNCATE {self.staging}")
        except Exception as exc:
            raise conn.error(exc) from exc


class _BatchWriter:
    """Stores parsed documents a batch at a time, inside the import's transaction.

    Readers have already checked offsets and labels against each text; this adds what needs
    the database: duplicates by content hash, free document ids, new labels, and the keys
    relations refer to. Row ids are assigned here so spans and relations go in as whole batches.

    A writer thread inserts batch N while the caller reads and checks batch N+1 (SQLite lets
    go of the GIL while it works). The connection is used by one thread at a time: before
    anything of batch N+1 reads the database, :meth:`flush` waits for batch N's inserts, which
    also raises their error. At most one batch is in the writer's hands, one in the reader's.
    Call :meth:`finish` at the end, and :meth:`stop` always (it waits for the thread and ends it).
    """

    SIZE = 2000

    def __init__(self, store: Store, report: ImportReport) -> None:
        self.store = store
        self.conn = store.conn
        self.report = report
        self.batch: list[tuple[IncomingDocument, str]] = []  # each with its meta as JSON
        self.checked = Checked()
        self.seen_hashes: dict[str, str] = {}  # hash -> ext_id, for this import
        # wanted ext_id -> the last n tried for ``wanted-n``: each suffix is tried once per import,
        # so thousands of documents sharing one id stay linear (not a scan from -2 for each)
        self.suffixes: dict[str, int] = {}
        self.labels = set(store.label_names())
        self.postgresql = getattr(self.conn, "dialect", "sqlite") == "postgresql"
        self.doc_ids = self._ids("documents")
        self.span_ids = self._ids("spans")
        self.relation_ids = self._ids("relations")
        conn = self.conn
        document_columns = "id, ext_id, title, text, meta, status, content_hash"
        insert = _PgInsert if self.postgresql else _Insert
        # a batch's documents in one statement, its spans in a few
        self.insert_documents = insert(conn, "documents", document_columns, self.SIZE)
        self.insert_spans = insert(conn, "spans", 'id, doc_id, start, "end", label, annotator', 5000)
        self.insert_relations = insert(conn, "relations", "id, doc_id, event_id, argument_id, role", 5000)
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hashiya-import")
        self.writing: Future[None] | None = None  # the batch the writer thread holds

    def _next_id(self, table: str) -> int:
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        top = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        return max(top, row[0] if row else 0) + 1

    def _ids(self, table: str) -> _Ids:
        if self.postgresql:  # others may add rows meanwhile: ids come from the table's sequence
            return _SequenceIds(self.conn, table)
        return _Ids(self._next_id(table))

    def add(self, doc: IncomingDocument) -> None:
        self.batch.append((doc, check_document(doc, self.checked)))
        if len(self.batch) >= self.SIZE:
            self.flush()

    def _settle(self) -> None:
        """Wait for the batch the writer thread holds; raises its error. The connection is ours."""
        writing, self.writing = self.writing, None
        if writing is not None:
            writing.result()

    def finish(self) -> None:
        """Store what is left and wait until every row is in."""
        self.flush()
        self._settle()

    def stop(self) -> BaseException | None:
        """Wait for the writer thread (even through another interrupt: nothing may touch the
        connection, nor roll back, while it inserts) and end it. Returns the error of the batch it
        held, if any: an earlier batch's failure, to be reported before a later one's."""
        writing, self.writing = self.writing, None
        interrupted: BaseException | None = None
        while True:
            try:
                if writing is not None:
                    wait([writing])
                self.thread.shutdown(wait=True)
                break
            except BaseException as exc:  # e.g. a second SIGTERM: wait all the same
                interrupted = exc
        if interrupted is not None:
            raise interrupted
        return None if writing is None else writing.exception()

    def _existing(self, column: str, values: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {column}, ext_id FROM documents WHERE {column} IN ({marks})",
                chunk,
            )
            found.update(dict(rows))
        return found

    def _free_id(self, wanted: str, taken: set[str]) -> str:
        """``wanted-n`` for the first n free in this batch (``taken``) and in the table (which holds
        earlier batches); n carries on from the last one tried for ``wanted``."""
        n = self.suffixes.get(wanted, 1)
        while True:
            n += 1
            candidate = f"{wanted}-{n}"
            if candidate in taken:
                continue
            if self.conn.execute("SELECT 1 FROM documents WHERE ext_id = ?", (candidate,)).fetchone() is None:
                break
        self.suffixes[wanted] = n
        return candidate

    def flush(self) -> None:
        """Hand the batch to the writer thread, once the one before it is in."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        self._settle()  # earlier batches are in the table before it is asked about this one
        # Hashed while the writer thread waits: hashlib lets go of the GIL for every text, and
        # each time wakes a writer waiting for it, in vain (the reader takes it back first).
        hashes = [content_hash(doc.text) for doc, _ in batch]
        self.seen_hashes.clear()  # flushed rows answer for themselves: memory stays flat
        stored = self._existing("content_hash", hashes)
        taken = set(self._existing("ext_id", [doc.ext_id for doc, _ in batch]))
        labels = self.labels
        self.doc_ids.reserve(len(batch))
        self.span_ids.reserve(sum(len(doc.spans) for doc, _ in batch))
        self.relation_ids.reserve(sum(len(doc.relations) for doc, _ in batch))
        # rows laid end to end, as _Insert takes them
        doc_rows: list[object] = []
        span_rows: list[object] = []
        relation_rows: list[object] = []
        doc_notes: list[tuple[str, int]] = []  # (note, id): rare, so set after the rows go in
        span_notes: list[tuple[str, int]] = []
        for (doc, meta), digest in zip(batch, hashes, strict=True):
            known = stored.get(digest) or self.seen_hashes.get(digest)
            if known is not None:
                self.report.skipped.append((doc.source, known))
                continue
            ext_id = doc.ext_id
            if ext_id in taken:
                ext_id = self._free_id(ext_id, taken)
            taken.add(ext_id)
            self.seen_hashes[digest] = ext_id  # earlier batches are found in the table itself
            doc_id = self.doc_ids.take(1)[0]
            status = doc.status or ("in_progress" if doc.spans else "new")
            if status not in STATUSES:
                raise InputError(doc.path, f"unknown status {status!r}", doc.line)
            title = doc.title if doc.title is not None else title_from_text(doc.text)
            doc_rows += (doc_id, ext_id, title, doc.text, meta, status, digest)
            if doc.note:
                doc_notes.append((doc.note, doc_id))
            # Readers have checked each span against its text and merged duplicates; the
            # UNIQUE constraint on spans backs that up.
            span_ids = self.span_ids.take(len(doc.spans))
            for span_id, (start, end, label, annotator, _, note) in zip(span_ids, doc.spans, strict=True):
                if label not in labels:
                    self.store.add_label(label)  # only reachable with --add-labels
                    labels.add(label)
                    self.report.new_labels.append(label)
                span_rows += (span_id, doc_id, start, end, label, annotator)
                if note:
                    span_notes.append((note, span_id))
            if not doc.relations:
                self.report.imported.append(doc_id)
                self.report.spans += len(span_ids)
                continue
            keys = {s.key: at for at, s in zip(span_ids, doc.spans, strict=True) if s.key is not None}
            for relation in doc.relations:
                try:
                    event, argument = keys[relation.event], keys[relation.argument]
                except KeyError as exc:
                    raise InputError(
                        doc.path, f"relation refers to unknown span {exc.args[0]}", doc.line
                    ) from exc
                relation_rows += (self.relation_ids.take(1)[0], doc_id, event, argument, relation.role)
            self.report.imported.append(doc_id)
            self.report.spans += len(doc.spans)
            self.report.relations += len(doc.relations)
        self.writing = self.thread.submit(
            self._insert, batch[0][0].path, doc_rows, span_rows, relation_rows, (doc_notes, span_notes)
        )

    def _insert(
        self,
        path: str,
        doc_rows: list[object],
        span_rows: list[object],
        relation_rows: list[object],
        notes: tuple[list[tuple[str, int]], list[tuple[str, int]]] = ([], []),
    ) -> None:
        """The writer thread's part: one batch's rows into their tables."""
        conn = self.conn
        self.insert_documents(conn, doc_rows)
        try:
            self.insert_spans(conn, span_rows)
        except sqlite3.IntegrityError as exc:
            raise InputError(path, f"a span is listed twice or lies outside its text ({exc})") from exc
        try:
            self.insert_relations(conn, relation_rows)
        except sqlite3.IntegrityError as exc:
            raise InputError(path, f"a relation is listed twice ({exc})") from exc
        doc_notes, span_notes = notes
        if doc_notes:
            conn.executemany("UPDATE documents SET note = ? WHERE id = ?", doc_notes)
        if span_notes:
            conn.executemany("UPDATE spans SET note = ? WHERE id = ?", span_notes)


_NONE: frozenset[str] = frozenset()


class Checked:
    """Names an import has found clean already (annotators, labels, roles), so that each is
    checked once rather than on every document; a few thousand at most are kept."""

    LIMIT = 5000

    def __init__(self) -> None:
        self.annotators: set[str] = set()
        self.labels: set[str] = set()
        self.roles: set[str] = set()

    def keep(self, kept: set[str], names: Iterable[str]) -> None:
        if len(kept) < self.LIMIT:
            kept.update(names)


def check_document(doc: IncomingDocument, checked: Checked | None = None) -> str:
    """Refuse what would be stored but break later: control characters (NUL, ...) or lone
    surrogates in the text, id, title, annotators or roles; meta that JSON cannot hold (NaN) or
    UTF-8 cannot encode; label names that are not printable. Raises :class:`InputError` naming the
    file and line (for a file that is the text itself, the line inside the text).

    Returns the meta as the JSON stored. ``checked``: names found clean by earlier calls, which
    are not checked again (and where those found clean now are added)."""
    if checked is None:
        checked = Checked()
    try:
        if doc.line is None:  # the whole file is the text: name the line in it
            at = first_unstorable(doc.text)
            if at >= 0:
                problem = unstorable(doc.text, "the text", line_breaks=True)
                assert problem is not None
                raise problem.at(doc.path, doc.text.count("\n", 0, at) + 1)
        checks = [(doc.text, "the text"), (doc.ext_id, "the id"), (doc.title or "", "the title")]
        spans, relations = doc.spans, doc.relations
        annotators: AbstractSet[str] = _NONE  # new names to check, and to remember once clean
        labels: AbstractSet[str] = _NONE
        roles: AbstractSet[str] = _NONE
        if doc.note:
            checks.append((doc.note, "the note"))
        if spans:
            checks += [(s.note, f"the note on span {s.start}–{s.end}") for s in spans if s.note]
            annotators = {span.annotator for span in spans} - checked.annotators
            labels = {span.label for span in spans} - checked.labels
            checks += [(name, f"annotator {name!r}") for name in annotators]
        if relations:
            roles = {relation.role for relation in relations} - checked.roles
            checks += [(role, f"role {role!r}") for role in roles]
        for value, what in checks:
            problem = unstorable(value, what)  # "at character N": offsets count characters too
            if problem is not None:
                raise problem
        for label in labels:
            check_label_name(label, "a span")
        for role in roles:
            if not role.isprintable():
                raise LineError(f"a relation has role {role!r}; roles must be printable")
        meta = "{}"
        if doc.meta:
            try:
                meta = _encode_meta(doc.meta)
                meta.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise LineError("'meta' holds a lone UTF-16 surrogate, which no export can write") from exc
            except ValueError as exc:
                raise LineError(f"'meta' holds a number JSON cannot write ({exc})") from exc
            except RecursionError as exc:
                raise LineError(f"'meta' is nested too deeply (more than {MAX_JSON_DEPTH} levels)") from exc
    except LineError as exc:
        raise exc.at(doc.path, doc.line) from exc
    if annotators:
        checked.keep(checked.annotators, annotators)
    if labels:
        checked.keep(checked.labels, labels)
    if roles:
        checked.keep(checked.roles, roles)
    return meta


def read_schemas(files: Sequence[tuple[Path, Format]], mapping: dict[str, str] | None = None,
                 roots: Sequence[str | Path] = ()) -> list[tuple[str, Schema]]:
    """The schemas the files bring (a brat folder's or archive's annotation.conf), each once, as
    (where, schema); labels the label map renames are left out (they go into others), and the
    roles' lists name them as renamed. A file in a folder takes the nearest annotation.conf from
    its folder up to the folder named in ``roots`` that holds it (as brat looks up the tree).
    Raises :class:`InputError` for a schema file it cannot read."""
    found: dict[str, Schema] = {}
    nearest: dict[Path, tuple[str, Schema] | None] = {}  # folder -> what it brings
    tops = [Path(root).resolve() for root in roots if Path(root).is_dir()]
    mapping = mapping or {}
    for path, fmt in files:
        if fmt.read_schema is None:
            continue
        if path.suffix.lower() == ".zip":
            read = fmt.read_schema(path)
        else:
            read = None
            folder = path.parent.resolve()
            top = next((t for t in tops if folder == t or t in folder.parents), folder)
            while True:
                if folder not in nearest:
                    nearest[folder] = fmt.read_schema(folder)
                read = nearest[folder]
                if read is not None or folder == top or folder.parent == folder:
                    break
                folder = folder.parent
        if read is None or read[0] in found:
            continue
        where, schema = read
        labels = tuple(label for label in schema.labels if label.name not in mapping)
        roles = tuple(replace(role, labels=tuple(dict.fromkeys(mapping.get(n, n) for n in role.labels)))
                      for role in schema.roles)
        found[where] = Schema(labels, roles)
    return list(found.items())


def apply_schemas(store: Store, schemas: Sequence[tuple[str, Schema]], report: ImportReport) -> None:
    """Merge each schema into the store (inside the caller's transaction); a schema the store
    refuses is an :class:`InputError` naming its file."""
    for where, schema in schemas:
        try:
            merged = store.apply_schema(schema.labels, schema.roles)
        except HashiyaError as exc:
            raise InputError(where, str(exc)) from exc
        report.schemas.append(where)
        report.new_labels.extend(merged.labels_added)
        report.new_roles.extend(merged.roles_added)


class _Refusals(LabelSet):
    """Lets every label through, noting (in first-seen order) those ``labels`` would refuse."""

    def __init__(self, labels: LabelSet) -> None:
        super().__init__(labels.known, labels.mapping, add_new=True)
        self.labels = labels
        self.refused: dict[str, None] = {}

    def resolve(self, name: str) -> str | None:
        found = self.labels.resolve(name)
        if found is None and name.strip():
            self.refused[name] = None
            return name
        return found


def unknown_labels(
    paths: Sequence[str | Path], fmt: str = "auto", options: ReadOptions | None = None
) -> list[str]:
    """The labels the files use that ``options.labels`` would refuse (after its mapping), each
    once, as the files spell them, in the order first met: what to rename or add before importing.

    ``options.labels`` should know the database's labels (``LabelSet(store.label_names(), ...)``).
    Reads and checks every file as :func:`import_paths` does but writes nothing; a file it cannot
    read raises the same :class:`InputError`.
    """
    options = options or ReadOptions()
    files = collect_files(paths, fmt)
    labels = options.labels
    schemas = read_schemas(files, labels.mapping, paths)
    defined = [label.name for _, schema in schemas for label in schema.labels]
    if defined:  # labels a brat annotation.conf brings are added by the import
        labels = LabelSet([*labels.known, *defined], labels.mapping, labels.add_new)
    refusals = _Refusals(labels)
    reading = replace(options, labels=refusals)
    for path, file_fmt in files:
        assert file_fmt.read is not None
        for _ in file_fmt.read(path, reading):
            pass
    return list(refusals.refused)


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    fmt: str = "auto",
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> ImportReport:
    """Import files and folders in one transaction: on any error (or cancel) nothing is kept.

    An article whose text is already stored, or appears earlier in the same import, is
    skipped and listed in :attr:`ImportReport.skipped`.
    """
    files = collect_files(paths, fmt)
    report = ImportReport()
    options = options or ReadOptions()
    chosen = options.labels
    schemas = read_schemas(files, chosen.mapping, paths)  # read (and refused) before anything is written
    options = replace(options, labels=LabelSet(store.label_names(), chosen.mapping, chosen.add_new))
    with store.transaction():
        if schemas:  # a brat annotation.conf: its labels and roles first, in the same transaction
            apply_schemas(store, schemas, report)
            options = replace(options, labels=LabelSet(store.label_names(), chosen.mapping, chosen.add_new))
        writer = _BatchWriter(store, report)
        try:
            if progress is not None and progress(0, len(files)) is False:
                raise CancelledError()
            for done, (path, file_fmt) in enumerate(files, 1):
                assert file_fmt.read is not None
                try:
                    for n, doc in enumerate(file_fmt.read(path, options), 1):
                        writer.add(doc)
                        if progress is not None and n % 200 == 0 and progress(done - 1, len(files)) is False:
                            raise CancelledError()
                except RecursionError as exc:  # a reader's parser overflowing on hostile nesting
                    message = f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"
                    raise InputError(str(path), message) from exc
                writer.flush()
                report.files += 1
                if progress is not None and progress(done, len(files)) is False:
                    raise CancelledError()
            writer.finish()
        except Exception:
            # The writer thread lets go of the connection before the transaction rolls back. An
            # earlier batch's failure is reported first, as if the batches had gone in one by one.
            earlier = writer.stop()
            if earlier is not None:
                raise earlier from None
            raise
        except BaseException:  # an interrupt (SIGTERM in the CLI): wait for the writer all the same
            writer.stop()
            raise
        writer.stop()
    return report
