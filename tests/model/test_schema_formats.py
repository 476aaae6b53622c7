"""The label schema in the exports that have a place for it (brat's annotation.conf and
visual.conf, Label Studio's config, the HF tag names) and read back from brat and Label Studio."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from model.errors import InputError
from model.exporting import export_documents
from model.formats import read_schema_file, schema_text
from model.formats._common import tree_order
from model.formats.base import LabelSet, ReadOptions, Schema
from model.formats.brat import annotation_conf, read_conf, visual_conf
from model.formats.hf import labels_path
from model.formats.labelstudio import config_xml, read_config
from model.importing import import_paths, unknown_labels
from model.records import DEFAULT_ROLE_SPECS, Label, Role
from model.store import Store

LABELS = (Label("ACTOR", "فاعل", "#1f77b4", 0, 1, "", "من فعل الحدث"),
          Label("person", "شخص", "#aec7e8", 1, 4, "ACTOR", "a person, named"),
          Label("organisation", "منظمة", "#ffbb78", 2, None, "ACTOR"),
          Label("EVENT", "حدث", "#d62728", 3, 2), Label("PLACE", "مكان", "#2ca02c", 4, 3),
          Label("WEAPON", "سلاح", "#8c564b", 5, None, "", 'with "quotes" & <marks>'))
ROLES = (*DEFAULT_ROLE_SPECS, Role("instrument", "I", ("WEAPON",), "with what", 3),
         Role("about", "", (), "", 4))
SCHEMA = Schema(LABELS, ROLES)
TEXT = "قصفت روسيا مدينة خاركيف بصواريخ"


def store_with_schema() -> Store:
    store = Store(":memory:")
    store.apply_schema(LABELS, ROLES)
    doc_id = store.insert_document("kharkiv", TEXT)
    assert doc_id is not None
    ids = {}
    for needle, label in (("قصفت", "EVENT"), ("روسيا", "organisation"), ("خاركيف", "PLACE")):
        start = TEXT.index(needle)
        ids[label] = store.add_span(doc_id, start, start + len(needle), label, "amal")[0].id
    store.link(ids["EVENT"], ids["organisation"], "source")
    store.link(ids["EVENT"], ids["PLACE"], "place")
    return store


def described(schema: Schema) -> tuple[list[tuple], list[tuple]]:
    return ([(x.name, x.title, x.color, x.key, x.parent, x.description) for x in schema.labels],
            [(r.name, r.key, r.labels, r.description) for r in schema.roles])


# ---- brat ---------------------------------------------------------------------------------------


def test_brat_conf_nests_sub_types_and_types_each_role():
    conf = annotation_conf(SCHEMA)
    assert "[entities]\nACTOR\n\tperson\n\torganisation\nPLACE\nWEAPON\n[relations]" in conf
    event = next(line for line in conf.splitlines() if line.startswith("EVENT\t"))
    assert event == ("EVENT\tSource*:ACTOR|person|organisation, Target*:ACTOR|person|organisation, "
                     "Place*:PLACE, Instrument*:WEAPON, About*:<ANY>")
    visual = visual_conf(SCHEMA)
    assert "ACTOR | فاعل\n" in visual and "person\tbgColor:#aec7e8\n" in visual
    assert "Text\tdirection:rtl" in visual


def test_brat_conf_round_trips_the_schema():
    back = read_conf(annotation_conf(SCHEMA).encode(), "a.conf", visual_conf(SCHEMA).encode())
    assert back.labels == LABELS
    assert described(back)[1] == described(SCHEMA)[1]


def test_brat_conf_from_another_project_is_read_as_hashiya_can_hold_it():
    conf = """# a BioNLP-like ontology
[entities]
!Anatomical_entity|Anatomy
 !Material_anatomical_entity
  Cell
  Tissue
----
Protein
[relations]
<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>
Equiv\tArg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric-transitive
[events]
<ARGS>=Theme+:Protein, Site?:Cell|Tissue
Binding\t<ARGS>, Cause2?:<ENTITY>
\tPhosphorylation\tTheme:Protein
[attributes]
Negation\tArg:<EVENT>
"""
    visual = ("[labels]\nProtein | Protein | Pro\n"
              "[drawing]\nProtein\tbgColor:#7fa2ff\nCell\tbgColor:lightgreen\n")
    schema = read_conf(conf.encode(), "o.conf", visual.encode())
    assert [(x.name, x.parent) for x in schema.labels] == [
        ("Anatomical_entity", ""), ("Material_anatomical_entity", "Anatomical_entity"),
        ("Cell", "Anatomical_entity"), ("Tissue", "Anatomical_entity"), ("Protein", ""),
        ("Binding", ""), ("Phosphorylation", "Binding")]
    colors = {x.name: x.color for x in schema.labels}
    assert colors["Protein"] == "#7fa2ff" and colors["Cell"] == ""  # named colours are not taken
    assert {x.name: x.title for x in schema.labels}["Anatomical_entity"] == "Anatomy"
    assert [(r.name, r.labels) for r in schema.roles] == [
        ("theme", ("Protein",)), ("site", ("Cell", "Tissue")), ("cause", ()), ("equiv", ("Protein",))]


@pytest.mark.parametrize(("conf", "line", "message"), [
    ("[entities]\nA\n\t\tB\n", 3, "indented 2"),
    ("[entities]\nA\n[events]\nEVENT\tSource*:B\n", 4, "takes type B, which is not defined"),
    ("[entities]\nA\n[colours]\n", 3, "unknown section [colours]"),
    ("A\n[entities]\n", 1, "before any [section]"),
    ("[entities]\nA\nA\n", 3, "defined twice (first on line 2)"),
    ("[entities]\nA\n[events]\nEVENT\tSource\n", 4, "cannot read argument"),
    ("[entities]\nA\x01B\n", 2, "control character"),
    ("[entities]\nACTOR\n[events]\nEVENT\n\tattack\n", None, None),  # a sub-type of EVENT: a label
])
def test_bad_brat_conf_names_its_line(conf, line, message):
    if message is None:
        schema = read_conf(conf.encode(), "x.conf")
        assert [(x.name, x.parent) for x in schema.labels][-1] == ("attack", "")
        return
    with pytest.raises(InputError, match=r"x\.conf") as caught:
        read_conf(conf.encode(), "x.conf")
    assert caught.value.line == line
    assert message in str(caught.value)


def test_brat_conf_too_large_or_not_utf8_is_refused(tmp_path):
    big = tmp_path / "annotation.conf"
    big.write_bytes(b"[entities]\n" + b"A\n" * (1 << 20))
    with pytest.raises(InputError, match="more than"):
        read_schema_file(big)
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_conf(b"[entities]\nA\n\xff\n", "x.conf")
    assert caught.value.line == 3


def test_brat_export_writes_visual_conf_and_sub_type_events(tmp_path):
    with store_with_schema() as store:
        export_documents(store, tmp_path / "out", fmt="brat")
        ann = (tmp_path / "out" / "kharkiv.ann").read_text(encoding="utf-8")
        assert "\torganisation " in ann and " Source:T" in ann
        back = read_schema_file(tmp_path / "out" / "annotation.conf")
        assert described(back) == described(Schema(tuple(store.labels()), tuple(store.roles())))


@pytest.mark.parametrize("as_zip", [False, True])
def test_brat_import_applies_its_annotation_conf_first(tmp_path, as_zip):
    out = tmp_path / ("out.zip" if as_zip else "out")
    with store_with_schema() as store:
        export_documents(store, out, fmt="brat")
        spans_before = [(s.start, s.end, s.label) for s in store.spans(1)]
    with Store(":memory:") as fresh:
        assert unknown_labels([out], options=ReadOptions(LabelSet(fresh.label_names()))) == []
        report = import_paths(fresh, [out])  # no --add-labels: the conf brings them
        assert sorted(report.new_labels) == ["WEAPON", "organisation", "person"]
        assert report.new_roles == ["instrument", "about"]
        assert [s.rpartition("/")[2] for s in report.schemas] == ["annotation.conf"]
        got = {x.name: (x.parent, x.color) for x in fresh.labels()}
        assert [got[name] for name in ("ACTOR", "person", "organisation")] == [
            ("", "#1f77b4"), ("ACTOR", "#aec7e8"), ("ACTOR", "#ffbb78")]
        assert [(s.start, s.end, s.label) for s in fresh.spans(1)] == spans_before
        assert {r.name: r.labels for r in fresh.roles()}["instrument"] == ("WEAPON",)


def test_brat_import_with_a_bad_conf_changes_nothing(tmp_path):
    with store_with_schema() as store:
        export_documents(store, tmp_path / "out", fmt="brat")
    (tmp_path / "out" / "annotation.conf").write_text("[entities]\nA\n\t\tB\n", encoding="utf-8")
    with Store(":memory:") as fresh:
        before = fresh.labels()
        with pytest.raises(InputError, match=r"annotation\.conf:3"):
            import_paths(fresh, [tmp_path / "out"])
        assert fresh.labels() == before and fresh.document_count() == 0


def test_label_map_keeps_a_conf_label_out(tmp_path):
    with store_with_schema() as store:
        export_documents(store, tmp_path / "out", fmt="brat")
    with Store(":memory:") as fresh:
        options = ReadOptions(LabelSet(fresh.label_names(), {"organisation": "ACTOR"}))
        report = import_paths(fresh, [tmp_path / "out"], options=options)
        assert "organisation" not in fresh.label_names()
        assert sorted(report.new_labels) == ["WEAPON", "person"]
        assert sorted(s.label for s in fresh.spans(1)) == ["ACTOR", "EVENT", "PLACE"]


# ---- Label Studio -------------------------------------------------------------------------------


def test_label_studio_config_carries_the_schema_and_reads_back():
    xml = config_xml(SCHEMA)
    assert ('<Label value="person" background="#aec7e8" hint="a person, named" hotkey="4" '
            'hashiya-parent="ACTOR" hashiya-title="شخص"/>') in xml
    assert '<Relation value="instrument" hashiya-labels=\'["WEAPON"]\'' in xml
    back = read_config(xml.encode(), "c.xml")
    assert back.labels == LABELS
    assert described(back)[1] == described(SCHEMA)[1]


def test_label_studio_config_of_another_project():
    xml = """<View>
  <Text name="t" value="$text"/>
  <Labels name="ner" toName="t">
    <Label value="PER" background="red" hint="People"/>
    <Label value="LOC" background="#0F0" hotkey="l"/>
  </Labels>
  <Relations><Relation value="lives_in"/></Relations>
</View>"""
    schema = read_config(xml.encode(), "c.xml")
    assert [(x.name, x.color, x.description, x.key) for x in schema.labels] == [
        ("PER", "", "People", None), ("LOC", "#00ff00", "", None)]
    assert [(r.name, r.labels) for r in schema.roles] == [("lives_in", ())]


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<View><Labels name="l" toName="t"><Label value="&lol2;"/></Labels></View>"""


@pytest.mark.parametrize(("xml", "line", "message"), [
    (LAUGHS, 2, "document type declaration"),
    ("<View>\n<Labels>\n<Label value='A'>\n</Labels></View>", 4, "not well-formed"),
    ("<View>\n<Labels><Label value='&ext;'/></Labels></View>", 2, "not well-formed"),
    ("<Labels/>", 1, "start with <View>"),
    ("<View><Labels>\n<Label/></Labels></View>", 2, "a <Label> has no name"),
    ("<View><Labels>\n<Label value='A' hashiya-parent='B'/></Labels></View>", None, "parent B"),
    ("<View><Relations>\n<Relation value='lives in'/></Relations></View>", 2, "holds no spaces"),
    ("<View><Relations>\n<Relation value='r' hashiya-labels='ACTOR'/></Relations></View>", 2, "JSON list"),
    ("<View><Relations>\n<Relation value='r' hashiya-labels='[\"X\"]'/></Relations></View>", 2,
     "which the config does not define"),
])
def test_bad_label_studio_config_is_refused_naming_its_line(xml, line, message):
    with pytest.raises(InputError, match=r"c\.xml") as caught:
        read_config(xml.encode(), "c.xml")
    assert message in str(caught.value)
    if line is not None:
        assert caught.value.line == line


def test_label_studio_export_config_carries_sub_types(tmp_path):
    with store_with_schema() as store:
        export_documents(store, tmp_path / "k.json", fmt="labelstudio")
        back = read_schema_file(tmp_path / "k.config.xml")  # sub-types follow their label
        assert described(back) == described(Schema(tuple(tree_order(store.labels())), tuple(store.roles())))
        assert [x.name for x in back.labels][:3] == ["ACTOR", "person", "organisation"]


def test_schema_text_and_read_schema_file_agree(tmp_path):
    for fmt in ("brat", "labelstudio"):
        for name, text in schema_text(SCHEMA, fmt).items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_schema_file(tmp_path / "annotation.conf").labels == LABELS
    assert read_schema_file(tmp_path / "config.xml").labels == LABELS


# ---- Hugging Face -------------------------------------------------------------------------------


def test_hf_tag_names_list_every_label_of_the_schema(tmp_path):
    with store_with_schema() as store:
        export_documents(store, tmp_path / "train.jsonl", fmt="hf")
        order = store.label_names()  # the schema's order, sub-types included
    assert sorted(order) == sorted(x.name for x in LABELS)
    names = json.loads(labels_path(tmp_path / "train.jsonl").read_text(encoding="utf-8"))["ner_tags"]
    assert names == ["O", *(f"{p}-{name}" for name in order for p in "BI")]  # unused ones too
    features = json.loads((tmp_path / "train.features.json").read_text(encoding="utf-8"))
    assert features["ner_tags"]["feature"]["names"] == names


def test_hf_export_loads_with_datasets_and_its_features(tmp_path):
    datasets = pytest.importorskip("datasets")
    with store_with_schema() as store:
        export_documents(store, tmp_path / "train.jsonl", fmt="hf")
    features = datasets.Features.from_dict(
        json.loads((tmp_path / "train.features.json").read_text(encoding="utf-8")))
    data = datasets.load_dataset("json", data_files=str(tmp_path / "train.jsonl"), features=features,
                                 split="train", cache_dir=str(tmp_path / "cache"))
    tags = data.features["ner_tags"].feature
    assert tags.names[tags.str2int("B-WEAPON")] == "B-WEAPON"  # a label no span uses
    assert [tags.int2str(i) for i in data[0]["ner_tags"]] == [
        "B-EVENT", "B-organisation", "O", "B-PLACE", "O"]


def test_read_schema_file_by_content(tmp_path):
    path = tmp_path / "schema"
    path.write_text(config_xml(SCHEMA), encoding="utf-8")
    assert read_schema_file(path).labels == LABELS
    path.write_text(annotation_conf(SCHEMA), encoding="utf-8")
    assert [x.name for x in read_schema_file(path).labels] == [x.name for x in LABELS]


def test_zip_with_conf_in_a_folder(tmp_path):
    path = tmp_path / "c.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("news/doc.txt", TEXT)
        archive.writestr("news/doc.ann", "T1\tWEAPON 0 4\tقصفت\n")
        archive.writestr("news/annotation.conf", annotation_conf(SCHEMA))
    with Store(":memory:") as store:
        import_paths(store, [path])
        assert "WEAPON" in store.label_names()
        assert {x.name: x.parent for x in store.labels()}["person"] == "ACTOR"




def test_folder_import_takes_the_nearest_conf_up_to_the_folder_named(tmp_path):
    (tmp_path / "corpus" / "news").mkdir(parents=True)
    (tmp_path / "corpus" / "annotation.conf").write_text(annotation_conf(SCHEMA), encoding="utf-8")
    (tmp_path / "corpus" / "news" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "corpus" / "news" / "doc.ann").write_text("T1\tWEAPON 0 4\tقصفت\n", encoding="utf-8")
    (tmp_path / "annotation.conf").write_text("[entities]\nOUTSIDE\n", encoding="utf-8")  # above: not read
    with Store(":memory:") as store:
        report = import_paths(store, [tmp_path / "corpus"])
        assert [Path(s).parent.name for s in report.schemas] == ["corpus"]
        assert "WEAPON" in store.label_names() and "OUTSIDE" not in store.label_names()
    with Store(":memory:") as store:  # a pair named alone reads the conf in its own folder only
        with pytest.raises(InputError, match="unknown label"):
            import_paths(store, [tmp_path / "corpus" / "news" / "doc.ann"])


def test_brat_macro_that_would_explode_is_refused():
    conf = "[entities]\nA\n[events]\n<M>=" + "A|" * 200_000 + "A\nEVENT\tSource*:" + "<M>" * 50_000 + "\n"
    with pytest.raises(InputError, match="expands this line") as caught:
        read_conf(conf.encode(), "x.conf")
    assert caught.value.line == 5
