"""Merging analysts' SQLite files into a team database on a real PostgreSQL server: the rules of
the SQLite merge (documents by text, each analyst's spans kept apart, read-only sources checked
first), one transaction on the server, ids from its sequences, and a lead's work only."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import psycopg
import pytest

from model import team
from model.errors import CancelledError, InputError, StoreError
from model.merge import merge_databases
from model.store import Store, content_hash
from tests.model.test_merge import (
    AMAL_ONLY,
    HUDA_ONLY,
    SHARED,
    analyst_db,
    content,
    file_hash,
)


def admin_url(pg_cluster, url: str) -> str:
    return str(pg_cluster.url(urlsplit(url).path.lstrip("/")))


def test_a_team_database_ends_up_holding_what_an_sqlite_merge_holds(tmp_path, team_url, amal, huda):
    sqlite_target = tmp_path / "team.db"
    with Store(sqlite_target) as store:
        expected = merge_databases(store, [amal, huda])
    with Store(team_url) as store:
        got = merge_databases(store, [amal, huda])
    assert got == expected
    assert content(team_url) == content(sqlite_target)


def test_merging_the_same_files_twice_into_a_team_database_adds_nothing(team_url, amal, huda):
    with Store(team_url) as store:
        merge_databases(store, [amal, huda])
    once = content(team_url)
    with Store(team_url) as store:
        again = merge_databases(store, [huda, amal, amal])
    assert content(team_url) == once
    assert len(again.sources) == 2
    assert (again.documents_added, again.spans_added, again.relations_added) == (0, 0, 0)
    assert again.documents_matched == 4
    assert again.labels_added == []


def test_a_new_team_document_takes_the_source_status_and_a_taken_ext_id_is_made_unique(tmp_path, team_url):
    source = tmp_path / "amal.db"
    with Store(source) as store:
        for n, status in enumerate(("done", "skipped", "done")):
            store.insert_document(f"d{n}", f"نص رقم {n}", status=status)
        store.insert_document("taken", "نص لم يره الفريق", status="in_progress")
    with Store(team_url) as store:
        for n, status in enumerate(("new", "in_progress", "done")):
            store.insert_document(f"d{n}", f"نص رقم {n}", status=status)
        store.insert_document("taken", "نص آخر تماما تحت الاسم نفسه")
        report = merge_databases(store, [source])
        statuses = [store.document(i).status for i in store.document_ids()]
        assert statuses == ["done", "in_progress", "done", "new", "in_progress"]
        added = store.document(store.find_by_hash(content_hash("نص لم يره الفريق")) or 0)
        assert added.ext_id == "taken-2"
    assert (report.statuses_taken, report.statuses_differ) == (1, 1)
    assert (report.documents_added, report.documents_matched) == (1, 3)


@pytest.mark.parametrize("kind", ["newer", "foreign", "not-a-database", "missing"])
def test_a_file_that_cannot_be_merged_leaves_the_team_database_unchanged(tmp_path, team_url, amal, kind):
    bad = tmp_path / "handed-in.db"
    if kind == "newer":
        Store(bad).close()
        with sqlite3.connect(bad) as conn:
            conn.execute("PRAGMA user_version = 999")
        conn.close()
    elif kind == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
    elif kind == "not-a-database":
        bad.write_text("documents, spans and relations " * 40, encoding="utf-8")
    with Store(team_url) as store:
        store.insert_document("x", "نص موجود من قبل")
    before = content(team_url)
    with Store(team_url) as store, pytest.raises(InputError) as caught:
        merge_databases(store, [amal, bad])
    assert str(caught.value).startswith(f"{bad}: ")
    assert "\n" not in str(caught.value)
    assert content(team_url) == before


def test_an_annotator_merging_is_refused_in_one_line_and_nothing_changes(pg_cluster, team_url, amal, huda):
    admin = admin_url(pg_cluster, team_url)
    team.add(admin, "amal", "annotator")
    url = pg_cluster.url(urlsplit(team_url).path.lstrip("/"), user="amal")
    before = content(team_url)
    with Store(url) as store, pytest.raises(StoreError) as caught:
        merge_databases(store, [amal, huda])
    message = str(caught.value)
    assert "not allowed" in message and "lead" in message
    assert "\n" not in message
    assert content(team_url) == before


def test_an_annotator_is_refused_even_when_every_span_is_in_their_own_name(pg_cluster, team_url, tmp_path):
    own = analyst_db(tmp_path / "amal.db", own=AMAL_ONLY, annotator="amal")
    with Store(team_url) as store:  # the lead has both articles already: nothing but spans to add
        store.insert_document("shared", SHARED)
        store.insert_document("own", AMAL_ONLY)
    team.add(admin_url(pg_cluster, team_url), "amal", "annotator")
    before = content(team_url)
    url = pg_cluster.url(urlsplit(team_url).path.lstrip("/"), user="amal")
    with Store(url) as store, pytest.raises(StoreError, match="lead"):
        merge_databases(store, [own])
    assert content(team_url) == before


def test_merged_rows_take_their_ids_from_the_sequences(pg_cluster, team_url, amal, huda):
    with Store(team_url) as store:
        merge_databases(store, [amal])
        top = store.conn.execute("SELECT max(id) FROM spans").fetchone()[0]
    # another analyst's window adds a span meanwhile, through the server's default
    with psycopg.connect(admin_url(pg_cluster, team_url), autocommit=True) as other:
        other.execute(
            'INSERT INTO spans (doc_id, start, "end", label, annotator) '
            "SELECT id, 0, 3, 'ACTOR', 'badr' FROM documents ORDER BY id LIMIT 1"
        )
    with Store(team_url) as store:
        merge_databases(store, [huda])
        doc = store.find_by_hash(content_hash(HUDA_ONLY))
        assert doc is not None
        span, _ = store.add_span(doc, 0, 4, "ACTOR")  # after the merge: no id clash
        event, _ = store.add_span(doc, 5, 10, "EVENT")
        store.link(event.id, span.id, "source")
        new_doc = store.insert_document("later", "خبر جديد بعد الدمج")
        ids = [row[0] for row in store.conn.execute("SELECT id FROM spans ORDER BY id")]
        assert len(ids) == len(set(ids)) == 3 + 1 + 4 + 2  # amal's, badr's, huda's, and these two
        merged = [i for i in ids if i not in (span.id, event.id)]
        assert top < max(merged) < span.id < event.id
        assert new_doc is not None and new_doc > max(store.document_ids()[:-1])


def test_the_sources_are_left_byte_for_byte_as_they_were(team_url, amal, huda):
    before = {path: file_hash(path) for path in (amal, huda)}
    with Store(team_url) as store:
        merge_databases(store, [amal, huda])
    assert {path: file_hash(path) for path in (amal, huda)} == before


def test_cancelling_a_merge_into_a_team_database_keeps_nothing(team_url, amal, huda):
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total // 2

    with Store(team_url) as store, pytest.raises(CancelledError):
        merge_databases(store, [amal, huda], progress)
    with Store(team_url) as store:
        assert store.document_count() == 0
        assert store.stats()["spans"] == 0
        assert "PER" not in store.label_names()
    assert calls and calls[0][0] == 0


def test_progress_reaches_the_total_and_a_cancel_stops_the_copy(tmp_path, team_url):
    source = tmp_path / "big.db"
    with Store(source) as store:
        with store.transaction():
            for n in range(5000):
                store.insert_document(f"d{n}", f"خبر رقم {n} من موسكو")
    calls: list[tuple[int, int]] = []

    def cancel_on_the_second_call(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) == 1

    with Store(team_url) as store:
        with pytest.raises(CancelledError):
            merge_databases(store, [source], cancel_on_the_second_call)
        assert store.document_count() == 0
        assert calls == [(0, 5000), (0, 5000)]  # the second came while the documents were copied
        seen: list[tuple[int, int]] = []
        merge_databases(store, [source], lambda done, total: seen.append((done, total)) or True)
        assert seen[-1] == (5000, 5000)
        assert store.document_count() == 5000


def test_a_nameless_span_the_analyst_also_holds_in_their_name_is_merged_once(tmp_path, team_url):
    path = analyst_db(tmp_path / "amal.db", own=AMAL_ONLY, setting="amal")
    with Store(path) as store:
        doc = store.find_by_hash(content_hash(SHARED))
        assert doc is not None
        start = SHARED.index("موسكو")
        store.add_span(doc, start, start + len("موسكو"), "PLACE", "amal")  # and once without a name
    with Store(team_url) as store:
        report = merge_databases(store, [path])
        assert store.stats()["by_annotator"] == {"amal": 3}
    assert (report.spans_added, report.relations_added) == (3, 1)


def test_a_file_handed_in_again_with_more_work_adds_only_what_is_new(tmp_path, team_url):
    path = tmp_path / "amal.db"
    with Store(path) as store:
        store.set_setting("analyst", "amal")
        for n in range(10):
            store.insert_document(f"d{n}", f"خبر رقم {n} عن موسكو")
    with Store(team_url) as store:
        merge_databases(store, [path])
    with Store(path) as store:  # a week later: one more article, and a span on an old one
        late = store.insert_document("d10", "خبر متأخر عن باكو")
        assert late is not None
        store.add_span(late, 9, 13, "PLACE")
        store.add_span(1, 12, 17, "PLACE")
    with Store(team_url) as store:
        report = merge_databases(store, [path])
        late_doc = store.document(store.find_by_hash(content_hash("خبر متأخر عن باكو")) or 0)
        assert (late_doc.ext_id, late_doc.status) == ("d10", "in_progress")
        assert [(s.start, s.end, s.annotator) for s in store.spans(late_doc.id)] == [(9, 13, "amal")]
    assert (report.documents_added, report.documents_matched, report.spans_added) == (1, 10, 2)
    assert report.statuses_taken == 1  # d0 was new here and is in progress there
    assert content(team_url)["documents"] == content(path)["documents"]


def test_a_file_of_an_older_version_is_read_as_it_is_and_its_links_credited_to_its_analyst(
    tmp_path, team_url
):
    from sqlite_utils import Database

    from model.schema import MIGRATIONS

    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    for step in MIGRATIONS[:5]:
        step(Database(conn))
    conn.execute("PRAGMA user_version = 5")
    conn.execute(
        "INSERT INTO documents (ext_id, text, status, content_hash) VALUES ('o', ?, 'done', ?)",
        (SHARED, content_hash(SHARED)),
    )
    start = SHARED.index("موسكو")
    conn.execute("INSERT INTO spans (doc_id, start, \"end\", label) VALUES (1, 0, 6, 'EVENT')")
    conn.execute('INSERT INTO spans (doc_id, start, "end", label) VALUES (1, ?, ?, \'PLACE\')',
                 (start, start + 5))
    conn.execute("INSERT INTO relations (doc_id, event_id, argument_id, role) VALUES (1, 1, 2, 'place')")
    conn.close()
    before = file_hash(old)
    with Store(team_url) as store:
        report = merge_databases(store, [old])
        rows = store.conn.execute(
            "SELECT s.label, s.annotator, r.annotator FROM relations r JOIN spans s ON s.id = r.event_id"
        ).fetchall()
        assert rows == [("EVENT", "old", "old")]
    assert (report.documents_added, report.spans_added, report.relations_added) == (1, 2, 1)
    assert file_hash(old) == before
