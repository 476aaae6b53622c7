"""The corpus index: what search and token exports derive from each text, once.

For search, a normalised copy of each text (see :func:`fold_and_drop`) in ``search_text``, its
trigrams in ``search_text_fts`` and its last two letters in ``search_tail``; for token exports, its
tokens and sentences in ``document_tokens`` (:class:`model.tokenize.StoredTokens`). Texts never
change after import, and deleting a document removes its rows (cascading foreign keys), so the
index stays current.

Nothing is indexed when documents are stored: :func:`update_index` catches up, in the
background (the window runs it after opening a database and after an import, the command line
after an import), one committed batch at a time; :func:`pending` says how many documents wait.
A database indexed by a Hashiya from before stored tokens has its search copies already: the
catch-up then adds only the tokens. :meth:`Store.document_summaries` searches the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from .arabic import FOLDS, HARAKAT, TATWEEL
from .errors import CancelledError
from .store import Store
from .tokenize import STORED_TOKENS_VERSION, StoredTokens

#: documents indexed per transaction: an edit committed meanwhile waits for one batch at most
BATCH = 500
#: the setting naming the version of the stored tokens (:data:`STORED_TOKENS_VERSION`)
TOKENS_SETTING = "tokens_version"

_NO_COPY = "NOT EXISTS (SELECT 1 FROM search_text s WHERE s.id = d.id)"
_NO_TOKENS = "NOT EXISTS (SELECT 1 FROM document_tokens t WHERE t.id = d.id)"


def index_documents(conn: sqlite3.Connection, documents: Iterable[tuple[int, str]]) -> None:
    """Index ``(id, text)`` of documents not indexed yet, inside the caller's transaction: their
    folded copies, trigrams and last two letters, and their tokens."""
    documents = list(documents)
    rows = [(doc_id, fold_for_index(text)) for doc_id, text in documents]
    if not rows:
        return
    conn.executemany("INSERT INTO search_text (id, body) VALUES (?, ?)", rows)
    # PostgreSQL indexes the copies' trigrams itself (pg_trgm); SQLite has FTS5 written here
    sqlite = getattr(conn, "dialect", "sqlite") == "sqlite"
    if sqlite and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'").fetchone():
        conn.executemany("INSERT INTO search_text_fts (rowid, body) VALUES (?, ?)", rows)
        conn.executemany(
            "INSERT INTO search_tail (id, tail) VALUES (?, ?)", [(doc_id, body[-2:]) for doc_id, body in rows]
        )
    index_tokens(conn, documents)


def index_tokens(conn: sqlite3.Connection, documents: Iterable[tuple[int, str]]) -> None:
    """Store the tokens of ``(id, text)`` documents, inside the caller's transaction."""
    rows = [(doc_id, *StoredTokens.of(text).to_row()) for doc_id, text in documents]
    if not rows:
        return
    conn.executemany(
        "INSERT INTO document_tokens (id, joined, starts, offsets, width) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET joined = excluded.joined, starts = excluded.starts, "
        "offsets = excluded.offsets, width = excluded.width",
        rows,
    )
    # Rows are stored under this version; one of another version left in the setting makes
    # update_index store every document's tokens again, so that value is kept until then.
    conn.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (TOKENS_SETTING, STORED_TOKENS_VERSION)
    )


#: What :func:`fold_and_drop` replaces, as (character, replacement) pairs.
_REPLACE = [(mark, "") for mark in sorted(HARAKAT | {TATWEEL})] + sorted(FOLDS.items())


def fold_for_index(text: str) -> str:
    """:func:`fold_and_drop`, about six times faster on news text: ``str.replace`` of only the
    characters present, instead of ``str.translate`` looking up every character."""
    for char, replacement in _REPLACE:
        if char in text:
            text = text.replace(char, replacement)
    return text


def tokens_current(store: Store) -> bool:
    """Were the stored tokens made under this version's rules (else none may be used)?"""
    return store.setting(TOKENS_SETTING) == STORED_TOKENS_VERSION


def pending(store: Store) -> int:
    """How many documents the index does not hold fully yet (a few milliseconds at 100k articles).

    Rows exist only of stored documents (deleting one deletes them), and tokens are stored with
    the copy or after it, so this is a difference of counts, read from the status index, the
    small table of tails and the small index of token rows rather than from the texts."""
    conn = store.conn
    copies = "search_tail" if store.has_trigram_index() else "search_text"
    (documents,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    (indexed,) = conn.execute(f"SELECT count(*) FROM {copies}").fetchone()
    tokens = 0
    if tokens_current(store) or store.setting(TOKENS_SETTING) is None:
        (tokens,) = conn.execute("SELECT count(*) FROM document_tokens").fetchone()
    return max(int(documents) - min(int(indexed), int(tokens)), 0)


def update_index(store: Store, progress: Callable[[int, int], bool | None] | None = None) -> int:
    """Index the documents the index does not hold yet (their copies and tokens, or only their
    tokens when a Hashiya from before indexed them); returns how many.

    Each batch of :data:`BATCH` documents is its own transaction, and ``progress(done, total)``
    is called after each: returning False raises :class:`CancelledError`, keeping the batches
    done (the next call goes on from there)."""
    if not tokens_current(store) and store.setting(TOKENS_SETTING) is not None:
        with store.transaction() as conn:  # made under other rules: all are made again
            conn.execute("DELETE FROM document_tokens")
            conn.execute("DELETE FROM settings WHERE key = ?", (TOKENS_SETTING,))
    total = pending(store)
    if not total:
        return 0
    done = 0
    last = 0
    while True:
        with store.transaction() as conn:
            rows = conn.execute(
                f"SELECT d.id, d.text, {_NO_COPY} FROM documents d "
                f"WHERE d.id > ? AND ({_NO_COPY} OR {_NO_TOKENS}) ORDER BY d.id LIMIT ?",
                (last, BATCH),
            ).fetchall()
            if not rows:
                break
            index_documents(conn, [(doc_id, text) for doc_id, text, no_copy in rows if no_copy])
            index_tokens(conn, [(doc_id, text) for doc_id, text, no_copy in rows if not no_copy])
        last = rows[-1][0]
        done += len(rows)
        if progress is not None and progress(min(done, total), total) is False:
            raise CancelledError()
    return done
