"""Hashiya's native JSONL: one document per line with its spans and relations (see DESIGN.md).

Offsets are Python ``str`` indices (Unicode code points), end exclusive, over the stored text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from model.errors import HashiyaError, InputError
from model.records import STATUSES
from model.textio import atomic_writer, normalise_with_offsets

from ._common import LineError, is_int, json_records, quote, show
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


def _key(value: object, what: str) -> int | str:
    if is_int(value) or (isinstance(value, str) and value):
        return value  # type: ignore[return-value]
    shown = show(value)
    raise LineError(f"{what} must be an integer or a non-empty string, not {shown}")


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise LineError(f"{where}{key!r} must be a string")
    return value


def _span(item: object, n: int, text: str, labels: LabelSet) -> IncomingSpan:
    if type(item) is not dict:
        raise LineError(f"span {n} is not an object")
    get = item.get
    start, end, label = get("start"), get("end"), get("label")
    if type(start) is not int or type(end) is not int:  # bool is not an offset either
        raise LineError(f"span {n} needs integer 'start' and 'end'")
    if not 0 <= start < end <= len(text):
        problem = "reversed or empty" if start >= end else "outside the text"
        raise LineError(f"span {start}–{end} is {problem} (text length {len(text)})")
    resolved = labels.resolve(label) if type(label) is str else None  # cached per label name
    if resolved is None:
        raise LineError(f"span {start}–{end} has unknown label {show(label)} ({labels.describe()})")
    claimed, annotator, key = get("text"), get("annotator"), get("id")
    if claimed is not None:
        if type(claimed) is not str:
            raise LineError(f"span {start}–{end}: 'text' must be a string")
        if claimed != text[start:end]:
            there = quote(text[start:end])
            raise LineError(f"span {start}–{end} says {quote(claimed)} but the text there is {there}")
    if annotator is not None and type(annotator) is not str:
        raise LineError(f"span {start}–{end}: 'annotator' must be a string")
    if key is not None and (type(key) is not int and (type(key) is not str or not key)):
        key = _key(key, f"span {start}–{end} 'id'")
    return IncomingSpan(start, end, resolved, annotator or "", key)


def _relation(item: object, n: int, keys: set[int | str]) -> IncomingRelation:
    if not isinstance(item, dict):
        raise LineError(f"relation {n} is not an object")
    event, argument, role = item.get("event"), item.get("argument"), item.get("role")
    for end_name, value in (("event", event), ("argument", argument)):
        if not (is_int(value) or isinstance(value, str)) or value not in keys:
            raise LineError(f"relation {n} refers to unknown span id {show(value)} as its {end_name}")
    if event == argument:
        raise LineError(f"relation {n} links span {event} to itself")
    if not isinstance(role, str) or not role:
        raise LineError(f"relation {n} needs a non-empty string 'role'")
    return IncomingRelation(event, argument, role)  # type: ignore[arg-type]


def _parse_record(record: object, labels: LabelSet, default_id: str) -> dict[str, Any]:
    """Validate one decoded line; returns the fields of an :class:`IncomingDocument`."""
    if not isinstance(record, dict):
        raise LineError("a line must hold a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text or text.isspace():
        raise LineError("missing 'text'" if text is None else "'text' must be a non-empty string")
    raw_spans = record.get("spans") or []
    raw_relations = record.get("relations") or []
    if not isinstance(raw_spans, list) or not isinstance(raw_relations, list):
        raise LineError("'spans' and 'relations' must be lists")
    ext_id = record.get("id", default_id)
    ext_id = str(_key(ext_id, "'id'"))
    title = _optional_str(record, "title", "")
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise LineError("'meta' must be an object")
    status = record.get("status")
    if status is not None and status not in STATUSES:
        raise LineError(f"unknown status {show(status)} (one of {', '.join(STATUSES)})")
    spans: list[IncomingSpan] = []
    seen_spans: set[tuple[int, int, str]] = set()
    keys: set[int | str] = set()
    stored_text, to_new = normalise_with_offsets(text)  # CRLF and BOM go; offsets follow
    moved = stored_text is not text
    for n, item in enumerate(raw_spans, 1):
        span = _span(item, n, text, labels)
        if moved:
            span = span._replace(start=to_new(span.start), end=to_new(span.end))
        where = span[:3]  # (start, end, label)
        if where in seen_spans:
            raise LineError(f"span {span.start}–{span.end} {span.label} appears twice")
        seen_spans.add(where)
        key = span.key
        if key is not None:
            if key in keys:
                raise LineError(f"span id {key} is used twice")
            keys.add(key)
        spans.append(span)
    relations: list[IncomingRelation] = []
    for n, item in enumerate(raw_relations, 1):
        relation = _relation(item, n, keys)
        if relation in relations:
            r = relation
            raise LineError(f"relation {n} repeats {r.event} → {r.argument} as {r.role}")
        relations.append(relation)
    return {"ext_id": ext_id, "text": stored_text, "title": title, "meta": meta, "status": status,
            "spans": spans, "relations": relations}


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    """Stream validated documents from a JSONL file; blank lines are skipped."""
    for number, record in json_records(path):
        try:
            fields = _parse_record(record, options.labels, f"{path.stem}-{number}")
        except LineError as exc:
            raise InputError(str(path), str(exc), number) from exc
        yield IncomingDocument(str(path), number, **fields)


def record_of(item: ExportDocument) -> dict[str, Any]:
    """The JSON object for one document; checks that every span lies inside the text."""
    doc = item.document
    spans = []
    for span in item.spans:
        if not 0 <= span.start < span.end <= len(doc.text):
            raise HashiyaError(f"document {doc.ext_id}: span {span.id} ({span.start}–{span.end}) "
                               f"lies outside its text (length {len(doc.text)})")
        spans.append({"id": span.id, "start": span.start, "end": span.end, "label": span.label,
                      "text": doc.text[span.start : span.end], "annotator": span.annotator})
    relations = [{"event": r.event_id, "argument": r.argument_id, "role": r.role} for r in item.relations]
    return {"id": doc.ext_id, "title": doc.title, "text": doc.text, "meta": doc.meta,
            "status": doc.status, "spans": spans, "relations": relations}


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions | None = None) -> None:
    """Write one line per document to ``out`` atomically, streaming."""
    with atomic_writer(out) as fh:
        for item in documents:
            fh.write(json.dumps(record_of(item), ensure_ascii=False) + "\n")


FORMAT = Format("jsonl", (".jsonl", ".ndjson"), read=read, write=write)
