"""What format modules exchange with import and export; one module per format builds on this."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.records import Document, Relation, Span


@dataclass(frozen=True)
class IncomingSpan:
    start: int
    end: int
    label: str
    annotator: str = ""
    key: int | str | None = None  # the span's id within its source record, for relations


@dataclass(frozen=True)
class IncomingRelation:
    event: int | str  # IncomingSpan.key values
    argument: int | str
    role: str


@dataclass
class IncomingDocument:
    """One article parsed and validated by a reader, not yet stored."""

    path: str
    line: int | None
    ext_id: str
    text: str
    title: str | None = None  # None: the first non-empty line
    meta: dict[str, Any] = field(default_factory=dict)
    status: str | None = None  # None: new, or in_progress when it has spans
    spans: list[IncomingSpan] = field(default_factory=list)
    relations: list[IncomingRelation] = field(default_factory=list)

    @property
    def source(self) -> str:
        """Where it came from, as ``path`` or ``path:line``."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ExportDocument:
    """A stored document with the spans and relations chosen for export."""

    document: Document
    spans: list[Span]
    relations: list[Relation]


#: reader(path, known label names) -> validated documents; raises InputError naming path and line.
Reader = Callable[[Path, Collection[str]], Iterator[IncomingDocument]]
#: writer(documents, out) writes them all to ``out`` (atomically where it is one file).
Writer = Callable[[Iterable[ExportDocument], Path], None]


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]  # lower case, with the dot
    read: Reader | None = None
    write: Writer | None = None
    offset_unit: str = "Unicode code points, end exclusive"
