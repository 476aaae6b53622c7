"""Notes across the corpus (model.notes): listed in document order, found by a folded search, on
both backends; read through partial indexes that a migration adds to older databases."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from model import notes, team
from model.notes import find_notes, iter_notes, search_key
from model.schema import SCHEMA_VERSION, migrate
from model.store import Store

TEXT = "استدعت موسكو سفير أذربيجان في باكو."
OTHER = "خبر آخر عن بيروت"


@pytest.fixture
def corpus(store):  # type: ignore[no-untyped-def]
    """Two documents: the first with a note and two noted spans (one with harakat), the second
    with a Latin note on a span, and one span without a note."""
    a = store.insert_document("a", TEXT, title="استدعاء السفير")
    b = store.insert_document("b", OTHER)
    moscow, _ = store.add_span(a, 7, 12, "PLACE", "amal")
    azer, _ = store.add_span(a, 18, 26, "PLACE", "huda")
    store.add_span(a, 0, 6, "EVENT", "amal")  # no note
    beirut, _ = store.add_span(b, 11, 16, "PLACE", "amal")
    store.set_document_note(a, "تاريخ الخبر غير مؤكد")
    store.set_span_note(azer.id, "مَصْدَرٌ غيرُ مُؤكَّد")  # harakat
    store.set_span_note(moscow.id, "العاصمة الروسية")
    store.set_span_note(beirut.id, "Check the SOURCE")
    return {"a": a, "b": b, "moscow": moscow.id, "azer": azer.id, "beirut": beirut.id}


def test_every_note_is_listed_in_document_then_position_order(store, corpus):
    rows = find_notes(store).rows
    assert [(r.doc_id, r.span_id) for r in rows] == [
        (corpus["a"], None), (corpus["a"], corpus["moscow"]), (corpus["a"], corpus["azer"]),
        (corpus["b"], corpus["beirut"]),
    ]
    doc, moscow, _azer, beirut = rows
    assert doc.on_document and doc.ext_id == "a" and doc.title == "استدعاء السفير"
    assert doc.note == "تاريخ الخبر غير مؤكد" and doc.annotator == ""
    assert (moscow.label, moscow.text, moscow.start, moscow.end, moscow.annotator) == (
        "PLACE", "موسكو", 7, 12, "amal"
    )
    assert beirut.text == "بيروت" and beirut.note == "Check the SOURCE"
    assert notes.count_notes(store) == 4


def test_a_plain_query_finds_a_note_written_with_harakat(store, corpus):
    found = find_notes(store, "مصدر غير مؤكد").rows
    assert [r.span_id for r in found] == [corpus["azer"]]


def test_a_query_with_harakat_and_other_letter_forms_finds_a_plain_note(store, corpus):
    found = find_notes(store, "العاصِمَة").rows  # harakat in the query, ة as written
    assert [r.span_id for r in found] == [corpus["moscow"]]
    found = find_notes(store, "العاصمه الروسيـــة").rows  # ه for ة, tatweel
    assert [r.span_id for r in found] == [corpus["moscow"]]
    found = find_notes(store, "مؤكد").rows  # the document's note and the span's, with harakat
    assert [(r.doc_id, r.span_id) for r in found] == [(corpus["a"], None), (corpus["a"], corpus["azer"])]


def test_latin_is_found_whatever_its_case(store, corpus):
    assert [r.span_id for r in find_notes(store, "source").rows] == [corpus["beirut"]]
    assert [r.span_id for r in find_notes(store, "check THE").rows] == [corpus["beirut"]]


def test_the_span_text_and_title_find_notes_too_unless_asked_for_notes_only(store, corpus):
    assert [r.span_id for r in find_notes(store, "بيروت").rows] == [corpus["beirut"]]
    assert find_notes(store, "بيروت", everywhere=False).rows == []
    by_title = find_notes(store, "استدعاء").rows
    assert {r.doc_id for r in by_title} == {corpus["a"]} and len(by_title) == 3


def test_nothing_is_listed_when_there_are_no_notes(store):
    doc = store.insert_document("a", TEXT)
    store.add_span(doc, 7, 12, "PLACE", "amal")
    assert find_notes(store).rows == []
    assert find_notes(store, "موسكو").rows == []
    assert notes.count_notes(store) == 0
    assert notes.document_notes(store, [doc]) == {}


def test_a_cleared_note_is_no_longer_listed(store, corpus):
    store.set_span_note(corpus["moscow"], "")
    store.set_document_note(corpus["a"], "")
    assert [r.span_id for r in find_notes(store).rows] == [corpus["azer"], corpus["beirut"]]
    assert find_notes(store, "تاريخ").rows == []


def test_pages_stop_at_their_limit_and_the_next_one_starts_after(store, corpus):
    first = find_notes(store, limit=2)
    assert len(first.rows) == 2 and first.more
    second = find_notes(store, limit=2, after=first.after)
    third = find_notes(store, limit=2, after=second.after)
    assert [r.key for r in first.rows + second.rows] == [r.key for r in find_notes(store).rows]
    assert third.rows == [] and not third.more


def test_small_chunks_read_every_note_once_in_order(store):
    docs = [store.insert_document(f"d{i}", f"{TEXT} {i}") for i in range(5)]
    for doc in docs:
        for start in (0, 7, 18):
            span, _ = store.add_span(doc, start, start + 5, "ACTOR", "amal")
            store.set_span_note(span.id, f"n{doc}-{start}")
        if doc % 2:
            store.set_document_note(doc, f"doc {doc}")
    rows = list(iter_notes(store, chunk=2))
    assert [r.key for r in rows] == sorted(r.key for r in rows)
    assert len(rows) == 15 + len([d for d in docs if d % 2])


def test_notes_of_a_page_of_documents(store, corpus):
    assert notes.document_notes(store, [corpus["b"], corpus["a"]]) == {corpus["a"]: "تاريخ الخبر غير مؤكد"}
    assert notes.document_notes(store, []) == {}


def test_search_key_folds_like_the_corpus_search():
    assert search_key("مَصْدَرٌ  أُولى\nــة") == search_key("مصدر اولي ه") == "مصدر اولي ه"
    assert search_key("SOURCE") == "source"


# ---- the partial indexes ---------------------------------------------------------------------


def test_the_notes_are_read_through_partial_indexes_on_sqlite():
    with Store(":memory:") as store:
        for sql in (
            "SELECT id FROM documents WHERE note <> '' AND id >= 1 ORDER BY id",
            notes._SPAN_SELECT + notes._SPAN_ORDER.replace("?", "10"),
        ):
            plan = " ".join(str(row) for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert "documents_with_note" in plan or "spans_with_note" in plan, plan


def test_a_version_12_database_gains_the_note_indexes(tmp_path):
    from sqlite_utils import Database

    from model import schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version, step in enumerate(schema.MIGRATIONS[:12]):  # as version 12 left it
        step(Database(conn))
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute("COMMIT")
    conn.execute("INSERT INTO documents (ext_id, text, content_hash, note) VALUES ('d', 'نص', 'h', 'مُلاحظة')")
    assert migrate(conn) == 12
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"documents_with_note", "spans_with_note"} <= names
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    with Store(path) as store:
        assert [r.note for r in find_notes(store, "ملاحظه").rows] == ["مُلاحظة"]


def test_a_version_7_team_database_gains_the_note_indexes(pg_url):
    from tests.model.test_team_pg import as_user

    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    with psycopg.connect(pg_url, autocommit=True) as admin:  # as a version 7 database was
        admin.execute("DROP INDEX documents_with_note")
        admin.execute("DROP INDEX spans_with_note")
        admin.execute("UPDATE settings SET value = '7' WHERE key = 'schema_version'")
    team.init(pg_url)  # the owner brings it up to date
    with psycopg.connect(pg_url, autocommit=True) as admin:
        names = {row[0] for row in admin.execute("SELECT indexname FROM pg_indexes")}
        assert {"documents_with_note", "spans_with_note"} <= names
    with Store(as_user(pg_url, "amal")) as amal:
        assert find_notes(amal).rows == []
