from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.arabic import (
    find_all,
    fold_and_drop,
    is_word_char,
    normalise,
    snap_to_words,
    trim_selection,
    word_at,
)
from model.paths import SAMPLES

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
    assert len(find_all(text, "اذربيجان", clitics=True)) == 3
    assert len(find_all(text, "المرحله الصعبة")) == 1
    assert len(find_all(text, "مستشفي")) == 1


def test_find_all_maps_back_to_original_offsets():
    text = "اِسْتَدْعَتْ وِزارَةُ الخارِجِيَّةِ بِموسكو"
    hits = find_all(text, "وزارة الخارجية")
    assert [text[a:b] for a, b in hits] == ["وِزارَةُ الخارِجِيَّةِ"]
    assert hits[0][0] == text.index("وِزارَةُ")


def test_find_all_inside_words_when_not_whole_words():
    text = "وَبِموسكو وموسكو"
    assert [text[a:b] for a, b in find_all(text, "موسكو", whole_words=False)] == ["موسكو", "موسكو"]


def test_find_all_matches_whole_words_by_default():
    text = "سفير أذربيجان والأذربيجانية وأذربيجانيين، أذربيجان."
    hits = find_all(text, "اذربيجان")
    assert [text[a:b] for a, b in hits] == ["أذربيجان", "أذربيجان"]
    assert [a for a, _ in hits] == [5, text.rindex("أذربيجان")]


def test_find_all_whole_words_skips_words_glued_to_clitics():
    assert find_all("وَبِموسكو وموسكو", "موسكو") == []


def test_find_all_with_clitics_takes_the_word_after_its_clitics():
    text = "وَبِموسكو وموسكو بالكرملين فلموسكو، لِلْكرملين ولموسكوف"
    hits = find_all(text, "موسكو", clitics=True)
    assert [text[a:b] for a, b in hits] == ["موسكو", "موسكو", "موسكو"]
    assert hits[0][0] == text.index("موسكو")  # after و and ب with their harakat
    assert [text[a:b] for a, b in find_all(text, "الكرملين", clitics=True)] == ["الكرملين"]
    assert [text[a:b] for a, b in find_all(text, "كرملين", clitics=True)] == ["كرملين"] * 2  # بال, لل


def test_find_all_with_clitics_refuses_other_letters_before_the_word():
    text = "سموسكو الموسكو كموسكو"
    assert [text[a:b] for a, b in find_all(text, "موسكو", clitics=True)] == ["موسكو", "موسكو"]
    assert find_all("مستموسكو", "موسكو", clitics=True) == []


def test_find_all_whole_words_on_the_seed_article():
    text = (SAMPLES / "000-seed.txt").read_text(encoding="utf-8")
    inside = find_all(text, "اذربيجان", whole_words=False)
    whole = find_all(text, "اذربيجان")
    with_clitics = find_all(text, "اذربيجان", clitics=True)
    # 23 words hold it: أذربيجان, وأذربيجان, لأذربيجان, الأذربيجانية, أذربيجانيين, أأذربيجانيين, ...
    assert len(inside) == 23
    # alone: سفير أذربيجان (twice), بين أذربيجان, طالبت أذربيجان, أوقفت أذربيجان
    assert len(whole) == 5
    # and after a clitic: روسيا وأذربيجان, الداخلية لأذربيجان
    assert len(with_clitics) == 7
    assert {text[a:b] for a, b in with_clitics} == {"أذربيجان"}
    assert set(whole) < set(with_clitics) < set(inside)
    for a, b in whole:
        assert text[a - 1] == " " and text[b] == " "
    assert sorted({text[a - 1] for a, _ in with_clitics}) == [" ", "ل", "و"]


def test_find_all_whole_words_allows_a_query_edged_with_punctuation():
    text = "في باكو، وباكو،"
    assert [text[a:b] for a, b in find_all(text, "باكو،")] == ["باكو،"]


def test_fold_and_drop_keeps_letters_and_drops_marks():
    assert fold_and_drop("إِلى الـمدرسةِ") == "الي المدرسه"


def test_trim_selection_trims_without_widening():
    start, end = sel(TEXT, " الكرملين، ")
    assert trim_selection(TEXT, start, end - 4) == (start + 1, end - 4)
    a, b = trim_selection(TEXT, *sel(TEXT, "، "))
    assert a == b


def test_find_all_of_harakat_only_query_finds_nothing():
    assert find_all(TEXT, "\u064e\u0651") == []


ARABIC = st.text(alphabet="ابتموسكأإآةىـ\u064e\u064f\u0650\u0651\u0652 ،", max_size=40)


@given(ARABIC, ARABIC.filter(lambda q: normalise(q).text.strip() != ""))
def test_every_match_normalises_to_the_query(text, query):
    needle = normalise(query).text
    anywhere = find_all(text, query, whole_words=False)
    for start, end in anywhere:
        assert normalise(text[start:end]).text == needle
    assert len(anywhere) >= (1 if needle in normalise(text).text else 0)


@given(ARABIC, ARABIC.filter(lambda q: normalise(q).text.strip() != ""))
def test_whole_word_matches_are_matches_with_word_edges(text, query):
    anywhere = find_all(text, query, whole_words=False)
    with_clitics = find_all(text, query, clitics=True)
    whole = find_all(text, query)
    assert set(whole) <= set(with_clitics) <= set(anywhere)
    needle = normalise(query).text
    for start, end in whole:
        if is_word_char(needle[0]):
            assert not is_word_char(normalise(text[:start]).text[-1:] or " ")
        if is_word_char(needle[-1]):  # harakat and tatweel after the match count for nothing
            assert not is_word_char(normalise(text[end:]).text[:1] or " ")
