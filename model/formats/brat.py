"""brat standoff: an article in ``NAME.txt`` with its annotations in ``NAME.ann`` (or a .zip of pairs).

``T`` lines are spans, ``E`` lines attach arguments to an event trigger (``EVENT:T3 Source:T1``),
``R`` lines are binary relations (``Place Arg1:T3 Arg2:T2``: the event first). ``#`` lines
``AnnotatorNotes T1\tNOTE`` are a span's note (one line: line breaks in a note are written as
spaces). ``A``, ``M``, ``N``, ``*`` lines and other ``#`` lines have no Hashiya counterpart and are
passed over. Offsets are code points
over the .txt as brat reads it, so a CRLF or BOM source has its offsets mapped (brat#853).

The label schema travels in ``annotation.conf`` (entity types, sub-types indented under their
label; EVENT's arguments one per role, typed by the labels the role takes and their sub-types, since
brat does not inherit; descriptions and keys in ``#hashiya`` comment lines brat skips) and
``visual.conf`` (titles under ``[labels]``, colours as ``bgColor`` under ``[drawing]``, right-to-left
text). An import applies the annotation.conf of the folder (up to the one named) or archive before
its documents, in the same transaction (:func:`read_conf`). brat's own parser keeps only
``[A-Za-z0-9_-]`` in a type's name as it stores it, so a label named in Arabic shows in brat under
underscores (the .ann files keep the name).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from model.errors import InputError
from model.records import DEFAULT_ROLE_SPECS, EVENT_LABEL, Label, Relation, Role
from model.text import quote
from model.textio import normalise_with_offsets, read_bytes

from ._common import (
    MAX_SCHEMA_BYTES,
    LineError,
    add_relation,
    add_span,
    check_schema,
    check_schema_name,
    check_span,
    check_text,
    checked_spans,
    collapse,
    descendants,
    fallback_schema,
    first_unstorable,
    flatten_schema,
    hex_color,
    moved,
    read_schema_bytes,
    resolve_label,
    schema_text,
    show,
    unstorable,
)
from .base import (
    ExportDocument,
    Format,
    IncomingDocument,
    IncomingRelation,
    IncomingSpan,
    LabelSet,
    ReadOptions,
    Schema,
    WriteOptions,
)

EVENT_LABELS = frozenset({EVENT_LABEL})  # labels written as brat event types; the others are entities
_ID = re.compile(r"[TERAMN#*]\w*", re.ASCII)
#: zip bounds, checked on each member's header before reading it: uncompressed size, the whole
#: archive's uncompressed size, and the compression ratio of members over a megabyte
MAX_MEMBER_BYTES = 64 << 20
MAX_ARCHIVE_BYTES = 1 << 30
MAX_RATIO = 200
RATIO_CHECKED_ABOVE = 1 << 20
#: longest file name stem an export writes, in UTF-8 bytes (file systems allow 255 per name)
MAX_STEM_BYTES = 200
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


# ---- reading ----------------------------------------------------------------------------------


def _fragments(spec: str, raw: str, tid: str) -> tuple[int, int, str]:
    """The covering range of ``0 5;8 12`` and the brat text of its fragments (joined by spaces)."""
    frags = []
    for part in spec.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isascii() and b.isdigit() for b in bits):
            raise LineError(f"{tid} has offsets {show(spec)}; expected START END pairs separated by ';'")
        frags.append(check_span(int(bits[0]), int(bits[1]), len(raw), f"{tid} span"))
    frags.sort()
    for (_, end), (start, _) in pairwise(frags):
        if start < end or raw[end:start].strip():
            raise LineError(f"{tid} has fragments {spec} with text between them; "
                            "a Hashiya span is one continuous range")
    return frags[0][0], frags[-1][1], " ".join(raw[s:e] for s, e in frags)


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _parse_ann(ann: str, raw: str, to_new: Callable[[int], int], labels: LabelSet, where: str
               ) -> tuple[list[IncomingSpan], list[IncomingRelation]]:
    """Spans and relations of a .ann over the raw .txt, offsets mapped to the normalised text."""
    spans: list[IncomingSpan] = []
    defined: dict[str, int] = {}  # T or E id -> line
    aliases: dict[int | str, int | str] = {}
    index: dict[tuple[int, int, str], int] = {}  # (start, end, label) -> position in spans
    triggers: dict[str, str] = {}  # E id -> T id
    links: list[tuple[int, str, str, str, str]] = []  # line, what, event ref, argument ref, role
    notes: dict[str, list[str]] = defaultdict(list)  # T or E id -> its AnnotatorNotes
    for number, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        try:
            if not _ID.fullmatch(ident) or not rest.strip():
                raise LineError(f"cannot read {quote(line)}: expected an annotation id (T1, E1, R1, ...), "
                                "a tab and its content")
            kind = ident[0]
            if kind == "#":
                head, _, note = rest.partition("\t")
                what, _, ref = head.partition(" ")
                if what == "AnnotatorNotes" and ref.strip() and note.strip():
                    notes[ref.strip()].append(note.strip())
                continue
            if kind in "AMN*":
                continue
            if ident in defined:
                raise LineError(f"{ident} is defined twice (first on line {defined[ident]})")
            defined[ident] = number
            head, _, claimed = rest.partition("\t")
            if kind == "T":
                label, _, spec = head.partition(" ")
                start, end, there = _fragments(spec, raw, ident)
                resolved = resolve_label(labels, label, ident)
                if claimed and claimed != there:
                    check_text(claimed, _one_line(there), ident)
                new_start, new_end = moved(to_new, start, end, ident)
                add_span(spans, IncomingSpan(new_start, new_end, resolved, key=ident), aliases, index)
                continue
            tokens = head.split()
            pairs = [token.partition(":") for token in tokens]
            if kind == "E":
                if not pairs or not pairs[0][1] or not all(sep and role and ref for role, sep, ref in pairs):
                    raise LineError(f"cannot read {ident}: expected TYPE:TRIGGER ROLE:ID ...")
                triggers[ident] = pairs[0][2]
                for role, _, ref in pairs[1:]:
                    plain = role.rstrip("0123456789").lower()  # Source2 is a second Source
                    links.append((number, ident, ident, ref, plain or role.lower()))
            else:
                args = {role: ref for role, sep, ref in pairs[1:] if sep}
                if len(pairs) != 3 or set(args) != {"Arg1", "Arg2"}:
                    raise LineError(f"cannot read {ident}: expected TYPE Arg1:ID Arg2:ID")
                links.append((number, ident, args["Arg1"], args["Arg2"], tokens[0].lower()))
        except LineError as exc:
            raise exc.at(where, number) from exc
    for event, trigger in triggers.items():
        if not trigger.startswith("T") or trigger not in defined:
            raise InputError(where, f"{event} has trigger {trigger}, which is not a defined T annotation",
                             defined[event])
    relations: list[IncomingRelation] = []
    seen: set[IncomingRelation] = set()
    for number, what, *refs, role in links:
        keys: list[int | str] = []
        for ref in refs:
            target = triggers.get(ref, ref)  # an event stands for its trigger
            if not target.startswith("T") or target not in defined:
                raise InputError(where, f"{what} refers to {ref}, which is not a defined T or E annotation",
                                 number)
            keys.append(aliases.get(target, target))
        try:
            add_relation(relations, IncomingRelation(keys[0], keys[1], role), what, seen)
        except LineError as exc:
            raise exc.at(where, number) from exc
    if notes:  # on a T line, or on an event (its trigger); notes on other lines are passed over
        by_key: dict[int | str, list[str]] = defaultdict(list)
        for ref, texts in notes.items():
            target = triggers.get(ref, ref)
            if target.startswith("T") and target in defined:
                by_key[aliases.get(target, target)].extend(texts)
        spans = [span._replace(note="\n".join(by_key[span.key])) if span.key in by_key else span
                 for span in spans]
    return spans, relations


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(where, "not UTF-8 text (brat files are UTF-8)", line) from exc


def _document(stem: str, txt: bytes, ann: bytes | None, txt_where: str, ann_where: str,
              labels: LabelSet) -> IncomingDocument:
    raw = _decode(txt, txt_where)
    at = first_unstorable(raw)
    if at >= 0:  # offsets after a dropped character would shift: refuse, naming its line
        problem = unstorable(raw, "the text", line_breaks=True)
        assert problem is not None
        raise problem.at(txt_where, raw.count("\n", 0, at) + 1)
    text, to_new = normalise_with_offsets(raw)
    if not text.strip():
        raise InputError(txt_where, "empty file, no article text")
    spans: list[IncomingSpan] = []
    relations: list[IncomingRelation] = []
    if ann is not None:
        ann_text = _decode(ann, ann_where).removeprefix("\ufeff")
        spans, relations = _parse_ann(ann_text, raw, to_new, labels, ann_where)
    source = txt_where.replace("\\", "/").rsplit("/", 1)[-1]
    return IncomingDocument(ann_where, None, stem, text, meta={"source": source}, spans=spans,
                            relations=relations)


def _sibling(path: Path, suffix: str) -> Path:
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return path.with_suffix(suffix)


def _unsafe(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in parts


def _read_zip(path: Path, labels: LabelSet) -> Iterator[IncomingDocument]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(str(path), f"not a readable zip archive ({exc})") from exc
    with archive:
        pairs: dict[str, dict[str, str]] = defaultdict(dict)
        for info in archive.infolist():
            name = info.filename
            if _unsafe(name):
                raise InputError(str(path), f"member {quote(name, 80)} has an absolute path or '..'; "
                                 "refusing the archive")
            parts = name.split("/")
            if info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts):
                continue
            stem, dot, suffix = name.rpartition(".")
            if dot and suffix.lower() in ("txt", "ann"):
                pairs[stem][suffix.lower()] = name

        infos = {info.filename: info for info in archive.infolist()}
        total = 0

        def member(name: str) -> bytes:
            nonlocal total
            info = infos[name]
            where = f"{path}/{name}"
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(where, f"member is {info.file_size:,} bytes uncompressed, more than "
                                 f"{MAX_MEMBER_BYTES >> 20} MB; refusing the archive (a zip bomb?)")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
                raise InputError(where, f"member expands {ratio:,.0f} times ({info.compress_size:,} to "
                                 f"{info.file_size:,} bytes), more than {MAX_RATIO}:1; refusing the "
                                 "archive (a zip bomb?)")
            if total + info.file_size > MAX_ARCHIVE_BYTES:
                raise InputError(where, f"the archive's members add up to more than "
                                 f"{MAX_ARCHIVE_BYTES >> 20} MB uncompressed; refusing the archive")
            limit = info.file_size  # never read past what the header declares, even if it lies
            try:
                with archive.open(info) as fh:
                    data = fh.read(limit + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, ValueError) as exc:
                raise InputError(where, f"cannot read this member ({exc})") from exc
            if len(data) > limit or zlib.crc32(data) != info.CRC:
                raise InputError(where, "member does not match its header (size or checksum); refusing "
                                 "the archive")
            total += len(data)
            return data

        if not any("txt" in pair for pair in pairs.values()):
            raise InputError(str(path), "no brat .txt/.ann pairs in this archive")
        for stem in sorted(pairs):
            pair = pairs[stem]
            if "txt" not in pair:
                name = stem.rsplit("/", 1)[-1]
                raise InputError(f"{path}/{pair['ann']}", f"no {name}.txt beside it in the archive")
            ann = member(pair["ann"]) if "ann" in pair else None
            where = f"{path}/{pair.get('ann', pair['txt'])}"
            yield _document(stem.rsplit("/", 1)[-1], member(pair["txt"]), ann, f"{path}/{pair['txt']}",
                            where, labels)


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    """A .txt/.ann pair (either may be named) or a .zip of pairs (a .txt there without .ann: no spans)."""
    if path.suffix.lower() == ".zip":
        yield from _read_zip(path, options.labels)
        return
    txt, ann = _sibling(path, ".txt"), _sibling(path, ".ann")
    if not txt.exists():
        raise InputError(str(ann), f"no {txt.name} beside it (brat keeps the text in a .txt of that name)")
    if not ann.exists():
        raise InputError(str(txt), f"no {ann.name} beside it (brat keeps annotations in a .ann of that name)")
    yield _document(txt.stem, read_bytes(txt), read_bytes(ann), str(txt), str(ann), options.labels)


# ---- writing ----------------------------------------------------------------------------------


def file_stem(ext_id: str, taken: set[str], tried: dict[str, int] | None = None) -> str:
    """A safe, unique file name for a document id: letters (Arabic too), marks, digits, ``-_.``;
    no separators, no leading dot, no device names, at most :data:`MAX_STEM_BYTES` UTF-8 bytes;
    ``taken`` holds the casefolded names used. Pass one ``tried`` dict for a whole export so that
    many ids cut to the same name find their ``-n`` in constant time."""
    kept = "".join(c if c.isalnum() or c in "-_." or unicodedata.category(c).startswith("M") else "_"
                   for c in ext_id)
    stem = _cut(kept.strip("."), MAX_STEM_BYTES - 8).rstrip(".") or "document"  # room for "-NNNNNNN"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    key = stem.casefold()
    candidate, n = stem, (tried or {}).get(key, 1)
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    if tried is not None:
        tried[key] = n
    taken.add(candidate.casefold())
    return candidate


def _cut(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` UTF-8 bytes at a character boundary (a combining mark
    left without its base letter is dropped too)."""
    data = name.encode("utf-8")
    if len(data) <= limit:
        return name
    cut = data[:limit].decode("utf-8", errors="ignore")
    while cut and unicodedata.category(name[len(cut)]).startswith("M"):
        cut = cut[:-1]  # do not split a letter from the marks that follow it
    return cut


def _type(name: str) -> str:
    """A label or role as a brat type name: no spaces or colons."""
    return re.sub(r"[\s:]+", "_", name)


def _role(role: str) -> str:
    return _type(role[:1].upper() + role[1:])


def _fragment_spec(text: str, start: int, end: int) -> tuple[str, str]:
    """brat offsets and text of a span; one that crosses lines is cut into fragments at line breaks."""
    covered = text[start:end]
    if "\n" not in covered or covered.startswith("\n") or covered.endswith("\n"):
        return f"{start} {end}", _one_line(covered)
    frags, at = [], start
    for piece in covered.split("\n"):
        if piece:
            frags.append((at, at + len(piece)))
        at += len(piece) + 1
    return ";".join(f"{s} {e}" for s, e in frags), " ".join(text[s:e] for s, e in frags)


def ann_text(item: ExportDocument, events: frozenset[str] = EVENT_LABELS) -> str:
    """The .ann of one document: T lines, an E line per event span, R lines for other links.

    Ids follow the database (``T<span id>``, ``E<span id>``, ``R<relation id>``), so they stay
    stable from one export to the next. ``events``: the labels written as event types (EVENT and
    its sub-types).
    """
    text = item.document.text
    spans = checked_spans(item)
    by_id = {s.id: s for s in spans}
    lines = []
    for span in spans:
        spec, covered = _fragment_spec(text, span.start, span.end)
        lines.append(f"T{span.id}\t{_type(span.label)} {spec}\t{covered}")
    arguments: dict[int, list[Relation]] = defaultdict(list)
    others = []
    for relation in item.relations:
        if by_id[relation.event_id].label in events:
            arguments[relation.event_id].append(relation)
        else:
            others.append(relation)
    for span in spans:
        if span.label not in events:
            continue
        parts, counts = [f"{_type(span.label)}:T{span.id}"], Counter[str]()
        for relation in arguments[span.id]:
            role = _role(relation.role)
            counts[role] += 1
            target = by_id[relation.argument_id]
            ref = f"E{target.id}" if target.label in events else f"T{target.id}"
            parts.append(f"{role}{counts[role] if counts[role] > 1 else ''}:{ref}")
        lines.append(f"E{span.id}\t{' '.join(parts)}")
    for relation in others:
        lines.append(f"R{relation.id}\t{_role(relation.role)} Arg1:T{relation.event_id} "
                     f"Arg2:T{relation.argument_id}")
    for span in spans:
        note = item.span_notes.get(span.id)
        if note and note.strip():
            one_line = _one_line(note).replace("\t", " ").strip()
            lines.append(f"#{span.id}\tAnnotatorNotes T{span.id}\t{one_line}")
    return "".join(line + "\n" for line in lines)


def event_labels(schema: Schema) -> frozenset[str]:
    """EVENT and its sub-types: the labels written as brat event types (E lines, ``[events]``)."""
    return frozenset(descendants(schema.labels, EVENT_LABEL)) | EVENT_LABELS


def _arg_types(role: Role, schema: Schema) -> str:
    """The types an argument in ``role`` may have, as brat lists them: each allowed label and its
    sub-types (brat does not inherit), or ``<ANY>`` for a role that takes any label."""
    if not role.labels:
        return "<ANY>"
    names = [name for label in role.labels for name in descendants(schema.labels, label)]
    return "|".join(dict.fromkeys(_type(name) for name in names))


def _conf_role(role: str) -> str:
    """A role as an argument of an event type, taking any number: ``Source*``; a role ending in a
    digit may not repeat in brat (``Arg12`` would be ambiguous), so it takes at most one."""
    name = _role(role)
    return f"{name}?" if name[-1:].isdigit() else f"{name}*"


def _note_line(kind: str, name: str, key: object, text: str) -> str:
    """A ``#hashiya`` comment keeping what brat has no place for (brat skips ``#`` lines)."""
    flat = " ".join(text.split())
    return f"{NOTE_PREFIX} {kind}\t{name}\t{'' if key is None else key}\t{flat}"


def annotation_conf(schema: Schema, roles: Iterable[str] = (), relation_roles: Iterable[str] = ()) -> str:
    """brat's ``annotation.conf`` for ``schema``: entity types with sub-types indented (one tab a
    level, as brat reads depth), EVENT and its sub-types under ``[events]`` with an argument per
    role typed by the labels the role allows, the other links' roles under ``[relations]``.
    ``roles``: roles used in the data but missing from the schema; ``relation_roles``: roles of
    links from a span that is not an event. Descriptions and keys, which brat has no place for,
    go in ``#hashiya`` comment lines that :func:`read_conf` reads back."""
    labels = list(schema.labels)
    events = event_labels(schema)
    all_roles = list(schema.roles)
    known = {role.name for role in all_roles}
    all_roles += [Role(name) for name in dict.fromkeys(roles) if name not in known]
    children: dict[str, list[Label]] = defaultdict(list)
    names = {label.name for label in labels}
    for label in labels:
        children[label.parent if label.parent in names else ""].append(label)
    args = ", ".join(f"{_conf_role(role.name)}:{_arg_types(role, schema)}" for role in all_roles)

    def tree(label: Label, depth: int, out: list[str], with_args: bool) -> None:
        line = "\t" * depth + _type(label.name)
        out.append(f"{line}\t{args}" if with_args and args else line)
        for child in children[label.name]:
            tree(child, depth + 1, out, with_args)

    entity_lines: list[str] = []
    event_lines: list[str] = []
    for label in children[""]:
        if label.name in events:
            tree(label, 0, event_lines, True)
        else:
            tree(label, 0, entity_lines, False)
    anything = "|".join([*(_type(label.name) for label in labels if label.name not in events), "<EVENT>"])
    out = ["# Hashiya export: offsets are Unicode code points, end exclusive.",
           "# Sub-types are indented under their label; '#hashiya' lines keep descriptions and keys."]
    out += [_note_line("label", _type(label.name), label.key, label.description) for label in labels]
    out += [_note_line("role", role.name.lower(), role.key, role.description) for role in all_roles]
    out += ["[entities]", *entity_lines,
            "[relations]", "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"]
    out += [f"{_role(r)}\tArg1:{anything}, Arg2:{anything}" for r in dict.fromkeys(relation_roles)]
    out += ["[events]", *event_lines, "[attributes]"]
    return "\n".join(out) + "\n"


def visual_conf(schema: Schema) -> str:
    """brat's ``visual.conf``: each label's display title (``[labels]``: the type, then the
    title) and colour (``[drawing]``: ``bgColor``), and right-to-left text for Arabic."""
    out = ["# Hashiya export: label titles and colours.", "[options]", "Text\tdirection:rtl", "[labels]"]
    for label in schema.labels:
        title = " ".join(label.title.replace("|", " ").split())
        if title and title != label.name:
            out.append(f"{_type(label.name)} | {title}")
    out.append("[drawing]")
    for label in schema.labels:
        color = hex_color(label.color)
        if color:
            out.append(f"{_type(label.name)}\tbgColor:{color}")
    out += ["SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
            "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5"]
    return "\n".join(out) + "\n"


# ---- reading a schema ---------------------------------------------------------------------------

#: how a ``#hashiya`` comment line starts (descriptions and keys of labels and roles)
NOTE_PREFIX = "#hashiya"
_SPECIAL_RELATIONS = {"<OVERLAP>", "ENTITY-NESTING"}
_ANY_TYPE = {"<ANY>", "<ENTITY>", "<EVENT>"}
_ARG = re.compile(r"(\S+?)(\{\d+(?:-\d+)?\}|\?|\*|\+|)")


def _sections(text: str, where: str, expected: set[str]) -> dict[str, list[tuple[int, str]]]:
    """The lines of each ``[section]`` (numbered; blank and ``#`` lines left out)."""
    sections: dict[str, list[tuple[int, str]]] = {"": []}
    section = ""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = re.fullmatch(r"\s*\[(.*)\]\s*", line)
        if found:
            section = {"spans": "entities"}.get(found.group(1).strip(), found.group(1).strip())
            if section not in expected:
                raise InputError(where, f"unknown section [{section}] (brat's are "
                                 f"{', '.join(f'[{s}]' for s in sorted(expected))})", number)
            sections.setdefault(section, [])
            continue
        if section == "":
            raise InputError(where, f"{quote(line)} comes before any [section]", number)
        sections[section].append((number, line))
    return sections


class _Node:
    def __init__(self, number: int, depth: int, terms: list[str], args: list[str]) -> None:
        self.number, self.depth, self.terms, self.args = number, depth, terms, args


def _hierarchy(lines: list[tuple[int, str]], where: str, tabs_only: bool = False) -> list[tuple[_Node, str]]:
    """brat's term hierarchy: (node, its parent's name) for each line, macros expanded, separator
    lines left out; depth is the number of whitespace characters before the name, as brat counts."""
    macros: dict[str, str] = {}
    found: list[tuple[_Node, str]] = []
    last_at: dict[int, str] = {}
    for number, line in lines:
        if re.fullmatch(r"\s*-+\s*", line):
            continue
        macro = re.fullmatch(r"<([a-zA-Z_-]+)>=\s*(.*?)\s*", line)
        if macro:
            macros[f"<{macro.group(1)}>"] = macro.group(2)
            continue
        for name, value in macros.items():
            grown = len(line) + line.count(name) * (len(value) - len(name))
            if grown > MAX_SCHEMA_BYTES:  # a macro used thousands of times: refuse, not expand
                raise InputError(where, f"macro {name} expands this line to more than "
                                 f"{MAX_SCHEMA_BYTES:,} characters", number)
            line = line.replace(name, value)
        parts = re.fullmatch(r"(\s*)([^\t]+)(?:\t(.*))?" if tabs_only else r"(\s*)(\S+)(?:\s+(.*))?", line)
        if not parts:
            raise InputError(where, f"cannot read {quote(line)}", number)
        indent, head, rest = parts.groups()
        terms = [t.strip() for t in head.split("|") if t.strip()]
        args = [a.strip() for a in (rest or "").split(",") if a.strip()]
        depth = len(indent)
        if not terms:
            raise InputError(where, f"{quote(line)} names no type", number)
        if depth and depth - 1 not in last_at:
            raise InputError(where, f"{terms[0]} is indented {depth} but no type above it is indented "
                             f"{depth - 1}: brat takes one whitespace character per level", number)
        name = terms[0].removeprefix("!")
        found.append((_Node(number, depth, [name, *terms[1:]], args), last_at[depth - 1] if depth else ""))
        last_at = {d: n for d, n in last_at.items() if d < depth}
        last_at[depth] = name
    return found


def read_conf(annotation: bytes, where: str, visual: bytes | None = None,
              visual_where: str = "visual.conf") -> Schema:
    """The schema of a brat ``annotation.conf`` (and, when given, its ``visual.conf``): entity and
    event types as labels (an indented type is a sub-type of the one above it), event arguments
    and binary relation types as roles (lower-cased, as the .ann reader names them) taking the
    types listed (a type and all its sub-types listed is the type; ``<ANY>``, ``<ENTITY>``,
    ``<EVENT>``: any label); titles from ``[labels]``, colours from ``[drawing]`` ``bgColor``;
    descriptions and keys from ``#hashiya`` lines. Raises :class:`InputError` naming the line."""
    text = schema_text(annotation, where, "brat annotation.conf")
    sections = _sections(text, where, {"entities", "relations", "events", "attributes"})
    labels: dict[str, Label] = {}
    lines: dict[str, int] = {}

    def add_label(node: _Node, parent: str) -> None:
        try:
            name = check_schema_name(node.terms[0], "a type")
        except LineError as exc:
            raise exc.at(where, node.number) from exc
        if name in labels:
            raise InputError(where, f"type {name} is defined twice (first on line {lines[name]})",
                             node.number)
        lines[name] = node.number
        title = node.terms[1] if len(node.terms) > 1 else ""
        labels[name] = Label(name, title, "", len(labels), None, parent)

    for node, parent in _hierarchy(sections.get("entities", []), where):
        add_label(node, parent)
    role_types: dict[str, list[str] | None] = {}  # role -> types (None: any)
    role_lines: dict[str, int] = {}

    def add_role(role: str, types: list[str], number: int) -> None:
        try:
            role = check_schema_name(role, "an argument").lower()
        except LineError as exc:
            raise exc.at(where, number) from exc
        role_lines.setdefault(role, number)
        if any(t in _ANY_TYPE for t in types) or role_types.get(role, []) is None:
            role_types[role] = None
        else:
            role_types[role] = [*(role_types.get(role) or []), *types]

    for node, parent in _hierarchy(sections.get("events", []), where):
        add_label(node, parent)
        for arg in node.args:
            key, sep, types = arg.partition(":")
            found = _ARG.fullmatch(key)
            if not sep or not found or not types:
                raise InputError(where, f"cannot read argument {quote(arg)} of {node.terms[0]}: expected "
                                 "ROLE:TYPE|TYPE..., the role optionally followed by ?, *, + or {N-M}",
                                 node.number)
            role = found.group(1).rstrip("0123456789") or found.group(1)  # Theme2 is a second Theme
            add_role(role, [t.strip() for t in types.split("|") if t.strip()], node.number)
    for node, _ in _hierarchy(sections.get("relations", []), where):
        if node.terms[0] in _SPECIAL_RELATIONS:
            continue
        args = dict(arg.partition(":")[::2] for arg in node.args)
        if not {"Arg1", "Arg2"} <= set(args):
            raise InputError(where, f"relation type {node.terms[0]} needs Arg1:TYPE and Arg2:TYPE",
                             node.number)
        add_role(node.terms[0], [t.strip() for t in args["Arg2"].split("|") if t.strip()], node.number)
    for name, role_line in role_lines.items():
        for type_name in role_types[name] or ():
            if type_name not in labels:
                raise InputError(where, f"role {name} takes type {type_name}, which is not defined",
                                 role_line)
    label_list = tuple(labels.values())
    roles = tuple(Role(name, "", collapse(types or (), label_list), "", n)
                  for n, (name, types) in enumerate(role_types.items()))
    schema = _with_notes(Schema(label_list, roles), text)
    if visual is not None:
        schema = _with_visual(schema, visual, visual_where)
    flat = flatten_schema(schema)
    roles = tuple(replace(role, labels=collapse(role.labels, flat.labels)) for role in flat.roles)
    return check_schema(Schema(flat.labels, roles), where, lines, role_lines)


def _with_notes(schema: Schema, text: str) -> Schema:
    """Descriptions and keys from ``#hashiya label|role<TAB>NAME<TAB>KEY<TAB>DESCRIPTION`` lines,
    whose order is the schema's (brat lists entities apart from events)."""
    label_notes: dict[str, tuple[str, str]] = {}
    role_notes: dict[str, tuple[str, str]] = {}
    for line in text.split("\n"):
        if not line.startswith(NOTE_PREFIX + " "):
            continue
        kind, _, rest = line[len(NOTE_PREFIX) + 1 :].rstrip("\r").partition("\t")
        name, _, rest = rest.partition("\t")
        key, _, description = rest.partition("\t")
        (label_notes if kind == "label" else role_notes if kind == "role" else {})[name] = (key, description)
    order = {name: n for n, name in enumerate(label_notes)}
    labels: list[Label] = []
    for label in sorted(schema.labels, key=lambda label: order.get(label.name, len(order))):
        key, description = label_notes.get(label.name, ("", ""))
        labels.append(replace(label, key=int(key) if key.isascii() and key.isdigit() else label.key,
                              description=description.strip() or label.description, position=len(labels)))
    order = {name: n for n, name in enumerate(role_notes)}
    roles: list[Role] = []
    for role in sorted(schema.roles, key=lambda role: order.get(role.name, len(order))):
        key, description = role_notes.get(role.name, ("", ""))
        roles.append(replace(role, key=key.strip()[:1], description=description.strip(), position=len(roles)))
    return Schema(tuple(labels), tuple(roles))


def _with_visual(schema: Schema, data: bytes, where: str) -> Schema:
    """Titles (``[labels]``) and colours (``[drawing]`` ``bgColor``) from a visual.conf."""
    text = schema_text(data, where, "brat visual.conf")
    sections = _sections(text, where, {"options", "labels", "drawing", "general"})
    titles: dict[str, str] = {}
    for node, _ in _hierarchy(sections.get("labels", []), where, tabs_only=True):
        if len(node.terms) > 1:
            titles[node.terms[0]] = node.terms[1]
    colors: dict[str, str] = {}
    for node, _ in _hierarchy(sections.get("drawing", []), where):
        for arg in node.args:
            key, _, value = arg.partition(":")
            if key.strip() == "bgColor" and hex_color(value):
                colors[node.terms[0]] = hex_color(value)
    labels = tuple(replace(label, title=titles.get(_type(label.name), label.title),
                           color=colors.get(_type(label.name), label.color)) for label in schema.labels)
    return Schema(labels, schema.roles)


def conf_beside(path: Path) -> tuple[Path, Path | None] | None:
    """The ``annotation.conf`` (and ``visual.conf``) brat would use for ``path``: in its folder."""
    folder = path if path.is_dir() else path.parent
    conf = folder / "annotation.conf"
    if not conf.is_file():
        return None
    visual = folder / "visual.conf"
    return conf, visual if visual.is_file() else None


def read_schema_file(path: Path) -> Schema:
    """The schema of an ``annotation.conf`` file, with the ``visual.conf`` beside it if any."""
    visual = path.with_name("visual.conf")
    what = "brat configuration"
    return read_conf(read_schema_bytes(path, what), str(path),
                     read_schema_bytes(visual, what) if visual.is_file() else None, str(visual))


def _schema_of(path: Path) -> tuple[str, Schema] | None:
    """The schema a brat import brings: the annotation.conf in a folder (or beside a .ann/.txt), or
    in a .zip (the one nearest the top, with the visual.conf beside it)."""
    if path.suffix.lower() != ".zip":
        found = conf_beside(path)
        if found is None:
            return None
        return str(found[0]), read_schema_file(found[0])
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted((n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "annotation.conf"
                            and not _unsafe(n)), key=lambda n: (n.count("/"), n))
            if not names:
                return None
            visual_name = names[0][: -len("annotation.conf")] + "visual.conf"
            infos = {info.filename: info for info in archive.infolist()}

            def member(name: str) -> bytes:
                info = infos[name]
                if info.file_size > MAX_SCHEMA_BYTES:
                    raise InputError(f"{path}/{name}", f"is {info.file_size:,} bytes, more than a schema "
                                     f"file may have ({MAX_SCHEMA_BYTES >> 10} KB)")
                with archive.open(info) as fh:
                    return fh.read(MAX_SCHEMA_BYTES + 1)

            visual = member(visual_name) if visual_name in infos else None
            where = f"{path}/{names[0]}"
            return where, read_conf(member(names[0]), where, visual, f"{path}/{visual_name}")
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError) as exc:
        raise InputError(str(path), f"not a readable zip archive ({exc})") from exc


def _replaceable(folder: Path) -> bool:
    """Is ``folder`` empty or an earlier brat export (nothing but .txt, .ann and .conf files)?"""
    allowed = (".txt", ".ann", ".conf")
    return all(child.is_file() and child.suffix.lower() in allowed for child in folder.iterdir())


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> None:
    """A folder of NAME.txt + NAME.ann pairs and annotation.conf, or the same in a .zip when
    ``out`` ends with .zip; built beside ``out`` and renamed into place at the end."""
    as_zip = out.suffix.lower() == ".zip"
    if out.exists() and (as_zip == out.is_dir() or (not as_zip and not _replaceable(out))):
        kind = "a folder" if out.is_dir() else "a file"
        raise InputError(str(out), f"is {kind} that is not an earlier brat export; choose a new name "
                         "or an empty folder")
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        if as_zip:
            with zipfile.ZipFile(tmp, "x", zipfile.ZIP_DEFLATED) as archive:
                _write_all(documents, lambda name, data: archive.writestr(name, data.encode()), options)
        else:
            tmp.mkdir()
            _write_all(documents, lambda name, data: _write_file(tmp / name, data), options)
        _swap(tmp, out)
    except BaseException as exc:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(str(out), f"cannot write ({exc.strerror or exc})") from exc
        raise


def _write_file(path: Path, data: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_all(documents: Iterable[ExportDocument], put: Callable[[str, str], object],
               options: WriteOptions) -> None:
    schema = options.schema if options.schema.labels else fallback_schema(options.labels, options.colors)
    events = event_labels(schema)
    labels = {label.name: label for label in schema.labels}  # labels met in the data are added
    roles: dict[str, None] = {}  # roles used in the data that the schema lacks
    relation_roles: dict[str, None] = {}
    taken: set[str] = set()
    tried: dict[str, int] = {}
    for item in documents:
        stem = file_stem(item.document.ext_id, taken, tried)
        put(f"{stem}.txt", item.document.text)
        put(f"{stem}.ann", ann_text(item, events))
        for span in item.spans:
            if span.label not in labels:
                labels[span.label] = Label(span.label, "", options.colors.get(span.label, ""), len(labels))
        events_here = {s.id for s in item.spans if s.label in events}
        for relation in item.relations:
            (roles if relation.event_id in events_here else relation_roles)[relation.role] = None
    complete = Schema(tuple(labels.values()), options.schema.roles or DEFAULT_ROLE_SPECS)
    put("annotation.conf", annotation_conf(complete, roles, relation_roles))
    put("visual.conf", visual_conf(complete))


def _swap(tmp: Path, out: Path) -> None:
    """Put ``tmp`` where ``out`` is; an old folder is set aside first and removed only at the end."""
    if not (out.is_dir() and tmp.is_dir()):
        os.replace(tmp, out)
        return
    old = out.with_name(f".{out.name}.{secrets.token_hex(4)}.old")
    os.replace(out, old)
    try:
        os.replace(tmp, out)
    except OSError:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


FORMAT = Format("brat", (".ann", ".zip"), read=read, write=write, suffix=".zip", read_schema=_schema_of)
