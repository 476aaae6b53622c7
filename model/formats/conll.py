"""CoNLL IOB2: one ``token<TAB>tag`` line per token, a blank line after each sentence.

Export begins each document with the CoNLL-2003 line ``-DOCSTART- -X- O O`` and a blank line, then
its tokens from :mod:`model.tokenize` (as the search index stored them, when it has); spans cutting
a token follow ``--split`` (expand, split or strict). It writes nothing else, no comments: spaCy's
``convert --converter ner`` and the other CoNLL-2003 readers take only token lines and that
delimiter, so document ids are not carried (an import names the documents after the file). Import
reads ``token ... TAG`` lines (tab or space separated, the tag in the last column) in IOB2, or IOB1
with ``scheme="iob1"``; documents begin at ``-DOCSTART-`` lines or ``# id =`` / ``# newdoc id =``
comments (a file with neither is one document). The text is rebuilt from the tokens, joined by
single spaces, sentences by newlines; span offsets are code points over that text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from model.errors import InputError, UnknownLabelError
from model.textio import atomic_writer, read_text_file
from model.tokenize import stored_iob2_lines

from .base import ExportDocument, Format, IncomingDocument, IncomingSpan, ReadOptions, WriteOptions

_DOC_ID = re.compile(r"#\s*(?:newdoc\s+)?id\s*=\s*(.*?)\s*$")
_TAG = re.compile(r"O|[BI]-\S+")
SCHEMES = ("iob2", "iob1")
#: the document delimiter of CoNLL-2003, exactly as spaCy's ner converter looks for it
DOCSTART = "-DOCSTART- -X- O O"


def _columns(line: str) -> list[str]:
    return [c for c in line.split("\t") if c.strip()] if "\t" in line else line.split()


class _Builder:
    """Collects the tokens and spans of one document while its lines are read."""

    def __init__(self, path: Path, line: int, ext_id: str | None) -> None:
        self.path, self.line, self.ext_id = path, line, ext_id
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[IncomingSpan] = []
        self.open: tuple[int, str] | None = None  # start and label of the entity being read
        self.prev = "O"
        self.sentence_started = False

    def close_entity(self) -> None:
        if self.open is not None:
            start, label = self.open
            self.spans.append(IncomingSpan(start, self.length, label))
            self.open = None

    def end_sentence(self) -> None:
        self.close_entity()
        self.prev = "O"
        self.sentence_started = False

    def add(self, token: str, tag: str, label: str | None, begins: bool) -> None:
        if begins or label is None:
            self.close_entity()
        if self.parts:
            self.parts.append(" " if self.sentence_started else "\n")
            self.length += 1
        if begins:
            self.open = (self.length, label or "")
        self.parts.append(token)
        self.length += len(token)
        self.prev = tag
        self.sentence_started = True

    def document(self, ext_id: str) -> IncomingDocument:
        self.end_sentence()
        meta = {"source": self.path.name}
        return IncomingDocument(str(self.path), self.line, ext_id, "".join(self.parts), meta=meta,
                                spans=self.spans)


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    """Documents from a CoNLL file; an error names the file and line."""
    if options.scheme not in SCHEMES:
        raise InputError(str(path), f"unknown tag scheme {options.scheme!r} (one of {', '.join(SCHEMES)})")
    iob1 = options.scheme == "iob1"
    pending: _Builder | None = None  # held back to learn whether it is the file's only document
    count = 0  # documents with tokens so far
    current: _Builder | None = None

    def name(builder: _Builder, n: int) -> str:
        return builder.ext_id or (path.stem if count == 1 else f"{path.stem}-{n}")

    def finish(builder: _Builder | None) -> Iterator[IncomingDocument]:
        nonlocal pending, count
        if builder is not None and builder.parts:
            count += 1
            if pending is not None:
                yield pending.document(name(pending, count - 1))
            pending = builder

    for number, line in enumerate(read_text_file(path).split("\n"), 1):
        columns = [c.strip() for c in _columns(line)]
        if not columns:
            if current is not None:
                current.end_sentence()
            continue
        match = _DOC_ID.fullmatch(line.strip())
        if (columns[0] == "-DOCSTART-" and len(columns) != 2) or match:  # "-DOCSTART-<TAB>O" is a token
            yield from finish(current)
            current = _Builder(path, number, (match.group(1) or None) if match else None)
            continue
        if line.startswith("#") and not (len(columns) == 2 and _TAG.fullmatch(columns[1])):
            continue  # a comment (``# text = ...``, ``# sent_id = ...``); "#<TAB>O" is a token
        if len(columns) < 2:
            raise InputError(str(path), f"one column ({columns[0]!r}): expected a token and a tag", number)
        token, tag = columns[0], columns[-1]
        if not _TAG.fullmatch(tag):
            raise InputError(str(path), f"bad tag {tag!r} (expected O, B-LABEL or I-LABEL)", number)
        if tag != "O" and not tag[2:].isprintable():
            raise InputError(str(path), f"tag {tag!r} has a non-printable character; label names "
                             "must be printable", number)
        label = None if tag == "O" else options.labels.resolve(tag[2:])
        if tag != "O" and label is None:
            raise UnknownLabelError(str(path), f"unknown label {tag[2:]!r} ({options.labels.describe()})",
                                    number, label=tag[2:])
        current = current or _Builder(path, number, None)
        continues = current.open is not None and current.open[1] == label
        if tag.startswith("I-") and not continues and not iob1:
            after = current.prev if current.sentence_started else "the start of a sentence"
            raise InputError(str(path), f"{tag} follows {after} (IOB2 begins an entity with B-{tag[2:]}; "
                             "read IOB1 files with the iob1 scheme)", number)
        current.add(token, tag, label, tag.startswith("B-") or (tag != "O" and not continues))
    yield from finish(current)
    if pending is None:
        raise InputError(str(path), "no tokens: expected lines of a token and a tag")
    yield pending.document(name(pending, count))


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> dict[str, int]:
    """Write every document as IOB2 sentences; returns how many spans each --split rule touched."""
    notes: Counter[str] = Counter()
    with atomic_writer(out) as fh:
        for item in documents:
            doc = item.document
            spans = [(s.start, s.end, s.label) for s in item.spans]
            lines, counts = stored_iob2_lines(doc.text, spans, options.split, item.tokens)
            notes.update(counts)
            fh.write(f"{DOCSTART}\n\n{lines}")
    return dict(notes)


FORMAT = Format("conll", (".conll", ".iob", ".bio"), read=read, write=write,
                offset_unit="tokens (IOB2); character offsets are not carried",
                suffix=".conll", token_based=True, reads_stored_tokens=True)
