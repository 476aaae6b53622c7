"""The JSONL reader checks well-formed spans in one tight loop and leaves anything odd to the
careful per-span checks: both must agree on every line, and every message is the careful one."""

from __future__ import annotations

import itertools

import pytest

from model.formats import jsonl
from model.formats._common import LineError
from model.formats.base import LabelSet

TEXT = "قال الوزير في موسكو إن الاجتماع انتهى"
GOOD = {"id": 1, "start": 4, "end": 10, "label": "ACTOR", "text": "الوزير", "annotator": "amal"}

#: one change at a time to a good span: each either still good or wrong in its own way
CHANGES: list[dict[str, object]] = [
    {},
    {"id": None}, {"id": "s1"}, {"id": ""}, {"id": 1.5}, {"id": True}, {"id": [1]},
    {"start": None}, {"start": True}, {"start": 4.0}, {"start": -1}, {"start": 10}, {"start": "4"},
    {"end": 100}, {"end": 4}, {"end": False},
    {"label": "actor"}, {"label": "PER"}, {"label": None}, {"label": 3}, {"label": ["ACTOR"]},
    {"label": "EVENT"}, {"label": "ACT\u0000OR"},
    {"text": None}, {"text": "الوزيز"}, {"text": 5}, {"text": ["الوزير"]},
    {"annotator": None}, {"annotator": ""}, {"annotator": 7}, {"annotator": {"n": 1}},
]


def careful(spans: object, labels: LabelSet) -> object:
    """The spans and ids the per-span checks give, or what they say is wrong."""
    try:
        return jsonl._checked_spans(spans, TEXT, labels, None)  # type: ignore[arg-type]
    except LineError as exc:
        return ("refused", str(exc), exc.label)


def through_reader(spans: object, labels: LabelSet) -> object:
    try:
        return jsonl._parse_record({"text": TEXT, "spans": spans}, labels, "d")["spans"]
    except LineError as exc:
        return ("refused", str(exc), exc.label)


def span_lists() -> list[list[object]]:
    lists: list[list[object]] = [
        [], [None], ["x"], [GOOD, GOOD], [GOOD, dict(GOOD, id=2)], [GOOD, dict(GOOD, label="PLACE")],
        [GOOD, dict(GOOD, start=20, end=25, text=None)],
    ]
    for first, second in itertools.product(CHANGES, repeat=2):
        one = {key: value for key, value in {**GOOD, **first}.items() if value is not None or key != "id"}
        other = {**GOOD, "id": 2, "start": 14, "end": 19, "text": "موسكو", **second}
        lists.append([one, other])
    return lists


@pytest.mark.parametrize("mapping", [{}, {"PER": "ACTOR"}])
def test_the_fast_path_agrees_with_the_careful_checks_on_every_line(mapping):
    labels = LabelSet(["ACTOR", "EVENT", "PLACE"], mapping)
    for spans in span_lists():
        fast = jsonl._well_formed_spans(spans, TEXT, labels)
        slow = careful(spans, labels)
        refused = isinstance(slow, tuple) and slow[0] == "refused"
        if fast is not None:
            assert fast == slow, spans  # taken only where the careful checks find nothing
        assert through_reader(spans, labels) == (slow if refused else slow[0]), spans  # type: ignore[index]


def test_the_fast_path_is_taken_for_ordinary_lines():
    labels = LabelSet(["ACTOR", "EVENT", "PLACE"])
    spans = [GOOD, {"id": "p", "start": 14, "end": 19, "label": "PLACE"}, dict(GOOD, label="EVENT", id=3)]
    found = jsonl._well_formed_spans(spans, TEXT, labels)
    assert found is not None
    assert [tuple(span) for span in found[0]] == [
        (4, 10, "ACTOR", "amal", 1, ""), (14, 19, "PLACE", "", "p", ""), (4, 10, "EVENT", "amal", 3, "")
    ]
    assert found[1] == {1, "p", 3}
