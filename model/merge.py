"""Merging analysts' own Hashiya databases into one: ``hashiya merge A.db B.db --into T.db``.

Analysts who work air-gapped hand in their SQLite file. Each source is opened read-only (never
migrated or written) and checked first: a file from another program, from a newer Hashiya, or
not a database at all is refused, naming the file, before anything is written to the target.

Then, in one transaction on the target (any error or a cancel rolls all of it back):

- documents are matched by their text (``content_hash``); a source document whose text the
  target lacks is added with its title, meta and status, under its ext id or, when the target
  holds another text under that id, one made unique as imports do (``id-2``);
- a matched document that is still ``new`` in the target takes the source's status; otherwise
  the target keeps its own, and the report counts those that differ;
- spans are one analyst's each, identified by (document, start, end, label, annotator), so two
  analysts' identical spans are both kept; a source span without an annotator is credited to
  the source's analyst (its ``analyst`` setting, else the file's stem);
- relations are mapped through the span ids and kept once per (event, argument, role);
- labels the source's spans use and the target lacks are added with their title and colour.

Merging the same file twice adds nothing, and the order of the sources does not change what the
target holds (ids and first-come statuses aside). The work is set-based SQL over the attached
source (``INSERT … SELECT`` joined on ``content_hash``), not row by row. Search indexing of
the new documents is left to the caller, after the commit (:func:`model.search.update_index`).

Into a team database on PostgreSQL (``store.dialect == "postgresql"``) the rules are the same,
but there is no ATTACH: each source is read with :mod:`sqlite3` (read-only, one snapshot) and
its rows are streamed with ``COPY`` into temporary tables on the server, from which the same
set-based ``INSERT … SELECT`` statements write the team's tables (see :func:`_merge_one_pg`).
New rows take their ids from the tables' sequences (others write meanwhile), and row-level
security applies: merging needs a lead's login (it writes documents, labels and other analysts'
spans); anyone else is refused by the server, in one line, and nothing is kept.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CancelledError, HashiyaError, InputError, StoreError, UsageError, store_error
from .records import Progress
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .store import Store

#: The tables a source must have: every schema version since the first holds them.
CORE_TABLES = ("documents", "spans", "relations", "labels", "settings")

#: The setting naming a database's analyst; without it a source's file stem is used.
ANALYST_SETTING = "analyst"

#: SQLite calls the cancel check every this many virtual-machine steps inside one statement.
CHECK_EVERY = 20_000

NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


@dataclass
class SourceReport:
    """What one source brought into the target."""

    path: str
    analyst: str
    documents_added: int = 0
    documents_matched: int = 0
    spans_added: int = 0
    relations_added: int = 0
    labels_added: list[str] = field(default_factory=list)
    #: matched documents still ``new`` in the target that took the source's status
    statuses_taken: int = 0
    #: matched documents whose status differs from the source's, the target's being kept
    statuses_differ: int = 0


@dataclass
class MergeReport:
    """What a merge added, in total and per source (in the order given)."""

    sources: list[SourceReport] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(int(getattr(source, name)) for source in self.sources)

    @property
    def documents_added(self) -> int:
        return self._sum("documents_added")

    @property
    def documents_matched(self) -> int:
        return self._sum("documents_matched")

    @property
    def spans_added(self) -> int:
        return self._sum("spans_added")

    @property
    def relations_added(self) -> int:
        return self._sum("relations_added")

    @property
    def statuses_taken(self) -> int:
        return self._sum("statuses_taken")

    @property
    def statuses_differ(self) -> int:
        return self._sum("statuses_differ")

    @property
    def labels_added(self) -> list[str]:
        return [name for source in self.sources for name in source.labels_added]


@dataclass(frozen=True)
class Source:
    """A checked source: its path, schema version, analyst and size (for progress)."""

    path: str
    version: int
    analyst: str
    rows: int


def _uri(path: Path) -> str:
    """A read-only SQLite URI for ``path`` (percent-encoded, any platform)."""
    return path.resolve().as_uri() + "?mode=ro"


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(_uri(path), uri=True, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def check_source(path: str | Path, target: str | None = None) -> Source:
    """Open ``path`` read-only and check it is a Hashiya database this version can read.

    Raises :class:`InputError` naming the file otherwise; writes nothing anywhere."""
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError(name, "no such file")
    if not file.is_file():
        raise InputError(name, "not a file")
    if target and target != ":memory:" and Path(target).exists() and os.path.samefile(file, target):
        raise InputError(name, "this is the database being merged into")
    try:
        with _read_only(file) as conn:
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if application_id != APPLICATION_ID or version < 1:
                raise InputError(name, "not a Hashiya database (another program's file)")
            if version > SCHEMA_VERSION:
                raise InputError(
                    name,
                    f"written by a newer Hashiya (schema version {version}); this version reads up to "
                    f"{SCHEMA_VERSION}. Please upgrade Hashiya.",
                )
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = [table for table in CORE_TABLES if table not in tables]
            if missing:
                raise InputError(name, f"a damaged Hashiya database (no {', '.join(missing)} table)")
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (ANALYST_SETTING,)).fetchone()
            analyst = str(row[0]).strip() if row and row[0] is not None else ""
            rows = sum(
                int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("documents", "spans", "relations")
            )
    except sqlite3.DatabaseError as exc:
        low = str(exc).lower()
        if "not a database" in low or "malformed" in low or "encrypted" in low:
            raise InputError(name, "not an SQLite database") from exc
        raise InputError(name, f"cannot be read ({exc})") from exc
    return Source(name, version, analyst or file.stem, rows)


def check_sources(paths: Sequence[str | Path], target: str | None = None) -> list[Source]:
    """Check every source (see :func:`check_source`); the same file given twice counts once."""
    if not paths:
        raise UsageError("no database to merge")
    sources: list[Source] = []
    seen: list[Path] = []
    for path in paths:
        source = check_source(path, target)
        file = Path(path)
        if any(os.path.samefile(file, other) for other in seen):
            continue
        seen.append(file)
        sources.append(source)
    return sources


def _uris_honoured(conn: sqlite3.Connection) -> bool:
    """Whether ATTACH on this connection reads ``file:`` URIs (and so ``mode=ro``)."""
    options = {str(row[0]) for row in conn.execute("PRAGMA compile_options")}
    return "USE_URI" in options or "USE_URI=1" in options


def _attach(conn: sqlite3.Connection, source: Source, alias: str, stack: ExitStack) -> None:
    """Attach ``source`` read-only as ``alias``, detached when ``stack`` closes.

    Where this SQLite reads no URIs in ATTACH, a snapshot copied through a read-only connection
    (the backup API) is attached instead: the source is still never opened for writing."""
    path = Path(source.path)
    if _uris_honoured(conn):
        location = _uri(path)
    else:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="hashiya-merge-"))
        location = os.path.join(folder, "source.db")
        copy = sqlite3.connect(location)
        try:
            with _read_only(path) as original:
                original.backup(copy)
        finally:
            copy.close()
    try:
        conn.execute("ATTACH DATABASE ? AS " + alias, (location,))
    except sqlite3.Error as exc:
        raise InputError(source.path, f"cannot be read ({exc})") from exc

    def detach() -> None:
        try:
            conn.execute("DETACH DATABASE " + alias)
        except sqlite3.Error:
            pass

    stack.callback(detach)


class _Steps:
    """Progress over the sources' rows, and cancel checks inside long statements."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.cancelled = False

    def advance(self, rows: int) -> None:
        self.done = min(self.done + rows, self.total)
        self.check()

    def check(self) -> None:
        if self.progress is not None and self.progress(self.done, self.total) is False:
            self.cancelled = True
            raise CancelledError()

    def handler(self) -> int:
        """SQLite's progress handler: non-zero interrupts the running statement."""
        if self.cancelled or (self.progress is not None and self.progress(self.done, self.total) is False):
            self.cancelled = True
            return 1
        return 0


def merge_databases(
    store: Store, paths: Sequence[str | Path], progress: Progress | None = None
) -> MergeReport:
    """Merge the Hashiya databases at ``paths`` into ``store`` in one transaction.

    Every source is checked before anything is written; ``progress(done, total)`` returning
    False cancels (:class:`CancelledError`, nothing kept). See the module's description."""
    if getattr(store, "dialect", "sqlite") == "postgresql":
        return _merge_into_server(store, paths, progress)
    sources = check_sources(paths, store.path)
    conn = store.conn
    attached = sum(1 for row in conn.execute("PRAGMA database_list") if row[1] not in ("main", "temp"))
    room = conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) - attached
    if len(sources) > room:
        raise UsageError(f"at most {room} databases can be merged at once; merge the others in another run")
    steps = _Steps(progress, sum(source.rows for source in sources))
    report = MergeReport()
    steps.check()
    with ExitStack() as stack:
        aliases = [f"merge_source_{n}" for n in range(len(sources))]
        for source, alias in zip(sources, aliases, strict=True):
            _attach(conn, source, alias, stack)
        conn.set_progress_handler(steps.handler, CHECK_EVERY)
        stack.callback(conn.set_progress_handler, None, 0)
        try:
            with store.transaction():
                try:
                    for source, alias in zip(sources, aliases, strict=True):
                        report.sources.append(_merge_one(store, source, alias, steps))
                except sqlite3.Error as exc:
                    raise _failure(exc, store, steps, sources[len(report.sources)]) from exc
        except HashiyaError as exc:  # a commit interrupted by the cancel comes back as a store error
            if steps.cancelled and not isinstance(exc, CancelledError):
                raise CancelledError() from exc
            raise
    return report


def _failure(exc: sqlite3.Error, store: Store, steps: _Steps, source: Source) -> HashiyaError:
    """One line for an SQLite error while merging ``source``."""
    if steps.cancelled:
        return CancelledError()
    if isinstance(exc, sqlite3.IntegrityError):  # the source holds what the target may not
        return InputError(source.path, f"cannot be merged ({exc})")
    return store_error(store.path, exc)


def _labels_used(schema: str) -> str:
    """The labels the spans of the source in ``schema`` use: name, title and colour (None for a
    label the source's table lacks), in the source's order."""
    return (
        f"SELECT u.label, l.title, l.color FROM (SELECT DISTINCT label FROM {schema}.spans) u "
        f"LEFT JOIN {schema}.labels l ON l.name = u.label ORDER BY l.position IS NULL, l.position, u.label"
    )


def _add_labels(store: Store, used: Sequence[Sequence[Any]], result: SourceReport) -> None:
    """Add the labels of ``used`` (see :func:`_labels_used`) that the target lacks."""
    have = set(store.label_names())
    for name, title, color in used:
        if name in have:
            continue
        if color is None:
            store.add_label(name, title or "")
        else:
            store.add_label(name, title or "", color)
        have.add(name)
        result.labels_added.append(name)


def _merge_one(store: Store, source: Source, s: str, steps: _Steps) -> SourceReport:
    """Merge the source attached as ``s``; the caller holds the transaction."""
    conn = store.conn
    result = SourceReport(source.path, source.analyst)

    _add_labels(store, conn.execute(_labels_used(s)).fetchall(), result)

    # Documents: matched by text, else added (ext id kept, or made unique as imports do).
    conn.execute("DROP TABLE IF EXISTS temp.merge_docs")
    conn.execute("DROP TABLE IF EXISTS temp.merge_new")
    conn.execute("DROP TABLE IF EXISTS temp.merge_spans")
    conn.execute(
        "CREATE TEMP TABLE merge_docs (src_id INTEGER PRIMARY KEY, tgt_id INTEGER NOT NULL, "
        "added INTEGER NOT NULL, src_status TEXT NOT NULL, tgt_status TEXT NOT NULL)"
    )
    conn.execute(
        "INSERT INTO temp.merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
        f"SELECT s.id, d.id, 0, s.status, d.status FROM {s}.documents s "
        "JOIN main.documents d ON d.content_hash = s.content_hash"
    )
    conn.execute("CREATE TEMP TABLE merge_new (src_id INTEGER PRIMARY KEY)")
    conn.execute(
        f"INSERT INTO temp.merge_new (src_id) SELECT s.id FROM {s}.documents s "
        "WHERE NOT EXISTS (SELECT 1 FROM main.documents d WHERE d.content_hash = s.content_hash) "
        "AND NOT EXISTS (SELECT 1 FROM main.documents d WHERE d.ext_id = s.ext_id)"
    )
    columns = "ext_id, title, text, meta, status, content_hash, created, updated"
    picked = "s.title, s.text, s.meta, s.status, s.content_hash, s.created, s.updated"
    conn.execute(
        f"INSERT INTO main.documents ({columns}) SELECT s.ext_id, {picked} "
        f"FROM temp.merge_new n JOIN {s}.documents s ON s.id = n.src_id ORDER BY n.src_id"
    )
    clashing = conn.execute(
        f"SELECT s.id, s.ext_id FROM {s}.documents s "
        "WHERE NOT EXISTS (SELECT 1 FROM main.documents d WHERE d.content_hash = s.content_hash) "
        "ORDER BY s.id"
    ).fetchall()
    for src_id, ext_id in clashing:  # the target holds another text under this id: few, if any
        conn.execute(
            f"INSERT INTO main.documents ({columns}) SELECT ?, {picked} FROM {s}.documents s WHERE s.id = ?",
            (store.unique_ext_id(ext_id), src_id),
        )
    conn.execute(
        "INSERT OR IGNORE INTO temp.merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
        f"SELECT s.id, d.id, 1, s.status, s.status FROM {s}.documents s "
        "JOIN main.documents d ON d.content_hash = s.content_hash"
    )
    result.documents_added, result.documents_matched = conn.execute(
        "SELECT coalesce(sum(added), 0), coalesce(sum(1 - added), 0) FROM temp.merge_docs"
    ).fetchone()
    steps.advance(result.documents_added + result.documents_matched)

    # Statuses: a target document still new takes the source's; otherwise the target's stays.
    result.statuses_differ = conn.execute(
        "SELECT count(*) FROM temp.merge_docs WHERE added = 0 AND tgt_status != 'new' "
        "AND tgt_status != src_status"
    ).fetchone()[0]
    conn.execute("CREATE INDEX temp.merge_docs_by_target ON merge_docs (tgt_id)")
    result.statuses_taken = conn.execute(
        "UPDATE main.documents SET status = (SELECT m.src_status FROM temp.merge_docs m "
        f"WHERE m.tgt_id = documents.id), updated = {NOW} "
        "WHERE status = 'new' AND id IN (SELECT tgt_id FROM temp.merge_docs "
        "WHERE added = 0 AND src_status != 'new')"
    ).rowcount

    # Spans, each analyst's own: (document, start, end, label, annotator) is kept once. Those
    # already stored are left out before the insert rather than skipped by it: a skipped insert
    # would still use up an AUTOINCREMENT id. No span of an added document can be stored already.
    annotator = "CASE WHEN s.annotator = '' THEN :analyst ELSE s.annotator END"
    insert = (
        'INSERT INTO main.spans (doc_id, start, "end", label, annotator, created) '
        f'SELECT m.tgt_id, s.start, s."end", s.label, {annotator}, s.created '
        f"FROM {s}.spans s JOIN temp.merge_docs m ON m.src_id = s.doc_id "
    )
    stored = (
        'SELECT 1 FROM main.spans t WHERE t.doc_id = m.tgt_id AND t.start = s.start AND t."end" = s."end" '
        f"AND t.label = s.label AND t.annotator = {annotator}"
    )
    analyst = {"analyst": source.analyst}
    result.spans_added = (
        conn.execute(insert + "WHERE m.added = 1 ORDER BY s.id ON CONFLICT DO NOTHING", analyst).rowcount
        + conn.execute(
            insert + f"WHERE m.added = 0 AND NOT EXISTS ({stored}) ORDER BY s.id ON CONFLICT DO NOTHING",
            analyst,
        ).rowcount
    )
    spans = conn.execute(f"SELECT count(*) FROM {s}.spans").fetchone()[0]
    steps.advance(spans)

    # Relations, through the target ids of the spans they link.
    conn.execute("CREATE TEMP TABLE merge_spans (src_id INTEGER PRIMARY KEY, tgt_id INTEGER NOT NULL)")
    conn.execute(
        "INSERT INTO temp.merge_spans (src_id, tgt_id) SELECT s.id, t.id "
        f"FROM {s}.spans s JOIN temp.merge_docs m ON m.src_id = s.doc_id "
        'JOIN main.spans t ON t.doc_id = m.tgt_id AND t.start = s.start AND t."end" = s."end" '
        f"AND t.label = s.label AND t.annotator = {annotator} "
        f"WHERE s.id IN (SELECT event_id FROM {s}.relations UNION SELECT argument_id FROM {s}.relations)",
        analyst,
    )
    # A link is its analyst's: the one it names (files since schema 7), else its event's (never
    # the merging lead's); made when it says, else now.
    has = {str(row[1]) for row in conn.execute(f"PRAGMA {s}.table_info(relations)")}
    who = "nullif(r.annotator, '')" if "annotator" in has else "NULL"
    when = "nullif(r.created, '')" if "created" in has else "NULL"
    cursor = conn.execute(
        "INSERT INTO main.relations (doc_id, event_id, argument_id, role, annotator, created) "
        f"SELECT m.tgt_id, e.tgt_id, a.tgt_id, r.role, coalesce({who}, es.annotator), "
        f"coalesce({when}, {NOW}) FROM {s}.relations r "
        "JOIN temp.merge_docs m ON m.src_id = r.doc_id "
        "JOIN temp.merge_spans e ON e.src_id = r.event_id "
        "JOIN main.spans es ON es.id = e.tgt_id "
        "JOIN temp.merge_spans a ON a.src_id = r.argument_id "
        "WHERE e.tgt_id != a.tgt_id AND NOT EXISTS (SELECT 1 FROM main.relations t "
        "WHERE t.event_id = e.tgt_id AND t.argument_id = a.tgt_id AND t.role = r.role) "
        "ORDER BY r.id ON CONFLICT DO NOTHING"
    )
    result.relations_added = cursor.rowcount
    steps.advance(conn.execute(f"SELECT count(*) FROM {s}.relations").fetchone()[0])

    for table in ("merge_docs", "merge_new", "merge_spans"):
        conn.execute(f"DROP TABLE temp.{table}")
    return result


# ---- into a team database on PostgreSQL ----------------------------------------------------

#: rows streamed with COPY between two cancel checks
COPY_CHUNK = 2_000

#: the temporary tables a source is copied into on the server (dropped after each source, and
#: at the end of the transaction whatever happens)
_PG_TEMP_TABLES = {
    "merge_src_docs": "src_id BIGINT PRIMARY KEY, ext_id TEXT NOT NULL, status TEXT NOT NULL, "
    "content_hash TEXT NOT NULL",
    "merge_new_docs": "src_id BIGINT PRIMARY KEY, ext_id TEXT NOT NULL, title TEXT NOT NULL, "
    "text TEXT NOT NULL, meta TEXT NOT NULL, status TEXT NOT NULL, content_hash TEXT NOT NULL, "
    "created TEXT NOT NULL, updated TEXT NOT NULL",
    "merge_src_spans": 'src_id BIGINT PRIMARY KEY, doc_id BIGINT NOT NULL, start INTEGER NOT NULL, '
    '"end" INTEGER NOT NULL, label TEXT NOT NULL, annotator TEXT NOT NULL, created TEXT NOT NULL, '
    "twin BOOLEAN NOT NULL",
    "merge_src_relations": "src_id BIGINT PRIMARY KEY, doc_id BIGINT NOT NULL, event_id BIGINT NOT NULL, "
    "argument_id BIGINT NOT NULL, role TEXT NOT NULL, annotator TEXT NOT NULL, created TEXT NOT NULL",
    "merge_docs": "src_id BIGINT PRIMARY KEY, tgt_id BIGINT NOT NULL, added BOOLEAN NOT NULL, "
    "src_status TEXT NOT NULL, tgt_status TEXT NOT NULL",
    "merge_spans": "src_id BIGINT PRIMARY KEY, tgt_id BIGINT NOT NULL, annotator TEXT NOT NULL",
}

#: a merge writes documents, labels and every analyst's spans: a lead's work on a team database
LEAD_NEEDED = "merging into a team database takes a lead's login (hashiya team add NAME --role lead)"


def _merge_into_server(store: Store, paths: Sequence[str | Path], progress: Progress | None) -> MergeReport:
    """:func:`merge_databases` into a team database (see the module's description)."""
    sources = check_sources(paths)
    steps = _Steps(progress, sum(source.rows for source in sources))
    report = MergeReport()
    steps.check()
    with store.transaction():
        for source in sources:
            try:
                report.sources.append(_merge_one_pg(store, source, steps))
            except sqlite3.Error as exc:
                raise _server_failure(exc, store, steps, source) from exc
    return report


def _server_failure(exc: sqlite3.Error, store: Store, steps: _Steps, source: Source) -> HashiyaError:
    """One line for a server's error while merging ``source``: a refusal says who may merge."""
    error = _failure(exc, store, steps, source)
    low = str(exc).lower()
    if isinstance(error, StoreError) and ("permission denied" in low or "row-level security" in low):
        return StoreError(f"{error}; {LEAD_NEEDED}")
    return error


class _SourceRows:
    """A source's rows, read from one snapshot of it; its read errors name the file."""

    def __init__(self, source: Source, conn: sqlite3.Connection) -> None:
        self.source = source
        self.conn = conn

    def count(self, table: str) -> int:
        for (count,) in self.query(f"SELECT count(*) FROM {table}"):
            return int(str(count))
        return 0

    def query(self, sql: str, params: Sequence[object] = ()) -> Iterator[tuple[object, ...]]:
        try:
            cursor = self.conn.execute(sql, params)
            while True:
                rows = cursor.fetchmany(COPY_CHUNK)
                if not rows:
                    return
                yield from rows
        except sqlite3.Error as exc:
            raise InputError(self.source.path, f"cannot be read ({exc})") from exc


def _copy(store: Store, table: str, columns: str, rows: Iterator[tuple[object, ...]], steps: _Steps) -> int:
    """Stream ``rows`` into the temporary ``table`` with COPY; returns how many."""
    raw = store.conn.raw  # type: ignore[attr-defined]
    count = 0
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
                if count % COPY_CHUNK == 0:
                    steps.check()
        raw.execute(f"ANALYZE {table}")  # temporary tables are never analysed by themselves
    except HashiyaError:
        raise
    except Exception as exc:
        raise store.conn.error(exc) from exc  # type: ignore[attr-defined]
    return count


DOC_COLUMNS = "ext_id, title, text, meta, status, content_hash, created, updated"


def _documents_of(src: _SourceRows, ids: set[int]) -> Iterator[tuple[object, ...]]:
    """The whole rows (id first, then :data:`DOC_COLUMNS`) of the source's documents ``ids``, in
    id order: all read and the others skipped when they are most, else read by id."""
    if not ids:
        return
    if len(ids) * 4 >= src.count("documents"):
        yield from (row for row in src.query(f"SELECT id, {DOC_COLUMNS} FROM documents ORDER BY id")
                    if row[0] in ids)
        return
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        yield from src.query(
            f"SELECT id, {DOC_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
        )


def _merge_one_pg(store: Store, source: Source, steps: _Steps) -> SourceReport:
    """Merge one source into the team database; the caller holds the transaction.

    The source is read in one snapshot and copied (COPY) into temporary tables: its documents'
    keys (ext id, status, text hash), then the whole rows of the documents the target lacks (a
    file merged again sends no text), its spans, each credited to its analyst, and its relations.
    The statements of :func:`_merge_one`, in PostgreSQL's words, then match and add them. The
    document insert maps new ids back with RETURNING; ids come from the sequences; ``ON CONFLICT
    DO NOTHING`` lets a row another analyst commits meanwhile count as there already, rather
    than fail the merge."""
    conn = store.conn
    result = SourceReport(source.path, source.analyst)
    with _read_only(Path(source.path)) as src_conn:
        src_conn.execute("BEGIN")  # one snapshot of the source, whatever writes to it meanwhile
        src = _SourceRows(source, src_conn)
        used = list(src.query(_labels_used("main")))
        _add_labels(store, used, result)

        for table, columns in _PG_TEMP_TABLES.items():
            conn.execute(f"DROP TABLE IF EXISTS pg_temp.{table}")
            conn.execute(f"CREATE TEMP TABLE {table} ({columns}) ON COMMIT DROP")
        # Documents: their keys first, matched here by text; the whole rows only of those to add.
        _copy(
            store,
            "merge_src_docs",
            "src_id, ext_id, status, content_hash",
            src.query("SELECT id, ext_id, status, content_hash FROM documents ORDER BY id"),
            steps,
        )
        conn.execute(
            "INSERT INTO merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
            "SELECT s.src_id, d.id, FALSE, s.status, d.status FROM merge_src_docs s "
            "JOIN documents d ON d.content_hash = s.content_hash"
        )
        missing = {
            int(row[0])
            for row in conn.execute(
                "SELECT s.src_id FROM merge_src_docs s "
                "WHERE NOT EXISTS (SELECT 1 FROM merge_docs m WHERE m.src_id = s.src_id)"
            )
        }
        _copy(store, "merge_new_docs", "src_id, " + DOC_COLUMNS, _documents_of(src, missing), steps)
        spans = _copy(
            store,
            "merge_src_spans",
            'src_id, doc_id, start, "end", label, annotator, created, twin',
            src.query(  # a nameless span the analyst also holds in their name is that span's twin
                'SELECT id, doc_id, start, "end", label, '
                "CASE WHEN annotator = '' THEN ? ELSE annotator END, created, "
                "annotator = '' AND EXISTS (SELECT 1 FROM spans o WHERE o.doc_id = s.doc_id "
                'AND o.start = s.start AND o."end" = s."end" AND o.label = s.label AND o.annotator = ?) '
                "FROM spans s ORDER BY id",
                (source.analyst, source.analyst),
            ),
            steps,
        )
        has = {str(row[1]) for row in src.query("PRAGMA table_info(relations)")}
        who = "annotator" if "annotator" in has else "''"  # links record theirs since schema 7
        when = "created" if "created" in has else "''"
        relations = _copy(
            store,
            "merge_src_relations",
            "src_id, doc_id, event_id, argument_id, role, annotator, created",
            src.query(
                f"SELECT id, doc_id, event_id, argument_id, role, {who}, {when} FROM relations ORDER BY id"
            ),
            steps,
        )
        src_conn.execute("COMMIT")

    # Documents the target lacks: added under their ext id (ids mapped back by RETURNING), or,
    # the ext id naming another text here, under one made unique as imports do.
    picked = "s.title, s.text, s.meta, s.status, s.content_hash, s.created, s.updated"
    conn.execute(
        f"WITH added AS (INSERT INTO documents ({DOC_COLUMNS}) SELECT s.ext_id, {picked} "
        "FROM merge_new_docs s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.ext_id = s.ext_id) "
        "ORDER BY s.src_id ON CONFLICT DO NOTHING RETURNING id, content_hash) "
        "INSERT INTO merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
        "SELECT s.src_id, a.id, TRUE, s.status, s.status FROM added a "
        "JOIN merge_new_docs s ON s.content_hash = a.content_hash"
    )
    clashing = conn.execute(
        "SELECT s.src_id, s.ext_id FROM merge_new_docs s "
        "WHERE NOT EXISTS (SELECT 1 FROM merge_docs m WHERE m.src_id = s.src_id) ORDER BY s.src_id"
    ).fetchall()
    for src_id, ext_id in clashing:  # the target holds another text under this id: few, if any
        row = conn.execute(
            f"INSERT INTO documents ({DOC_COLUMNS}) SELECT ?, {picked} FROM merge_new_docs s "
            "WHERE s.src_id = ? ON CONFLICT DO NOTHING RETURNING id",
            (store.unique_ext_id(ext_id), src_id),
        ).fetchone()
        if row is not None:
            conn.execute(
                "INSERT INTO merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
                "SELECT s.src_id, ?, TRUE, s.status, s.status FROM merge_new_docs s WHERE s.src_id = ?",
                (row[0], src_id),
            )
    if clashing:  # the same text committed by another analyst meanwhile: matched, not added
        conn.execute(
            "INSERT INTO merge_docs (src_id, tgt_id, added, src_status, tgt_status) "
            "SELECT s.src_id, d.id, FALSE, s.status, d.status FROM merge_src_docs s "
            "JOIN documents d ON d.content_hash = s.content_hash ON CONFLICT DO NOTHING"
        )
    added, matched = conn.execute(
        "SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM merge_docs"
    ).fetchone() or (0, 0)
    result.documents_added, result.documents_matched = int(added), int(matched)
    steps.advance(result.documents_added + result.documents_matched)

    # Statuses: a target document still new takes the source's; otherwise the target's stays.
    (differ,) = conn.execute(
        "SELECT count(*) FROM merge_docs WHERE NOT added AND tgt_status <> 'new' AND tgt_status <> src_status"
    ).fetchone() or (0,)
    result.statuses_differ = int(differ)
    result.statuses_taken = conn.execute(
        f"UPDATE documents SET status = m.src_status, updated = {NOW} FROM merge_docs m "
        "WHERE m.tgt_id = documents.id AND NOT m.added AND m.src_status <> 'new' AND documents.status = 'new'"
    ).rowcount

    # Spans, each analyst's own, kept once per (document, start, end, label, annotator). No span
    # of an added document can be stored already (nobody else sees it before the commit), and a
    # source's spans are distinct but for twins (left out): only the matched ones are looked up,
    # and may meet a span another analyst commits meanwhile.
    insert = (
        'INSERT INTO spans (doc_id, start, "end", label, annotator, created) '
        'SELECT m.tgt_id, s.start, s."end", s.label, s.annotator, s.created '
        "FROM merge_src_spans s JOIN merge_docs m ON m.src_id = s.doc_id "
    )
    stored = (
        'SELECT 1 FROM spans t WHERE t.doc_id = m.tgt_id AND t.start = s.start AND t."end" = s."end" '
        "AND t.label = s.label AND t.annotator = s.annotator"
    )
    result.spans_added = (
        conn.execute(insert + "WHERE m.added AND NOT s.twin ORDER BY s.src_id").rowcount
        + conn.execute(
            insert + f"WHERE NOT m.added AND NOT EXISTS ({stored}) ORDER BY s.src_id ON CONFLICT DO NOTHING"
        ).rowcount
    )
    steps.advance(spans)

    # Relations, through the target ids of the spans they link. A link is its analyst's: the
    # one it names, else its event's (never the lead's who merges); made when it says, else now.
    conn.execute(
        "INSERT INTO merge_spans (src_id, tgt_id, annotator) SELECT s.src_id, t.id, t.annotator "
        "FROM merge_src_spans s JOIN merge_docs m ON m.src_id = s.doc_id "
        'JOIN spans t ON t.doc_id = m.tgt_id AND t.start = s.start AND t."end" = s."end" '
        "AND t.label = s.label AND t.annotator = s.annotator "
        "WHERE s.src_id IN (SELECT event_id FROM merge_src_relations UNION SELECT argument_id "
        "FROM merge_src_relations)"
    )
    result.relations_added = conn.execute(
        "INSERT INTO relations (doc_id, event_id, argument_id, role, annotator, created) "
        "SELECT m.tgt_id, e.tgt_id, a.tgt_id, r.role, coalesce(nullif(r.annotator, ''), e.annotator), "
        f"coalesce(nullif(r.created, ''), {NOW}) FROM merge_src_relations r "
        "JOIN merge_docs m ON m.src_id = r.doc_id "
        "JOIN merge_spans e ON e.src_id = r.event_id "
        "JOIN merge_spans a ON a.src_id = r.argument_id "
        "WHERE e.tgt_id <> a.tgt_id AND NOT EXISTS (SELECT 1 FROM relations t "
        "WHERE t.event_id = e.tgt_id AND t.argument_id = a.tgt_id AND t.role = r.role) "
        "ORDER BY r.src_id ON CONFLICT DO NOTHING"
    ).rowcount
    steps.advance(relations)

    for table in _PG_TEMP_TABLES:
        conn.execute(f"DROP TABLE {table}")
    return result
