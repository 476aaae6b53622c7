"""CSV: import one article per row; export one row per span.

Import reads the column named by ``ReadOptions.text_column`` (default ``text``), and optionally
an id, a title and meta columns; the file may be UTF-8 (with or without BOM), UTF-16 or
Windows-1256, and quoted cells may hold line breaks. Export writes UTF-8 with a BOM (so Excel
shows Arabic), offsets in code points, and defuses cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from model.errors import InputError
from model.textio import atomic_writer, read_text_file

from ._common import checked_spans
from .base import ExportDocument, Format, IncomingDocument, ReadOptions, WriteOptions

COLUMNS = ("doc_id", "span_id", "start", "end", "label", "text", "annotator", "event_links")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    if "," not in header:
        for candidate in ("\t", ";"):
            if candidate in header:
                return candidate
    return ","


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    text = read_text_file(path)  # line breaks are normalised here, quoted ones included
    where = str(path)
    csv.field_size_limit(2**31 - 1)  # an article is often longer than the 128 KiB default
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path, text), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise InputError(where, "empty file, no header row") from None
    except csv.Error as exc:
        raise InputError(where, f"cannot read the header row ({exc})", 1) from exc
    counts = Counter(header)
    repeated = sorted(name for name, count in counts.items() if count > 1 and name)
    if repeated:
        raise InputError(where, f"column {repeated[0]!r} appears twice in the header", 1)
    if {"doc_id", "span_id", "start", "end", "label"} <= set(header):
        raise InputError(where, "this is a span table (one row per span, as Hashiya exports CSV), not "
                         "articles; import the native JSONL export instead", 1)

    positions = {name: at for at, name in enumerate(header)}  # names are unique (checked above)

    def column(name: str) -> int:
        if name not in positions:
            raise InputError(where, f"no column {name!r} (columns: {', '.join(header)})", 1)
        return positions[name]

    text_at = column(options.text_column or "text")
    id_at = column(options.id_column) if options.id_column else positions.get("id")
    title_at = column(options.title_column) if options.title_column else positions.get("title")
    meta_at = [(name, column(name)) for name in options.meta_columns]
    next_line, row_number = reader.line_num + 1, 0
    while True:
        line = next_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(where, f"cannot read this row ({exc})", line) from exc
        next_line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue  # blank lines and rows of empty cells
        row_number += 1
        if len(row) != len(header):
            raise InputError(where, f"row has {len(row)} cells but the header has {len(header)}", line)
        article = row[text_at]
        if not article.strip():
            raise InputError(where, f"empty {header[text_at]!r} cell", line)
        ext_id = row[id_at].strip() if id_at is not None else ""
        title = row[title_at].strip() if title_at is not None else ""
        yield IncomingDocument(where, line, ext_id or f"{path.stem}-{row_number}", article, title or None,
                               {name: row[at] for name, at in meta_at})


def safe_cell(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula; a plain number like -3 stays."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def rows_of(item: ExportDocument) -> Iterator[list[str | int]]:
    doc = item.document
    links: dict[int, list[str]] = {}
    for relation in item.relations:
        links.setdefault(relation.event_id, []).append(f"{relation.role}:{relation.argument_id}")
    for span in checked_spans(item):
        cells: list[str | int] = [doc.ext_id, span.id, span.start, span.end, span.label,
                                  doc.text[span.start : span.end], span.annotator,
                                  ";".join(links.get(span.id, []))]
        yield [safe_cell(c) if isinstance(c, str) else c for c in cells]


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions | None = None) -> None:
    """One row per span; ``event_links`` lists an event's arguments as ``role:span_id;...``."""
    with atomic_writer(out) as fh:
        fh.write("\ufeff")  # Excel needs the BOM to read UTF-8 (Arabic) correctly
        writer = csv.writer(fh)  # CRLF row ends, as RFC 4180 and Excel expect
        writer.writerow(COLUMNS)
        for item in documents:
            writer.writerows(rows_of(item))


FORMAT = Format("csv", (".csv", ".tsv"), read=read, write=write, suffix=".csv")
