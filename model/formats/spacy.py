"""spaCy DocBin (``.spacy``, export only; needs the optional ``spacy`` package).

Each document becomes a ``Doc`` on Hashiya's tokens (:mod:`model.tokenize`) whose ``doc.text`` is
the stored text exactly: runs of spaces and newlines become whitespace tokens, as spaCy's own
tokenizer makes them. Spans cutting a token follow ``--split``; every placed span goes to
``doc.spans["sc"]`` and the non-overlapping ones (longest first) to ``doc.ents``. ``user_data``
holds ``id``, ``title`` and ``status``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from model.errors import HashiyaError
from model.textio import atomic_write_bytes
from model.tokenize import Token, align

from .base import ExportDocument, Format, WriteOptions

SPAN_KEY = "sc"


def words_and_spaces(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[bool]]:
    """``Doc(words=..., spaces=...)`` arguments that rebuild ``text`` from ``tokens`` exactly.

    One space after a token is its trailing space; any other gap becomes a token of its own.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in [*tokens, (len(text), len(text))]:
        gap = text[pos:start]
        if gap.startswith(" ") and words:
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces


def _spans(doc: Any, tokens: Sequence[Token], ranges: list[tuple[int, int, str]]) -> list[Any]:
    """spaCy spans for token ranges ``(first, last + 1, label)``; their edges are Doc token edges."""
    return [doc.char_span(tokens[first][0], tokens[stop - 1][1], label=label, alignment_mode="strict")
            for first, stop, label in ranges]


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> dict[str, int]:
    """Write every document into one DocBin; returns how many spans each --split rule touched."""
    try:
        import spacy
        from spacy.tokens import Doc, DocBin
    except ImportError as exc:
        raise HashiyaError("spaCy is not installed: pip install 'hashiya[spacy]'") from exc
    vocab = spacy.blank("ar").vocab
    docbin = DocBin(store_user_data=True)
    notes: Counter[str] = Counter()
    for item in documents:
        source = item.document
        alignment = align(source.text, [(s.start, s.end, s.label) for s in item.spans], options.split)
        notes.update(alignment.counts)
        toks = alignment.tokens
        words, spaces = words_and_spaces(source.text, toks)
        doc = Doc(vocab, words=words, spaces=spaces)
        if doc.text != source.text:  # cannot happen unless words_and_spaces is broken
            raise HashiyaError(f"document {source.ext_id}: spaCy tokens do not rebuild the text")

        ents = _spans(doc, toks, alignment.entities)
        doc.ents = ents
        everything = ents + _spans(doc, toks, alignment.overlapping)
        doc.spans[SPAN_KEY] = sorted(everything, key=lambda s: (s.start, -s.end))
        doc.user_data.update({"id": source.ext_id, "title": source.title, "status": source.status})
        docbin.add(doc)
    atomic_write_bytes(out, docbin.to_bytes())
    return dict(notes)


FORMAT = Format("spacy", (".spacy",), write=write,
                offset_unit="spaCy tokens; Span.start_char/end_char are code points over doc.text, "
                "which is the stored text",
                suffix=".spacy", token_based=True)
