from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from arabic_reshaper import ArabicReshaper
from bidi import get_display

import main
from model import search as search_index
from model.paths import SAMPLES
from model.store import Store

ROOT = Path(main.__file__).resolve().parent


def test_import_folder_of_samples(run, samples, tmp_path):
    result = run("import", samples, "--db", tmp_path / "a.db")
    assert result.code == 0, result.err
    assert result.out.startswith("3 imported")
    assert "0 duplicates skipped" in result.out
    with Store(tmp_path / "a.db") as store:
        assert [d.ext_id for d in store.document_summaries()] == sorted(p.stem for p in SAMPLES.glob("*.txt"))


def test_import_indexes_the_new_documents_for_search_after_committing(run, samples, tmp_path):
    result = run("import", samples, "--db", tmp_path / "a.db")
    assert result.out.splitlines()[-1] == "indexed 3 documents for search"
    with Store(tmp_path / "a.db") as store:
        assert search_index.pending(store) == 0
        assert [d.ext_id for d in store.document_summaries(search="ببحر")] == ["002-harakat-clitics"]


def test_import_with_no_index_leaves_the_indexing_to_the_app(run, samples, tmp_path):
    result = run("import", samples, "--db", tmp_path / "a.db", "--no-index")
    assert result.code == 0
    assert "indexed" not in result.out
    with Store(tmp_path / "a.db") as store:
        assert store.document_count() == 3
        assert search_index.pending(store) == 3


def test_db_option_is_accepted_before_the_subcommand(run, samples, tmp_path):
    assert run("--db", tmp_path / "a.db", "import", samples).code == 0
    assert (tmp_path / "a.db").exists()


def test_reimport_reports_duplicates_and_adds_nothing(run, dump, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    before = dump(db)
    result = run("import", samples, "--db", db)
    assert result.code == 0
    assert result.out.startswith("0 imported")
    assert "3 duplicates skipped" in result.out
    assert f"skipped {samples / '000-seed.txt'}: same text as ‘000-seed’" in result.out
    assert dump(db) == before


def test_binary_file_exits_2_with_one_line_and_database_unchanged(run, dump, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples / "000-seed.txt", "--db", db)
    before = dump(db)
    (samples / "zz-photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run("import", samples, "--db", db)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"hashiya: {samples / 'zz-photo.txt'}: binary file, not text\n"
    assert dump(db) == before


def test_bad_jsonl_line_names_file_and_line(run, tmp_path):
    path = tmp_path / "name.jsonl"
    good = {"text": "نص أول"}
    span = {"start": 7, "end": 12, "label": "PLACE", "text": "باكو"}
    bad = {"text": "استدعت موسكو السفير", "spans": [span]}
    lines = [json.dumps(r, ensure_ascii=False) for r in (good, {"text": "نص ثان"}, bad)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", path, "--db", tmp_path / "a.db")
    assert result.code == 2
    assert "name.jsonl:3: span 7–12 says ‘باكو’ but the text there is ‘موسكو’" in result.err
    assert result.err.count("\n") == 1
    with Store(tmp_path / "a.db") as store:
        assert store.document_count() == 0


def annotate(db: Path) -> None:
    """Tag the emoji article (001): a PLACE after the emoji, its EVENT and an ACTOR; mark it done."""
    with Store(db) as store:
        mixed = store.document_ids()[1]
        text = store.document(mixed).text
        place, event, _ = (
            store.add_span(mixed, text.index(word), text.index(word) + len(word), label, "amal")[0]
            for word, label in (("موسكو", "PLACE"), ("تستدعي", "EVENT"), ("Sputnik Azerbaijan", "ACTOR"))
        )
        store.link(event.id, place.id, "place")
        store.set_status(mixed, "done")


def test_export_round_trip_through_a_fresh_database_is_identical(run, samples, tmp_path):
    db, fresh = tmp_path / "a.db", tmp_path / "fresh.db"
    run("import", samples, "--db", db)
    annotate(db)
    result = run("export", "--db", db, "--format", "jsonl", "--out", tmp_path / "a.jsonl")
    assert result.code == 0, result.err
    assert "exported 3 documents (3 spans, 1 relation)" in result.out
    assert "offsets: Unicode code points, end exclusive" in result.out
    assert run("import", tmp_path / "a.jsonl", "--db", fresh).code == 0
    assert run("export", "--db", fresh, "--out", tmp_path / "b.jsonl").code == 0

    def documents(path: Path) -> list[dict]:
        records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
        for r in records:
            names = {s.pop("id"): (s["start"], s["end"], s["label"]) for s in r["spans"]}
            r["relations"] = [(names[x["event"]], names[x["argument"]], x["role"]) for x in r["relations"]]
        return records

    first = documents(tmp_path / "a.jsonl")
    assert documents(tmp_path / "b.jsonl") == first
    mixed = first[1]
    assert mixed["status"] == "done" and len(mixed["relations"]) == 1
    text = mixed["text"]
    for span in mixed["spans"]:  # offsets index the Python str, past the emoji
        assert text[span["start"] : span["end"]] == span["text"]
    assert mixed["spans"][0]["start"] == text.index("موسكو")
    assert any(ord(c) > 0xFFFF for c in text[: text.index("موسكو")])


def test_export_filters_status_and_labels(run, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    annotate(db)
    out = tmp_path / "out.jsonl"
    result = run("export", "--db", db, "--out", out, "--status", "done", "--labels", "ACTOR,PLACE")
    assert result.code == 0, result.err
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(s["label"] for s in record["spans"]) == ["ACTOR", "PLACE"]
    assert record["relations"] == []  # its event was filtered out


def test_export_with_unknown_label_exits_2(run, samples, tmp_path):
    run("import", samples, "--db", tmp_path / "a.db")
    result = run("export", "--db", tmp_path / "a.db", "--out", tmp_path / "o.jsonl", "--labels", "CITY")
    assert (result.code, result.err) == (2, "hashiya: unknown label CITY (labels: ACTOR, EVENT, PLACE)\n")
    assert not (tmp_path / "o.jsonl").exists()


def test_stats_of_missing_database_exits_2_without_creating_it(run, tmp_path):
    result = run("stats", "--db", tmp_path / "typo.db")
    assert result.code == 2 and "typo.db: no such database" in result.err
    assert not (tmp_path / "typo.db").exists()


def test_stats_json_numbers(run, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    annotate(db)
    result = run("stats", "--db", db, "--json")
    assert result.code == 0
    stats = json.loads(result.out)
    characters = sum(len(p.read_text(encoding="utf-8")) for p in SAMPLES.glob("*.txt"))
    assert stats == {
        "documents": 3,
        "characters": characters,
        "spans": 3,
        "relations": 1,
        "by_status": {"new": 2, "in_progress": 0, "done": 1, "skipped": 0},
        "by_label": {"ACTOR": 1, "EVENT": 1, "PLACE": 1},
        "by_annotator": {"amal": 3},
    }


def test_stats_table_keeps_logical_order_when_piped(run, samples, tmp_path):
    run("import", samples, "--db", tmp_path / "a.db")
    result = run("stats", "--db", tmp_path / "a.db")
    assert result.code == 0
    assert "3 documents" in result.out
    assert "new                  3" in result.out
    assert "ACTOR  فاعل" in result.out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stats_table_shapes_arabic_for_a_terminal(samples, tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    main.main(["import", str(samples), "--db", str(db)])
    with Store(db) as store:
        store.add_span(1, 0, 4, "ACTOR", "سَلمى")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main.main(["stats", "--db", str(db)]) == 0
    shaped = get_display(ArabicReshaper(configuration={"delete_harakat": False}).reshape("سَلمى"))
    assert shaped in terminal.getvalue()
    assert "\u064e" in shaped  # the haraka survives shaping
    assert "فاعل" not in terminal.getvalue()


@pytest.mark.slow
def test_python_main_py_runs_the_cli_without_qt(samples, tmp_path):
    db, out = tmp_path / "a.db", tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "main.py", "import", str(samples), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert (result.returncode, result.stdout.split(" ")[0]) == (0, "3"), result.stderr
    script = (
        "import main, sys\n"
        f"for argv in ({['import', str(samples), '--db', str(db)]!r}, "
        f"{['export', '--db', str(db), '--out', str(out)]!r}, {['stats', '--db', str(db)]!r}):\n"
        "    assert main.main(argv) == 0, argv\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.slow
def test_python_main_py_bad_input_exits_2(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    argv = [sys.executable, "main.py", "import", str(tmp_path / "x.bin"), "--db", str(tmp_path / "a.db")]
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    message = f"{tmp_path / 'x.bin'}: unknown file type .bin; name the format with --format"
    assert result.stderr == f"hashiya: {message}\n"


def test_import_shows_a_progress_bar_on_a_terminal(run, samples, tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = run("import", samples, "--db", tmp_path / "c.db")
    assert result.code == 0
    assert "/3 [" in result.err and "file/s" in result.err  # tqdm on stderr, cleared at the end


def test_import_shows_no_progress_bar_when_piped(run, samples, tmp_path):
    result = run("import", samples, "--db", tmp_path / "c.db")
    assert result.code == 0
    assert result.err == ""


def test_failed_first_import_leaves_no_database_behind(run, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    db = tmp_path / "new.db"
    result = run("import", bad, "--db", db)
    assert result.code == 2
    assert not db.exists()


def test_label_map_renames_peer_labels_on_import(run, tmp_path):
    conll = tmp_path / "peer.conll"
    conll.write_text("زار\tO\nلافروف\tB-PER\nموسكو\tB-LOC\n", encoding="utf-8")
    result = run("import", conll, "--db", tmp_path / "c.db", "--label-map", "PER=ACTOR,LOC=PLACE")
    assert result.code == 0, result.err
    stats = run("stats", "--db", tmp_path / "c.db", "--json")
    import json

    by_label = json.loads(stats.out)["by_label"]
    assert by_label["ACTOR"] == 1 and by_label["PLACE"] == 1


def test_bad_label_map_exits_2_naming_the_pair(run, tmp_path):
    conll = tmp_path / "peer.conll"
    conll.write_text("زار\tO\nلافروف\tB-PER\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = run("import", conll, "--db", db, "--label-map", "PER=ACTOR,LOC")
    assert (result.code, result.out) == (2, "")
    assert result.err == "hashiya: --label-map: ‘LOC’ is not an OLD=NEW pair (for example PER=ACTOR)\n"
    assert not db.exists()


def test_unknown_label_on_import_suggests_how_to_bring_it_in(run, tmp_path):
    conll = tmp_path / "peer.conll"
    conll.write_text("زار\tO\nلافروف\tB-PER\n", encoding="utf-8")
    result = run("import", conll, "--db", tmp_path / "c.db")
    assert result.code == 2
    assert result.err == (
        f"hashiya: {conll}:2: unknown label 'PER' (labels: ACTOR, EVENT, PLACE); "
        "rename it with --label-map PER=LABEL or create it with --add-labels\n"
    )


def test_import_report_counts_in_the_singular_and_plural(run, samples, tmp_path):
    result = run("import", samples / "000-seed.txt", "--db", tmp_path / "a.db")
    assert result.out.startswith("1 imported (0 spans, 0 relations) from 1 file, 0 duplicates skipped")


def test_export_layer_picks_the_gold_layer_an_analysts_or_all(run, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    with Store(db) as store:
        doc = store.document_ids()[0]
        text = store.document(doc).text
        start = text.index("موسكو")
        for who in ("amal", "gold"):
            store.add_span(doc, start, start + len("موسكو"), "PLACE", who)

    def annotators(*layer: str) -> list[str]:
        out = tmp_path / "out.jsonl"
        assert run("export", "--db", db, "--out", out, *layer).code == 0
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return sorted(s["annotator"] for r in records for s in r["spans"])

    assert annotators() == ["gold"]
    assert annotators("--layer", "amal") == ["amal"]
    assert annotators("--layer", "all") == ["amal", "gold"]


def test_stats_detail_adds_analysts_and_top_names(run, samples, tmp_path):
    db = tmp_path / "a.db"
    run("import", samples, "--db", db)
    with Store(db) as store:
        for doc in store.document_ids():
            text = store.document(doc).text
            for who in ("amal", "huda"):
                if "باكو" in text:
                    start = text.index("باكو")
                    store.add_span(doc, start, start + 4, "PLACE", who)
    numbers = json.loads(run("stats", "--db", db, "--json", "--detail").out)
    assert set(numbers["detail"]["by_analyst"]) == {"amal", "huda"}
    assert numbers["detail"]["top_names"]["PLACE"][0]["text"] == "باكو"
    assert numbers["detail"]["agreement"]["PLACE"] == 1.0  # both tagged the same words
    table = run("stats", "--db", db, "--detail").out
    assert "analyst" in table and "mentions" in table
    with pytest.raises(SystemExit) as refused:  # argparse says why and exits with 2
        run("stats", "--db", db, "--detail", "--days", "0")
    assert refused.value.code == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv", [["stats"], ["stats", "--json"], ["schema", "show"], ["import", "{samples}"]]
)
def test_a_reader_closing_the_pipe_early_ends_the_command_quietly(samples, tmp_path, argv):
    """`hashiya stats --db X | head -1`: a closed stdout is no error (no traceback, exit 0 or
    141 like other Unix tools), and the command's own work still completes."""
    db = tmp_path / "a.db"
    assert main.main(["import", str(samples), "--db", str(db), "--no-index"]) == 0
    command = [a.replace("{samples}", str(samples)) for a in argv]
    for reads in (0, 1):  # closed before the first line (head -0), or after it (head -1)
        proc = subprocess.Popen([sys.executable, "main.py", *command, "--db", str(db)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        if reads:
            proc.stdout.readline()
        proc.stdout.close()  # the reader goes before the program has written (the rest)
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait(timeout=60) in (0, 141), err
        assert err == ""  # no BrokenPipeError traceback, no "Exception ignored"
    with Store(db) as store:  # the import ran to its end and committed
        assert len(store.document_ids()) == 3
