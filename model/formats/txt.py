"""Plain text: one article per file, decoded and normalised by :mod:`model.textio`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model.errors import InputError
from model.textio import read_text_file

from .base import Format, IncomingDocument, ReadOptions


def read(path: Path, options: ReadOptions | None = None) -> Iterator[IncomingDocument]:
    text = read_text_file(path)
    if not text.strip():
        raise InputError(str(path), "empty file, no article text")
    yield IncomingDocument(str(path), None, path.stem, text, meta={"source": path.name})


FORMAT = Format("txt", (".txt",), read=read, suffix=".txt")
