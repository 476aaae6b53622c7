"""A span is one analyst's: the same range and label may be stored once per annotator (schema v6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from model.commands import AddSpan, AddSpans, UpdateSpan
from model.errors import EditError
from model.schema import MIGRATIONS, SCHEMA_VERSION
from model.store import Store, content_hash

TEXT = "استدعت وزارة الخارجية السفير في موسكو يوم الأحد"
MOSCOW = (TEXT.index("موسكو"), TEXT.index("موسكو") + len("موسكو"))


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    s.insert_document("d", TEXT)
    return s


def test_two_analysts_may_tag_the_same_text_with_the_same_label(store):
    store.add_span(1, *MOSCOW, "PLACE", "amal")
    store.add_span(1, *MOSCOW, "PLACE", "huda")
    assert sorted(s.annotator for s in store.spans(1)) == ["amal", "huda"]


def test_one_analyst_tagging_the_same_text_twice_is_refused(store):
    store.add_span(1, *MOSCOW, "PLACE", "amal")
    with pytest.raises(EditError, match="already tagged PLACE"):
        store.add_span(1, *MOSCOW, "PLACE", "amal")
    with pytest.raises(EditError, match="already tagged PLACE"):
        store.add_spans(1, [MOSCOW], "PLACE", "amal")
    assert len(store.spans(1)) == 1


def test_tagging_many_skips_nothing_another_analyst_tagged(store):
    AddSpan(1, *MOSCOW, "PLACE", "amal").do(store)
    change = AddSpans(1, [MOSCOW, (0, 6)], "PLACE", "huda").do(store)
    assert len(change.added) == 2
    assert len(store.spans(1)) == 3


def test_relabelling_onto_another_analysts_span_is_allowed_but_not_onto_ones_own(store):
    store.add_span(1, *MOSCOW, "PLACE", "huda")
    mine, _ = store.add_span(1, *MOSCOW, "ACTOR", "amal")
    UpdateSpan(mine.id, label="PLACE").do(store)
    store.add_span(1, *MOSCOW, "ACTOR", "amal")
    with pytest.raises(EditError, match="already tagged ACTOR"):
        store.update_span(mine.id, label="ACTOR")


def _version_5(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    for step in MIGRATIONS[:5]:
        step(db)
    conn.execute("PRAGMA user_version = 5")
    return conn


def test_the_migration_keeps_span_ids_relations_indexes_and_the_autoincrement_sequence(tmp_path):
    path = tmp_path / "v5.db"
    conn = _version_5(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO documents (id, ext_id, text, content_hash) VALUES (4, 'd', ?, ?)",
                 (TEXT, content_hash(TEXT)))
    rows = [(3, 4, 0, 6, "EVENT", "amal"), (8, 4, *MOSCOW, "PLACE", "amal"), (9, 4, 7, 12, "ACTOR", "")]
    conn.executemany(
        'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?, ?)', rows
    )
    conn.execute("INSERT INTO spans (id, doc_id, start, \"end\", label) VALUES (20, 4, 13, 22, 'ACTOR')")
    conn.execute("DELETE FROM spans WHERE id = 20")  # the highest id given is never given again
    conn.executemany(
        "INSERT INTO relations (id, doc_id, event_id, argument_id, role) VALUES (?, 4, 3, ?, ?)",
        [(5, 8, "place"), (6, 9, "source")],
    )
    created = conn.execute("SELECT id, created FROM spans ORDER BY id").fetchall()
    conn.close()

    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [tuple(s) for s in store.spans(4)] == sorted(rows, key=lambda r: (r[2], -r[3], r[0]))
        assert store.conn.execute("SELECT id, created FROM spans ORDER BY id").fetchall() == created
        assert [(r.id, r.event_id, r.argument_id, r.role) for r in store.relations(4)] == [
            (5, 3, 8, "place"),
            (6, 3, 9, "source"),
        ]
        seq = store.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'spans'").fetchone()
        assert seq == (20,)
        span, _ = store.add_span(4, *MOSCOW, "PLACE", "huda")  # now allowed: another annotator
        assert span.id == 21
        indexes = {row[1] for row in store.conn.execute("PRAGMA index_list(spans)")}
        assert "spans_by_doc" in indexes
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert "spans_v6" not in {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        store.remove_span(3)  # the foreign keys still cascade from spans to relations
        assert store.relations(4) == []
        store.conn.execute("DELETE FROM documents WHERE id = 4")
        assert store.conn.execute("SELECT count(*) FROM spans").fetchone() == (0,)


def test_the_migration_of_a_database_without_spans_starts_ids_at_one(tmp_path):
    path = tmp_path / "v5.db"
    _version_5(path).close()
    with Store(path) as store:
        store.insert_document("d", TEXT)
        span, _ = store.add_span(1, *MOSCOW, "PLACE", "amal")
        assert span.id == 1


def test_native_jsonl_keeps_two_analysts_spans_of_the_same_text_and_refuses_one_analysts_twice(tmp_path):
    import json

    from model.errors import InputError
    from model.exporting import export_documents
    from model.importing import import_paths

    with Store(tmp_path / "merged.db") as merged:
        doc = merged.insert_document("d", TEXT)
        assert doc is not None
        merged.add_span(doc, *MOSCOW, "PLACE", "amal")
        merged.add_span(doc, *MOSCOW, "PLACE", "huda")
        export_documents(merged, tmp_path / "out.jsonl", "jsonl")
    with Store(tmp_path / "again.db") as again:
        import_paths(again, [tmp_path / "out.jsonl"])
        assert sorted(s.annotator for s in again.spans(1)) == ["amal", "huda"]
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    record["spans"][1]["annotator"] = "amal"
    (tmp_path / "twice.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "third.db") as third, pytest.raises(InputError, match="by ‘amal’ appears twice"):
        import_paths(third, [tmp_path / "twice.jsonl"])
