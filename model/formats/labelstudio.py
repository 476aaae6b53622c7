"""Label Studio JSON: an array of tasks, each with ``data`` (the text) and ``annotations``.

A region is a result item of type ``labels`` (``value``: start, end, text, labels); a link is one of
type ``relation`` (``from_id`` the event, ``to_id`` its argument, ``labels`` the role). Offsets are
code points, as Python indexes. Import takes each task's first annotation that was not cancelled;
export writes one annotation per task and the labelling config beside it (``NAME.config.xml``).

Label Studio accepts only one of its own user ids or e-mails as an annotation's ``completed_by``
and refuses the whole import otherwise, so the export leaves it out (Label Studio then credits the
importing user) and keeps each span's annotator in its region's ``meta`` (``{"annotator": name}``),
which Label Studio stores and exports unchanged; import reads the name back from there first. The
document's status travels in the task data as ``hashiya_status``. A span's note is the region's
own Label Studio note, ``meta.text`` (``{"text": [NOTE]}``), read back from there.

The config (:func:`config_xml`) carries the label schema: colours (``background``), descriptions
(``hint``), keys (``hotkey``), sub-types as labels of their own listed after their label with
``hashiya-parent`` (Label Studio's labels are flat, and a region keeps the sub-type's own name, so
tasks need no renaming), roles as ``<Relation>`` with ``hashiya-labels``; Label Studio 1.23 accepts
and keeps these attributes. :func:`read_config` reads a config back (``hashiya schema import``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from model.errors import InputError
from model.records import DEFAULT_ROLE_SPECS, STATUSES, Label, Role, Span
from model.schema import DEFAULT_LABELS
from model.textio import atomic_writer, normalise_with_offsets, read_bytes

from ._common import (
    MAX_SCHEMA_ITEMS,
    LineError,
    add_relation,
    add_span,
    check_schema,
    check_schema_name,
    check_span,
    check_text,
    checked_spans,
    fallback_schema,
    hex_color,
    is_int,
    moved,
    read_schema_bytes,
    resolve_label,
    schema_text,
    show,
    strict_dumps,
    tree_order,
)
from .base import (
    ExportDocument,
    Format,
    IncomingDocument,
    IncomingRelation,
    IncomingSpan,
    ReadOptions,
    Schema,
    WriteOptions,
)

_COLORS = {name: color for name, _, color in DEFAULT_LABELS}
_PALETTE = ("#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#ff7f0e")
#: a task field holding the document's status (Label Studio keeps unknown data fields as they are)
STATUS_FIELD = "hashiya_status"
#: characters XML 1.0 forbids even as character references: C0 controls but tab, LF and CR; U+FFFE/F
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _ConstantError(ValueError):
    """NaN or Infinity, which JSON does not have (Python's parser accepts them by default)."""


def _refuse_constant(name: str) -> float:
    raise _ConstantError(name)


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _tasks(text: str, where: str) -> Iterator[tuple[int, int, object]]:
    """(1-based index, line where it starts, task) for each item of the top-level JSON array."""
    line, counted = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, pos)
        counted = pos
        return line

    def invalid(exc: ValueError | RecursionError, pos: int) -> InputError:
        if isinstance(exc, json.JSONDecodeError):
            return InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        if isinstance(exc, _ConstantError):
            return InputError(where, f"invalid JSON: {exc} is not a JSON number", line_at(pos))
        if isinstance(exc, RecursionError):
            return InputError(where, "invalid JSON: nested too deeply", line_at(pos))
        return InputError(where, f"invalid JSON: {exc}", line_at(pos))  # e.g. an integer too long

    pos = _skip(text, 0)
    if not text.startswith("[", pos):
        try:
            value = _DECODER.decode(text)
        except (ValueError, RecursionError) as exc:
            raise invalid(exc, pos) from exc
        kinds: dict[type, str] = {dict: "an object", str: "a string"}
        found = kinds.get(type(value), "a single value")
        raise InputError(where, f"not a Label Studio export: expected a JSON array of tasks, found {found}",
                         line_at(pos))
    pos, n = _skip(text, pos + 1), 0
    while n or not text.startswith("]", pos):  # an empty array has no tasks
        n += 1
        try:
            task, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            raise invalid(exc, pos) from exc
        yield n, line_at(pos), task
        pos = _skip(text, end)
        if text.startswith("]", pos):
            break
        if not text.startswith(",", pos):
            raise InputError(where, "invalid JSON: expected ',' or ']' after a task", line_at(pos))
        pos = _skip(text, pos + 1)
    if _skip(text, pos + 1) < len(text):
        raise InputError(where, "invalid JSON: more data after the array of tasks", line_at(pos))


def _who(completed_by: object) -> str:
    if isinstance(completed_by, dict):
        completed_by = completed_by.get("email") or completed_by.get("username") or completed_by.get("id")
    return "" if completed_by is None or isinstance(completed_by, (dict, list)) else str(completed_by)


def _annotator(item: dict[str, Any], default: str) -> str:
    """The name Hashiya's export kept in the region's ``meta``, else the annotation's user."""
    meta = item.get("meta")
    name = meta.get("annotator") if isinstance(meta, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else default


def _note(item: dict[str, Any]) -> str:
    """A region's note, Label Studio's per-region ``meta.text`` (a list of strings, or one)."""
    meta = item.get("meta")
    text = meta.get("text") if isinstance(meta, dict) else None
    if isinstance(text, str):
        return text
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        return "\n".join(t for t in text if t)
    return ""


def _regions(result: list[Any], text: str, to_new: Callable[[int], int], options: ReadOptions,
             annotator: str) -> tuple[list[IncomingSpan], list[IncomingRelation]]:
    spans: list[IncomingSpan] = []
    aliases: dict[int | str, int | str] = {}
    repeats: dict[tuple[int, int, str], int] = {}  # finds a repeated span at once
    keys: set[int | str] = set()
    links: list[tuple[int, dict[str, Any]]] = []
    for n, item in enumerate(result, 1):
        if not isinstance(item, dict):
            raise LineError(f"result {n} is not an object")
        if item.get("type") == "relation":
            links.append((n, item))
            continue
        if item.get("type") != "labels":
            continue  # choices, text areas, ratings: nothing Hashiya keeps
        value = item.get("value")
        if not isinstance(value, dict):
            raise LineError(f"result {n} has no 'value' object")
        start, end = check_span(value.get("start"), value.get("end"), len(text), f"result {n}: region")
        names = value.get("labels")
        if not isinstance(names, list) or not names:
            raise LineError(f"result {n}: region {start}–{end} has no 'labels'")
        claimed = value.get("text")
        if claimed is not None:
            if not isinstance(claimed, str):
                raise LineError(f"result {n}: region {start}–{end} 'text' must be a string")
            check_text(claimed, text[start:end], f"result {n}: region {start}–{end}")
        key = item.get("id")
        key = key if (is_int(key) or isinstance(key, str)) and key not in keys else None
        new_start, new_end = moved(to_new, start, end, f"result {n}: region {start}–{end}")
        who = _annotator(item, annotator)
        note = _note(item)
        for label in names:
            resolved = resolve_label(options.labels, label, f"result {n}: region {start}–{end}")
            add_span(spans, IncomingSpan(new_start, new_end, resolved, who, key, note), aliases, repeats)
            if key is not None:
                keys.add(key)
            key = None  # a region with several labels: relations attach to the first
    relations: list[IncomingRelation] = []
    linked: set[IncomingRelation] = set()
    for n, item in links:
        ends = []
        for field in ("from_id", "to_id"):
            value = item.get(field)
            if not (is_int(value) or isinstance(value, str)) or value not in keys:
                raise LineError(f"result {n}: relation refers to unknown region id {show(value)} as {field}")
            ends.append(aliases.get(value, value))
        if item.get("direction") == "left":
            ends.reverse()
        roles = item.get("labels") or ["related"]
        if not isinstance(roles, list) or not all(isinstance(r, str) and r.strip() for r in roles):
            raise LineError(f"result {n}: relation 'labels' must be a list of role names")
        for role in roles:
            relation = IncomingRelation(ends[0], ends[1], role.strip())
            add_relation(relations, relation, f"result {n}: relation", linked)
    return spans, relations


def _parse_task(task: object, options: ReadOptions, default_id: str) -> dict[str, Any]:
    if not isinstance(task, dict):
        raise LineError("not a task object")
    data = task.get("data")
    if not isinstance(data, dict):
        raise LineError("no 'data' object")
    field = "text" if isinstance(data.get("text"), str) else next(
        (k for k, v in data.items() if isinstance(v, str) and k not in ("id", "title")), None)
    text = data.get(field) if field else None
    if not isinstance(text, str) or not text.strip():
        raise LineError("no article text in 'data'")
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        raise LineError("'annotations' must be a list")
    chosen = next((a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")), {})
    result = chosen.get("result") or []
    if not isinstance(result, list):
        raise LineError("an annotation's 'result' must be a list")
    stored, to_new = normalise_with_offsets(text)
    spans, relations = _regions(result, text, to_new, options, _who(chosen.get("completed_by")))
    ext_id = data.get("id", task.get("id", default_id))
    if not (is_int(ext_id) or (isinstance(ext_id, str) and ext_id.strip())):
        raise LineError(f"'id' must be a number or a non-empty string, not {show(ext_id)}")
    title = data.get("title") if isinstance(data.get("title"), str) else None
    status = data.get(STATUS_FIELD)
    own = {field, "id", "title", "meta"}
    if status in STATUSES:
        own.add(STATUS_FIELD)
    else:
        status = None  # not Hashiya's: kept in meta like any other field
    meta = dict(data["meta"]) if isinstance(data.get("meta"), dict) else {}
    meta.update((k, v) for k, v in data.items() if k not in own)
    return {"ext_id": str(ext_id), "text": stored, "title": title, "meta": meta, "status": status,
            "spans": spans, "relations": relations}


def _check_strings(task: object) -> None:
    """Refuse a task holding an unpaired surrogate (only a JSON escape can make one)."""
    try:
        json.dumps(task, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(exc.object[exc.start])
        raise LineError(f"contains an unpaired UTF-16 surrogate (\\u{bad:04x}), which is not text") from exc
    except RecursionError as exc:
        raise LineError("nested too deeply") from exc


def read(path: Path, options: ReadOptions) -> Iterator[IncomingDocument]:
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start + 1})", line) from exc
    escapes = _SURROGATE_ESCAPE.search(text) is not None
    for n, line, task in _tasks(text, str(path)):
        try:
            if escapes:
                _check_strings(task)
            fields = _parse_task(task, options, f"{path.stem}-{n}")
        except LineError as exc:
            raise exc.at(path, line, f"task {n}: ") from exc
        yield IncomingDocument(str(path), line, **fields)


def sniff(path: Path) -> bool:
    """Is this a JSON array whose first item has "data"?"""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            head = fh.read(1 << 20)
        pos = _skip(head, 0)
        if not head.startswith("[", pos):
            return False
        try:
            first, _ = _DECODER.raw_decode(head, _skip(head, pos + 1))
        except (ValueError, RecursionError):
            return '"data"' in head  # a first task longer than the head, or one the reader refuses
        return isinstance(first, dict) and "data" in first
    except (OSError, UnicodeDecodeError):
        return False


def xml_name(name: str) -> str:
    """A label or role name as the export writes it, in the tasks and in the config alike: without
    the control characters XML cannot hold (the config would not be well-formed)."""
    return _NOT_XML.sub("", name)


def _region(span: Span, text: str, note: str = "") -> dict[str, Any]:
    region: dict[str, Any] = {
        "id": f"s{span.id}", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": span.start, "end": span.end, "text": text[span.start : span.end],
                  "labels": [xml_name(span.label)]}}
    meta: dict[str, Any] = {}
    if span.annotator:
        meta["annotator"] = span.annotator
    if note:
        meta["text"] = [note]
    if meta:
        region["meta"] = meta
    return region


def task_of(item: ExportDocument) -> dict[str, Any]:
    """One task: no ``completed_by`` (Label Studio takes only its own user ids there), the
    annotators in each region's ``meta``, the status in ``data.hashiya_status``."""
    doc = item.document
    notes = item.span_notes
    result = [_region(s, doc.text, notes.get(s.id, "")) for s in checked_spans(item)]
    result += [{"from_id": f"s{r.event_id}", "to_id": f"s{r.argument_id}", "type": "relation",
                "direction": "right", "labels": [xml_name(r.role)]} for r in item.relations]
    annotation: dict[str, Any] = {"result": result, "was_cancelled": False}
    data = {"text": doc.text, "title": doc.title, "id": doc.ext_id, "meta": doc.meta,
            STATUS_FIELD: doc.status}
    return {"data": data, "annotations": [annotation] if result else []}


#: attributes the config gives a ``<Label>`` or ``<Relation>`` for what Label Studio has no place
#: for; Label Studio keeps them in the config as they are and ignores them
PARENT, TITLE, LABELS, DESCRIPTION, KEY = ("hashiya-parent", "hashiya-title", "hashiya-labels",
                                           "hashiya-description", "hashiya-key")


def _attr(name: str, value: str) -> str:
    return f" {name}={quoteattr(xml_name(value))}" if value else ""


def config_xml(schema: Schema, roles: Iterable[str] = ()) -> str:
    """A labelling config for the exported tasks: a ``<Label>`` per label of ``schema`` (its colour
    as ``background``, its description as ``hint``, its key 1-9 as ``hotkey``), a ``<Relation>``
    per role (its schema's roles, then ``roles`` used in the data but missing from it).

    Label Studio's labels are flat: a sub-type is a label of its own, listed right after its parent,
    with the parent's name in ``hashiya-parent``; a label's title goes in ``hashiya-title``, a
    role's labels (a JSON list) in ``hashiya-labels``, its description and key in
    ``hashiya-description`` and ``hashiya-key``. Label Studio keeps such attributes in the config
    unchanged; :func:`read_config` reads them back."""
    lines = ["<View>", '  <Header value="$title"/>', '  <Labels name="label" toName="text">']
    for n, label in enumerate(tree_order(schema.labels)):
        color = label.color or _COLORS.get(label.name, _PALETTE[n % len(_PALETTE)])
        name = xml_name(label.name)
        if not name.strip():
            continue
        hotkey = str(label.key) if label.key is not None and 1 <= label.key <= 9 else ""
        lines.append(f"    <Label value={quoteattr(name)} background={quoteattr(xml_name(color))}"
                     f"{_attr('hint', label.description)}{_attr('hotkey', hotkey)}"
                     f"{_attr(PARENT, label.parent)}{_attr(TITLE, label.title)}/>")
    lines += ["  </Labels>", '  <View style="direction: rtl; text-align: right">',
              '    <Text name="text" value="$text"/>', "  </View>", "  <Relations>"]
    all_roles = list(schema.roles)
    known = {role.name for role in all_roles}
    all_roles += [Role(name) for name in dict.fromkeys(roles) if name not in known]
    written: set[str] = set()
    for role in all_roles:
        name = xml_name(role.name)
        if not name.strip() or name in written:
            continue
        written.add(name)
        allowed = json.dumps([xml_name(label) for label in role.labels], ensure_ascii=False)
        lines.append(f"    <Relation value={quoteattr(name)}{_attr(LABELS, allowed if role.labels else '')}"
                     f"{_attr(DESCRIPTION, role.description)}{_attr(KEY, role.key)}/>")
    lines += ["  </Relations>", "</View>"]
    return "\n".join(lines) + "\n"


class _Element(NamedTuple):
    tag: str
    attrs: dict[str, str]
    line: int
    parent: int  # index of the enclosing element, -1 for the root


def _elements(text: str, where: str) -> list[_Element]:
    """The elements of an XML document in order, each with its line. A document type declaration
    (and so any entity it would define: no "billion laughs", no external files) is refused."""
    found: list[_Element] = []
    open_stack: list[int] = []
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(found) >= MAX_SCHEMA_ITEMS * 4:
            raise InputError(where, f"more than {MAX_SCHEMA_ITEMS * 4} elements; not a labelling config",
                             parser.CurrentLineNumber)
        found.append(_Element(tag, attrs, parser.CurrentLineNumber, open_stack[-1] if open_stack else -1))
        open_stack.append(len(found) - 1)

    def end(tag: str) -> None:
        open_stack.pop()

    def refuse_doctype(*_: object) -> None:
        raise InputError(where, "has a document type declaration (<!DOCTYPE ...>); a labelling config "
                         "needs none, and its entities could expand without end", parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise InputError(where, f"not well-formed XML: {expat.ErrorString(exc.code)} "
                         f"(column {exc.offset + 1})", exc.lineno) from exc
    return found


def read_config(data: bytes, where: str) -> Schema:
    """The schema of a Label Studio labelling config: each ``<Label>`` of a ``<Labels>`` (or other
    ``...Labels`` tag) a label (``background`` its colour, ``hint`` its description, ``hotkey`` a
    digit its key, ``hashiya-parent`` and ``hashiya-title`` as :func:`config_xml` writes them),
    each ``<Relation>`` a role. Raises :class:`InputError` naming the line."""
    text = schema_text(data, where, "Label Studio config")
    elements = _elements(text, where)
    if not elements or elements[0].tag != "View":
        raise InputError(where, "not a Label Studio labelling config: it should start with <View>",
                         elements[0].line if elements else 1)
    labels: dict[str, Label] = {}
    lines: dict[str, int] = {}
    roles: dict[str, Role] = {}
    for element in elements:
        parent = elements[element.parent].tag if element.parent >= 0 else ""
        try:
            if element.tag == "Label" and parent.endswith("Labels"):
                name = check_schema_name(element.attrs.get("value", ""), "a <Label>")
                if name in labels:
                    continue  # the same label in a second group (other object tags): once
                hotkey = element.attrs.get("hotkey", "").strip()
                key = int(hotkey) if hotkey.isascii() and hotkey.isdigit() and 1 <= int(hotkey) <= 9 else None
                parent_name = element.attrs.get(PARENT, "").strip()
                if parent_name:
                    check_schema_name(parent_name, f"the parent of label {name}")
                lines[name] = element.line
                labels[name] = Label(name, element.attrs.get(TITLE, "").strip(),
                                     hex_color(element.attrs.get("background", "")), len(labels), key,
                                     parent_name, element.attrs.get("hint", "").strip())
            elif element.tag == "Relation" and parent == "Relations":
                name = check_schema_name(element.attrs.get("value", ""), "a <Relation>")
                if name in roles:
                    continue
                allowed = _role_labels(element.attrs.get(LABELS, ""), name)
                roles[name] = Role(name, element.attrs.get(KEY, "").strip()[:1], allowed,
                                   element.attrs.get(DESCRIPTION, "").strip(), len(roles))
        except LineError as exc:
            raise exc.at(where, element.line) from exc
    role_lines = {e.attrs.get("value", "").strip(): e.line for e in reversed(elements) if e.tag == "Relation"}
    for role in roles.values():
        for name in role.labels:
            if name not in labels:
                line = role_lines.get(role.name)
                raise InputError(where, f"role {role.name} takes label {name}, which the config does not "
                                 "define", line)
    return check_schema(Schema(tuple(labels.values()), tuple(roles.values())), where, lines, role_lines)


def read_config_file(path: Path) -> Schema:
    """The schema of a Label Studio labelling config file (see :func:`read_config`)."""
    return read_config(read_schema_bytes(path, "Label Studio config"), str(path))


def _role_labels(value: str, role: str) -> tuple[str, ...]:
    """The labels of ``hashiya-labels``: a JSON list of names ("" for any)."""
    if not value.strip():
        return ()
    try:
        names = json.loads(value)
    except ValueError:
        names = None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise LineError(f"role {role} has {LABELS}={show(value)}; expected a JSON list of label names")
    return tuple(dict.fromkeys(check_schema_name(n, f"a label of role {role}") for n in names))


def config_path(out: Path) -> Path:
    return out.with_name(out.stem + ".config.xml")


def write(documents: Iterable[ExportDocument], out: Path, options: WriteOptions) -> None:
    """A JSON array of tasks (one per line), then ``NAME.config.xml`` beside it."""
    schema = options.schema if options.schema.labels else fallback_schema(options.labels, options.colors)
    labels = {label.name: label for label in schema.labels}  # labels met in the data are added
    roles: dict[str, None] = {}
    with atomic_writer(out) as fh:
        fh.write("[")
        for n, item in enumerate(documents):
            fh.write(("\n" if n == 0 else ",\n") + strict_dumps(task_of(item), item.document.ext_id))
            for span in item.spans:
                if span.label not in labels:
                    color = options.colors.get(span.label, "")
                    labels[span.label] = Label(span.label, "", color, len(labels))
            roles.update(dict.fromkeys(r.role for r in item.relations))
        fh.write("\n]\n")
    complete = Schema(tuple(labels.values()), options.schema.roles or DEFAULT_ROLE_SPECS)
    with atomic_writer(config_path(out)) as fh:
        fh.write(config_xml(complete, roles))


FORMAT = Format("labelstudio", (".json",), read=read, write=write, sniff=sniff, suffix=".json")
