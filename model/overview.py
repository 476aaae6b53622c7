"""The corpus overview: every span of one label across the corpus, page by page, grouped by
normalised text, and the inconsistencies a reviewer looks for.

Pages are keyset reads: the spans of a label in id order come from the ``spans_by_label``
index (``label, id``), so a page costs the same at row 10 and at row 900,000 once its anchor
(the key of the row before it) is known. Sorting by text, analyst or document orders by that
key and then id, with the same keyset condition. A filter on the (normalised) text cannot be
answered by an index: :func:`find_spans` scans the spans in order, a bounded chunk at a time.

Grouping (:func:`analyse`) streams the corpus once, a few hundred documents at a time, folding
each span's text in Python (:func:`normal_key`).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .arabic import fold_and_drop
from .records import Progress
from .store import Store
from .text import keyword_in_context

#: the orders a page can come in: the key that sorts it (then the span id)
ORDERS = {
    "id": "s.id",
    "text": 'substr(d.text, s.start + 1, s."end" - s.start)',
    "analyst": "s.annotator",
    "document": "s.doc_id",
}
CONTEXT = 40  # characters of context either side (cut at word edges)
_AROUND = CONTEXT + 20  # read a little more, so the cut falls on a word edge
SCAN_CHUNK = 2000  # spans a filter reads per query
DOCUMENT_CHUNK = 300  # documents :func:`analyse` reads per query
#: the untagged-mention check looks at the most frequent groups only, and at this many documents
#: containing each name (see :func:`analyse`)
UNTAGGED_GROUPS = 20
UNTAGGED_DOCUMENTS = 200
MIN_LETTERS = 3  # shorter names are not looked for untagged (they hit inside too many words)

Key = tuple[object, ...]  # where a page starts after: (order key, span id) or (span id,)


def normal_key(text: str) -> str:
    """The form spellings of one name share: harakat and tatweel dropped, letter forms folded
    (أ إ آ ٱ → ا, ى → ي, ة → ه), runs of whitespace made one space."""
    return " ".join(fold_and_drop(text).split())


@dataclass(frozen=True)
class SpanRow:
    """One span as the overview lists it, with its text, context and document."""

    id: int
    doc_id: int
    start: int
    end: int
    label: str
    annotator: str
    text: str
    context: str
    ext_id: str
    title: str
    status: str

    @property
    def normalised(self) -> str:
        return normal_key(self.text)

    def key(self, order: str) -> Key:
        if order == "id":
            return (self.id,)
        value = {"text": self.text, "analyst": self.annotator, "document": self.doc_id}[order]
        return (value, self.id)


_SELECT = (
    'SELECT s.id, s.doc_id, s.start, s."end", s.label, s.annotator, '
    'substr(d.text, s.start + 1, s."end" - s.start), '
    f"substr(d.text, CASE WHEN s.start > {_AROUND} THEN s.start - {_AROUND - 1} ELSE 1 END, "
    f'CASE WHEN s.start > {_AROUND} THEN {_AROUND} ELSE s.start END + s."end" - s.start + {_AROUND}), '
    "d.ext_id, d.title, d.status "
    "FROM spans s JOIN documents d ON d.id = s.doc_id"
)


def _row(values: Sequence[Any]) -> SpanRow:
    span_id, doc_id, start, end, label, annotator, text, around, ext_id, title, status = values
    at = min(int(start), _AROUND)
    context = keyword_in_context(around or "", at, at + int(end) - int(start), CONTEXT)
    return SpanRow(
        int(span_id), int(doc_id), int(start), int(end), label, annotator, text or "", context, ext_id,
        title, status,
    )


def count_spans(store: Store, label: str) -> int:
    """How many spans the label has (counted in the ``spans_by_label`` index)."""
    return int(store.conn.execute("SELECT count(*) FROM spans WHERE label = ?", (label,)).fetchone()[0])


def _after(order: str, after: Key | None, descending: bool) -> tuple[str, list[object]]:
    if after is None:
        return "", []
    more = "<" if descending else ">"
    if order == "id":
        return f" AND s.id {more} ?", [after[0]]
    key = ORDERS[order]
    return f" AND ({key} {more} ? OR ({key} = ? AND s.id {more} ?))", [after[0], after[0], after[1]]


def read_spans(
    store: Store,
    label: str,
    order: str = "id",
    after: Key | None = None,
    limit: int = 100,
    skip: int = 0,
    descending: bool = False,
) -> list[SpanRow]:
    """Up to ``limit`` spans of ``label`` in ``order`` (then id), after the row whose key is
    ``after`` (None: from the first), leaving out the first ``skip`` of them."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    where, args = _after(order, after, descending)
    direction = " DESC" if descending else ""
    if order == "id" and skip:
        # Step over the skipped rows in the index on (label, id) alone, then read the page from
        # there: an OFFSET on the full query would build every skipped row (its document joined,
        # its context cut) only to throw it away.
        first = store.conn.execute(
            f"SELECT s.id FROM spans s WHERE s.label = ?{where} ORDER BY s.id{direction} LIMIT 1 OFFSET ?",
            [label, *args, skip],
        ).fetchone()
        if first is None:
            return []
        where, args, skip = f" AND s.id {'<=' if descending else '>='} ?", [first[0]], 0
    by = f"s.id{direction}" if order == "id" else f"{ORDERS[order]}{direction}, s.id{direction}"
    sql = f"{_SELECT} WHERE s.label = ?{where} ORDER BY {by} LIMIT ? OFFSET ?"
    rows = store.conn.execute(sql, [label, *args, limit, skip])
    return [_row(row) for row in rows]


@dataclass
class Found:
    """What :func:`find_spans` read: the matches, the key the next call goes on after, and
    whether every span of the label has been read."""

    rows: list[SpanRow]
    after: Key | None
    exhausted: bool
    scanned: int


def find_spans(
    store: Store,
    label: str,
    needle: str,
    order: str = "id",
    after: Key | None = None,
    scan: int = 20 * SCAN_CHUNK,
    descending: bool = False,
) -> Found:
    """The spans of ``label`` after ``after`` whose normalised text contains ``needle``
    (normalised), reading at most ``scan`` spans (a scan: no index answers it)."""
    want = normal_key(needle)
    rows: list[SpanRow] = []
    scanned = 0
    while scanned < scan:
        size = min(SCAN_CHUNK, scan - scanned)
        chunk = read_spans(store, label, order, after, size, 0, descending)
        scanned += len(chunk)
        if chunk:
            after = chunk[-1].key(order)
        rows += [row for row in chunk if want in row.normalised]
        if len(chunk) < size:
            return Found(rows, after, True, scanned)
    return Found(rows, after, False, scanned)


def read_by_ids(store: Store, ids: Sequence[int]) -> list[SpanRow]:
    """The spans with these ids, in the order given (ids of spans gone since are left out)."""
    found: dict[int, SpanRow] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(f"{_SELECT} WHERE s.id IN ({marks})", chunk):
            span = _row(row)
            found[span.id] = span
    return [found[i] for i in ids if i in found]


def find_in(
    store: Store, ids: Sequence[int], needle: str, start: int = 0, scan: int = 20 * SCAN_CHUNK
) -> Found:
    """:func:`find_spans` over a list of span ids (a sorted order, see :func:`sorted_ids`): the
    matches among ``ids[start:start + scan]``; ``after`` is ``(position,)`` to go on from."""
    want = normal_key(needle)
    stop = min(len(ids), start + scan)
    rows: list[SpanRow] = []
    for at in range(start, stop, SCAN_CHUNK):
        rows += [r for r in read_by_ids(store, ids[at : min(at + SCAN_CHUNK, stop)]) if want in r.normalised]
    return Found(rows, (stop,), stop >= len(ids), stop - start)


#: the orders :func:`sorted_ids` computes (in Python: code-point order, the same on both backends)
SORTS = ("text", "normalised", "document", "analyst")


def sorted_ids(
    store: Store, label: str, order: str, descending: bool = False, progress: Progress | None = None
) -> array:
    """The ids of ``label``'s spans sorted by ``order`` (then id), as an ``array('q')``.

    No index answers these orders, so the spans are read once (texts a chunk of documents at a
    time, each text once) and sorted in Python; a window then reads pages by id
    (:func:`read_by_ids`). ``progress(done, total)`` counts spans; False cancels."""
    from .errors import CancelledError

    if order not in SORTS:
        raise ValueError(f"unknown order {order!r}")
    conn = store.conn
    total = count_spans(store, label)
    keys: list[object] = []
    ids = array("q")
    if order in ("document", "analyst"):
        column = "doc_id" if order == "document" else "annotator"
        after = -1
        while True:
            rows = conn.execute(
                f"SELECT id, {column} FROM spans WHERE label = ? AND id > ? ORDER BY id LIMIT ?",
                (label, after, 50_000),
            ).fetchall()
            if not rows:
                break
            for span_id, value in rows:
                ids.append(span_id)
                keys.append(value)
            after = rows[-1][0]
            if progress is not None and progress(len(ids), total) is False:
                raise CancelledError("cancelled")
    else:
        fold = order == "normalised"
        low = -1
        while True:
            found = conn.execute(
                "SELECT DISTINCT doc_id FROM spans WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                (low, DOCUMENT_CHUNK),
            ).fetchall()
            if not found:
                break
            high = found[-1][0]
            texts = dict(conn.execute("SELECT id, text FROM documents WHERE id > ? AND id <= ?", (low, high)))
            for span_id, doc_id, start, end in conn.execute(
                # label || '': read by document (spans_by_doc), not by the label's whole index
                'SELECT id, doc_id, start, "end" FROM spans WHERE doc_id > ? AND doc_id <= ? '
                "AND label || '' = ?",
                (low, high, label),
            ):
                text = texts[doc_id][start:end]
                ids.append(span_id)
                keys.append(normal_key(text) if fold else text)
            low = high
            if progress is not None and progress(len(ids), total) is False:
                raise CancelledError("cancelled")
    positions = sorted(range(len(ids)), key=lambda i: (keys[i], ids[i]), reverse=descending)
    return array("q", (ids[i] for i in positions))


# ---- grouping and inconsistencies --------------------------------------------------------


@dataclass
class Group:
    """All spans of one label whose text has one normalised form."""

    key: str
    spans: int = 0
    documents: int = 0
    spellings: Counter[str] = field(default_factory=Counter)
    span_ids: array = field(default_factory=lambda: array("q"))

    @property
    def spelling_list(self) -> list[str]:
        """The spellings seen, most frequent first."""
        return [text for text, _n in self.spellings.most_common()]


@dataclass(frozen=True)
class LabelConflict:
    """One normalised text tagged with more than one label (each with its count)."""

    key: str
    labels: tuple[tuple[str, int], ...]  # most frequent first
    spelling: str  # the most frequent spelling


@dataclass(frozen=True)
class Untagged:
    """A frequent name tagged in some documents and present, untagged, in others."""

    key: str
    spelling: str
    tagged_documents: int
    untagged: tuple[int, ...]  # ids of documents containing it with no span of that text
    looked_at: int  # documents containing it that were read (at most UNTAGGED_DOCUMENTS)
    more: bool  # more documents contain it than were read


@dataclass
class Analysis:
    label: str
    groups: list[Group]  # most spans first
    conflicts: list[LabelConflict]
    untagged: list[Untagged]
    spans: int  # spans read, every label


def analyse(
    store: Store,
    label: str,
    progress: Progress | None = None,
    untagged_groups: int = UNTAGGED_GROUPS,
    untagged_documents: int = UNTAGGED_DOCUMENTS,
) -> Analysis:
    """Group ``label``'s spans by normalised text and find the inconsistencies.

    The corpus is read once, :data:`DOCUMENT_CHUNK` documents with spans at a time (each text
    once, however many spans it has); every span of every label is folded in Python. Then:

    - *conflicts*: normalised texts of ``label`` that are tagged with another label too;
    - *untagged*: of the ``untagged_groups`` largest groups whose key has at least
      :data:`MIN_LETTERS` letters, the documents that contain the name (the corpus search,
      normalised, the first ``untagged_documents`` in id order) and have no span of it
      under any label. So the check costs at most ``untagged_groups`` searches of at most
      ``untagged_documents`` rows each, whatever the corpus size.

    ``progress(done, total)`` counts spans; returning False raises :class:`CancelledError`.
    """
    from .errors import CancelledError

    conn = store.conn
    total = int(conn.execute("SELECT count(*) FROM spans").fetchone()[0])
    groups: dict[str, Group] = {}
    by_label: dict[str, Counter[str]] = {}  # normalised text -> label -> spans
    docs_of: dict[str, array] = {}  # normalised text -> documents (any label)
    last_doc: dict[str, int] = {}
    last_group_doc: dict[str, int] = {}
    done = 0
    low = -1
    while True:
        ids = [
            int(row[0])
            for row in conn.execute(
                "SELECT DISTINCT doc_id FROM spans WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                (low, DOCUMENT_CHUNK),
            )
        ]
        if not ids:
            break
        high = ids[-1]
        texts = dict(
            conn.execute("SELECT id, text FROM documents WHERE id > ? AND id <= ?", (low, high)).fetchall()
        )
        spans = conn.execute(
            'SELECT id, doc_id, start, "end", label FROM spans WHERE doc_id > ? AND doc_id <= ? '
            "ORDER BY doc_id, id",
            (low, high),
        ).fetchall()
        for span_id, doc_id, start, end, span_label in spans:
            raw = texts[doc_id][start:end]
            key = normal_key(raw)
            if not key:
                continue
            counts = by_label.get(key)
            if counts is None:
                counts = by_label[key] = Counter()
            counts[span_label] += 1
            if last_doc.get(key) != doc_id:
                last_doc[key] = doc_id
                docs_of.setdefault(key, array("q")).append(doc_id)
            if span_label == label:
                group = groups.get(key)
                if group is None:
                    group = groups[key] = Group(key)
                group.spans += 1
                group.spellings[" ".join(raw.split())] += 1
                group.span_ids.append(span_id)
                if last_group_doc.get(key) != doc_id:
                    last_group_doc[key] = doc_id
                    group.documents += 1
        done += len(spans)
        low = high
        if progress is not None and progress(done, total) is False:
            raise CancelledError("cancelled")
    ordered = sorted(groups.values(), key=lambda g: (-g.spans, g.key))
    conflicts = []
    for group in ordered:
        counts = by_label[group.key]
        if len(counts) > 1:
            labels = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
            conflicts.append(LabelConflict(group.key, labels, group.spelling_list[0]))
    untagged = []
    candidates = [g for g in ordered if sum(ch.isalpha() for ch in g.key) >= MIN_LETTERS]
    for group in candidates[:untagged_groups]:
        tagged = set(docs_of[group.key])
        found = store.document_summaries(limit=untagged_documents + 1, search=group.key)
        more = len(found) > untagged_documents
        found = found[:untagged_documents]
        missing = tuple(d.id for d in found if d.id not in tagged)
        if missing:
            untagged.append(
                Untagged(group.key, group.spelling_list[0], len(tagged), missing, len(found), more)
            )
    return Analysis(label, ordered, conflicts, untagged, done)
