"""Registry of import/export formats: each format is one module exposing ``FORMAT``.

To add a format, write ``model/formats/<name>.py`` with a :class:`Format` and list it below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from model.errors import InputError, UsageError

from . import brat, conll, csv, doccano, hf, jsonl, labelstudio, spacy, txt
from .base import ExportDocument, Format, IncomingDocument, IncomingRelation, IncomingSpan, Schema

FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        txt.FORMAT,
        jsonl.FORMAT,
        csv.FORMAT,
        conll.FORMAT,
        brat.FORMAT,
        doccano.FORMAT,
        labelstudio.FORMAT,
        hf.FORMAT,
        spacy.FORMAT,
    )
}


def readable() -> list[str]:
    return [name for name, fmt in FORMATS.items() if fmt.read is not None]


def writable() -> list[str]:
    return [name for name, fmt in FORMATS.items() if fmt.write is not None or fmt.write_store is not None]


def format_for_path(path: Path) -> Format | None:
    """The readable format for ``path``: by extension, and by content where formats share one."""
    suffix = path.suffix.lower()
    if suffix == ".txt" and path.with_suffix(".ann").exists():
        return FORMATS["brat"]  # a brat pair: the text with its standoff annotations
    candidates = [f for f in FORMATS.values() if f.read is not None and suffix in f.extensions]
    if len(candidates) > 1:
        for fmt in candidates:
            if fmt.sniff is not None and _sniffs(fmt.sniff, path):
                return fmt
        candidates = [f for f in candidates if f.sniff is None] or candidates
    return candidates[0] if candidates else None


SCHEMA_FORMATS = ("brat", "labelstudio")


def read_schema_file(path: Path, fmt: str = "auto") -> Schema:
    """The label schema of a brat ``annotation.conf`` (with the ``visual.conf`` beside it) or a
    Label Studio labelling config (XML); ``auto``: by name (.xml is Label Studio's, else by the
    first character: ``<``). Raises :class:`~model.errors.InputError` naming file and line."""
    if fmt == "auto":
        if path.suffix.lower() == ".xml":
            fmt = "labelstudio"
        elif path.suffix.lower() == ".conf":
            fmt = "brat"
        else:
            try:
                with path.open("rb") as fh:
                    head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
            except OSError as exc:
                raise InputError(str(path), exc.strerror or str(exc)) from exc
            fmt = "labelstudio" if head.startswith(b"<") and not head.startswith(b"<OVERLAP>") else "brat"
    if fmt == "brat":
        return brat.read_schema_file(path)
    if fmt == "labelstudio":
        return labelstudio.read_config_file(path)
    raise UsageError(f"cannot read a schema from format {fmt!r} (one of {', '.join(SCHEMA_FORMATS)})")


def schema_text(schema: Schema, fmt: str) -> dict[str, str]:
    """The files that carry ``schema`` in format ``fmt``, by name: brat's ``annotation.conf`` and
    ``visual.conf``, or Label Studio's ``config.xml``."""
    if fmt == "brat":
        return {"annotation.conf": brat.annotation_conf(schema), "visual.conf": brat.visual_conf(schema)}
    if fmt == "labelstudio":
        return {"config.xml": labelstudio.config_xml(schema)}
    raise UsageError(f"cannot write a schema in format {fmt!r} (one of {', '.join(SCHEMA_FORMATS)})")


def _sniffs(sniff: Callable[[Path], bool], path: Path) -> bool:
    """``sniff(path)``, or False when the content defeats it (JSON nested thousands deep makes
    Python's parser overflow its stack): the reader then names the line that is wrong."""
    try:
        return sniff(path)
    except (RecursionError, ValueError):
        return False


__all__ = [
    "FORMATS",
    "ExportDocument",
    "Format",
    "IncomingDocument",
    "IncomingRelation",
    "IncomingSpan",
    "Schema",
    "format_for_path",
    "read_schema_file",
    "readable",
    "schema_text",
    "writable",
]
