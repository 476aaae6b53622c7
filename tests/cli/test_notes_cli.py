"""``hashiya notes [DB] [--search TEXT] [--json]``: one line per note, found by a folded search."""

from __future__ import annotations

import json

from model.store import Store

TEXT = "استدعت موسكو سفير أذربيجان في باكو."


def noted_db(path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with Store(path) as store:
        a = store.insert_document("seed-a", TEXT, title="استدعاء")
        b = store.insert_document("seed-b", "خبر آخر عن بيروت")
        assert a is not None and b is not None
        store.add_span(b, 0, 3, "EVENT", "huda")  # no note
        moscow, _ = store.add_span(a, 7, 12, "PLACE", "amal")
        store.set_span_note(moscow.id, "مَصْدَرٌ\nغيرُ مؤكد")
        store.set_document_note(a, "check the date")
        return {"a": a, "b": b, "moscow": moscow.id}


def test_lists_every_note_one_line_each(run, tmp_path):
    db = tmp_path / "n.db"
    noted_db(db)
    result = run("notes", db)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "seed-a\tdocument\t-\tcheck the date",
        "seed-a\tPLACE ‘موسكو’\tamal\tمَصْدَرٌ غيرُ مؤكد",  # its lines joined
    ]


def test_search_ignores_harakat_and_case_and_db_may_be_given_as_db(run, tmp_path):
    db = tmp_path / "n.db"
    noted_db(db)
    result = run("notes", "--db", db, "--search", "مصدر غير")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["seed-a\tPLACE ‘موسكو’\tamal\tمَصْدَرٌ غيرُ مؤكد"]
    assert run("notes", db, "--search", "CHECK").out.splitlines() == ["seed-a\tdocument\t-\tcheck the date"]
    nothing = run("notes", db, "--search", "بيروت غائب")
    assert nothing.code == 0 and nothing.out == "no notes hold ‘بيروت غائب’\n"


def test_json_gives_each_note_with_its_span(run, tmp_path):
    db = tmp_path / "n.db"
    ids = noted_db(db)
    result = run("notes", db, "--json")
    assert result.code == 0, result.err
    doc, span = json.loads(result.out)
    assert doc == {"document": "seed-a", "doc_id": ids["a"], "title": "استدعاء", "note": "check the date"}
    assert span["span"] == {
        "id": ids["moscow"], "label": "PLACE", "text": "موسكو", "start": 7, "end": 12, "annotator": "amal"
    }
    assert span["note"] == "مَصْدَرٌ\nغيرُ مؤكد"


def test_no_notes_and_a_missing_database(run, tmp_path):
    db = tmp_path / "empty.db"
    with Store(db) as store:
        store.insert_document("x", TEXT)
    assert run("notes", db).out == "no notes yet\n"
    assert json.loads(run("notes", db, "--json").out) == []
    missing = run("notes", tmp_path / "nope.db")
    assert missing.code == 2 and "no such database" in missing.err
    assert not (tmp_path / "nope.db").exists()


def test_two_databases_are_refused(run, tmp_path):
    db = tmp_path / "n.db"
    noted_db(db)
    result = run("notes", db, "--db", tmp_path / "other.db")
    assert result.code == 2 and "two databases" in result.err
