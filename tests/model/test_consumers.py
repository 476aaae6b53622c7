"""The exports load in the tools they are for: spaCy, Hugging Face datasets, seqeval."""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # read before datasets is imported
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets
import pytest
import spacy
from seqeval.metrics import classification_report
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2
from spacy.tokens import DocBin

from model.exporting import export_documents
from model.formats.conll import DOCSTART
from model.formats.hf import labels_path
from model.importing import import_paths
from model.paths import SAMPLES
from model.store import Store
from model.tokenize import tokenize

SPANS = {  # text to tag -> label, in each sample; the second PLACE lies inside the ACTOR before it
    "002-harakat-clitics.txt": [
        ("اِسْتَدْعَتْ", "EVENT"), ("وِزارَةُ الخارِجِيَّةِ الأَذْرَبيجانِيَّةُ", "ACTOR"),
        ("الأَذْرَبيجانِيَّةُ", "PLACE"), ("الكرملين", "ACTOR"), ("باكو", "PLACE"), ("لافروف", "ACTOR"),
        ("بِبَحر قزوين", "PLACE"),
    ],
    "000-seed.txt": [("وزارة الخارجية الروسية", "ACTOR"), ("استدعاء", "EVENT"), ("موسكو", "PLACE")],
}
NESTED = ("الأَذْرَبيجانِيَّةُ", "PLACE")


@pytest.fixture
def annotated(store: Store) -> Store:
    """The samples with token-aligned spans, one of them nested inside another."""
    import_paths(store, [SAMPLES / name for name in SPANS])
    for doc in store.iter_documents():
        for needle, label in SPANS[doc.meta["source"]]:
            start = doc.text.index(needle)
            edges = {edge for token in tokenize(doc.text) for edge in token}
            assert {start, start + len(needle)} <= edges, needle
            store.add_span(doc.id, start, start + len(needle), label)
    return store


def stored(store: Store, nested: bool = True) -> list[list[tuple[str, str]]]:
    """Each document's spans as (text, label) in text order, with or without the nested one."""
    result = []
    for doc in store.iter_documents():
        spans = [(doc.text[s.start : s.end], s.label) for s in store.spans(doc.id)]
        result.append([s for s in spans if nested or s != NESTED])
    return result


def test_spacy_loads_the_docbin_with_the_same_text_and_spans(annotated, tmp_path):
    export_documents(annotated, tmp_path / "train.spacy", fmt="spacy")
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert [d.text for d in docs] == [d.text for d in annotated.iter_documents()]
    assert [[(s.text, s.label_) for s in d.spans["sc"]] for d in docs] == stored(annotated)
    assert [[(e.text, e.label_) for e in d.ents] for d in docs] == stored(annotated, nested=False)
    assert [d.user_data["id"] for d in docs] == ["002-harakat-clitics", "000-seed"]


def test_datasets_loads_the_hf_export_with_its_label_names(annotated, tmp_path):
    out = tmp_path / "train.jsonl"
    export_documents(annotated, out, fmt="hf")
    names = json.loads(labels_path(out).read_text(encoding="utf-8"))["ner_tags"]
    features = datasets.Features({
        "id": datasets.Value("string"), "doc_id": datasets.Value("string"),
        "tokens": datasets.Sequence(datasets.Value("string")),
        "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
    })
    data = datasets.load_dataset("json", data_files=str(out), features=features, split="train",
                                 cache_dir=str(tmp_path / "hf-cache"))
    label = data.features["ner_tags"].feature
    assert label.names == ["O", "B-ACTOR", "I-ACTOR", "B-EVENT", "I-EVENT", "B-PLACE", "I-PLACE"]
    found: dict[str, list[tuple[str, str]]] = {}
    for row in data:
        tags = label.int2str(row["ner_tags"])
        for kind, first, last in get_entities(tags):
            found.setdefault(row["doc_id"], []).append((" ".join(row["tokens"][first : last + 1]), kind))
    expected = [[(" ".join(t[s:e] for s, e in tokenize(t)), kind) for t, kind in doc]
                for doc in stored(annotated, nested=False)]
    assert list(found.values()) == expected


def test_seqeval_reads_the_conll_tags_and_finds_the_same_entities(annotated, tmp_path):
    export_documents(annotated, tmp_path / "train.conll", fmt="conll")
    tokens: list[list[str]] = [[]]
    tags: list[list[str]] = [[]]
    for line in (tmp_path / "train.conll").read_text(encoding="utf-8").splitlines():
        if line == DOCSTART:
            continue
        if not line:
            tokens.append([])
            tags.append([])
            continue
        token, tag = line.split("\t")
        tokens[-1].append(token)
        tags[-1].append(tag)
    tokens, tags = [t for t in tokens if t], [t for t in tags if t]
    flat = [token for sentence in tokens for token in [*sentence, ""]]  # seqeval joins sentences with an O
    entities = [(" ".join(flat[first : last + 1]), kind) for kind, first, last in get_entities(tags)]
    expected = [(" ".join(text[s:e] for s, e in tokenize(text)), kind)
                for doc in stored(annotated, nested=False) for text, kind in doc]
    assert entities == expected
    report = classification_report(tags, tags, mode="strict", scheme=IOB2, output_dict=True)
    support = {k: report[k]["support"] for k in ("ACTOR", "EVENT", "PLACE")}
    assert support == {"ACTOR": 4, "EVENT": 2, "PLACE": 3}


def test_spacy_convert_ner_reads_the_conll_export_as_it_is(annotated, tmp_path):
    """``python -m spacy convert FILE OUT --converter ner``, the CoNLL-2003 reader: one doc per
    document, the same tokens, and the entities (the nested one is not in a flat tag column)."""
    export_documents(annotated, tmp_path / "train.conll", fmt="conll")
    (tmp_path / "out").mkdir()
    run = subprocess.run([sys.executable, "-m", "spacy", "convert", str(tmp_path / "train.conll"),
                          str(tmp_path / "out"), "--converter", "ner"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Generated output file (2 documents)" in run.stdout
    nlp = spacy.blank("xx")
    docs = list(DocBin().from_disk(tmp_path / "out" / "train.spacy").get_docs(nlp.vocab))
    texts = [d.text for d in annotated.iter_documents()]
    assert [[t.text for t in d] for d in docs] == [[t[s:e] for s, e in tokenize(t)] for t in texts]
    expected = [[(" ".join(text[s:e] for s, e in tokenize(text)), kind) for text, kind in doc]
                for doc in stored(annotated, nested=False)]
    assert [[(e.text, e.label_) for e in d.ents] for d in docs] == expected


def test_spacy_conll_reader_takes_the_seed_article_export(store, tmp_path):
    """The Python side of the same converter, on the seed article alone."""
    from spacy.training.converters import conll_ner_to_docs

    import_paths(store, [SAMPLES / "000-seed.txt"])
    doc = next(store.iter_documents())
    for needle, label in SPANS["000-seed.txt"]:
        start = doc.text.index(needle)
        store.add_span(doc.id, start, start + len(needle), label, "amal")
    export_documents(store, tmp_path / "seed.conll", fmt="conll")
    (parsed,) = conll_ner_to_docs((tmp_path / "seed.conll").read_text(encoding="utf-8"), no_print=True)
    assert [t.text for t in parsed] == [doc.text[s:e] for s, e in tokenize(doc.text)]
    assert [(e.text, e.label_) for e in parsed.ents] == [
        ("وزارة الخارجية الروسية", "ACTOR"), ("استدعاء", "EVENT"), ("موسكو", "PLACE")]
