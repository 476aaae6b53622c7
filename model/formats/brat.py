"""brat standoff: an article in ``NAME.txt`` with its annotations in ``NAME.ann`` (or a .zip of pairs).

``T`` lines are spans, ``E`` lines attach arguments to an event trigger (``EVENT:T3 Source:T1``),
``R`` lines are binary relations (``Place Arg1:T3 Arg2:T2``: the event first). ``#`` lines
``AnnotatorNotes T1\tNOTE`` are a span's note (one line: line breaks in a note are written as
spaces). ``A``, ``M``, ``N``, ``*`` lines and other ``#`` lines have no Hashiya counterpart and are
passed over. Offsets are code points
over the .txt as brat reads it, so a CRLF or BOM source has its offsets mapped (brat#853).
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
from itertools import pairwise
from pathlib import Path

from model.errors import InputError
from model.records import DEFAULT_ROLES, EVENT_LABEL, Relation
from model.text import quote
from model.textio import normalise_with_offsets, read_bytes

from ._common import (
    LineError,
    add_relation,
    add_span,
    check_span,
    check_text,
    checked_spans,
    first_unstorable,
    moved,
    resolve_label,
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


def ann_text(item: ExportDocument) -> str:
    """The .ann of one document: T lines, an E line per event span, R lines for other links.

    Ids follow the database (``T<span id>``, ``E<span id>``, ``R<relation id>``), so they stay
    stable from one export to the next.
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
        if by_id[relation.event_id].label in EVENT_LABELS:
            arguments[relation.event_id].append(relation)
        else:
            others.append(relation)
    for span in spans:
        if span.label not in EVENT_LABELS:
            continue
        parts, counts = [f"{_type(span.label)}:T{span.id}"], Counter[str]()
        for relation in arguments[span.id]:
            role = _role(relation.role)
            counts[role] += 1
            target = by_id[relation.argument_id]
            ref = f"E{target.id}" if target.label in EVENT_LABELS else f"T{target.id}"
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


def annotation_conf(labels: Iterable[str], roles: Iterable[str], relation_roles: Iterable[str]) -> str:
    names = [_type(label) for label in dict.fromkeys(labels)]
    entities = [n for n in names if n not in EVENT_LABELS]
    events = [n for n in names if n in EVENT_LABELS]
    anything = "|".join([*entities, "<EVENT>"])
    out = ["# Hashiya export: offsets are Unicode code points, end exclusive.", "[entities]", *entities,
           "[relations]", "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"]
    out += [f"{_role(r)}\tArg1:{anything}, Arg2:{anything}" for r in dict.fromkeys(relation_roles)]
    args = ", ".join(f"{_role(r)}*:{anything}" for r in dict.fromkeys(roles))
    out += ["[events]", *(f"{e}\t{args}" if args else e for e in events), "[attributes]"]
    return "\n".join(out) + "\n"


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
    labels = dict.fromkeys(options.labels)  # ordered sets: first-seen order, no rescans
    roles: dict[str, None] = dict.fromkeys(DEFAULT_ROLES)
    relation_roles: dict[str, None] = {}
    taken: set[str] = set()
    tried: dict[str, int] = {}
    for item in documents:
        stem = file_stem(item.document.ext_id, taken, tried)
        put(f"{stem}.txt", item.document.text)
        put(f"{stem}.ann", ann_text(item))
        labels.update(dict.fromkeys(s.label for s in item.spans))
        events = {s.id for s in item.spans if s.label in EVENT_LABELS}
        for relation in item.relations:
            (roles if relation.event_id in events else relation_roles)[relation.role] = None
    put("annotation.conf", annotation_conf(labels, roles, relation_roles))


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


FORMAT = Format("brat", (".ann", ".zip"), read=read, write=write, suffix=".zip")
