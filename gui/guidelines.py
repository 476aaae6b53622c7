"""View → Guidelines: a dock listing each label (colour, key, name, title, its sub-types, its
description) and each role with the labels it takes, read from the session and refilled when
the schema changes. Every string from the data is shown as plain text (item texts, escaped
tooltips): nothing here is HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from model.records import Label

from .i18n import tr
from .label_bar import swatch
from .messages import plain_tip
from .session import Session


def _plain(text: str, parent: QWidget, bold: bool = False, indent: int = 0) -> QLabel:
    """A label showing ``text`` as it is (data: never rich text), wrapped to the panel's width."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if indent:
        label.setIndent(indent)
    return label


class GuidelinesPanel(QScrollArea):
    """The schema as a reference: each label (sub-types under it) with its guideline, then the
    roles with the labels each may point to."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("guidelinesPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries: dict[str, QWidget] = {}  # by label name (and "role:" + role name)
        session.labelsChanged.connect(self._on_labels_changed)
        self.fill()

    def _on_labels_changed(self) -> None:
        self.fill()

    def fill(self) -> None:
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setSpacing(2)
        self.entries = {}
        labels = self.session.labels
        column.addWidget(_plain(tr("Labels"), body, bold=True))
        for label in [x for x in labels if not x.parent]:
            self._add_label(column, body, label, [x for x in labels if x.parent == label.name])
            for sub in [x for x in labels if x.parent == label.name]:
                self._add_label(column, body, sub, [], indent=24)
        column.addSpacing(10)
        column.addWidget(_plain(tr("Roles"), body, bold=True))
        for role in self.session.roles:
            key = f"{role.key}  " if role.key else ""
            entry = _plain(f"{key}{role.name}", body)
            font = entry.font()
            font.setBold(True)
            entry.setFont(font)
            takes = ", ".join(role.labels) if role.labels else tr("any label")
            lines = ([role.description] if role.description else []) + [
                tr("Points to: {labels}").format(labels=takes)
            ]
            text = _plain("\n".join(lines), body, indent=12)
            column.addWidget(entry)
            column.addWidget(text)
            self.entries["role:" + role.name] = text
        column.addStretch(1)
        self.setWidget(body)

    def _add_label(
        self, column: QVBoxLayout, body: QWidget, label: Label, sub_types: list[Label], indent: int = 0
    ) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(indent, 6, 0, 0)
        icon = QLabel(body)
        icon.setPixmap(swatch(label.color).pixmap(14, 14))
        row.addWidget(icon)
        key = f"{label.key}  " if label.key else ""
        title = f"  {label.title}" if label.title else ""
        name = _plain(f"{key}{label.name}{title}", body, bold=True)
        name.setToolTip(plain_tip(label.description or label.name))
        row.addWidget(name, 1)
        column.addLayout(row)
        lines = [label.description] if label.description else []
        if sub_types:
            lines.append(tr("Sub-types: {names}").format(names=", ".join(x.name for x in sub_types)))
        if label.parent:
            lines.append(tr("A sub-type of {parent}").format(parent=label.parent))
        if not lines:
            lines.append(tr("No guideline yet (Document → Schema… to write one)."))
        text = _plain("\n".join(lines), body, indent=indent + 20)
        column.addWidget(text)
        self.entries[label.name] = text


class GuidelinesDock(QDockWidget):
    closed = Signal()  # by its close button

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(tr("Guidelines"), parent)
        self.setObjectName("guidelinesDock")
        self.panel = GuidelinesPanel(session, self)
        self.panel.setMinimumWidth(240)
        self.setWidget(self.panel)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


def guidelines_action(session: Session, window: QMainWindow) -> QAction:
    """A checkable action showing or hiding the guidelines dock (made when first shown) on
    ``window``'s right; closing the dock unchecks it."""
    action = QAction(tr("&Guidelines"), window)
    action.setObjectName("guidelinesAction")
    action.setCheckable(True)

    made: list[GuidelinesDock] = []

    def toggle(on: bool) -> None:
        if not made:
            if not on:
                return
            dock = GuidelinesDock(session, window)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            made.append(dock)
            dock.closed.connect(lambda: action.setChecked(False))  # closed by its own button
        if made[0].isVisible() != on:
            made[0].setVisible(on)

    action.toggled.connect(toggle)
    return action
