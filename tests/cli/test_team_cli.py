"""The command line on a team database: ``team init|add|list``, then import, export and stats on
the server, exactly as on a file."""

from __future__ import annotations

import json
from urllib.parse import urlsplit, urlunsplit

from model import search as search_index
from model.store import Store


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def test_team_init_add_and_list(run, pg_url):
    result = run("team", "init", "--db", pg_url)
    assert result.code == 0, result.err
    assert "team schema ready" in result.out
    assert run("team", "add", "amal", "--role", "annotator", "--db", pg_url).out == "amal is an annotator\n"
    assert run("team", "add", "lina", "--role", "lead", "--db", pg_url).code == 0
    listed = run("team", "list", "--db", pg_url)
    rows = [line.split() for line in listed.out.splitlines()[-2:]]
    assert rows == [["amal", "annotator"], ["lina", "lead"]]


def test_import_export_and_stats_on_a_team_database(run, pg_url, samples, tmp_path):
    run("team", "init", "--db", pg_url)
    run("team", "add", "lina", "--role", "lead", "--db", pg_url)
    lead = as_user(pg_url, "lina")
    result = run("import", samples, "--db", lead)
    assert result.code == 0, result.err
    assert result.out.startswith("3 imported")
    assert "indexed 3 documents for search" in result.out
    with Store(lead) as store:
        assert search_index.pending(store) == 0
        assert [d.ext_id for d in store.document_summaries(search="ببحر")] == ["002-harakat-clitics"]
    out = tmp_path / "out.jsonl"
    assert run("export", "--db", lead, "--format", "jsonl", "--out", out).code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    stats = json.loads(run("stats", "--db", lead, "--json").out)
    assert stats["documents"] == 3


def test_an_annotator_cannot_import_documents(run, pg_url, samples):
    run("team", "init", "--db", pg_url)
    run("team", "add", "amal", "--role", "annotator", "--db", pg_url)
    result = run("import", samples, "--db", as_user(pg_url, "amal"))
    assert result.code == 2
    assert "permission denied" in result.err
    with Store(pg_url) as store:
        assert store.document_count() == 0


def test_a_database_without_the_team_schema_is_refused_with_the_way_to_make_it(run, pg_url, samples):
    result = run("import", samples, "--db", pg_url)
    assert result.code == 2
    assert "hashiya team init" in result.err


def test_team_needs_a_server_url(run, tmp_path):
    result = run("team", "init", "--db", tmp_path / "a.db")
    assert result.code == 2
    assert "--db postgresql://" in result.err


def test_a_password_in_the_url_is_not_printed(run, pg_url):
    parts = urlsplit(pg_url)
    secret = urlunsplit(parts._replace(netloc=f"nobody_here:s3cret@{parts.hostname}:{parts.port}"))
    result = run("stats", "--db", secret)
    assert result.code == 2
    assert "s3cret" not in result.err and "***" in result.err


def test_assign_round_robin_then_workload_and_queue_on_a_file(run, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    result = run("team", "assign", "--to", "amal,huda", "--db", db)
    assert result.code == 0, result.err
    assert result.out.startswith("3 documents assigned: 3 new (amal 2, huda 1)")
    rows = [line.split() for line in run("team", "workload", "--db", db).out.splitlines()[-2:]]
    assert rows == [["amal", "2", "2"], ["huda", "1", "1"]]
    queue = run("team", "queue", "huda", "--db", db).out
    assert queue.splitlines()[0].split("\t")[0] == "001-mixed-script"
    again = run("team", "assign", "--to", "amal,huda", "--unassigned", "--db", db)
    assert again.out.startswith("0 documents assigned")


def test_assign_two_per_document_by_ids_on_a_team_database(run, pg_url, samples):
    run("team", "init", "--db", pg_url)
    run("team", "add", "lina", "--role", "lead", "--db", pg_url)
    lead = as_user(pg_url, "lina")
    run("import", samples, "--db", lead)
    result = run("team", "assign", "--to", "amal,huda,omar", "--per-document", "2",
                 "--ids", "000-seed,002-harakat-clitics", "--db", lead)
    assert result.code == 0, result.err
    assert result.out.startswith("2 documents assigned: 4 new")
    assert run("team", "unassign", "--ids", "000-seed", "--from", "amal", "--db", lead).out.startswith(
        "1 assignment taken back"
    )


def test_an_annotator_cannot_assign(run, pg_url, samples):
    run("team", "init", "--db", pg_url)
    run("team", "add", "lina", "--role", "lead", "--db", pg_url)
    run("team", "add", "amal", "--role", "annotator", "--db", pg_url)
    run("import", samples, "--db", as_user(pg_url, "lina"))
    result = run("team", "assign", "--to", "amal", "--db", as_user(pg_url, "amal"))
    assert result.code == 2
    assert "not allowed" in result.err
