"""Database schema, versioned by ``PRAGMA user_version`` with a registry of migrations."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import SchemaError
from .records import DEFAULT_ROLE_SPECS, EVENT_LABEL

if TYPE_CHECKING:  # sqlite-utils loads only when a database needs migrating (a quick start)
    from sqlite_utils import Database

#: ``PRAGMA application_id`` of a Hashiya database ("Hshy"), so another program's file is refused.
APPLICATION_ID = 0x48736879

Migration = Callable[["Database"], None]
MIGRATIONS: list[Migration] = []

DEFAULT_LABELS = (
    ("ACTOR", "فاعل", "#1f77b4"),
    (EVENT_LABEL, "حدث", "#d62728"),
    ("PLACE", "مكان", "#2ca02c"),
)


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next schema version."""
    MIGRATIONS.append(fn)
    return fn


@migration
def _v1_initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        """CREATE TABLE labels (
            name TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL,
            position INTEGER NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            content_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )"""
    )
    db.execute(
        """CREATE TABLE spans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: undo/redo keep ids
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            CHECK (start >= 0 AND "end" > start),
            UNIQUE (doc_id, start, "end", label)
        )"""
    )
    db.execute("CREATE INDEX spans_by_doc ON spans(doc_id, start)")
    db.execute(
        """CREATE TABLE relations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            argument_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            UNIQUE (event_id, argument_id, role)
        )"""
    )
    db.execute("CREATE INDEX relations_by_doc ON relations(doc_id)")
    db.execute("CREATE INDEX relations_by_argument ON relations(argument_id)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.conn.executemany(
        "INSERT INTO labels (name, title, color, position) VALUES (?, ?, ?, ?)",
        [(name, title, color, i) for i, (name, title, color) in enumerate(DEFAULT_LABELS)],
    )


@migration
def _v2_search_index(db: Database) -> None:
    """A normalised copy of each text with a trigram index, filled by model.search (an import
    fills it in its own transaction)."""
    db.execute(
        """CREATE TABLE search_text (
            id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        )"""
    )
    try:
        db.execute(
            "CREATE VIRTUAL TABLE search_text_fts USING fts5("
            "body, content='search_text', content_rowid='id', tokenize='trigram')"
        )
    except sqlite3.OperationalError:  # an SQLite without FTS5 trigrams: search scans instead
        return
    db.execute(
        "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN "
        "INSERT INTO search_text_fts(rowid, body) VALUES (new.id, new.body); END"
    )
    db.execute(
        "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
        "INSERT INTO search_text_fts(search_text_fts, rowid, body) VALUES ('delete', old.id, old.body); END"
    )


@migration
def _v3_status_index(db: Database) -> None:
    """The status filter reads an index, in id order, instead of every document."""
    db.execute("CREATE INDEX documents_by_status ON documents(status, id)")


@migration
def _v4_search_tails(db: Database) -> None:
    """The last two letters of each normalised copy, for one- and two-letter searches; and
    the trigram index written directly, not by a trigger.

    A trigram index finds every occurrence of one or two letters that three letters start
    (the index terms beginning with them), so only those in a text's last two letters need
    another place: this small table, filled here from the copies already indexed (about a third
    of a second for 100k articles). An FTS5 table written from a trigger flushes its terms at
    every row (the trigger's savepoint), which made indexing three times slower than writing
    it directly, as :func:`model.search.index_documents` now does."""
    if db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'").fetchone() is None:
        return  # an SQLite without FTS5 trigrams: short searches scan as long ones do
    db.execute("DROP TRIGGER search_text_ai")
    db.execute(
        """CREATE TABLE search_tail (
            id INTEGER PRIMARY KEY REFERENCES search_text(id) ON DELETE CASCADE,
            tail TEXT NOT NULL
        )"""
    )
    db.execute("INSERT INTO search_tail (id, tail) SELECT id, substr(body, -2) FROM search_text")
    db.execute(
        "CREATE TRIGGER search_tail_ad AFTER DELETE ON search_text BEGIN "
        "DELETE FROM search_tail WHERE id = old.id; END"
    )


@migration
def _v5_document_tokens(db: Database) -> None:
    """Each document's tokens, stored once by the search index pass (:mod:`model.search`) for
    token exports (:class:`model.tokenize.StoredTokens`: the tokens joined by line ends, and
    their offsets in the text and in that string as arrays of ``width``-byte integers).

    Texts never change after import, so a row stays valid until its document is deleted (the
    cascade removes it) or the token rules change (the ``tokens_version`` setting then differs
    and the rows are made again). The index on ``width`` is for counting: ``count(*)`` reads
    that small index rather than every row (about 3 KB each), so asking how many documents wait
    stays cheap."""
    db.execute(
        """CREATE TABLE document_tokens (
            id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            joined TEXT NOT NULL,
            starts BLOB NOT NULL,
            offsets BLOB NOT NULL,
            width INTEGER NOT NULL CHECK (width IN (2, 4))
        )"""
    )
    db.execute("CREATE INDEX document_tokens_count ON document_tokens(width)")


@migration
def _v6_spans_per_annotator(db: Database) -> None:
    """A span is one analyst's: the same range and label may be stored once per annotator (two
    analysts' files merged keep both), so ``spans`` becomes UNIQUE (doc_id, start, "end", label,
    annotator).

    SQLite cannot change a table's constraint in place, so the table is rebuilt: the rows are
    copied with their ids, the index is made again, and the AUTOINCREMENT sequence is carried
    over (ids are never reused: undo and redo keep them). This runs inside the migration's
    transaction, where foreign keys stay on: dropping the old table would cascade into
    ``relations``, so their rows are kept aside and put back with their ids."""
    conn = db.conn
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'spans'").fetchone()
    conn.execute(
        """CREATE TABLE spans_v6 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: undo/redo keep ids
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            CHECK (start >= 0 AND "end" > start),
            UNIQUE (doc_id, start, "end", label, annotator)
        )"""
    )
    columns = 'id, doc_id, start, "end", label, annotator, created'
    conn.execute(f"INSERT INTO spans_v6 ({columns}) SELECT {columns} FROM spans ORDER BY id")
    conn.execute("CREATE TEMP TABLE relations_v6 AS SELECT * FROM relations")
    conn.execute("DROP TABLE spans")  # its relations go with it (the cascade); they come back below
    conn.execute("ALTER TABLE spans_v6 RENAME TO spans")
    conn.execute("CREATE INDEX spans_by_doc ON spans(doc_id, start)")
    conn.execute("INSERT INTO relations SELECT * FROM temp.relations_v6")
    conn.execute("DROP TABLE temp.relations_v6")
    if seq is not None:  # the highest id ever given, even when that span was deleted since
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'spans'", (seq[0],))
        if conn.execute("SELECT changes()").fetchone()[0] == 0:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('spans', ?)", (seq[0],))


@migration
def _v7_who_and_when(db: Database) -> None:
    """Who made each link and when, and every status change with its analyst and time.

    ``relations`` gains ``annotator`` and ``created`` as spans have them. ``annotator`` alone
    could be an ``ALTER TABLE ADD COLUMN``, but SQLite refuses a column added that way a default
    computed at insert (the time), and every writer of links (the store, imports, merges) should
    get the time without naming it: so the table is rebuilt, as v6 rebuilt ``spans``. Nothing
    refers to a relation, so the rows are copied with their ids and the AUTOINCREMENT sequence
    is carried over. Links made before this version keep an empty annotator and time (unknown).

    ``status_changes`` logs each status a document is given (by :meth:`Store.set_status` and by
    the first span of a new document), in the same transaction as the change."""
    conn = db.conn
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'relations'").fetchone()
    conn.execute(
        """CREATE TABLE relations_v7 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            argument_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (event_id, argument_id, role)
        )"""
    )
    conn.execute(
        "INSERT INTO relations_v7 (id, doc_id, event_id, argument_id, role, annotator, created) "
        "SELECT id, doc_id, event_id, argument_id, role, '', '' FROM relations ORDER BY id"
    )
    conn.execute("DROP TABLE relations")
    conn.execute("ALTER TABLE relations_v7 RENAME TO relations")
    conn.execute("CREATE INDEX relations_by_doc ON relations(doc_id)")
    conn.execute("CREATE INDEX relations_by_argument ON relations(argument_id)")
    if seq is not None:  # the highest id ever given, even when that link was deleted since
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'relations'", (seq[0],))
        if conn.execute("SELECT changes()").fetchone()[0] == 0:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('relations', ?)", (seq[0],))
    conn.execute(
        """CREATE TABLE status_changes (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            annotator TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )"""
    )
    conn.execute("CREATE INDEX status_changes_by_doc ON status_changes(doc_id, id)")


@migration
def _v8_assignments(db: Database) -> None:
    """Which analysts are to annotate which documents (:mod:`model.assign`): one row per pair,
    with who handed it out and when; a deleted document takes its rows with it."""
    db.execute(
        """CREATE TABLE assignments (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            analyst TEXT NOT NULL,
            assigned_by TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (doc_id, analyst)
        )"""
    )
    db.execute("CREATE INDEX assignments_by_analyst ON assignments(analyst, doc_id)")


@migration
def _v9_spans_by_label(db: Database) -> None:
    """The corpus overview (:mod:`model.overview`) reads every span of one label a page at a
    time, in id order: this index hands them out in that order without reading the table."""
    db.execute("CREATE INDEX IF NOT EXISTS spans_by_label ON spans(label, id)")


@migration
def _v10_review(db: Database) -> None:
    """Review (:mod:`model.review`): a reviewer's rejections of analysts' items, one row per
    (document, start, end, label), and the documents marked reviewed. An accepted item needs no
    row: its gold span (annotator ``gold``) is the record."""
    db.execute(
        """CREATE TABLE review_decisions (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('reject')),
            reviewer TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (doc_id, start, "end", label)
        )"""
    )
    db.execute(
        """CREATE TABLE reviews (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )"""
    )


@migration
def _v11_notes(db: Database) -> None:
    """Free-text notes: one on a span, one on a document ('' when none)."""
    db.execute("ALTER TABLE spans ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT ''")


@migration
def _v12_label_schema(db: Database) -> None:
    """The label schema the team owns (edited in Document → Schema…): each label's own key (a
    digit 1–9, unique, or none), the label it is a sub-type of ('' for none) and its guideline
    text; and the roles an argument fills, with their keys and the labels each takes (a JSON
    list; empty: any label). The first nine labels keep the keys they had (their order)."""
    conn = db.conn
    conn.execute('ALTER TABLE labels ADD COLUMN "key" INTEGER CHECK ("key" BETWEEN 1 AND 9)')
    conn.execute("ALTER TABLE labels ADD COLUMN parent TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE labels ADD COLUMN description TEXT NOT NULL DEFAULT ''")
    names = [row[0] for row in conn.execute("SELECT name FROM labels ORDER BY position, name")]
    keys = [(i + 1, name) for i, name in enumerate(names[:9])]
    conn.executemany('UPDATE labels SET "key" = ? WHERE name = ?', keys)
    conn.execute('CREATE UNIQUE INDEX labels_by_key ON labels("key")')
    conn.execute(ROLES_TABLE)
    conn.executemany(
        'INSERT INTO roles (name, "key", labels, description, position) VALUES (?, ?, ?, ?, ?)',
        default_role_rows(),
    )


@migration
def _v13_notes_index(db: Database) -> None:
    """The notes across the corpus (:mod:`model.notes`) and the document list's note marks read
    only the rows that hold a note: partial indexes over those rows, in the order they are listed
    (a document's note is stored after its text, so finding notes without an index would read
    every text)."""
    db.execute("CREATE INDEX IF NOT EXISTS documents_with_note ON documents(id) WHERE note <> ''")
    db.execute(
        'CREATE INDEX IF NOT EXISTS spans_with_note ON spans(doc_id, start, "end", id) WHERE note <> \'\''
    )


#: the roles table, the same on both backends
ROLES_TABLE = """CREATE TABLE IF NOT EXISTS roles (
    name TEXT PRIMARY KEY,
    "key" TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
)"""


def default_role_rows() -> list[tuple[str, str, str, str, int]]:
    """The default roles as rows of ``roles`` (labels as a JSON list)."""
    return [
        (r.name, r.key, json.dumps(list(r.labels), ensure_ascii=False), r.description, r.position)
        for r in DEFAULT_ROLE_SPECS
    ]


SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str = "") -> int:
    """Bring the database to :data:`SCHEMA_VERSION`, each step in its own transaction.

    Refuses a database written by a newer Hashiya. Returns the version it started from.
    """
    found = schema_version(conn)
    latest = len(MIGRATIONS)
    if found > 0 and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise SchemaError(f"{path or 'database'}: not a Hashiya database")
    if found > latest:
        raise SchemaError(
            f"{path or 'database'}: written by a newer Hashiya (schema version {found}); "
            f"this version reads up to {latest}. Please upgrade Hashiya."
        )
    if (
        found == 0
        and conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
    ):
        raise SchemaError(f"{path or 'database'}: not a Hashiya database")
    if found == latest:
        return found
    from sqlite_utils import Database

    db = Database(conn)
    for version in range(found, latest):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return found
