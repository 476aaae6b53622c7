"""Corpus search: normalised like the find bar, indexed on demand, upgraded into old databases."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from model.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from model.search import pending, update_index
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


def test_search_index_holds_the_folded_text():
    store = corpus()
    update_index(store)
    (body,) = store.conn.execute("SELECT body FROM search_text WHERE id = 3").fetchone()
    assert body == "زار الوفد مدرسه في باكو"


def test_search_escapes_like_wildcards():
    store = corpus()
    store.insert_document("d", "نسبة 50% من_الأصوات")
    update_index(store)
    assert found(store, "50%") == ["d"]
    assert found(store, "_") == ["d"]
    assert found(store, "%") == ["d"]
    assert found(store, "نسب_") == []  # not a wildcard: the text has نسبه there
    assert found(store, "5%") == []


def test_search_without_trigrams_scans_the_folded_copies(monkeypatch):
    store = corpus()
    update_index(store)
    monkeypatch.setattr(Store, "has_trigram_index", lambda self: False)
    assert found(store, "موسكو") == ["a"]
    assert found(store, "اذربيجان") == ["b"]


def test_next_unfinished_follows_the_search_filter():
    store = corpus()
    update_index(store)
    assert store.next_unfinished(1, search="باكو") == 3
    assert store.next_unfinished(3, search="موسكو") == 1  # wraps round to the only match
    assert store.next_unfinished(1, search="موسكو") is None  # the current one is not "next"
    assert store.next_unfinished(1, search="اذربيجان") is None  # its one match is done


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
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        update_index(store)
        assert found(store, "قديم") == ["x"]
