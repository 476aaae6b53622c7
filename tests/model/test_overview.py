"""The corpus overview: a label's spans page by page, grouped by normalised text, and the
inconsistencies; relabelling and deleting many spans as one undoable step."""

from __future__ import annotations

from model import overview
from model.commands import RelabelSpans, RemoveSpans
from model.search import update_index
from model.store import Store

TEXTS = [
    "زار الوزير أذربيجان أمس، وقال إن أذربيجان شريك.",
    "وصل الرئيس إلى اذربيجان في زيارة رسمية.",
    "تقع آذربيجان على بحر قزوين، وعاصمتها باكو.",
    "عقدت القمة في باكو دون ذكر اذربيجان بالاسم.",
]


def tag(store: Store, doc_id: int, word: str, label: str, annotator: str = "amal", nth: int = 0) -> int:
    text = store.document(doc_id).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    span, _ = store.add_span(doc_id, start, start + len(word), label, annotator)
    return span.id


def corpus(store: Store) -> list[int]:
    docs = [store.insert_document(f"d{i}", text) for i, text in enumerate(TEXTS)]
    ids = [d for d in docs if d is not None]
    tag(store, ids[0], "أذربيجان", "PLACE")
    tag(store, ids[0], "أذربيجان", "PLACE", "badr", nth=1)
    tag(store, ids[1], "اذربيجان", "PLACE", "badr")
    tag(store, ids[2], "آذربيجان", "PLACE")
    tag(store, ids[2], "باكو", "PLACE")
    tag(store, ids[1], "الرئيس", "ACTOR")
    tag(store, ids[0], "الوزير", "ACTOR")
    tag(store, ids[3], "باكو", "ACTOR")  # the same name under another label
    update_index(store)
    return ids


def many_spans(store: Store, n: int) -> list[int]:
    text = " ".join(f"كلمة{i}" for i in range(n))
    doc = store.insert_document("many", text)
    assert doc is not None
    ranges, at = [], 0
    for i in range(n):
        word = f"كلمة{i}"
        ranges.append((at, at + len(word)))
        at += len(word) + 1
    spans, _ = store.add_spans(doc, ranges, "PLACE", "amal")
    return [s.id for s in spans]


def test_pages_follow_each_other_in_id_order(store: Store) -> None:
    ids = many_spans(store, 250)
    assert overview.count_spans(store, "PLACE") == 250
    seen: list[int] = []
    after = None
    while True:
        page = overview.read_spans(store, "PLACE", after=after, limit=60)
        if not page:
            break
        seen += [row.id for row in page]
        after = page[-1].key("id")
    assert seen == sorted(ids)
    jumped = overview.read_spans(store, "PLACE", limit=10, skip=200)
    assert [row.id for row in jumped] == sorted(ids)[200:210]
    after_50 = overview.read_spans(store, "PLACE", after=(sorted(ids)[49],), limit=5, skip=100)
    assert [row.id for row in after_50] == sorted(ids)[150:155]
    backwards = overview.read_spans(store, "PLACE", limit=3, skip=10, descending=True)
    assert [row.id for row in backwards] == sorted(ids, reverse=True)[10:13]
    assert overview.read_spans(store, "PLACE", limit=10, skip=250) == []


def test_pages_sorted_by_analyst_then_id_and_backwards(store: Store) -> None:
    corpus(store)
    rows = overview.read_spans(store, "PLACE", order="analyst", limit=100)
    assert [(r.annotator, r.id) for r in rows] == sorted((r.annotator, r.id) for r in rows)
    first = overview.read_spans(store, "PLACE", order="analyst", limit=2)
    rest = overview.read_spans(store, "PLACE", order="analyst", after=first[-1].key("analyst"), limit=100)
    assert [r.id for r in first + rest] == [r.id for r in rows]
    down = overview.read_spans(store, "PLACE", order="analyst", limit=100, descending=True)
    assert [r.id for r in down] == [r.id for r in reversed(rows)]
    by_text = overview.read_spans(store, "PLACE", order="text", limit=2)
    more = overview.read_spans(store, "PLACE", order="text", after=by_text[-1].key("text"), limit=100)
    assert len({r.id for r in by_text + more}) == 5


def test_a_row_holds_text_context_document_and_status(store: Store) -> None:
    ids = corpus(store)
    row = overview.read_spans(store, "PLACE", limit=1)[0]
    assert (row.doc_id, row.text, row.annotator, row.ext_id, row.status) == (
        ids[0], "أذربيجان", "amal", "d0", "in_progress"
    )
    assert row.normalised == "اذربيجان"
    assert "⟦أذربيجان⟧" in row.context and "الوزير" in row.context


def test_filter_finds_every_spelling_of_a_name(store: Store) -> None:
    corpus(store)
    found = overview.find_spans(store, "PLACE", "أَذْرَبِيجَان")
    assert found.exhausted
    assert sorted(r.text for r in found.rows) == sorted(["أذربيجان", "أذربيجان", "اذربيجان", "آذربيجان"])
    bounded = overview.find_spans(store, "PLACE", "اذربيجان", scan=2)
    assert not bounded.exhausted and bounded.scanned == 2
    rest = overview.find_spans(store, "PLACE", "اذربيجان", after=bounded.after)
    assert len(bounded.rows) + len(rest.rows) == 4


def test_grouping_folds_spelling_variants_into_one_row(store: Store) -> None:
    ids = corpus(store)
    result = overview.analyse(store, "PLACE")
    top = result.groups[0]
    assert top.key == "اذربيجان"
    assert (top.spans, top.documents) == (4, 3)
    assert set(top.spellings) == {"أذربيجان", "اذربيجان", "آذربيجان"}
    assert top.spelling_list[0] == "أذربيجان"
    assert [g.key for g in result.groups] == ["اذربيجان", "باكو"]
    assert len(top.span_ids) == 4
    assert overview.count_spans(store, "PLACE") == sum(g.spans for g in result.groups)
    assert ids


def test_inconsistencies_other_label_and_untagged_mentions(store: Store) -> None:
    ids = corpus(store)
    result = overview.analyse(store, "PLACE")
    assert [(c.key, c.labels) for c in result.conflicts] == [("باكو", (("ACTOR", 1), ("PLACE", 1)))]
    untagged = {u.key: u for u in result.untagged}
    # اذربيجان is in the fourth article with no span; باكو is tagged (as ACTOR) wherever it is
    assert untagged["اذربيجان"].untagged == (ids[3],)
    assert untagged["اذربيجان"].tagged_documents == 3
    assert "باكو" not in untagged
    # bounded: only the first three documents containing it are read, and they are all tagged
    assert overview.analyse(store, "PLACE", untagged_documents=3).untagged == []
    assert overview.analyse(store, "PLACE", untagged_groups=0).untagged == []


def test_relabel_many_is_one_step_that_undoes(store: Store, state) -> None:  # type: ignore[no-untyped-def]
    ids = corpus(store)
    group = overview.analyse(store, "PLACE").groups[0]
    before = state(store)
    command = RelabelSpans(list(group.span_ids), "ACTOR", focus=ids[1], what=group.key)
    change = command.do(store)
    assert command.applied and command.documents == set(ids[:3])
    assert change.doc_id == ids[1] and [s.label for s in change.added] == ["ACTOR"]
    assert overview.count_spans(store, "PLACE") == 1
    assert {store.span(i).label for i in group.span_ids} == {"ACTOR"}
    command.undo(store)
    assert not command.applied
    assert state(store) == before
    command.do(store)  # redo keeps the ids
    assert {store.span(i).label for i in group.span_ids} == {"ACTOR"}


def test_delete_many_undo_restores_ids_labels_and_links(store: Store, state) -> None:  # type: ignore[no-untyped-def]
    ids = corpus(store)
    event = tag(store, ids[1], "زيارة", "EVENT")
    place = next(r.id for r in overview.read_spans(store, "PLACE", limit=10) if r.doc_id == ids[1])
    actor = next(r.id for r in overview.read_spans(store, "ACTOR", limit=10) if r.doc_id == ids[1])
    store.link(event, place, "place", annotator="amal")
    store.link(event, actor, "source", annotator="amal")
    before = state(store)
    targets = [place, event, actor]
    command = RemoveSpans(targets, focus=ids[1])
    change = command.do(store)
    assert change.relations_changed and len(change.removed) == 3
    assert store.relations(ids[1]) == []
    command.undo(store)
    assert state(store) == before
    command.do(store)
    assert all(r.id not in targets for r in overview.read_spans(store, "PLACE", limit=10))


def test_sorted_orders_are_computed_once_and_paged_by_id(store: Store) -> None:
    corpus(store)
    by_text = overview.sorted_ids(store, "PLACE", "text")
    rows = overview.read_by_ids(store, by_text)
    assert [r.id for r in rows] == list(by_text)
    assert [(r.text, r.id) for r in rows] == sorted((r.text, r.id) for r in rows)
    folded = overview.read_by_ids(store, overview.sorted_ids(store, "PLACE", "normalised"))
    assert [r.normalised for r in folded] == ["اذربيجان"] * 4 + ["باكو"]
    down = overview.sorted_ids(store, "PLACE", "analyst", descending=True)
    assert [r.annotator for r in overview.read_by_ids(store, down)] == ["badr"] * 2 + ["amal"] * 3
    by_doc = overview.read_by_ids(store, overview.sorted_ids(store, "PLACE", "document"))
    assert [r.doc_id for r in by_doc] == sorted(r.doc_id for r in by_doc)
    found = overview.find_in(store, by_text, "باكو")
    assert [r.text for r in found.rows] == ["باكو"] and found.exhausted
    part = overview.find_in(store, by_text, "اذربيجان", scan=3)
    assert part.after == (3,) and not part.exhausted


def test_a_label_pages_from_its_own_index(store: Store) -> None:
    if store.dialect == "sqlite":
        found = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'spans_by_label'").fetchone()
        plan = " ".join(
            str(row[-1])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM spans WHERE label = ? AND id > ? ORDER BY id LIMIT 100",
                ("PLACE", 0),
            )
        )
        assert "spans_by_label" in plan
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'spans_by_label'"
        found = store.conn.execute(sql).fetchone()
    assert found is not None and "label" in found[0]
