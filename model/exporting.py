"""Exporting documents from a Store through a format's writer, streaming and filtered."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .formats import FORMATS, ExportDocument
from .formats.base import WriteOptions
from .records import STATUSES
from .store import Store


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
    store: Store, status: str | None = None, labels: Collection[str] | None = None
) -> Iterator[ExportDocument]:
    """Documents (optionally of one status) with their spans (optionally of some labels) and the
    relations whose both ends are kept."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if labels is not None:
        unknown = sorted(set(labels) - set(store.label_names()))
        if unknown:
            raise UsageError(f"unknown label {', '.join(unknown)} (labels: {', '.join(store.label_names())})")
    for doc in store.iter_documents():
        if status is not None and doc.status != status:
            continue
        spans = [s for s in store.spans(doc.id) if labels is None or s.label in labels]
        kept = {s.id for s in spans}
        relations = [r for r in store.relations(doc.id) if r.event_id in kept and r.argument_id in kept]
        yield ExportDocument(doc, spans, relations)


def export_documents(
    store: Store,
    out: str | Path,
    fmt: str = "jsonl",
    status: str | None = None,
    labels: Collection[str] | None = None,
    split: str = "expand",
) -> ExportReport:
    """Write the chosen documents to ``out`` in format ``fmt``; returns what was written."""
    writer = FORMATS[fmt].write if fmt in FORMATS else None
    if writer is None:
        raise UsageError(f"cannot export format {fmt!r}")
    report = ExportReport(str(out), fmt, FORMATS[fmt].offset_unit)

    def counted() -> Iterator[ExportDocument]:
        for item in iter_export_documents(store, status, labels):
            report.documents += 1
            report.spans += len(item.spans)
            report.relations += len(item.relations)
            yield item

    options = WriteOptions(split=split, labels=tuple(store.label_names()))
    report.notes = writer(counted(), Path(out), options) or {}
    return report
