"""What format modules exchange with import and export; one module per format builds on this."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from model.errors import UsageError
from model.records import Document, Label, Relation, Role, Span
from model.records import Progress as Progress  # re-exported: readers and writers take it from here
from model.text import quote
from model.tokenize import StoredTokens


class IncomingSpan(NamedTuple):
    start: int
    end: int
    label: str
    annotator: str = ""
    key: int | str | None = None  # the span's id within its source record, for relations
    note: str = ""  # the analyst's free-text note on the span


class IncomingRelation(NamedTuple):
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
    note: str = ""  # the analyst's free-text note on the document

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
    #: the document's tokens as the search index stored them, given to formats that read them
    #: (``Format.reads_stored_tokens``); None when not stored yet: the writer tokenises the text
    tokens: StoredTokens | None = None
    #: notes on the spans, by span id (spans without a note left out)
    span_notes: dict[int, str] = field(default_factory=dict)


class LabelSet:
    """The labels an import may use: the database's, renamed by a map, or any when adding new ones.

    Readers call :meth:`resolve` on every label they read and refuse the line when it gives None.
    """

    def __init__(
        self, known: Iterable[str], mapping: dict[str, str] | None = None, add_new: bool = False
    ) -> None:
        self.known = list(known)
        self.mapping = dict(mapping or {})
        self.add_new = add_new
        self._cache: dict[str, str | None] = {}

    def resolve(self, name: str) -> str | None:
        """The label ``name`` is stored as (after the mapping), or None when it is refused."""
        if name in self._cache:
            return self._cache[name]
        mapped = self.mapping.get(name, name)
        usable = mapped.strip() and mapped.isprintable()  # names go into XML, brat types, headers
        found = mapped if (mapped in self.known or self.add_new) and usable else None
        self._cache[name] = found
        return found

    def describe(self) -> str:
        """For messages: the labels known."""
        return f"labels: {', '.join(self.known)}"


def parse_label_map(text: str) -> dict[str, str]:
    """``"PER=ACTOR, LOC=PLACE"`` as ``{"PER": "ACTOR", "LOC": "PLACE"}``.

    Pairs are separated by commas (Latin or Arabic); spaces around names are dropped; blank text
    gives an empty map. A pair that is not ``OLD=NEW``, or a name mapped twice to different labels,
    raises :class:`UsageError` naming it.
    """
    mapping: dict[str, str] = {}
    for pair in text.replace("،", ",").split(","):
        if not pair.strip():
            continue
        old, sep, new = (part.strip() for part in pair.partition("="))
        if not sep or not old or not new or "=" in new:
            raise UsageError(f"{quote(pair)} is not an OLD=NEW pair (for example PER=ACTOR)")
        if mapping.get(old, new) != new:
            raise UsageError(f"{old} is renamed twice, to {mapping[old]} and to {new}")
        mapping[old] = new
    return mapping


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need beyond the file: labels, and format-specific choices."""

    labels: LabelSet = field(default_factory=lambda: LabelSet(()))
    scheme: str = "iob2"  # conll: iob2 or iob1
    text_column: str | None = None  # csv: column holding the article text (default: "text")
    id_column: str | None = None  # csv: column holding the document id
    title_column: str | None = None  # csv: column holding the title
    meta_columns: tuple[str, ...] = ()  # csv: columns copied into meta


class Schema(NamedTuple):
    """A label schema as a file carries it: labels (a sub-type names its ``parent``) and roles
    (with the labels an argument in each may have). Read from a brat ``annotation.conf`` or a
    Label Studio config, written into both; applied with ``Store.apply_schema``."""

    labels: tuple[Label, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class WriteOptions:
    """Format-specific export choices."""

    split: str = "expand"  # token formats: expand, split or strict for spans cutting a token
    labels: tuple[str, ...] = ()  # every label name in the database, in order (for tag sets, configs)
    colors: dict[str, str] = field(default_factory=dict)  # label name -> "#rrggbb", for configs
    #: the database's schema, for the formats that have a place for it (brat's annotation.conf and
    #: visual.conf, Label Studio's config); empty: the writer makes do with ``labels`` and ``colors``
    schema: Schema = field(default_factory=Schema)


#: reader(path, options) -> validated documents; raises InputError naming path and line.
Reader = Callable[[Path, ReadOptions], Iterator[IncomingDocument]]
#: writer(documents, out, options) writes them all to ``out`` atomically (a temp file or folder,
#: then a rename); returns notes for the report, e.g. how many spans a split rule touched.
Writer = Callable[[Iterable[ExportDocument], Path, WriteOptions], "dict[str, int] | None"]


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]  # lower case, with the dot
    read: Reader | None = None
    write: Writer | None = None
    offset_unit: str = "Unicode code points, end exclusive"
    #: a writer that reads the database itself (store, out, status, labels, annotator, ids, progress)
    #: -> (documents, spans, relations) written; used instead of ``write`` when set
    write_store: Callable[..., tuple[int, int, int]] | None = None
    #: for extensions several formats share (.json, .jsonl): does this file's content look like ours?
    sniff: Callable[[Path], bool] | None = None
    #: the suffix an export is given by default (a writable format's file or archive)
    suffix: str = ""
    #: written as tokens (IOB tags, spaCy tokens): spans cutting a token follow ``WriteOptions.split``
    token_based: bool = False
    #: the writer uses ``ExportDocument.tokens`` when present, so the export reads them
    reads_stored_tokens: bool = False
    #: the schema a file to import brings with it (brat: the ``annotation.conf`` beside it or in
    #: its archive), as (where it was found, the schema), or None; applied before its documents
    read_schema: Callable[[Path], tuple[str, Schema] | None] | None = None
