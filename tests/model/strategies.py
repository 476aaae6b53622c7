"""Hypothesis strategies: Arabic news-like documents with spans on whole tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from model.records import DEFAULT_ROLES, STATUSES
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


# ---- whole annotated corpora, for round trips through the lossless formats ---------------------

HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
TATWEEL = "\u0640"
CLITICS = ["", "", "", "و", "وَ", "ب", "بِ", "ل", "لِ", "ك", "ف", "ال", "وال", "وَبِ", "بال", "لل"]
NAMES = ["موسكو", "باكو", "زاخاروفا", "مصطفاييف", "الرياض", "غزّة", "بيروت", "أذربيجان"]
ANNOTATORS = ("", "amal", "عمر", "reviewer 2")

marked_letters = st.tuples(
    st.sampled_from(LETTERS), st.sampled_from(["", "", "", *HARAKAT, TATWEEL, "\u0651\u064e"])
).map("".join)
clitic_words = st.tuples(
    st.sampled_from(CLITICS),
    st.lists(marked_letters, min_size=1, max_size=6).map("".join) | st.sampled_from(NAMES),
).map("".join)
news_latin = latin_words | st.sampled_from(["RT", "BBC", "Reuters", "COVID-19", "iPhone", "F-16"])
news_numbers = st.integers(0, 10**6).map(str) | st.sampled_from(["٢٠٢٥", "١٤٤٦", "3.5", "٣٫٥", "27/06"])
news_punctuation = st.sampled_from(["،", "؛", "؟", "«", "»", ".", ":", "!", "(", ")", "-", "…", "|"])
news_emoji = st.sampled_from(["🔴", "👮", "🇸🇦", "👮\u200d♀️", "😀", "📸", "❤️"])
invisibles = st.sampled_from(["\u200c", "\u200f", "\u200e"])  # ZWNJ, RLM, LRM
news_separators = st.sampled_from([" ", " ", " ", " ", "", "\n", "\n\n", "\u00a0", " \n"])
news_pieces = st.one_of(clitic_words, clitic_words, clitic_words, news_latin, news_numbers,
                        news_punctuation, news_emoji, invisibles)
#: Arabic news-like text: harakat, tatweel, clitics, Latin, digits, emoji beyond U+FFFF, line and
#: paragraph breaks; never blank (every piece has a character that is not white space); no CR.
news_texts = st.lists(st.tuples(news_pieces, news_separators), min_size=1, max_size=24).map(
    lambda parts: "".join(p + s for p, s in parts)
)
TITLES = ["", "موسكو تستدعي السفير", "عاجل 🔴 | بيان", "Breaking: RT", "خَبَرٌ\u0640\u0640 قصير"]
meta_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
metas = st.dictionaries(
    st.sampled_from(["source", "date", "url", "tags", "مصدر", "score"]) | st.text(min_size=1, max_size=6),
    meta_values,
    max_size=3,
)


@dataclass(frozen=True)
class SpanSpec:
    start: int
    end: int
    label: str
    annotator: str = ""


@dataclass(frozen=True)
class DocSpec:
    ext_id: str
    text: str
    title: str | None
    meta: dict[str, Any]
    status: str
    spans: tuple[SpanSpec, ...]
    relations: tuple[tuple[int, int, str], ...]  # (event span index, argument span index, role)


@st.composite
def span_ranges(
    draw: st.DrawFn, text: str, max_spans: int = 8, width: int = 15
) -> list[tuple[int, int, str]]:
    """Up to ``max_spans`` distinct ``(start, end, label)`` of ``text``, each covering a character
    that is not white space, with edges anywhere (inside clitics and emoji sequences, on line
    breaks); they overlap and nest, and some share a range under another label."""
    anchors = [i for i, c in enumerate(text) if not c.isspace()]
    spans: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(0, max_spans))):
        if spans and draw(st.integers(0, 3)) == 0:
            start, end, _ = draw(st.sampled_from(spans))  # the same range, maybe another label
        else:
            i = draw(st.sampled_from(anchors))
            start = draw(st.integers(max(0, i - width), i))
            end = draw(st.integers(i + 1, min(len(text), i + 1 + width)))
        label = draw(st.sampled_from(LABELS))
        if (start, end, label) not in spans:
            spans.append((start, end, label))
    return spans


@st.composite
def corpora(draw: st.DrawFn, min_docs: int = 1, max_docs: int = 3) -> list[DocSpec]:
    """Documents with distinct texts and ids, titles, meta, statuses, spans by several annotators
    and EVENT → ACTOR/PLACE relations."""
    texts = draw(st.lists(news_texts, min_size=min_docs, max_size=max_docs, unique=True))
    docs = []
    for n, text in enumerate(texts, 1):
        ext_id = draw(st.sampled_from(["doc", "rt", "خبر", "خَبَر", "seed_0"])) + f"-{n}"
        main = draw(st.sampled_from(ANNOTATORS))
        spans = tuple(SpanSpec(start, end, label, draw(st.sampled_from([main, main, main, *ANNOTATORS])))
                      for start, end, label in draw(span_ranges(text)))
        events = [i for i, s in enumerate(spans) if s.label == "EVENT"]
        arguments = [i for i, s in enumerate(spans) if s.label in ("ACTOR", "PLACE")]
        relations: list[tuple[int, int, str]] = []
        if events and arguments:
            links = st.tuples(
                st.sampled_from(events), st.sampled_from(arguments), st.sampled_from(DEFAULT_ROLES)
            )
            relations = draw(st.lists(links, max_size=4, unique=True))
        docs.append(DocSpec(ext_id, text, draw(st.none() | st.sampled_from(TITLES)), draw(metas),
                            draw(st.sampled_from(STATUSES)), spans, tuple(relations)))
    return docs


def store_corpus(store: Store, docs: list[DocSpec]) -> None:
    """Insert the documents, their spans and relations, then set their statuses."""
    for doc in docs:
        doc_id = store.insert_document(doc.ext_id, doc.text, doc.title, doc.meta)
        assert doc_id is not None
        ids = [store.add_span(doc_id, s.start, s.end, s.label, s.annotator)[0].id for s in doc.spans]
        for event, argument, role in doc.relations:
            store.link(ids[event], ids[argument], role)
        store.set_status(doc_id, doc.status)
