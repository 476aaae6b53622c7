"""Wording helpers: quoting and shortening text from data, counting nouns."""

from __future__ import annotations

from model.text import keyword_in_context, plural, quote, shorten


def test_quote_wraps_short_text_in_single_quotes():
    assert quote("موسكو") == "‘موسكو’"


def test_quote_collapses_whitespace_runs_to_one_space():
    assert quote("  وزارة\n\tالخارجية   الروسية ") == "‘وزارة الخارجية الروسية’"


def test_quote_shortens_past_the_limit_with_an_ellipsis():
    text = "أعلنت وزارة الخارجية الروسية استدعاء سفير أذربيجان"
    assert quote(text) == f"‘{text[:29]}…’"
    assert len(quote(text)) == 32  # 30 characters between the quote marks
    assert quote(text, 10) == f"‘{text[:9]}…’"
    assert quote(text[:30]) == f"‘{text[:30]}’"  # exactly the limit: kept whole


def test_shorten_is_quote_without_the_marks():
    assert shorten("باكو\nوموسكو", 30) == "باكو وموسكو"
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("", 5) == ""


def test_plural_counts_nouns():
    assert plural(1, "span") == "1 span"
    assert plural(2, "span") == "2 spans"
    assert plural(0, "document") == "0 documents"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"


def test_keyword_in_context_brackets_the_match_and_cuts_at_word_edges():
    text = "أعلنت وزارة الخارجية الروسية استدعاء سفير أذربيجان لدى موسكو، رحمان مصطفاييف"
    start = text.index("استدعاء")
    line = keyword_in_context(text, start, start + len("استدعاء"), width=20)
    assert "⟦استدعاء⟧" in line
    assert line.startswith("…") and line.endswith("…")
    before, after = line[1:-1].split("⟦استدعاء⟧")
    assert text.find(before.strip()) != -1 and text.find(after.strip()) != -1  # whole words only


def test_keyword_in_context_keeps_short_texts_whole():
    assert keyword_in_context("في باكو.", 3, 7) == "في ⟦باكو⟧."
