"""The team database on a real PostgreSQL server: schema, analysts, and the permissions the server
enforces whatever program connects (raw SQL here, not Hashiya)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from model import team
from model.errors import EditError, SchemaError, UsageError
from model.pg import PgConnection, translate
from model.pgschema import SCHEMA_VERSION, version


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


@pytest.fixture
def team_db(pg_url: str) -> str:
    team.init(pg_url)
    team.add(pg_url, "amal", "annotator")
    team.add(pg_url, "badr", "annotator")
    team.add(pg_url, "rana", "reviewer")
    team.add(pg_url, "lina", "lead")
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(
            "INSERT INTO documents (ext_id, title, text, content_hash) "
            "VALUES ('d1', 'خبر', 'وصل الوزير إلى موسكو', 'h1')"
        )
    return pg_url


def span_as(url: str, user: str, start: int = 0, end: int = 3, annotator: str | None = None) -> int:
    with psycopg.connect(as_user(url, user), autocommit=True) as conn:
        if annotator is None:
            row = conn.execute(
                'INSERT INTO spans (doc_id, start, "end", label) VALUES (1, %s, %s, %s) RETURNING id',
                (start, end, "EVENT"),
            ).fetchone()
        else:
            row = conn.execute(
                'INSERT INTO spans (doc_id, start, "end", label, annotator) '
                "VALUES (1, %s, %s, %s, %s) RETURNING id",
                (start, end, "EVENT", annotator),
            ).fetchone()
        assert row is not None
        return int(row[0])


def test_init_makes_a_versioned_schema_and_a_second_init_changes_nothing(pg_url):
    team.init(pg_url)
    team.init(pg_url)
    conn = PgConnection(pg_url)
    assert version(conn) == SCHEMA_VERSION
    assert [row[0] for row in conn.execute("SELECT name FROM labels ORDER BY position")] == [
        "ACTOR", "EVENT", "PLACE"
    ]
    conn.close()


def test_a_span_belongs_to_the_login_that_made_it(team_db):
    span_as(team_db, "amal")
    with psycopg.connect(team_db) as conn:
        assert conn.execute("SELECT annotator FROM spans").fetchall() == [("amal",)]


def test_an_annotator_cannot_add_a_span_in_another_analysts_name(team_db):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        span_as(team_db, "badr", annotator="amal")


def test_an_annotator_cannot_change_or_delete_another_analysts_span(team_db):
    span_id = span_as(team_db, "amal")
    with psycopg.connect(as_user(team_db, "badr"), autocommit=True) as badr:
        moved = badr.execute('UPDATE spans SET "end" = 5 WHERE id = %s', (span_id,))
        assert moved.rowcount == 0
        deleted = badr.execute("DELETE FROM spans WHERE id = %s", (span_id,))
        assert deleted.rowcount == 0
        assert badr.execute("UPDATE spans SET annotator = 'badr' WHERE id = %s", (span_id,)).rowcount == 0
    with psycopg.connect(team_db) as conn:
        assert conn.execute('SELECT "end", annotator FROM spans').fetchall() == [(3, "amal")]


def test_an_annotator_changes_and_deletes_their_own_span(team_db):
    span_id = span_as(team_db, "amal")
    with psycopg.connect(as_user(team_db, "amal"), autocommit=True) as amal:
        assert amal.execute('UPDATE spans SET "end" = 4 WHERE id = %s', (span_id,)).rowcount == 1
        assert amal.execute("DELETE FROM spans WHERE id = %s", (span_id,)).rowcount == 1


def test_links_follow_the_same_rule(team_db):
    event = span_as(team_db, "amal", 0, 3)
    place = span_as(team_db, "amal", 15, 20)
    with psycopg.connect(as_user(team_db, "amal"), autocommit=True) as amal:
        amal.execute(
            "INSERT INTO relations (doc_id, event_id, argument_id, role) VALUES (1, %s, %s, 'place')",
            (event, place),
        )
    with psycopg.connect(as_user(team_db, "badr"), autocommit=True) as badr:
        assert badr.execute("DELETE FROM relations").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            badr.execute(
                "INSERT INTO relations (doc_id, event_id, argument_id, role, annotator) "
                "VALUES (1, %s, %s, 'target', 'amal')",
                (event, place),
            )


def test_a_reviewer_writes_the_gold_layer_and_an_annotator_does_not(team_db):
    span_as(team_db, "rana", annotator="gold")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        span_as(team_db, "amal", 4, 9, annotator="gold")


def test_only_a_lead_manages_labels_and_documents(team_db):
    with psycopg.connect(as_user(team_db, "amal"), autocommit=True) as amal:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute("INSERT INTO labels (name, color, position) VALUES ('X', '#000', 9)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute("DELETE FROM documents")
        assert amal.execute("UPDATE documents SET status = 'done'").rowcount == 1  # statuses: anyone
    with psycopg.connect(as_user(team_db, "lina"), autocommit=True) as lina:
        lina.execute("INSERT INTO labels (name, color, position) VALUES ('ORG', '#123456', 3)")


def test_a_lead_adds_analysts(team_db):
    team.add(as_user(team_db, "lina"), "sami", "annotator")
    assert ("sami", "annotator") in [(m.name, m.role) for m in team.members(team_db)]
    span_as(team_db, "sami")


def test_changing_an_analysts_role_replaces_the_old_one(team_db):
    team.add(team_db, "amal", "reviewer")
    span_as(team_db, "amal", annotator="gold")
    team.add(team_db, "amal", "annotator")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        span_as(team_db, "amal", 5, 9, annotator="gold")


def test_bad_names_and_roles_are_refused(team_db):
    with pytest.raises(UsageError, match="analyst name"):
        team.add(team_db, "Robert'); DROP TABLE spans;--", "annotator")
    with pytest.raises(UsageError, match="unknown role"):
        team.add(team_db, "omar", "boss")


def test_a_database_without_the_schema_is_refused_until_init(pg_url):
    with pytest.raises(SchemaError, match="team init"):
        team.add(pg_url, "amal", "annotator")


def test_a_newer_schema_is_refused(team_db):
    with psycopg.connect(team_db, autocommit=True) as admin:
        admin.execute("UPDATE settings SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaError, match="newer Hashiya"):
        team.members(team_db)


def test_statements_are_translated_once_for_postgresql():
    assert translate("SELECT * FROM t WHERE a = ? AND b LIKE '%x?' ESCAPE '\\'") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '%%x?' ESCAPE '\\'"
    )
    assert translate("BEGIN IMMEDIATE") == "BEGIN"
    ignored = "INSERT INTO s (k) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("INSERT OR IGNORE INTO s (k) VALUES (?)") == ignored


def test_without_psycopg_a_team_database_is_refused_with_what_to_install(monkeypatch):
    import sys

    from model.errors import StoreError
    from model.store import Store

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as in an environment made by hand without it
    with pytest.raises(StoreError, match=r"needs the psycopg package"):
        Store("postgresql://amal:secret@127.0.0.1:1/corpus")


def test_an_annotator_writes_notes_on_their_own_spans_and_on_documents(team_db):
    from model.store import Store

    mine = span_as(team_db, "amal")
    theirs = span_as(team_db, "badr")
    with Store(as_user(team_db, "amal")) as amal:
        amal.set_span_note(mine, "my note")
        amal.set_document_note(1, "doc note")
        with pytest.raises(EditError, match="only the analyst who made a span"):
            amal.set_span_note(theirs, "not mine")  # the spans policies leave their row untouched
        assert amal.span_note(mine) == "my note"
        assert amal.span_note(theirs) == ""
        assert amal.document_note(1) == "doc note"
