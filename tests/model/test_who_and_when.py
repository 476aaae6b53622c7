"""Who did what and when: every span, link and status change carries its analyst and time, on
both backends (schema v7 on SQLite, v2 on PostgreSQL)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlite_utils import Database

from model import team
from model.commands import AddSpan, AddSpans, LinkArgument, RemoveSpan, SetStatus, UnlinkArgument
from model.schema import MIGRATIONS, SCHEMA_VERSION
from model.store import PgStore, Store, content_hash
from tests.model.test_team_pg import as_user

TEXT = "استدعت وزارة الخارجية السفير في موسكو يوم الأحد"
MOSCOW = (TEXT.index("موسكو"), TEXT.index("موسكو") + len("موسكو"))
SUMMONED = (0, len("استدعت"))
WHEN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def who(store: Store, name: str) -> str:
    """The name a store records for ``name``: on a team database, always the login."""
    return store.user if isinstance(store, PgStore) else name


@pytest.fixture
def doc(store: Store) -> int:
    doc_id = store.insert_document("d", TEXT)
    assert doc_id is not None
    return doc_id


def test_a_link_records_its_analyst_and_time(store, doc):
    event, _ = store.add_span(doc, *SUMMONED, "EVENT", who(store, "amal"))
    place, _ = store.add_span(doc, *MOSCOW, "PLACE", who(store, "amal"))
    relation = store.link(event.id, place.id, "place", annotator=who(store, "amal"))
    assert relation.annotator == who(store, "amal")
    assert store.relations(doc) == [relation]
    links = [e for e in store.history(doc) if e.kind == "link"]
    assert [(e.annotator, e.subject_id, e.detail) for e in links] == [
        (who(store, "amal"), relation.id, "place")
    ]
    assert WHEN.match(links[0].at)


def test_status_changes_are_logged_with_analyst_and_time(store, doc):
    store.add_span(doc, *MOSCOW, "PLACE", who(store, "amal"))  # new -> in progress, by itself
    store.set_status(doc, "done", who(store, "amal"))
    changes = store.status_changes(doc)
    assert [(status, name) for status, name, _ in changes] == [
        ("in_progress", who(store, "amal")),
        ("done", who(store, "amal")),
    ]
    assert all(WHEN.match(at) for _, _, at in changes)


def test_tagging_many_ranges_logs_the_first_status_change_once(store, doc):
    store.add_spans(doc, [SUMMONED, MOSCOW], "ACTOR", who(store, "amal"))
    store.add_span(doc, 7, 12, "PLACE", who(store, "amal"))  # already in progress: nothing to log
    assert [status for status, _, _ in store.status_changes(doc)] == ["in_progress"]


def test_history_lists_spans_links_and_statuses_with_who(store, doc):
    event, _ = store.add_span(doc, *SUMMONED, "EVENT", who(store, "amal"))
    place, _ = store.add_span(doc, *MOSCOW, "PLACE", who(store, "amal"))
    store.link(event.id, place.id, "place", annotator=who(store, "amal"))
    store.set_status(doc, "done", who(store, "amal"))
    events = store.history(doc)
    assert sorted((e.kind, e.detail) for e in events) == sorted([
        ("span", f"EVENT {SUMMONED[0]}-{SUMMONED[1]}"),
        ("span", f"PLACE {MOSCOW[0]}-{MOSCOW[1]}"),
        ("link", "place"),
        ("status", "in_progress"),
        ("status", "done"),
    ])
    assert {e.annotator for e in events} == {who(store, "amal")}
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_undo_and_redo_of_a_link_keep_its_id_and_analyst(store, doc):
    event, _ = store.add_span(doc, *SUMMONED, "EVENT", who(store, "amal"))
    place, _ = store.add_span(doc, *MOSCOW, "PLACE", who(store, "amal"))
    link = LinkArgument(event.id, place.id, "place", annotator=who(store, "amal"))
    link.do(store)
    first = store.relations(doc)
    link.undo(store)
    link.do(store)
    assert store.relations(doc) == first
    unlink = UnlinkArgument(first[0].id)
    unlink.do(store)
    unlink.undo(store)
    assert store.relations(doc) == first


def test_deleting_and_restoring_a_span_brings_back_its_links_analyst(store, doc):
    event, _ = store.add_span(doc, *SUMMONED, "EVENT", who(store, "amal"))
    place, _ = store.add_span(doc, *MOSCOW, "PLACE", who(store, "amal"))
    store.link(event.id, place.id, "place", annotator=who(store, "amal"))
    before, statuses = store.relations(doc), store.status_changes(doc)
    remove = RemoveSpan(place.id)
    remove.do(store)
    remove.undo(store)
    assert store.relations(doc) == before
    assert store.status_changes(doc) == statuses  # a restore changes no status


def test_undoing_the_first_span_logs_the_return_to_new(store, doc):
    add = AddSpan(doc, *MOSCOW, "PLACE", who(store, "amal"))
    add.do(store)
    add.undo(store)
    assert [s for s, _, _ in store.status_changes(doc)] == ["in_progress", "new"]
    many = AddSpans(doc, [SUMMONED], "ACTOR", who(store, "amal"))
    many.do(store)
    many.undo(store)
    assert [s for s, _, _ in store.status_changes(doc)] == ["in_progress", "new"] * 2
    assert store.document(doc).status == "new"


def test_set_status_command_logs_its_analyst_both_ways(store, doc):
    command = SetStatus(doc, "skipped", who(store, "amal"))
    command.do(store)
    command.undo(store)
    assert [(s, name) for s, name, _ in store.status_changes(doc)] == [
        ("skipped", who(store, "amal")),
        ("new", who(store, "amal")),
    ]


def test_a_version_6_database_gains_who_and_when_and_keeps_its_links(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    for version, step in enumerate(MIGRATIONS[:6], 1):
        step(db)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO documents (id, ext_id, text, content_hash, status) VALUES (1, 'd', ?, ?, 'in_progress')",
        (TEXT, content_hash(TEXT)),
    )
    conn.execute('INSERT INTO spans (id, doc_id, start, "end", label) VALUES (4, 1, 0, 6, \'EVENT\')')
    conn.execute('INSERT INTO spans (id, doc_id, start, "end", label) VALUES (5, 1, ?, ?, \'PLACE\')', MOSCOW)
    link = "INSERT INTO relations (id, doc_id, event_id, argument_id, role) VALUES (?, 1, 4, 5, 'place')"
    conn.execute(link, (9,))
    conn.execute("DELETE FROM relations WHERE id = 9")
    conn.execute(link, (8,))
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [old] = store.relations(1)
        assert (old.id, old.role, old.annotator) == (8, "place", "")  # unknown: made before v7
        new = store.link(4, 5, "target", annotator="amal")
        assert new.id == 10  # ids are never reused: 9 was given before the migration
        store.set_status(1, "done", "amal")
        assert [(s, n) for s, n, _ in store.status_changes(1)] == [("done", "amal")]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_on_a_team_database_an_analyst_logs_only_their_own_status_changes_and_never_edits_them(pg_url):
    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    team.add(pg_url, "lina", "lead")
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(
            "INSERT INTO documents (ext_id, title, text, content_hash) VALUES ('d1', 'خبر', %s, 'h1')",
            (TEXT,),
        )
    with Store(as_user(pg_url, "amal")) as amal:
        amal.set_status(1, "done", "someone-else")  # the login is recorded, whatever is asked
        assert [(s, n) for s, n, _ in amal.status_changes(1)] == [("done", "amal")]
    with psycopg.connect(as_user(pg_url, "amal"), autocommit=True) as raw:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("INSERT INTO status_changes (doc_id, status, annotator) VALUES (1, 'new', 'lina')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("UPDATE status_changes SET status = 'new'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute("DELETE FROM status_changes")
    with Store(as_user(pg_url, "lina")) as lina:
        lina.set_status(1, "skipped")
        assert [(s, n) for s, n, _ in lina.status_changes(1)] == [("done", "amal"), ("skipped", "lina")]
    with Store(as_user(pg_url, "amal")) as amal:
        assert [(s, n) for s, n, _ in amal.status_changes(1)] == [("done", "amal")]  # leads read all


def test_a_version_1_team_database_gains_the_status_log_when_migrated(pg_url):
    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    with psycopg.connect(pg_url, autocommit=True) as admin:  # as a version 1 database was
        admin.execute("DROP TABLE review_decisions")
        admin.execute("DROP TABLE reviews")
        admin.execute("DROP TABLE assignments")
        admin.execute("DROP TABLE status_changes")
        admin.execute("UPDATE settings SET value = '1' WHERE key = 'schema_version'")
        admin.execute(
            "INSERT INTO documents (ext_id, title, text, content_hash) VALUES ('d1', 'خبر', %s, 'h1')",
            (TEXT,),
        )
    team.init(pg_url)  # the owner brings it up to date
    with Store(as_user(pg_url, "amal")) as amal:
        amal.set_status(1, "done")
        assert [(s, n) for s, n, _ in amal.status_changes(1)] == [("done", "amal")]
        assert amal.document(1).text == TEXT
