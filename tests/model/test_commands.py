from __future__ import annotations

import pytest

from model.commands import (
    AddSpan,
    LinkArgument,
    RelabelSpan,
    RemoveSpan,
    ResizeSpan,
    SetStatus,
    UnlinkArgument,
)

TEXT = "استدعت موسكو سفير أذربيجان في باكو."
#        0     6 7   12


@pytest.fixture
def doc(store) -> int:
    return store.insert_document("a", TEXT)


@pytest.fixture
def tagged(store, doc):
    """A document with an EVENT, two arguments and one relation."""
    event, _ = store.add_span(doc, 0, 6, "EVENT")
    actor, _ = store.add_span(doc, 7, 12, "ACTOR")
    place, _ = store.add_span(doc, 30, 34, "PLACE")
    store.link(event.id, actor.id, "source")
    return event, actor, place


def check_do_undo_redo(store, state, command):
    """do, undo and redo; undo gives back the state before, redo the state after do."""
    before = state(store)
    command.do(store)
    after = state(store)
    assert after != before
    command.undo(store)
    assert state(store) == before
    command.do(store)
    assert state(store) == after
    return after


def test_add_span_undo_and_redo_restore_state(store, state, doc):
    check_do_undo_redo(store, state, AddSpan(doc, 7, 12, "PLACE", "amal", span_text="موسكو"))


def test_add_span_redo_keeps_the_span_id(store, doc):
    command = AddSpan(doc, 7, 12, "PLACE")
    first = command.do(store).added[0].id
    command.undo(store)
    store.add_span(doc, 0, 6, "EVENT")  # something else takes the next free id
    assert command.do(store).added[0].id == first


def test_undo_of_first_span_returns_document_to_new(store, doc):
    command = AddSpan(doc, 7, 12, "PLACE")
    assert command.do(store).status_changed
    assert store.document(doc).status == "in_progress"
    assert command.undo(store).status_changed
    assert store.document(doc).status == "new"


def test_remove_span_undo_and_redo_restore_state(store, state, tagged):
    check_do_undo_redo(store, state, RemoveSpan(tagged[1].id))


def test_remove_span_undo_restores_its_relations(store, doc, tagged):
    _, actor, _ = tagged
    relations = store.relations(doc)
    command = RemoveSpan(actor.id)
    assert command.do(store).relations_changed
    assert store.relations(doc) == []
    command.undo(store)
    assert store.relations(doc) == relations
    assert store.span(actor.id) == actor


def test_remove_span_undo_keeps_a_status_set_by_hand(store, state, doc, tagged):
    SetStatus(doc, "new").do(store)
    check_do_undo_redo(store, state, RemoveSpan(tagged[2].id))
    assert store.document(doc).status == "new"


def test_relabel_undo_and_redo_restore_state(store, state, tagged):
    check_do_undo_redo(store, state, RelabelSpan(tagged[1].id, "PLACE"))


def test_resize_undo_and_redo_restore_state(store, state, tagged):
    after = check_do_undo_redo(store, state, ResizeSpan(tagged[2].id, 27, 34))
    assert any(row[2:4] == (27, 34) for row in after["spans"])


def test_link_argument_undo_and_redo_restore_state(store, state, tagged):
    event, _, place = tagged
    check_do_undo_redo(store, state, LinkArgument(event.id, place.id, "place"))


def test_unlink_argument_undo_and_redo_restore_state(store, state, doc, tagged):
    check_do_undo_redo(store, state, UnlinkArgument(store.relations(doc)[0].id))


def test_set_status_undo_and_redo_restore_state(store, state, doc):
    check_do_undo_redo(store, state, SetStatus(doc, "done"))


def test_command_text_names_the_edit(doc):
    assert AddSpan(doc, 7, 12, "PLACE", span_text="موسكو").text == "tag PLACE ‘موسكو’"
    assert SetStatus(doc, "in_progress").text == "mark in progress"


def test_add_spans_tags_every_range_in_one_step_and_undo_removes_them_all():
    from model.commands import AddSpans
    from model.store import Store

    store = Store(":memory:")
    text = "موسكو ثم بموسكو ثم موسكو"
    doc = store.insert_document("a", text)
    ranges = [(0, 5), (10, 15), (19, 24)]
    command = AddSpans(doc, ranges, "PLACE", "amal", "موسكو")
    change = command.do(store)
    assert [(s.start, s.end) for s in store.spans(doc)] == ranges
    assert {text[s.start : s.end] for s in change.added} == {"موسكو"}
    assert store.document(doc).status == "in_progress"
    assert command.text == "tag 3 × PLACE ‘موسكو’"
    command.undo(store)
    assert store.spans(doc) == []
    assert store.document(doc).status == "new"
    command.do(store)
    assert [s.id for s in store.spans(doc)] == [s.id for s in change.added]
