"""Hostile input through the command line: exit 2, one line naming the file and line, the
database unchanged, and the native export still working afterwards."""

from __future__ import annotations

import json
import zipfile

import pytest

from model.store import Store

ARABIC = "استدعت موسكو سفير أذربيجان في باكو احتجاجا على تصريحات رسمية.\n"


@pytest.fixture
def seeded(run, tmp_path):
    """A database holding one document, and a check that a refused import left it as it was."""
    db = tmp_path / "a.db"
    seed = tmp_path / "seed.jsonl"
    seed.write_text(json.dumps({"id": "seed", "text": ARABIC}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("import", seed, "--db", db).code == 0
    return db


def assert_refused(run, dump, db, path, where: str, words: str, *extra: object) -> str:
    before = dump(db)
    result = run("import", path, "--db", db, *extra)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"hashiya: {where}: "), result.err
    assert words in result.err
    assert dump(db) == before
    with Store(db) as store:
        assert store.document_count() == 1
    out = db.with_name("after.jsonl")
    exported = run("export", "--db", db, "--format", "jsonl", "--out", out)
    assert exported.code == 0, exported.err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    return result.err


def test_deeply_nested_json_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "نص", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    assert_refused(run, dump, seeded, path, f"{path}:1", "nested too deeply")


def test_huge_integer_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "big.jsonl"
    big = '{"text": "نص آخر", "meta": {"n": ' + "1" * 5000 + "}}"
    path.write_text('{"text": "نص"}\n' + big + "\n", encoding="utf-8")
    assert_refused(run, dump, seeded, path, f"{path}:2", "digits")


def test_nan_in_meta_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "nan.jsonl"
    path.write_text('{"text": "نص", "meta": {"score": NaN}}\n', encoding="utf-8")
    assert_refused(run, dump, seeded, path, f"{path}:1", "NaN")


def test_nul_in_jsonl_text_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "nul.jsonl"
    path.write_text('{"text": "نص"}\n{"text": "موسكو\\u0000باكو"}\n', encoding="utf-8")
    assert_refused(run, dump, seeded, path, f"{path}:2", "NUL")


def test_nul_in_brat_text_exits_2(run, dump, seeded, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text("سطر\nموسكو\x00\n", encoding="utf-8")
    (folder / "doc.ann").write_text("T1\tPLACE 4 9\tموسكو\n", encoding="utf-8")
    assert_refused(run, dump, seeded, folder / "doc.ann", f"{folder / 'doc.txt'}:2", "NUL")


def test_one_bad_byte_in_utf8_txt_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes((ARABIC * 2).encode() + b"abc\xfe" + (ARABIC * 4).encode())
    err = assert_refused(run, dump, seeded, path, f"{path}:3", "invalid UTF-8 byte 0xfe at line 3, byte 4")
    assert "rest of the file is UTF-8" in err


def test_zip_bomb_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", ARABIC)
        archive.writestr("a.ann", "")
        with archive.open("b.txt", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(65):
                fh.write(block)
        archive.writestr("b.ann", "")
    assert_refused(run, dump, seeded, path, f"{path}/b.txt", "64 MB", "--format", "brat")


def test_label_with_control_character_exits_2(run, dump, seeded, tmp_path):
    path = tmp_path / "lab.jsonl"
    line = json.dumps({"text": "موسكو باكو", "spans": [{"start": 0, "end": 5, "label": "PLACE\u0007"}]})
    path.write_text(line + "\n", encoding="utf-8")
    assert_refused(run, dump, seeded, path, f"{path}:1", "printable", "--add-labels")


def test_three_thousand_documents_sharing_one_id_import(run, seeded, tmp_path):
    path = tmp_path / "same.jsonl"
    path.write_text("".join(json.dumps({"id": "seed", "text": f"نص {n}"}) + "\n" for n in range(3000)),
                    encoding="utf-8")
    result = run("import", path, "--db", seeded)
    assert result.code == 0, result.err
    assert result.out.startswith("3000 imported")
    out = tmp_path / "all.jsonl"
    assert run("export", "--db", seeded, "--format", "jsonl", "--out", out).code == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 3001
