"""Importing files and folders into a Store, all of it in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import CancelledError, InputError, UsageError
from .formats import FORMATS, Format, IncomingDocument, format_for_path
from .formats._common import MAX_JSON_DEPTH, LineError, check_label_name, first_unstorable, unstorable
from .formats.base import LabelSet, Progress, ReadOptions
from .records import STATUSES
from .search import index_documents
from .store import Store, content_hash, title_from_text


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # new document ids, in import order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, ext_id already stored)
    files: int = 0
    new_labels: list[str] = field(default_factory=list)
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


class _BatchWriter:
    """Stores parsed documents a batch at a time with ``executemany``, inside the import's transaction.

    Readers have already checked offsets and labels against each text; this adds what needs
    the database: duplicates by content hash, free document ids, new labels, and the keys
    relations refer to. Row ids are assigned here so spans and relations go in as whole batches.
    """

    SIZE = 2000

    def __init__(self, store: Store, report: ImportReport) -> None:
        self.store = store
        self.conn = store.conn
        self.report = report
        self.batch: list[IncomingDocument] = []
        self.seen_hashes: dict[str, str] = {}  # hash -> ext_id, for this import
        # wanted ext_id -> the last n tried for ``wanted-n``: each suffix is tried once per import,
        # so thousands of documents sharing one id stay linear (not a scan from -2 for each)
        self.suffixes: dict[str, int] = {}
        self.labels = set(store.label_names())
        self.next_doc = self._next_id("documents")
        self.next_span = self._next_id("spans")
        self.next_relation = self._next_id("relations")

    def _next_id(self, table: str) -> int:
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        top = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        return max(top, row[0] if row else 0) + 1

    def add(self, doc: IncomingDocument) -> None:
        check_document(doc)
        self.batch.append(doc)
        if len(self.batch) >= self.SIZE:
            self.flush()

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
        batch, self.batch = self.batch, []
        self.seen_hashes.clear()  # flushed rows answer for themselves: memory stays flat
        if not batch:
            return
        hashes = [content_hash(doc.text) for doc in batch]
        stored = self._existing("content_hash", hashes)
        taken = set(self._existing("ext_id", [doc.ext_id for doc in batch]))
        doc_rows, span_rows, relation_rows = [], [], []
        for doc, digest in zip(batch, hashes, strict=True):
            known = stored.get(digest) or self.seen_hashes.get(digest)
            if known is not None:
                self.report.skipped.append((doc.source, known))
                continue
            ext_id = doc.ext_id
            if ext_id in taken:
                ext_id = self._free_id(ext_id, taken)
            taken.add(ext_id)
            self.seen_hashes[digest] = ext_id  # earlier batches are found in the table itself
            doc_id = self.next_doc
            self.next_doc += 1
            status = doc.status or ("in_progress" if doc.spans else "new")
            if status not in STATUSES:
                raise InputError(doc.path, f"unknown status {status!r}", doc.line)
            title = doc.title if doc.title is not None else title_from_text(doc.text)
            meta = _encode_meta(doc.meta) if doc.meta else "{}"
            doc_rows.append((doc_id, ext_id, title, doc.text, meta, status, digest))
            keys: dict[int | str, int] = {}
            # Readers have checked each span against its text and merged duplicates; the
            # UNIQUE constraint on spans backs that up.
            for span in doc.spans:
                if span.label not in self.labels:
                    self.store.add_label(span.label)  # only reachable with --add-labels
                    self.labels.add(span.label)
                    self.report.new_labels.append(span.label)
                span_id = self.next_span
                self.next_span += 1
                if span.key is not None:
                    keys[span.key] = span_id
                span_rows.append((span_id, doc_id, span.start, span.end, span.label, span.annotator))
            for relation in doc.relations:
                try:
                    event, argument = keys[relation.event], keys[relation.argument]
                except KeyError as exc:
                    raise InputError(
                        doc.path, f"relation refers to unknown span {exc.args[0]}", doc.line
                    ) from exc
                relation_rows.append((self.next_relation, doc_id, event, argument, relation.role))
                self.next_relation += 1
            self.report.imported.append(doc_id)
            self.report.spans += len(doc.spans)
            self.report.relations += len(doc.relations)
        conn = self.conn
        conn.executemany(
            "INSERT INTO documents (id, ext_id, title, text, meta, status, content_hash) "
            "VALUES (?,?,?,?,?,?,?)",
            doc_rows,
        )
        index_documents(conn, ((row[0], row[3]) for row in doc_rows))  # search finds them at once
        try:
            conn.executemany(
                'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?,?,?,?,?,?)',
                span_rows,
            )
        except sqlite3.IntegrityError as exc:
            raise InputError(
                batch[0].path, f"a span is listed twice or lies outside its text ({exc})"
            ) from exc
        try:
            conn.executemany(
                "INSERT INTO relations (id, doc_id, event_id, argument_id, role) VALUES (?,?,?,?,?)",
                relation_rows,
            )
        except sqlite3.IntegrityError as exc:
            raise InputError(batch[0].path, f"a relation is listed twice ({exc})") from exc


def check_document(doc: IncomingDocument) -> None:
    """Refuse what would be stored but break later: control characters (NUL, ...) or lone
    surrogates in the text, id, title, annotators or roles; meta that JSON cannot hold (NaN) or
    UTF-8 cannot encode; label names that are not printable. Raises :class:`InputError` naming the
    file and line (for a file that is the text itself, the line inside the text)."""
    try:
        if doc.line is None:  # the whole file is the text: name the line in it
            at = first_unstorable(doc.text)
            if at >= 0:
                problem = unstorable(doc.text, "the text", line_breaks=True)
                assert problem is not None
                raise problem.at(doc.path, doc.text.count("\n", 0, at) + 1)
        checks = [(doc.text, "the text"), (doc.ext_id, "the id"), (doc.title or "", "the title")]
        checks += [(name, f"annotator {name!r}") for name in {span.annotator for span in doc.spans}]
        checks += [(role, f"role {role!r}") for role in {relation.role for relation in doc.relations}]
        for value, what in checks:
            problem = unstorable(value, what)  # "at character N": offsets count characters too
            if problem is not None:
                raise problem
        for label in {span.label for span in doc.spans}:
            check_label_name(label, "a span")
        for role in {relation.role for relation in doc.relations}:
            if not role.isprintable():
                raise LineError(f"a relation has role {role!r}; roles must be printable")
        if doc.meta:
            try:
                _encode_meta(doc.meta).encode("utf-8")
            except UnicodeEncodeError as exc:
                raise LineError("'meta' holds a lone UTF-16 surrogate, which no export can write") from exc
            except ValueError as exc:
                raise LineError(f"'meta' holds a number JSON cannot write ({exc})") from exc
            except RecursionError as exc:
                raise LineError(f"'meta' is nested too deeply (more than {MAX_JSON_DEPTH} levels)") from exc
    except LineError as exc:
        raise exc.at(doc.path, doc.line) from exc


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
    refusals = _Refusals(options.labels)
    reading = replace(options, labels=refusals)
    for path, file_fmt in collect_files(paths, fmt):
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
    options = replace(options, labels=LabelSet(store.label_names(), chosen.mapping, chosen.add_new))
    with store.transaction():
        writer = _BatchWriter(store, report)
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
                raise InputError(str(path), f"nested too deeply (more than {MAX_JSON_DEPTH} levels)") from exc
            writer.flush()
            report.files += 1
            if progress is not None and progress(done, len(files)) is False:
                raise CancelledError()
    return report
