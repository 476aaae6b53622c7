"""Review (adjudication into the gold layer) on both backends: items, decisions, commands."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from model import review, team
from model.commands import AcceptItems, RejectItems, SetReviewed
from model.errors import StoreError
from model.exporting import export_documents
from model.records import GOLD
from model.store import Store

TEXT = "وصل الوزير إلى موسكو أمس"
WAZIR = (4, 10, "ACTOR")  # الوزير
WASAL = (0, 3, "EVENT")  # وصل
MOSCOW = (15, 20, "PLACE")  # موسكو
AMS = (21, 24, "EVENT")  # أمس (only huda)


def two_analysts(store: Store) -> int:
    """Amal and Huda agree on وصل, الوزير, موسكو (and link الوزير as source of وصل); only Huda tags أمس."""
    doc = store.insert_document("d1", TEXT, "خبر")
    assert doc is not None
    ids = {}
    for who in ("amal", "huda"):
        for key in (WASAL, WAZIR, MOSCOW):
            span, _ = store.add_span(doc, *key, annotator=who)
            ids[who, key] = span.id
        store.link(ids[who, WASAL], ids[who, WAZIR], "source", annotator=who)
    store.add_span(doc, *AMS, annotator="huda")
    return doc


def test_items_are_agreed_when_every_analyst_has_them_and_open_until_decided(store):
    doc = two_analysts(store)
    items = review.items(store.spans(doc), store.rejected(doc))
    assert [(i.key, i.agreed) for i in items] == [
        (WASAL, True), (WAZIR, True), (MOSCOW, True), (AMS, False)
    ]
    assert [i.key for i in review.open_differences(items)] == [AMS]
    assert review.analysts(store.spans(doc)) == ["amal", "huda"]


def test_accept_copies_items_and_their_links_into_gold_and_undo_takes_them_out(store):
    doc = two_analysts(store)
    accept = AcceptItems(doc, [WASAL, WAZIR], reviewer="rana")
    change = accept.do(store)
    gold = [s for s in store.spans(doc) if s.annotator == GOLD]
    assert sorted(review.key_of(s) for s in gold) == sorted([WASAL, WAZIR])
    assert change.relations_changed and change.review_changed
    links = [r for r in store.relations(doc) if r.annotator == GOLD]
    assert len(links) == 1 and links[0].role == "source"
    ids = {s.id: review.key_of(s) for s in gold}
    assert (ids[links[0].event_id], ids[links[0].argument_id]) == (WASAL, WAZIR)
    accept.undo(store)
    assert not [s for s in store.spans(doc) if s.annotator == GOLD]
    assert not [r for r in store.relations(doc) if r.annotator == GOLD]
    accept.do(store)  # redo keeps the span ids
    assert sorted(s.id for s in store.spans(doc) if s.annotator == GOLD) == sorted(ids)


def test_a_link_is_accepted_once_its_second_end_is_in_gold(store):
    doc = two_analysts(store)
    AcceptItems(doc, [WAZIR]).do(store)
    assert not store.relations(doc) or not [r for r in store.relations(doc) if r.annotator == GOLD]
    AcceptItems(doc, [WASAL]).do(store)
    assert len([r for r in store.relations(doc) if r.annotator == GOLD]) == 1


def test_reject_decides_an_item_and_undo_reopens_it(store):
    doc = two_analysts(store)
    reject = RejectItems(doc, [AMS], reviewer="rana")
    reject.do(store)
    assert store.rejected(doc) == {AMS}
    assert not review.open_differences(review.items(store.spans(doc), store.rejected(doc)))
    reject.undo(store)
    assert store.rejected(doc) == set()
    # accepting a rejected item takes the rejection back; undo restores it
    reject.do(store)
    accept = AcceptItems(doc, [AMS])
    accept.do(store)
    assert store.rejected(doc) == set()
    accept.undo(store)
    assert store.rejected(doc) == {AMS}


def test_marked_reviewed_shows_in_the_document_summary_and_undo_clears_it(store):
    doc = two_analysts(store)
    mark = SetReviewed(doc, True, reviewer="rana")
    mark.do(store)
    assert store.document_summary(doc).reviewed
    assert store.reviewed(doc) is not None
    assert [s.reviewed for s in store.document_summaries()] == [True]
    mark.undo(store)
    assert not store.document_summary(doc).reviewed


def test_next_open_walks_the_differences_and_wraps():
    from model.records import Span

    spans = [
        Span(1, 1, 0, 3, "EVENT", "amal"),
        Span(2, 1, 5, 8, "ACTOR", "huda"),
        Span(3, 1, 10, 12, "PLACE", "amal"),
        Span(4, 1, 10, 12, "PLACE", "huda"),
    ]
    items = review.items(spans)
    first = review.next_open(items, 0)
    assert first is not None and first.key == (0, 3, "EVENT")
    second = review.next_open(items, 0, current=first.key)
    assert second is not None and second.key == (5, 8, "ACTOR")
    assert review.next_open(items, 5, current=second.key) == first  # wraps
    assert review.next_open(items, 5, backwards=True, current=second.key) == first
    assert review.next_open(review.items(spans, {first.key, second.key}), 0) is None


def test_gold_export_after_review_gives_exactly_the_accepted_spans(store, tmp_path: Path):
    doc = two_analysts(store)
    AcceptItems(doc, [WASAL, WAZIR, MOSCOW]).do(store)
    RejectItems(doc, [AMS]).do(store)
    out = tmp_path / "gold.jsonl"
    export_documents(store, out)
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert sorted((s["start"], s["end"], s["label"]) for s in line["spans"]) == sorted([WASAL, WAZIR, MOSCOW])
    assert len(line["relations"]) == 1


def _as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def test_an_annotator_on_a_team_database_cannot_write_gold_or_decisions(team_url: str):
    with Store(team_url) as lead:
        doc = two_analysts(lead)
        assert lead.can_write_gold()
    team.add(team_url, "sami", "annotator")
    with Store(_as_user(team_url, "sami")) as sami:
        assert not sami.can_write_gold()
        with pytest.raises(StoreError):
            AcceptItems(doc, [AMS]).do(sami)
        with pytest.raises(StoreError):
            RejectItems(doc, [AMS]).do(sami)
        with pytest.raises(StoreError):
            SetReviewed(doc, True).do(sami)
        assert not [s for s in sami.spans(doc) if s.annotator == GOLD]
        assert sami.rejected(doc) == set() and sami.reviewed(doc) is None


def test_the_tally_kept_edit_by_edit_agrees_with_a_fresh_count():
    import random

    from model.records import Span

    rng = random.Random(3)
    names = ["amal", "huda", "sami", GOLD]
    spans: dict[int, Span] = {}
    tally = review.Tally([], {(0, 2, "ACTOR")})
    for span_id in range(600):
        if spans and rng.random() < 0.35:
            gone = spans.pop(rng.choice(list(spans)))
            tally.remove(gone)
        else:
            start = rng.randrange(6)
            span = Span(span_id, 1, start, start + rng.randrange(1, 3), rng.choice(["ACTOR", "PLACE"]),
                        rng.choice(names))
            if any(review.key_of(s) == review.key_of(span) and s.annotator == span.annotator
                   for s in spans.values()):
                continue  # one span per analyst and item, as the store keeps them
            spans[span_id] = span
            tally.add(span)
        fresh = review.summary(spans.values(), {(0, 2, "ACTOR")})
        assert tally.open == fresh.open_keys
        assert tally.analysts == fresh.analysts
