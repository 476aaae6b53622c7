"""``hashiya agreement``: the table, --json, the filters, and a database with nothing to compare."""

from __future__ import annotations

import json

import pytest

from model.store import Store
from tests.model.test_agreement import worked_example


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "team.db"
    with Store(path) as store:
        worked_example(store)
    return path


def test_the_table_lists_each_pair_per_label_then_links_and_alpha(run, db):
    result = run("agreement", "--db", db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"{db}: 2 analysts (amal, huda); 2 documents annotated by two or more, 8 tokens"
    rows = [line.split() for line in lines]
    assert ["pair", "documents", "label", "spans", "a", "spans", "b", "exact", "F1", "overlap", "F1",
            "kappa"] in rows
    assert ["amal", "/", "huda", "2", "ACTOR", "2", "2", "1.000", "1.000", "1.000"] in rows
    assert ["amal", "/", "huda", "2", "PLACE", "2", "2", "0.500", "1.000", "0.714"] in rows
    assert ["amal", "/", "huda", "2", "all", "6", "5", "0.727", "0.909", "0.667"] in rows
    assert ["amal", "/", "huda", "2", "3", "2", "1", "0.400"] in rows  # links
    assert ["all", "0.684"] in rows  # alpha 13/19


def test_json_gives_the_same_numbers(run, db):
    result = run("agreement", "--db", db, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["analysts"] == ["amal", "huda"] and data["documents"] == 2 and data["units"] == 8
    assert data["alpha"]["all"] == pytest.approx(13 / 19)
    (pair,) = data["pairs"]
    assert (pair["a"], pair["b"], pair["documents"]) == ("amal", "huda", 2)
    assert pair["labels"]["all"]["exact"] == {"matched": 4, "a": 6, "b": 5, "f1": pytest.approx(8 / 11)}
    assert pair["labels"]["all"]["overlap"]["f1"] == pytest.approx(10 / 11)
    assert pair["labels"]["all"]["kappa"] == pytest.approx(2 / 3)
    assert pair["labels"]["PLACE"]["kappa"] == pytest.approx(5 / 7)
    assert pair["links"] == {"matched": 1, "a": 3, "b": 2, "f1": pytest.approx(0.4)}


def test_labels_and_status_filters(run, db):
    data = json.loads(run("agreement", "--db", db, "--json", "--labels", "PLACE").out)
    assert data["labels"] == ["PLACE"]
    assert data["pairs"][0]["labels"]["all"]["exact"]["f1"] == pytest.approx(0.5)
    assert data["pairs"][0]["links"]["f1"] is None
    data = json.loads(run("agreement", "--db", db, "--json", "--status", "done").out)
    assert data["documents"] == 0 and data["pairs"][0]["documents"] == 0
    result = run("agreement", "--db", db, "--labels", "PERSON")
    assert result.code == 2 and "no label PERSON" in result.err


def test_gold_only_when_asked(run, db):
    with Store(db) as store:
        store.add_span(store.document_ids()[0], 4, 10, "ACTOR", annotator="gold")
    assert json.loads(run("agreement", "--db", db, "--json").out)["analysts"] == ["amal", "huda"]
    data = json.loads(run("agreement", "--db", db, "--json", "--include-gold").out)
    assert data["analysts"] == ["amal", "gold", "huda"]
    table = run("agreement", "--db", db, "--include-gold").out
    assert "amal / gold" in table and "gold / huda" in table


def test_a_database_with_nothing_to_compare_says_so(run, tmp_path):
    path = tmp_path / "empty.db"
    Store(path).close()
    result = run("agreement", "--db", path)
    assert (result.code, result.err) == (0, "")
    assert result.out == "nothing to compare: no document was annotated by two analysts (0 analysts found)\n"
    data = json.loads(run("agreement", "--db", path, "--json").out)
    assert data["pairs"] == [] and data["alpha"]["all"] is None


def test_a_pair_sharing_no_document_is_listed_as_such(run, db):
    with Store(db) as store:
        doc_id = store.insert_document("d9", "قال الوزير في باريس")
        assert doc_id is not None
        store.add_span(doc_id, 4, 10, "ACTOR", annotator="omar")
    result = run("agreement", "--db", db)
    assert result.code == 0, result.err
    assert [line.split() for line in result.out.splitlines() if "omar" in line][1:] == [
        ["amal", "/", "omar", "0", "(none", "shared)"], ["huda", "/", "omar", "0", "(none", "shared)"]]


def test_on_a_team_database(run, team_url):
    with Store(team_url) as store:
        worked_example(store)
    data = json.loads(run("agreement", "--db", team_url, "--json").out)
    assert data["alpha"]["all"] == pytest.approx(13 / 19)
