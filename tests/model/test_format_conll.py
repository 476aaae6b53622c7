from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from model.errors import InputError
from model.exporting import export_documents
from model.formats.base import LabelSet, ReadOptions
from model.formats.conll import DOCSTART
from model.importing import import_paths
from model.store import Store

from .strategies import documents, store_document, token_spans

CLITIC = "وَبِموسكو"
TEXT = f"اجتمع الوزراء {CLITIC}. وصل الرئيس."  # موسكو is 18–23


def imported(store: Store, path: Path, **options) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Import ``path``; each new document as (ext_id, text, [(span text, label)])."""
    report = import_paths(store, [path], options=ReadOptions(**options) if options else None)
    docs = [store.document(i) for i in report.imported]
    return [(d.ext_id, d.text, [(d.text[s.start : s.end], s.label) for s in store.spans(d.id)]) for d in docs]


def export(store: Store, tmp_path: Path, split: str = "expand") -> tuple[str, dict[str, int]]:
    report = export_documents(store, tmp_path / "out.conll", fmt="conll", split=split)
    return (tmp_path / "out.conll").read_text(encoding="utf-8"), report.notes


def test_export_writes_one_token_and_tag_per_line_and_blank_lines_between_sentences(store, tmp_path):
    store_document(store, "زار الرئيس موسكو. ثم عاد", [(4, 16, "ACTOR")], "d1")
    text, notes = export(store, tmp_path)
    assert text == ("-DOCSTART- -X- O O\n\n"
                    "زار\tO\nالرئيس\tB-ACTOR\nموسكو\tI-ACTOR\n.\tO\n\nثم\tO\nعاد\tO\n\n")
    assert notes == {"spans": 1, "aligned": 1, "expanded": 0, "split": 0, "dropped": 0,
                     "overlapping_dropped": 0}


def test_expand_tags_the_whole_clitic_token(store, tmp_path):
    store_document(store, TEXT, [(18, 23, "PLACE")])
    text, notes = export(store, tmp_path, "expand")
    assert f"{CLITIC}\tB-PLACE\n" in text
    assert (notes["expanded"], notes["aligned"]) == (1, 0)


def test_split_cuts_the_clitic_token_at_the_span_edge(store, tmp_path):
    store_document(store, TEXT, [(18, 23, "PLACE")])
    text, notes = export(store, tmp_path, "split")
    assert "\nوَبِ\tO\nموسكو\tB-PLACE\n.\tO\n" in text
    assert notes["split"] == 1


def test_strict_drops_a_span_inside_a_token(store, tmp_path):
    store_document(store, TEXT, [(18, 23, "PLACE"), (6, 13, "ACTOR")])
    text, notes = export(store, tmp_path, "strict")
    assert "B-PLACE" not in text and f"{CLITIC}\tO\n" in text and "الوزراء\tB-ACTOR" in text
    assert (notes["dropped"], notes["aligned"]) == (1, 1)


def test_overlapping_spans_are_counted_in_the_report(store, tmp_path):
    store_document(store, "وزير خارجية روسيا", [(0, 17, "ACTOR"), (12, 17, "PLACE")])
    text, notes = export(store, tmp_path)
    assert "روسيا\tI-ACTOR" in text
    assert notes["overlapping_dropped"] == 1


def test_entity_across_a_sentence_end_keeps_its_sentence_whole(store, tmp_path):
    store_document(store, "قال. ثم ذهب", [(0, 7, "EVENT")])
    text, _ = export(store, tmp_path)
    assert text.endswith("قال\tB-EVENT\n.\tI-EVENT\nثم\tI-EVENT\nذهب\tO\n\n")


def test_import_rebuilds_text_and_spans_from_tokens(store, tmp_path):
    path = tmp_path / "news.conll"
    path.write_text("زار\tO\nالرئيس\tB-ACTOR\nموسكو\tI-ACTOR\n.\tO\n\nثم\tO\nعاد\tB-EVENT\n", "utf-8")
    assert imported(store, path) == [("news", "زار الرئيس موسكو .\nثم عاد",
                                      [("الرئيس موسكو", "ACTOR"), ("عاد", "EVENT")])]


def test_import_splits_documents_at_id_comments_and_docstart(store, tmp_path):
    path = tmp_path / "many.iob"
    path.write_text("# id = first\nأ\tB-PLACE\n\n-DOCSTART- -X- O O\n\nب\tO\n\n"
                    "# newdoc id = third\n# text = ج\nج\tB-ACTOR\n", encoding="utf-8")
    assert imported(store, path) == [("first", "أ", [("أ", "PLACE")]), ("many-2", "ب", []),
                                     ("third", "ج", [("ج", "ACTOR")])]


def test_import_reads_space_separated_lines_with_the_tag_last(store, tmp_path):
    path = tmp_path / "c03.bio"
    path.write_text("-DOCSTART- -X- O O\n\nEU NNP B-NP B-ACTOR\nrejects VBZ B-VP O\n# O\n", encoding="utf-8")
    assert imported(store, path) == [("c03", "EU rejects #", [("EU", "ACTOR")])]


def test_import_maps_labels(store, tmp_path):
    path = tmp_path / "loc.conll"
    path.write_text("باكو\tB-LOC\n", encoding="utf-8")
    assert imported(store, path, labels=LabelSet((), {"LOC": "PLACE"}))[0][2] == [("باكو", "PLACE")]


def test_import_reads_iob1_when_asked(store, tmp_path):
    path = tmp_path / "old.conll"
    path.write_text("في\tO\nنيو\tI-PLACE\nيورك\tI-PLACE\nموسكو\tB-PLACE\nو\tO\nبوتين\tI-ACTOR\n", "utf-8")
    assert imported(store, path, scheme="iob1")[0][2] == [("نيو يورك", "PLACE"), ("موسكو", "PLACE"),
                                                          ("بوتين", "ACTOR")]


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        ("أ\tO\nب\tX-PLACE\n", 2, "bad tag 'X-PLACE'"),
        ("أ\tO\nب\tI-PLACE\n", 2, "I-PLACE follows O"),
        ("أ\tB-ACTOR\nب\tI-PLACE\n", 2, "I-PLACE follows B-ACTOR"),
        ("أ\tO\n\nب\tI-PLACE\n", 3, "I-PLACE follows the start of a sentence"),
        ("أ\tO\nب\tB-LOC\n", 2, "unknown label 'LOC' (labels: ACTOR, EVENT, PLACE"),
        ("أ\tO\n\nب\n", 3, "one column ('ب')"),
    ],
    ids=["bad-tag", "i-after-o", "i-after-other-type", "i-starts-sentence", "unknown-label", "one-column"],
)
def test_bad_input_names_file_and_line_and_changes_nothing(store, state, tmp_path, lines, line, message):
    store_document(store, "نص سابق", [(0, 2, "EVENT")])
    before = state(store)
    path = tmp_path / "bad.conll"
    path.write_text("# id = ok\nج\tB-PLACE\n\n# id = bad\n" + lines, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_paths(store, [path])
    assert str(caught.value).startswith(f"{path}:{line + 4}: {message}")
    assert state(store) == before


def test_file_without_tokens_is_refused(store, tmp_path):
    path = tmp_path / "empty.conll"
    path.write_text("# id = x\n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.conll: no tokens"):
        import_paths(store, [path])


@settings(max_examples=60, deadline=None)
@given(documents())
def test_export_then_import_gives_back_every_token_aligned_span(doc):
    text, spans = doc
    with tempfile.TemporaryDirectory() as tmp, Store(":memory:") as source, Store(":memory:") as target:
        store_document(source, text, spans)
        out = Path(tmp) / "round.conll"
        notes = export_documents(source, out, fmt="conll").notes
        assert notes["aligned"] == len(spans)
        (doc_id,) = import_paths(target, [out]).imported
        back = target.document(doc_id).text
        got = [(s.label, back[s.start : s.end].split(" ")) for s in target.spans(doc_id)]
        assert got == token_spans(text, spans)
        assert back.split() == [w for line in out.read_text("utf-8").splitlines()
                                if line and line != DOCSTART for w in line.split("\t")[:1]]


def test_documents_are_delimited_as_in_conll_2003_and_read_back_in_order(store, tmp_path):
    """No comment lines: a CoNLL-2003 reader takes only tokens and ``-DOCSTART-``; the ids are
    not carried, so an import names the documents after the file."""
    store_document(store, "زار الرئيس موسكو", [(4, 10, "ACTOR")], "d1")
    store_document(store, "وصل الوفد إلى باكو", [(14, 18, "PLACE")], "d2")
    text, _ = export(store, tmp_path)
    assert not [line for line in text.splitlines() if line.startswith("#")]
    assert text.count("-DOCSTART- -X- O O\n\n") == 2 and text.startswith("-DOCSTART- -X- O O\n\n")
    with Store(":memory:") as fresh:
        assert imported(fresh, tmp_path / "out.conll") == [
            ("out-1", "زار الرئيس موسكو", [("الرئيس", "ACTOR")]),
            ("out-2", "وصل الوفد إلى باكو", [("باكو", "PLACE")])]


def test_a_docstart_token_with_its_tag_is_a_token(store, tmp_path):
    path = tmp_path / "tok.conll"
    path.write_text("-DOCSTART- -X- O O\n\n-DOCSTART-\tO\nب\tB-PLACE\n", encoding="utf-8")
    assert imported(store, path) == [("tok", "-DOCSTART- ب", [("ب", "PLACE")])]


def test_a_tag_with_a_control_character_is_refused_naming_the_line(store, tmp_path):
    path = tmp_path / "ctl.conll"
    path.write_text("باكو\tB-PL\x01ACE\nفي\tO\n", encoding="utf-8")
    options = ReadOptions(labels=LabelSet(store.label_names(), add_new=True))
    with pytest.raises(InputError, match=r"ctl.conll:1: .*non-printable"):
        import_paths(store, [path], "conll", options=options)
    assert store.document_count() == 0
