"""Assigning documents to analysts, on both backends (the ``store`` fixture)."""

from __future__ import annotations

import pytest

from model.assign import assign, documents, queue, unassign, workloads
from model.errors import UsageError
from model.store import Store


def corpus(store: Store, count: int = 10) -> list[int]:
    ids = [store.insert_document(f"d{n}", f"خبر رقم {n} عن موسكو") for n in range(count)]
    return [doc_id for doc_id in ids if doc_id is not None]


def pairs(store: Store) -> list[tuple[int, str]]:
    rows = store.conn.execute("SELECT doc_id, analyst FROM assignments ORDER BY 1, 2")
    return [(int(d), str(a)) for d, a in rows]


def test_round_robin_hands_out_documents_evenly(store):
    ids = corpus(store, 9)
    report = assign(store, ids, ["amal", "huda", "omar"])
    assert report.added == 9 and report.documents == 9
    assert report.per_analyst == {"amal": 3, "huda": 3, "omar": 3}
    assert [a for _, a in pairs(store)] == ["amal", "huda", "omar"] * 3


def test_two_analysts_per_document_for_agreement(store):
    ids = corpus(store, 6)
    assign(store, ids, ["amal", "huda", "omar"], per_document=2)
    by_doc: dict[int, set[str]] = {}
    for doc_id, analyst in pairs(store):
        by_doc.setdefault(doc_id, set()).add(analyst)
    assert all(len(names) == 2 for names in by_doc.values()) and len(by_doc) == 6
    assert {w.analyst: w.assigned for w in workloads(store)} == {"amal": 4, "huda": 4, "omar": 4}


def test_assigning_again_adds_nothing_and_new_work_goes_to_the_least_loaded(store):
    ids = corpus(store, 4)
    assign(store, ids[:3], ["amal"])
    again = assign(store, ids[:3], ["amal"])
    assert (again.added, again.already) == (0, 3)
    later = assign(store, ids, ["amal", "huda"])  # the fourth goes to huda, who has none
    assert later.per_analyst == {"amal": 0, "huda": 1}
    assert pairs(store)[-1] == (ids[3], "huda")


def test_a_queue_holds_what_is_assigned_and_still_open(store):
    ids = corpus(store, 3)
    assign(store, ids, ["amal"])
    store.set_status(ids[1], "done")
    assert queue(store, "amal") == [ids[0], ids[2]]
    assert queue(store, "huda") == []
    assert [(w.analyst, w.assigned, w.open) for w in workloads(store)] == [("amal", 3, 2)]


def test_documents_are_chosen_by_ids_by_filter_or_unassigned(store):
    ids = corpus(store, 4)
    store.set_status(ids[0], "done")
    assert documents(store, ids=["d2", "d1"]) == [ids[1], ids[2]]
    assert documents(store, status="done") == [ids[0]]
    assign(store, [ids[1]], ["amal"])
    assert documents(store, unassigned=True) == [ids[0], ids[2], ids[3]]
    with pytest.raises(UsageError, match="no document with id nope"):
        documents(store, ids=["nope"])


def test_unassigning_takes_documents_back(store):
    ids = corpus(store, 2)
    assign(store, ids, ["amal", "huda"], per_document=2)
    assert unassign(store, [ids[0]], ["huda"]) == 1
    assert unassign(store, [ids[1]]) == 2
    assert pairs(store) == [(ids[0], "amal")]


def test_deleting_a_document_removes_its_assignments(store):
    ids = corpus(store, 2)
    assign(store, ids, ["amal"])
    with store.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (ids[0],))
    assert pairs(store) == [(ids[1], "amal")]


def test_bad_requests_are_refused(store):
    ids = corpus(store, 2)
    with pytest.raises(UsageError, match="at least one analyst"):
        assign(store, ids, [" "])
    with pytest.raises(UsageError, match="1 to 2"):
        assign(store, ids, ["amal", "huda"], per_document=3)
    assert pairs(store) == []
