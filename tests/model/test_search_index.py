"""The search index kept current by imports and deletes; first pages and capped counts agreeing
with the whole match set; the status index; tagging many ranges at once."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

import model.store as store_module
from model.arabic import FOLDS, HARAKAT, fold_and_drop
from model.commands import AddSpan, AddSpans
from model.errors import EditError, InputError
from model.importing import import_paths
from model.schema import MIGRATIONS, SCHEMA_VERSION
from model.search import fold_for_index, index_documents, pending, update_index
from model.store import Store

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱىةؤئ"
MARKS = "\u064e\u064f\u0650\u0651\u0652\u0640"  # harakat and tatweel, which search ignores


def random_text(rng: random.Random, size: int) -> str:
    chars = []
    for _ in range(size):
        chars.append(rng.choice(LETTERS + " "))
        if rng.random() < 0.1:
            chars.append(rng.choice(MARKS))
    return "".join(chars).strip() or rng.choice(LETTERS)


def write_jsonl(path: Path, texts: list[str], first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(texts, first):
            fh.write(json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False) + "\n")
    return path


def index_rows(store: Store) -> dict[str, list[tuple]]:
    conn = store.conn
    return {
        "text": conn.execute("SELECT id, body FROM search_text ORDER BY id").fetchall(),
        "tail": conn.execute("SELECT id, tail FROM search_tail ORDER BY id").fetchall(),
    }


def rebuilt(store: Store) -> dict[str, list[tuple]]:
    """What a full rebuild from the stored documents holds."""
    docs = store.conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
    return {
        "text": [(i, fold_and_drop(t)) for i, t in docs],
        "tail": [(i, fold_and_drop(t)[-2:]) for i, t in docs],
    }


def check_fts(store: Store) -> None:
    """The trigram index holds each copy's trigrams once (integrity-check misses doubles)."""
    conn = store.conn
    conn.execute("INSERT INTO search_text_fts(search_text_fts) VALUES ('integrity-check')")
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_terms "
        "USING fts5vocab(main, search_text_fts, instance)"
    )
    (held,) = conn.execute("SELECT count(*) FROM temp.check_terms").fetchone()
    bodies = [body for (body,) in conn.execute("SELECT body FROM search_text")]
    assert held == sum(max(len(body) - 2, 0) for body in bodies)


def test_imported_documents_wait_for_update_index_which_indexes_exactly_them(tmp_path):
    rng = random.Random(1)
    store = Store(tmp_path / "c.db")
    for n in range(3):
        texts = [random_text(rng, rng.randint(1, 60)) for _ in range(40)]
        import_paths(store, [write_jsonl(tmp_path / f"part{n}.jsonl", texts, n * 100)])
        assert pending(store) == 40  # an import only stores: the index catches up afterwards
        assert update_index(store) == 40
        assert pending(store) == 0
        assert index_rows(store) == rebuilt(store)
        check_fts(store)
    # a document stored on its own waits for the catch-up, which indexes only it
    store.insert_document("alone", "خبر من بيروت")
    assert pending(store) == 1
    assert update_index(store) == 1
    assert index_rows(store) == rebuilt(store)
    # deleting documents removes their copies, trigrams and tails
    store.conn.execute("DELETE FROM documents WHERE id % 3 = 0")
    assert index_rows(store) == rebuilt(store)
    check_fts(store)
    assert pending(store) == 0
    store.insert_document("unindexed", "خبر لم يفهرس")
    store.conn.execute("DELETE FROM documents WHERE ext_id = 'unindexed'")
    assert pending(store) == 0
    # and the index answers as a fresh one built from the documents left
    fresh = Store(":memory:")
    for doc in store.iter_documents():
        fresh.insert_document(doc.ext_id, doc.text)
    update_index(fresh)
    for query in ("ا", "بت", "لا", "سلم", "اذر"):
        got = [d.ext_id for d in store.document_summaries(search=query)]
        want = [d.ext_id for d in fresh.document_summaries(search=query)]
        assert got == want


def test_failed_import_leaves_no_index_rows(tmp_path):
    store = Store(":memory:")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "نص أول"}\n{"id": "b", "text": 5}\n', encoding="utf-8")
    with pytest.raises(InputError):
        import_paths(store, [bad])
    assert index_rows(store) == {"text": [], "tail": []}


def test_catch_up_finds_gaps_below_documents_indexed_later(tmp_path):
    """Documents stored before imports indexed their own are not hidden by higher indexed ids."""
    store = Store(":memory:")
    store.insert_document("old", "وثيقة قديمة")
    import_paths(store, [write_jsonl(tmp_path / "new.jsonl", ["وثيقة جديدة"])])
    (new,) = store.conn.execute("SELECT id, text FROM documents WHERE ext_id = 'd0'")
    index_documents(store.conn, [new])  # indexed above the older document, which is not
    assert pending(store) == 1
    assert update_index(store) == 1
    assert [d.ext_id for d in store.document_summaries(search="قديمه")] == ["old"]


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Store:
    # small windows, so every way of answering a short search is taken on a small corpus
    monkeypatch.setattr(store_module, "SCAN_WINDOW", 7)
    monkeypatch.setattr(store_module, "SCAN_STATUS", 5)
    rng = random.Random(7)
    texts = [random_text(rng, rng.choice((1, 2, 3, 8, 40))) for _ in range(160)]
    store = Store(":memory:")
    import_paths(store, [write_jsonl(tmp_path / "c.jsonl", texts)])
    update_index(store)
    statuses = ("new", "in_progress", "done", "skipped")
    for doc_id in store.document_ids():
        store.set_status(doc_id, rng.choices(statuses, (60, 30, 8, 2))[0])
    return store


def expected(store: Store, query: str, status: str | None) -> list[int]:
    needle = fold_and_drop(query).strip()
    return [
        doc.id
        for doc in store.iter_documents()
        if needle in fold_and_drop(doc.text) and (status is None or doc.status == status)
    ]


QUERIES = ["ا", "ي", "ظ", "ء", "لا", "بت", "ظغ", "َا", "أ", "ى", "ة", "سلا", "اذر", "ـب", "  م ", "ثخذ"]


@pytest.mark.parametrize("status", [None, "new", "done", "skipped"])
def test_first_page_and_capped_count_agree_with_the_full_query(corpus, status):
    for query in QUERIES:
        want = expected(corpus, query, status)
        full = [d.id for d in corpus.document_summaries(status=status, search=query)]
        assert full == want, query
        assert corpus.count_documents(status, query) == len(want), query
        for size in (1, 3, 10):
            page = [d.id for d in corpus.document_summaries(size, status=status, search=query)]
            assert page == want[:size], query
            assert corpus.count_documents(status, query, cap=size) == min(len(want), size), query
            # paging on from the last row shown gives the rest, in order
            seen, after = [], 0
            while rows := corpus.document_summaries(size, after, status=status, search=query):
                seen.extend(d.id for d in rows)
                after = rows[-1].id
            assert seen == want, query
        rows, count = corpus.first_page(4, status, query, cap=6)
        assert ([d.id for d in rows], count) == (want[:4], min(len(want), 6))


def test_a_short_search_finds_letters_at_the_end_of_a_text(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "SCAN_WINDOW", 0)  # nothing scanned: the index answers
    store = Store(":memory:")
    import_paths(store, [write_jsonl(tmp_path / "c.jsonl", ["ب", "جد", "سلام عليكم", "مرحبا"])])
    update_index(store)
    for query, want in (("ب", ["d0", "d3"]), ("جد", ["d1"]), ("كم", ["d2"]), ("م", ["d2", "d3"])):
        assert [d.ext_id for d in store.document_summaries(10, search=query)] == want, query
        assert store.count_documents(search=query, cap=10) == len(want)


def test_status_index_exists_after_migrating_an_old_database(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(2):
        MIGRATIONS[version](Database(conn))
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO documents (ext_id, text, content_hash) VALUES ('x', 'نص قديم جدا', 'h')")
    conn.execute("INSERT INTO search_text (id, body) VALUES (1, 'نص قديم جدا')")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {row[1] for row in store.conn.execute("PRAGMA index_list(documents)")}
        assert "documents_by_status" in indexes
        plan = " ".join(
            str(row[3])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE status = 'done' ORDER BY id LIMIT 5"
            )
        )
        assert "documents_by_status" in plan
        assert index_rows(store)["tail"] == [(1, "دا")]  # the tails of copies indexed before
        assert [d.ext_id for d in store.document_summaries(5, search="دا")] == ["x"]
        # the catch-up after an import writes the trigram index once (the old insert trigger is gone)
        import_paths(store, [write_jsonl(tmp_path / "new.jsonl", ["نص جديد"])])
        update_index(store)
        assert index_rows(store) == rebuilt(store)
        check_fts(store)
        assert pending(store) == 0


TEXT = "موسكو ثم بموسكو ثم موسكو ثم موسكو"


def tag_one_by_one(store: Store, doc: int, ranges: list[tuple[int, int]]) -> list[tuple]:
    for start, end in ranges:
        AddSpan(doc, start, end, "PLACE", "amal").do(store)
    return [tuple(s) for s in store.spans(doc)]


def test_add_spans_in_bulk_stores_what_one_by_one_stores_and_undoes_it():
    ranges = [(0, 5), (10, 15), (19, 24), (28, 33)]
    one = Store(":memory:")
    doc = one.insert_document("a", TEXT)
    one.add_span(doc, 0, 3, "ACTOR")  # an earlier span: ids carry on after it
    one.remove_span(one.spans(doc)[0].id, restore_status="new")
    want = tag_one_by_one(one, doc, ranges)

    bulk = Store(":memory:")
    doc = bulk.insert_document("a", TEXT)
    bulk.add_span(doc, 0, 3, "ACTOR")
    bulk.remove_span(bulk.spans(doc)[0].id, restore_status="new")
    command = AddSpans(doc, ranges, "PLACE", "amal", "موسكو")
    change = command.do(bulk)
    assert [tuple(s) for s in bulk.spans(doc)] == want
    assert [tuple(s) for s in change.added] == want
    assert change.status_changed and bulk.document(doc).status == "in_progress"
    undone = command.undo(bulk)
    assert bulk.spans(doc) == [] and bulk.document(doc).status == "new"
    assert undone.removed == change.added and undone.status_changed
    command.do(bulk)  # redo keeps the ids
    assert [tuple(s) for s in bulk.spans(doc)] == want
    # a new span after the redo is numbered as one-by-one numbering would
    assert bulk.add_span(doc, 6, 8, "EVENT")[0].id == one.add_span(doc, 6, 8, "EVENT")[0].id


@pytest.mark.parametrize(
    "ranges, label",
    [
        ([(0, 5), (10, 15), (0, 5)], "PLACE"),  # listed twice
        ([(0, 5), (30, 40)], "PLACE"),  # past the end
        ([(0, 5), (7, 7)], "PLACE"),  # empty
        ([(-3, 2)], "PLACE"),  # before the start
        ([(0, 5)], "NOPE"),  # unknown label
        ([(19, 24)], "PLACE"),  # already tagged
    ],
)
def test_add_spans_refuses_as_add_span_does_and_keeps_nothing(ranges, label):
    def attempt(bulk: bool) -> tuple[str, list[tuple]]:
        store = Store(":memory:")
        doc = store.insert_document("a", TEXT)
        store.add_span(doc, 19, 24, "PLACE")
        before = [tuple(s) for s in store.spans(doc)]
        with pytest.raises(EditError) as caught:
            if bulk:
                AddSpans(doc, ranges, label).do(store)
            else:
                with store.transaction():
                    for start, end in ranges:
                        store.add_span(doc, start, end, label)
        assert [tuple(s) for s in store.spans(doc)] == before
        return str(caught.value), before

    assert attempt(bulk=True) == attempt(bulk=False)


def test_undo_of_add_spans_removes_their_relations_too():
    store = Store(":memory:")
    doc = store.insert_document("a", TEXT)
    event, _ = store.add_span(doc, 6, 8, "EVENT")
    command = AddSpans(doc, [(0, 5), (10, 15)], "PLACE")
    command.do(store)
    store.link(event.id, command.spans[0].id, "place")
    command.undo(store)
    assert store.relations(doc) == []
    assert [s.id for s in store.spans(doc)] == [event.id]


def test_index_folding_equals_fold_and_drop():
    rng = random.Random(3)
    alphabet = LETTERS + MARKS + "".join(sorted(HARAKAT)) + "".join(FOLDS) + " abcA\u0301é\U0001f600"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert fold_for_index(text) == fold_and_drop(text)
