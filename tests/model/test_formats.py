"""The format registry: what each format says about itself."""

from __future__ import annotations

import pytest

from model.errors import UsageError
from model.exporting import export_documents
from model.formats import FORMATS, writable

SUFFIXES = {"jsonl": ".jsonl", "conll": ".conll", "hf": ".jsonl", "spacy": ".spacy", "brat": ".zip",
            "doccano": ".jsonl", "labelstudio": ".json", "csv": ".csv"}


def test_every_writable_format_names_its_default_suffix():
    assert {name: FORMATS[name].suffix for name in writable()} == SUFFIXES


def test_a_readable_format_reads_what_it_writes_by_default():
    for fmt in FORMATS.values():
        if fmt.read is not None:
            assert fmt.suffix in fmt.extensions, fmt.name


def test_token_formats_are_conll_hf_and_spacy():
    assert sorted(name for name, fmt in FORMATS.items() if fmt.token_based) == ["conll", "hf", "spacy"]


@pytest.mark.parametrize("fmt", ["conll", "hf"])
def test_export_refuses_an_unknown_split_mode_before_writing(store, tmp_path, fmt):
    store.insert_document("a", "زار الوفد موسكو")
    out = tmp_path / f"out{FORMATS[fmt].suffix}"
    with pytest.raises(UsageError, match="unknown split mode 'whole'"):
        export_documents(store, out, fmt, split="whole")
    assert list(tmp_path.iterdir()) == []
