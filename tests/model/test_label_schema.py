"""The label schema the team owns: labels with keys, sub-types and descriptions, roles with the
labels they take; every edit a command with undo; both backends (the ``store`` fixture)."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from model import team
from model.commands import (
    AddLabel,
    DeleteLabel,
    MoveLabel,
    RenameLabel,
    ReorderLabels,
    SetRoles,
    UpdateLabel,
    UpdateRole,
)
from model.errors import EditError, StoreError
from model.records import DEFAULT_ROLE_SPECS, Label, Role
from model.store import Store

TEXT = "استدعت موسكو سفير أذربيجان في باكو."
# استدعت 0-6, موسكو 7-12, سفير 13-17, أذربيجان 18-26, باكو 30-34


@pytest.fixture
def doc(store) -> int:
    return store.insert_document("a", TEXT)


def names(store: Store) -> list[str]:
    return store.label_names()


# ---- reading ------------------------------------------------------------------------------


def test_a_new_database_has_keyed_labels_and_the_default_roles(store):
    assert [(x.name, x.key, x.parent) for x in store.labels()] == [
        ("ACTOR", 1, ""), ("EVENT", 2, ""), ("PLACE", 3, "")
    ]
    assert tuple(store.roles()) == DEFAULT_ROLE_SPECS


def test_an_old_database_migrates_keys_for_its_first_nine_labels_and_gains_roles(tmp_path):
    from sqlite_utils import Database

    from model import schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    db = Database(conn)
    for version, step in enumerate(schema.MIGRATIONS[:11]):  # as version 11 left it
        step(db)
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.executemany(
        "INSERT INTO labels (name, title, color, position) VALUES (?, '', '#123456', ?)",
        [(f"L{n}", n + 3) for n in range(8)],
    )
    conn.execute("COMMIT")
    conn.close()
    with Store(path) as store:
        keys = {label.name: label.key for label in store.labels()}
        assert keys["ACTOR"] == 1 and keys["PLACE"] == 3 and keys["L5"] == 9
        assert keys["L6"] is None and keys["L7"] is None
        assert [role.name for role in store.roles()] == ["source", "target", "place"]


# ---- adding and changing ------------------------------------------------------------------


def test_a_label_is_added_with_the_lowest_free_key_a_parent_and_a_description(store):
    person = store.add_label("PERSON", "شخص", "#aa0000", parent="ACTOR", description="A human being")
    assert person.key == 4 and person.parent == "ACTOR"
    assert store.label("PERSON") == person
    assert store.add_label("ORG", key=None).key is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "NEW LABEL", "strict": True}, "holds a space"),
        ({"name": "bad\x07", "strict": True}, "non-printable"),
        ({"name": " "}, "needs a name"),
        ({"name": "ACTOR"}, "already"),
        ({"name": "X", "key": 1}, "key 1 is already ACTOR's"),
        ({"name": "X", "key": 10}, "digit from 1 to 9"),
        ({"name": "X", "color": "red"}, "#rrggbb"),
        ({"name": "X", "parent": "NOPE"}, "no label NOPE"),
        ({"name": "X", "parent": "EVENT"}, "EVENT has no sub-types"),
    ],
)
def test_a_bad_label_is_refused_with_a_clear_message_and_nothing_is_added(store, kwargs, message):
    with pytest.raises(EditError, match=message):
        store.add_label(**kwargs)
    assert names(store) == ["ACTOR", "EVENT", "PLACE"]


def test_a_sub_type_cannot_have_sub_types_and_a_parent_cannot_become_one(store):
    store.add_label("PERSON", parent="ACTOR")
    with pytest.raises(EditError, match="itself a sub-type"):
        store.add_label("MINISTER", parent="PERSON")
    with pytest.raises(EditError, match="has sub-types"):
        store.update_label("ACTOR", parent="PLACE")


def test_update_label_changes_only_what_is_given_and_undo_puts_it_back(store):
    command = UpdateLabel("PLACE", title="موقع", color="#00ff00", key=None, description="Where")
    change = command.do(store)
    assert change.labels_changed
    assert store.label("PLACE") == Label("PLACE", "موقع", "#00ff00", 2, None, "", "Where")
    command.undo(store)
    assert store.label("PLACE") == Label("PLACE", "مكان", "#2ca02c", 2, 3)


def test_add_label_command_undo_and_redo_keep_the_same_label(store):
    command = AddLabel("PERSON", "شخص", "#aa0000", parent="ACTOR", description="d")
    command.do(store)
    added = store.label("PERSON")
    command.undo(store)
    assert "PERSON" not in names(store)
    command.do(store)
    assert store.label("PERSON") == added


def test_undoing_an_added_label_never_takes_spans_tagged_with_it_since(store, doc):
    command = AddLabel("ORG")
    command.do(store)
    store.add_span(doc, 0, 5, "ORG", "huda")  # another window or analyst tags with it meanwhile
    with pytest.raises(EditError, match="ORG has 1 span in 1 document now; it stays"):
        command.undo(store)
    assert "ORG" in names(store)
    assert [span.label for span in store.spans(doc)] == ["ORG"]


# ---- renaming -----------------------------------------------------------------------------


def test_renaming_a_label_renames_every_span_decision_sub_type_and_role_list(store, doc):
    store.add_label("PERSON", parent="ACTOR")
    span, _ = store.add_span(doc, 13, 17, "ACTOR", annotator="amal")
    other, _ = store.add_span(doc, 18, 26, "ACTOR", annotator="badr")
    store.reject(doc, [(18, 26, "ACTOR")])
    command = RenameLabel("ACTOR", "AGENT")
    command.do(store)
    assert {s.label for s in store.spans(doc)} == {"AGENT"}
    assert store.rejected(doc) == {(18, 26, "AGENT")}
    assert store.label("PERSON").parent == "AGENT"
    assert store.roles()[0].labels == ("AGENT",)
    assert store.label("AGENT").key == 1
    command.undo(store)
    assert [s.label for s in store.spans(doc)] == ["ACTOR", "ACTOR"]
    assert [s.id for s in store.spans(doc)] == [span.id, other.id]
    assert store.rejected(doc) == {(18, 26, "ACTOR")}
    assert store.label("PERSON").parent == "ACTOR"
    assert store.roles()[0].labels == ("ACTOR",)


def test_event_keeps_its_name_and_cannot_be_deleted(store):
    with pytest.raises(EditError, match="cannot be renamed"):
        store.rename_label("EVENT", "HAPPENING")
    with pytest.raises(EditError, match="cannot be deleted"):
        store.delete_label("EVENT")
    with pytest.raises(EditError, match="already"):
        store.rename_label("ACTOR", "PLACE")


# ---- ordering -----------------------------------------------------------------------------


def test_moving_a_label_reorders_and_undo_restores_the_order(store):
    command = MoveLabel(names(store), "PLACE", -1)
    assert command is not None
    command.do(store)
    assert names(store) == ["ACTOR", "PLACE", "EVENT"]
    assert store.label("PLACE").key == 3  # keys are the labels' own, not their places
    command.undo(store)
    assert names(store) == ["ACTOR", "EVENT", "PLACE"]
    assert MoveLabel(names(store), "ACTOR", -1) is None
    with pytest.raises(EditError, match="every label once"):
        ReorderLabels(["ACTOR", "EVENT"]).do(store)


# ---- deleting -----------------------------------------------------------------------------


def test_deleting_a_label_in_use_takes_its_spans_links_notes_and_undo_brings_them_back(store, state, doc):
    event, _ = store.add_span(doc, 0, 6, "EVENT", annotator="amal")
    place, _ = store.add_span(doc, 7, 12, "PLACE", annotator="amal")
    store.add_span(doc, 30, 34, "PLACE", annotator="badr")
    store.link(event.id, place.id, "place", annotator="amal")
    store.set_span_note(place.id, "عاصمة")
    store.reject(doc, [(30, 34, "PLACE")])
    before = state(store)
    history = store.history(doc)
    assert store.label_usage("PLACE") == (2, 1)
    command = DeleteLabel("PLACE")
    command.do(store)
    assert [s.label for s in store.spans(doc)] == ["EVENT"]
    assert store.relations(doc) == [] and store.rejected(doc) == set()
    assert "PLACE" not in names(store)
    assert store.roles()[2].labels == ()
    command.undo(store)
    assert state(store) == before
    assert store.history(doc) == history  # ids, annotators and times as they were
    assert store.span_note(place.id) == "عاصمة"
    assert store.roles()[2].labels == ("PLACE",)
    assert store.rejected(doc) == {(30, 34, "PLACE")}
    assert store.label("PLACE").key == 3
    command.do(store)  # redo
    assert [s.id for s in store.spans(doc)] == [event.id]


def test_a_label_with_sub_types_is_deleted_only_after_them(store):
    store.add_label("PERSON", parent="ACTOR")
    with pytest.raises(EditError, match="has sub-types"):
        store.delete_label("ACTOR")
    store.delete_label("PERSON")
    store.delete_label("ACTOR")
    assert names(store) == ["EVENT", "PLACE"]


# ---- roles --------------------------------------------------------------------------------


def test_renaming_a_role_renames_its_links_and_undo_renames_them_back(store, doc):
    event, _ = store.add_span(doc, 0, 6, "EVENT")
    place, _ = store.add_span(doc, 7, 12, "PLACE")
    store.link(event.id, place.id, "place")
    roles = store.roles()
    command = UpdateRole(roles, "place", Role("location", "L", ("PLACE",), "Where", 2))
    command.do(store)
    assert [r.name for r in store.roles()] == ["source", "target", "location"]
    assert store.roles()[2].key == "L"
    assert [r.role for r in store.relations(doc)] == ["location"]
    command.undo(store)
    assert tuple(store.roles()) == DEFAULT_ROLE_SPECS
    assert [r.role for r in store.relations(doc)] == ["place"]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([Role("a", "S"), Role("b", "s")], "same key"),
        ([Role("a"), Role("a")], "same name"),
        ([Role("two words")], "no spaces"),
        ([Role("a", "SS")], "one letter"),
        ([Role("a", "", ("NOPE",))], "no label NOPE"),
    ],
)
def test_bad_roles_are_refused_and_the_roles_stay(store, roles, message):
    with pytest.raises(EditError, match=message):
        SetRoles(roles).do(store)
    assert tuple(store.roles()) == DEFAULT_ROLE_SPECS


def test_a_role_may_take_a_sub_type_and_the_list_follows_renames(store):
    store.add_label("PERSON", parent="ACTOR")
    roles = store.roles()
    store.set_roles([Role("source", "S", ("ACTOR", "PERSON")), *roles[1:]])
    store.rename_label("PERSON", "HUMAN")
    assert store.roles()[0].labels == ("ACTOR", "HUMAN")


# ---- a schema from another tool -----------------------------------------------------------


def test_apply_schema_adds_missing_labels_updates_existing_ones_and_merges_roles(store):
    merged = store.apply_schema(
        [
            Label("PERSON", "", "", 0, None, "ACTOR", "A person"),  # its parent comes after it
            Label("ACTOR", "", "#ff0000", 1, None, "", "Who acts"),
            Label("ORG", "منظمة", "#00aa00", 2, 1, "ACTOR"),  # key 1 is taken: the lowest free
        ],
        [Role("source", "", ("ACTOR", "PERSON")), Role("time", "T", (), "When")],
    )
    assert merged.labels_added == ("PERSON", "ORG")
    assert merged.labels_updated == ("ACTOR",)
    assert merged.roles_added == ("time",) and merged.roles_updated == ("source",)
    actor = store.label("ACTOR")
    assert (actor.color, actor.description, actor.title, actor.key) == ("#ff0000", "Who acts", "فاعل", 1)
    assert store.label("PERSON").parent == "ACTOR" and store.label("PERSON").key == 4
    assert store.label("ORG").key == 5 and store.label("ORG").color == "#00aa00"
    roles = {r.name: r for r in store.roles()}
    assert roles["source"].labels == ("ACTOR", "PERSON") and roles["source"].key == "S"
    assert roles["time"].key == ""  # T is target's
    assert store.apply_schema([Label("ACTOR", "", "", 0)], []).changed is False


def test_apply_schema_is_one_transaction(store):
    with pytest.raises(EditError):
        store.apply_schema([Label("NEW", "", "", 0), Label("BAD", "", "", 1, None, "NOPE")], [])
    assert names(store) == ["ACTOR", "EVENT", "PLACE"]


# ---- the team database ----------------------------------------------------------------------


def test_on_a_team_database_only_a_lead_changes_the_schema(pg_url):
    from tests.model.test_team_pg import as_user

    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    team.add(pg_url, "lina", "lead")
    with Store(as_user(pg_url, "amal")) as amal:
        assert not amal.can_edit_schema()
        assert [r.name for r in amal.roles()] == ["source", "target", "place"]
        with pytest.raises(StoreError, match="not allowed"):
            amal.add_label("ORG")
        with pytest.raises(StoreError, match="not allowed"):
            amal.set_roles([])
    with psycopg.connect(as_user(pg_url, "amal"), autocommit=True) as raw:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("UPDATE roles SET \"key\" = 'X'")
    with Store(as_user(pg_url, "lina")) as lina:
        assert lina.can_edit_schema()
        doc = lina.insert_document("d", TEXT)
        assert doc is not None
    with Store(as_user(pg_url, "amal")) as amal:
        amal.add_span(doc, 7, 12, "PLACE")  # amal's span: a lead's rename and delete reach it
    with Store(as_user(pg_url, "lina")) as lina:
        lina.rename_label("PLACE", "LOCATION")
        assert [(s.label, s.annotator) for s in lina.spans(doc)] == [("LOCATION", "amal")]
        command = DeleteLabel("LOCATION")
        command.do(lina)
        assert lina.spans(doc) == []
        command.undo(lina)
        assert [(s.label, s.annotator) for s in lina.spans(doc)] == [("LOCATION", "amal")]


def test_a_version_6_team_database_gains_keys_and_roles_when_migrated(pg_url):
    from tests.model.test_team_pg import as_user

    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    with psycopg.connect(pg_url, autocommit=True) as admin:  # as a version 6 database was
        admin.execute("DROP TABLE roles")
        admin.execute("DROP INDEX labels_by_key")
        for column in ('"key"', "parent", "description"):
            admin.execute(f"ALTER TABLE labels DROP COLUMN {column}")
        admin.execute("INSERT INTO labels (name, title, color, position) VALUES ('ORG', '', '#123456', 3)")
        admin.execute("UPDATE settings SET value = '6' WHERE key = 'schema_version'")
    team.init(pg_url)  # the owner brings it up to date
    with Store(as_user(pg_url, "amal")) as amal:
        keys = [(x.name, x.key) for x in amal.labels()]
        assert keys == [("ACTOR", 1), ("EVENT", 2), ("PLACE", 3), ("ORG", 4)]
        assert tuple(amal.roles()) == DEFAULT_ROLE_SPECS


def test_a_schema_read_from_another_tool_widens_a_role_never_narrows_it(store):
    store.apply_schema([Label("PER", "", "#123456", 0), Label("LOC", "", "#654321", 0)],
                       [Role("source", "", ("PER",)), Role("place", "", ("LOC",))])
    roles = {role.name: role.labels for role in store.roles()}
    assert roles["source"] == ("ACTOR", "PER")  # an actor is still a source after the import
    assert roles["place"] == ("PLACE", "LOC")
    store.apply_schema([], [Role("target", "", ())])  # a role taking any label there
    assert {role.name: role.labels for role in store.roles()}["target"] == ()
