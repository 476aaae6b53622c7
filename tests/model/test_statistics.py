"""Corpus statistics on a hand-built corpus, on SQLite and on PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from model.statistics import corpus_statistics, name_key
from model.store import PgStore, Store

# three spellings of Azerbaijan (hamza above, bare alef, madda), and one with a kasra on the ذ
AZ = ("أذربيجان", "اذربيجان", "آذربيجان", "أذِربيجان")
TEXTS = {
    "a": f"زار الرئيس {AZ[0]} ثم زار الرئيس موسكو",
    "b": f"قال الرئيس إن {AZ[1]} و{AZ[0]} جارتان",
    "c": f"وصل الوزير إلى {AZ[2]} ثم {AZ[3]}",
    "d": "خبر بلا وسوم",
}


def _find(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _who(store: Store, name: str) -> str:
    """Status changes on a team database are always the login's (row-level security)."""
    return store.user if isinstance(store, PgStore) else name


def _span(store: Store, doc: int, key: str, needle: str, label: str, who: str, created: str) -> None:
    start, end = _find(TEXTS[key], needle)
    with store.transaction() as conn:
        conn.execute(
            'INSERT INTO spans (doc_id, start, "end", label, annotator, created) VALUES (?, ?, ?, ?, ?, ?)',
            (doc, start, end, label, who, created),
        )


def _status(store: Store, doc: int, status: str, who: str, at: str) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, doc))
        conn.execute(
            "INSERT INTO status_changes (doc_id, status, annotator, at) VALUES (?, ?, ?, ?)",
            (doc, status, who, at),
        )


@pytest.fixture
def corpus(store: Store) -> dict[str, int]:
    docs = {key: store.insert_document(key, text) for key, text in TEXTS.items()}
    ids = {key: doc for key, doc in docs.items() if doc is not None}
    a, b, c = ids["a"], ids["b"], ids["c"]
    # amal: a (3 spans on 2026-03-01, 1 on 03-02), b (2 spans on 03-02)
    # huda: a (1 span on 03-02), c (2 on 03-03)
    _span(store, a, "a", AZ[0], "PLACE", "amal", "2026-03-01T09:00:00Z")
    _span(store, a, "a", "الرئيس", "ACTOR", "amal", "2026-03-01T23:59:59Z")
    _span(store, a, "a", "زار", "EVENT", "amal", "2026-03-01T10:00:00Z")
    _span(store, a, "a", "موسكو", "PLACE", "amal", "2026-03-02T00:00:00Z")
    _span(store, b, "b", AZ[1], "PLACE", "amal", "2026-03-02T08:00:00Z")
    _span(store, b, "b", AZ[0], "PLACE", "amal", "2026-03-02T08:01:00Z")
    _span(store, a, "a", AZ[0], "PLACE", "huda", "2026-03-02T12:00:00Z")  # the same mention again
    _span(store, c, "c", AZ[2], "PLACE", "huda", "2026-03-03T07:00:00Z")
    _span(store, c, "c", AZ[3], "PLACE", "huda", "2026-03-03T07:30:00Z")
    _status(store, a, "in_progress", _who(store, "amal"), "2026-03-01T09:00:00Z")
    _status(store, a, "done", _who(store, "amal"), "2026-03-02T18:00:00Z")
    _status(store, b, "in_progress", _who(store, "amal"), "2026-03-02T08:00:00Z")
    _status(store, c, "in_progress", _who(store, "huda"), "2026-03-03T07:00:00Z")
    _status(store, c, "done", _who(store, "huda"), "2026-03-03T09:00:00Z")
    return ids


def test_documents_are_counted_by_status(store, corpus):
    stats = corpus_statistics(store)
    assert stats["documents"] == 4
    assert stats["by_status"] == {"new": 1, "in_progress": 1, "done": 2, "skipped": 0}


def test_spans_are_counted_per_label_in_label_order_with_zeros(store, corpus):
    store.add_label("ORG", "منظمة")
    stats = corpus_statistics(store)
    assert stats["spans"] == 9
    assert list(stats["by_label"].items()) == [("ACTOR", 1), ("EVENT", 1), ("PLACE", 7), ("ORG", 0)]


def test_each_analyst_counts_the_documents_they_annotated_and_how_many_are_done(store, corpus):
    stats = corpus_statistics(store)
    assert stats["by_analyst"] == {
        "amal": {"documents": 2, "done": 1, "spans": 6},
        "huda": {"documents": 2, "done": 2, "spans": 3},
    }
    assert list(stats["by_analyst"]) == ["amal", "huda"]  # most spans first


def test_spans_and_done_documents_are_counted_per_analyst_per_utc_day(store, corpus):
    per_day = corpus_statistics(store)["per_day"]
    assert per_day["days"] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert per_day["spans"] == {
        "amal": {"2026-03-01": 3, "2026-03-02": 3},
        "huda": {"2026-03-02": 1, "2026-03-03": 2},
    }
    amal, huda = _who(store, "amal"), _who(store, "huda")
    if amal == huda:  # a team database logs every status change as the login
        assert per_day["done"] == {amal: {"2026-03-02": 1, "2026-03-03": 1}}
    else:
        assert per_day["done"] == {"amal": {"2026-03-02": 1}, "huda": {"2026-03-03": 1}}


def test_a_window_of_days_keeps_only_the_last_days(store, corpus):
    per_day = corpus_statistics(store, days=2, today=dt.date(2026, 3, 3))["per_day"]
    assert per_day["days"] == ["2026-03-02", "2026-03-03"]
    assert per_day["spans"]["amal"] == {"2026-03-02": 3}
    with pytest.raises(ValueError):
        corpus_statistics(store, days=0)


def test_top_names_fold_spelling_variants_and_show_the_most_frequent_spelling(store, corpus):
    top = corpus_statistics(store)["top_names"]
    # five mentions of Azerbaijan in four spellings (amal and huda on the same words count once)
    assert top["PLACE"][0] == {"text": AZ[0], "key": "اذربيجان", "count": 5, "spellings": 4}
    assert [(n["text"], n["count"]) for n in top["PLACE"][1:]] == [("موسكو", 1)]
    assert [(n["text"], n["count"]) for n in top["ACTOR"]] == [("الرئيس", 1)]


def test_top_names_are_cut_to_the_most_frequent(store):
    doc = store.insert_document("x", " ".join(f"مدينة{i}" for i in range(30)))
    assert doc is not None
    text = store.document(doc).text
    for i in range(30):
        start, end = _find(text, f"مدينة{i}")
        store.add_span(doc, start, end, "PLACE", "amal")
    places = corpus_statistics(store, top=5)["top_names"]["PLACE"]
    assert len(places) == 5
    assert corpus_statistics(store)["top_names"]["ACTOR"] == []


def test_spellings_fold_with_harakat_tatweel_and_spaces():
    assert name_key("أذِربيـجان") == name_key("اذربيجان")
    assert name_key(" وزارة  الخارجية ") == name_key("وزاره الخارجيه")


def test_an_empty_corpus_has_zeros_and_the_statistics_are_json(store):
    stats = corpus_statistics(store)
    assert stats["documents"] == 0 and stats["spans"] == 0
    assert stats["by_status"] == {"new": 0, "in_progress": 0, "done": 0, "skipped": 0}
    assert stats["by_analyst"] == {}
    assert stats["per_day"] == {"days": [], "spans": {}, "done": {}}
    assert stats["top_names"] == {"ACTOR": [], "PLACE": []}
    assert json.loads(json.dumps(stats, ensure_ascii=False)) == stats
