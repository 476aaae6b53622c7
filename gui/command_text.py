"""What an edit did, in the interface's language: Edit → Undo / Redo and the unsaved bar name it.

:mod:`model.commands` describes each command in English (``command.text``: the command line and
logs use it, and the model knows nothing of Qt); this module says the same in the words of
:func:`~gui.i18n.tr`, from the command's own fields. A command it does not know keeps its text.
"""

from __future__ import annotations

from typing import Any

from model.text import quote

from .i18n import current_language, tr


def describe(command: Any) -> str:
    """``command`` (a :class:`model.commands.Command`) in a few translated words (in English, its
    own text)."""
    if current_language() in ("", "en"):
        return str(getattr(command, "text", ""))
    try:
        return _describe(command)
    except (AttributeError, TypeError):  # a command changed its fields: its own words
        return str(getattr(command, "text", ""))


def _describe(command: Any) -> str:
    kind = type(command).__name__
    get = getattr
    if kind == "AddSpan":
        return tr("tag {label} {text}").format(label=command.label, text=quote(command.span_text))
    if kind == "AddSpans":
        return tr("tag %n × {label} {text}", "", len(command.ranges)).format(
            label=command.label, text=quote(command.what)
        )
    if kind == "RemoveSpan":
        return tr("delete {label} {text}").format(label=command.label, text=quote(command.span_text))
    if kind == "UpdateSpan":
        if command.text.startswith("relabel"):
            return tr("relabel {text} as {label}").format(text=quote(command.span_text), label=command.label)
        return tr("resize span to {text}").format(text=quote(command.span_text))
    if kind == "LinkArgument":
        return tr("link {argument} as {role} of {event}").format(
            argument=quote(command.argument_text), role=command.role, event=quote(command.event_text)
        )
    if kind == "UnlinkArgument":
        return tr("unlink argument")
    if kind == "SetStatus":
        statuses = {"new": tr("mark new"), "in_progress": tr("mark in progress"),
                    "done": tr("mark done"), "skipped": tr("mark skipped")}
        return statuses.get(command.status, command.text)
    if kind == "RelabelSpans":
        what = f" {quote(command.what)}" if command.what else ""
        return tr("relabel %n span(s){what} as {label}", "", len(command.span_ids)).format(
            what=what, label=command.label
        )
    if kind == "RemoveSpans":
        what = f" {quote(command.what)}" if command.what else ""
        return tr("delete %n span(s){what}", "", len(command.span_ids)).format(what=what)
    if kind in ("AcceptItems", "RejectItems"):
        n, what = len(command.keys), get(command, "what", "")
        if kind == "AcceptItems":
            if n == 1 and what:
                return tr("accept {item} into gold").format(item=quote(what))
            return tr("accept %n item(s) into gold", "", n)
        if n == 1 and what:
            return tr("reject {item}").format(item=quote(what))
        return tr("reject %n item(s)", "", n)
    if kind == "SetReviewed":
        return tr("mark reviewed") if command.reviewed else tr("mark not reviewed")
    if kind == "SetSpanNote":
        return tr("note on span") if command.note else tr("clear span note")
    if kind == "SetDocumentNote":
        return tr("note on document") if command.note else tr("clear document note")
    if kind == "AddLabel":
        if get(command, "parent", None):
            return tr("add sub-type {name} of {parent}").format(name=command.name, parent=command.parent)
        return tr("add label {name}").format(name=command.name)
    if kind == "UpdateLabel":
        return tr("change label {name}").format(name=command.name)
    if kind == "RenameLabel":
        return tr("rename label {old} to {new}").format(old=command.old, new=command.new)
    if kind == "ReorderLabels":
        what = get(command, "what", "")
        return tr("move label {name}").format(name=what) if what else tr("reorder labels")
    if kind == "DeleteLabel":
        return tr("delete label {name}").format(name=command.name)
    if kind == "SetRoles":
        return tr("change roles")
    return str(get(command, "text", ""))
