"""The streamed native JSONL export equals the records built in Python, filters included."""

from __future__ import annotations

import json

import pytest

from model.exporting import export_documents, iter_export_documents
from model.formats.jsonl import record_of
from model.store import Store

TEXT = "عاجل 🔴 | استدعت موسكو السفيرَ الأذربيجانيّ في باكو 👮 فجر 27/06/2025.\nسطر ثانٍ"


@pytest.fixture
def corpus() -> Store:
    store = Store(":memory:")
    a = store.insert_document("a", TEXT, meta={"source": "وكالة", "n": 1})
    b = store.insert_document("b", "خبر آخر عن بيروت", status="done")
    spans = {}
    for word, label, who in (("استدعت", "EVENT", "amal"), ("موسكو", "PLACE", "amal"),
                             ("السفيرَ الأذربيجانيّ", "ACTOR", "omar"), ("باكو", "PLACE", "omar")):
        start = TEXT.index(word)
        spans[word], _ = store.add_span(a, start, start + len(word), label, who)
    store.link(spans["استدعت"].id, spans["موسكو"].id, "source")
    store.link(spans["استدعت"].id, spans["السفيرَ الأذربيجانيّ"].id, "target")
    store.link(spans["استدعت"].id, spans["باكو"].id, "place")
    store.add_span(b, 8, 13, "PLACE", "amal")
    return store


@pytest.mark.parametrize(
    "filters",
    [{}, {"labels": ["EVENT", "PLACE"]}, {"annotator": "amal"}, {"status": "done"}, {"ids": ["a"]}],
    ids=["all", "labels", "annotator", "status", "ids"],
)
def test_streamed_jsonl_equals_python_records(corpus, tmp_path, filters):
    out = tmp_path / "out.jsonl"
    report = export_documents(corpus, out, "jsonl", **filters)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [record_of(item) for item in iter_export_documents(corpus, **filters)]
    assert written == expected
    assert report.documents == len(expected)
    assert report.spans == sum(len(r["spans"]) for r in expected)
    assert report.relations == sum(len(r["relations"]) for r in expected)


def test_streamed_jsonl_span_text_is_cut_in_code_points(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    export_documents(corpus, out, "jsonl", ids=["a"])
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["spans"])
    assert {s["text"] for s in record["spans"]} >= {"موسكو", "باكو"}


def test_streamed_jsonl_lists_spans_in_reading_order_whatever_the_tagging_order(tmp_path):
    store = Store(":memory:")
    doc = store.insert_document("a", TEXT)
    for word in ("باكو", "موسكو", "استدعت", "فجر"):  # tagged back to front
        start = TEXT.index(word)
        store.add_span(doc, start, start + len(word), "PLACE")
    out = tmp_path / "out.jsonl"
    export_documents(store, out, "jsonl")
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["start"] for s in record["spans"]] == sorted(s["start"] for s in record["spans"])
