"""Importing files and folders into a Store, all of it in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import CancelledError, EditError, InputError, UsageError
from .formats import FORMATS, Format, IncomingDocument, format_for_path
from .formats.base import LabelSet, ReadOptions
from .store import Store, content_hash

#: progress(done_files, total_files); returning False cancels (and rolls back) the import.
Progress = Callable[[int, int], "bool | None"]


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # new document ids, in import order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, ext_id already stored)
    files: int = 0
    new_labels: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0

    @property
    def imported_count(self) -> int:
        return len(self.imported)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_files(paths: Iterable[str | Path], fmt: str = "auto") -> list[tuple[Path, Format]]:
    """The files to read and their formats: folders walked recursively in sorted order.

    In a folder, files with other extensions (and hidden ones) are passed over; a file named
    on its own must have a known extension unless ``fmt`` says which format it is.
    """
    if fmt != "auto" and (fmt not in FORMATS or FORMATS[fmt].read is None):
        raise UsageError(f"cannot import format {fmt!r}")
    forced = FORMATS.get(fmt)
    found: list[tuple[Path, Format]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = []
            for child in sorted(path.rglob("*")):
                if not child.is_file() or _hidden(child, path):
                    continue
                child_fmt = format_for_path(child)
                if child_fmt is not None and (forced is None or child_fmt is forced):
                    inside.append((child, child_fmt))
            if not inside:
                wanted = forced.extensions if forced else [e for f in FORMATS.values() for e in f.extensions]
                raise InputError(str(path), f"no files to import here ({', '.join(wanted)})")
            found.extend(inside)
        elif path.is_file():
            file_fmt = forced or format_for_path(path)
            if file_fmt is None:
                kind = path.suffix or "(no extension)"
                raise InputError(str(path), f"unknown file type {kind}; name the format with --format")
            found.append((path, file_fmt))
        else:
            raise InputError(str(path), "no such file or folder")
    return found


def store_document(store: Store, doc: IncomingDocument, report: ImportReport) -> int | None:
    """Insert one parsed document with its spans and relations; None (and reported) if a duplicate."""
    try:
        with store.transaction():
            doc_id = store.insert_document(doc.ext_id, doc.text, doc.title, doc.meta, doc.status or "new")
            if doc_id is None:
                existing = store.find_by_hash(content_hash(doc.text))
                assert existing is not None
                report.skipped.append((doc.source, store.document_summary(existing).ext_id))
                return None
            ids: dict[int | str, int] = {}
            for label in {span.label for span in doc.spans} - set(store.label_names()):
                store.add_label(label)  # only reachable with --add-labels
                report.new_labels.append(label)
            for span in doc.spans:
                stored, _ = store.add_span(doc_id, span.start, span.end, span.label, span.annotator)
                if span.key is not None:
                    ids[span.key] = stored.id
            for relation in doc.relations:
                store.link(ids[relation.event], ids[relation.argument], relation.role)
            status = doc.status or ("in_progress" if doc.spans else "new")
            if store.document_summary(doc_id).status != status:
                store.set_status(doc_id, status)
    except EditError as exc:
        raise InputError(doc.path, str(exc), doc.line) from exc
    report.imported.append(doc_id)
    report.spans += len(doc.spans)
    report.relations += len(doc.relations)
    return doc_id


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    fmt: str = "auto",
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> ImportReport:
    """Import files and folders in one transaction: on any error (or cancel) nothing is kept.

    An article whose text is already stored, or appears earlier in the same import, is
    skipped and listed in :attr:`ImportReport.skipped`.
    """
    files = collect_files(paths, fmt)
    report = ImportReport()
    options = options or ReadOptions()
    chosen = options.labels
    options = replace(options, labels=LabelSet(store.label_names(), chosen.mapping, chosen.add_new))
    with store.transaction():
        if progress is not None and progress(0, len(files)) is False:
            raise CancelledError()
        for done, (path, file_fmt) in enumerate(files, 1):
            assert file_fmt.read is not None
            for doc in file_fmt.read(path, options):
                store_document(store, doc, report)
            report.files += 1
            if progress is not None and progress(done, len(files)) is False:
                raise CancelledError()
    return report
