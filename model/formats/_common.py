"""Small helpers the format modules share: messages, checks, numbered lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeGuard

from model.errors import HashiyaError, InputError, UnknownLabelError
from model.records import Span
from model.text import quote

from .base import ExportDocument, IncomingRelation, IncomingSpan, LabelSet


class LineError(Exception):
    """A problem with one record; the reader adds the file and line number (see :meth:`at`).

    ``label`` names the label refused when that is the problem.
    """

    def __init__(self, message: str, label: str | None = None) -> None:
        super().__init__(message)
        self.label = label

    def at(self, path: str | Path, line: int | None, prefix: str = "") -> InputError:
        """This problem as an :class:`InputError` naming the file and line (an
        :class:`UnknownLabelError` when a label was refused)."""
        message = prefix + str(self)
        if self.label is not None:
            return UnknownLabelError(str(path), message, line, label=self.label)
        return InputError(str(path), message, line)


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines of a UTF-8 file (a BOM allowed); a bad byte names its line."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    with fh:
        for number, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(str(path), f"not UTF-8 text (byte {exc.start + 1})", number) from exc
            if line and not line.isspace():
                yield number, line


def json_records(path: Path) -> Iterator[tuple[int, object]]:
    """Numbered records of a JSON Lines file; bad JSON is an :class:`InputError` naming its line."""
    for number, line in numbered_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", number) from exc
        if "\\ud" in line or "\\uD" in line:  # escapes can make unpaired surrogates, which SQLite refuses
            try:
                json.dumps(record, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(str(path), "contains an unpaired UTF-16 surrogate escape", number) from exc
        yield number, record


def moved(to_new: Callable[[int], int], start: int, end: int, what: str) -> tuple[int, int]:
    """A span's offsets over the source text moved onto the normalised text (CR and BOM gone);
    a span that covered only a dropped CR is refused."""
    new_start, new_end = to_new(start), to_new(end)
    if new_start >= new_end:
        raise LineError(f"{what} covers only a line break")
    return new_start, new_end


def show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def is_int(value: object) -> TypeGuard[int]:
    return type(value) is int  # not bool


def check_span(start: object, end: object, length: int, what: str) -> tuple[int, int]:
    """Integer offsets with ``0 <= start < end <= length``, else a :class:`LineError`."""
    if not (is_int(start) and is_int(end)):
        raise LineError(f"{what} needs integer offsets, not {show(start)} and {show(end)}")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= length:
        problem = "reversed or empty" if 0 <= start and start >= end else "outside the text"
        raise LineError(f"{what} {start}–{end} is {problem} (text length {length})")
    return start, end


def resolve_label(labels: LabelSet, label: object, what: str) -> str:
    """The stored name of ``label``; a label the import may not bring in is a :class:`LineError`
    carrying its name, anything but a non-blank string one without."""
    if not isinstance(label, str) or not label.strip():
        raise LineError(f"{what} has label {show(label)}; expected a label name")
    resolved = labels.resolve(label)
    if resolved is None:
        raise LineError(f"{what} has unknown label {show(label)} ({labels.describe()})", label)
    return resolved


def check_text(claimed: str, actual: str, what: str) -> None:
    if claimed != actual:
        raise LineError(f"{what} says {quote(claimed)} but the text there is {quote(actual)}")


def add_span(spans: list[IncomingSpan], span: IncomingSpan, aliases: dict[int | str, int | str]) -> None:
    """Append ``span``; a repeat of the same range and label is merged into the first (its key
    becomes an alias of the first one's), since the database keeps each range and label once."""
    for i, kept in enumerate(spans):
        if (kept.start, kept.end, kept.label) == (span.start, span.end, span.label):
            if kept.key is None:
                spans[i] = kept._replace(key=span.key)
            elif span.key is not None:
                aliases[span.key] = kept.key
            return
    spans.append(span)


def add_relation(relations: list[IncomingRelation], relation: IncomingRelation, what: str) -> None:
    """Append ``relation`` once; a span linked to itself is refused."""
    if relation.event == relation.argument:
        raise LineError(f"{what} links span {relation.event} to itself")
    if relation not in relations:
        relations.append(relation)


def checked_spans(item: ExportDocument) -> list[Span]:
    """The document's spans, refusing one outside its text (a damaged database)."""
    doc = item.document
    for span in item.spans:
        if not 0 <= span.start < span.end <= len(doc.text):
            raise HashiyaError(
                f"document {doc.ext_id}: span {span.id} ({span.start}–{span.end}) "
                f"lies outside its text (length {len(doc.text)})"
            )
    return list(item.spans)
