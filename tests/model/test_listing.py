"""Windowed list queries agree with a plain full query, for every filter and from any anchor."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from model import listing
from model.records import DocumentSummary
from model.search import update_index
from model.store import Store

STATUSES = ("new", "in_progress", "done", "skipped")
WORDS = ("موسكو", "القاهرة", "بيروت", "اجتماع", "وزير", "مجلس", "في", "الأمن")
FILTERS = [
    (None, None),
    ("done", None),
    ("new", None),
    (None, "موسكو"),  # trigram index
    (None, "في"),  # two letters: a scan of the folded copies
    ("done", "القاهره"),  # normalised: ة searched as ه
    ("skipped", "في"),
    ("in_progress", "لا شيء هنا"),  # nothing matches
]


def build(n: int = 240, seed: int = 5) -> Store:
    rng = random.Random(seed)
    store = Store(":memory:")
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        store.insert_document(
            f"doc-{i}", f"خبر {i}: {words}", title=f"عنوان {i}", status=rng.choice(STATUSES)
        )
    update_index(store)
    return store


@pytest.fixture
def corpus() -> Iterator[Store]:
    store = build()
    yield store
    store.close()


def full(store: Store, status: str | None, search: str | None) -> list[DocumentSummary]:
    return store.document_summaries(status=status, search=search)


def anchors(rows: list[DocumentSummary], rng: random.Random) -> list[listing.Anchor]:
    """The start, the end and a few rows of the list, as anchors."""
    picked = [listing.START, listing.end_anchor(len(rows))]
    picked += [(k, rows[k].id) for k in rng.sample(range(len(rows)), min(4, len(rows)))]
    return picked


def check_agrees(store: Store, status: str | None, search: str | None, seed: int = 0) -> None:
    rng = random.Random(seed)
    rows = full(store, status, search)
    ids = [r.id for r in rows]
    assert listing.count(store, status, search) == len(rows)
    for anchor in anchors(rows, rng):
        assert [listing.id_at(store, k, status, search, anchor) for k in range(len(rows))] == ids
        assert listing.id_at(store, len(rows), status, search, anchor) is None
        assert listing.id_at(store, -1, status, search, anchor) is None
        for rank in {0, len(rows) // 2, max(len(rows) - 3, 0), len(rows)}:
            for size in (1, 7):
                page = listing.page_at(store, rank, size, status, search, anchor)
                assert page == rows[rank : rank + size]
    all_ids = store.document_ids()
    for anchor in anchors(rows, rng):
        for doc_id in all_ids:
            expected = ids.index(doc_id) if doc_id in ids else None
            assert listing.row_of(store, doc_id, status, search, anchor) == expected
            assert listing.matches(store, doc_id, status, search) == (expected is not None)
            assert listing.below(store, doc_id, status, search, anchor) == sum(i < doc_id for i in ids)


@pytest.mark.parametrize(("status", "search"), FILTERS)
def test_windowed_queries_agree_with_the_full_query(corpus, status, search):
    check_agrees(corpus, status, search)


@pytest.mark.parametrize(("status", "search"), FILTERS)
def test_they_still_agree_after_status_changes(corpus, status, search):
    rng = random.Random(9)
    for doc_id in rng.sample(corpus.document_ids(), 60):
        corpus.set_status(doc_id, rng.choice(STATUSES))
    check_agrees(corpus, status, search, seed=1)


def test_page_from_is_a_keyset_page(corpus):
    rows = full(corpus, "done", None)
    middle = rows[len(rows) // 2]
    assert listing.page_from(corpus, middle.id, 5, "done") == rows[len(rows) // 2 : len(rows) // 2 + 5]
    assert listing.page_from(corpus, middle.id + 1, 3, "done")[0] == rows[len(rows) // 2 + 1]


@pytest.mark.parametrize("gone", ["id % 3 = 0", "id BETWEEN 100 AND 290", "id < 150", "id > 20"])
def test_ids_with_gaps_are_ranked_by_what_is_stored(gone):
    with build(320) as store:
        store.conn.execute(f"DELETE FROM documents WHERE {gone}")
        check_agrees(store, None, None)
        check_agrees(store, "new", None)


def test_find_document_by_exact_external_id(corpus):
    assert (
        listing.find_document(corpus, "doc-17")
        == corpus.conn.execute("SELECT id FROM documents WHERE ext_id = 'doc-17'").fetchone()[0]
    )
    assert listing.find_document(corpus, "  doc-17 ") is not None
    assert listing.find_document(corpus, "doc-999") is None
    assert listing.find_document(corpus, "   ") is None


def test_find_document_by_title_prefix_ignoring_harakat_and_letter_forms():
    with Store(":memory:") as store:
        first = store.insert_document("a", "نص أول", title="الرئيس يزور موسكو")
        second = store.insert_document("b", "نص ثان", title="إجتماع مجلس الأمن", status="done")
        third = store.insert_document("c", "نص ثالث", title="إجتماع وزراء الخارجية")
        latin = store.insert_document("d", "نص رابع", title="Reuters: Talks in Cairo")
        assert listing.find_document(store, "الرَّئِيس") == first
        assert listing.find_document(store, "اجتماع") == second  # the lowest id
        assert listing.find_document(store, "اجتماع", status="new") == third  # one the list shows first
        assert listing.find_document(store, "اجتماع", status="skipped") == second  # else any
        assert listing.find_document(store, "reuters:  talks") == latin
        assert listing.find_document(store, "يزور") is None  # a prefix, not a substring
        assert listing.find_document(store, "b") == second  # an external id comes before titles


def test_find_document_by_title_uses_the_search_index_and_falls_back_to_reading_titles():
    with Store(":memory:") as store:
        untitled = store.insert_document("a", "خبر عن بيروت", title="اجتماع في بيروت")  # text lacks the title
        titled = store.insert_document("b", "اجتماع في بيروت اليوم", title="اجتماع في بيروت اليوم")
        update_index(store)
        assert listing.find_document(store, "اجتماع في") == titled  # found through the index
        assert listing.find_document(store, "اجتماع في بيروت", status="done") == titled
        store.set_status(titled, "skipped")
        assert listing.find_document(store, "اجتماع", status="new") == untitled  # only read titles hold it
        unindexed = store.insert_document("c", "نص جديد", title="مؤتمر صحفي")  # not yet in the index
        assert listing.find_document(store, "مؤتمر") == unindexed


@pytest.mark.parametrize("lead", ["", "  ", "\u0640", "\u064e", "\u00a0", "\t"])
@pytest.mark.parametrize("letter", ["ا", "أ", "إ", "آ", "ٱ"])
def test_find_document_by_title_whatever_its_first_characters(lead, letter):
    with Store(":memory:") as store:
        store.insert_document("x", "نص", title="مجلس الأمن")
        wanted = store.insert_document("y", "نص آخر", title=f"{lead}{letter}جتماع طارئ")
        assert listing.find_document(store, "اجتماع ط") == wanted
        assert listing.find_document(store, "إجتماع") == wanted
