"""Notes across the corpus: every note on a document and on a span, in document order, found by a
search that ignores harakat, tatweel, letter forms (أ إ آ ٱ → ا, ى → ي, ة → ه) and Latin case.

Notes are few beside spans (a corpus may hold a million spans and a few hundred notes), so the
rows holding a note are read through partial indexes over them (``documents_with_note``,
``spans_with_note``: see :func:`model.schema._v13_notes_index`), in keyset chunks, and the
search folds each note in Python, the same way on SQLite and on PostgreSQL. A page stops at
``limit`` matches and says where the next one starts.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .arabic import fold_and_drop
from .store import Store

CHUNK = 500  # rows read per query
PAGE = 500  # matches a page holds by default

Key = tuple[int, int, int, int]  # (document id, start, end, span id); a document's own note: (id, -1, -1, 0)


def search_key(text: str) -> str:
    """The form a note is searched in: letter forms folded, harakat and tatweel dropped, Latin
    case folded, runs of whitespace made one space."""
    return " ".join(fold_and_drop(text).casefold().split())


@dataclass(frozen=True)
class NoteRow:
    """One note: on a document (``span_id`` None) or on one of its spans."""

    doc_id: int
    ext_id: str
    title: str
    note: str
    span_id: int | None = None
    label: str = ""
    text: str = ""  # the span's text
    start: int = -1
    end: int = -1
    annotator: str = ""  # the span's analyst (a document's note records none)

    @property
    def on_document(self) -> bool:
        return self.span_id is None

    @property
    def key(self) -> Key:
        """Where the note is listed: by document, then the document's own note, then its spans'
        notes by position."""
        return (self.doc_id, self.start, self.end, self.span_id or 0)

    def matches(self, needle: str, everywhere: bool = True) -> bool:
        """Does the note (and, ``everywhere``, the span's text or the document's title or id)
        hold ``needle``, already a :func:`search_key`?"""
        if not needle:
            return True
        if needle in search_key(self.note):
            return True
        return everywhere and any(needle in search_key(t) for t in (self.text, self.title, self.ext_id))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"document": self.ext_id, "doc_id": self.doc_id, "title": self.title}
        if self.span_id is not None:
            data["span"] = {
                "id": self.span_id, "label": self.label, "text": self.text, "start": self.start,
                "end": self.end, "annotator": self.annotator,
            }
        data["note"] = self.note
        return data


@dataclass(frozen=True)
class NotesPage:
    rows: list[NoteRow] = field(default_factory=list)
    after: Key | None = None  # the key of the last row read: the next page starts after it
    more: bool = False  # rows may follow (the page stopped at its limit)


def _document_notes(store: Store, after: Key | None, chunk: int) -> Iterator[NoteRow]:
    low = after[0] if after is not None else -(2**63)
    while True:
        rows = store.conn.execute(
            "SELECT id, ext_id, title, note FROM documents WHERE note <> '' AND id >= ? ORDER BY id LIMIT ?",
            (low, chunk),
        ).fetchall()
        for doc_id, ext_id, title, note in rows:
            row = NoteRow(int(doc_id), ext_id, title or "", note)
            if after is None or row.key > after:
                yield row
        if len(rows) < chunk:
            return
        low = int(rows[-1][0]) + 1


_SPAN_SELECT = (
    'SELECT s.id, s.doc_id, s.start, s."end", s.label, s.annotator, s.note, '
    'substr(d.text, s.start + 1, s."end" - s.start), d.ext_id, d.title '
    "FROM spans s JOIN documents d ON d.id = s.doc_id WHERE s.note <> ''"
)
_SPAN_ORDER = ' ORDER BY s.doc_id, s.start, s."end", s.id LIMIT ?'


def _span_notes(store: Store, after: Key | None, chunk: int) -> Iterator[NoteRow]:
    while True:
        if after is None:
            rows = store.conn.execute(_SPAN_SELECT + _SPAN_ORDER, (chunk,)).fetchall()
        else:
            keyset = ' AND (s.doc_id, s.start, s."end", s.id) > (?, ?, ?, ?)'
            rows = store.conn.execute(_SPAN_SELECT + keyset + _SPAN_ORDER, (*after, chunk)).fetchall()
        for span_id, doc_id, start, end, label, annotator, note, text, ext_id, title in rows:
            row = NoteRow(
                int(doc_id), ext_id, title or "", note, int(span_id), label, text or "", int(start), int(end),
                annotator or "",
            )
            after = row.key
            yield row
        if len(rows) < chunk:
            return


def iter_notes(store: Store, after: Key | None = None, chunk: int = CHUNK) -> Iterator[NoteRow]:
    """Every note after ``after`` (from the first without it), in listing order, read a chunk
    at a time."""
    return heapq.merge(_document_notes(store, after, chunk), _span_notes(store, after, chunk),
                       key=lambda row: row.key)


def find_notes(
    store: Store,
    search: str = "",
    limit: int | None = PAGE,
    after: Key | None = None,
    everywhere: bool = True,
) -> NotesPage:
    """The notes holding ``search`` (folded: see :func:`search_key`; with ``everywhere``, a span
    text, title or document id holding it lists the note too), from after ``after``, at most
    ``limit`` of them (None: all)."""
    needle = search_key(search or "")
    rows: list[NoteRow] = []
    last = after
    for row in iter_notes(store, after):
        last = row.key
        if not row.matches(needle, everywhere):
            continue
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            return NotesPage(rows, last, True)
    return NotesPage(rows, last, False)


def count_notes(store: Store) -> int:
    """How many notes the corpus holds (counted in the partial indexes)."""
    documents = store.conn.execute("SELECT count(*) FROM documents WHERE note <> ''").fetchone()[0]
    spans = store.conn.execute("SELECT count(*) FROM spans WHERE note <> ''").fetchone()[0]
    return int(documents) + int(spans)


def document_notes(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """The notes of those of ``ids`` that have one (a page of the document list), read from the
    rows holding a note between the lowest and the highest id."""
    wanted: Sequence[int] = sorted(set(ids))
    if not wanted:
        return {}
    rows = store.conn.execute(
        "SELECT id, note FROM documents WHERE note <> '' AND id >= ? AND id <= ?", (wanted[0], wanted[-1])
    )
    chosen = set(wanted)
    return {int(doc_id): note for doc_id, note in rows if int(doc_id) in chosen}
