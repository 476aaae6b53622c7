from __future__ import annotations

import sqlite3

import pytest

from model.errors import EditError, SchemaError
from model.schema import SCHEMA_VERSION
from model.store import Store, content_hash

TEXT = "استدعت موسكو سفير أذربيجان في باكو."


def test_public_write_commits_before_returning(tmp_path):
    path = tmp_path / "a.db"
    with Store(path) as store:
        doc = store.insert_document("a", TEXT)
        assert doc is not None
        store.add_span(doc, 7, 12, "PLACE")
        with sqlite3.connect(path) as other:  # a second connection sees it at once
            assert other.execute("SELECT count(*) FROM spans").fetchone()[0] == 1


def test_transaction_rolls_back_every_write_on_error(store, state):
    before = state(store)
    with pytest.raises(RuntimeError), store.transaction():
        doc = store.insert_document("a", TEXT)
        store.add_span(doc, 7, 12, "PLACE")
        raise RuntimeError("boom")
    assert state(store) == before


def test_nested_transaction_joins_the_outer_one(store):
    with pytest.raises(EditError), store.transaction():
        with store.transaction():
            store.insert_document("a", TEXT)
        store.insert_document("b", "نص آخر", status="bogus")
    assert store.document_count() == 0


def test_file_database_uses_wal_journal(tmp_path):
    with Store(tmp_path / "a.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_first_span_moves_new_document_to_in_progress(store):
    doc = store.insert_document("a", TEXT)
    span, old = store.add_span(doc, 7, 12, "PLACE")
    assert old == "new"
    assert store.document(doc).status == "in_progress"
    assert store.spans(doc) == [span]


def test_span_does_not_change_finished_status(store):
    doc = store.insert_document("a", TEXT, status="done")
    store.add_span(doc, 7, 12, "PLACE")
    assert store.document(doc).status == "done"


def test_duplicate_span_is_refused(store):
    doc = store.insert_document("a", TEXT)
    store.add_span(doc, 7, 12, "PLACE")
    with pytest.raises(EditError, match="already tagged PLACE"):
        store.add_span(doc, 7, 12, "PLACE")
    assert len(store.spans(doc)) == 1


def test_duplicate_span_message_names_the_text(store):
    doc = store.insert_document("a", TEXT)
    store.add_span(doc, 7, 12, "PLACE")
    with pytest.raises(EditError) as caught:
        store.add_span(doc, 7, 12, "PLACE")
    assert str(caught.value) == "‘موسكو’ is already tagged PLACE"


def test_duplicate_message_counts_code_points_like_python(store):
    text = "😀 وصل الوفد إلى موسكو"
    doc = store.insert_document("a", text)
    start = text.index("موسكو")
    store.add_span(doc, start, start + 5, "PLACE")
    with pytest.raises(EditError) as caught:
        store.add_span(doc, start, start + 5, "PLACE")
    assert str(caught.value) == "‘موسكو’ is already tagged PLACE"


def test_span_running_past_the_end_names_the_text_it_covers(store):
    doc = store.insert_document("a", TEXT)
    start = TEXT.index("باكو")
    with pytest.raises(EditError) as caught:
        store.add_span(doc, start, len(TEXT) + 4, "PLACE")
    expected = f"the range from ‘باكو.’ runs past the end of the text ({len(TEXT)} characters)"
    assert str(caught.value) == expected


def test_span_wholly_outside_the_text_gives_its_offsets(store):
    doc = store.insert_document("a", TEXT)
    with pytest.raises(EditError, match=f"^40–45 lies outside the text \\({len(TEXT)} characters\\)$"):
        store.add_span(doc, 40, 45, "PLACE")


def test_empty_range_is_refused_as_empty(store):
    doc = store.insert_document("a", TEXT)
    with pytest.raises(EditError, match="empty range"):
        store.add_span(doc, 5, 5, "PLACE")


def test_same_range_with_another_label_is_allowed(store):
    doc = store.insert_document("a", TEXT)
    store.add_span(doc, 7, 12, "PLACE")
    store.add_span(doc, 7, 12, "ACTOR")
    assert [s.label for s in store.spans(doc)] == ["PLACE", "ACTOR"]


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (6, 4), (30, 99)])
def test_span_outside_the_text_is_refused(store, start, end):
    doc = store.insert_document("a", TEXT)
    with pytest.raises(EditError):
        store.add_span(doc, start, end, "PLACE")


def test_unknown_label_is_refused(store):
    doc = store.insert_document("a", TEXT)
    with pytest.raises(EditError, match="unknown label"):
        store.add_span(doc, 7, 12, "PERSON")


def test_next_unfinished_skips_finished_documents_and_wraps_round(store):
    ids = [store.insert_document(name, f"نص {name}") for name in "abcde"]
    store.set_status(ids[1], "done")
    store.set_status(ids[2], "skipped")
    store.set_status(ids[3], "in_progress")
    assert store.next_unfinished(ids[0]) == ids[3]
    assert store.next_unfinished(ids[3]) == ids[4]
    assert store.next_unfinished(ids[4]) == ids[0]  # wraps round
    store.set_status(ids[0], "done")
    store.set_status(ids[3], "done")
    assert store.next_unfinished(ids[4]) is None  # the current one is not the next one


def test_next_unfinished_keeps_to_the_status_filter(store):
    ids = [store.insert_document(name, f"نص {name}") for name in "abcd"]
    store.set_status(ids[2], "in_progress")
    assert store.next_unfinished(ids[0], status="in_progress") == ids[2]
    assert store.next_unfinished(ids[2], status="in_progress") is None
    assert store.next_unfinished(ids[1], status="new") == ids[3]
    assert store.next_unfinished(ids[3], status="new") == ids[0]
    assert store.next_unfinished(ids[0], status="done") is None  # that list shows no unfinished one


def test_same_text_is_stored_once(store):
    assert store.insert_document("a", TEXT) is not None
    assert store.insert_document("b", TEXT) is None
    assert store.find_by_hash(content_hash(TEXT)) == 1


def test_clashing_ext_id_gets_a_counter(store):
    store.insert_document("a", TEXT)
    store.insert_document("a", "نص آخر")
    assert store.unique_ext_id("a") == "a-3"
    assert [d.ext_id for d in store.document_summaries()] == ["a", "a-2"]


def test_title_defaults_to_first_non_empty_line(store):
    doc = store.insert_document("a", "\n\n  عنوان الخبر  \nنص")
    assert store.document(doc).title == "عنوان الخبر"


def test_removing_a_span_removes_its_relations(store):
    doc = store.insert_document("a", TEXT)
    event, _ = store.add_span(doc, 0, 6, "EVENT")
    place, _ = store.add_span(doc, 7, 12, "PLACE")
    store.link(event.id, place.id, "place")
    _, relations = store.remove_span(place.id)
    assert len(relations) == 1
    assert store.relations(doc) == []


def test_settings_are_stored(store):
    assert store.setting("x") is None
    store.set_setting("x", "1")
    store.set_setting("x", "2")
    assert store.setting("x") == "2"


def test_stats_count_documents_spans_and_annotators(store):
    doc = store.insert_document("a", TEXT)
    store.insert_document("b", "نص آخر")
    store.add_span(doc, 7, 12, "PLACE", "amal")
    store.add_span(doc, 0, 6, "EVENT", "amal")
    store.add_span(doc, 19, 26, "PLACE", "omar")
    stats = store.stats()
    assert stats["documents"] == 2
    assert stats["characters"] == len(TEXT) + len("نص آخر")
    assert stats["by_status"] == {"new": 1, "in_progress": 1, "done": 0, "skipped": 0}
    assert stats["by_label"] == {"ACTOR": 0, "EVENT": 1, "PLACE": 2}
    assert stats["by_annotator"] == {"amal": 2, "omar": 1}


# ---- schema ------------------------------------------------------------------------------


def test_fresh_database_is_at_schema_version(tmp_path):
    with Store(tmp_path / "a.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.label_names() == ["ACTOR", "EVENT", "PLACE"]


def test_reopening_keeps_the_data(tmp_path):
    with Store(tmp_path / "a.db") as store:
        store.insert_document("a", TEXT)
    with Store(tmp_path / "a.db") as store:
        assert store.document(1).text == TEXT


def test_database_from_a_newer_hashiya_is_refused(tmp_path):
    path = tmp_path / "a.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaError, match=r"newer Hashiya.*upgrade"):
        Store(path)


def test_other_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    data = path.read_bytes()
    with pytest.raises(SchemaError, match="not a Hashiya database"):
        Store(path)
    assert path.read_bytes() == data


def test_other_programs_versioned_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 1")
    with pytest.raises(SchemaError, match="not a Hashiya database"):
        Store(path)


def test_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, long enough to be a header " * 10)
    with pytest.raises(SchemaError, match=str(path.name)):
        Store(path)
