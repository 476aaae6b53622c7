from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from model.errors import HashiyaError
from model.exporting import export_documents
from model.formats.spacy import words_and_spaces
from model.store import Store
from model.tokenize import tokenize

from .strategies import store_document

CLITIC = "وَبِموسكو"


def export(store: Store, out: Path, split: str = "expand") -> tuple[list[Doc], dict[str, int]]:
    notes = export_documents(store, out, fmt="spacy", split=split).notes
    return list(DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab)), notes


def test_words_and_spaces_rebuild_the_text_exactly():
    text = "  قال\u00a0الوزير  «نعم»\n\nثم\u200fعاد 😀 "
    words, spaces = words_and_spaces(text, tokenize(text))
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
    assert words[:4] == ["  ", "قال", "\u00a0", "الوزير"]
    assert Doc(spacy.blank("ar").vocab, words=words, spaces=spaces).text == text


def test_doc_text_is_the_stored_text(store, tmp_path):
    text = " بيان:\u2028\tوزارة  الخارجية\n\nفي باكو 😀 "
    store_document(store, text, [(8, 13, "ACTOR")])
    (doc,), _ = export(store, tmp_path / "out.spacy")
    assert doc.text == text
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [("وزارة", "ACTOR", 8)]


def test_overlapping_spans_all_go_to_the_span_group_and_the_longest_to_ents(store, tmp_path):
    store_document(store, "وزير خارجية روسيا", [(0, 17, "ACTOR"), (12, 17, "PLACE"), (5, 11, "EVENT")])
    (doc,), notes = export(store, tmp_path / "out.spacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("وزير خارجية روسيا", "ACTOR")]
    assert [(s.text, s.label_) for s in doc.spans["sc"]] == [
        ("وزير خارجية روسيا", "ACTOR"), ("خارجية", "EVENT"), ("روسيا", "PLACE")]
    assert notes["overlapping_dropped"] == 2


@pytest.mark.parametrize(
    ("split", "words", "ents", "key"),
    [("expand", ["اجتمعوا", CLITIC], [CLITIC], "expanded"),
     ("split", ["اجتمعوا", "وَبِ", "موسكو"], ["موسكو"], "split"),
     ("strict", ["اجتمعوا", CLITIC], [], "dropped")],
)
def test_clitic_rules_shape_tokens_and_entities(store, tmp_path, split, words, ents, key):
    store_document(store, f"اجتمعوا {CLITIC}", [(12, 17, "PLACE")])
    (doc,), notes = export(store, tmp_path / "out.spacy", split)
    assert ([t.text for t in doc], [e.text for e in doc.ents], notes[key]) == (words, ents, 1)
    assert [s.text for s in doc.spans["sc"]] == ents
    assert doc.text == f"اجتمعوا {CLITIC}"


def test_user_data_holds_id_title_and_status(store, tmp_path):
    doc_id = store_document(store, "عنوان\nنص الخبر", [], "seed-1")
    store.set_status(doc_id, "done")
    (doc,), _ = export(store, tmp_path / "out.spacy")
    assert doc.user_data == {"id": "seed-1", "title": "عنوان", "status": "done"}


def test_missing_spacy_is_a_clear_error_and_writes_nothing(store, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)
    store_document(store, "نص", [])
    with pytest.raises(HashiyaError, match=r"spaCy is not installed: pip install 'hashiya\[spacy\]'"):
        export_documents(store, tmp_path / "out.spacy", fmt="spacy")
    assert list(tmp_path.iterdir()) == []
