"""doccano JSONL, both variants, one document per line:

- sequence labeling: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}``
- with relations: ``{"text": ..., "entities": [{"id", "start_offset", "end_offset", "label"}],
  "relations": [{"id", "from_id", "to_id", "type"}]}``

doccano counts offsets in UTF-16 code units (a JavaScript string's indices), so an emoji counts
twice; they are converted to code points on import and back on export. A relation goes from the
event (``from_id``) to its argument (``to_id``), its ``type`` being the role.

doccano keeps every field it does not know as the example's metadata and writes it back on export,
beside its own: the document's status travels as ``hashiya_status`` that way. A plain sequence
labeling project does not know ``entities`` or ``relations`` either, so its export has ``label``
with an earlier ``entities``/``relations`` beside it as metadata: when ``label`` is there, the spans
are read from it alone and the others are kept in the document's meta, not read as annotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from model.errors import InputError
from model.offsets import OffsetMap
from model.records import STATUSES
from model.textio import atomic_writer, normalise_with_offsets

from ._common import (
    LineError,
    add_relation,
    add_span,
    check_span,
    checked_spans,
    is_int,
    json_records,
    moved,
    numbered_lines,
    resolve_label,
    show,
    strict_dumps,
)
from .base import (
    ExportDocument,
    Format,
    IncomingDocument,
    IncomingRelation,
    IncomingSpan,
    ReadOptions,
    WriteOptions,
)

_OWN_KEYS = ("text", "label", "entities", "relations", "id", "title", "meta")
#: a field holding the document's status (doccano keeps it as metadata)
STATUS_FIELD = "hashiya_status"


def from_utf16(units: OffsetMap, offset: int) -> int:
    """A UTF-16 offset inside the text as a code point index."""
    index = units.to_codepoint(offset)
    if units.to_utf16(index) != offset:
        raise LineError(
            f"offset {offset} falls inside a surrogate pair (a character beyond U+FFFF, "
            "such as an emoji, counts as two UTF-16 units)"
        )
    return index


def _parse(record: object, options: ReadOptions, default_id: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise LineError("a line must hold a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LineError("missing 'text'" if text is None else "'text' must be a non-empty string")
    stored, to_new = normalise_with_offsets(text)
    units = OffsetMap(text)
    length16 = units.length16
    labels = options.labels
    spans: list[IncomingSpan] = []
    aliases: dict[int | str, int | str] = {}
    repeats: dict[tuple[int, int, str], int] = {}  # finds a repeated span at once

    def span(start: object, end: object, label: object, what: str, key: int | str | None) -> None:
        s16, e16 = check_span(start, end, length16, what)
        resolved = resolve_label(labels, label, f"{what} {s16}–{e16}")
        new_start, new_end = moved(
            to_new, from_utf16(units, s16), from_utf16(units, e16), f"{what} {s16}–{e16}"
        )
        add_span(spans, IncomingSpan(new_start, new_end, resolved, key=key), aliases, repeats)

    raw_labels, entities = record.get("label"), record.get("entities")
    raw_relations = record.get("relations") or []
    carried: dict[str, Any] = {}  # a plain project's metadata that looks like annotations
    if raw_labels is not None and (entities is not None or raw_relations):
        carried = {k: record[k] for k in ("entities", "relations") if record.get(k) is not None}
        entities, raw_relations = None, []
    if raw_labels is not None:
        if not isinstance(raw_labels, list):
            raise LineError("'label' must be a list of [start, end, label]")
        for n, item in enumerate(raw_labels, 1):
            if isinstance(item, str):
                raise LineError(
                    "'label' holds categories (a text classification project); "
                    "Hashiya imports sequence labeling: [start, end, label]"
                )
            if not isinstance(item, list) or len(item) != 3:
                raise LineError(f"label {n} must be [start, end, label], not {show(item)}")
            span(item[0], item[1], item[2], "span", None)
    keys: set[int | str] = set()
    if entities is not None:
        if not isinstance(entities, list):
            raise LineError("'entities' must be a list")
        for n, item in enumerate(entities, 1):
            if not isinstance(item, dict):
                raise LineError(f"entity {n} is not an object")
            key = item.get("id")
            if key is not None and not (is_int(key) or isinstance(key, str)):
                raise LineError(f"entity {n} has id {show(key)}; expected a number or a string")
            if key is not None and key in keys:
                raise LineError(f"entity id {show(key)} is used twice")
            span(item.get("start_offset"), item.get("end_offset"), item.get("label"), f"entity {n}", key)
            if key is not None:
                keys.add(key)
    relations: list[IncomingRelation] = []
    linked: set[IncomingRelation] = set()
    if not isinstance(raw_relations, list):
        raise LineError("'relations' must be a list")
    for n, item in enumerate(raw_relations, 1):
        if not isinstance(item, dict):
            raise LineError(f"relation {n} is not an object")
        ends = []
        for field in ("from_id", "to_id"):
            value = item.get(field)
            if not (is_int(value) or isinstance(value, str)) or value not in keys:
                raise LineError(f"relation {n} refers to unknown entity id {show(value)} as its {field}")
            ends.append(aliases.get(value, value))
        role = item.get("type")
        if not isinstance(role, str) or not role.strip():
            raise LineError(f"relation {n} needs a non-empty string 'type' (its role)")
        add_relation(relations, IncomingRelation(ends[0], ends[1], role.strip()), f"relation {n}", linked)
    ext_id = record.get("id", default_id)
    if not (is_int(ext_id) or (isinstance(ext_id, str) and ext_id.strip())):
        raise LineError(f"'id' must be a number or a non-empty string, not {show(ext_id)}")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise LineError("'title' must be a string")
    status = record.get(STATUS_FIELD)
    own = (*_OWN_KEYS, STATUS_FIELD) if status in STATUSES else _OWN_KEYS
    meta = record.get("meta")
    meta = dict(meta) if isinstance(meta, dict) else ({} if meta is None else {"meta": meta})
    meta.update((k, v) for k, v in record.items() if k not in own)
    meta.update(carried)
    return {
        "ext_id": str(ext_id),
        "text": stored,
        "title": title,
        "meta": meta,
        "status": status if status in STATUSES else None,
        "spans": spans,
        "relations": relations,
    }


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    for number, record in json_records(path):
        try:
            fields = _parse(record, options, f"{path.stem}-{number}")
        except LineError as exc:
            raise exc.at(path, number) from exc
        yield IncomingDocument(str(path), number, **fields)


def sniff(path: Path) -> bool:
    """Is the first record a doccano one: "label" or "entities", and no native "spans"?"""
    try:
        for _, line in numbered_lines(path):
            record = json.loads(line)
            return (
                isinstance(record, dict)
                and ("label" in record or "entities" in record)
                and "spans" not in record
            )
    except (InputError, ValueError):
        return False
    return False


def record_of(item: ExportDocument) -> dict[str, Any]:
    doc = item.document
    u16 = OffsetMap(doc.text).to_utf16
    entities = [
        {"id": s.id, "start_offset": u16(s.start), "end_offset": u16(s.end), "label": s.label}
        for s in checked_spans(item)
    ]
    relations = [
        {"id": r.id, "from_id": r.event_id, "to_id": r.argument_id, "type": r.role} for r in item.relations
    ]
    return {
        "id": doc.ext_id,
        "title": doc.title,
        "text": doc.text,
        "entities": entities,
        "relations": relations,
        "meta": doc.meta,
        STATUS_FIELD: doc.status,
    }


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions | None = None) -> None:
    """One doccano record per line (the entities-and-relations variant), offsets in UTF-16 units."""
    with atomic_writer(out) as fh:
        for item in documents:
            fh.write(strict_dumps(record_of(item), item.document.ext_id) + "\n")


FORMAT = Format(
    "doccano",
    (".jsonl",),
    read=read,
    write=write,
    sniff=sniff,
    offset_unit="UTF-16 code units, end exclusive (doccano's default)",
    suffix=".jsonl",
)
