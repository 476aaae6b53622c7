from __future__ import annotations

import shutil

import pytest

from model.errors import CancelledError, InputError, UsageError
from model.importing import collect_files, import_paths
from model.paths import SAMPLES


@pytest.fixture
def corpus(tmp_path):
    """samples/ with the three articles in nested folders, plus files to pass over."""
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(SAMPLES / "000-seed.txt", root / "b" / "seed.txt")
    shutil.copy(SAMPLES / "001-mixed-script.txt", root / "a.txt")
    shutil.copy(SAMPLES / "002-harakat-clitics.txt", root / "b" / "c.TXT")
    shutil.copy(SAMPLES / "000-seed.txt", root / ".hidden" / "x.txt")
    (root / "notes.md").write_text("# not an article")
    return root


def test_folder_is_walked_recursively_in_sorted_order(corpus):
    assert [p.relative_to(corpus).as_posix() for p, _ in collect_files([corpus])] == [
        "a.txt", "b/c.TXT", "b/seed.txt"
    ]


def test_txt_import_takes_id_title_and_source_from_the_file(store, corpus):
    report = import_paths(store, [corpus / "b" / "seed.txt"])
    doc = store.document(report.imported[0])
    assert (doc.ext_id, doc.meta, doc.status) == ("seed", {"source": "seed.txt"}, "new")
    assert doc.title == "توتر غير مسبوق بين روسيا وأذربيجان"
    assert doc.text == (SAMPLES / "000-seed.txt").read_text(encoding="utf-8")


def test_report_counts_what_was_imported(store, corpus):
    report = import_paths(store, [corpus])
    assert (report.imported_count, report.skipped_count, report.files) == (3, 0, 3)
    assert report.imported == store.document_ids()


def test_reimport_skips_duplicates_naming_the_stored_document(store, corpus):
    import_paths(store, [corpus])
    report = import_paths(store, [corpus / "a.txt"])
    assert report.imported == []
    assert report.skipped == [(str(corpus / "a.txt"), "a")]
    assert store.document_count() == 3


def test_duplicate_within_one_import_is_skipped(store, corpus):
    report = import_paths(store, [corpus / "b" / "seed.txt", SAMPLES / "000-seed.txt"])
    assert report.imported_count == 1
    assert report.skipped == [(str(SAMPLES / "000-seed.txt"), "seed")]


def test_clashing_file_names_get_distinct_ids(store, tmp_path):
    for folder, text in (("x", "الخبر الأول"), ("y", "الخبر الثاني")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(text, encoding="utf-8")
    import_paths(store, [tmp_path])
    assert [d.ext_id for d in store.document_summaries()] == ["news", "news-2"]


def test_error_in_any_file_rolls_back_the_whole_import(store, state, corpus):
    import_paths(store, [corpus / "a.txt"])
    before = state(store)
    (corpus / "z.txt").write_bytes(b"\x00\x01\x02\x03binary")
    with pytest.raises(InputError, match=r"z\.txt: binary file"):
        import_paths(store, [corpus])
    assert state(store) == before


def test_empty_text_file_is_refused(store, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: empty file"):
        import_paths(store, [tmp_path / "empty.txt"])


def test_named_file_with_unknown_extension_is_refused(store, corpus):
    with pytest.raises(InputError, match=r"notes\.md: unknown file type \.md"):
        import_paths(store, [corpus / "notes.md"])


def test_format_option_reads_any_extension(store, corpus):
    assert import_paths(store, [corpus / "notes.md"], fmt="txt").imported_count == 1


def test_folder_without_importable_files_is_refused(store, tmp_path):
    with pytest.raises(InputError, match="no files to import"):
        import_paths(store, [tmp_path])


def test_missing_path_is_refused(store, tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        import_paths(store, [tmp_path / "nope.txt"])


def test_unknown_format_name_is_refused(store, corpus):
    with pytest.raises(UsageError):
        import_paths(store, [corpus], fmt="docx")


def test_progress_is_reported_per_file(store, corpus):
    calls = []
    import_paths(store, [corpus], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_cancel_from_progress_rolls_back(store, state, corpus):
    before = state(store)
    with pytest.raises(CancelledError):
        import_paths(store, [corpus], progress=lambda done, total: done < 2)
    assert state(store) == before


def test_stray_zip_in_a_folder_is_passed_over(store, tmp_path):
    import zipfile

    (tmp_path / "a.txt").write_text("خبر من بيروت", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "backup.zip", "w") as zf:
        zf.writestr("notes.md", "not an article")
    report = import_paths(store, [tmp_path])
    assert report.imported_count == 1
