"""Every user action as a QAction with its shortcuts, kept in one registry.

Menus, the label bar and the F1 list all show these same objects, so a shortcut changed here
changes everywhere, and F1 cannot drift from what the keys do.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from model.records import Label

from .i18n import QT_TR_NOOP, tr
from .label_bar import swatch
from .linking import LINK_GESTURES, role_key_gesture
from .messages import menu_text, plain_tip, without_mnemonic
from .session import Session

Shortcut = str | QKeySequence | QKeySequence.StandardKey

#: Gestures that are not actions (mouse and selection keys), shown in F1 after the actions.
GESTURES = (
    (QT_TR_NOOP("Double-click"), QT_TR_NOOP("Select a word")),
    (QT_TR_NOOP("Shift+arrows"), QT_TR_NOOP("Extend the selection (snaps to whole words)")),
    (
        QT_TR_NOOP("Alt+Shift+arrows"),
        QT_TR_NOOP("Extend the selection by exact characters (leave a clitic out)"),
    ),
    (QT_TR_NOOP("Alt+drag"), QT_TR_NOOP("Select exact characters")),
    (QT_TR_NOOP("Enter / Shift+Enter"), QT_TR_NOOP("In the find field: next / previous match")),
)
KEYPAD = Qt.KeyboardModifier.KeypadModifier


def _digit(n: int) -> list[QKeySequence]:
    """The digit key and the same digit on the keypad."""
    key = getattr(Qt.Key, f"Key_{n}")
    return [QKeySequence(key), QKeySequence(KEYPAD | key)]


class ActionRegistry(QObject):
    """Builds actions in named groups (one per menu); keeps the label actions in step with the session."""

    labelActionsChanged = Signal()

    def __init__(self, owner: QWidget, session: Session) -> None:
        super().__init__(owner)
        self.owner = owner
        self.session = session
        self.groups: dict[str, list[QAction]] = {}
        self.label_actions: list[QAction] = []  # tag the selection as label 1..n
        self.second_label_actions: list[QAction] = []  # add a second label on the same text
        self._tag: Callable[[str, bool], None] = lambda _name, _add: None
        session.labelsChanged.connect(self._rebuild_label_actions)

    def add(
        self,
        group: str,
        text: str,
        slot: Callable[[], object] | None = None,
        shortcuts: Sequence[Shortcut] = (),
        *,
        checkable: bool = False,
        tip: str = "",
        action: QAction | None = None,
    ) -> QAction:
        """A new action (or ``action``, e.g. from a QUndoStack) in ``group`` with its shortcuts."""
        if action is None:
            action = QAction(text, self.owner)
        action.setCheckable(checkable)
        keys = [s if isinstance(s, QKeySequence) else QKeySequence(s) for s in shortcuts]
        if keys:
            action.setShortcuts(keys)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.owner.addAction(action)  # active whichever child widget has focus
        self.groups.setdefault(group, []).append(action)
        return action

    # ---- labels -------------------------------------------------------------------------

    def bind_labels(self, tag: Callable[[str, bool], None]) -> None:
        """Label actions call ``tag(label_name, add_second)``; built now and after every label change."""
        self._tag = tag
        self._rebuild_label_actions()

    def _rebuild_label_actions(self) -> None:
        for action in self.label_actions + self.second_label_actions:
            self.owner.removeAction(action)
            action.deleteLater()
        self.label_actions = [self._label_action(label, False) for label in self.session.labels]
        self.second_label_actions = [self._label_action(label, True) for label in self.session.labels]
        self.labelActionsChanged.emit()

    def _label_action(self, label: Label, add: bool) -> QAction:
        """The action tagging the selection as ``label`` (``add``: as a second label on the same
        text), with its key; its tooltip holds the label's guideline (its description)."""
        key = label.key
        name, title = menu_text(label.name), menu_text(label.title)  # "R&D" is no mnemonic
        if add:
            text = tr("{name}  {title} (keep the other label)").format(name=name, title=title)
            # Shift with the number row only: Shift with the keypad gives arrows while NumLock is on.
            shift = Qt.KeyboardModifier.ShiftModifier
            keys = [QKeySequence(shift | getattr(Qt.Key, f"Key_{key}"))] if key else []
        else:
            text = f"{name}  {title}"
            keys = _digit(key) if key else []
        action = QAction(swatch(label.color), text, self.owner)
        action.setShortcuts(keys)
        action.setData(label.name)
        # the label bar's buttons show their key; set even without one, as Qt's own icon text
        # would drop the escaping of an "&" from the data
        action.setIconText(f"{key}  {text}" if key and not add else text)
        hint = ""
        if key:
            hint = " — " + tr("key {key}").format(key=f"Shift+{key}" if add else key)
        if add:
            what = tr("Tag the selection as {name} ({title}) too, keeping its other label")
        else:
            what = tr("Tag the selection as {name} ({title})")
        what = what.format(name=label.name, title=label.title)
        action.setStatusTip(what)
        tip = what + hint
        if label.parent:
            tip += "\n" + tr("A sub-type of {parent}").format(parent=label.parent)
        if label.description:
            tip += "\n\n" + label.description  # the label's guideline
        action.setToolTip(plain_tip(tip))  # label names, titles and descriptions come from the data
        action.triggered.connect(lambda _checked=False, n=label.name, a=add: self._tag(n, a))
        self.owner.addAction(action)
        return action

    # ---- F1 -----------------------------------------------------------------------------

    def all_actions(self) -> list[QAction]:
        grouped = [a for actions in self.groups.values() for a in actions]
        return grouped + self.label_actions + self.second_label_actions

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action that has a shortcut, in menu order."""
        rows = []
        for action in self.all_actions():
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
            if not keys:
                continue
            shown = " / ".join(_key_text(k) for k in keys)
            rows.append((shown, action.statusTip() or without_mnemonic(action.text()).replace("…", "")))
        return rows


def _key_text(key: QKeySequence) -> str:
    text = key.toString(QKeySequence.SequenceFormat.NativeText)
    return text.replace("Num+", tr("keypad") + " ")


class ShortcutsDialog(QDialog):
    """F1: the actions' own shortcuts, then the mouse and selection gestures, then linking's."""

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = registry.shortcut_rows()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft

        def row(keys: str, what: str) -> str:
            """The keys first in reading order: Qt does not mirror a table, so in a right-to-left
            interface they go in the right-hand (second) column."""
            if rtl:  # left-to-right marks: "Ctrl++" stays "Ctrl++" in a right-to-left line
                keys = f"\u200e{keys}\u200e"
            cells = [
                f"<td><b>{html.escape(keys)}</b></td>",
                f"<td>&nbsp;&nbsp;{html.escape(what)}&nbsp;&nbsp;</td>",
            ]
            return "<tr>" + "".join(reversed(cells) if rtl else cells) + "</tr>"

        body = "".join(row(k, v) for k, v in rows)
        mouse = html.escape(tr("Mouse and selection"))
        body += f"<tr><td colspan=2><br><b>{mouse}</b></td></tr>"
        body += "".join(row(tr(k), tr(v)) for k, v in GESTURES)
        linking = html.escape(tr("Linking events to their arguments"))
        body += f"<tr><td colspan=2><br><b>{linking}</b></td></tr>"
        gestures = [(tr(k), tr(v)) for k, v in LINK_GESTURES]
        role_keys = role_key_gesture(registry.session.roles)  # the schema's own keys, S / T / P or not
        if role_keys is not None:
            gestures.insert(0, role_keys)
        body += "".join(row(k, v) for k, v in gestures)
        label = QLabel(f"<table dir='{'rtl' if rtl else 'ltr'}'>{body}</table>", self)
        label.setTextFormat(Qt.TextFormat.RichText)  # our own table; every cell is escaped
        label.setObjectName("shortcutsTable")
        label.setMargin(8)
        scroll = QScrollArea(self)  # nine labels make a long list; small screens scroll it
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        screen = self.screen().availableGeometry() if self.screen() else None
        height = label.sizeHint().height() + 24
        if screen is not None:
            height = min(height, screen.height() - 80)
        self.resize(label.sizeHint().width() + 40, height)
        self.rows = rows
