"""Hypothesis strategies: Arabic news-like documents with spans on whole tokens."""

from __future__ import annotations

from hypothesis import strategies as st

from model.store import Store
from model.tokenize import tokenize

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىةئؤ"
MARKS = ["", "", "", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]  # + tatweel
LABELS = ("ACTOR", "EVENT", "PLACE")

letters = st.tuples(st.sampled_from(LETTERS), st.sampled_from(MARKS)).map("".join)
arabic_words = st.lists(letters, min_size=1, max_size=7).map("".join)
latin_words = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
numbers = st.integers(0, 10**7).map(str) | st.sampled_from(["3.5", "1,000", "٢٠٢٥", "٣٫٥", "27/06/2025"])
punctuation = st.sampled_from(list("،؛؟«».,;:!?\"'()[]{}…–—/%$#-"))
emoji = st.sampled_from(["😀", "👍🏽", "🇸🇦", "👨\u200d👩\u200d👧", "🔥", "❤️"])
separators = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\u00a0"])
pieces = st.one_of(arabic_words, arabic_words, latin_words, numbers, punctuation, emoji)
texts = st.lists(st.tuples(pieces, separators), min_size=1, max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A text and non-overlapping spans ``(start, end, label)`` covering whole tokens."""
    text = draw(texts)
    tokens = tokenize(text)
    cuts = sorted(draw(st.lists(st.integers(0, len(tokens)), unique=True, max_size=10)))
    pairs = zip(cuts[::2], cuts[1::2], strict=False)  # an odd cut out is ignored
    spans = [(tokens[a][0], tokens[b - 1][1], draw(st.sampled_from(LABELS))) for a, b in pairs]
    return text, spans


def store_document(store: Store, text: str, spans: list[tuple[int, int, str]], ext_id: str = "doc") -> int:
    doc_id = store.insert_document(ext_id, text)
    assert doc_id is not None
    for start, end, label in spans:
        store.add_span(doc_id, start, end, label)
    return doc_id


def token_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, list[str]]]:
    """Each span as its label and the texts of the tokens it covers."""
    return [(label, [text[s:e] for s, e in tokenize(text) if start <= s and e <= end])
            for start, end, label in sorted(spans)]
