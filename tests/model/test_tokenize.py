from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.errors import UsageError
from model.tokenize import align, iob2_lines, iob2_tags, sentences, tagged_sentences, tokenize
from tests.model.reference_tokenize import reference_sentences, reference_tokenize
from tests.model.strategies import news_texts, span_ranges

CLITIC = "وَبِموسكو"  # "and in Moscow": موسكو starts at 4, after و َ ب ِ


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_arabic_punctuation_is_split_off():
    assert words("قال: «نعم»، ثم؛ لماذا؟") == ["قال", ":", "«", "نعم", "»", "،", "ثم", "؛", "لماذا", "؟"]


def test_latin_punctuation_is_split_off():
    assert words('he said, "no" (twice)...') == [
        "he",
        "said",
        ",",
        '"',
        "no",
        '"',
        "(",
        "twice",
        ")",
        ".",
        ".",
        ".",
    ]


def test_numbers_stay_whole():
    assert words("في 2025 بلغ 3.5 و1,000 و٣٫٥ و٢٠٢٥.") == [
        "في",
        "2025",
        "بلغ",
        "3.5",
        "و1,000",
        "و٣٫٥",
        "و٢٠٢٥",
        ".",
    ]


def test_dates_split_at_slashes():
    assert words("27/06/2025") == ["27", "/", "06", "/", "2025"]


def test_harakat_and_tatweel_stay_inside_their_word():
    assert words(f"{CLITIC} كتــاب عَرَبِيٌّ") == [CLITIC, "كتــاب", "عَرَبِيٌّ"]


def test_emoji_are_their_own_tokens():
    family = "👨\u200d👩\u200d👧"
    assert words(f"رائع👍🏽 {family}🇸🇦!") == ["رائع", "👍🏽", family, "🇸🇦", "!"]


def test_offsets_index_the_python_string():
    text = "😀 في\u00a0موسكو\u200f، 👍🏽."
    tokens = tokenize(text)
    assert [text[s:e] for s, e in tokens] == ["😀", "في", "موسكو", "،", "👍🏽", "."]
    assert tokens[:3] == [(0, 1), (2, 4), (5, 10)]


def test_sentences_end_at_stops_and_newlines():
    text = "قال: «نعم.» ثم ذهب؟ بلغ 3.5 مليون\nسطر U.S. official"
    tokens = tokenize(text)
    got = [" ".join(text[tokens[i][0] : tokens[i][1]] for i in group) for group in sentences(text, tokens)]
    assert got == ["قال : « نعم . »", "ثم ذهب ؟", "بلغ 3.5 مليون", "سطر U . S .", "official"]


def test_sentences_never_cut_a_kept_together_range():
    text = "قال. ثم ذهب"
    tokens = tokenize(text)
    assert sentences(text, tokens) == [[0, 1], [2, 3]]
    assert sentences(text, tokens, keep_together=[(0, 3)]) == [[0, 1, 2, 3]]


def test_expand_tags_the_whole_clitic_token():
    alignment = align(CLITIC + " اليوم", [(4, 9, "PLACE")], "expand")
    assert alignment.tokens == [(0, 9), (10, 15)]
    assert alignment.entities == [(0, 1, "PLACE")]
    assert (alignment.counts["expanded"], alignment.counts["aligned"]) == (1, 0)


def test_split_cuts_the_token_at_the_span_edge():
    text = CLITIC + " اليوم"
    alignment = align(text, [(4, 9, "PLACE")], "split")
    assert [text[s:e] for s, e in alignment.tokens] == ["وَبِ", "موسكو", "اليوم"]
    assert alignment.entities == [(1, 2, "PLACE")]
    assert alignment.counts["split"] == 1


def test_strict_drops_a_span_inside_a_token():
    alignment = align(CLITIC, [(4, 9, "PLACE"), (0, 9, "ACTOR")], "strict")
    assert alignment.entities == [(0, 1, "ACTOR")]
    assert (alignment.counts["dropped"], alignment.counts["aligned"]) == (1, 1)


def test_overlapping_spans_keep_the_longer_and_count_the_rest():
    text = "وزير خارجية روسيا"
    alignment = align(text, [(12, 17, "PLACE"), (0, 17, "ACTOR"), (5, 11, "EVENT")])
    assert alignment.entities == [(0, 3, "ACTOR")]
    assert sorted(alignment.overlapping) == [(1, 2, "EVENT"), (2, 3, "PLACE")]
    assert alignment.counts == {
        "spans": 3,
        "aligned": 1,
        "expanded": 0,
        "split": 0,
        "dropped": 0,
        "overlapping_dropped": 2,
    }


def test_equally_long_overlaps_keep_the_earlier():
    alignment = align("أ ب ج", [(2, 5, "PLACE"), (0, 3, "ACTOR")])
    assert alignment.entities == [(0, 2, "ACTOR")]


def test_span_over_spaces_only_is_dropped():
    assert align("أ   ب", [(1, 4, "PLACE")]).counts["dropped"] == 1


def test_unknown_split_mode_is_refused():
    with pytest.raises(UsageError, match="unknown split mode 'cut'"):
        align("نص", [], "cut")


def test_iob2_tags_begin_each_entity():
    assert iob2_tags(5, [(0, 2, "ACTOR"), (2, 3, "ACTOR"), (4, 5, "PLACE")]) == [
        "B-ACTOR",
        "I-ACTOR",
        "B-ACTOR",
        "O",
        "B-PLACE",
    ]


def test_tagged_sentences_pairs_tokens_with_tags():
    groups, counts = tagged_sentences("زار بموسكو. عاد", [(5, 10, "PLACE")])
    assert groups == [[("زار", "O"), ("بموسكو", "B-PLACE"), (".", "O")], [("عاد", "O")]]
    assert counts["expanded"] == 1


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "موسكو باكو وَبِموسكو ـ ، ؛ ؟ « » . , : ! ( ) 0123456789 ٣٫٥٬ abc \n\t\u200b\u200d\u200e\ufeff"
                "🔴👮🏽👨‍👩‍👧🇸🇦✈️\U000e0067"
            )
        ),
        max_size=60,
    )
)
def test_fast_tokenizer_follows_the_character_rules(text):
    assert tokenize(text) == reference_tokenize(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("موسكو باكو . ؟ ! … » \" 3.5 U.S. \n\n ، 🔴")), max_size=80),
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 4)), max_size=3),
)
def test_fast_sentences_follow_the_token_by_token_rules(text, ranges):
    tokens = tokenize(text)
    keep = [(a, min(a + k, len(tokens))) for a, k in ranges if a < len(tokens)]
    assert sentences(text, tokens, keep) == reference_sentences(text, tokens, keep)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=40))
def test_fast_tokenizer_matches_the_rules_on_any_bmp_text(text):
    assert tokenize(text) == reference_tokenize(text)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), mode=st.sampled_from(["expand", "strict"]))
def test_conll_lines_without_a_step_per_token_equal_the_token_path(data, mode):
    text = data.draw(news_texts)
    spans = data.draw(span_ranges(text))
    groups, counts = tagged_sentences(text, spans, mode)
    expected = "".join("".join(f"{t}\t{tag}\n" for t, tag in group) + "\n" for group in groups)
    assert iob2_lines(text, spans, mode) == (expected, counts)


def test_a_question_mark_opening_the_text_still_ends_its_sentence():
    assert iob2_lines("؟ A ", [], "expand")[0] == "؟\tO\n\nA\tO\n\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30))
def test_full_unicode_pattern_follows_the_character_rules(text):
    from model.tokenize import text_pattern

    assert [m.span() for m in text_pattern(full=True).finditer(text)] == reference_tokenize(text)


def test_the_shipped_class_table_is_what_this_unicode_version_gives():
    import json
    import unicodedata

    from model.tokenize import CLASS_TABLE, _compute_members, _members

    table = json.loads(CLASS_TABLE.read_text(encoding="utf-8"))
    if table["unicode"] != unicodedata.unidata_version:  # another Python: computed, not loaded
        assert _members(False) == _compute_members(False)
        return
    assert _members(False) == _compute_members(False)
    assert _members(True) == _compute_members(True)
