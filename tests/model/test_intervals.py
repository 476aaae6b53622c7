from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.intervals import SpanIndex, assign_lanes
from model.records import Span


def span(id_: int, start: int, end: int) -> Span:
    return Span(id_, 1, start, end, "PLACE")


SPANS = [span(1, 0, 10), span(2, 2, 4), span(3, 5, 8), span(4, 12, 15)]


def ids(spans) -> list[int]:
    return sorted(s.id for s in spans)


def test_overlapping_finds_spans_crossing_a_range():
    index = SpanIndex(SPANS)
    assert ids(index.overlapping(3, 6)) == [1, 2, 3]
    assert ids(index.overlapping(10, 12)) == []  # ends are exclusive
    assert ids(index.overlapping(9, 13)) == [1, 4]


def test_at_gives_innermost_span_first():
    index = SpanIndex(SPANS)
    assert [s.id for s in index.at(3)] == [2, 1]
    assert [s.id for s in index.at(15)] == [4]  # cursor right after the span
    assert index.at(11) == []


def test_add_and_remove_keep_the_index_in_step():
    index = SpanIndex(SPANS)
    index.remove(2)
    index.add(span(5, 3, 20))
    index.add(span(3, 6, 7))  # re-adding an id replaces it
    assert len(index) == 4 and 2 not in index
    assert ids(index.overlapping(3, 4)) == [1, 5]
    assert index.get(3) == span(3, 6, 7)


def test_lanes_separate_overlapping_spans():
    lanes = assign_lanes(SPANS)
    assert lanes[1] == 0
    assert lanes[2] == lanes[3] == 1  # they do not overlap each other
    assert lanes[4] == 0


RANGES = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 12)), max_size=30)


@given(RANGES, st.integers(0, 60), st.integers(0, 10))
def test_overlapping_agrees_with_a_linear_scan(ranges, start, length):
    spans = [span(i + 1, a, a + n) for i, (a, n) in enumerate(ranges)]
    end = start + length
    point = start == end
    expected = [s.id for s in spans if s.end > start and (s.start < end or (point and s.start <= start))]
    assert ids(SpanIndex(spans).overlapping(start, end)) == sorted(expected)


@given(RANGES)
def test_spans_in_one_lane_never_overlap(ranges):
    spans = [span(i + 1, a, a + n) for i, (a, n) in enumerate(ranges)]
    lanes = assign_lanes(spans)
    for a in spans:
        for b in spans:
            if a.id < b.id and lanes[a.id] == lanes[b.id]:
                assert a.end <= b.start or b.end <= a.start
