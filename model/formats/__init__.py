"""Registry of import/export formats: each format is one module exposing ``FORMAT``.

To add a format, write ``model/formats/<name>.py`` with a :class:`Format` and list it below.
"""

from __future__ import annotations

from pathlib import Path

from . import jsonl, txt
from .base import ExportDocument, Format, IncomingDocument, IncomingRelation, IncomingSpan

FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in (txt.FORMAT, jsonl.FORMAT)}


def readable() -> list[str]:
    return [name for name, fmt in FORMATS.items() if fmt.read is not None]


def writable() -> list[str]:
    return [name for name, fmt in FORMATS.items() if fmt.write is not None]


def format_for_path(path: Path) -> Format | None:
    """The readable format whose extension ``path`` has, if any."""
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if fmt.read is not None and suffix in fmt.extensions:
            return fmt
    return None


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
