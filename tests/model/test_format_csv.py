from __future__ import annotations

import csv

import pytest

from model.errors import InputError
from model.exporting import export_documents
from model.formats.base import ReadOptions
from model.importing import import_paths

from .peers import NEWS, at, build_corpus

FIRST = "عاجل 🔴 | اِسْتَدْعَتْ موسكو سفيرَ أذربيجان.\nوقالت الخارجية إنّ القرار نهائي."
SECOND = "باكو تردّ: الاعتقالات قانونية."


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def write_csv(path, *lines: str, newline: str = "\r\n", encoding: str = "utf-8") -> None:
    path.write_bytes(("\n".join(lines) + "\n").replace("\n", newline).encode(encoding))


def docs(store) -> list[tuple]:
    return [(d.ext_id, d.title, d.text, d.meta) for d in store.iter_documents()]


def test_rows_become_documents_with_multiline_cells_and_crlf(store, tmp_path):
    write_csv(tmp_path / "news.csv", "id,title,text,source",
              f"rt-1,موسكو تستدعي,{quoted(FIRST)},RT", "", f",,{quoted(SECOND)},AZ")
    report = import_paths(store, [tmp_path / "news.csv"])
    assert report.imported_count == 2
    assert docs(store) == [("rt-1", "موسكو تستدعي", FIRST, {}), ("news-2", "باكو تردّ: الاعتقالات قانونية.",
                                                                SECOND, {})]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1256"])
def test_common_encodings_are_decoded(store, tmp_path, encoding):
    text = SECOND if encoding == "cp1256" else FIRST  # cp1256 has no emoji
    write_csv(tmp_path / "news.csv", "text", quoted(text), encoding=encoding)
    import_paths(store, [tmp_path / "news.csv"])
    assert [d[2] for d in docs(store)] == [text]


def test_options_choose_text_id_title_and_meta_columns(store, tmp_path):
    write_csv(tmp_path / "news.csv", "body;ref;headline;date;url",
              f"{quoted(FIRST)};A-7;عنوان;2025-06-30;https://example.org/a")
    options = ReadOptions(text_column="body", id_column="ref", title_column="headline",
                          meta_columns=("date",))
    import_paths(store, [tmp_path / "news.csv"], options=options)
    assert docs(store) == [("A-7", "عنوان", FIRST, {"date": "2025-06-30"})]


@pytest.fixture
def corpus(store):
    build_corpus(store)
    return store


def read_rows(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))


def test_export_writes_one_row_per_span_in_code_points(corpus, tmp_path):
    report = export_documents(corpus, tmp_path / "spans.csv", fmt="csv")
    rows = read_rows(tmp_path / "spans.csv")
    assert len(rows) == report.spans == 7
    assert list(rows[0]) == ["doc_id", "span_id", "start", "end", "label", "text", "annotator", "event_links"]
    place = next(r for r in rows if r["text"] == "موسكو")
    assert (int(place["start"]), int(place["end"])) == at(NEWS, "موسكو")
    event = next(r for r in rows if r["label"] == "EVENT" and r["doc_id"] == "rt-0001")
    ids = {r["text"]: r["span_id"] for r in rows}
    assert event["event_links"] == f"source:{ids['موسكو']};target:{ids['رحمان مصطفاييف']};place:{ids['باكو']}"
    crossing = next(r for r in rows if r["doc_id"] == "harakat" and r["label"] == "EVENT")
    assert crossing["text"].count("\n") == 1


def test_export_defuses_formulas_but_keeps_negative_numbers(store, tmp_path):
    text = "=cmd() +1 -3 @SUM(A1)"
    doc = store.insert_document("=HYPERLINK(1)", text)
    for word in ("=cmd()", "+1", "-3", "@SUM(A1)"):
        store.add_span(doc, *at(text, word), "ACTOR", "-x")
    export_documents(store, tmp_path / "spans.csv", fmt="csv")
    rows = read_rows(tmp_path / "spans.csv")
    assert [r["text"] for r in rows] == ["'=cmd()", "'+1", "-3", "'@SUM(A1)"]
    assert {r["doc_id"] for r in rows} == {"'=HYPERLINK(1)"} and {r["annotator"] for r in rows} == {"'-x"}


BAD = {
    "missing_text_column": (["id,body", "1,نص"], 1, "no column 'text' (columns: id, body)"),
    "empty_text_cell": (["id,text", f"1,{quoted(FIRST)}", "2,  "], 4, "empty 'text' cell"),
    "ragged_row": (["id,text", f"1,{quoted(FIRST)}", "2,نص,زائد"], 4, "row has 3 cells but the header has 2"),
    "span_table": (["doc_id,span_id,start,end,label,text", "a,1,0,3,PLACE,نص"], 1, "this is a span table"),
    "unclosed_quote": (["id,text", '1,"نص بلا نهاية'], 2, "cannot read this row"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_table_is_refused_naming_file_and_line(store, state, tmp_path, name):
    lines, line, message = BAD[name]
    path = tmp_path / "news.csv"
    write_csv(path, *lines)
    before = state(store)
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)
    assert state(store) == before


def test_named_column_missing_is_refused(store, tmp_path):
    write_csv(tmp_path / "news.csv", "id,text", "1,نص")
    with pytest.raises(InputError, match=r"news\.csv:1: no column 'date' \(columns: id, text\)"):
        import_paths(store, [tmp_path / "news.csv"], options=ReadOptions(meta_columns=("date",)))


def test_binary_file_is_refused(store, state, tmp_path):
    (tmp_path / "news.csv").write_bytes(b"PK\x03\x04\x00\x00binary\x00\xff")
    before = state(store)
    with pytest.raises(InputError, match=r"news\.csv: binary file"):
        import_paths(store, [tmp_path / "news.csv"])
    assert state(store) == before
