from __future__ import annotations

import json

import pytest

from model.errors import HashiyaError, InputError
from model.exporting import export_documents
from model.formats import format_for_path
from model.importing import import_paths
from model.store import Store

from .peers import NEWS, at, build_corpus, snapshot

TEXT = "عاجل 🔴 | استدعت موسكو سفيرَ أذربيجان في باكو.\r\nوقالت الخارجية إنّ القرار نهائي."


def u16(text: str, word: str) -> tuple[int, int]:
    """doccano's offsets of ``word``: UTF-16 code units, so the emoji counts twice."""
    start = text.index(word)
    before = len(text[:start].encode("utf-16-le")) // 2
    return before, before + len(word.encode("utf-16-le")) // 2


def entity(n: int, word: str, label: str) -> dict:
    start, end = u16(TEXT, word)
    return {"id": n, "start_offset": start, "end_offset": end, "label": label}


def record(**fields) -> dict:
    base = {"id": 42, "text": TEXT, "Comments": [],
            "entities": [entity(1, "استدعت", "EVENT"), entity(2, "موسكو", "PLACE"),
                         entity(3, "باكو", "PLACE")],
            "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "source"},
                          {"id": 2, "from_id": 1, "to_id": 3, "type": "place"}]}
    base.update(fields)
    return base


def write_jsonl(path, *records) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")


def words(store: Store, doc_id: int) -> list[tuple[str, str]]:
    text = store.document(doc_id).text
    return [(text[s.start : s.end], s.label) for s in store.spans(doc_id)]


def test_entities_and_relations_import_in_code_points(store, tmp_path):
    write_jsonl(tmp_path / "doccano.jsonl", record())
    (doc_id,) = import_paths(store, [tmp_path / "doccano.jsonl"]).imported
    doc = store.document(doc_id)
    assert (doc.ext_id, doc.meta) == ("42", {"Comments": []})
    assert "\r" not in doc.text
    assert words(store, doc_id) == [("استدعت", "EVENT"), ("موسكو", "PLACE"), ("باكو", "PLACE")]
    spans = {s.id: doc.text[s.start : s.end] for s in store.spans(doc_id)}
    assert sorted((spans[r.event_id], spans[r.argument_id], r.role) for r in store.relations(doc_id)) == [
        ("استدعت", "باكو", "place"), ("استدعت", "موسكو", "source")]


def test_sequence_labeling_variant_imports(store, tmp_path):
    spans = [[*u16(TEXT, "موسكو"), "PLACE"], [*u16(TEXT, "الخارجية"), "ACTOR"]]
    write_jsonl(tmp_path / "seq.jsonl", {"text": TEXT, "label": spans})
    (doc_id,) = import_paths(store, [tmp_path / "seq.jsonl"]).imported
    assert store.document(doc_id).ext_id == "seq-1"
    assert words(store, doc_id) == [("موسكو", "PLACE"), ("الخارجية", "ACTOR")]


def test_sniff_tells_doccano_from_native_jsonl(tmp_path):
    write_jsonl(tmp_path / "doccano.jsonl", "", record())
    write_jsonl(tmp_path / "native.jsonl", {"text": TEXT, "spans": [], "label": "x"})
    assert format_for_path(tmp_path / "doccano.jsonl").name == "doccano"
    assert format_for_path(tmp_path / "native.jsonl").name == "jsonl"


@pytest.fixture
def corpus(store):
    build_corpus(store)
    return store


def test_export_counts_offsets_in_utf16_units(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out.jsonl", fmt="doccano")
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    place = next(e for e in first["entities"] if e["label"] == "PLACE")
    start, end = at(NEWS, "موسكو")
    assert (place["start_offset"], place["end_offset"]) == (start + 1, end + 1)  # 🔴 is two units
    assert first["text"].encode("utf-16-le")[2 * place["start_offset"] : 2 * place["end_offset"]].decode(
        "utf-16-le") == "موسكو"
    assert (first["id"], first["meta"]) == ("rt-0001", {"source": "RT"})
    assert {r["type"] for r in first["relations"]} == {"source", "target", "place"}


def test_export_then_import_gives_identical_documents(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out.jsonl", fmt="doccano")
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / "out.jsonl"])
        assert snapshot(fresh, titles=True, meta=True) == snapshot(corpus, titles=True, meta=True)


BAD_LINES = {
    "malformed_json": ('{"text": "نص", "label": [', "invalid JSON"),
    "offset_inside_surrogate_pair": (record(entities=[{"id": 1, "start_offset": 6, "end_offset": 8,
                                                       "label": "PLACE"}], relations=[]),
                                     "offset 6 falls inside a surrogate pair"),
    "span_reversed": (record(label=[[20, 15, "PLACE"]], entities=None, relations=None),
                      "span 20–15 is reversed"),
    "relation_to_unknown_entity": (record(relations=[{"id": 1, "from_id": 1, "to_id": 9, "type": "place"}]),
                                   "relation 1 refers to unknown entity id 9 as its to_id"),
    "unknown_label": (record(label=[[*u16(TEXT, "موسكو"), "CITY"]], entities=None),
                      'has unknown label "CITY"'),
    "classification_labels": ({"text": TEXT, "label": ["سياسة"]}, "text classification"),
    "offsets_past_the_text": (record(label=[[80, 200, "PLACE"]], entities=None, relations=None),
                              "span 80–200 is outside the text"),
}


@pytest.mark.parametrize("name", BAD_LINES)
def test_bad_line_is_refused_naming_file_and_line(store, state, tmp_path, name):
    bad, message = BAD_LINES[name]
    path = tmp_path / "doccano.jsonl"
    write_jsonl(path, record(), "", bad)
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path], fmt="doccano")
    assert str(info.value).startswith(f"{path}:3: ")
    assert message in str(info.value)
    assert state(store) == before


def test_status_travels_as_metadata_and_comes_back(corpus, tmp_path):
    ids = {d.ext_id: d.id for d in corpus.iter_documents()}
    corpus.set_status(ids["rt-0001"], "done")
    export_documents(corpus, tmp_path / "out.jsonl", fmt="doccano")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["hashiya_status"] for r in lines] == ["done", "in_progress", "new"]
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / "out.jsonl"])
        assert {d.ext_id: (d.status, d.meta) for d in fresh.iter_documents()} == {
            "rt-0001": ("done", {"source": "RT"}), "harakat": ("in_progress", {}), "plain": ("new", {})}


def test_plain_project_export_reads_label_and_keeps_stale_relations_as_meta(store, tmp_path):
    """doccano 1.8's export of a sequence labeling project without relations: its own ``label``,
    with the ``entities`` and ``relations`` it was given earlier kept beside it as metadata."""
    stale = record()
    label = [[*u16(TEXT, "موسكو"), "PLACE"], [*u16(TEXT, "الخارجية"), "ACTOR"]]
    line = {"id": 9, "text": TEXT, "label": label,
            "Comments": [], "entities": stale["entities"], "relations": stale["relations"],
            "hashiya_status": "done"}
    write_jsonl(tmp_path / "plain.jsonl", line)
    (doc_id,) = import_paths(store, [tmp_path / "plain.jsonl"]).imported
    doc = store.document(doc_id)
    assert words(store, doc_id) == [("موسكو", "PLACE"), ("الخارجية", "ACTOR")]
    assert store.relations(doc_id) == []
    assert doc.status == "done"
    assert doc.meta == {"Comments": [], "entities": stale["entities"], "relations": stale["relations"]}


def test_relations_beside_label_alone_are_not_refused(store, tmp_path):
    line = {"text": TEXT, "label": [[*u16(TEXT, "باكو"), "PLACE"]],
            "relations": [{"id": 1, "from_id": 11, "to_id": 12, "type": "place"}]}
    write_jsonl(tmp_path / "plain.jsonl", line)
    (doc_id,) = import_paths(store, [tmp_path / "plain.jsonl"], fmt="doccano").imported
    assert words(store, doc_id) == [("باكو", "PLACE")]
    assert store.document(doc_id).meta == {"relations": line["relations"]}


def test_nan_in_meta_stops_the_export_with_one_line_and_no_file(corpus, tmp_path):
    corpus.conn.execute("UPDATE documents SET meta = ? WHERE ext_id = 'plain'", ('{"score": Infinity}',))
    with pytest.raises(HashiyaError, match="document plain: its meta holds NaN or Infinity"):
        export_documents(corpus, tmp_path / "out.jsonl", fmt="doccano")
    assert list(tmp_path.iterdir()) == []


def test_doccano_184_plain_project_export_as_captured_imports(store, tmp_path):
    """The line doccano 1.8.4 exported after our export was imported into a plain project: no
    spans (it wanted ``label``), our ``relations`` kept as metadata, our other fields beside."""
    relations = [{"id": 1, "from_id": 2, "to_id": 1, "type": "source"},
                 {"id": 2, "from_id": 2, "to_id": 3, "type": "place"}]
    line = {"id": "000-seed", "text": TEXT, "title": "عاجل", "label": [], "relations": relations,
            "meta": {"source": "000-seed.txt"}, "hashiya_status": "done", "Comments": []}
    write_jsonl(tmp_path / "admin.jsonl", line)
    (doc_id,) = import_paths(store, [tmp_path / "admin.jsonl"]).imported
    doc = store.document(doc_id)
    assert (doc.ext_id, doc.status, store.spans(doc_id)) == ("000-seed", "done", [])
    assert doc.meta == {"source": "000-seed.txt", "Comments": [], "relations": relations}
