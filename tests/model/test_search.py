"""Corpus search: normalised like the find bar, indexed on demand, upgraded into old databases."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from model.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from model.search import fold_for_search, pending, update_index
from model.store import Store


def corpus() -> Store:
    store = Store(":memory:")
    store.insert_document("a", "وَبِموسكو، قالَ الكرملين إنّ العلاقــــات صعبة")
    store.insert_document("b", "استدعت أذربيجان السفير", status="done")
    store.insert_document("c", "زار الوفد مدرسة في باكو")
    return store


def found(store: Store, query: str, status: str | None = None) -> list[str]:
    return [d.ext_id for d in store.document_summaries(search=query, status=status)]


def test_search_ignores_harakat_tatweel_and_letter_forms():
    store = corpus()
    update_index(store)
    assert found(store, "موسكو") == ["a"]
    assert found(store, "العلاقات") == ["a"]  # the text has tatweel
    assert found(store, "اذربيجان") == ["b"]  # typed without hamza
    assert found(store, "مدرسه") == ["c"]  # ة typed as ه


def test_short_queries_scan_instead_of_using_trigrams():
    store = corpus()
    update_index(store)
    assert found(store, "با") == ["c"]
    assert found(store, "رب") == ["b"]


def test_search_combines_with_the_status_filter():
    store = corpus()
    update_index(store)
    assert found(store, "ا", status="done") == ["b"]
    assert store.count_documents(search="ا", status="done") == 1


def test_index_is_filled_on_demand_and_only_with_new_documents():
    store = corpus()
    assert pending(store) == 3
    assert update_index(store) == 3
    store.insert_document("d", "خبر جديد من بيروت")
    assert pending(store) == 1
    assert update_index(store) == 1
    assert found(store, "بيروت") == ["d"]


def test_fold_for_search_keeps_letters_and_drops_marks():
    assert fold_for_search("إِلى الـمدرسةِ") == "الي المدرسه"


def test_version_1_database_is_upgraded_with_its_documents(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO documents (ext_id, title, text, content_hash) VALUES ('x', 't', 'نص قديم', 'h')"
    )
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        update_index(store)
        assert found(store, "قديم") == ["x"]
