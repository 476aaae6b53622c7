"""Labels on the way in: parsing a label map, refusing unknown labels as data, listing them first."""

from __future__ import annotations

import json
import zipfile

import pytest

from model.errors import InputError, UnknownLabelError, UsageError
from model.formats.base import LabelSet, ReadOptions, parse_label_map
from model.importing import import_paths, unknown_labels

KNOWN = ("ACTOR", "EVENT", "PLACE")
TEXT = "زار لافروف موسكو"


def options(mapping: dict[str, str] | None = None, add_new: bool = False) -> ReadOptions:
    return ReadOptions(labels=LabelSet(KNOWN, mapping, add_new))


# ---- parse_label_map ----------------------------------------------------------------------------


def test_label_map_parses_pairs_with_spaces_and_arabic_commas():
    assert parse_label_map(" PER = ACTOR, LOC=PLACE ،GPE=PLACE") == {
        "PER": "ACTOR", "LOC": "PLACE", "GPE": "PLACE"
    }


def test_blank_label_map_is_empty():
    assert parse_label_map("") == {}
    assert parse_label_map(" , ,") == {}


@pytest.mark.parametrize("bad", ["PER", "PER=", "=ACTOR", "PER=ACTOR=X"])
def test_label_map_refuses_a_bad_pair_naming_it(bad):
    with pytest.raises(UsageError) as caught:
        parse_label_map(f"LOC=PLACE, {bad}")
    assert str(caught.value) == f"‘{bad}’ is not an OLD=NEW pair (for example PER=ACTOR)"


def test_label_map_refuses_a_label_renamed_two_ways():
    assert parse_label_map("PER=ACTOR,PER=ACTOR") == {"PER": "ACTOR"}
    with pytest.raises(UsageError, match="PER is renamed twice, to ACTOR and to PLACE"):
        parse_label_map("PER=ACTOR,PER=PLACE")


def test_label_set_message_lists_the_labels_without_command_line_wording():
    assert LabelSet(KNOWN).describe() == "labels: ACTOR, EVENT, PLACE"


# ---- UnknownLabelError --------------------------------------------------------------------------


def jsonl(tmp_path, *labels: str):
    path = tmp_path / "peer.jsonl"
    lines = [
        {"id": f"d{n}", "text": TEXT, "spans": [{"start": 4, "end": 10, "label": label}]}
        for n, label in enumerate(labels)
    ]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def conll(tmp_path, *tags: str):
    path = tmp_path / "peer.conll"
    path.write_text("".join(f"{word}\t{tag}\n" for word, tag in zip(TEXT.split(), tags, strict=True)),
                    encoding="utf-8")
    return path


def brat(tmp_path, label: str):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(f"T1\t{label} 4 10\tلافروف\n", encoding="utf-8")
    return tmp_path / "a.ann"


def doccano(tmp_path, label: str):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": TEXT, "label": [[4, 10, label]]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def labelstudio(tmp_path, label: str):
    path = tmp_path / "ls.json"
    region = {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 4, "end": 10, "text": "لافروف", "labels": [label]}}
    task = {"data": {"text": TEXT}, "annotations": [{"result": [region]}]}
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (lambda tmp, label: jsonl(tmp, label), 1),
        (lambda tmp, label: conll(tmp, "O", f"B-{label}", "O"), 2),
        (brat, 1),
        (doccano, 1),
        (labelstudio, 1),
    ],
    ids=["jsonl", "conll", "brat", "doccano", "labelstudio"],
)
def test_every_reader_refuses_an_unknown_label_naming_it(store, tmp_path, make, line):
    path = make(tmp_path, "PER")
    with pytest.raises(UnknownLabelError) as caught:
        import_paths(store, [path])
    error = caught.value
    assert isinstance(error, InputError)
    assert (error.label, error.line) == ("PER", line)
    assert "PER" in str(error) and "labels: ACTOR, EVENT, PLACE" in str(error)
    assert "--" not in str(error)  # command-line hints are the CLI's to add
    assert store.document_count() == 0


def test_a_label_that_is_not_a_name_is_not_an_unknown_label(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": [{"start": 4, "end": 10, "label": 7}]}) + "\n")
    with pytest.raises(InputError) as caught:
        import_paths(store, [path])
    assert not isinstance(caught.value, UnknownLabelError)
    assert "has label 7; expected a label name" in str(caught.value)


# ---- unknown_labels -----------------------------------------------------------------------------


def test_unknown_labels_of_a_jsonl_file_in_first_seen_order(store, tmp_path):
    path = jsonl(tmp_path, "PER", "PLACE", "LOC", "PER", "ORG")
    assert unknown_labels([path], options=options()) == ["PER", "LOC", "ORG"]
    assert store.document_count() == 0


def test_unknown_labels_of_a_conll_file(tmp_path):
    path = conll(tmp_path, "O", "B-PER", "B-LOC")
    assert unknown_labels([path], "conll", options()) == ["PER", "LOC"]


def test_unknown_labels_follow_the_label_map(tmp_path):
    paths = [jsonl(tmp_path, "PER", "LOC"), conll(tmp_path, "B-GPE", "B-PER", "B-LOC")]
    assert unknown_labels(paths, options=options({"PER": "ACTOR"})) == ["LOC", "GPE"]
    assert unknown_labels(paths, options=options({"PER": "PERSON"})) == ["PER", "LOC", "GPE"]
    assert unknown_labels(paths, options=options({"PER": "ACTOR", "LOC": "PLACE", "GPE": "PLACE"})) == []


def test_no_unknown_labels_when_new_labels_may_be_added(tmp_path):
    assert unknown_labels([jsonl(tmp_path, "PER", "LOC")], options=options(add_new=True)) == []


def test_unknown_labels_then_mapping_them_lets_the_import_through(store, tmp_path):
    path = conll(tmp_path, "O", "B-PER", "B-LOC")
    chosen = options()
    assert unknown_labels([path], options=chosen) == ["PER", "LOC"]
    mapping = parse_label_map("PER=ACTOR, LOC=PLACE")
    report = import_paths(store, [path], options=options(mapping))
    assert report.spans == 2


def test_unknown_labels_across_a_brat_archive(tmp_path):
    archive = tmp_path / "b.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", TEXT)
        zf.writestr("a.ann", "T1\tPER 4 10\tلافروف\nT2\tLOC 11 16\tموسكو\n")
        zf.writestr("b.txt", TEXT)
        zf.writestr("b.ann", "T1\tPLACE 11 16\tموسكو\nT2\tORG 0 3\tزار\n")
    assert unknown_labels([archive], "brat", options()) == ["PER", "LOC", "ORG"]


def test_unknown_labels_still_reports_other_problems(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "نص", "spans": [{"start": 0, "end": 9, "label": "PER"}]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="outside the text"):
        unknown_labels([path], options=options())
