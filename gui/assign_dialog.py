"""Document → Assign…: a lead hands documents out to analysts, round-robin."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from model import assign
from model.errors import HashiyaError, UsageError, store_error

from .i18n import QT_TR_NOOP, join, tr
from .messages import ok_cancel
from .session import Session
from .theme import show_as_error

SCOPES = ("open", "listed", "unassigned")


class AssignDialog(QDialog):
    """Which documents (the open one, those the list shows, those assigned to no one), to whom,
    and how many analysts on each. Assigning runs on OK; the report goes to the status bar."""

    def __init__(
        self, session: Session, listed: tuple[str | None, str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(tr("Assign documents"))
        self.setMinimumWidth(460)
        self.session = session
        self.listed = listed  # the list's (status, search) filter
        self.report: assign.AssignReport | None = None
        form = QFormLayout()
        self.analysts = QLineEdit(self)
        self.analysts.setObjectName("assignAnalysts")
        self.analysts.setPlaceholderText("amal, huda, omar")
        known = [w.analyst for w in assign.workloads(session.store)]
        if known:
            self.analysts.setText(", ".join(known))
        form.addRow(tr("Analysts"), self.analysts)
        scopes = QVBoxLayout()
        self.scope = QButtonGroup(self)
        texts = (
            QT_TR_NOOP("The open document"),
            QT_TR_NOOP("The documents the list shows"),
            QT_TR_NOOP("Documents assigned to no one"),
        )
        for n, text in enumerate(texts):
            button = QRadioButton(tr(text), self)
            button.setObjectName(f"assignScope-{SCOPES[n]}")
            self.scope.addButton(button, n)
            scopes.addWidget(button)
        self.scope.button(1).setChecked(True)
        form.addRow(tr("Documents"), scopes)
        self.per_document = QSpinBox(self)
        self.per_document.setObjectName("assignPerDocument")
        self.per_document.setRange(1, 10)
        self.per_document.setToolTip(
            tr("Two or three analysts on each document let their agreement be measured")
        )
        form.addRow(tr("Analysts per document"), self.per_document)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # names come from data
        show_as_error(self.problem)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = ok_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Assign"))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(buttons)

    def chosen(self) -> list[int]:
        scope = SCOPES[self.scope.checkedId()]
        store = self.session.store
        if scope == "open":
            document = self.session.document
            if document is None:
                raise UsageError("no document is open")
            return [document.id]
        if scope == "unassigned":
            return assign.documents(store, unassigned=True)
        status, search = self.listed
        return assign.documents(store, status=status, search=search)

    def accept(self) -> None:
        names = [name.strip() for name in self.analysts.text().replace("،", ",").split(",")]
        try:
            self.report = assign.assign(
                self.session.store, self.chosen(), names, self.per_document.value(), by=self.session.annotator
            )
        except (HashiyaError, OSError) as exc:
            self._refuse(str(exc))
            return
        except sqlite3.Error as exc:  # the database refused (an annotator on a team database)
            self._refuse(str(store_error(self.session.store.path, exc)))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def summary(self) -> str:
        report = self.report
        if report is None:
            return ""
        given = join(f"{name} {count}" for name, count in report.per_analyst.items())
        return tr("Assigned %n document(s): {added} new ({given}), {already} already assigned.", "",
                  report.documents).format(added=report.added, given=given, already=report.already)
