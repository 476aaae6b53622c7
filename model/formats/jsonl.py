"""Hashiya's native JSONL: one document per line with its spans and relations (see DESIGN.md).

Offsets are Python ``str`` indices (Unicode code points), end exclusive, over the stored text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from model.errors import CancelledError, HashiyaError
from model.records import GOLD, STATUSES
from model.store import Store
from model.text import quote
from model.textio import atomic_writer, normalise_with_offsets

from ._common import LineError, checked_spans, is_int, json_records, moved, resolve_label, show
from .base import (
    ExportDocument,
    Format,
    IncomingDocument,
    IncomingRelation,
    IncomingSpan,
    LabelSet,
    Progress,
    ReadOptions,
    WriteOptions,
)


def _key(value: object, what: str) -> int | str:
    if is_int(value) or (isinstance(value, str) and value):
        return value
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
        resolved = resolve_label(labels, label, f"span {start}–{end}")  # raises, saying why
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
    note = get("note")
    if note is not None and type(note) is not str:
        raise LineError(f"span {start}–{end}: 'note' must be a string")
    return IncomingSpan(start, end, resolved, annotator or "", key, note or "")


_new_span = tuple.__new__  # IncomingSpan's own __new__ is a Python function, for keywords


def _well_formed_spans(
    raw_spans: list[Any], text: str, labels: LabelSet
) -> tuple[list[IncomingSpan], set[int | str]] | None:
    """The spans of a line and their ids when every one is well formed, in one tight loop (the
    usual case, and most of an import's checking); None at the first that is not, and the careful
    path (:func:`_span` for each, in order) then finds what is wrong and says it."""
    resolve = labels.resolve
    length = len(text)
    spans: list[IncomingSpan] = []
    append = spans.append
    keys: set[int | str] = set()
    for item in raw_spans:
        if type(item) is not dict:
            return None
        get = item.get
        start, end, label = get("start"), get("end"), get("label")
        if type(start) is not int or type(end) is not int or type(label) is not str:
            return None
        if not 0 <= start < end <= length:
            return None
        resolved = resolve(label)
        claimed = get("text")
        if resolved is None or (claimed is not None and claimed != text[start:end]):
            return None  # a 'text' that is not a string is never equal to the text's
        annotator, key = get("annotator"), get("id")
        if annotator is None:
            annotator = ""
        elif type(annotator) is not str:
            return None
        if key is not None:
            if (type(key) is not int and (type(key) is not str or not key)) or key in keys:
                return None
            keys.add(key)
        note = get("note")
        if note is None:
            note = ""
        elif type(note) is not str:
            return None
        append(_new_span(IncomingSpan, (start, end, resolved, annotator, key, note)))
    if len({span[:4] for span in spans}) != len(spans):
        return None  # a span (start, end, label, annotator) listed twice
    return spans, keys


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


def _checked_spans(
    raw_spans: list[Any], text: str, labels: LabelSet, to_new: Callable[[int], int] | None
) -> tuple[list[IncomingSpan], set[int | str]]:
    """Each span checked in order, the first problem raised as a :class:`LineError`; offsets are
    moved onto the stored text by ``to_new`` when it differs from the source (CRLF, BOM)."""
    spans: list[IncomingSpan] = []
    seen_spans: set[tuple[int, int, str, str]] = set()
    keys: set[int | str] = set()
    for n, item in enumerate(raw_spans, 1):
        span = _span(item, n, text, labels)
        if to_new is not None:
            start, end = moved(to_new, span.start, span.end, f"span {span.start}–{span.end}")
            span = span._replace(start=start, end=end)
        where = span[:4]  # (start, end, label, annotator): two analysts may tag the same text
        if where in seen_spans:
            by = f" by {quote(span.annotator)}" if span.annotator else ""
            raise LineError(f"span {span.start}–{span.end} {span.label}{by} appears twice")
        seen_spans.add(where)
        key = span.key
        if key is not None:
            if key in keys:
                raise LineError(f"span id {key} is used twice")
            keys.add(key)
        spans.append(span)
    return spans, keys


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
    note = _optional_str(record, "note", "") or ""
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise LineError("'meta' must be an object")
    status = record.get("status")
    if status is not None and status not in STATUSES:
        raise LineError(f"unknown status {show(status)} (one of {', '.join(STATUSES)})")
    stored_text, to_new = normalise_with_offsets(text)  # CRLF and BOM go; offsets follow
    shifted = stored_text is not text
    fast = None if shifted else _well_formed_spans(raw_spans, text, labels)
    if fast is not None:
        spans, keys = fast
    else:
        spans, keys = _checked_spans(raw_spans, text, labels, to_new if shifted else None)
    relations: list[IncomingRelation] = []
    seen_relations: set[IncomingRelation] = set()
    for n, item in enumerate(raw_relations, 1):
        relation = _relation(item, n, keys)
        if relation in seen_relations:
            r = relation
            raise LineError(f"relation {n} repeats {r.event} → {r.argument} as {r.role}")
        seen_relations.add(relation)
        relations.append(relation)
    return {
        "ext_id": ext_id,
        "text": stored_text,
        "title": title,
        "meta": meta,
        "status": status,
        "spans": spans,
        "relations": relations,
        "note": note,
    }


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    """Stream validated documents from a JSONL file; blank lines are skipped."""
    for number, record in json_records(path):
        try:
            fields = _parse_record(record, options.labels, f"{path.stem}-{number}")
        except LineError as exc:
            raise exc.at(path, number) from exc
        yield IncomingDocument(str(path), number, **fields)


def record_of(item: ExportDocument) -> dict[str, Any]:
    """The JSON object for one document, built in Python: what :func:`write_store` streams from
    SQLite, and the reference the tests compare it with."""
    doc = item.document
    notes = item.span_notes
    spans = []
    for span in checked_spans(item):
        record: dict[str, Any] = {
            "id": span.id,
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": doc.text[span.start : span.end],
            "annotator": span.annotator,
        }
        note = notes.get(span.id)
        if note:
            record["note"] = note
        spans.append(record)
    relations = [{"event": r.event_id, "argument": r.argument_id, "role": r.role} for r in item.relations]
    result: dict[str, Any] = {
        "id": doc.ext_id,
        "title": doc.title,
        "text": doc.text,
        "meta": doc.meta,
        "status": doc.status,
        "spans": spans,
        "relations": relations,
    }
    if doc.note:
        result["note"] = doc.note
    return result


#: texts longer than this (in characters) have their export line built in Python (see write_store);
#: the query compares UTF-8 bytes, which SQLite knows without walking the text
LONG_TEXT = 20000
LONG_TEXT_BYTES = 2 * LONG_TEXT  # Arabic letters are two bytes each
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _long_line(conn: Any, doc_id: int, spans: tuple[str, list[str]], relations: tuple[str, list[str]]) -> str:
    """One document's export line, built as SQLite's ``json_object`` builds it in ``write_store``,
    but cutting each span's text in Python (constant time per span, whatever its offset)."""
    ext_id, title, text, meta, status, note = conn.execute(
        "SELECT ext_id, title, text, meta, status, note FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    span_query, span_args = spans
    relation_query, relation_args = relations
    record = {
        "id": ext_id, "title": title, "text": text, "meta": json.loads(meta), "status": status,
        "spans": [{"id": sid, "start": start, "end": end, "label": label, "text": text[start:end],
                   "annotator": annotator, **({"note": span_note} if span_note else {})}
                  for sid, start, end, label, annotator, span_note
                  in conn.execute(span_query, [*span_args, doc_id])],
        "relations": [{"event": event, "argument": argument, "role": role}
                      for event, argument, role in conn.execute(relation_query, [*relation_args, doc_id])],
    }
    if note:
        record["note"] = note
    return _compact(record)


def write_store(
    store: Store,
    out: Path,
    status: str | None,
    labels: Collection[str] | None,
    annotator: str | None,
    ids: Collection[str] | None,
    progress: Progress | None,
    gold_first: bool = False,
) -> tuple[int, int, int]:
    """Native JSONL built by SQLite's JSON functions, one line per document, streamed (with
    ``gold_first``, a document that has a gold layer gives only its gold spans).

    The same records as :func:`model.formats.jsonl.record_of` (span ``text`` is cut from the
    document with ``substr``, which counts code points like Python), without building Python
    objects for a million spans.
    """
    conn = store.conn
    span_filter = ["s.doc_id = d.id"]
    span_args: list[str] = []
    if labels is not None:
        span_filter.append(f"s.label IN ({','.join('?' * len(labels))})")
        span_args.extend(labels)
    if annotator is not None:
        span_filter.append("s.annotator = ?")
        span_args.append(annotator)
    if gold_first:
        span_filter.append(
            "(s.annotator = ? OR NOT EXISTS "
            "(SELECT 1 FROM spans g WHERE g.doc_id = s.doc_id AND g.annotator = ?))"
        )
        span_args.extend([GOLD, GOLD])
    where_span = " AND ".join(span_filter)
    doc_filter = ["1"]
    doc_args: list[str] = []
    if status is not None:
        doc_filter.append("d.status = ?")
        doc_args.append(status)
    if ids is not None:
        wanted = sorted(set(ids))
        doc_filter.append(f"d.ext_id IN ({','.join('?' * len(wanted))})")
        doc_args.extend(wanted)
    where_doc = " AND ".join(doc_filter)
    bad = conn.execute(
        """SELECT d.ext_id, m.last, length(d.text), m.first FROM
               (SELECT doc_id, max("end") AS last, min(start) AS first FROM spans GROUP BY doc_id) m
           JOIN documents d ON d.id = m.doc_id
           WHERE m.last > length(d.text) OR m.first < 0 LIMIT 1"""
    ).fetchone()
    if bad:
        raise HashiyaError(
            f"document {bad[0]}: a span ending at {bad[1]} lies outside its text (length {bad[2]})"
        )
    filtered = labels is not None or annotator is not None or gold_first
    kept = f"SELECT s.id FROM spans s WHERE {where_span}"
    # Relations keep both ends; without span filters every relation does, so skip the test.
    where_rel = f"r.event_id IN ({kept}) AND r.argument_id IN ({kept})" if filtered else "1"
    rel_args = span_args * 2 if filtered else []
    # The index on spans(doc_id, start) yields each document's spans in (start, id) order.
    # substr() walks a text from its start to reach an offset, so spans deep into a long text cost
    # time in proportion to the text each: a long document's line is built in Python instead.
    span_json = """json_object('id', s.id, 'start', s.start, 'end', s."end", 'label', s.label,
        'text', substr(d.text, s.start + 1, s."end" - s.start), 'annotator', s.annotator)"""
    query = f"""
        SELECT d.id, CASE WHEN length(CAST(d.text AS BLOB)) > {LONG_TEXT_BYTES} THEN NULL ELSE (
          SELECT CASE WHEN d.note = '' THEN o ELSE json_set(o, '$.note', d.note) END FROM (SELECT json_object(
            'id', d.ext_id, 'title', d.title, 'text', d.text, 'meta', json(d.meta), 'status', d.status,
            'spans', (SELECT json_group_array(CASE WHEN s.note = '' THEN {span_json} ELSE
                                              json(json_set({span_json}, '$.note', s.note)) END)
                      FROM spans s INDEXED BY spans_by_doc WHERE {where_span}),
            'relations', (SELECT json_group_array(json(y)) FROM (
                SELECT json_object('event', r.event_id, 'argument', r.argument_id, 'role', r.role) AS y
                FROM relations r WHERE r.doc_id = d.id AND {where_rel} ORDER BY r.id))
          ) AS o)
        ) END
        FROM documents d WHERE {where_doc} ORDER BY d.id
    """
    span_query = f"""SELECT s.id, s.start, s."end", s.label, s.annotator, s.note FROM documents d
                     JOIN spans s ON {where_span} WHERE d.id = ? ORDER BY s.start, s.id"""
    relation_query = f"""SELECT r.event_id, r.argument_id, r.role FROM documents d
                         JOIN relations r ON r.doc_id = d.id WHERE d.id = ? AND {where_rel} ORDER BY r.id"""
    args = span_args + rel_args + doc_args
    if filtered or doc_args:
        counts = f"""
            SELECT count(*),
                   (SELECT count(*) FROM documents d JOIN spans s ON {where_span} WHERE {where_doc}),
                   (SELECT count(*) FROM documents d JOIN relations r ON r.doc_id = d.id
                    WHERE {where_doc} AND {where_rel})
            FROM documents d WHERE {where_doc}
        """
        count_args = span_args + doc_args + doc_args + rel_args + doc_args
    else:  # everything: the tables' own counts
        counts = (
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans), "
            "(SELECT count(*) FROM relations)"
        )
        count_args = []
    total, span_total, relation_total = conn.execute(counts, count_args).fetchone()
    if progress is not None and progress(0, total) is False:
        raise CancelledError()
    with atomic_writer(out) as fh:
        write = fh.write
        for n, (doc_id, line) in enumerate(conn.execute(query, args), 1):
            if line is None:
                line = _long_line(conn, doc_id, (span_query, span_args), (relation_query, rel_args))
            write(line)
            write("\n")
            if progress is not None and n % 500 == 0 and progress(n, total) is False:
                raise CancelledError()
    if progress is not None:
        progress(total, total)
    return total, span_total, relation_total


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> dict[str, int]:
    """Native JSONL built in Python from :func:`record_of`: the same lines as :func:`write_store`,
    for a database whose SQL has other JSON functions (PostgreSQL)."""
    with atomic_writer(out) as fh:
        for item in documents:
            fh.write(_compact(record_of(item)) + "\n")
    return {}


FORMAT = Format(
    "jsonl", (".jsonl", ".ndjson"), read=read, write=write, write_store=write_store, suffix=".jsonl"
)
