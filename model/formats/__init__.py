"""Registry of import/export formats: each format is one module exposing ``FORMAT``.

To add a format, write ``model/formats/<name>.py`` with a :class:`Format` and list it below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import brat, conll, csv, doccano, hf, jsonl, labelstudio, spacy, txt
from .base import ExportDocument, Format, IncomingDocument, IncomingRelation, IncomingSpan

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
    "format_for_path",
    "readable",
    "writable",
]
