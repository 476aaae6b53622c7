"""Windowed reads of the document list: a row by its rank, a page at any row, a document's row.

The list shows the documents matching a filter (a status and/or a normalised search) in id
order. A window over 100k documents must reach any row without reading the rows before it, so
every query here starts from an *anchor* ``(rank, id)``: exactly ``rank`` matching documents have
an id below ``id``. ``(0, MIN_ID)`` anchors the start and ``(count, MAX_ID)`` the end; a caller
keeps the anchors it learns (the first id of each page it read) and passes the nearest, so a jump
steps over the few rows between the anchor and the target, forwards or backwards, instead of
over every row from the start. The filters are the store's (:meth:`Store._matching`): the same
documents in the same order as :meth:`Store.document_summaries`.
"""

from __future__ import annotations

from .arabic import FOLDS, HARAKAT, TATWEEL, fold_and_drop
from .records import STATUSES, DocumentSummary
from .store import SUMMARY_SELECT, Store, summary_of

MIN_ID = -(2**63)
MAX_ID = 2**63 - 1
Anchor = tuple[int, int]  # (rank, id): ``rank`` matching documents have an id below ``id``
START: Anchor = (0, MIN_ID)

_PREFIX_FUNCTION = "hashiya_title_starts"


def _matching(store: Store, status: str | None, search: str | None) -> tuple[str, str, list[object]]:
    """``FROM`` and ``WHERE`` text (ending ``AND``), the id column the rows come in order of,
    and the arguments."""
    source, key, where, args = store._matching(status, search)
    return f"FROM {source} WHERE {' AND '.join(where)} AND", key, list(args)


def _count_between(store: Store, low: int, high: int, status: str | None, search: str | None) -> int:
    """How many matching documents have ``low <= id < high``.

    Unfiltered, the documents are counted in the status index, one narrow range per status,
    rather than by walking the table, whose rows hold the whole text."""
    if status is None and not search:
        marks = ", ".join("?" * len(STATUSES))
        sql = f"SELECT count(*) FROM documents d WHERE d.status IN ({marks}) AND d.id >= ? AND d.id < ?"
        return int(store.conn.execute(sql, [*STATUSES, low, high]).fetchone()[0])
    where, key, args = _matching(store, status, search)
    sql = f"SELECT count(*) {where} {key} >= ? AND {key} < ?"
    return int(store.conn.execute(sql, [*args, low, high]).fetchone()[0])


def _unfiltered_id_at(store: Store, steps: int, low: int) -> int | None:
    """The id ``steps`` documents on from the first id ``>= low``, with every document listed.

    Ids are mostly dense, so ``low + steps`` is a good guess; each round counts only the ids the
    guess jumped over (in the status index) and moves on by those it found missing. Stepping
    with ``OFFSET`` instead would read every row in between from the table."""
    if low < 1:
        first = _offset_id(store, 0, low)
        if first is None:
            return None
        low = first
    skipped = 0  # documents with low0 <= id < low
    for _round in range(24):
        guess = low + (steps - skipped)
        found = _count_between(store, low, guess, None, None)
        skipped += found
        low = guess
        if not found and _offset_id(store, 0, low) is None:
            return None  # past the last document
        if skipped == steps:
            return _offset_id(store, 0, low)
        if skipped > steps:  # cannot happen (ids are distinct integers); be safe
            break
    return None if skipped > steps else _offset_id(store, steps - skipped, low)


def _offset_id(store: Store, steps: int, low: int) -> int | None:
    sql = "SELECT id FROM documents WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?"
    row = store.conn.execute(sql, (low, steps)).fetchone()
    return int(row[0]) if row else None


def count(store: Store, status: str | None = None, search: str | None = None, cap: int | None = None) -> int:
    """How many documents match (the list's row count); with ``cap``, ``min(count, cap)``,
    reading no further than ``cap`` matches."""
    return store.count_documents(status, search, cap)


def end_anchor(total: int) -> Anchor:
    """The anchor past the last row of a list of ``total`` rows."""
    return (total, MAX_ID)


def id_at(
    store: Store, rank: int, status: str | None = None, search: str | None = None, anchor: Anchor = START
) -> int | None:
    """The id of the matching document at ``rank`` (0-based, id order), stepping from ``anchor``;
    None past the end."""
    if rank < 0:
        return None
    known, at = anchor
    if status is None and not search and abs(rank - known) > 64:
        return (
            _unfiltered_id_at(store, rank - known, at)
            if rank >= known
            else _unfiltered_id_at(store, rank, MIN_ID)
        )
    where, key, args = _matching(store, status, search)
    if rank >= known:
        sql = f"SELECT {key} {where} {key} >= ? ORDER BY {key} LIMIT 1 OFFSET ?"
        row = store.conn.execute(sql, [*args, at, rank - known]).fetchone()
    else:
        sql = f"SELECT {key} {where} {key} < ? ORDER BY {key} DESC LIMIT 1 OFFSET ?"
        row = store.conn.execute(sql, [*args, at, known - 1 - rank]).fetchone()
    return int(row[0]) if row else None


def page_from(
    store: Store, first_id: int, size: int, status: str | None = None, search: str | None = None
) -> list[DocumentSummary]:
    """Up to ``size`` matching summaries from id ``first_id`` on (a keyset page)."""
    where, key, args = _matching(store, status, search)
    sql = f"{SUMMARY_SELECT} {where} {key} >= ? ORDER BY {key} LIMIT ?"
    return [summary_of(row) for row in store.conn.execute(sql, [*args, first_id, size])]


def page_at(
    store: Store,
    rank: int,
    size: int,
    status: str | None = None,
    search: str | None = None,
    anchor: Anchor = START,
) -> list[DocumentSummary]:
    """Up to ``size`` matching summaries starting at row ``rank``, stepping from ``anchor``."""
    first = id_at(store, rank, status, search, anchor)
    return [] if first is None else page_from(store, first, size, status, search)


def matches(store: Store, doc_id: int, status: str | None = None, search: str | None = None) -> bool:
    """Does document ``doc_id`` match the filter?"""
    where, key, args = _matching(store, status, search)
    sql = f"SELECT 1 {where} {key} = ?"
    return store.conn.execute(sql, [*args, doc_id]).fetchone() is not None


def row_of(
    store: Store, doc_id: int, status: str | None = None, search: str | None = None, anchor: Anchor = START
) -> int | None:
    """The row (rank) of ``doc_id`` among the matching documents, counted from ``anchor``; None
    when it does not match."""
    return below(store, doc_id, status, search, anchor) if matches(store, doc_id, status, search) else None


def below(
    store: Store, doc_id: int, status: str | None = None, search: str | None = None, anchor: Anchor = START
) -> int:
    """How many matching documents have an id below ``doc_id`` (its row if it matches, else the
    row it would take), counted from ``anchor``."""
    known, at = anchor
    if at <= doc_id:
        return known + _count_between(store, at, doc_id, status, search)
    return known - _count_between(store, doc_id, at, status, search)


#: Characters a title may start with and still fold to a key starting later (dropped or spaces).
_SKIPPED_LEAD = "".join(sorted({TATWEEL, *HARAKAT, *(chr(c) for c in range(0x3001) if chr(c).isspace())}))


def _leading_glob(prefix: str) -> str | None:
    """A GLOB on titles that keeps every title whose key could start with ``prefix``: its first
    character is one that folds to the prefix's first letter, or is dropped or a space. Only
    for an Arabic first letter (no case, and nothing else folds to it); None otherwise."""
    first = prefix[0]
    if not "\u0621" <= first <= "\u064a":
        return None
    chars = {first, *(k for k, v in FOLDS.items() if v == first)}
    return "[" + "".join(sorted(chars)) + _SKIPPED_LEAD + "]*"


def _title_key(text: str) -> str:
    return " ".join(fold_and_drop(text).casefold().split())


def _title_starts(title: str | None, prefix: str) -> bool:
    return _title_key(title or "").startswith(prefix)


def find_document(
    store: Store, text: str, status: str | None = None, search: str | None = None
) -> int | None:
    """A document named by ``text``: its exact external id, else one whose title starts with
    ``text`` ignoring harakat, tatweel, letter forms, case and runs of spaces, one the filter
    lists first. Titles are looked for among the documents whose text holds ``text`` (through
    the search index) before all titles are read; either way the lowest id found wins. None
    when nothing fits."""
    text = text.strip()
    if not text:
        return None
    row = store.conn.execute("SELECT id FROM documents WHERE ext_id = ?", (text,)).fetchone()
    if row is not None:
        return int(row[0])
    prefix = _title_key(text)
    if not prefix:
        return None
    tries: list[tuple[str | None, str | None]] = []
    for st, se in ([(status, search)] if status or search else []) + [(None, None)]:
        if not se and len(fold_and_drop(text).strip()) >= 3:
            tries.append((st, text))  # the search index narrows the titles to read
        tries.append((st, se))
    if store.dialect != "sqlite":
        return _first_title_read(store, tries, prefix)
    store.conn.create_function(_PREFIX_FUNCTION, 2, _title_starts, deterministic=True)
    glob = _leading_glob(prefix)
    lead, lead_args = ("d.title GLOB ? AND", [glob]) if glob else ("", [])
    for st, se in tries:
        where, key, args = _matching(store, st, se)
        sql = f"SELECT d.id {where} {lead} {_PREFIX_FUNCTION}(d.title, ?) ORDER BY {key} LIMIT 1"
        row = store.conn.execute(sql, [*args, *lead_args, prefix]).fetchone()
        if row is not None:
            return int(row[0])
    return None


def _first_title_read(store: Store, tries: list[tuple[str | None, str | None]], prefix: str) -> int | None:
    """:func:`find_document`'s title search where the database cannot call Python (PostgreSQL):
    the titles are read in the filter's order, and the first whose key starts with ``prefix``
    wins."""
    for st, se in tries:
        where, key, args = _matching(store, st, se)
        for doc_id, title in store.conn.execute(f"SELECT d.id, d.title {where} ORDER BY {key}", args):
            if _title_starts(title, prefix):
                return int(doc_id)
    return None
