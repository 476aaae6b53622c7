"""The headless command line: ``hashiya import|export|stats|merge|team|schema|notes``. Never imports Qt."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from . import agreement, assign, notes, statistics, team
from .errors import EditError, HashiyaError, InputError, UnknownLabelError, UsageError, store_error
from .exporting import export_documents
from .formats import FORMATS, SCHEMA_FORMATS, Schema, read_schema_file, readable, schema_text, writable
from .formats.base import LabelSet, ReadOptions, parse_label_map
from .importing import import_paths
from .merge import MergeReport, merge_databases
from .paths import default_db_path
from .pg import is_url, shown
from .pgschema import ROLES
from .pgschema import SCHEMA_VERSION as PG_SCHEMA_VERSION
from .records import STATUSES
from .search import update_index
from .store import Store, building_path, publish_build, remove_database_files, remove_stale_builds
from .text import plural
from .textio import atomic_writer
from .tokenize import SPLIT_MODES


def build_parser() -> argparse.ArgumentParser:
    """Top-level parser; ``--db`` is accepted before and after the subcommand."""
    parser = argparse.ArgumentParser(
        prog="hashiya", description="Annotate Arabic news: actors, events, places. No command opens the GUI."
    )
    db_help = (
        f"database file (default: {default_db_path()}), or a team database's postgresql:// URL "
        "(PG* environment variables and ~/.pgpass work as for psql)"
    )
    parser.add_argument("--db", metavar="PATH|URL", default=None, help=db_help)
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[db_after], help="import .txt files, JSONL files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    p.add_argument("--format", choices=["auto", *readable()], default="auto",
                   help="input format (default: by file extension and content)")
    p.add_argument("--scheme", choices=["iob2", "iob1"], default="iob2",
                   help="CoNLL tag scheme (default: iob2)")
    p.add_argument("--text-column", metavar="NAME",
                   help="CSV column holding the article text (default: text)")
    p.add_argument("--id-column", metavar="NAME", help="CSV column holding the document id (default: id)")
    p.add_argument("--title-column", metavar="NAME", help="CSV column holding the title (default: title)")
    p.add_argument("--meta-columns", metavar="NAME,...", help="CSV columns copied into each document's meta")
    p.add_argument("--label-map", metavar="OLD=NEW,...",
                   help="rename labels on the way in, e.g. PER=ACTOR,LOC=PLACE,GPE=PLACE")
    p.add_argument("--add-labels", action="store_true", help="create labels the database does not have yet")
    p.add_argument("--no-index", action="store_true",
                   help="leave indexing the new documents for search (and token exports) to the app, "
                        "which does it in the background")

    p = sub.add_parser("export", parents=[db_after], help="export documents and annotations")
    p.add_argument("--format", choices=writable(), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--out", metavar="PATH", required=True, help="output file (replaced atomically)")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status")
    p.add_argument("--labels", metavar="LABEL,...", help="only spans with these labels, e.g. ACTOR,PLACE")
    p.add_argument("--annotator", metavar="NAME", help="only spans by this annotator (as --layer NAME)")
    p.add_argument("--layer", metavar="gold|NAME|all",
                   help="whose spans: by default the gold layer of each document that has one (settled "
                        "in review) and every analyst's elsewhere; an analyst's name; or all")
    p.add_argument("--ids", metavar="ID,...", help="only these documents (their ids)")
    token_formats = ", ".join(name for name, fmt in FORMATS.items() if fmt.token_based)
    p.add_argument("--split", choices=SPLIT_MODES, default="expand",
                   help=f"token formats ({token_formats}): a span edge inside a token (a clitic) widens "
                        "the span to the token (expand, default), cuts the token (split) or drops the "
                        "span (strict)")

    p = sub.add_parser("stats", parents=[db_after], help="documents by status, spans by label, annotators")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.add_argument("--detail", action="store_true",
                   help="also documents and spans per analyst, progress per day, top actors and places")
    p.add_argument("--days", type=_positive, metavar="N", help="with --detail: progress over the last N days")

    p = sub.add_parser("agreement", parents=[db_after],
                       help="agreement between analysts: F1, token kappa, alpha, links")
    p.add_argument("--labels", metavar="LABEL,...", help="compare only spans with these labels")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status")
    p.add_argument("--include-gold", action="store_true",
                   help="count the reviewers' gold layer as one more analyst")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")

    p = sub.add_parser("team", parents=[db_after],
                       help="a team database on PostgreSQL: make it, add analysts")
    team_sub = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    team_sub.add_parser("init", parents=[db_after],
                        help="make the schema, roles and row-level security in an empty database")
    q = team_sub.add_parser("add", parents=[db_after], help="add an analyst, or change an analyst's role")
    q.add_argument("name", help="the analyst's login (lower-case letters, digits and _)")
    q.add_argument("--role", choices=ROLES, default="annotator",
                   help="annotator: own spans and links; reviewer: also the gold layer; "
                        "lead: also labels, documents, analysts (default: annotator)")
    q.add_argument("--password", help="set the login's password (else use another authentication)")
    team_sub.add_parser("list", parents=[db_after], help="the analysts and their roles")
    q = team_sub.add_parser("assign", parents=[db_after],
                            help="give documents to analysts, round-robin (a file or a team database)")
    q.add_argument("--to", metavar="NAME,...", required=True, help="the analysts, e.g. amal,huda,omar")
    q.add_argument("--ids", metavar="ID,...", help="these documents (else those the filters list)")
    q.add_argument("--status", choices=STATUSES, help="documents with this status")
    q.add_argument("--search", metavar="TEXT", help="documents containing this text (normalised)")
    q.add_argument("--unassigned", action="store_true", help="only documents assigned to no one yet")
    q.add_argument("--per-document", type=int, default=1, metavar="K",
                   help="analysts on each document, for measuring agreement (default 1)")
    q = team_sub.add_parser("unassign", parents=[db_after], help="take documents back")
    q.add_argument("--ids", metavar="ID,...", required=True, help="these documents")
    q.add_argument("--from", dest="from_", metavar="NAME,...", help="only from these analysts")
    team_sub.add_parser("workload", parents=[db_after], help="documents assigned and still open, per analyst")
    q = team_sub.add_parser("queue", parents=[db_after], help="an analyst's open documents")
    q.add_argument("name", help="the analyst")

    p = sub.add_parser("schema", parents=[db_after],
                       help="the labels and roles: show them, read them from a brat annotation.conf or "
                            "a Label Studio config, write them out for those tools")
    schema_sub = p.add_subparsers(dest="schema_command", metavar="ACTION", required=True)
    db_here = "the database (as --db)"
    q = schema_sub.add_parser("show", parents=[db_after], help="list the labels (with sub-types) and roles")
    q.add_argument("database", nargs="?", metavar="DB", help=db_here)
    q.add_argument("--json", action="store_true", help="print them as JSON")
    q = schema_sub.add_parser("import", parents=[db_after],
                              help="merge a schema file in: missing labels and roles are added, existing "
                                   "ones take its parents, descriptions and colours")
    q.add_argument("database", nargs="?", metavar="DB", help=db_here)
    q.add_argument("file", metavar="FILE", help="a brat annotation.conf (its visual.conf beside it is read "
                                                "too) or a Label Studio labelling config (.xml)")
    q.add_argument("--format", choices=["auto", *SCHEMA_FORMATS], default="auto",
                   help="the file's format (default: .xml or a first '<' is Label Studio's, else brat)")
    q = schema_sub.add_parser("export", parents=[db_after], help="write the schema for brat or Label Studio")
    q.add_argument("database", nargs="?", metavar="DB", help=db_here)
    q.add_argument("--format", choices=SCHEMA_FORMATS, required=True,
                   help="brat: annotation.conf and visual.conf; labelstudio: a labelling config (XML)")
    q.add_argument("-o", "--out", metavar="PATH", required=True,
                   help="the file to write (replaced atomically); for brat, a folder gets annotation.conf "
                        "and visual.conf, and a file named annotation.conf gets visual.conf beside it")

    p = sub.add_parser("notes", parents=[db_after],
                       help="the notes on documents and spans, in document order, optionally searched")
    p.add_argument("database", nargs="?", metavar="DB", help="the database (as --db)")
    p.add_argument("--search", metavar="TEXT",
                   help="only notes holding TEXT (or on a span, title or id holding it), ignoring harakat, "
                        "tatweel, letter forms and case")
    p.add_argument("--json", action="store_true", help="print the notes as JSON")

    p = sub.add_parser("merge", help="merge analysts' Hashiya databases into one (sources are only read)")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="Hashiya database files to merge")
    p.add_argument("--into", metavar="TARGET", required=True,
                   help="the database to merge into (created when it does not exist)")
    p.add_argument("--no-index", action="store_true",
                   help="leave indexing the new documents for search to the app")
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
            try:
                self.stream.write(line)
            except UnicodeEncodeError:
                encoding = self.stream.encoding or "ascii"
                self.stream.write(line.encode(encoding, "replace").decode(encoding))
        except BrokenPipeError:
            _reader_gone(self.stream)


def _reader_gone(stream: TextIO) -> None:
    """The reader closed the pipe (``hashiya stats | head -1``): the rest goes nowhere, quietly.

    Python's documented recipe for SIGPIPE: point the stream's descriptor at devnull, so neither
    a later write nor the flush at exit raises again. The command still runs to its end (an import
    commits what it read), and exits as it would have.
    """
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing more to do
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _flush_quietly(*streams: TextIO) -> None:
    """Flush what is buffered for a pipe now, where a closed pipe can be handled, not at exit."""
    for stream in streams:
        try:
            stream.flush()
        except BrokenPipeError:
            _reader_gone(stream)
            try:
                stream.flush()  # what was buffered goes to devnull
            except OSError:
                pass
        except (OSError, ValueError):
            pass


def _table(out: _Output, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """Left-aligned text columns, right-aligned numbers."""
    cells = [header, *[tuple(out.shape(c) if isinstance(c, str) else str(c) for c in row) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [bool(rows) and not isinstance(rows[0][i], str) for i in range(len(header))]
    for row in cells:
        padded = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=True))
        line = "  ".join(padded)
        out(line.rstrip(), shape=False)


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _label_map(value: str | None) -> dict[str, str]:
    try:
        return parse_label_map(value or "")
    except UsageError as exc:
        raise UsageError(f"--label-map: {exc}") from exc


class _ProgressBar:
    """A tqdm bar on stderr, only when stderr is a terminal."""

    def __init__(self, unit: str) -> None:
        self.bar: Any = None  # a tqdm bar, made on the first call
        self.unit = unit

    def __call__(self, done: int, total: int) -> bool:
        if not sys.stderr.isatty():
            return True
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, leave=False, dynamic_ncols=True)
        self.bar.update(done - self.bar.n)
        return True

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _cmd_import(store: Store, args: argparse.Namespace, out: _Output) -> int:
    options = ReadOptions(
        labels=LabelSet(store.label_names(), _label_map(args.label_map), args.add_labels),
        scheme=args.scheme,
        text_column=args.text_column,
        id_column=args.id_column,
        title_column=args.title_column,
        meta_columns=tuple(_names(args.meta_columns) or ()),
    )
    bar = _ProgressBar("file")
    try:
        report = import_paths(store, args.paths, args.format, progress=bar, options=options)
    finally:
        bar.close()
    out(f"{report.imported_count} imported ({plural(report.spans, 'span')}, "
        f"{plural(report.relations, 'relation')}) from {plural(report.files, 'file')}, "
        f"{plural(report.skipped_count, 'duplicate')} skipped")
    for source, existing in report.skipped:
        out(f"  skipped {source}: same text as ‘{existing}’")
    for where in report.schemas:
        out(f"schema from {where} applied first")
    if report.new_labels:
        out(f"new labels: {', '.join(report.new_labels)}")
    if report.new_roles:
        out(f"new roles: {', '.join(report.new_roles)}")
    return 0


def _index(store: Store, out: _Output) -> None:
    """Index what the import stored, after it has committed: each batch commits on its own, so an
    interrupted run keeps the import and what was indexed (the app finishes the rest)."""
    bar = _ProgressBar("doc")
    try:
        done = update_index(store, progress=bar)
    finally:
        bar.close()
    if done:
        out(f"indexed {plural(done, 'document')} for search")


def _cmd_export(store: Store, args: argparse.Namespace, out: _Output) -> int:
    bar = _ProgressBar("doc")
    try:
        report = export_documents(
            store, args.out, args.format, args.status, _names(args.labels), split=args.split,
            annotator=args.annotator, ids=_names(args.ids), progress=bar, layer=args.layer,
        )
    finally:
        bar.close()
    out(f"exported {plural(report.documents, 'document')} ({plural(report.spans, 'span')}, "
        f"{plural(report.relations, 'relation')}) to {report.path}")
    out(f"offsets: {report.offset_unit}")
    if report.notes:
        out("spans cutting a token (--split " + args.split + "): "
            + ", ".join(f"{key} {value}" for key, value in report.notes.items()))
    return 0


def _cmd_schema(store: Store, args: argparse.Namespace, out: _Output) -> int:
    """``hashiya schema show|import|export``."""
    if args.schema_command == "import":
        path = Path(args.file)
        schema = read_schema_file(path, args.format)  # refused whole, naming the line: nothing written
        try:
            merged = store.apply_schema(schema.labels, schema.roles)  # one transaction
        except EditError as exc:
            raise InputError(str(path), str(exc)) from exc
        parts = [f"{what} {', '.join(names)}" for what, names in (
            ("labels added:", merged.labels_added), ("labels updated:", merged.labels_updated),
            ("roles added:", merged.roles_added), ("roles updated:", merged.roles_updated)) if names]
        out(f"schema from {path}: {'; '.join(parts) if parts else 'nothing to change'}")
        return 0
    schema = Schema(tuple(store.labels()), tuple(store.roles()))
    if args.schema_command == "export":
        files = schema_text(schema, args.format)
        target = Path(args.out)
        if args.format == "brat" and (target.is_dir() or args.out.endswith(("/", "\\"))):
            targets = {name: target / name for name in files}
        else:
            first = next(iter(files))
            targets = {first: target}
            if args.format == "brat" and target.name == "annotation.conf":
                targets["visual.conf"] = target.with_name("visual.conf")
        for where in targets.values():  # as export --out: a folder missing is a mistyped path, never made
            folder = where.parent
            if not folder.is_dir():
                why = "not a folder" if folder.exists() else "no such folder"
                raise InputError(str(where), f"cannot write ({why}: {folder})")
        for name, where in targets.items():
            try:
                with atomic_writer(where) as fh:
                    fh.write(files[name])
            except OSError as exc:
                raise InputError(str(where), f"cannot write ({exc.strerror or exc})") from exc
        out(f"wrote {plural(len(schema.labels), 'label')} and {plural(len(schema.roles), 'role')} to "
            + ", ".join(str(where) for where in targets.values()))
        return 0
    if args.json:
        data = {"labels": [asdict(label) for label in schema.labels],
                "roles": [{**asdict(role), "labels": list(role.labels)} for role in schema.roles]}
        out(json.dumps(data, ensure_ascii=False, indent=2), shape=False)
        return 0
    subs = {label.name for label in schema.labels if label.parent}
    rows: list[tuple[object, ...]] = []
    for label in schema.labels:
        if label.name in subs:
            continue
        for item in [label, *(s for s in schema.labels if s.parent == label.name)]:
            name = ("  " + item.name) if item.parent else item.name
            key = "" if item.key is None else str(item.key)
            rows.append((name, item.title, key, item.color, item.description))
    _table(out, ("label", "title", "key", "colour", "description"), rows)
    out()
    if schema.roles:
        _table(out, ("role", "key", "labels", "description"),
               [(r.name, r.key, ",".join(r.labels) or "(any)", r.description) for r in schema.roles])
    else:
        out("roles: none")
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _cmd_stats(store: Store, args: argparse.Namespace, out: _Output) -> int:
    stats = store.stats()
    detail = statistics.corpus_statistics(store, days=args.days) if args.detail else None
    if detail is not None:  # the analysts' agreement per label (Krippendorff's alpha), as charted
        report = agreement.agreement(store)
        detail["agreement"] = {name: report.alpha(name) for name in store.label_names()}
    if args.json:
        if detail is not None:
            stats["detail"] = detail
        out(json.dumps(stats, ensure_ascii=False, indent=2), shape=False)
        return 0
    out(f"{shown(store.path)}: {plural(stats['documents'], 'document')}, "
        f"{plural(stats['characters'], 'character')}, {plural(stats['spans'], 'span')}, "
        f"{plural(stats['relations'], 'relation')}")
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
    if detail is not None:
        out()
        _table(out, ("analyst", "documents", "done", "spans"),
               [(name or "(unnamed)", d["documents"], d["done"], d["spans"])
                for name, d in detail["by_analyst"].items()])
        for label, names in detail["top_names"].items():
            out()
            _table(out, (label.lower(), "mentions"), [(x["text"], x["count"]) for x in names[:10]])
    return 0


class _Figure:
    """A table cell right-aligned like a number: a ratio to three places, or — when undefined."""

    def __init__(self, value: float | int | None, text: str | None = None) -> None:
        if text is None:
            text = "—" if value is None else f"{value:.3f}" if isinstance(value, float) else f"{value:,}"
        self.text = text

    def __str__(self) -> str:
        return self.text


def _cmd_agreement(store: Store, args: argparse.Namespace, out: _Output) -> int:
    report = agreement.agreement(store, _names(args.labels), args.status, args.include_gold)
    if args.json:
        out(json.dumps(report.to_json(), ensure_ascii=False, indent=2), shape=False)
        return 0
    if report.empty:
        found = f"{plural(len(report.analysts), 'analyst')} found"
        if report.analysts:
            found += f" ({', '.join(report.analysts)})"
        out(f"nothing to compare: no document was annotated by two analysts ({found})")
        return 0
    out(f"{shown(store.path)}: {plural(len(report.analysts), 'analyst')} ({', '.join(report.analysts)}); "
        f"{plural(report.documents, 'document')} annotated by two or more, {plural(report.units, 'token')}")
    out()
    rows: list[tuple[object, ...]] = []
    links: list[tuple[object, ...]] = []
    for pair in report.pairs:
        name = f"{pair.a} / {pair.b}"
        if not pair.documents:
            rows.append((name, _Figure(0), "(none shared)", *(_Figure(None, "") for _ in range(5))))
            continue
        for label in [*pair.labels, None]:
            exact = pair.exact[label] if label else pair.exact_all()
            overlap = pair.overlap[label] if label else pair.overlap_all()
            rows.append((name, _Figure(pair.documents), label or "all", _Figure(exact.a), _Figure(exact.b),
                         _Figure(exact.f1), _Figure(overlap.f1), _Figure(pair.kappa(label))))
        links.append((name, _Figure(pair.documents), _Figure(pair.links.a), _Figure(pair.links.b),
                      _Figure(pair.links.matched), _Figure(pair.links.f1)))
    _table(out, ("pair", "documents", "label", "spans a", "spans b", "exact F1", "overlap F1", "kappa"), rows)
    out()
    _table(out, ("pair", "documents", "links a", "links b", "same", "links F1"), links)
    out()
    alphas = [(label, _Figure(report.alpha(label))) for label in report.labels]
    _table(out, ("label", "alpha"), [*alphas, ("all", _Figure(report.alpha()))])
    return 0


def _cmd_notes(store: Store, args: argparse.Namespace, out: _Output) -> int:
    """One line per note: document, what it is on (a span's label and text, or the document),
    the span's analyst and the note (its lines joined)."""
    found = notes.find_notes(store, args.search or "", limit=None).rows
    if args.json:
        out(json.dumps([row.to_json() for row in found], ensure_ascii=False, indent=2), shape=False)
        return 0
    for row in found:
        what = "document" if row.on_document else f"{row.label} ‘{' '.join(row.text.split())}’"
        out(f"{row.ext_id}\t{what}\t{row.annotator or '-'}\t{' '.join(row.note.split())}")
    if not found:
        out(f"no notes hold ‘{args.search}’" if args.search else "no notes yet")
    return 0


def _cmd_merge(store: Store, args: argparse.Namespace, out: _Output) -> int:
    bar = _ProgressBar("row")
    try:
        report = merge_databases(store, args.sources, progress=bar)
    finally:
        bar.close()
    _merge_report(report, out)
    return 0


def _merge_report(report: MergeReport, out: _Output) -> None:
    out(f"merged {plural(len(report.sources), 'database')}: "
        f"{plural(report.documents_added, 'document')} added, {report.documents_matched} matched, "
        f"{plural(report.spans_added, 'span')} and {plural(report.relations_added, 'relation')} added")
    for source in report.sources:
        out(f"  {source.path} ({source.analyst}): {source.documents_added} added, "
            f"{source.documents_matched} matched, {plural(source.spans_added, 'span')}, "
            f"{plural(source.relations_added, 'relation')}")
        if source.statuses_taken:
            out(f"    {plural(source.statuses_taken, 'new document')} took its status")
        if source.statuses_differ:
            out(f"    {plural(source.statuses_differ, 'document')} with another status here kept this one")
    if report.labels_added:
        out(f"new labels: {', '.join(report.labels_added)}")


ASSIGNING = ("assign", "unassign", "workload", "queue")  # team actions on a file or a server


def _assignments(store: Store, args: argparse.Namespace, out: _Output) -> int:
    """``hashiya team assign|unassign|workload|queue``, on either kind of database."""
    action = args.team_command
    if action == "assign":
        chosen = assign.documents(store, _names(args.ids), args.status, args.search, args.unassigned)
        who = getattr(store, "user", "")
        report = assign.assign(store, chosen, _names(args.to) or [], args.per_document, by=who)
        given = ", ".join(f"{name} {count}" for name, count in report.per_analyst.items())
        out(f"{plural(report.documents, 'document')} assigned: {report.added} new "
            f"({given}), {report.already} already")
    elif action == "unassign":
        chosen = assign.documents(store, _names(args.ids))
        removed = assign.unassign(store, chosen, _names(args.from_))
        out(f"{plural(removed, 'assignment')} taken back")
    elif action == "workload":
        loads = assign.workloads(store)
        if loads:
            _table(out, ("analyst", "assigned", "open"), [(w.analyst, w.assigned, w.open) for w in loads])
        else:
            out("nothing assigned yet (hashiya team assign --to NAME,...)")
    else:
        ids = assign.queue(store, args.name)
        summaries = {s.id: s for s in store.document_summaries()} if ids else {}
        for doc_id in ids:
            out(f"{summaries[doc_id].ext_id}\t{summaries[doc_id].title}")
        if not ids:
            out(f"{args.name} has no open documents")
    return 0


def _team(args: argparse.Namespace, out: _Output) -> int:
    """``hashiya team init|add|list``: these talk to the server directly (no store is opened:
    ``init`` makes what a store needs)."""
    url = args.db
    if not is_url(url):
        raise UsageError("team takes a team database: --db postgresql://USER@HOST/DATABASE")
    if args.team_command == "init":
        team.init(url)
        out(f"{shown(url)}: team schema ready (version {PG_SCHEMA_VERSION})")
    elif args.team_command == "add":
        member = team.add(url, args.name, args.role, args.password)
        out(f"{member.name} is a{'n' if member.role == 'annotator' else ''} {member.role}")
    else:
        members = team.members(url)
        if members:
            _table(out, ("analyst", "role"), [(m.name, m.role) for m in members])
        else:
            out("no analysts yet (hashiya team add NAME --role annotator|reviewer|lead)")
    return 0


COMMANDS = {
    "import": _cmd_import, "export": _cmd_export, "stats": _cmd_stats, "merge": _cmd_merge,
    "agreement": _cmd_agreement, "schema": _cmd_schema, "notes": _cmd_notes,
    "team": _assignments,  # its actions on documents; init, add and list go to _team
}
CREATING = ("import", "merge")  # commands that create their database when it does not exist


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM unwinds like an error: the import rolls back, temporary files are removed."""
    raise SystemExit(128 + signum)


def dispatch(args: argparse.Namespace) -> int:
    """Run a subcommand. Returns 0, or 2 after one line ``hashiya: <message>`` on stderr.

    A first import builds the database under a hidden name and gives it its real name only once
    everything is in, so a failed or killed first import leaves no empty database behind. A
    reader that closes the pipe early (``| head -1``) ends nothing: the rest of the output is
    dropped without a traceback.
    """
    try:
        return _dispatch(args)
    finally:
        _flush_quietly(sys.stdout, sys.stderr)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "merge" and args.db:
        return _fail(UsageError("merge writes into --into TARGET, not --db"))
    if args.command in ("schema", "notes") and args.database:  # hashiya schema show DB: as --db DB
        if args.db and args.db != args.database:
            return _fail(UsageError(f"two databases given: {args.database} and --db {args.db}"))
        args.db = args.database
    if args.command == "merge" and "://" in args.into and not is_url(args.into):
        return _fail(UsageError("merge --into takes a database file or a postgresql:// URL"))
    db_arg = args.into if args.command == "merge" else args.db
    if (args.command == "team" and args.team_command not in ASSIGNING) or is_url(db_arg):
        return _on_server(args, db_arg)
    db = Path(db_arg) if db_arg else default_db_path()
    existed = str(db) == ":memory:" or db.exists()
    if args.command not in CREATING and not existed:
        return _fail(InputError(str(db), "no such database (import something into it first)"))
    remove_stale_builds(db)
    target = db if existed else building_path(db)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        with Store(target) as store:
            code = COMMANDS[args.command](store, args, _Output(sys.stdout))
        if target != db:
            publish_build(target, db)
        if args.command in CREATING and code == 0 and not args.no_index:
            with Store(db) as store:
                _index(store, _Output(sys.stdout))
        return code
    except HashiyaError as exc:
        return _fail(exc)
    except sqlite3.Error as exc:
        return _fail(store_error(str(db), exc))
    finally:
        if target != db:
            remove_database_files(target)
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _on_server(args: argparse.Namespace, url: str) -> int:
    """A command on a team database: nothing to build under a hidden name (the server keeps each
    import one transaction); the schema must have been made with ``team init``."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        if args.command == "team" and args.team_command not in ASSIGNING:
            return _team(args, _Output(sys.stdout))
        with Store(url) as store:
            code = COMMANDS[args.command](store, args, _Output(sys.stdout))
            if args.command in CREATING and code == 0 and not args.no_index:
                _index(store, _Output(sys.stdout))
        return code
    except HashiyaError as exc:
        return _fail(exc)
    except sqlite3.Error as exc:
        return _fail(store_error(shown(url or ""), exc))
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _fail(exc: HashiyaError) -> int:
    message = " ".join(str(exc).splitlines())
    if isinstance(exc, UnknownLabelError):
        message += f"; rename it with --label-map {exc.label}=LABEL or create it with --add-labels"
    _Output(sys.stderr)("hashiya: " + message)
    return 2
