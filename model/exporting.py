"""Exporting documents from a Store through a format's writer, streaming and filtered."""

from __future__ import annotations

import glob
import shutil
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CancelledError, UsageError
from .formats import FORMATS, ExportDocument
from .formats.base import Progress, Schema, WriteOptions
from .records import ALL_LAYERS, GOLD, STATUSES, Relation, Span
from .search import tokens_current
from .store import STALE_SECONDS, Store
from .tokenize import SPLIT_MODES, StoredTokens


@dataclass
class ExportReport:
    path: str
    format: str
    offset_unit: str
    documents: int = 0
    spans: int = 0
    relations: int = 0
    notes: dict[str, int] = field(default_factory=dict)  # e.g. spans each --split rule touched


def check_filters(
    store: Store, status: str | None, labels: Collection[str] | None, ids: Collection[str] | None
) -> None:
    """Refuse an unknown status, label or document id before anything is read or written."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if labels is not None:
        unknown = sorted(set(labels) - set(store.label_names()))
        if unknown:
            raise UsageError(f"unknown label {', '.join(unknown)} (labels: {', '.join(store.label_names())})")
    if ids is not None:
        known = {row[0] for row in store.conn.execute("SELECT ext_id FROM documents")}
        missing = sorted(set(ids) - known)
        if missing:
            raise UsageError(f"no document with id {', '.join(missing[:5])}")


def iter_export_documents(
    store: Store,
    status: str | None = None,
    labels: Collection[str] | None = None,
    annotator: str | None = None,
    ids: Collection[str] | None = None,
    tokens: bool = False,
    gold_first: bool = False,
) -> Iterator[ExportDocument]:
    """Documents (optionally of one status, or with these ids) with their spans (optionally of
    some labels or one annotator) and the relations whose both ends are kept; with ``tokens``,
    also the tokens the search index stored for them (:mod:`model.search`), where it has. With
    ``gold_first``, a document that has a gold layer gives only its gold spans.

    Streams cursors ordered by document, so memory stays flat as the corpus grows.
    """
    check_filters(store, status, labels, ids)
    wanted_ids = set(ids) if ids is not None else None
    label_set = set(labels) if labels is not None else None
    conn = store.conn
    spans = conn.execute(
        'SELECT id, doc_id, start, "end", label, annotator, note FROM spans ORDER BY doc_id, start, id'
    )
    relations = conn.execute(
        "SELECT id, doc_id, event_id, argument_id, role, annotator FROM relations ORDER BY doc_id, id"
    )
    next_span = spans.fetchone()
    next_relation = relations.fetchone()
    stored = None
    if tokens and tokens_current(store):
        stored = conn.execute("SELECT id, joined, starts, offsets, width FROM document_tokens ORDER BY id")
    next_tokens = stored.fetchone() if stored is not None else None
    for doc in store.iter_documents():
        doc_spans: list[Span] = []
        span_notes: dict[int, str] = {}
        while next_span is not None and next_span[1] <= doc.id:
            if next_span[1] == doc.id:
                doc_spans.append(Span._make(next_span[:6]))
                if next_span[6]:
                    span_notes[next_span[0]] = next_span[6]
            next_span = spans.fetchone()
        doc_relations: list[Relation] = []
        while next_relation is not None and next_relation[1] <= doc.id:
            if next_relation[1] == doc.id:
                doc_relations.append(Relation._make(next_relation))
            next_relation = relations.fetchone()
        doc_tokens = None
        while next_tokens is not None and next_tokens[0] <= doc.id:
            if next_tokens[0] == doc.id:
                doc_tokens = next_tokens
            next_tokens = stored.fetchone() if stored is not None else None
        if status is not None and doc.status != status:
            continue
        if wanted_ids is not None and doc.ext_id not in wanted_ids:
            continue
        gold = gold_first and any(s.annotator == GOLD for s in doc_spans)
        if gold:
            annotator_here: str | None = GOLD
        else:
            annotator_here = annotator
        if label_set is not None or annotator_here is not None:
            doc_spans = [
                s
                for s in doc_spans
                if (label_set is None or s.label in label_set)
                and (annotator_here is None or s.annotator == annotator_here)
            ]
            kept = {s.id for s in doc_spans}
            doc_relations = [r for r in doc_relations if r.event_id in kept and r.argument_id in kept]
        found = StoredTokens.from_row(*doc_tokens[1:]) if doc_tokens is not None else None
        yield ExportDocument(doc, doc_spans, doc_relations, found, span_notes)


def has_gold(store: Store) -> bool:
    """Does any document have a gold layer yet (read once per export)?"""
    found = store.conn.execute("SELECT 1 FROM spans WHERE annotator = ? LIMIT 1", (GOLD,)).fetchone()
    return found is not None


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files of an earlier export to ``out`` that was killed before it could remove
    them (``.NAME….tmp`` beside it, untouched for a while)."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        return
    now = time.time()
    for leftover in folder.glob(f".{glob.escape(out.stem)}*.tmp"):
        try:
            if now - leftover.stat().st_mtime < STALE_SECONDS:
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink()
        except OSError:
            continue


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
    layer: str | None = None,
) -> ExportReport:
    """Write the chosen documents to ``out`` in format ``fmt``; returns what was written.

    ``layer`` picks whose spans: an analyst's name (as ``annotator`` does), ``"all"``, or by default
    the gold layer of each document that has one and every span of the others."""
    chosen = FORMATS.get(fmt)
    if chosen is None or (chosen.write is None and chosen.write_store is None):
        raise UsageError(f"cannot export format {fmt!r}")
    if chosen.token_based and split not in SPLIT_MODES:
        raise UsageError(f"unknown split mode {split!r} (one of {', '.join(SPLIT_MODES)})")
    report = ExportReport(str(out), fmt, chosen.offset_unit)
    remove_stale_temporaries(Path(out))
    if layer == ALL_LAYERS:
        gold_first = False
    elif layer:
        annotator, gold_first = layer, False
    else:
        gold_first = annotator is None and has_gold(store)
    sqlite = getattr(store.conn, "dialect", "sqlite") == "sqlite"
    if chosen.write_store is not None and (sqlite or chosen.write is None):
        # the format reads the database itself (native JSONL, with SQLite's JSON functions)
        check_filters(store, status, labels, ids)
        report.documents, report.spans, report.relations = chosen.write_store(
            store, Path(out), status, labels, annotator, ids, progress, gold_first=gold_first
        )
        return report
    writer = chosen.write
    assert writer is not None

    def counted() -> Iterator[ExportDocument]:
        total = store.document_count()
        if progress is not None and progress(0, total) is False:
            raise CancelledError()
        chosen_documents = iter_export_documents(
            store, status, labels, annotator, ids, tokens=chosen.reads_stored_tokens, gold_first=gold_first
        )
        for n, item in enumerate(chosen_documents, 1):
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
        schema=Schema(tuple(labels_now), tuple(store.roles())),
    )
    report.notes = writer(counted(), Path(out), options) or {}
    return report
