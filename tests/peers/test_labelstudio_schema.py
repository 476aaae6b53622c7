"""The label schema through a real Label Studio server: a project made with the config Hashiya
writes (sub-types, colours, descriptions, roles) keeps it, and the config read back from the
server gives the same schema. Needs ``HASHIYA_PEERS_VENV`` as test_labelstudio_server does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.exporting import export_documents
from model.formats.base import LabelSet, ReadOptions
from model.formats.labelstudio import read_config
from model.importing import import_paths
from model.records import Label, Role
from model.store import Store

from .test_labelstudio_server import label_studio  # noqa: F401  (the server fixture)

pytestmark = [pytest.mark.peers, pytest.mark.slow]

LABELS = [Label("person", "شخص", "#aec7e8", 0, None, "ACTOR", "أشخاص بأسمائهم"),
          Label("state", "دولة", "#ffbb78", 0, None, "ACTOR", "a state acting as one"),
          Label("WEAPON", "سلاح", "#8c564b", 0, None, "", 'what was used: <b>"&"</b>')]
ROLES = [Role("source", "S", ("ACTOR",), "Who did it"), Role("target", "T", ("ACTOR",), "To whom"),
         Role("place", "P", ("PLACE",), "Where"), Role("instrument", "I", ("WEAPON",), "With what")]
TEXT = "قصفت روسيا مدينة خاركيف بصواريخ"


def test_label_studio_keeps_the_schema_and_a_sub_type_span(label_studio, tmp_path: Path):  # noqa: F811
    with Store(":memory:") as store:
        store.apply_schema(LABELS, ROLES)
        doc_id = store.insert_document("kharkiv", TEXT)
        assert doc_id is not None
        spans = {}
        chosen = (("قصفت", "EVENT"), ("روسيا", "state"), ("خاركيف", "PLACE"), ("صواريخ", "WEAPON"))
        for needle, label in chosen:
            start = TEXT.index(needle)
            spans[label] = store.add_span(doc_id, start, start + len(needle), label, "amal")[0].id
        store.link(spans["EVENT"], spans["state"], "source")
        store.link(spans["EVENT"], spans["WEAPON"], "instrument")
        export_documents(store, tmp_path / "k.json", fmt="labelstudio")
        ours = read_config((tmp_path / "k.config.xml").read_bytes(), "ours")
        labels_here, roles_here = store.labels(), store.roles()

    config = (tmp_path / "k.config.xml").read_text(encoding="utf-8")
    status, project = label_studio.call("POST", "/api/projects", {"title": "schema", "label_config": config})
    assert status == 201, project
    status, fetched = label_studio.call("GET", f"/api/projects/{project['id']}")
    assert status == 200, fetched
    parsed = fetched["parsed_label_config"]["label"]["labels"]
    assert parsed == ["ACTOR", "person", "state", "EVENT", "PLACE", "WEAPON"]  # sub-types after their label
    assert [x.name for x in ours.labels] == parsed
    back = read_config(fetched["label_config"].encode("utf-8"), "from Label Studio")
    assert back == ours
    assert sorted((x.name, x.parent, x.color, x.description, x.title) for x in back.labels) == sorted(
        (x.name, x.parent, x.color, x.description, x.title) for x in labels_here)
    assert [(r.name, r.labels, r.description, r.key) for r in back.roles] == [
        (r.name, r.labels, r.description, r.key) for r in roles_here]

    tasks = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    status, imported = label_studio.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert status == 201, imported
    status, exported = label_studio.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    assert status == 200, exported
    (tmp_path / "from-ls.json").write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with Store(":memory:") as fresh:
        fresh.apply_schema(back.labels, back.roles)
        import_paths(fresh, [tmp_path / "from-ls.json"], options=ReadOptions(LabelSet(fresh.label_names())))
        doc = next(fresh.iter_documents())
        got = sorted((doc.text[s.start : s.end], s.label) for s in fresh.spans(doc.id))
        assert ("روسيا", "state") in got and ("صواريخ", "WEAPON") in got
        assert sorted(r.role for r in fresh.relations(doc.id)) == ["instrument", "source"]
