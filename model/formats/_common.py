"""Small helpers the format modules share: messages, checks, numbered lines."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeGuard

from model.errors import HashiyaError, InputError, UnknownLabelError
from model.records import EVENT_LABEL, Label, Span
from model.text import UNSTORABLE, quote

from .base import ExportDocument, IncomingRelation, IncomingSpan, LabelSet, Schema


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


READ_BUFFER = 1 << 20


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines of a UTF-8 file (a BOM allowed); a bad byte names its line."""
    try:
        # A large buffer reads the file in few system calls: each lets go of the GIL, and an
        # import's writer thread waiting for it is woken in vain by every one (see importing).
        fh = path.open("rb", buffering=READ_BUFFER)
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


#: deepest nesting of arrays and objects a JSON record may have; SQLite's JSON functions and
#: Python's parser both give up near 1000, and no real record comes close to this
MAX_JSON_DEPTH = 100

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _RefusedError(ValueError):
    """A JSON value Hashiya will not store (NaN, Infinity, a float that overflows)."""


def _refuse_constant(name: str) -> float:
    raise _RefusedError(f"{name} is not a JSON number (the JSON export could not write it back)")


def _finite(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        shown = literal if len(literal) <= 20 else literal[:20] + "…"
        raise _RefusedError(f"number {shown} is too large for a float (it would become Infinity)")
    return value


#: NaN and Infinity refused; each float literal checked (integers, the usual numbers, keep the C fast path)
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite)


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Does the well-formed JSON ``text`` nest arrays and objects more than ``limit`` deep?

    Linear for ordinary records: strings are cut out, then each pass removes the innermost
    ``[]`` and ``{}`` pairs, so it takes as many passes as the depth (at most ``limit + 1``).
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(limit):
        shorter = _PAIR.sub("", brackets)  # one level per pass: "{[]}" becomes "{}"
        if not shorter:
            return False
        if len(shorter) == len(brackets):
            return False  # unbalanced: not well-formed JSON, which the parser has already refused
        brackets = shorter
    return True


def loads(text: str) -> object:
    """Parse one JSON value strictly; a :class:`LineError` for anything Hashiya would store but
    could not write back or use: bad JSON, NaN and Infinity, numbers too large, lone surrogate
    escapes, or arrays and objects nested more than :data:`MAX_JSON_DEPTH` deep."""
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise LineError(f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    except _RefusedError as exc:
        raise LineError(str(exc)) from exc
    except RecursionError as exc:
        raise LineError(f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and "
                        "objects)") from exc
    except ValueError as exc:  # an integer longer than Python converts
        limit = sys.get_int_max_str_digits()
        raise LineError(f"an integer in this JSON has more than {limit} digits") from exc
    if too_deep(text):
        raise LineError(f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and objects)")
    if ("\\ud" in text or "\\uD" in text) and _SURROGATE.search(json.dumps(value, ensure_ascii=False)):
        raise LineError("contains an unpaired UTF-16 surrogate escape (not text any export can write)")
    return value


def json_records(path: Path) -> Iterator[tuple[int, object]]:
    """Numbered records of a JSON Lines file; bad JSON (see :func:`loads`) is an
    :class:`InputError` naming its line."""
    for number, line in numbered_lines(path):
        try:
            record = loads(line)
        except LineError as exc:
            raise exc.at(path, number) from exc
        yield number, record


def first_unstorable(value: str) -> int:
    """Index of the first character :func:`unstorable` refuses, or -1."""
    found = UNSTORABLE.search(value)
    return -1 if found is None else found.start()


def unstorable(value: str, what: str, line_breaks: bool = False) -> LineError | None:
    """A :class:`LineError` when ``value`` holds a NUL or other C0 control character (tab and line
    breaks aside) or a lone UTF-16 surrogate, naming the first one and where it is (its line and
    column when ``line_breaks``, else its character index); None when it is clean."""
    found = UNSTORABLE.search(value)
    if found is None:
        return None
    at = found.start()
    char = found.group()
    kind = "a lone UTF-16 surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    if line_breaks:
        line = value.count("\n", 0, at) + 1
        column = at - (value.rfind("\n", 0, at) + 1) + 1
        place = f"line {line}, column {column}"
    else:
        place = f"character {at + 1}"
    name = "NUL" if char == "\0" else f"U+{ord(char):04X}"
    return LineError(f"{what} holds {kind} ({name}) at {place}; remove it and import again "
                     "(stored, it would break exports and editing)")


def check_label_name(label: str, what: str) -> None:
    """Label names must be printable: they become XML, brat types and column headers."""
    if not label.isprintable():
        bad = next(c for c in label if not c.isprintable())
        raise LineError(f"{what} has label {show(label)} with a non-printable character "
                        f"(U+{ord(bad):04X}); label names must be printable")


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
    check_label_name(label, what)
    resolved = labels.resolve(label)
    if resolved is None:
        raise LineError(f"{what} has unknown label {show(label)} ({labels.describe()})", label)
    return resolved


def check_text(claimed: str, actual: str, what: str) -> None:
    if claimed != actual:
        raise LineError(f"{what} says {quote(claimed)} but the text there is {quote(actual)}")


def add_span(spans: list[IncomingSpan], span: IncomingSpan, aliases: dict[int | str, int | str],
             index: dict[tuple[int, int, str], int] | None = None) -> None:
    """Append ``span``; a repeat of the same range and label is merged into the first (its key
    becomes an alias of the first one's), since the database keeps each range and label once.

    Pass the same empty ``index`` dict with every call for one document to find repeats in
    constant time; without it each call scans ``spans`` (quadratic over many spans).
    """
    where = (span.start, span.end, span.label)
    if index is not None:
        found = index.get(where)
        if found is None:
            index[where] = len(spans)
            spans.append(span)
            return
        candidates: Iterable[tuple[int, IncomingSpan]] = ((found, spans[found]),)
    else:
        candidates = enumerate(spans)
    for i, kept in candidates:
        if (kept.start, kept.end, kept.label) == where:
            if kept.key is None:
                spans[i] = kept._replace(key=span.key)
            elif span.key is not None:
                aliases[span.key] = kept.key
            return
    spans.append(span)


def add_relation(relations: list[IncomingRelation], relation: IncomingRelation, what: str,
                 seen: set[IncomingRelation] | None = None) -> None:
    """Append ``relation`` once; a span linked to itself is refused. Pass the same empty ``seen``
    set with every call for one document to find repeats in constant time."""
    if relation.event == relation.argument:
        raise LineError(f"{what} links span {relation.event} to itself")
    if seen is not None:
        if relation not in seen:
            seen.add(relation)
            relations.append(relation)
    elif relation not in relations:
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


def strict_dumps(record: object, document: str) -> str:
    """``record`` as JSON that every reader takes; NaN, Infinity or a lone surrogate stop the
    export with a line naming ``document`` (its ext id)."""
    where = f"document {document}"
    try:
        text = json.dumps(record, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise HashiyaError(f"{where}: its meta holds NaN or Infinity, which JSON cannot hold") from exc
    if _SURROGATE.search(text):
        raise HashiyaError(f"{where}: holds an unpaired UTF-16 surrogate, which is not text")
    return text


# ---- label schemas ------------------------------------------------------------------------------

#: largest schema file read (a brat annotation.conf or visual.conf, a Label Studio config)
MAX_SCHEMA_BYTES = 1 << 20
#: most labels or roles a schema file may define
MAX_SCHEMA_ITEMS = 2000
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def hex_color(value: str) -> str:
    """``#rgb`` or ``#rrggbb`` as ``#rrggbb`` (lower case), anything else as "" (not given)."""
    value = value.strip()
    if not _HEX.fullmatch(value):
        return ""
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def read_schema_bytes(path: Path, what: str) -> bytes:
    """A schema file's bytes, refusing one larger than :data:`MAX_SCHEMA_BYTES` before reading it."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SCHEMA_BYTES + 1)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    if len(data) > MAX_SCHEMA_BYTES:
        raise InputError(str(path), f"is more than the {MAX_SCHEMA_BYTES >> 10} KB a {what} may have")
    return data


def schema_text(data: bytes, where: str, what: str) -> str:
    """A schema file's bytes as text: at most :data:`MAX_SCHEMA_BYTES`, UTF-8 (a BOM allowed),
    no control characters but tab and line breaks; else an :class:`InputError` naming the line."""
    if len(data) > MAX_SCHEMA_BYTES:
        raise InputError(where, f"is {len(data):,} bytes, more than the {MAX_SCHEMA_BYTES >> 10} KB "
                         f"a {what} may have")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(where, f"not UTF-8 text (byte {exc.start + 1})", line) from exc
    at = first_unstorable(text)
    if at >= 0:
        problem = unstorable(text, f"the {what}", line_breaks=True)
        assert problem is not None
        raise problem.at(where, text.count("\n", 0, at) + 1)
    return text


def check_schema_name(name: str, what: str) -> str:
    """A label or role name from a schema file: stripped, not blank, printable."""
    name = name.strip()
    if not name:
        raise LineError(f"{what} has no name")
    if not name.isprintable():
        raise LineError(f"{what} {show(name)} has a non-printable character; names must be printable")
    if len(name) > 200:
        raise LineError(f"{what} {quote(name, 40)} is longer than 200 characters")
    return name


def descendants(labels: Iterable[Label], name: str) -> list[str]:
    """``name`` and the labels below it (its sub-types, theirs, ...), in schema order."""
    children: dict[str, list[str]] = {}
    ordered = list(labels)
    for label in ordered:
        children.setdefault(label.parent, []).append(label.name)
    found, todo, seen = [], [name], set()
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def tree_order(labels: Iterable[Label]) -> list[Label]:
    """The labels in schema order, each sub-type moved up to follow its parent (and its parent's
    earlier sub-types); a sub-type whose parent is missing stays where it is."""
    ordered = list(labels)
    names = {label.name for label in ordered}
    children: dict[str, list[Label]] = {}
    for label in ordered:
        if label.parent in names and label.parent != label.name:
            children.setdefault(label.parent, []).append(label)
    out: list[Label] = []
    for label in ordered:
        if label.parent in names and label.parent != label.name:
            continue
        out.append(label)
        out.extend(children.get(label.name, ()))
    return out


def collapse(names: Iterable[str], labels: Iterable[Label]) -> tuple[str, ...]:
    """The labels of ``names`` without those whose parent (or its parent ...) is there too:
    ``ACTOR|person|organisation`` is ``ACTOR`` again, since a role taking ACTOR takes its sub-types."""
    parents = {label.name: label.parent for label in labels}
    chosen = list(dict.fromkeys(names))
    wanted = set(chosen)
    kept = []
    for name in chosen:
        above, seen = parents.get(name, ""), {name}
        while above and above not in wanted and above not in seen:
            seen.add(above)
            above = parents.get(above, "")
        if not above or above in seen:
            kept.append(name)
    return tuple(kept)


def flatten_schema(schema: Schema) -> Schema:
    """Hashiya's labels have one level of sub-types and EVENT none: a type deeper down becomes a
    sub-type of its top-level type, and one below EVENT a label of its own (brat ontologies such
    as BioNLP's nest deeper)."""
    parents = {label.name: label.parent for label in schema.labels}
    labels = []
    for label in schema.labels:
        top, seen = label.parent, {label.name}
        while parents.get(top) and top not in seen:
            seen.add(top)
            top = parents[top]
        if top == EVENT_LABEL or label.name == EVENT_LABEL:
            top = ""
        labels.append(label if top == label.parent else replace(label, parent=top))
    return Schema(tuple(labels), schema.roles)


def check_schema(schema: Schema, where: str, lines: dict[str, int] | None = None,
                 role_lines: dict[str, int] | None = None) -> Schema:
    """Refuse a schema Hashiya cannot hold: a label whose parent is not defined, is EVENT, or is a
    sub-type itself; a role name with a space; too many labels or roles. ``lines`` and
    ``role_lines`` (name -> line) let the message name the line. Role keys other than one letter
    are dropped."""
    lines = lines or {}
    role_lines = role_lines or {}
    if len(schema.labels) > MAX_SCHEMA_ITEMS or len(schema.roles) > MAX_SCHEMA_ITEMS:
        raise InputError(where, f"defines more than {MAX_SCHEMA_ITEMS} labels or roles")
    parents = {label.name: label.parent for label in schema.labels}
    for label in schema.labels:
        parent = label.parent
        if not parent:
            continue
        line = lines.get(label.name)
        if parent not in parents:
            raise InputError(where, f"label {label.name} has parent {parent}, which is not defined", line)
        if parent == EVENT_LABEL or label.name == EVENT_LABEL:
            raise InputError(where, f"label {label.name} has parent {parent}: {EVENT_LABEL} has no "
                             "sub-types, nor is it one (links start at EVENT spans)", line)
        if parents[parent]:
            raise InputError(where, f"label {label.name} has parent {parent}, itself a sub-type of "
                             f"{parents[parent]}; Hashiya's sub-types have no sub-types", line)
    roles = []
    for role in schema.roles:
        if any(c.isspace() for c in role.name) or len(role.name) > 64:
            raise InputError(where, f"role {quote(role.name, 70)}: a role name holds no spaces and has at "
                             "most 64 characters", role_lines.get(role.name))
        key = role.key if len(role.key) == 1 and role.key.isascii() and role.key.isalpha() else ""
        roles.append(role if key == role.key else replace(role, key=key))
    return Schema(schema.labels, tuple(roles))


def fallback_schema(labels: Iterable[str], colors: dict[str, str]) -> Schema:
    """A schema of bare names (no parents, titles or descriptions), for writers given no schema."""
    names = dict.fromkeys(labels)
    return Schema(tuple(Label(name, "", colors.get(name, ""), n) for n, name in enumerate(names)))
