from __future__ import annotations

import json

import pytest

from model.errors import HashiyaError, InputError
from model.exporting import export_documents
from model.importing import import_paths
from model.paths import SAMPLES
from model.store import Store

TEXT = "استدعت موسكو سفير أذربيجان في باكو."


def line(**fields) -> dict:
    record = {"id": "d1", "title": "t", "text": TEXT, "meta": {}, "status": "in_progress",
              "spans": [{"id": 1, "start": 0, "end": 6, "label": "EVENT", "text": "استدعت"},
                        {"id": 2, "start": 7, "end": 12, "label": "PLACE", "text": "موسكو"}],
              "relations": [{"event": 1, "argument": 2, "role": "place"}]}
    record.update(fields)
    return record


def write_jsonl(path, *records) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")


def read_jsonl(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def portable(record: dict) -> dict:
    """A record with span ids replaced by what they name, so two databases compare equal."""
    names = {s["id"]: (s["start"], s["end"], s["label"]) for s in record["spans"]}
    spans = [{k: v for k, v in s.items() if k != "id"} for s in record["spans"]]
    relations = sorted((names[r["event"]], names[r["argument"]], r["role"]) for r in record["relations"])
    return {**record, "spans": spans, "relations": relations}


def test_import_stores_spans_relations_status_and_meta(store, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", line(meta={"source": "RT", "date": "2025-06-30"}, status="done"))
    report = import_paths(store, [tmp_path / "in.jsonl"])
    (doc_id,) = report.imported
    doc = store.document(doc_id)
    assert (doc.ext_id, doc.title, doc.status) == ("d1", "t", "done")
    assert doc.meta == {"source": "RT", "date": "2025-06-30"}
    spans = store.spans(doc_id)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 6, "EVENT"), (7, 12, "PLACE")]
    (relation,) = store.relations(doc_id)
    assert (relation.event_id, relation.argument_id, relation.role) == (spans[0].id, spans[1].id, "place")
    assert (report.spans, report.relations) == (2, 1)


def test_span_ids_are_local_to_their_line(store, tmp_path):
    other = line(id="d2", text=TEXT + " ثانٍ")
    write_jsonl(tmp_path / "in.jsonl", line(), other)
    assert import_paths(store, [tmp_path / "in.jsonl"]).imported_count == 2
    assert len({s.id for d in store.document_ids() for s in store.spans(d)}) == 4


def test_missing_fields_take_defaults(store, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", {"text": TEXT}, {"text": "نص\r\nآخر"})
    import_paths(store, [tmp_path / "in.jsonl"])
    first, second = (store.document(i) for i in store.document_ids())
    assert (first.ext_id, first.title, first.status, first.meta) == ("in-1", TEXT, "new", {})
    assert second.text == "نص\nآخر"  # no spans, so newlines can be normalised


def test_crlf_text_is_normalised_and_its_span_offsets_follow(store, tmp_path):
    text = "نص\r\n" + TEXT  # offsets below count the \r, as a CRLF source does
    start = text.index("موسكو")
    spans = [{"id": 1, "start": start, "end": start + 5, "label": "PLACE", "text": "موسكو"}]
    write_jsonl(tmp_path / "in.jsonl", line(text=text, spans=spans, relations=[]))
    (doc_id,) = import_paths(store, [tmp_path / "in.jsonl"]).imported
    stored = store.document(doc_id).text
    [span] = store.spans(doc_id)
    assert "\r" not in stored
    assert stored[span.start : span.end] == "موسكو"


def test_spans_without_status_mean_in_progress(store, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", line(status=None))
    (doc_id,) = import_paths(store, [tmp_path / "in.jsonl"]).imported
    assert store.document(doc_id).status == "in_progress"


def test_new_status_is_kept_even_with_spans(store, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", line(status="new"))
    (doc_id,) = import_paths(store, [tmp_path / "in.jsonl"]).imported
    assert store.document(doc_id).status == "new"


def test_duplicate_text_line_is_skipped_with_its_line_number(store, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", line(), line(id="again"))
    report = import_paths(store, [tmp_path / "in.jsonl"])
    assert report.skipped == [(f"{tmp_path / 'in.jsonl'}:2", "d1")]


BAD_LINES = {
    "invalid_json": ('{"text": "نص",', "invalid JSON"),
    "not_an_object": ("[1, 2]", "JSON object"),
    "missing_text": ({"id": "x"}, "missing 'text'"),
    "empty_text": ({"text": " "}, "'text' must be a non-empty string"),
    "span_out_of_range": (line(spans=[{"start": 30, "end": 99, "label": "PLACE"}], relations=[]),
                          "span 30–99 is outside the text"),
    "span_reversed": (line(spans=[{"start": 12, "end": 7, "label": "PLACE"}], relations=[]),
                      "span 12–7 is reversed"),
    "span_text_mismatch": (line(spans=[{"start": 7, "end": 12, "label": "PLACE", "text": "باكو"}],
                                relations=[]),
                           "span 7–12 says ‘باكو’ but the text there is ‘موسكو’"),
    "unknown_label": (line(spans=[{"start": 7, "end": 12, "label": "CITY"}], relations=[]),
                      'unknown label "CITY"'),
    "duplicate_span": (line(spans=[{"start": 7, "end": 12, "label": "PLACE"}] * 2, relations=[]),
                       "span 7–12 PLACE appears twice"),
    "relation_to_unknown_span": (line(relations=[{"event": 1, "argument": 9, "role": "place"}]),
                                 "unknown span id 9"),
    "bad_status": (line(status="finished"), 'unknown status "finished"'),
    "meta_not_object": (line(meta=["x"]), "'meta' must be an object"),
    "unpaired_surrogate": ('{"text": "\\ud83d abc"}', "surrogate"),
}


@pytest.mark.parametrize("name", BAD_LINES)
def test_bad_line_is_refused_naming_file_and_line(store, state, tmp_path, name):
    bad, message = BAD_LINES[name]
    path = tmp_path / "name.jsonl"
    write_jsonl(path, line(), "", bad)  # the blank line still counts: bad is line 3
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value).startswith(f"{path}:3: ")
    assert message in str(info.value)
    assert state(store) == before


def test_non_utf8_line_is_refused(store, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps(line()).encode() + b"\n" + '{"text": "باكو"}'.encode("cp1256") + b"\n")
    with pytest.raises(InputError, match=r"in\.jsonl:2: not UTF-8"):
        import_paths(store, [path])


@pytest.fixture
def annotated(store):
    """The samples with spans, relations, statuses and annotators, the emoji article among them."""
    import_paths(store, [SAMPLES])
    seed, mixed, harakat = store.document_ids()
    text = store.document(mixed).text
    at = text.index("موسكو")
    assert any(ord(c) > 0xFFFF for c in text[:at])  # an emoji before the span
    place, _ = store.add_span(mixed, at, at + 5, "PLACE", "amal")
    event, _ = store.add_span(mixed, text.index("تستدعي"), text.index("تستدعي") + 6, "EVENT", "amal")
    actor, _ = store.add_span(mixed, text.index("Rahman"), text.index("Mustafayev") + 10, "ACTOR", "omar")
    store.link(event.id, place.id, "place")
    store.link(event.id, actor.id, "target")
    store.add_span(harakat, 0, 12, "EVENT", "سلمى")
    store.set_status(harakat, "done")
    store.set_status(seed, "skipped")
    return store


def test_export_writes_one_document_per_line_in_code_points(annotated, tmp_path):
    out = tmp_path / "out.jsonl"
    report = export_documents(annotated, out)
    records = read_jsonl(out)
    assert (report.documents, report.spans, report.relations) == (3, 4, 2) == (
        len(records), sum(len(r["spans"]) for r in records), sum(len(r["relations"]) for r in records))
    assert "موسكو" in out.read_text(encoding="utf-8")  # not \u escapes
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
    mixed = records[1]
    place = next(s for s in mixed["spans"] if s["label"] == "PLACE")
    assert place["start"] == mixed["text"].index("موسكو")


def test_export_then_import_gives_identical_documents(annotated, tmp_path):
    export_documents(annotated, tmp_path / "a.jsonl")
    with Store(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [tmp_path / "a.jsonl"])
        assert report.imported_count == 3
        export_documents(fresh, tmp_path / "b.jsonl")
    first, second = read_jsonl(tmp_path / "a.jsonl"), read_jsonl(tmp_path / "b.jsonl")
    assert [portable(r) for r in second] == [portable(r) for r in first]


def test_export_filters_by_status(annotated, tmp_path):
    report = export_documents(annotated, tmp_path / "out.jsonl", status="done")
    assert report.documents == 1
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["002-harakat-clitics"]


def test_label_filter_keeps_relations_whose_both_ends_survive(annotated, tmp_path):
    export_documents(annotated, tmp_path / "out.jsonl", labels=["EVENT", "PLACE"])
    mixed = read_jsonl(tmp_path / "out.jsonl")[1]
    assert sorted(s["label"] for s in mixed["spans"]) == ["EVENT", "PLACE"]
    assert [r["role"] for r in mixed["relations"]] == ["place"]


def test_export_refuses_a_span_outside_its_text(annotated, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    annotated.conn.execute('UPDATE spans SET "end" = 100000 WHERE id = 1')
    with pytest.raises(HashiyaError, match="lies outside its text"):
        export_documents(annotated, out)
    assert out.read_text() == "previous export\n"  # the old file is left whole


def test_span_covering_only_the_cr_of_a_crlf_is_refused_naming_the_line(store, state, tmp_path):
    path = tmp_path / "in.jsonl"
    cr_only = [{"start": 2, "end": 3, "label": "PLACE"}]  # the \r of "نص\r\n"
    write_jsonl(path, line(text="نص\r\n" + TEXT, spans=cr_only, relations=[]))
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value) == f"{path}:1: span 2–3 covers only a line break"
    assert state(store) == before
