"""Filling the corpus search index: a normalised copy of each text (see :func:`fold_and_drop`).

It is filled on demand (the first search after an import indexes the new documents), so importing
stays as fast as inserting. :meth:`Store.document_summaries` searches it.
"""

from __future__ import annotations

from collections.abc import Callable

from .arabic import fold_and_drop
from .errors import CancelledError
from .store import Store

BATCH = 500


def pending(store: Store) -> int:
    """How many documents the index does not hold yet."""
    return int(
        store.conn.execute(
            "SELECT count(*) FROM documents WHERE id > (SELECT coalesce(max(id), 0) FROM search_text)"
        ).fetchone()[0]
    )


def update_index(store: Store, progress: Callable[[int, int], bool | None] | None = None) -> int:
    """Index the documents added since the last update; returns how many. One transaction."""
    total = pending(store)
    if not total:
        return 0
    done = 0
    with store.transaction() as conn:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM search_text").fetchone()[0]
        while True:
            rows = conn.execute(
                "SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, BATCH)
            ).fetchall()
            if not rows:
                break
            conn.executemany(
                "INSERT INTO search_text (id, body) VALUES (?, ?)",
                [(doc_id, fold_and_drop(text)) for doc_id, text in rows],
            )
            last = rows[-1][0]
            done += len(rows)
            if progress is not None and progress(done, total) is False:
                raise CancelledError()
    return done
