from __future__ import annotations

import codecs

import pytest

from model.errors import InputError
from model.textio import atomic_writer, decode_bytes, normalise_newlines, read_text_file

SENTENCE = "أعلنت وزارة الخارجية الروسية استدعاء سفير أذربيجان لدى موسكو."


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode(), "a.txt") == SENTENCE


def test_plain_utf8_is_read_as_is():
    assert decode_bytes("عاجل 🔴 | موسكو".encode(), "a.txt") == "عاجل 🔴 | موسكو"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + SENTENCE.encode(encoding), "a.txt") == SENTENCE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    assert decode_bytes(SENTENCE.encode(encoding), "a.txt") == SENTENCE


def test_windows_1256_arabic_sentence():
    assert decode_bytes(SENTENCE.encode("cp1256"), "a.txt") == SENTENCE


@pytest.mark.parametrize("word", ["موسكو", "في باكو"])
def test_windows_1256_short_text(word):
    assert decode_bytes(word.encode("cp1256"), "a.txt") == word


def test_crlf_and_lone_cr_become_lf():
    assert decode_bytes(b"one\r\ntwo\rthree\n", "a.txt") == "one\ntwo\nthree\n"
    assert normalise_newlines("\ufeffa\r\nb") == "a\nb"


def test_binary_file_is_refused_naming_it():
    with pytest.raises(InputError, match=r"^photo\.txt: binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"missing\.txt"):
        read_text_file(tmp_path / "missing.txt")


def test_atomic_writer_replaces_the_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with atomic_writer(out) as fh:
        fh.write("جديد\n")
    assert out.read_text(encoding="utf-8") == "جديد\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_writer_keeps_the_old_file_on_error(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_writer(out) as fh:
        fh.write("half")
        raise RuntimeError
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_writer_into_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot write"), atomic_writer(tmp_path / "no" / "out.jsonl"):
        pass
