"""``hashiya merge SOURCE... --into TARGET``: analysts' files into one, sources only read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from model import search as search_index
from model.store import Store, content_hash
from tests.model.test_merge import AMAL_ONLY, HUDA_ONLY, SHARED, analyst_db


def _files(tmp_path: Path) -> tuple[Path, Path]:
    return (
        analyst_db(tmp_path / "amal.db", own=AMAL_ONLY),
        analyst_db(tmp_path / "huda.db", own=HUDA_ONLY, annotator="huda"),
    )


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_merge_into_a_new_database_creates_it_reports_and_indexes(run, tmp_path):
    amal, huda = _files(tmp_path)
    target = tmp_path / "team.db"
    result = run("merge", amal, huda, "--into", target)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "merged 2 databases: 3 documents added, 1 matched, 6 spans and 2 relations added"
    assert lines[1] == f"  {amal} (amal): 2 added, 0 matched, 3 spans, 1 relation"
    assert lines[2] == f"  {huda} (huda): 1 added, 1 matched, 3 spans, 1 relation"
    assert lines[-1] == "indexed 3 documents for search"
    with Store(target) as store:
        assert store.stats()["by_annotator"] == {"amal": 3, "huda": 3}
        assert search_index.pending(store) == 0
        assert [d.ext_id for d in store.document_summaries(search="موسكو")] == ["shared"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]


def test_merging_again_adds_nothing_and_leaves_the_sources_as_they_were(run, dump, tmp_path):
    amal, huda = _files(tmp_path)
    target = tmp_path / "team.db"
    sources = {path: _hash(path) for path in (amal, huda)}
    assert run("merge", amal, huda, "--into", target).code == 0
    before = dump(target)
    result = run("merge", huda, amal, "--into", target)
    assert result.code == 0, result.err
    assert result.out.startswith("merged 2 databases: 0 documents added, 4 matched, 0 spans and 0 relations")
    assert dump(target) == before
    assert {path: _hash(path) for path in (amal, huda)} == sources


def test_a_refused_source_exits_2_with_one_line_and_the_target_unchanged(run, tmp_path):
    amal, _ = _files(tmp_path)
    target = tmp_path / "team.db"
    assert run("merge", amal, "--into", target).code == 0
    before = target.read_bytes()
    other = tmp_path / "notes.db"
    other.write_text("not a database at all " * 50, encoding="utf-8")
    result = run("merge", amal, other, "--into", target)
    assert result.code == 2
    assert result.err == f"hashiya: {other}: not an SQLite database\n"
    assert target.read_bytes() == before


def test_a_refused_source_leaves_no_new_target_behind(run, tmp_path):
    amal, _ = _files(tmp_path)
    target = tmp_path / "team.db"
    result = run("merge", amal, tmp_path / "missing.db", "--into", target)
    assert result.code == 2
    assert result.err.startswith("hashiya: ") and "missing.db: no such file" in result.err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("team.db", ".team.db"))]


def test_merge_takes_its_target_from_into_not_db(run, tmp_path):
    amal, _ = _files(tmp_path)
    result = run("--db", tmp_path / "x.db", "merge", amal, "--into", tmp_path / "team.db")
    assert result.code == 2
    assert "--into" in result.err
    assert not (tmp_path / "team.db").exists()


def test_merge_shows_the_shared_article_with_both_analysts(run, tmp_path):
    amal, huda = _files(tmp_path)
    target = tmp_path / "team.db"
    run("merge", amal, huda, "--into", target, "--no-index")
    with Store(target) as store:
        shared = store.find_by_hash(content_hash(SHARED))
        assert shared is not None
        assert sorted(s.annotator for s in store.spans(shared)) == ["amal", "amal", "huda", "huda"]
        assert search_index.pending(store) == 3


def test_merge_into_a_team_database_reports_and_indexes(run, tmp_path, team_url):
    amal, huda = _files(tmp_path)
    result = run("merge", amal, huda, "--into", team_url)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "merged 2 databases: 3 documents added, 1 matched, 6 spans and 2 relations added"
    assert lines[-1] == "indexed 3 documents for search"
    with Store(team_url) as store:
        assert store.stats()["by_annotator"] == {"amal": 3, "huda": 3}
        assert search_index.pending(store) == 0


def test_merge_into_another_kind_of_url_is_refused_without_touching_anything(run, tmp_path, monkeypatch):
    amal, _ = _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("merge", amal, "--into", "mysql://team@localhost/hashiya")
    assert result.code == 2
    assert result.err.startswith("hashiya: merge --into takes a database file or a postgresql:// URL")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
