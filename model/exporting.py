"""Exporting documents from a Store through a format's writer, streaming and filtered."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CancelledError, HashiyaError, UsageError
from .formats import FORMATS, ExportDocument
from .formats.base import WriteOptions
from .importing import Progress
from .records import STATUSES, Relation, Span
from .store import Store
from .textio import atomic_writer


@dataclass
class ExportReport:
    path: str
    format: str
    offset_unit: str
    documents: int = 0
    spans: int = 0
    relations: int = 0
    notes: dict[str, int] = field(default_factory=dict)  # e.g. spans each --split rule touched


def iter_export_documents(
    store: Store,
    status: str | None = None,
    labels: Collection[str] | None = None,
    annotator: str | None = None,
    ids: Collection[str] | None = None,
    check_only: bool = False,
) -> Iterator[ExportDocument]:
    """Documents (optionally of one status, or with these ids) with their spans (optionally of
    some labels or one annotator) and the relations whose both ends are kept.

    Streams three cursors ordered by document, so memory stays flat as the corpus grows.
    """
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if labels is not None:
        unknown = sorted(set(labels) - set(store.label_names()))
        if unknown:
            raise UsageError(f"unknown label {', '.join(unknown)} (labels: {', '.join(store.label_names())})")
    wanted_ids = set(ids) if ids is not None else None
    if wanted_ids is not None:
        known = {row[0] for row in store.conn.execute("SELECT ext_id FROM documents")}
        missing = sorted(wanted_ids - known)
        if missing:
            raise UsageError(f"no document with id {', '.join(missing[:5])}")
    if check_only:  # the arguments are valid; nothing to read
        return
    label_set = set(labels) if labels is not None else None
    conn = store.conn
    spans = conn.execute(
        'SELECT id, doc_id, start, "end", label, annotator FROM spans ORDER BY doc_id, start, id'
    )
    relations = conn.execute(
        "SELECT id, doc_id, event_id, argument_id, role FROM relations ORDER BY doc_id, id"
    )
    next_span = spans.fetchone()
    next_relation = relations.fetchone()
    for doc in store.iter_documents():
        doc_spans: list[Span] = []
        while next_span is not None and next_span[1] <= doc.id:
            if next_span[1] == doc.id:
                doc_spans.append(Span._make(next_span))
            next_span = spans.fetchone()
        doc_relations: list[Relation] = []
        while next_relation is not None and next_relation[1] <= doc.id:
            if next_relation[1] == doc.id:
                doc_relations.append(Relation._make(next_relation))
            next_relation = relations.fetchone()
        if status is not None and doc.status != status:
            continue
        if wanted_ids is not None and doc.ext_id not in wanted_ids:
            continue
        if label_set is not None or annotator is not None:
            doc_spans = [
                s
                for s in doc_spans
                if (label_set is None or s.label in label_set)
                and (annotator is None or s.annotator == annotator)
            ]
            kept = {s.id for s in doc_spans}
            doc_relations = [r for r in doc_relations if r.event_id in kept and r.argument_id in kept]
        yield ExportDocument(doc, doc_spans, doc_relations)


def export_documents(
    store: Store,
    out: str | Path,
    fmt: str = "jsonl",
    status: str | None = None,
    labels: Collection[str] | None = None,
    split: str = "expand",
    annotator: str | None = None,
    ids: Collection[str] | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the chosen documents to ``out`` in format ``fmt``; returns what was written."""
    writer = FORMATS[fmt].write if fmt in FORMATS else None
    if writer is None:
        raise UsageError(f"cannot export format {fmt!r}")
    report = ExportReport(str(out), fmt, FORMATS[fmt].offset_unit)
    if fmt == "jsonl":
        list(iter_export_documents(store, status, labels, annotator, ids=ids, check_only=True))
        return _native_jsonl(store, Path(out), report, status, labels, annotator, ids, progress)

    def counted() -> Iterator[ExportDocument]:
        total = store.document_count()
        if progress is not None and progress(0, total) is False:
            raise CancelledError()
        for n, item in enumerate(iter_export_documents(store, status, labels, annotator, ids), 1):
            report.documents += 1
            report.spans += len(item.spans)
            report.relations += len(item.relations)
            yield item
            if progress is not None and n % 200 == 0 and progress(min(n, total), total) is False:
                raise CancelledError()  # the writer's temporary output is removed; nothing is left
        if progress is not None:
            progress(total, total)

    labels_now = store.labels()
    options = WriteOptions(
        split=split,
        labels=tuple(label.name for label in labels_now),
        colors={label.name: label.color for label in labels_now},
    )
    report.notes = writer(counted(), Path(out), options) or {}
    return report


def _native_jsonl(
    store: Store,
    out: Path,
    report: ExportReport,
    status: str | None,
    labels: Collection[str] | None,
    annotator: str | None,
    ids: Collection[str] | None,
    progress: Progress | None,
) -> ExportReport:
    """Native JSONL built by SQLite's JSON functions, one line per document, streamed.

    The same records as :func:`model.formats.jsonl.record_of` (span ``text`` is cut from the
    document with ``substr``, which counts code points like Python), without building Python
    objects for a million spans.
    """
    conn = store.conn
    span_filter, span_args = ["s.doc_id = d.id"], []
    if labels is not None:
        span_filter.append(f"s.label IN ({','.join('?' * len(labels))})")
        span_args.extend(labels)
    if annotator is not None:
        span_filter.append("s.annotator = ?")
        span_args.append(annotator)
    where_span = " AND ".join(span_filter)
    doc_filter, doc_args = ["1"], []
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
    filtered = labels is not None or annotator is not None
    kept = f"SELECT s.id FROM spans s WHERE {where_span}"
    # Relations keep both ends; without span filters every relation does, so skip the test.
    where_rel = f"r.event_id IN ({kept}) AND r.argument_id IN ({kept})" if filtered else "1"
    rel_args = span_args * 2 if filtered else []
    # The index on spans(doc_id, start) yields each document's spans in (start, id) order.
    query = f"""
        SELECT json_object(
            'id', d.ext_id, 'title', d.title, 'text', d.text, 'meta', json(d.meta), 'status', d.status,
            'spans', (SELECT json_group_array(json_object(
                          'id', s.id, 'start', s.start, 'end', s."end", 'label', s.label,
                          'text', substr(d.text, s.start + 1, s."end" - s.start), 'annotator', s.annotator))
                      FROM spans s INDEXED BY spans_by_doc WHERE {where_span}),
            'relations', (SELECT json_group_array(json(y)) FROM (
                SELECT json_object('event', r.event_id, 'argument', r.argument_id, 'role', r.role) AS y
                FROM relations r WHERE r.doc_id = d.id AND {where_rel} ORDER BY r.id))
        )
        FROM documents d WHERE {where_doc} ORDER BY d.id
    """
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
    total, report.spans, report.relations = conn.execute(counts, count_args).fetchone()
    if progress is not None and progress(0, total) is False:
        raise CancelledError()
    with atomic_writer(out) as fh:
        write = fh.write
        for n, (line,) in enumerate(conn.execute(query, args), 1):
            write(line)
            write("\n")
            if progress is not None and n % 500 == 0 and progress(n, total) is False:
                raise CancelledError()
        report.documents = total
    if progress is not None:
        progress(total, total)
    return report
