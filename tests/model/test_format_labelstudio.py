from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from model.errors import InputError
from model.exporting import export_documents
from model.formats import FORMATS, format_for_path
from model.importing import import_paths
from model.store import Store

from .peers import at, build_corpus, snapshot

TEXT = "عاجل 🔴 | اِسْتَدْعَتْ موسكو سفيرَ أذربيجان في باكو.\r\nوقالت الخارجية إنّ القرار نهائي."


def region(rid: str, word: str, label: str, text: str = TEXT) -> dict:
    start, end = at(text, word)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": word, "labels": [label]}}


def link(from_id: str, to_id: str, direction: str, role: str) -> dict:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": direction, "labels": [role]}


def task(**data) -> dict:
    result = [region("a1", "اِسْتَدْعَتْ", "EVENT"), region("b2", "موسكو", "PLACE"),
              region("c3", "باكو", "PLACE"),
              link("a1", "b2", "right", "source"), link("c3", "a1", "left", "place"),
              {"id": "x", "from_name": "topic", "to_name": "text", "type": "choices",
               "value": {"choices": ["سياسة"]}}]
    return {"id": 7, "data": {"text": TEXT, **data},
            "annotations": [{"result": [], "was_cancelled": True, "completed_by": 1},
                            {"result": result, "was_cancelled": False,
                             "completed_by": {"id": 3, "email": "amal@example.org"}}]}


def write_tasks(path, tasks, indent: int | None = 2) -> None:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=indent), encoding="utf-8")


def test_first_annotation_not_cancelled_is_imported(store, tmp_path):
    write_tasks(tmp_path / "ls.json", [task(source="RT")])
    (doc_id,) = import_paths(store, [tmp_path / "ls.json"]).imported
    doc = store.document(doc_id)
    assert (doc.ext_id, doc.meta) == ("7", {"source": "RT"})
    assert "\r" not in doc.text
    spans = store.spans(doc_id)
    words = {s.id: doc.text[s.start : s.end] for s in spans}
    assert sorted((words[s.id], s.label, s.annotator) for s in spans) == [
        ("اِسْتَدْعَتْ", "EVENT", "amal@example.org"), ("باكو", "PLACE", "amal@example.org"),
        ("موسكو", "PLACE", "amal@example.org")]
    relations = sorted((words[r.event_id], words[r.argument_id], r.role) for r in store.relations(doc_id))
    assert relations == [("اِسْتَدْعَتْ", "باكو", "place"), ("اِسْتَدْعَتْ", "موسكو", "source")]


def test_json_array_of_tasks_is_recognised_by_content(tmp_path):
    write_tasks(tmp_path / "ls.json", [task()])
    (tmp_path / "other.json").write_text('{"data": 1}', encoding="utf-8")
    assert format_for_path(tmp_path / "ls.json").name == "labelstudio"
    sniff = FORMATS["labelstudio"].sniff
    assert sniff is not None and not sniff(tmp_path / "other.json")


@pytest.fixture
def corpus(store):
    build_corpus(store)
    return store


def test_export_then_import_gives_identical_documents(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / "out.json"])
        kept = {"annotators": True, "titles": True, "meta": True}
        assert snapshot(fresh, **kept) == snapshot(corpus, **kept)


def test_export_writes_a_labelling_config_with_escaped_names(corpus, tmp_path):
    corpus.add_label('ORG&"<x>"')
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    config = ET.parse(tmp_path / "out.config.xml").getroot()
    assert [e.get("value") for e in config.iter("Label")] == ["ACTOR", "EVENT", "PLACE", 'ORG&"<x>"']
    assert [e.get("value") for e in config.iter("Relation")] == ["source", "target", "place"]
    assert config.find(".//Text").get("value") == "$text"
    tasks = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [t["data"]["id"] for t in tasks] == ["rt-0001", "harakat", "plain"]
    assert tasks[2]["annotations"] == []  # no spans: not marked as annotated


def region_mismatch() -> dict:
    bad = task()
    bad["annotations"][1]["result"][1]["value"]["text"] = "باكو"
    return bad


BAD = {
    "not_an_array": ({"data": {"text": TEXT}}, 1, "expected a JSON array of tasks, found an object"),
    "value_text_mismatch": ([task(), region_mismatch()], 2, "task 2: result 2: region {}–{} says ‘باكو’ "
                            "but the text there is ‘موسكو’".format(*at(TEXT, "موسكو"))),
    "relation_to_unknown_region": ([task(), {"data": {"text": "نص آخر"}, "annotations": [{"result": [
        {"from_id": "a1", "to_id": "zz", "type": "relation", "labels": ["place"]}]}]}], 2,
        'task 2: result 1: relation refers to unknown region id "a1"'),
    "unknown_label": ([task(), {"data": {"text": "نص آخر"}, "annotations": [{"result": [
        region("a", "آخر", "CITY", "نص آخر")]}]}], 2, 'has unknown label "CITY"'),
    "no_text": ([task(), {"data": {"n": 3}}], 2, "task 2: no article text in 'data'"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_task_is_refused_naming_file_line_and_task(store, state, tmp_path, name):
    tasks, line, message = BAD[name]  # line 2 stands for "where task 2 starts"
    path = tmp_path / "ls.json"
    write_tasks(path, tasks)
    if line == 2:  # the line where the second task opens, after the first one's "},"
        line = path.read_text(encoding="utf-8").splitlines().index("  },") + 2
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)
    assert state(store) == before


def test_invalid_json_is_refused_with_its_line(store, tmp_path):
    path = tmp_path / "ls.json"
    path.write_text('[\n  {"data": {"text": "نص"}},\n  {"data": \n]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"ls\.json:4: invalid JSON"):
        import_paths(store, [path], fmt="labelstudio")
