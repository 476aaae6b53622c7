"""Merging analysts' databases: documents by text, each analyst's spans kept apart, read-only sources."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from model.errors import CancelledError, InputError, UsageError
from model.merge import merge_databases
from model.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from model.store import Store, content_hash

SHARED = "استدعت وزارة الخارجية السفير في موسكو يوم الأحد"
AMAL_ONLY = "وصل الوفد إلى باكو صباح الاثنين"
HUDA_ONLY = "أعلن الرئيس عن زيارة إلى القاهرة"


def _span(store: Store, doc_id: int, text: str, needle: str, label: str, annotator: str = "") -> int:
    start = text.index(needle)
    span, _ = store.add_span(doc_id, start, start + len(needle), label, annotator)
    return span.id


def analyst_db(path: Path, *, own: str, annotator: str = "", setting: str | None = None) -> Path:
    """An analyst's file: the shared article with an event linked to its place, and one of
    their own with an actor. ``annotator`` is what their spans record ('' as older files do)."""
    with Store(path) as store:
        if setting is not None:
            store.set_setting("analyst", setting)
        shared = store.insert_document("shared", SHARED, title="استدعاء")
        assert shared is not None
        event = _span(store, shared, SHARED, "استدعت", "EVENT", annotator)
        place = _span(store, shared, SHARED, "موسكو", "PLACE", annotator)
        store.link(event, place, "place")
        mine = store.insert_document(f"own-{path.stem}", own, meta={"by": path.stem})
        assert mine is not None
        _span(store, mine, own, own.split()[1], "ACTOR", annotator)
    return path


def amal_db(folder: Path) -> Path:
    """Amal's file: her spans carry no annotator; her name is in the settings."""
    return analyst_db(folder / "laptop-7.db", own=AMAL_ONLY, setting="amal")


def huda_db(folder: Path) -> Path:
    """Huda's file: her spans carry her name; a label of her own (PER) on her article."""
    path = analyst_db(folder / "huda.db", own=HUDA_ONLY, annotator="huda")
    with Store(path) as store:
        store.add_label("PER", "شخص", "#8c564b")
        doc = store.find_by_hash(content_hash(HUDA_ONLY))
        assert doc is not None
        _span(store, doc, HUDA_ONLY, "الرئيس", "PER", "huda")
    return path


def content(path: Path | str) -> dict[str, object]:
    """What a database holds, without its ids: documents by text, spans, relations, labels."""
    with Store(path) as store:
        docs, spans, relations = {}, set(), set()
        for doc in store.iter_documents():
            docs[doc.content_hash] = (doc.ext_id, doc.title, json.dumps(doc.meta), doc.status)
            keys = {}
            for s in store.spans(doc.id):
                keys[s.id] = (doc.content_hash, s.start, s.end, s.label, s.annotator)
                spans.add(keys[s.id])
            relations |= {(keys[r.event_id], keys[r.argument_id], r.role) for r in store.relations(doc.id)}
        labels = {(label.name, label.title, label.color) for label in store.labels()}
    return {"documents": docs, "spans": spans, "relations": relations, "labels": labels}


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database merged into: a new SQLite file, or a team database (as its lead)."""
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    return str(request.getfixturevalue("team_url"))


def test_two_analysts_spans_on_a_shared_article_are_both_kept_with_their_links(target, amal, huda):
    with Store(target) as store:
        report = merge_databases(store, [amal, huda])
        assert store.document_count() == 3
        shared = store.find_by_hash(content_hash(SHARED))
        assert shared is not None
        spans = store.spans(shared)
        assert sorted((s.label, SHARED[s.start : s.end], s.annotator) for s in spans) == [
            ("EVENT", "استدعت", "amal"),
            ("EVENT", "استدعت", "huda"),
            ("PLACE", "موسكو", "amal"),
            ("PLACE", "موسكو", "huda"),
        ]
        by_id = {s.id: s for s in spans}
        ends = [(by_id[r.event_id], by_id[r.argument_id], r.role) for r in store.relations(shared)]
        linked = sorted((event.annotator, argument.annotator, role) for event, argument, role in ends)
        assert linked == [("amal", "amal", "place"), ("huda", "huda", "place")]
        # a link is its analyst's, not the lead's who merged it
        owners = store.conn.execute("SELECT annotator FROM relations ORDER BY annotator").fetchall()
        assert [row[0] for row in owners] == ["amal", "huda"]
        assert store.stats()["by_annotator"] == {"huda": 4, "amal": 3}
        assert "PER" in store.label_names()
    amal_report, huda_report = report.sources
    assert (amal_report.analyst, amal_report.documents_added, amal_report.documents_matched) == ("amal", 2, 0)
    assert (huda_report.analyst, huda_report.documents_added, huda_report.documents_matched) == ("huda", 1, 1)
    assert (report.spans_added, report.relations_added) == (7, 2)
    assert report.labels_added == ["PER"]


def test_a_span_without_annotator_is_credited_to_the_files_analyst_setting_else_its_stem(tmp_path, amal):
    anonymous = analyst_db(tmp_path / "omar.db", own=HUDA_ONLY)  # no setting, no names
    target = tmp_path / "team.db"
    with Store(target) as store:
        report = merge_databases(store, [amal, anonymous])
        assert [source.analyst for source in report.sources] == ["amal", "omar"]
        assert store.stats()["by_annotator"] == {"amal": 3, "omar": 3}


def test_a_document_keeps_its_title_meta_and_status_and_a_taken_ext_id_is_made_unique(tmp_path, amal):
    target = tmp_path / "team.db"
    with Store(target) as store:
        store.insert_document("own-laptop-7", "نص آخر تماما تحت الاسم نفسه")
        merge_databases(store, [amal])
        doc = store.document(store.find_by_hash(content_hash(AMAL_ONLY)) or 0)
        assert (doc.ext_id, doc.meta, doc.status) == ("own-laptop-7-2", {"by": "laptop-7"}, "in_progress")
        shared = store.document(store.find_by_hash(content_hash(SHARED)) or 0)
        assert (shared.ext_id, shared.title) == ("shared", "استدعاء")


def test_merging_the_same_file_twice_adds_nothing_the_second_time(tmp_path, amal, huda):
    target = tmp_path / "team.db"
    with Store(target) as store:
        merge_databases(store, [amal, huda])
    once = content(target)
    with Store(target) as store:
        again = merge_databases(store, [huda, amal, amal])
    assert content(target) == once
    assert len(again.sources) == 2  # the same file given twice is read once
    assert (again.documents_added, again.spans_added, again.relations_added) == (0, 0, 0)
    assert again.documents_matched == 4


def test_the_order_of_the_sources_does_not_change_what_the_target_holds(tmp_path, amal, huda):
    one, other = tmp_path / "ab.db", tmp_path / "ba.db"
    with Store(one) as store:
        merge_databases(store, [amal, huda])
    with Store(other) as store:
        merge_databases(store, [huda])
        merge_databases(store, [amal])
    assert content(one) == content(other)


def test_a_new_target_document_takes_the_source_status_and_others_keep_theirs(tmp_path):
    source = tmp_path / "amal.db"
    with Store(source) as store:
        for n, status in enumerate(("done", "skipped", "done")):
            store.insert_document(f"d{n}", f"نص رقم {n}", status=status)
    target = tmp_path / "team.db"
    with Store(target) as store:
        for n, status in enumerate(("new", "in_progress", "done")):
            store.insert_document(f"d{n}", f"نص رقم {n}", status=status)
        report = merge_databases(store, [source])
        assert [store.document(i).status for i in store.document_ids()] == ["done", "in_progress", "done"]
    assert (report.statuses_taken, report.statuses_differ) == (1, 1)


def test_labels_the_source_uses_are_added_with_their_title_and_colour(tmp_path, huda):
    with Store(huda) as store:
        store.add_label("UNUSED", "غير مستعمل", "#000000")
    target = tmp_path / "team.db"
    with Store(target) as store:
        merge_databases(store, [huda])
        added = [label for label in store.labels() if label.name not in ("ACTOR", "EVENT", "PLACE")]
    assert [(label.name, label.title, label.color) for label in added] == [("PER", "شخص", "#8c564b")]


def test_sources_are_left_byte_for_byte_as_they_were(tmp_path, amal, huda):
    before = {path: file_hash(path) for path in (amal, huda)}
    with Store(tmp_path / "team.db") as store:
        merge_databases(store, [amal, huda])
    assert {path: file_hash(path) for path in (amal, huda)} == before


def _newer(path: Path) -> None:
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 3")
    conn.close()


def _not_a_database(path: Path) -> None:
    path.write_text("documents, spans and relations " * 40, encoding="utf-8")


def _missing(path: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_newer, "newer Hashiya"),
        (_foreign, "not a Hashiya database"),
        (_not_a_database, "not an SQLite database"),
        (_missing, "no such file"),
    ],
    ids=["newer", "foreign", "not-a-database", "missing"],
)
def test_a_file_that_cannot_be_merged_is_refused_by_name_and_the_target_is_unchanged(
    tmp_path, amal, make, message
):
    bad = tmp_path / "handed-in.db"
    make(bad)
    target = tmp_path / "team.db"
    with Store(target) as store:
        store.insert_document("x", "نص موجود من قبل")
    before = target.read_bytes()
    with Store(target) as store, pytest.raises(InputError, match=message) as caught:
        merge_databases(store, [amal, bad])
    assert str(caught.value).startswith(f"{bad}: ")
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == before


def test_a_source_of_an_older_version_is_read_and_not_migrated(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    db = Database(conn)
    for step in MIGRATIONS[:5]:
        step(db)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO documents (ext_id, text, status, content_hash) VALUES ('o', ?, 'done', ?)",
                 (SHARED, content_hash(SHARED)))
    conn.execute("INSERT INTO spans (doc_id, start, \"end\", label) VALUES (1, 0, 6, 'EVENT')")
    conn.close()
    before = file_hash(old)
    with Store(tmp_path / "team.db") as store:
        report = merge_databases(store, [old])
        assert [(s.label, s.annotator) for s in store.spans(1)] == [("EVENT", "old")]
    assert report.documents_added == 1
    assert file_hash(old) == before
    with sqlite3.connect(f"file:{old}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_cancelling_keeps_nothing_of_any_source(tmp_path, amal, huda):
    target = tmp_path / "team.db"
    Store(target).close()
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total // 2  # cancel halfway, after the first source's documents

    with Store(target) as store, pytest.raises(CancelledError):
        merge_databases(store, [amal, huda], progress)
    with Store(target) as store:
        assert store.document_count() == 0
        assert store.stats()["spans"] == 0
    assert calls and calls[0][0] == 0


def test_more_sources_than_sqlite_can_attach_are_refused_before_anything_is_written(tmp_path, amal):
    copies = []
    for n in range(11):
        copy = tmp_path / f"copy{n}.db"
        analyst_db(copy, own=f"{AMAL_ONLY} {n}")
        copies.append(copy)
    with Store(tmp_path / "team.db") as store:
        with pytest.raises(UsageError, match="at most"):
            merge_databases(store, copies)
        assert store.document_count() == 0


def test_the_target_itself_is_refused_as_a_source(tmp_path, amal):
    target = tmp_path / "team.db"
    with Store(target) as store:
        merge_databases(store, [amal])
        with pytest.raises(InputError, match="being merged into"):
            merge_databases(store, [target])


def test_progress_reaches_the_total_and_a_cancel_stops_even_inside_one_long_statement(tmp_path):
    source = tmp_path / "big.db"
    with Store(source) as store:
        with store.transaction():
            for n in range(3000):
                store.insert_document(f"d{n}", f"خبر رقم {n} من موسكو")
    seen: list[tuple[int, int]] = []
    with Store(tmp_path / "team.db") as store:
        merge_databases(store, [source], lambda done, total: seen.append((done, total)) or True)
        assert seen[-1] == (3000, 3000)
    calls: list[tuple[int, int]] = []

    def cancel_after_the_first_call(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) == 1

    with Store(tmp_path / "other.db") as store:
        with pytest.raises(CancelledError):
            merge_databases(store, [source], cancel_after_the_first_call)
        assert store.document_count() == 0
    assert calls == [(0, 3000), (0, 3000)]  # the second call came from SQLite, mid-statement


def test_without_uris_in_attach_a_read_only_snapshot_is_merged(tmp_path, amal, huda, monkeypatch):
    import model.merge

    monkeypatch.setattr(model.merge, "_uris_honoured", lambda _conn: False)
    before = {path: file_hash(path) for path in (amal, huda)}
    with Store(tmp_path / "team.db") as store:
        report = merge_databases(store, [amal, huda])
    assert (report.documents_added, report.spans_added, report.relations_added) == (3, 7, 2)
    assert {path: file_hash(path) for path in (amal, huda)} == before
