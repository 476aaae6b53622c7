from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings

from model.exporting import export_documents
from model.formats.hf import labels_path, tag_names
from model.store import Store

from .strategies import documents, store_document, token_spans

CLITIC = "وَبِموسكو"
NAMES = ["O", "B-ACTOR", "I-ACTOR", "B-EVENT", "I-EVENT", "B-PLACE", "I-PLACE"]


def export(store: Store, out: Path, split: str = "expand") -> tuple[list[dict], dict[str, int]]:
    report = export_documents(store, out, fmt="hf", split=split)
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()], report.notes


def entities(tokens: list[str], tags: list[str]) -> list[tuple[str, list[str]]]:
    """Decode IOB2 tags into (label, tokens) entities."""
    found: list[tuple[str, list[str]]] = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            found.append((tag[2:], [token]))
        elif tag.startswith("I-"):
            assert found and found[-1][0] == tag[2:], tags
            found[-1][1].append(token)
    return found


def test_one_line_per_sentence_with_tag_indices(store, tmp_path):
    store_document(store, "زار الرئيس موسكو. ثم عاد", [(4, 16, "ACTOR")], "d1")
    lines, notes = export(store, tmp_path / "train.jsonl")
    assert lines == [
        {"id": "d1-1", "doc_id": "d1", "tokens": ["زار", "الرئيس", "موسكو", "."], "ner_tags": [0, 1, 2, 0]},
        {"id": "d1-2", "doc_id": "d1", "tokens": ["ثم", "عاد"], "ner_tags": [0, 0]},
    ]
    assert notes == {"spans": 1, "aligned": 1, "expanded": 0, "split": 0, "dropped": 0,
                     "overlapping_dropped": 0}


def test_tag_names_are_written_beside_the_data(store, tmp_path):
    store.add_label("DATE")
    store_document(store, "نص", [])
    export(store, tmp_path / "train.jsonl")
    assert labels_path(tmp_path / "train.jsonl") == tmp_path / "train.labels.json"
    assert json.loads((tmp_path / "train.labels.json").read_text("utf-8")) == {
        "ner_tags": [*NAMES, "B-DATE", "I-DATE"]}


def test_tag_names_follow_label_order():
    assert tag_names(["ACTOR", "EVENT", "PLACE"]) == NAMES


def test_clitic_rules_apply_and_are_counted(store, tmp_path):
    store_document(store, f"اجتمعوا {CLITIC}", [(12, 17, "PLACE")])
    for split, tokens, tags, key in (("expand", ["اجتمعوا", CLITIC], [0, 5], "expanded"),
                                     ("split", ["اجتمعوا", "وَبِ", "موسكو"], [0, 0, 5], "split"),
                                     ("strict", ["اجتمعوا", CLITIC], [0, 0], "dropped")):
        (line,), notes = export(store, tmp_path / f"{split}.jsonl", split)
        assert (line["tokens"], line["ner_tags"], notes[key]) == (tokens, tags, 1)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_tags_rebuild_every_token_aligned_span(doc):
    text, spans = doc
    with tempfile.TemporaryDirectory() as tmp, Store(":memory:") as store:
        store_document(store, text, spans)
        lines, notes = export(store, Path(tmp) / "out.jsonl")
        names = json.loads((Path(tmp) / "out.labels.json").read_text("utf-8"))["ner_tags"]
        assert [line["id"] for line in lines] == [f"doc-{n}" for n in range(1, len(lines) + 1)]
        got = [e for line in lines for e in entities(line["tokens"], [names[t] for t in line["ner_tags"]])]
        assert got == token_spans(text, spans)
        assert notes["aligned"] == len(spans)
