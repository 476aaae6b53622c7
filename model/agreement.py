"""Agreement between analysts: how alike two or more analysts annotated the same documents.

For each pair of analysts, per label and over all labels:

- *exact F1*: spans with the same start, end and label match;
- *overlap F1*: spans of the same label that share at least one character match, one to one,
  greedily by largest overlap (ties: exact matches first, then the earlier span of the first
  analyst, then of the second), so every exact match counts here too;
- *token kappa*: Cohen's kappa over the tokens of :func:`model.tokenize.tokenize`. Each token
  takes the label of the analyst's span covering it (sharing at least one character with it, as
  ``--split expand`` tags a clitic's whole token), else ``O``; a token covered by two of one
  analyst's spans takes the longer span's label (ties: the first, by start). A label's own kappa
  is the kappa of "this label or not" over the same tokens;
- *links F1*: links (event span, argument span, role) match when both analysts linked spans with
  the same start, end and label in the same role.

F1 is ``2 × matched / (a's + b's)``, so it is the same whichever analyst is taken as reference;
it is undefined (None) when neither has anything. Kappa is undefined when chance agreement is
total (both analysts gave every token the same single label).

Across all analysts, *Krippendorff's alpha* (nominal) over the token units of every document that
at least two analysts annotated, the analysts who did not annotate a document missing from its
units; per label, the same alpha on "this label or not".

**Which documents count.** An analyst *annotated* a document when they have at least one span in
it (of any label, before ``labels`` narrows what is compared), or when it is assigned to them and
its status is ``done``. A pair is compared only over the documents both annotated (``documents``
in each :class:`PairAgreement`). Spans with no annotator are no one's and are left out; the
reviewers' ``gold`` layer is left out unless ``include_gold``.

The corpus is read a batch of documents at a time, each document's spans in order; the numbers
are plain Python (no numpy): counts are kept as integers and divided once at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations, repeat
from typing import Any

from .errors import UsageError
from .pgschema import GOLD
from .records import STATUSES, Span
from .store import Store
from .tokenize import Token, tokenize

OUTSIDE = "O"  # a token no span covers
BATCH = 250  # documents read at a time
KINDS = ("exact", "overlap", "token", "links")  # the kinds of cell :func:`disagreements` explains
_FAR = 1 << 62

SpanKey = tuple[int, int, str]  # start, end, label
LinkKey = tuple[SpanKey, SpanKey, str]  # event, argument, role


@dataclass
class Count:
    """Items two analysts agree on: ``matched`` of ``a``'s and of ``b``'s."""

    matched: int = 0
    a: int = 0
    b: int = 0

    @property
    def f1(self) -> float | None:
        total = self.a + self.b
        return 2 * self.matched / total if total else None

    def add(self, matched: int, a: int, b: int) -> None:
        self.matched += matched
        self.a += a
        self.b += b

    def to_json(self) -> dict[str, Any]:
        return {"matched": self.matched, "a": self.a, "b": self.b, "f1": self.f1}


@dataclass
class PairAgreement:
    """Two analysts (``a`` before ``b`` by name) over the ``documents`` both annotated."""

    a: str
    b: str
    labels: Sequence[str]
    documents: int = 0
    tokens: int = 0
    exact: dict[str, Count] = field(default_factory=dict)  # by label
    overlap: dict[str, Count] = field(default_factory=dict)  # by label
    links: Count = field(default_factory=Count)
    #: (a's token label, b's token label) -> tokens
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for label in self.labels:
            self.exact.setdefault(label, Count())
            self.overlap.setdefault(label, Count())

    def exact_all(self) -> Count:
        return _total(self.exact.values())

    def overlap_all(self) -> Count:
        return _total(self.overlap.values())

    def kappa(self, label: str | None = None) -> float | None:
        """Cohen's kappa over the tokens; of "``label`` or not" when a label is given."""
        if label is None:
            return _kappa(self.confusion)
        binary: Counter[tuple[bool, bool]] = Counter()
        for (x, y), count in self.confusion.items():
            binary[x == label, y == label] += count
        return _kappa(binary)

    def to_json(self) -> dict[str, Any]:
        rows: dict[str, Any] = {
            label: {"exact": self.exact[label].to_json(), "overlap": self.overlap[label].to_json(),
                    "kappa": self.kappa(label)}
            for label in self.labels
        }
        rows["all"] = {"exact": self.exact_all().to_json(), "overlap": self.overlap_all().to_json(),
                       "kappa": self.kappa()}
        return {"a": self.a, "b": self.b, "documents": self.documents, "tokens": self.tokens,
                "labels": rows, "links": self.links.to_json()}


@dataclass
class AgreementReport:
    analysts: list[str]
    labels: list[str]
    pairs: list[PairAgreement]
    documents: int = 0  # documents at least two analysts annotated
    units: int = 0  # their tokens: the units of alpha
    #: for alpha: m (analysts on a document) -> (value, value) -> ordered pairs of those values
    coincidences: dict[int, Counter[tuple[str, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing to compare: no document was annotated by two analysts."""
        return self.documents == 0

    def alpha(self, label: str | None = None) -> float | None:
        """Krippendorff's alpha (nominal) across all analysts; of "``label`` or not" when given."""
        weights: dict[tuple[Any, Any], float] = {}
        for m, pairs in self.coincidences.items():
            for (x, y), count in pairs.items():
                key = (x, y) if label is None else (x == label, y == label)
                weights[key] = weights.get(key, 0.0) + count / (m - 1)
        return _alpha(weights)

    def to_json(self) -> dict[str, Any]:
        alpha: dict[str, Any] = {label: self.alpha(label) for label in self.labels}
        alpha["all"] = self.alpha()
        return {"analysts": self.analysts, "labels": self.labels, "documents": self.documents,
                "units": self.units, "alpha": alpha, "pairs": [pair.to_json() for pair in self.pairs]}


@dataclass(frozen=True)
class Disagreement:
    """Something ``analyst`` has in a document that ``other`` lacks (or labels otherwise)."""

    doc_id: int
    ext_id: str
    analyst: str
    other: str
    kind: str  # exact, overlap, token or links
    label: str  # the span's label (a link's role for links)
    start: int  # the span (a link's argument)
    end: int
    text: str
    event: tuple[int, int, str] | None = None  # a link's event span: start, end, text


def _total(counts: Iterable[Count]) -> Count:
    total = Count()
    for count in counts:
        total.add(count.matched, count.a, count.b)
    return total


def _kappa(confusion: Counter[Any]) -> float | None:
    n = sum(confusion.values())
    if not n:
        return None
    rows: Counter[Any] = Counter()
    cols: Counter[Any] = Counter()
    agree = 0
    for (x, y), count in confusion.items():
        rows[x] += count
        cols[y] += count
        if x == y:
            agree += count
    chance = sum(rows[k] * cols[k] for k in rows)  # over n²
    if chance == n * n:
        return None
    return (agree * n - chance) / (n * n - chance)


def _alpha(coincidence: dict[tuple[Any, Any], float]) -> float | None:
    totals: dict[Any, float] = {}
    for (x, _), value in coincidence.items():
        totals[x] = totals.get(x, 0.0) + value
    n = sum(totals.values())
    observed = sum(value for (x, y), value in coincidence.items() if x != y)
    values = list(totals.values())
    expected = (n * n - sum(v * v for v in values)) / (n - 1) if n > 1 else 0.0
    if expected <= 0:
        return None  # one value only: alpha is undefined
    return 1 - observed / expected


# ---- reading the corpus ----------------------------------------------------------------------


@dataclass
class _Document:
    id: int
    ext_id: str
    text: str
    status: str
    spans: list[Span]  # in order: start, end descending, id
    links: list[tuple[int, int, str, str]]  # event id, argument id, role, annotator
    assigned: set[str]

    def annotated_by(self, included: Any) -> list[str]:
        """The analysts (of those ``included`` accepts) who annotated this document, by name."""
        names = {span.annotator for span in self.spans}
        if self.status == "done":
            names |= self.assigned
        return sorted(name for name in names if included(name))


def _stream(store: Store, status: str | None) -> Iterator[_Document]:
    """Documents in id order, a batch at a time, each with its spans, links and assignees."""
    conn = store.conn
    if status is None:
        ids = [int(row[0]) for row in conn.execute("SELECT id FROM documents ORDER BY id")]
    else:
        ids = [int(row[0]) for row in conn.execute(
            "SELECT id FROM documents WHERE status = ? ORDER BY id", (status,))]
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        marks = ",".join("?" * len(chunk))
        spans: dict[int, list[Span]] = {}
        for row in conn.execute(
            f'SELECT id, doc_id, start, "end", label, annotator FROM spans WHERE doc_id IN ({marks}) '
            'ORDER BY doc_id, start, "end" DESC, id',
            chunk,
        ):
            spans.setdefault(int(row[1]), []).append(Span(*row))
        links: dict[int, list[tuple[int, int, str, str]]] = {}
        for doc_id, event_id, argument_id, role, annotator in conn.execute(
            f"SELECT doc_id, event_id, argument_id, role, annotator FROM relations "
            f"WHERE doc_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            links.setdefault(int(doc_id), []).append((int(event_id), int(argument_id), role, annotator))
        assigned: dict[int, set[str]] = {}
        for doc_id, analyst in conn.execute(
            f"SELECT doc_id, analyst FROM assignments WHERE doc_id IN ({marks})", chunk
        ):
            assigned.setdefault(int(doc_id), set()).add(str(analyst))
        rows = conn.execute(
            f"SELECT id, ext_id, text, status FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
        ).fetchall()
        for doc_id, ext_id, text, doc_status in rows:
            yield _Document(int(doc_id), ext_id, text, doc_status, spans.get(doc_id, []),
                            links.get(doc_id, []), assigned.get(doc_id, set()))


def _analysts(store: Store, include_gold: bool) -> list[str]:
    """Everyone who has spans or assignments, by name (no unnamed, no gold unless asked)."""
    names = {str(row[0]) for row in store.conn.execute("SELECT DISTINCT annotator FROM spans")}
    names |= {str(row[0]) for row in store.conn.execute("SELECT DISTINCT analyst FROM assignments")}
    return sorted(name for name in names if name and (include_gold or name != GOLD))


def _chosen_labels(store: Store, labels: Sequence[str] | None) -> list[str]:
    known = store.label_names()
    if labels is None:
        return known
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise UsageError(f"no label {', '.join(unknown)} (the labels are {', '.join(known)})")
    return [label for label in known if label in set(labels)]


# ---- one document ----------------------------------------------------------------------------


def token_range(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """The tokens sharing at least one character with ``[start, end)``: indices ``[first, last)``."""
    first = bisect_right(tokens, (start, _FAR)) - 1
    if first < 0 or tokens[first][1] <= start:
        first += 1
    return first, bisect_left(tokens, (end, -1))


def token_labels(tokens: Sequence[Token], spans: Iterable[Span]) -> dict[int, str]:
    """The label of each token some span covers (by token index); the others are ``O``. A token
    covered by two spans takes the longer's label; of two as long, the first's (by start, then
    the longer, then id)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.id))
    labels: dict[int, str] = {}
    for span in sorted(ordered, key=lambda s: s.start - s.end):  # longest first; sort is stable
        first, last = token_range(tokens, span.start, span.end)
        for index in range(first, last):
            labels.setdefault(index, span.label)
    return labels


def token_sequence(text: str, spans: Iterable[Span]) -> list[str]:
    """Every token's label in order (``O`` where no span covers it): the sequence kappa compares."""
    tokens = tokenize(text)
    labels = token_labels(tokens, spans)
    return [labels.get(index, OUTSIDE) for index in range(len(tokens))]


def overlap_matches(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one matches (indices into ``a`` and ``b``) between spans sharing characters, greedily
    by largest overlap; of overlaps as large, exact matches (same start, end and label) first,
    then the lower index in ``a``, then in ``b``. So every exact match is an overlap match too.

    An exact pair overlaps by the whole length of both spans, more than either can share with any
    other span: taking those pairs first and matching the rest greedily is the same matching."""
    where = {(s.start, s.end, s.label): j for j, s in enumerate(b)}
    matches: list[tuple[int, int]] = []
    left_a: list[int] = []
    taken_b: set[int] = set()
    for i, span in enumerate(a):
        j = where.get((span.start, span.end, span.label))
        if j is None or j in taken_b:
            left_a.append(i)
        else:
            taken_b.add(j)
            matches.append((i, j))
    if not left_a or len(taken_b) == len(b):
        return matches
    by_start = sorted((j for j in range(len(b)) if j not in taken_b), key=lambda j: (b[j].start, j))
    candidates: list[tuple[int, int, int]] = []
    active: list[int] = []
    k = 0
    for i in sorted(left_a, key=lambda i: (a[i].start, i)):
        start, end = a[i].start, a[i].end
        while k < len(by_start) and b[by_start[k]].start < end:
            active.append(by_start[k])
            k += 1
        active = [j for j in active if b[j].end > start]  # the later a's start later still
        for j in active:
            shared = min(end, b[j].end) - max(start, b[j].start)
            if shared > 0:
                candidates.append((-shared, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matches.append((i, j))
    return matches


class _Layer:
    """One analyst's annotations of one document, as the metrics read them."""

    def __init__(self, spans: list[Span], links: set[LinkKey]) -> None:
        self.spans = spans  # of the chosen labels, in order
        self.by_label: dict[str, list[Span]] = {}
        for span in spans:
            self.by_label.setdefault(span.label, []).append(span)
        self.keys = {(s.start, s.end, s.label) for s in spans}
        self.links = links
        self.tokens: dict[int, str] = {}


def _layers(doc: _Document, names: Sequence[str], labels: set[str]) -> dict[str, _Layer]:
    by_id = {span.id: span for span in doc.spans}
    links: dict[str, set[LinkKey]] = {name: set() for name in names}
    for event_id, argument_id, role, annotator in doc.links:
        event, argument = by_id.get(event_id), by_id.get(argument_id)
        if event is None or argument is None or event.label not in labels or argument.label not in labels:
            continue
        owner = annotator or event.annotator  # links made before they recorded their analyst
        if owner in links:
            links[owner].add(((event.start, event.end, event.label),
                              (argument.start, argument.end, argument.label), role))
    spans: dict[str, list[Span]] = {name: [] for name in names}
    for span in doc.spans:
        if span.label in labels and span.annotator in spans:
            spans[span.annotator].append(span)
    return {name: _Layer(spans[name], links[name]) for name in names}


# ---- the whole corpus ------------------------------------------------------------------------


def agreement(
    store: Store,
    labels: Sequence[str] | None = None,
    status: str | None = None,
    include_gold: bool = False,
) -> AgreementReport:
    """Agreement between every pair of analysts, and alpha across all of them (see the module's
    documentation for the definitions and which documents count). ``labels``: compare only spans
    (and links between spans) of these labels; ``status``: only documents of this status.

    Tokens are counted by *pattern*: for each set of analysts sharing documents, how many tokens
    got each combination of labels from them (a C-level count per document). Each pair's
    confusion and alpha's coincidences are read off those few patterns at the end."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}")
    chosen = _chosen_labels(store, labels)
    wanted = set(chosen)
    analysts = _analysts(store, include_gold)
    known = set(analysts)
    pairs = {(a, b): PairAgreement(a, b, chosen) for a, b in combinations(analysts, 2)}
    report = AgreementReport(analysts, chosen, list(pairs.values()))
    patterns: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {}
    for doc in _stream(store, status):
        names = doc.annotated_by(known.__contains__)
        if len(names) < 2:
            continue
        layers = _layers(doc, names, wanted)
        tokens = tokenize(doc.text)
        covered: set[int] = set()
        for layer in layers.values():
            layer.tokens = token_labels(tokens, layer.spans)
            covered |= layer.tokens.keys()
        report.documents += 1
        report.units += len(tokens)
        for a, b in combinations(names, 2):
            _compare(pairs[a, b], layers[a], layers[b], len(tokens))
        seen = patterns.setdefault(tuple(names), Counter())
        labelled = [map(layers[name].tokens.get, covered, repeat(OUTSIDE)) for name in names]
        seen.update(zip(*labelled, strict=True))  # a set iterates in one order while unchanged
        if len(tokens) > len(covered):
            seen[(OUTSIDE,) * len(names)] += len(tokens) - len(covered)
    for who, seen in patterns.items():
        _count_patterns(report, pairs, who, seen)
    return report


def _compare(pair: PairAgreement, a: _Layer, b: _Layer, tokens: int) -> None:
    """Add one document's spans and links of two analysts (its tokens come later, by pattern)."""
    pair.documents += 1
    pair.tokens += tokens
    for label in pair.labels:
        mine, theirs = a.by_label.get(label, []), b.by_label.get(label, [])
        if not mine and not theirs:
            continue
        exact = sum(1 for s in mine if (s.start, s.end, s.label) in b.keys)
        pair.exact[label].add(exact, len(mine), len(theirs))
        if exact == len(mine) or exact == len(theirs):
            matched = exact  # nothing left on one side to match by overlap
        else:
            matched = len(overlap_matches(mine, theirs))
        pair.overlap[label].add(matched, len(mine), len(theirs))
    pair.links.add(len(a.links & b.links), len(a.links), len(b.links))


def _count_patterns(
    report: AgreementReport,
    pairs: dict[tuple[str, str], PairAgreement],
    names: tuple[str, ...],
    seen: Counter[tuple[str, ...]],
) -> None:
    """Each pair's token confusion, and alpha's coincidences: in a unit of m values, each ordered
    pair of values from two different analysts counts 1 / (m - 1) (kept as integers, by m)."""
    m = len(names)
    coincidences = report.coincidences.setdefault(m, Counter())
    index_pairs = list(combinations(range(m), 2))
    for pattern, tokens in seen.items():
        for i, j in index_pairs:
            pairs[names[i], names[j]].confusion[pattern[i], pattern[j]] += tokens
        values = Counter(pattern)
        for x, nx in values.items():
            for y, ny in values.items():
                count = nx * (ny - 1) if x == y else nx * ny
                if count:
                    coincidences[x, y] += count * tokens


# ---- what lies behind a cell -----------------------------------------------------------------


def disagreements(
    store: Store,
    a: str,
    b: str,
    label: str | None = None,
    kind: str = "exact",
    status: str | None = None,
    labels: Sequence[str] | None = None,
) -> Iterator[Disagreement]:
    """What one of ``a`` and ``b`` has and the other lacks, in the documents both annotated, for
    the cell (pair, ``label`` or all labels, ``kind``) of :func:`agreement`, document by document:

    - ``exact``: spans the other has not with the same start, end and label;
    - ``overlap``: spans left unmatched by the overlap matching;
    - ``token``: spans with at least one token the other labels otherwise;
    - ``links``: links the other has not (``label`` is the role, ``event`` the event span).
    """
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    chosen = _chosen_labels(store, labels if label is None else [label])
    wanted = set(chosen)
    both = {a, b}
    for doc in _stream(store, status):
        names = doc.annotated_by(both.__contains__)
        if len(names) < 2:
            continue
        layers = _layers(doc, [a, b], wanted)
        if kind == "links":
            yield from _link_differences(doc, layers, a, b)
            continue
        if kind == "token":
            tokens = tokenize(doc.text)
            for layer in layers.values():
                layer.tokens = token_labels(tokens, layer.spans)
        found: list[tuple[Span, str]] = []
        for one, other in ((a, b), (b, a)):
            mine, theirs = layers[one], layers[other]
            if kind == "exact":
                found += [(s, other) for s in mine.spans if (s.start, s.end, s.label) not in theirs.keys]
            elif kind == "token":
                for s in mine.spans:
                    first, last = token_range(tokens, s.start, s.end)
                    if any(theirs.tokens.get(i, OUTSIDE) != mine.tokens.get(i, OUTSIDE)
                           for i in range(first, last)):
                        found.append((s, other))
        if kind == "overlap":
            for name in chosen:
                of_a, of_b = layers[a].by_label.get(name, []), layers[b].by_label.get(name, [])
                matched = overlap_matches(of_a, of_b)
                left_a = set(range(len(of_a))) - {i for i, _ in matched}
                left_b = set(range(len(of_b))) - {j for _, j in matched}
                found += [(of_a[i], b) for i in sorted(left_a)] + [(of_b[j], a) for j in sorted(left_b)]
        found.sort(key=lambda item: (item[0].start, -item[0].end, item[0].label, item[0].annotator))
        for span, other in found:
            yield Disagreement(doc.id, doc.ext_id, span.annotator, other, kind, span.label,
                               span.start, span.end, doc.text[span.start : span.end])


def _link_differences(doc: _Document, layers: dict[str, _Layer], a: str, b: str) -> Iterator[Disagreement]:
    for one, other in ((a, b), (b, a)):
        for event, argument, role in sorted(layers[one].links - layers[other].links):
            yield Disagreement(
                doc.id, doc.ext_id, one, other, "links", role, argument[0], argument[1],
                doc.text[argument[0] : argument[1]], (event[0], event[1], doc.text[event[0] : event[1]]),
            )
