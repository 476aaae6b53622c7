"""Free-text notes on a span and on a document (issue 11): store, commands, both backends."""

from __future__ import annotations

import sqlite3

import pytest

from model.commands import RemoveSpan, RemoveSpans, SetDocumentNote, SetSpanNote
from model.errors import EditError
from model.schema import migrate
from model.store import Store

TEXT = "استدعت موسكو سفير أذربيجان في باكو."


@pytest.fixture
def doc(store) -> int:
    return store.insert_document("a", TEXT)


def test_notes_start_empty_and_are_set_and_read_back(store, doc):
    span, _ = store.add_span(doc, 7, 12, "PLACE")
    assert store.span_note(span.id) == ""
    assert store.document_note(doc) == ""
    assert store.span_notes(doc) == {}
    assert store.set_span_note(span.id, "عاصمة روسيا\nsecond line") == ""
    assert store.set_document_note(doc, "check the date <b>") == ""
    assert store.span_note(span.id) == "عاصمة روسيا\nsecond line"
    assert store.span_notes(doc) == {span.id: "عاصمة روسيا\nsecond line"}
    assert store.document_note(doc) == "check the date <b>"
    assert store.set_span_note(span.id, "") == "عاصمة روسيا\nsecond line"
    assert store.span_notes(doc) == {}


@pytest.mark.parametrize("bad", ["a\x00b", "bell\x07", "esc\x1b", "lone \ud800"])
def test_control_characters_are_refused_and_nothing_changes(store, doc, bad):
    span, _ = store.add_span(doc, 7, 12, "PLACE")
    with pytest.raises(EditError, match=r"control character|surrogate"):
        store.set_span_note(span.id, bad)
    with pytest.raises(EditError, match=r"control character|surrogate"):
        store.set_document_note(doc, bad)
    assert store.span_note(span.id) == "" and store.document_note(doc) == ""


def test_a_note_on_a_missing_span_is_refused(store, doc):
    with pytest.raises(EditError):
        store.set_span_note(999, "x")


def test_set_span_note_command_undo_restores_the_old_note(store, doc):
    span, _ = store.add_span(doc, 7, 12, "PLACE")
    store.set_span_note(span.id, "old")
    command = SetSpanNote(doc, span.id, "new")
    change = command.do(store)
    assert change.notes_changed and change.doc_id == doc
    assert store.span_note(span.id) == "new"
    command.undo(store)
    assert store.span_note(span.id) == "old"
    command.do(store)  # redo
    assert store.span_note(span.id) == "new"


def test_set_document_note_command_undo_restores_the_old_note(store, doc):
    command = SetDocumentNote(doc, "الملاحظة")
    command.do(store)
    assert store.document_note(doc) == "الملاحظة"
    command.undo(store)
    assert store.document_note(doc) == ""


def test_undoing_a_span_removal_brings_its_note_back(store, doc):
    span, _ = store.add_span(doc, 7, 12, "PLACE")
    other, _ = store.add_span(doc, 0, 6, "EVENT")
    store.set_span_note(span.id, "keep me")
    store.set_span_note(other.id, "me too")
    remove = RemoveSpan(span.id)
    remove.do(store)
    remove.undo(store)
    assert store.span_note(span.id) == "keep me"
    many = RemoveSpans([span.id, other.id])
    many.do(store)
    many.undo(store)
    assert store.span_notes(doc) == {span.id: "keep me", other.id: "me too"}


def test_an_old_database_gains_empty_notes(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from model import schema

    conn.execute("BEGIN")
    from sqlite_utils import Database

    db = Database(conn)
    for version, step in enumerate(schema.MIGRATIONS[:-1]):
        step(db)
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute("COMMIT")
    conn.execute("INSERT INTO documents (ext_id, text, content_hash) VALUES ('d', 'نص', 'h')")
    assert migrate(conn) == schema.SCHEMA_VERSION - 1
    conn.close()
    with Store(path) as store:
        assert store.document_note(1) == ""


# ---- native JSONL --------------------------------------------------------------------------

import json  # noqa: E402

from model.errors import InputError  # noqa: E402
from model.exporting import export_documents, iter_export_documents  # noqa: E402
from model.formats import jsonl  # noqa: E402
from model.formats.jsonl import LONG_TEXT_BYTES, record_of  # noqa: E402
from model.importing import import_paths  # noqa: E402


def _noted_corpus(store) -> tuple[int, int]:
    a = store.insert_document("a", TEXT)
    b = store.insert_document("b", "خبر آخر عن بيروت")
    noted, _ = store.add_span(a, 7, 12, "PLACE", "amal")
    plain, _ = store.add_span(a, 0, 6, "EVENT", "amal")
    store.add_span(b, 11, 16, "PLACE", "amal")
    store.link(plain.id, noted.id, "place")
    store.set_span_note(noted.id, "عاصمة؟ \"quoted\"\nline two")
    store.set_document_note(a, "check <the> date")
    return a, b


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_exports_notes_only_where_there_are_some(store, tmp_path):
    _noted_corpus(store)
    out = tmp_path / "out.jsonl"
    export_documents(store, out, "jsonl")
    a, b = _lines(out)
    assert a["note"] == "check <the> date"
    assert "note" not in b
    by_start = {s["start"]: s for s in a["spans"]}
    assert by_start[7]["note"] == "عاصمة؟ \"quoted\"\nline two"
    assert "note" not in by_start[0] and "note" not in b["spans"][0]
    assert [a, b] == [record_of(item) for item in iter_export_documents(store)]  # both paths agree


def test_sqlite_fast_export_equals_python_records_with_notes(tmp_path):
    store = Store(":memory:")
    _noted_corpus(store)
    for filters in ({}, {"labels": ["PLACE"]}, {"annotator": "amal"}):
        out = tmp_path / "out.jsonl"
        export_documents(store, out, "jsonl", **filters)  # type: ignore[arg-type]
        assert _lines(out) == [record_of(item) for item in iter_export_documents(store, **filters)]


def test_long_document_line_carries_notes(tmp_path):
    store = Store(":memory:")
    text = "كلمة " * (LONG_TEXT_BYTES // len("كلمة ".encode()) + 10)
    doc = store.insert_document("long", text)
    span, _ = store.add_span(doc, 0, 4, "ACTOR")
    store.add_span(doc, 5, 9, "ACTOR")
    store.set_span_note(span.id, "long one")
    store.set_document_note(doc, "long doc")
    out = tmp_path / "out.jsonl"
    export_documents(store, out, "jsonl")
    [line] = _lines(out)
    assert line == record_of(next(iter(iter_export_documents(store))))
    assert line["note"] == "long doc" and line["spans"][0]["note"] == "long one"
    assert "note" not in line["spans"][1]


def test_jsonl_round_trip_keeps_notes(store, tmp_path):
    _noted_corpus(store)
    out = tmp_path / "out.jsonl"
    export_documents(store, out, "jsonl")
    with Store(":memory:") as copy:
        import_paths(copy, [out])
        again = tmp_path / "again.jsonl"
        export_documents(copy, again, "jsonl")
        def shape(lines):  # span ids are the database's own: compare what they name
            return [(d["id"], d.get("note"), sorted((s["start"], s["end"], s["label"], s.get("note", ""))
                                                    for s in d["spans"])) for d in lines]

        assert shape(_lines(again)) == shape(_lines(out))
        [a, _] = copy.document_ids()
        assert copy.document_note(a) == "check <the> date"
        assert list(copy.span_notes(a).values()) == ["عاصمة؟ \"quoted\"\nline two"]


@pytest.mark.parametrize(
    "record, message",
    [
        ({"text": "موسكو", "note": 5}, "'note' must be a string"),
        ({"text": "موسكو", "spans": [{"start": 0, "end": 5, "label": "PLACE", "note": ["x"]}]},
         "'note' must be a string"),
        ({"text": "موسكو", "note": "bad\x01"}, "control character"),
        ({"text": "موسكو", "spans": [{"start": 0, "end": 5, "label": "PLACE", "note": "bad\x00"}]},
         "control character"),
    ],
)
def test_jsonl_import_refuses_bad_notes(store, tmp_path, record, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_paths(store, [path])
    assert store.document_count() == 0


def test_jsonl_fast_path_reads_a_span_note():
    from model.formats.base import LabelSet

    found = jsonl._well_formed_spans(
        [{"start": 0, "end": 5, "label": "PLACE", "note": "n"}], "موسكو", LabelSet(["PLACE"])
    )
    assert found is not None and found[0][0].note == "n"


# ---- brat and Label Studio -----------------------------------------------------------------


def _note_shape(store) -> list[tuple[str, str | None, list[tuple[int, int, str, str]]]]:
    out = []
    for doc_id in store.document_ids():
        notes = store.span_notes(doc_id)
        spans = sorted((s.start, s.end, s.label, notes.get(s.id, "")) for s in store.spans(doc_id))
        out.append((store.document(doc_id).text, spans))
    return out


@pytest.mark.parametrize("out_name", ["brat-out", "labelstudio.json"])
def test_span_notes_survive_brat_and_label_studio(store, tmp_path, out_name):
    a, _ = _noted_corpus(store)
    event = next(s for s in store.spans(a) if s.label == "EVENT")
    store.set_span_note(event.id, "on the trigger")
    fmt = "brat" if out_name == "brat-out" else "labelstudio"
    export_documents(store, tmp_path / out_name, fmt=fmt)
    with Store(":memory:") as copy:
        import_paths(copy, [tmp_path / out_name], fmt=fmt)
        got = _note_shape(copy)
    wanted = _note_shape(store)
    if fmt == "brat":  # brat notes are one line
        wanted = [(text, [(s, e, lab, n.replace("\n", " ")) for s, e, lab, n in spans])
                  for text, spans in wanted]
    assert got == wanted


def test_brat_export_writes_annotator_notes_lines(store, tmp_path):
    a, _ = _noted_corpus(store)
    export_documents(store, tmp_path / "out", fmt="brat")
    ann = (tmp_path / "out" / "a.ann").read_text(encoding="utf-8")
    noted = next(s for s in store.spans(a) if s.label == "PLACE")
    assert f"#{noted.id}\tAnnotatorNotes T{noted.id}\tعاصمة؟ \"quoted\" line two\n" in ann
    assert ann.count("AnnotatorNotes") == 1


def test_brat_import_reads_notes_on_spans_and_events_and_skips_others(store, tmp_path):
    text = "استدعت موسكو السفير"
    ann = "\n".join([
        "T1\tEVENT 0 6\tاستدعت", "T2\tPLACE 7 12\tموسكو", "T3\tPLACE 7 12\tموسكو",
        "E1\tEVENT:T1 Source:T2",
        "#1\tAnnotatorNotes E1\tعلى الحدث", "#2\tAnnotatorNotes T3\tduplicate's note",
        "#3\tAnnotatorNotes R9\tnowhere", "#4\tOtherThing T2\tignored",
    ]) + "\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    import_paths(store, [tmp_path / "d.ann"])
    [doc] = store.document_ids()
    notes = {store.span(i).label: n for i, n in store.span_notes(doc).items()}
    assert notes == {"EVENT": "على الحدث", "PLACE": "duplicate's note"}


def test_label_studio_region_meta_holds_the_note(store, tmp_path):
    _noted_corpus(store)
    out = tmp_path / "ls.json"
    export_documents(store, out, fmt="labelstudio")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    regions = [r for t in tasks for ann in t["annotations"] for r in ann["result"] if r["type"] == "labels"]
    noted = [r for r in regions if "text" in r.get("meta", {})]
    assert [r["meta"] for r in noted] == [{"annotator": "amal", "text": ["عاصمة؟ \"quoted\"\nline two"]}]
    assert all("text" not in r.get("meta", {}) for r in regions if r not in noted)


def test_label_studio_import_takes_a_note_string_or_list(store, tmp_path):
    def region(rid, start, end, label, meta):
        return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "meta": meta,
                "value": {"start": start, "end": end, "labels": [label]}}

    tasks = [{"data": {"text": "استدعت موسكو"}, "annotations": [{"result": [
        region("a", 0, 6, "EVENT", {"text": "one"}), region("b", 7, 12, "PLACE", {"text": ["x", "y"]}),
    ]}]}]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_paths(store, [path])
    [doc] = store.document_ids()
    assert sorted(store.span_notes(doc).values()) == ["one", "x\ny"]
