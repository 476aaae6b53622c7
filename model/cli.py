"""The headless command line: ``hashiya import|export|stats``. Never imports Qt."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .errors import HashiyaError, InputError
from .exporting import export_documents
from .formats import readable, writable
from .importing import import_paths
from .paths import default_db_path
from .records import STATUSES
from .store import Store


def build_parser() -> argparse.ArgumentParser:
    """Top-level parser; ``--db`` is accepted before and after the subcommand."""
    parser = argparse.ArgumentParser(
        prog="hashiya", description="Annotate Arabic news: actors, events, places. No command opens the GUI."
    )
    db_help = f"database file (default: {default_db_path()})"
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[db_after], help="import .txt files, JSONL files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    p.add_argument("--format", choices=["auto", *readable()], default="auto",
                   help="input format (default: by file extension)")

    p = sub.add_parser("export", parents=[db_after], help="export documents and annotations")
    p.add_argument("--format", choices=writable(), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--out", metavar="PATH", required=True, help="output file (replaced atomically)")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status")
    p.add_argument("--labels", metavar="LABEL,...", help="only spans with these labels, e.g. ACTOR,PLACE")

    p = sub.add_parser("stats", parents=[db_after], help="documents by status, spans by label, annotators")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    return parser


class _Output:
    """Print lines; Arabic is reshaped and put in visual order only for a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shape: Callable[[str], str] = lambda text: text
        if stream.isatty():
            from arabic_reshaper import ArabicReshaper
            from bidi import get_display

            reshaper = ArabicReshaper(configuration={"delete_harakat": False})
            self.shape = lambda text: get_display(reshaper.reshape(text))

    def __call__(self, line: str = "", shape: bool = True) -> None:
        line = (self.shape(line) if shape else line) + "\n"
        try:
            self.stream.write(line)
        except UnicodeEncodeError:
            encoding = self.stream.encoding or "ascii"
            self.stream.write(line.encode(encoding, "replace").decode(encoding))


def _table(out: _Output, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """Left-aligned text columns, right-aligned numbers."""
    cells = [header, *[tuple(out.shape(c) if isinstance(c, str) else str(c) for c in row) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [bool(rows) and not isinstance(rows[0][i], str) for i in range(len(header))]
    for row in cells:
        padded = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=True))
        line = "  ".join(padded)
        out(line.rstrip(), shape=False)


def _cmd_import(store: Store, args: argparse.Namespace, out: _Output) -> int:
    report = import_paths(store, args.paths, args.format)
    s = "" if report.skipped_count == 1 else "s"
    out(f"{report.imported_count} imported ({report.spans} spans, {report.relations} relations) "
        f"from {report.files} file{'' if report.files == 1 else 's'}, "
        f"{report.skipped_count} duplicate{s} skipped")
    for source, existing in report.skipped:
        out(f"  skipped {source}: same text as ‘{existing}’")
    return 0


def _cmd_export(store: Store, args: argparse.Namespace, out: _Output) -> int:
    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    report = export_documents(store, args.out, args.format, args.status, labels)
    out(f"exported {report.documents} documents ({report.spans} spans, {report.relations} relations) "
        f"to {report.path}")
    out(f"offsets: {report.offset_unit}")
    return 0


def _cmd_stats(store: Store, args: argparse.Namespace, out: _Output) -> int:
    stats = store.stats()
    if args.json:
        out(json.dumps(stats, ensure_ascii=False, indent=2), shape=False)
        return 0
    out(f"{store.path}: {stats['documents']} documents, {stats['characters']} characters, "
        f"{stats['spans']} spans, {stats['relations']} relations")
    out()
    _table(out, ("status", "documents"), list(stats["by_status"].items()))
    out()
    titles = {label.name: label.title for label in store.labels()}
    _table(out, ("label", "name", "spans"),
           [(name, titles.get(name, ""), count) for name, count in stats["by_label"].items()])
    out()
    if stats["by_annotator"]:
        _table(out, ("annotator", "spans"),
               [(name or "(unnamed)", count) for name, count in stats["by_annotator"].items()])
    else:
        out("annotators: none yet")
    return 0


COMMANDS = {"import": _cmd_import, "export": _cmd_export, "stats": _cmd_stats}


def dispatch(args: argparse.Namespace) -> int:
    """Run a subcommand. Returns 0, or 2 after one line ``hashiya: <message>`` on stderr."""
    db = Path(args.db) if args.db else default_db_path()
    try:
        if args.command != "import" and str(db) != ":memory:" and not db.exists():
            raise InputError(str(db), "no such database (import something into it first)")
        with Store(db) as store:
            return COMMANDS[args.command](store, args, _Output(sys.stdout))
    except HashiyaError as exc:
        _Output(sys.stderr)("hashiya: " + " ".join(str(exc).splitlines()))
        return 2
