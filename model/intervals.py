"""An interval index over spans: which spans overlap a range, and lanes for overlaps."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

from .records import Span


class SpanIndex:
    """Spans sorted by start; a query scans back by the longest span's length only."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._keys: list[tuple[int, int]] = []  # (start, id), kept sorted
        self._by_id: dict[int, Span] = {}
        self._longest = 0
        for span in sorted(spans, key=lambda s: (s.start, s.id)):
            self._keys.append((span.start, span.id))
            self._by_id[span.id] = span
            self._longest = max(self._longest, span.end - span.start)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Span]:
        return (self._by_id[i] for _, i in self._keys)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def get(self, span_id: int) -> Span | None:
        return self._by_id.get(span_id)

    def add(self, span: Span) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        insort(self._keys, (span.start, span.id))
        self._by_id[span.id] = span
        self._longest = max(self._longest, span.end - span.start)

    def remove(self, span_id: int) -> Span | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            i = bisect_left(self._keys, (span.start, span.id))
            del self._keys[i]
        return span

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans with ``span.start < end`` and ``span.end > start`` (a point query when equal)."""
        lo = bisect_left(self._keys, (start - self._longest, -1))
        hi = bisect_left(self._keys, (end + (1 if end == start else 0), -1))
        out = []
        for _, span_id in self._keys[lo:hi]:
            span = self._by_id[span_id]
            if span.end > start and (span.start < end or (start == end and span.start <= start)):
                out.append(span)
        return out

    def at(self, pos: int) -> list[Span]:
        """Spans containing the character at ``pos`` or ending right at it, innermost first."""
        found = [s for s in self.overlapping(pos, pos) if s.start <= pos < s.end]
        if not found:
            found = [s for s in self.overlapping(max(0, pos - 1), pos) if s.end == pos]
        return sorted(found, key=lambda s: (s.end - s.start, -s.start))


def assign_lanes(spans: Iterable[Span]) -> dict[int, int]:
    """Give overlapping spans different lanes (0 = outermost); greedy interval colouring."""
    lanes_end: list[int] = []
    lanes: dict[int, int] = {}
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.id)):
        for lane, lane_end in enumerate(lanes_end):
            if lane_end <= span.start:
                lanes_end[lane] = span.end
                lanes[span.id] = lane
                break
        else:
            lanes[span.id] = len(lanes_end)
            lanes_end.append(span.end)
    return lanes
