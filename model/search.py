"""Corpus search that ignores harakat, tatweel and letter forms, over a trigram index.

The index holds a normalised copy of each text. It is filled on demand (the first search
after an import indexes the new documents), so importing stays as fast as inserting.
"""

from __future__ import annotations

from collections.abc import Callable

from .arabic import fold_and_drop
from .store import Store

BATCH = 500


def fold_for_search(text: str) -> str:
    """The text as the index stores it (the same folding as the find bar)."""
    return fold_and_drop(text)


def has_trigram_index(store: Store) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'").fetchone())


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
                [(doc_id, fold_for_search(text)) for doc_id, text in rows],
            )
            last = rows[-1][0]
            done += len(rows)
            if progress is not None and progress(done, total) is False:
                from .errors import CancelledError

                raise CancelledError()
    return done


def matching_clause(store: Store, query: str) -> tuple[str, list[str]]:
    """An SQL condition on ``d.id`` selecting documents whose text contains ``query``."""
    needle = fold_for_search(query).strip()
    if len(needle) >= 3 and has_trigram_index(store):
        phrase = '"' + needle.replace('"', '""') + '"'
        return "d.id IN (SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH ?)", [phrase]
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "d.id IN (SELECT id FROM search_text WHERE body LIKE ? ESCAPE '\\')", [f"%{escaped}%"]
