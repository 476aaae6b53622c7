from __future__ import annotations

import zipfile

import pytest

from model.errors import InputError
from model.exporting import export_documents
from model.importing import collect_files, import_paths
from model.store import Store

from .peers import NEWS, at, build_corpus, snapshot

TEXT = "عاجل 🔴 | استدعت موسكو سفيرَ أذربيجان في باكو."


def t_line(ident: str, label: str, text: str, word: str) -> str:
    start, end = at(text, word)
    return f"{ident}\t{label} {start} {end}\t{word}"


ANN = "\n".join([
    t_line("T1", "EVENT", TEXT, "استدعت"),
    t_line("T2", "PLACE", TEXT, "موسكو"),
    t_line("T3", "ACTOR", TEXT, "سفيرَ أذربيجان"),
    t_line("T4", "PLACE", TEXT, "باكو"),
    "E1\tEVENT:T1 Source:T2 Target:T3",
    "R1\tPlace Arg1:T1 Arg2:T4",
    "A1\tNegation E1",
    "#1\tAnnotatorNotes T1\tملاحظة",
    "N1\tReference T4 Wikipedia:Baku\tباكو",
]) + "\n"


def write_pair(folder, stem: str = "doc", text: str = TEXT, ann: str = ANN, newline: str = "\n"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    (folder / f"{stem}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{stem}.ann"


def stored(store: Store) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]:
    (doc_id,) = store.document_ids()
    text = store.document(doc_id).text
    spans = store.spans(doc_id)
    words = {s.id: text[s.start : s.end] for s in spans}
    relations = sorted((words[r.event_id], words[r.argument_id], r.role) for r in store.relations(doc_id))
    return text, sorted((words[s.id], s.label) for s in spans), relations


def test_pair_imports_spans_event_arguments_and_relations(store, tmp_path):
    report = import_paths(store, [write_pair(tmp_path)])
    text, spans, relations = stored(store)
    assert text == TEXT and store.document(report.imported[0]).ext_id == "doc"
    assert ("موسكو", "PLACE") in spans and len(spans) == 4
    assert relations == [("استدعت", "باكو", "place"), ("استدعت", "سفيرَ أذربيجان", "target"),
                         ("استدعت", "موسكو", "source")]


def test_txt_path_imports_with_its_ann(store, tmp_path):
    write_pair(tmp_path)
    import_paths(store, [tmp_path / "doc.txt"])
    assert len(stored(store)[1]) == 4


def test_folder_reads_each_pair_once(store, tmp_path):
    write_pair(tmp_path, "a")
    write_pair(tmp_path, "b", text=TEXT + " ثانٍ")
    assert [p.name for p, _ in collect_files([tmp_path])] == ["a.ann", "b.ann"]
    assert import_paths(store, [tmp_path]).imported_count == 2


def test_crlf_and_bom_text_keeps_offsets_counted_by_brat(store, tmp_path):
    text = "\ufeffسطر أول\n" + TEXT  # brat counts the BOM and each CR (brat#853)
    raw = text.replace("\n", "\r\n")
    start, end = at(raw, "باكو")
    write_pair(tmp_path, text=text, newline="\r\n", ann=f"T1\tPLACE {start} {end}\tباكو\n")
    import_paths(store, [tmp_path / "doc.ann"])
    text, spans, _ = stored(store)
    assert "\r" not in text and not text.startswith("\ufeff")
    assert spans == [("باكو", "PLACE")]


def test_fragments_split_only_by_whitespace_become_one_span(store, tmp_path):
    text = "استدعت موسكو\nسفيرَ أذربيجان."
    a, b = at(text, "موسكو"), at(text, "سفيرَ")
    write_pair(tmp_path, text=text, ann=f"T1\tACTOR {a[0]} {a[1]};{b[0]} {b[1]}\tموسكو سفيرَ\n")
    import_paths(store, [tmp_path / "doc.ann"])
    assert stored(store)[1] == [("موسكو\nسفيرَ", "ACTOR")]


def test_zip_of_pairs_imports_each_document(store, tmp_path):
    path = tmp_path / "corpus.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("news/doc.txt", TEXT)
        archive.writestr("news/doc.ann", ANN)
        archive.writestr("news/bare.txt", "خبر بلا وسوم.")
        archive.writestr("annotation.conf", "[entities]\nPLACE\n")
    report = import_paths(store, [path])
    assert sorted(store.document(i).ext_id for i in report.imported) == ["bare", "doc"]
    assert report.spans == 4


@pytest.fixture
def corpus(store):
    build_corpus(store)
    return store


@pytest.mark.parametrize("out_name", ["brat-out", "brat-out.zip"])
def test_export_then_import_gives_identical_documents(corpus, tmp_path, out_name):
    export_documents(corpus, tmp_path / out_name, fmt="brat")
    with Store(":memory:") as fresh:
        import_paths(fresh, [tmp_path / out_name])
        assert snapshot(fresh) == snapshot(corpus)


def test_export_writes_event_lines_and_annotation_conf(corpus, tmp_path):
    export_documents(corpus, tmp_path / "out", fmt="brat")
    ann = (tmp_path / "out" / "rt-0001.ann").read_text(encoding="utf-8")
    event = next(s for s in corpus.spans(1) if s.label == "EVENT")
    e_line = next(line for line in ann.splitlines() if line.startswith("E"))
    assert e_line.startswith(f"E{event.id}\tEVENT:T{event.id} Source:T")
    assert " Target:T" in e_line and " Place:T" in e_line
    start, end = at(NEWS, "موسكو")
    assert f"\tPLACE {start} {end}\tموسكو" in ann  # code points: the emoji counts once
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    sections = [line for line in conf.splitlines() if line.startswith("[")]
    assert sections == ["[entities]", "[relations]", "[events]", "[attributes]"]
    assert "\nACTOR\nPLACE\n" in conf and "\nEVENT\tSource*:" in conf


def test_export_file_names_stay_inside_the_folder(store, tmp_path):
    for n, ext_id in enumerate(["../../evil", "a/b", "a_b", ".hidden", "CON", "مقال/١"]):
        store.insert_document(ext_id, f"نص رقم {n}")
    out = tmp_path / "deep" / "out"
    out.parent.mkdir()
    export_documents(store, out, fmt="brat")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [f"{stem}{ext}" for stem in ["_.._evil", "a_b", "a_b-2", "hidden", "_CON", "مقال_١"]
         for ext in (".txt", ".ann")] + ["annotation.conf", "visual.conf"])
    assert all(p.parent == out for p in tmp_path.rglob("*") if p.is_file())


def test_export_replaces_an_earlier_export_but_not_another_folder(corpus, tmp_path):
    out = tmp_path / "out"
    export_documents(corpus, out, fmt="brat")
    (out / "stale.txt").write_text("من تصدير سابق")
    export_documents(corpus, out, fmt="brat")
    assert not (out / "stale.txt").exists()
    (out / "notes.md").write_text("ملاحظات المستخدم")
    with pytest.raises(InputError, match="not an earlier brat export"):
        export_documents(corpus, out, fmt="brat")
    assert (out / "notes.md").exists() and (out / "rt-0001.ann").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left


BAD_ANN = {
    "offsets_past_the_text": ("T9\tPLACE 40 99\tباكو", "T9 span 40–99 is outside the text"),
    "text_mismatch": (t_line("T9", "PLACE", TEXT, "موسكو").replace("\tموسكو", "\tباكو"),
                      "T9 says ‘باكو’ but the text there is ‘موسكو’"),
    "unknown_label": (t_line("T9", "CITY", TEXT, "باكو"), 'T9 has unknown label "CITY"'),
    "event_missing_t": ("E9\tEVENT:T1 Place:T77", "E9 refers to T77, which is not a defined"),
    "malformed_line": ("T9 PLACE 0 4 باكو", "cannot read"),
    "bad_offsets": ("T9\tPLACE 0 x\tعاجل", "T9 has offsets"),
    "fragments_with_text_between": ("T9\tPLACE 0 4;23 27\tعاجل موسك", "with text between them"),
    "duplicate_id": (t_line("T1", "PLACE", TEXT, "باكو"), "T1 is defined twice"),
}


@pytest.mark.parametrize("name", BAD_ANN)
def test_bad_ann_line_is_refused_naming_file_and_line(store, state, tmp_path, name):
    bad, message = BAD_ANN[name]
    path = write_pair(tmp_path, ann=ANN + "\n" + bad + "\n")  # the blank line counts: bad is line 11
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value).startswith(f"{path}:11: ")
    assert message in str(info.value)
    assert state(store) == before


@pytest.mark.parametrize(("member", "message"), [
    ("../evil.txt", "member ‘../evil.txt’ has an absolute path or '..'"),
    ("/etc/evil.txt", "member ‘/etc/evil.txt’ has an absolute path or '..'"),
    ("news/lonely.ann", "news/lonely.ann: no lonely.txt beside it"),
])
def test_unsafe_or_unpaired_zip_member_is_refused(store, state, tmp_path, member, message):
    path = tmp_path / "corpus.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("news/doc.txt", TEXT)
        archive.writestr("news/doc.ann", ANN)
        archive.writestr(member, ANN if member.endswith(".ann") else TEXT + " آخر")
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)
    assert state(store) == before


def test_txt_without_ann_named_as_brat_is_refused(store, tmp_path):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match=r"doc\.txt: no doc\.ann beside it"):
        import_paths(store, [tmp_path / "doc.txt"], fmt="brat")
