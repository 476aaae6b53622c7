"""Whose spans an export carries: the gold layer where a document has one, an analyst's, or all."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from model.exporting import export_documents
from model.records import GOLD
from model.store import Store

REVIEWED = "استدعت وزارة الخارجية السفير الروسي في باكو"
OPEN = "وصل الوزير إلى موسكو مساء الأحد"


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def corpus(store: Store) -> Store:
    reviewed = store.insert_document("reviewed", REVIEWED)
    still_open = store.insert_document("open", OPEN)
    assert reviewed is not None and still_open is not None
    for who in ("amal", "huda", GOLD):
        store.add_span(reviewed, *at(REVIEWED, "باكو"), "PLACE", who)
    event, _ = store.add_span(reviewed, *at(REVIEWED, "استدعت"), "EVENT", GOLD)
    place = next(s for s in store.spans(reviewed) if s.annotator == GOLD and s.label == "PLACE")
    store.link(event.id, place.id, "place", annotator=GOLD)
    store.add_span(reviewed, *at(REVIEWED, "السفير"), "ACTOR", "huda")
    store.add_span(still_open, *at(OPEN, "موسكو"), "PLACE", "amal")
    return store


def jsonl_spans(path: Path) -> dict[str, list[tuple[str, str]]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: sorted((s["text"], s["annotator"]) for s in r["spans"]) for r in records}


def test_by_default_a_reviewed_document_gives_its_gold_layer_and_the_others_all_their_spans(corpus, tmp_path):
    report = export_documents(corpus, tmp_path / "out.jsonl", "jsonl")
    assert jsonl_spans(tmp_path / "out.jsonl") == {
        "reviewed": [("استدعت", GOLD), ("باكو", GOLD)],
        "open": [("موسكو", "amal")],
    }
    assert (report.spans, report.relations) == (3, 1)


def test_layer_all_gives_every_analysts_spans(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out.jsonl", "jsonl", layer="all")
    assert len(jsonl_spans(tmp_path / "out.jsonl")["reviewed"]) == 5


def test_an_analysts_layer_gives_only_theirs_and_the_links_between_them(corpus, tmp_path):
    report = export_documents(corpus, tmp_path / "out.jsonl", "jsonl", layer="huda")
    assert jsonl_spans(tmp_path / "out.jsonl") == {
        "reviewed": [("السفير", "huda"), ("باكو", "huda")],
        "open": [],
    }
    assert report.relations == 0  # the link is the gold layer's


def test_the_layer_holds_in_token_and_table_formats(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out.conll", "conll")
    tagged = [line.split("\t") for line in (tmp_path / "out.conll").read_text(encoding="utf-8").splitlines()]
    entities = [token for token, tag in (row for row in tagged if len(row) == 2) if tag != "O"]
    assert entities == ["استدعت", "باكو", "موسكو"]
    export_documents(corpus, tmp_path / "out.csv", "csv", layer="amal")
    with (tmp_path / "out.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((r["text"], r["annotator"]) for r in rows) == [("باكو", "amal"), ("موسكو", "amal")]


def test_without_a_gold_layer_the_default_is_every_span(store, tmp_path):
    doc = store.insert_document("d", OPEN)
    store.add_span(doc, *at(OPEN, "موسكو"), "PLACE", "amal")
    store.add_span(doc, *at(OPEN, "موسكو"), "PLACE", "huda")
    export_documents(store, tmp_path / "out.jsonl", "jsonl")
    assert jsonl_spans(tmp_path / "out.jsonl")["d"] == [("موسكو", "amal"), ("موسكو", "huda")]
