"""The annotation.conf and visual.conf Hashiya writes, read by brat's own configuration parser
(server/src/projectconfig.py from a local brat source: see brat_config). No network; skipped when
no brat source is at hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.exporting import export_documents
from model.formats.base import Schema
from model.formats.brat import annotation_conf, read_conf, visual_conf
from model.records import DEFAULT_ROLE_SPECS, Label, Role
from model.store import Store

from .brat_config import brat_source, load_projectconfig

LABELS = (Label("ACTOR", "فاعل", "#1f77b4", 0, 1, "", "من فعل"),
          Label("person", "شخص", "#aec7e8", 1, 4, "ACTOR"),
          Label("organisation", "منظمة", "#ffbb78", 2, None, "ACTOR", "a body acting as one"),
          Label("EVENT", "حدث", "#d62728", 3, 2), Label("PLACE", "مكان", "#2ca02c", 4, 3),
          Label("WEAPON", "", "#8c564b", 5))
SCHEMA = Schema(LABELS, (*DEFAULT_ROLE_SPECS, Role("instrument", "I", ("WEAPON",), "with what", 3),
                         Role("about", "", (), "", 4)))


@pytest.fixture(scope="module")
def brat(tmp_path_factory: pytest.TempPathFactory):
    src = brat_source(tmp_path_factory.mktemp("brat-src"))
    if src is None:
        pytest.skip("no brat source (set HASHIYA_BRAT_SRC to a brat checkout)")
    return src


def load(brat: Path, folder: Path):
    module, messages = load_projectconfig(brat, folder.parent)
    return module, module.ProjectConfiguration(str(folder)), messages


def test_brat_reads_the_hierarchy_the_roles_titles_and_colours(brat, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "annotation.conf").write_text(annotation_conf(SCHEMA, relation_roles=["related"]), "utf-8")
    (project / "visual.conf").write_text(visual_conf(SCHEMA), "utf-8")
    module, config, messages = load(brat, project)
    hierarchy = {node.storage_form(): [c.storage_form() for c in node.children]
                 for node in config.get_entity_type_hierarchy() if node != module.SEPARATOR_STR}
    assert hierarchy == {"ACTOR": ["person", "organisation"], "PLACE": [], "WEAPON": []}
    assert config.get_event_types() == ["EVENT"]
    (event,) = config.get_event_type_hierarchy()
    assert event.arguments == {"Source": ["ACTOR", "person", "organisation"],
                               "Target": ["ACTOR", "person", "organisation"], "Place": ["PLACE"],
                               "Instrument": ["WEAPON"], "About": ["<ANY>"]}
    assert event.multiple_allowed_arguments() == ["Source", "Target", "Place", "Instrument", "About"]
    assert event.mandatory_arguments() == []
    assert config.arc_types_from_to("EVENT", "person") == ["Source", "Target", "About", "Related"]
    assert config.arc_types_from_to("EVENT", "WEAPON") == ["Instrument", "About", "Related"]
    assert module.get_labels(str(project))["ACTOR"] == ["فاعل"]
    assert config.get_drawing_config_by_type("person")["bgColor"] == "#aec7e8"
    assert module.visual_options_get_text_direction(str(project)) == "rtl"
    assert messages.said == []  # no warning: nothing fell back to brat's defaults
    back = read_conf((project / "annotation.conf").read_bytes(), "a", (project / "visual.conf").read_bytes())
    assert back.labels == LABELS
    assert [(r.name, r.key, r.labels, r.description) for r in back.roles] == [
        (r.name, r.key, r.labels, r.description) for r in SCHEMA.roles] + [("related", "", (), "")]


def test_brat_reads_an_export_of_a_database_with_sub_types(brat, tmp_path):
    with Store(":memory:") as store:
        store.apply_schema(LABELS, SCHEMA.roles)
        doc_id = store.insert_document("d", "قصفت روسيا خاركيف")
        assert doc_id is not None
        event = store.add_span(doc_id, 0, 4, "EVENT", "amal")[0]
        actor = store.add_span(doc_id, 5, 10, "organisation", "amal")[0]
        store.link(event.id, actor.id, "source")
        export_documents(store, tmp_path / "out", fmt="brat")
    _, config, messages = load(brat, tmp_path / "out")
    assert "organisation" in config.get_entity_types()
    assert "Source" in config.arc_types_from_to("EVENT", "organisation")
    assert messages.said == []
