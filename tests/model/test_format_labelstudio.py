from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from model.errors import HashiyaError, InputError
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


def test_export_keeps_annotators_in_region_meta_and_no_completed_by(corpus, tmp_path):
    """Label Studio refuses a whole import whose ``completed_by`` is not one of its user ids."""
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    tasks = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    for one in tasks:
        for annotation in one["annotations"]:
            assert "completed_by" not in annotation
            regions = [r for r in annotation["result"] if r["type"] == "labels"]
            assert regions and all(r["meta"] == {"annotator": "amal"} for r in regions)


def test_status_travels_in_the_task_data_and_comes_back(corpus, tmp_path):
    ids = {d.ext_id: d.id for d in corpus.iter_documents()}
    corpus.set_status(ids["rt-0001"], "done")
    corpus.set_status(ids["plain"], "skipped")
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    tasks = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [t["data"]["hashiya_status"] for t in tasks] == ["done", "in_progress", "skipped"]
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / "out.json"])
        assert {d.ext_id: (d.status, d.meta) for d in fresh.iter_documents()} == {
            "rt-0001": ("done", {"source": "RT"}), "harakat": ("in_progress", {}), "plain": ("skipped", {})}


def labelstudio_export_of(tasks: list[dict]) -> list[dict]:
    """What Label Studio 1.23's JSON export gives back for imported tasks: its own task and
    annotation ids, ``completed_by`` its user id, and the regions, their ``meta`` included, as stored."""
    out = []
    for n, one in enumerate(tasks, 1):
        annotations = [{"id": 100 + n, "completed_by": 1, "result": a["result"], "was_cancelled": False,
                        "ground_truth": False, "created_at": "2026-11-26T11:00:00.000000Z",
                        "lead_time": None, "task": n, "project": 1}
                       for a in one["annotations"]]
        out.append({"id": n, "annotations": annotations, "drafts": [], "predictions": [],
                    "data": one["data"], "meta": {}, "inner_id": n, "total_annotations": len(annotations),
                    "project": 1, "created_at": "2026-11-26T11:00:00.000000Z", "updated_by": None})
    return out


def test_labelstudio_own_export_brings_back_names_and_status(corpus, tmp_path):
    corpus.set_status(next(d.id for d in corpus.iter_documents() if d.ext_id == "rt-0001"), "done")
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    tasks = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    write_tasks(tmp_path / "from-ls.json", labelstudio_export_of(tasks))
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / "from-ls.json"])
        kept = {"annotators": True, "titles": True, "meta": True}
        assert snapshot(fresh, **kept) == snapshot(corpus, **kept)  # "amal", not "1"
        assert {d.ext_id: d.status for d in fresh.iter_documents()}["rt-0001"] == "done"


def test_a_status_hashiya_does_not_know_stays_in_meta(store, tmp_path):
    write_tasks(tmp_path / "ls.json", [task(hashiya_status="published")])
    (doc_id,) = import_paths(store, [tmp_path / "ls.json"]).imported
    doc = store.document(doc_id)
    assert (doc.status, doc.meta) == ("in_progress", {"hashiya_status": "published"})


def test_control_characters_in_names_leave_the_config_well_formed(corpus, tmp_path):
    corpus.add_label('A\x01<B>&"C\'\x1f')
    news = next(d for d in corpus.iter_documents() if d.ext_id == "plain")
    corpus.add_span(news.id, 0, 3, 'A\x01<B>&"C\'\x1f', "amal")
    export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    config = ET.parse(tmp_path / "out.config.xml").getroot()  # raises when not well-formed
    assert [e.get("value") for e in config.iter("Label")][-1] == 'A<B>&"C\''
    tasks = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert tasks[2]["annotations"][0]["result"][0]["value"]["labels"] == ['A<B>&"C\'']


def test_nan_in_meta_stops_the_export_with_one_line_and_no_file(corpus, tmp_path):
    corpus.conn.execute("UPDATE documents SET meta = ? WHERE ext_id = 'harakat'", ('{"score": NaN}',))
    with pytest.raises(HashiyaError, match="document harakat: its meta holds NaN or Infinity"):
        export_documents(corpus, tmp_path / "out.json", fmt="labelstudio")
    assert list(tmp_path.iterdir()) == []


HOSTILE = {
    "lone_surrogate_in_text": ('[\n{"data": {"text": "نص"}},\n{"data": {"text": "خبر \\ud83d عاجل"}}\n]\n',
                               3, "task 2: contains an unpaired UTF-16 surrogate (\\ud83d)"),
    "lone_surrogate_in_a_key": ('[{"data": {"text": "نص", "\\udc00": 1}}]', 1,
                                "task 1: contains an unpaired"),
    "nan": ('[\n{"data": {"text": "نص", "score": NaN}}]', 2, "invalid JSON: NaN is not a JSON number"),
    "infinity_alone": ("-Infinity", 1, "invalid JSON: -Infinity is not a JSON number"),
    "deep_nesting": ('[\n{"data": {"text": "نص", "x": ' + "[" * 100_000 + "]" * 100_000 + "}}]", 2,
                     "invalid JSON: nested too deeply"),
    "huge_integer": ('[\n\n{"data": {"text": "نص", "n": ' + "9" * 5000 + "}}]", 3, "invalid JSON: "),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_refused_in_one_line(store, state, tmp_path, name):
    content, line, message = HOSTILE[name]
    path = tmp_path / "ls.json"
    path.write_text(content, encoding="utf-8")
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path], fmt="labelstudio")
    assert str(info.value).startswith(f"{path}:{line}: {message}")
    assert "\n" not in str(info.value)
    assert state(store) == before


def test_a_paired_surrogate_escape_is_text(store, tmp_path):
    path = tmp_path / "ls.json"
    path.write_text('[{"data": {"text": "عاجل \\ud83d\\udd34 خبر"}}]', encoding="utf-8")
    (doc_id,) = import_paths(store, [path]).imported
    assert store.document(doc_id).text == "عاجل 🔴 خبر"
