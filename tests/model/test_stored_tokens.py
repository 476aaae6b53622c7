"""Tokens stored once by the index pass give token exports the output of tokenising at export."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

import model.tokenize
from model import search
from model.errors import CancelledError
from model.exporting import export_documents, iter_export_documents
from model.paths import SAMPLES
from model.schema import MIGRATIONS, SCHEMA_VERSION
from model.search import TOKENS_SETTING, pending, update_index
from model.store import Store
from model.textio import read_text_file
from model.tokenize import (
    StoredTokens,
    iob2_lines,
    stored_iob2_lines,
    stored_tagged_sentences,
    tagged_sentences,
    tokenize,
)
from tests.model.strategies import documents, news_texts, span_ranges, store_document

MODES = ("expand", "strict")
SHARED_SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
LABELS = ("ACTOR", "EVENT", "PLACE")


def sample_texts() -> list[str]:
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(SHARED_SAMPLES.glob("*.txt"))
    return [read_text_file(path) for path in paths]


def stored(text: str) -> StoredTokens:
    """The tokens as the index stores them, read back from their database row."""
    return StoredTokens.from_row(*StoredTokens.of(text).to_row())


def as_lists(tokens: StoredTokens) -> tuple[str, list[int], list[int]]:
    return tokens.joined, list(tokens.starts), list(tokens.offsets)


def same_as_reference(text: str, spans: list[tuple[int, int, str]], mode: str) -> None:
    """CoNLL lines and the sentences of (token, tag) pairs (Hugging Face) as tokenising gives."""
    tokens = stored(text)
    assert stored_iob2_lines(text, spans, mode, tokens) == iob2_lines(text, spans, mode)
    assert stored_tagged_sentences(text, spans, mode, tokens) == tagged_sentences(text, spans, mode)


def whole_token_spans(text: str, rng: random.Random, count: int) -> list[tuple[int, int, str]]:
    """Spans over one to three whole tokens, and some inside a token (a clitic's word)."""
    tokens = tokenize(text)
    spans = set()
    for _ in range(count):
        i = rng.randrange(len(tokens))
        j = min(len(tokens), i + rng.choice((1, 1, 2, 3)))
        start, end = tokens[i][0], tokens[j - 1][1]
        if end - start > 3 and rng.random() < 0.3:
            start += rng.choice((1, 2))  # بموسكو tagged موسكو
        spans.add((start, end, rng.choice(LABELS)))
    return sorted(spans)


@pytest.mark.parametrize("mode", MODES)
def test_sample_articles_export_as_the_reference_does(mode):
    texts = sample_texts()
    assert len(texts) >= 3
    rng = random.Random(5)
    for text in texts:
        same_as_reference(text, [], mode)
        for _ in range(40):
            same_as_reference(text, whole_token_spans(text, rng, rng.randint(1, 30)), mode)
        for _ in range(40):  # edges anywhere: overlaps, spaces, sentence breaks inside spans
            spans = set()
            for _ in range(rng.randint(1, 12)):
                start = rng.randrange(len(text))
                spans.add((start, min(len(text), start + rng.randint(1, 40)), rng.choice(LABELS)))
            same_as_reference(text, sorted(spans), mode)


TRICKY = [
    "العلم 🇸🇦 والأسرة 👨\u200d👩\u200d👧 والشرطية 👮\u200d♀️ ❤️ 👍🏽 انتهى.",
    "ارتفع 3.5 بالمئة إلى 1,000 دولار أو ٣٫٥ و١٬٠٠٠ في 27/06/2025. U.S. وافقت.",
    "وَبِمُوسْكُو قالَ الكَرْمَلِينُ إنّ العلاقــــات صعبة.",
    "سطر أول\nسطر ثان\n\nفقرة جديدة\n",
    "كلمات   بينها    مسافات\u00a0وفاصل\u200bخفي",
    'قال: «انتهى الأمر.» ثم غادر. وسأل "لماذا؟" ولم يجب! هل؟! نعم…\nآخر',
    "بموسكو وبباكو ولموسكو",
    "؟ بداية بعلامة",
    "موسكو",
    "  \n ",
    "",
    "نهاية بنقطة.",
    "جملة أولى. جملة ثانية؟ جملة ثالثة!",
    "فواصل\x1eغريبة\x1fبين\x1c\x1dالكلمات.\x1e\r\nنهاية",  # the stored form's own separators
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_export_as_the_reference_does_for_every_span(text, mode):
    """Every span of up to three tokens' width, with edges on and inside tokens."""
    same_as_reference(text, [], mode)
    edges = sorted({0, len(text), *(e for tok in tokenize(text) for e in tok), *range(0, len(text), 3)})
    for start in edges:
        for end in edges:
            if start < end <= start + 24:
                same_as_reference(text, [(start, end, "PLACE")], mode)


@pytest.mark.parametrize("mode", MODES)
def test_overlaps_clitics_breaks_and_text_edges_export_as_the_reference_does(mode):
    text = "بموسكو قالت زاخاروفا. وفي باكو 🇦🇿 ردّ الوزير.\nثم انتهى"
    cases = [
        [(1, 6, "PLACE")],  # موسكو inside بموسكو
        [(0, 6, "PLACE"), (7, 20, "ACTOR"), (12, 20, "ACTOR")],  # nested: the longer wins
        [(7, 11, "EVENT"), (7, 11, "ACTOR")],  # the same range twice
        [(12, 27, "EVENT")],  # across the sentence break after زاخاروفا.
        [(0, 3, "PLACE"), (len(text) - 5, len(text), "EVENT")],  # at the start and the end
        [(44, 50, "ACTOR")],  # across the newline
        [(31, 34, "PLACE")],  # the flag
        [(20, 21, "EVENT")],  # the full stop alone
        [(19, 23, "EVENT"), (22, 26, "ACTOR"), (25, 33, "PLACE")],  # a chain of overlaps
    ]
    for spans in cases:
        same_as_reference(text, spans, mode)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), mode=st.sampled_from(MODES))
def test_generated_news_exports_as_the_reference_does(data, mode):
    text = data.draw(news_texts)
    spans = data.draw(span_ranges(text))
    same_as_reference(text, spans, mode)


def test_entities_within_sentences_take_the_fast_path(monkeypatch):
    """Only overlaps or a sentence break inside an entity send a document back to tokenising."""
    text = sample_texts()[0]
    tokens = tokenize(text)
    spans = [(tokens[i][0], tokens[i][1], "ACTOR") for i in range(0, len(tokens), 7)]
    want = iob2_lines(text, spans, "expand")

    def refused(*args: object) -> None:
        raise AssertionError("took the tokenising path")

    want_sentences = tagged_sentences(text, spans, "expand")
    monkeypatch.setattr(model.tokenize, "iob2_lines", refused)
    monkeypatch.setattr(model.tokenize, "tagged_sentences", refused)
    monkeypatch.setattr(model.tokenize, "tokenize", refused)
    assert stored_iob2_lines(text, spans, "expand", stored(text)) == want
    assert stored_tagged_sentences(text, spans, "expand", stored(text)) == want_sentences


def test_a_split_export_tokenises_as_before():
    text = "بموسكو قالت زاخاروفا."
    spans = [(1, 6, "PLACE")]
    assert stored_iob2_lines(text, spans, "split", stored(text)) == iob2_lines(text, spans, "split")


def test_stored_form_keeps_tokens_and_sentences():
    text = "قال: «انتهى.» ثم غادر\nالوفد 3.5"
    tokens = stored(text)
    assert tokens.joined == "قال\n:\n«\nانتهى\n.\n»\x1eثم\nغادر\x1eالوفد\n3.5\n"
    assert list(tokens.starts) == [s for s, _ in tokenize(text)]
    assert tokens.offsets[-1] == len(tokens.joined)


def test_long_texts_store_four_byte_offsets():
    text = "كلمة " * 20000
    joined, starts, offsets, width = StoredTokens.of(text).to_row()
    assert width == 4 and len(starts) == 4 * 20000
    assert stored_iob2_lines(text, [(99990, 99994, "PLACE")], "expand", StoredTokens.from_row(
        joined, starts, offsets, width)) == iob2_lines(text, [(99990, 99994, "PLACE")], "expand")


# ---- the index pass stores them; exports read them ---------------------------------------------


def make_store(path: Path, count: int = 12) -> Store:
    store = Store(path)
    rng = random.Random(3)
    texts = sample_texts()
    for n in range(count):
        base = texts[n % len(texts)]
        cut = rng.randrange(len(base) // 2)
        text = f"{n} {base[cut:]}"
        store_document(store, text, whole_token_spans(text, rng, 10), ext_id=f"d{n}")
    return store


def export(store: Store, tmp_path: Path, mode: str, name: str) -> bytes:
    """The CoNLL and Hugging Face exports' bytes."""
    written = b""
    for fmt in ("conll", "hf"):
        out = tmp_path / f"{name}-{mode}.{fmt}"
        export_documents(store, out, fmt, split=mode)
        written += out.read_bytes()
    return written


def token_rows(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM document_tokens").fetchone()[0])


@pytest.mark.parametrize("mode", MODES)
def test_export_with_and_without_stored_tokens_is_the_same(tmp_path, mode):
    store = make_store(tmp_path / "c.db")
    before = export(store, tmp_path, mode, "unindexed")
    update_index(store)
    assert token_rows(store) == store.document_count()
    assert all(item.tokens is not None for item in iter_export_documents(store, tokens=True))
    assert export(store, tmp_path, mode, "indexed") == before
    store.conn.execute("DELETE FROM document_tokens WHERE id % 2 = 0")  # some wait for the index
    assert export(store, tmp_path, mode, "half") == before


def test_deleting_a_document_deletes_its_tokens(tmp_path):
    store = make_store(tmp_path / "c.db", 3)
    update_index(store)
    doc_id = store.document_ids()[1]
    store.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    ids = [row[0] for row in store.conn.execute("SELECT id FROM document_tokens")]
    assert doc_id not in ids and len(ids) == 2
    assert pending(store) == 0


def test_tokens_of_other_rules_are_not_used_and_are_made_again(tmp_path, monkeypatch):
    store = make_store(tmp_path / "c.db", 4)
    update_index(store)
    want = export(store, tmp_path, "expand", "now")
    store.conn.execute("UPDATE document_tokens SET joined = 'x\n'")  # would give wrong output
    store.set_setting(TOKENS_SETTING, "0 unicode 1.0")
    assert pending(store) == 4
    assert all(item.tokens is None for item in iter_export_documents(store, tokens=True))
    assert export(store, tmp_path, "expand", "stale") == want
    assert update_index(store) == 4
    assert store.setting(TOKENS_SETTING) == model.tokenize.STORED_TOKENS_VERSION
    assert pending(store) == 0
    assert export(store, tmp_path, "expand", "again") == want


def test_a_database_indexed_before_stored_tokens_catches_up_only_the_tokens(tmp_path):
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(4):
        MIGRATIONS[version](Database(conn))
    conn.execute("PRAGMA user_version = 4")
    texts = ["قال الوزير في موسكو. ثم غادر.", "وصل الوفد إلى باكو 🇦🇿 أمس"]
    for n, text in enumerate(texts):
        conn.execute(
            "INSERT INTO documents (ext_id, text, content_hash) VALUES (?, ?, ?)", (f"d{n}", text, n)
        )
    # indexed for search by the previous version, which had no tokens
    conn.execute("INSERT INTO search_text (id, body) SELECT id, text FROM documents")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text_fts'").fetchone():
        conn.execute("INSERT INTO search_text_fts (rowid, body) SELECT id, body FROM search_text")
        conn.execute("INSERT INTO search_tail (id, tail) SELECT id, substr(body, -2) FROM search_text")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        copies = store.conn.execute("SELECT * FROM search_text ORDER BY id").fetchall()
        assert pending(store) == 2
        assert update_index(store) == 2
        assert pending(store) == 0
        assert store.conn.execute("SELECT * FROM search_text ORDER BY id").fetchall() == copies
        rows = store.conn.execute(
            "SELECT id, joined, starts, offsets, width FROM document_tokens ORDER BY id"
        )
        for (_, *row), text in zip(rows, texts, strict=True):
            assert as_lists(StoredTokens.from_row(*row)) == as_lists(StoredTokens.of(text))
        assert [d.ext_id for d in store.document_summaries(search="باكو")] == ["d1"]


def test_pending_counts_from_small_indexes_not_the_rows(tmp_path):
    store = make_store(tmp_path / "c.db", 2)
    plan = " ".join(str(row[3]) for row in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM document_tokens"))
    assert "COVERING INDEX document_tokens_count" in plan


def test_update_index_commits_each_batch_and_a_cancel_keeps_those_done(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "BATCH", 2)
    path = tmp_path / "c.db"
    store = make_store(path, 5)
    other = Store(path, busy_timeout_ms=50)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        other.set_status(other.document_ids()[0], "done")  # another window's edit: not blocked
        return len(seen) < 2

    with pytest.raises(CancelledError):
        update_index(store, progress)
    assert seen == [(2, 5), (4, 5)]
    assert pending(other) == 1  # the two batches done are committed, seen from another connection
    assert token_rows(other) == 4
    seen.clear()
    assert update_index(store, lambda done, total: seen.append((done, total)) is None) == 1
    assert seen == [(1, 1)]
    assert pending(store) == 0
    other.close()
    store.close()


@settings(max_examples=300, deadline=None)
@given(doc=documents(), mode=st.sampled_from(MODES))
def test_generated_whole_token_spans_export_as_the_reference_does(doc, mode):
    text, spans = doc
    same_as_reference(text, spans, mode)
