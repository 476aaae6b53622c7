"""Agreement between analysts (model.agreement), on both backends (the ``store`` fixture)."""

from __future__ import annotations

import random

import krippendorff
import pytest
from sklearn.metrics import cohen_kappa_score

from model.agreement import agreement, disagreements, overlap_matches, token_sequence
from model.assign import assign
from model.errors import UsageError
from model.records import Span
from model.store import Store

DOC1 = "زار الرئيس موسكو أمس"  # tokens: زار 0-3, الرئيس 4-10, موسكو 11-16, أمس 17-20
DOC2 = "وصل الوفد إلى بغداد"  # tokens: وصل 0-3, الوفد 4-9, إلى 10-13, بغداد 14-19


def tag(store: Store, doc_id: int, analyst: str, start: int, end: int, label: str) -> int:
    span, _ = store.add_span(doc_id, start, end, label, annotator=analyst)
    return span.id


def worked_example(store: Store) -> tuple[int, int]:
    """Two analysts on two short articles.

    amal  d1: EVENT زار, ACTOR الرئيس, PLACE موسكو; links زار→الرئيس source, زار→موسكو place
          d2: EVENT وصل, ACTOR الوفد, PLACE بغداد;   link  وصل→الوفد source
    huda  d1: EVENT زار, ACTOR الرئيس, PLACE «موسكو أمس» (11-20); links زار→الرئيس source,
              زار→«موسكو أمس» place
          d2: ACTOR الوفد, PLACE بغداد (no event)
    """
    d1 = store.insert_document("d1", DOC1)
    d2 = store.insert_document("d2", DOC2)
    assert d1 is not None and d2 is not None
    event = tag(store, d1, "amal", 0, 3, "EVENT")
    actor = tag(store, d1, "amal", 4, 10, "ACTOR")
    place = tag(store, d1, "amal", 11, 16, "PLACE")
    store.link(event, actor, "source", annotator="amal")
    store.link(event, place, "place", annotator="amal")
    event = tag(store, d2, "amal", 0, 3, "EVENT")
    actor = tag(store, d2, "amal", 4, 9, "ACTOR")
    tag(store, d2, "amal", 14, 19, "PLACE")
    store.link(event, actor, "source", annotator="amal")
    event = tag(store, d1, "huda", 0, 3, "EVENT")
    actor = tag(store, d1, "huda", 4, 10, "ACTOR")
    place = tag(store, d1, "huda", 11, 20, "PLACE")
    store.link(event, actor, "source", annotator="huda")
    store.link(event, place, "place", annotator="huda")
    tag(store, d2, "huda", 4, 9, "ACTOR")
    tag(store, d2, "huda", 14, 19, "PLACE")
    return d1, d2


def test_a_hand_worked_example(store):
    worked_example(store)
    report = agreement(store)
    assert report.analysts == ["amal", "huda"] and report.documents == 2 and report.units == 8
    (pair,) = report.pairs
    assert (pair.a, pair.b, pair.documents, pair.tokens) == ("amal", "huda", 2, 8)
    # Exact: amal has 6 spans, huda 5; the same start, end and label: EVENT زار, ACTOR الرئيس,
    # ACTOR الوفد, PLACE بغداد = 4. F1 = 2·4 / (6 + 5) = 8/11.
    assert pair.exact_all().f1 == pytest.approx(8 / 11)
    # per label: ACTOR 2 of 2 and 2 -> 1; EVENT 1 of 2 and 1 -> 2/3; PLACE 1 of 2 and 2 -> 1/2
    assert pair.exact["ACTOR"].f1 == 1.0
    assert pair.exact["EVENT"].f1 == pytest.approx(2 / 3)
    assert pair.exact["PLACE"].f1 == pytest.approx(1 / 2)
    # Overlap: موسكو (11-16) and «موسكو أمس» (11-20) share 5 characters, so PLACE matches 2 of 2
    # and 2 -> 1; all labels: 5 matched, F1 = 10/11.
    assert pair.overlap["PLACE"].f1 == 1.0
    assert pair.overlap_all().f1 == pytest.approx(10 / 11)
    # Tokens (8), amal then huda:
    #   d1: EVENT/EVENT, ACTOR/ACTOR, PLACE/PLACE, O/PLACE      d2: EVENT/O, ACTOR/ACTOR, O/O, PLACE/PLACE
    # observed 6/8 = 0.75; marginals amal E2 A2 P2 O2, huda E1 A2 P3 O2;
    # chance = (2·1 + 2·2 + 2·3 + 2·2) / 64 = 16/64 = 0.25; kappa = (0.75 - 0.25) / 0.75 = 2/3.
    assert pair.kappa() == pytest.approx(2 / 3)
    # PLACE or not: amal 2 tokens, huda 3, they differ on أمس only: observed 7/8,
    # chance (2·3 + 6·5) / 64 = 36/64; kappa = (56 - 36) / (64 - 36) = 5/7. ACTOR: identical -> 1.
    assert pair.kappa("PLACE") == pytest.approx(5 / 7)
    assert pair.kappa("ACTOR") == 1.0
    # Alpha: 8 units of 2 values; coincidences (each unit adds (x, y) and (y, x)):
    #   EE 2, AA 4, PP 4, OO 2, OP = PO = 1, EO = OE = 1; totals E 3, A 4, P 5, O 4, n = 16.
    #   observed disagreement 4; expected (16² - (9 + 16 + 25 + 16)) / 15 = 190/15;
    #   alpha = 1 - 4 / (190/15) = 1 - 60/190 = 13/19.
    assert report.alpha() == pytest.approx(13 / 19)
    # Links: amal 3, huda 2; only زار→الرئيس source is the same (huda's place is another span):
    # F1 = 2·1 / 5 = 0.4.
    assert (pair.links.matched, pair.links.a, pair.links.b) == (1, 3, 2)
    assert pair.links.f1 == pytest.approx(0.4)


def test_only_documents_both_annotated_count(store):
    worked_example(store)
    d3 = store.insert_document("d3", "قال الوزير في باريس")
    assert d3 is not None
    tag(store, d3, "amal", 4, 10, "ACTOR")  # only amal annotated d3
    (pair,) = agreement(store).pairs
    assert pair.documents == 2
    assert pair.exact_all().f1 == pytest.approx(8 / 11)
    # assigned to huda and done: huda annotated it too (and found nothing)
    assign(store, [d3], ["huda"])
    store.set_status(d3, "done")
    report = agreement(store)
    (pair,) = report.pairs
    assert pair.documents == 3 and report.documents == 3
    assert (pair.exact_all().a, pair.exact_all().b) == (7, 5)


def test_gold_is_left_out_unless_asked(store):
    d1, _ = worked_example(store)
    tag(store, d1, "gold", 4, 10, "ACTOR")
    assert agreement(store).analysts == ["amal", "huda"]
    report = agreement(store, include_gold=True)
    assert report.analysts == ["amal", "gold", "huda"]
    assert [(p.a, p.b, p.documents) for p in report.pairs] == [
        ("amal", "gold", 1), ("amal", "huda", 2), ("gold", "huda", 1)]


def test_labels_and_status_filters(store):
    _, d2 = worked_example(store)
    (pair,) = agreement(store, labels=["PLACE"]).pairs
    assert pair.labels == ["PLACE"]
    assert pair.exact_all().f1 == pytest.approx(1 / 2)
    assert pair.links.f1 is None  # no link joins two PLACE spans
    assert pair.kappa() == pytest.approx(5 / 7)
    store.set_status(d2, "done")
    (pair,) = agreement(store, status="done").pairs
    assert pair.documents == 1
    # d2 only: amal EVENT, ACTOR, PLACE; huda ACTOR, PLACE -> 2·2 / 5
    assert pair.exact_all().f1 == pytest.approx(4 / 5)
    with pytest.raises(UsageError, match="no label PERSON"):
        agreement(store, labels=["PERSON"])


def test_nothing_to_compare(store):
    report = agreement(store)
    assert report.empty and report.pairs == [] and report.alpha() is None
    d1 = store.insert_document("d1", DOC1)
    assert d1 is not None
    tag(store, d1, "amal", 0, 3, "EVENT")
    if store.dialect == "sqlite":  # on a team database a span without a name is the login's
        tag(store, d1, "", 4, 10, "ACTOR")  # no one's
    report = agreement(store)
    assert report.empty and report.analysts == ["amal"]
    assert report.to_json()["alpha"]["all"] is None


def test_the_disagreements_behind_a_cell(store):
    worked_example(store)
    exact = list(disagreements(store, "amal", "huda", "PLACE", "exact"))
    assert [(d.ext_id, d.analyst, d.other, d.start, d.end, d.text) for d in exact] == [
        ("d1", "huda", "amal", 11, 20, "موسكو أمس"), ("d1", "amal", "huda", 11, 16, "موسكو")]
    assert list(disagreements(store, "amal", "huda", "PLACE", "overlap")) == []
    missing = list(disagreements(store, "amal", "huda", None, "overlap"))
    assert [(d.ext_id, d.analyst, d.label, d.text) for d in missing] == [("d2", "amal", "EVENT", "وصل")]
    tokens = list(disagreements(store, "amal", "huda", None, "token"))
    assert [(d.ext_id, d.analyst, d.text) for d in tokens] == [
        ("d1", "huda", "موسكو أمس"), ("d2", "amal", "وصل")]
    links = list(disagreements(store, "amal", "huda", kind="links"))
    assert [(d.ext_id, d.analyst, d.label, d.text, d.event) for d in links] == [
        ("d1", "amal", "place", "موسكو", (0, 3, "زار")),
        ("d1", "huda", "place", "موسكو أمس", (0, 3, "زار")),
        ("d2", "amal", "source", "الوفد", (0, 3, "وصل")),
    ]
    with pytest.raises(UsageError):
        list(disagreements(store, "amal", "huda", kind="fuzzy"))


def test_overlap_matching_is_one_to_one_by_largest_overlap():
    a = [Span(1, 1, 0, 10, "X"), Span(2, 1, 8, 12, "X")]
    b = [Span(3, 1, 6, 12, "X")]
    # 0-10 shares 4 with 6-12, 8-12 shares 4 too: a tie, the earlier of a's wins
    assert overlap_matches(a, b) == [(0, 0)]
    b = [Span(3, 1, 7, 12, "X"), Span(4, 1, 0, 3, "X")]
    # 0-10 shares 3 with 7-12 and 3 with 0-3; 8-12 shares 4 with 7-12: that goes first
    assert sorted(overlap_matches(a, b)) == [(0, 1), (1, 0)]
    # an exact match goes first among overlaps as large: 0-5 matches 0-5, not 0-10 listed before it
    a = [Span(1, 1, 0, 5, "X")]
    b = [Span(3, 1, 0, 10, "X"), Span(4, 1, 0, 5, "X")]
    assert overlap_matches(a, b) == [(0, 1)]


def test_a_token_under_two_spans_takes_the_longer_then_the_first():
    text = "وصل الوفد الرسمي"  # وصل 0-3, الوفد 4-9, الرسمي 10-16
    spans = [Span(1, 1, 4, 9, "PLACE"), Span(2, 1, 0, 9, "ACTOR"), Span(3, 1, 10, 16, "EVENT"),
             Span(4, 1, 11, 16, "PLACE")]
    assert token_sequence(text, spans) == ["ACTOR", "ACTOR", "EVENT"]
    tied = [Span(5, 1, 4, 9, "PLACE"), Span(6, 1, 4, 9, "ACTOR")]
    assert token_sequence(text, tied) == ["O", "PLACE", "O"]
    # a span inside a token (a clitic left out) labels the whole token
    assert token_sequence("بموسكو", [Span(7, 1, 1, 6, "PLACE")]) == ["PLACE"]


WORDS = ["زار", "الرئيس", "موسكو", "أمس", "وصل", "الوفد", "إلى", "بغداد", "،", "قال", "وزير", "الخارجية",
         "في", "بيان", "٣٫٥", "مليون", "."]
ANALYSTS = ("amal", "huda", "omar")


def random_corpus(store: Store, seed: int, documents: int = 12) -> dict[int, str]:
    """Random texts; each analyst annotates most documents with random spans (some overlapping,
    some inside a token), so that a few documents have one or two analysts only."""
    rng = random.Random(seed)
    texts: dict[int, str] = {}
    labels = store.label_names()
    for n in range(documents):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30)))
        doc_id = store.insert_document(f"r{n}", text)
        assert doc_id is not None
        texts[doc_id] = text
        for analyst in ANALYSTS:
            if rng.random() < 0.25:
                continue
            taken: set[tuple[int, int, str]] = set()
            for _ in range(rng.randint(1, 6)):
                start = rng.randrange(len(text) - 1)
                end = min(len(text), start + rng.randint(1, 12))
                key = (start, end, rng.choice(labels))
                if key not in taken:
                    taken.add(key)
                    store.add_span(doc_id, *key, annotator=analyst)
    return texts


def sequences(store: Store, texts: dict[int, str], who: tuple[str, ...]) -> list[list[str | None]]:
    """Per analyst, the token labels over the documents at least two of ``who`` annotated (None
    where that analyst did not annotate the document)."""
    rows: list[list[str | None]] = [[] for _ in who]
    for doc_id, text in texts.items():
        spans = store.spans(doc_id)
        present = [name for name in who if any(s.annotator == name for s in spans)]
        if len(present) < 2:
            continue
        for row, name in zip(rows, who, strict=True):
            mine = [s for s in spans if s.annotator == name]
            labels = token_sequence(text, mine)
            row.extend(labels if name in present else [None] * len(labels))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kappa_matches_scikit_learn_on_random_data(store, seed):
    texts = random_corpus(store, seed)
    report = agreement(store)
    for pair in report.pairs:
        a, b = sequences(store, texts, (pair.a, pair.b))
        assert len(a) == pair.tokens
        expected = cohen_kappa_score(a, b)
        assert pair.kappa() == pytest.approx(expected, abs=1e-12)
        for label in report.labels:
            binary = cohen_kappa_score([x == label for x in a], [y == label for y in b])
            assert pair.kappa(label) == pytest.approx(binary, abs=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_alpha_matches_the_krippendorff_package_on_random_data(store, seed):
    texts = random_corpus(store, seed)
    report = agreement(store)
    rows = sequences(store, texts, ANALYSTS)
    assert len(rows[0]) == report.units
    codes = {label: n for n, label in enumerate(["O", *report.labels])}
    data = [[float("nan") if x is None else codes[x] for x in row] for row in rows]
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report.alpha() == pytest.approx(expected, abs=1e-9)
    for label in report.labels:
        binary = [[float("nan") if x is None else float(x == label) for x in row] for row in rows]
        expected = krippendorff.alpha(reliability_data=binary, level_of_measurement="nominal")
        assert report.alpha(label) == pytest.approx(expected, abs=1e-9)


def test_the_same_numbers_on_both_backends(store):
    random_corpus(store, 7)
    report = agreement(store).to_json()
    with Store(":memory:") as reference:
        random_corpus(reference, 7)
        assert agreement(reference).to_json() == report


def test_reading_a_document_at_a_time_gives_the_same_numbers(store, monkeypatch):
    random_corpus(store, 5)
    whole = agreement(store).to_json()
    monkeypatch.setattr("model.agreement.BATCH", 1)
    assert agreement(store).to_json() == whole
