"""Hugging Face token classification JSONL (export only): one line per sentence.

Each line is ``{"id": "<ext_id>-<n>", "doc_id": "<ext_id>", "tokens": [...], "ner_tags": [...]}``
with ``n`` counting the document's sentences from 1 and ``ner_tags`` indexing the IOB2 names
``["O", "B-ACTOR", "I-ACTOR", ...]`` (every database label, in order), which are written beside the
data as ``<out stem>.labels.json`` (``{"ner_tags": names}``) for a ``datasets.ClassLabel``, and the
dataset's features as ``<out stem>.features.json`` (``datasets.Features.from_dict`` reads it; pass
it as ``load_dataset("json", ..., features=...)``). The names come from the database's schema, sub-types
included, so the features are complete even for labels no span uses yet.
Tokens come from :mod:`model.tokenize` (as the search index stored them, when it has); spans cutting
a token follow ``--split``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from model.textio import atomic_writer
from model.tokenize import stored_tagged_sentences

from .base import ExportDocument, Format, WriteOptions


def labels_path(out: Path) -> Path:
    """Where the tag names of an export to ``out`` go: ``train.jsonl`` -> ``train.labels.json``."""
    return out.with_name(f"{out.stem}.labels.json")


def features_path(out: Path) -> Path:
    """Where the features of an export to ``out`` go: ``train.jsonl`` -> ``train.features.json``."""
    return out.with_name(f"{out.stem}.features.json")


def features(names: list[str]) -> dict[str, object]:
    """The export's columns as ``datasets.Features.to_dict`` writes them (``Sequence``, which
    every version of ``datasets`` reads, for lists)."""
    text = {"dtype": "string", "_type": "Value"}
    return {"id": text, "doc_id": text, "tokens": {"feature": text, "_type": "Sequence"},
            "ner_tags": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"}}


def tag_names(labels: Iterable[str]) -> list[str]:
    """``O`` then ``B-`` and ``I-`` of each label, in order: the ClassLabel names."""
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in "BI")]


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> dict[str, int]:
    """Write one JSON line per sentence and the tag names; returns the --split rule counts."""
    names = tag_names(options.labels)
    index = {name: i for i, name in enumerate(names)}
    notes: Counter[str] = Counter()
    with atomic_writer(out) as fh:
        for item in documents:
            doc = item.document
            spans = [(s.start, s.end, s.label) for s in item.spans]
            groups, counts = stored_tagged_sentences(doc.text, spans, options.split, item.tokens)
            notes.update(counts)
            for n, group in enumerate(groups, 1):
                for _, tag in group:
                    if tag not in index:  # a label missing from options.labels: append, indices stay
                        names.extend(f"{p}-{tag[2:]}" for p in "BI")
                        index.update((name, i) for i, name in enumerate(names))
                record = {"id": f"{doc.ext_id}-{n}", "doc_id": doc.ext_id, "tokens": [t for t, _ in group],
                          "ner_tags": [index[tag] for _, tag in group]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    with atomic_writer(labels_path(out)) as fh:
        fh.write(json.dumps({"ner_tags": names}, ensure_ascii=False, indent=1) + "\n")
    with atomic_writer(features_path(out)) as fh:
        fh.write(json.dumps(features(names), ensure_ascii=False, indent=1) + "\n")
    return dict(notes)


FORMAT = Format("hf", (".jsonl",), write=write,
                offset_unit="tokens (one line per sentence, ner_tags index <out>.labels.json, "
                "features in <out>.features.json); "
                "character offsets are not carried",
                suffix=".jsonl", token_based=True, reads_stored_tokens=True)
