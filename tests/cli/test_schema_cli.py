"""``hashiya schema show|import|export``: the label schema from and to brat and Label Studio."""

from __future__ import annotations

import json

import pytest

from model.store import Store

CONF = """[entities]
ACTOR
\tperson
\torganisation
PLACE
WEAPON
[relations]
[events]
EVENT\tSource*:ACTOR|person|organisation, Target*:ACTOR, Place?:PLACE, Instrument*:WEAPON
[attributes]
"""
VISUAL = "[labels]\nperson | شخص\n[drawing]\nperson\tbgColor:#aec7e8\n"


@pytest.fixture
def db(run, samples, tmp_path):
    path = tmp_path / "a.db"
    assert run("import", samples, "--db", path, "--no-index").code == 0
    return path


def test_show_lists_the_default_schema(run, db):
    result = run("schema", "show", db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["label", "title", "key", "colour", "description"]
    assert lines[1].split()[0] == "ACTOR" and "source" in result.out and "Who did it" in result.out


def test_show_json_takes_db_as_option_too(run, db):
    result = run("schema", "show", "--db", db, "--json")
    data = json.loads(result.out)
    assert [x["name"] for x in data["labels"]] == ["ACTOR", "EVENT", "PLACE"]
    assert data["roles"][0] == {"name": "source", "key": "S", "labels": ["ACTOR"],
                                "description": "Who did it", "position": 0}


def test_import_brat_conf_with_visual_conf_beside_it(run, db, tmp_path):
    (tmp_path / "annotation.conf").write_text(CONF, encoding="utf-8")
    (tmp_path / "visual.conf").write_text(VISUAL, encoding="utf-8")
    result = run("schema", "import", db, tmp_path / "annotation.conf")
    assert result.code == 0, result.err
    assert "labels added: WEAPON, person, organisation" in result.out  # parents first
    assert "roles added: instrument" in result.out
    with Store(db) as store:
        person = next(x for x in store.labels() if x.name == "person")
        assert (person.parent, person.title, person.color) == ("ACTOR", "شخص", "#aec7e8")
        assert {r.name: r.labels for r in store.roles()}["instrument"] == ("WEAPON",)
    again = run("schema", "import", db, tmp_path / "annotation.conf")
    assert again.out.strip().endswith("nothing to change")


def test_export_then_import_into_another_database(run, db, tmp_path, samples):
    (tmp_path / "annotation.conf").write_text(CONF, encoding="utf-8")
    assert run("schema", "import", db, tmp_path / "annotation.conf").code == 0
    for fmt, out in (("brat", tmp_path / "conf"), ("labelstudio", tmp_path / "config.xml")):
        if fmt == "brat":
            out.mkdir()
        result = run("schema", "export", db, "--format", fmt, "-o", out)
        assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "conf").iterdir()) == ["annotation.conf", "visual.conf"]
    assert 'hashiya-parent="ACTOR"' in (tmp_path / "config.xml").read_text(encoding="utf-8")
    for source in (tmp_path / "conf" / "annotation.conf", tmp_path / "config.xml"):
        other = tmp_path / f"other-{source.name}.db"
        assert run("import", samples, "--db", other, "--no-index").code == 0
        assert run("schema", "import", other, source).code == 0
        with Store(db) as a, Store(other) as b:
            assert {x.name: x.parent for x in a.labels()} == {x.name: x.parent for x in b.labels()}
            assert {r.name: r.labels for r in a.roles()} == {r.name: r.labels for r in b.roles()}


@pytest.mark.parametrize(("name", "text", "where"), [
    ("annotation.conf", "[entities]\nA\n\t\tB\n", "annotation.conf:3:"),
    ("config.xml", "<View>\n<Labels>\n<Label value='A'>\n</Labels></View>", "config.xml:4:"),
    ("config.xml", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<View/>', "config.xml:2:"),
    ("config.xml", "<View><Labels name='l' toName='t'>\n<Label value='x' hashiya-parent='EVENT'/>"
                   "<Label value='EVENT'/></Labels></View>", "config.xml:2:"),
])
def test_bad_schema_file_exits_2_naming_file_and_line_and_changes_nothing(run, dump, db, tmp_path, name,
                                                                          text, where):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = dump(db)
    result = run("schema", "import", db, path)
    assert result.code == 2
    assert where in result.err and result.err.count("\n") == 1
    assert dump(db) == before


def test_schema_needs_an_existing_database(run, tmp_path):
    result = run("schema", "show", tmp_path / "none.db")
    assert result.code == 2 and "no such database" in result.err
    assert not (tmp_path / "none.db").exists()


def test_two_databases_are_refused(run, db, tmp_path):
    result = run("schema", "show", db, "--db", tmp_path / "b.db")
    assert result.code == 2 and "two databases" in result.err


@pytest.mark.parametrize(("fmt", "out"), [
    ("labelstudio", "missing/config.xml"),
    ("brat", "missing/annotation.conf"),
    ("brat", "missing/"),
])
def test_export_into_a_missing_folder_is_refused_naming_it_like_export_out(run, db, tmp_path, fmt, out):
    target = str(tmp_path / out) + ("/" if out.endswith("/") else "")
    result = run("schema", "export", db, "--format", fmt, "-o", target)
    assert result.code == 2
    assert result.err.count("\n") == 1 and str(tmp_path / "missing") in result.err
    assert not (tmp_path / "missing").exists()  # no folder made behind the analyst's back
    # as `hashiya export --out` into a missing folder: exit 2, one line
    export = run("export", "--db", db, "--format", "jsonl", "--out", tmp_path / "missing" / "x.jsonl")
    assert export.code == 2 and export.err.count("\n") == 1
