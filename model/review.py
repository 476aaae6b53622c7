"""Review: settling the analysts' spans of one document into the gold layer.

An *item* is one (start, end, label) that at least one analyst tagged. It is *agreed* when every
analyst who annotated the document tagged it, otherwise a *difference*. A reviewer decides an
item by accepting it (a gold span with the same start, end and label: the gold layer itself is
the record) or rejecting it (a row in ``review_decisions``). An *open difference* is a
difference not decided yet. Pure functions over spans: no database, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .records import GOLD, Relation, Span

#: machine proposals are never an analyst's annotations
SUGGESTION = "suggestion"

Key = tuple[int, int, str]  # (start, end, label)


def key_of(span: Span) -> Key:
    return (span.start, span.end, span.label)


def is_analyst(span: Span) -> bool:
    return span.annotator not in (GOLD, SUGGESTION)


class Item(NamedTuple):
    start: int
    end: int
    label: str
    annotators: tuple[str, ...]  # the analysts who tagged it, sorted
    agreed: bool
    accepted: bool  # a gold span has the same start, end and label
    rejected: bool

    @property
    def key(self) -> Key:
        return (self.start, self.end, self.label)

    @property
    def decided(self) -> bool:
        return self.accepted or self.rejected

    @property
    def open(self) -> bool:
        """A difference nobody has decided yet."""
        return not self.agreed and not self.decided


def analysts(spans: Iterable[Span]) -> list[str]:
    """The analysts who annotated the document (not gold, not suggestions), sorted."""
    return sorted({s.annotator for s in spans if is_analyst(s)})


def items(spans: Iterable[Span], rejected: Iterable[Key] = ()) -> list[Item]:
    """Every analyst item of a document, in text order."""
    gold: set[Key] = set()
    who: dict[Key, list[str]] = {}
    people: set[str] = set()
    for span in spans:
        name = span.annotator
        key = (span.start, span.end, span.label)
        if name == GOLD:
            gold.add(key)
        elif name != SUGGESTION:
            people.add(name)
            names = who.get(key)
            if names is None:
                who[key] = [name]
            elif name not in names:
                names.append(name)
    refused = set(rejected)
    everyone = len(people)
    out = [
        Item(key[0], key[1], key[2], tuple(sorted(names)) if len(names) > 1 else tuple(names),
             len(names) == everyone, key in gold, key in refused)
        for key, names in who.items()
    ]
    out.sort(key=lambda i: (i.start, -i.end, i.label))
    return out


class Summary(NamedTuple):
    """A document's review at a glance: its items, the open differences and the analysts."""

    items: list[Item]
    open: list[Item]
    open_keys: set[Key]
    analysts: list[str]


def summary(spans: Iterable[Span], rejected: Iterable[Key] = ()) -> Summary:
    spans = list(spans)
    all_items = items(spans, rejected)
    left = [i for i in all_items if not (i.agreed or i.accepted or i.rejected)]
    return Summary(all_items, left, {(i.start, i.end, i.label) for i in left}, analysts(spans))


class Tally:
    """The open differences of a document, kept up to date span by span (an edit costs the keys
    it touches, not a pass over every span; only a change in who the analysts are recounts all)."""

    def __init__(self, spans: Iterable[Span], rejected: Iterable[Key] = ()) -> None:
        self.who: dict[Key, set[str]] = {}
        self.gold: set[Key] = set()
        self.people: Counter[str] = Counter()
        self.rejected = set(rejected)
        self.open: set[Key] = set()
        for span in spans:
            self._count(span, 1)
        self._recount()

    @property
    def analysts(self) -> list[str]:
        return sorted(self.people)

    def add(self, span: Span) -> None:
        self._change(span, 1)

    def remove(self, span: Span) -> None:
        self._change(span, -1)

    def _change(self, span: Span, step: int) -> None:
        before = len(self.people)
        self._count(span, step)
        if len(self.people) != before:  # an analyst came or went: "every analyst" changed
            self._recount()
        else:
            self._settle(key_of(span))

    def _count(self, span: Span, step: int) -> None:
        key, name = key_of(span), span.annotator
        if name == GOLD:
            (self.gold.add if step > 0 else self.gold.discard)(key)
        elif name != SUGGESTION:
            names = self.who.setdefault(key, set())
            if step > 0:
                names.add(name)
                self.people[name] += 1
            else:
                names.discard(name)
                if not names:
                    del self.who[key]
                self.people[name] -= 1
                if self.people[name] <= 0:
                    del self.people[name]

    def _settle(self, key: Key) -> None:
        names = self.who.get(key)
        if names and len(names) != len(self.people) and key not in self.gold and key not in self.rejected:
            self.open.add(key)
        else:
            self.open.discard(key)

    def _recount(self) -> None:
        self.open = set()
        for key in self.who:
            self._settle(key)


def open_differences(all_items: Sequence[Item]) -> list[Item]:
    return [item for item in all_items if item.open]


def next_open(
    all_items: Sequence[Item], offset: int, backwards: bool = False, current: Key | None = None
) -> Item | None:
    """The open difference after (or before) the caret, wrapping round; None when none is left.
    ``current``: the item the caret is on (its successor is next); else the first starting at or
    after ``offset`` (backwards: the last starting before it)."""
    left = open_differences(all_items)
    if not left:
        return None
    keys = [i.key for i in left]
    if current is not None and current in keys:
        at = keys.index(current)
        return left[(at - 1 if backwards else at + 1) % len(left)]
    if backwards:
        before = [i for i in left if i.start < offset]
        return before[-1] if before else left[-1]
    after = [i for i in left if i.start >= offset]
    return after[0] if after else left[0]


def at_offset(all_items: Sequence[Item], offset: int, selection: tuple[int, int] | None = None) -> list[Item]:
    """Items covering ``offset`` (or exactly matching ``selection``), open ones and the innermost first."""
    if selection is not None and selection[1] > selection[0]:
        exact = [i for i in all_items if (i.start, i.end) == selection]
        if exact:
            return sorted(exact, key=lambda i: not i.open)
    covering = [i for i in all_items if i.start <= offset < i.end]
    return sorted(covering, key=lambda i: (not i.open, i.end - i.start))


def gold_links(
    spans: Iterable[Span], relations: Iterable[Relation], gold_ids: dict[Key, int]
) -> list[tuple[int, int, str]]:
    """The analysts' links whose both ends are in gold, as (gold event id, gold argument id, role),
    without the ones gold already has."""
    by_id = {s.id: s for s in spans}
    have: set[tuple[int, int, str]] = set()
    wanted: dict[tuple[int, int, str], None] = {}
    for r in relations:
        event, argument = by_id.get(r.event_id), by_id.get(r.argument_id)
        if event is None or argument is None:
            continue
        if event.annotator == GOLD and argument.annotator == GOLD:
            have.add((r.event_id, r.argument_id, r.role))
            continue
        if not (is_analyst(event) and is_analyst(argument)):
            continue
        e, a = gold_ids.get(key_of(event)), gold_ids.get(key_of(argument))
        if e is not None and a is not None:
            wanted[(e, a, r.role)] = None
    return [link for link in wanted if link not in have]
