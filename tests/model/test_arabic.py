from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.arabic import find_all, normalise, snap_to_words, word_at

TEXT = "قال الكرملين، إن العلاقات مع باكو صعبة."


def sel(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_snap_trims_spaces_and_punctuation():
    start, end = sel(TEXT, " الكرملين، ")
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == "الكرملين"


def test_snap_widens_a_partial_selection_to_the_word():
    start, _ = sel(TEXT, "الكرملين")
    assert TEXT[slice(*snap_to_words(TEXT, start + 2, start + 4))] == "الكرملين"


def test_snap_widens_to_the_whole_clitic_word():
    text = "وصل الوفد بموسكو أمس"
    start, end = sel(text, "موسكو")
    assert text[slice(*snap_to_words(text, start, end))] == "بموسكو"


def test_snap_keeps_harakat_inside_words():
    text = "اِسْتَدْعَتْ وِزارَةُ الخارِجِيَّةِ"
    start, end = sel(text, "وِزارَةُ")
    assert text[slice(*snap_to_words(text, start + 1, end - 2))] == "وِزارَةُ"


def test_snap_of_punctuation_only_is_empty():
    start, end = sel(TEXT, "، ")
    a, b = snap_to_words(TEXT, start, end)
    assert a == b


def test_word_at_finds_the_word_under_the_cursor():
    start, end = sel(TEXT, "باكو")
    assert word_at(TEXT, start + 1) == (start, end)
    assert word_at(TEXT, end) == (start, end)  # cursor just after the word


def test_find_all_ignores_harakat():
    text = "وَبِموسكو قالَ الكرملين"
    assert [text[a:b] for a, b in find_all(text, "قال")] == ["قالَ"]


def test_find_all_ignores_tatweel():
    text = "إن العلاقــــات مع باكو"
    assert [text[a:b] for a, b in find_all(text, "العلاقات")] == ["العلاقــــات"]


def test_find_all_folds_alef_variants_taa_marbuta_and_alef_maqsura():
    text = "أذربيجان وآذربيجان وإذربيجان، المرحلة الصعبه، مستشفى"
    assert len(find_all(text, "اذربيجان")) == 3
    assert len(find_all(text, "المرحله الصعبة")) == 1
    assert len(find_all(text, "مستشفي")) == 1


def test_find_all_maps_back_to_original_offsets():
    text = "اِسْتَدْعَتْ وِزارَةُ الخارِجِيَّةِ بِموسكو"
    hits = find_all(text, "وزارة الخارجية")
    assert [text[a:b] for a, b in hits] == ["وِزارَةُ الخارِجِيَّةِ"]
    assert hits[0][0] == text.index("وِزارَةُ")


def test_find_all_inside_a_clitic_word():
    text = "وَبِموسكو وموسكو"
    assert [text[a:b] for a, b in find_all(text, "موسكو")] == ["موسكو", "موسكو"]


def test_find_all_of_harakat_only_query_finds_nothing():
    assert find_all(TEXT, "\u064e\u0651") == []


ARABIC = st.text(alphabet="ابتموسكأإآةىـ\u064e\u064f\u0650\u0651\u0652 ،", max_size=40)


@given(ARABIC, ARABIC.filter(lambda q: normalise(q).text.strip() != ""))
def test_every_match_normalises_to_the_query(text, query):
    needle = normalise(query).text
    for start, end in find_all(text, query):
        assert normalise(text[start:end]).text == needle
    assert len(find_all(text, query)) >= (1 if needle in normalise(text).text else 0)
