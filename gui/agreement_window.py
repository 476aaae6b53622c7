"""The Agreement window (Document → Agreement between analysts…): each pair's F1, kappa and links
per label, alpha across all, and the disagreements behind a chosen cell.

The numbers come from :func:`model.agreement.agreement`, read in a worker on its own connection
(1M spans take about ten seconds); choosing a cell lists what one analyst of the pair has and the
other lacks (:func:`model.agreement.disagreements`, the first :data:`LIMIT`), in a worker too.
Names and span texts come from data: the tables show them as plain text.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, ClassVar, cast

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from model.agreement import AgreementReport, Disagreement, agreement, disagreements
from model.store import Store

from .i18n import QT_TR_NOOP, join, tr
from .reading_window import ReadingWindow, show_once
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView
from .worker import Task, TaskResult

OBJECT_NAME = "agreementWindow"
LIMIT = 1000  # disagreements listed for one cell
LINKS = "links"  # the label column of a pair's links row


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class CellRow:
    """One row of the agreement table: a pair and a label (or its links, or all labels)."""

    def __init__(self, a: str, b: str, label: str | None, cells: tuple[str, ...]) -> None:
        self.a, self.b = a, b
        self.label = label  # a label, None for all labels, LINKS for the links row
        self.cells = cells


class AgreementModel(ListTableModel):
    COLUMNS = (
        QT_TR_NOOP("Pair"), QT_TR_NOOP("Documents"), QT_TR_NOOP("Label"), QT_TR_NOOP("Spans A"),
        QT_TR_NOOP("Spans B"), QT_TR_NOOP("Exact F1"), QT_TR_NOOP("Overlap F1"), QT_TR_NOOP("Kappa"),
    )
    KINDS: ClassVar[dict[int, str]] = {5: "exact", 6: "overlap", 7: "token"}  # column -> what is behind

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: CellRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (0, 2):
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ToolTipRole and row.label == LINKS:
            return tr("Links: event, argument and role the same; Exact F1 is the links' F1")
        return None

    def show(self, report: AgreementReport) -> None:
        self.beginResetModel()
        self.rows = []
        for pair in report.pairs:
            name = f"{pair.a} / {pair.b}"
            docs = f"{pair.documents:,}"
            if not pair.documents:
                self.rows.append(CellRow(pair.a, pair.b, None, (name, docs, tr("(none shared)"), *[""] * 5)))
                continue
            for label in [*pair.labels, None]:
                exact = pair.exact[label] if label else pair.exact_all()
                overlap = pair.overlap[label] if label else pair.overlap_all()
                self.rows.append(CellRow(pair.a, pair.b, label, (
                    name, docs, label or tr("all"), f"{exact.a:,}", f"{exact.b:,}", _figure(exact.f1),
                    _figure(overlap.f1), _figure(pair.kappa(label)))))
            links = pair.links
            self.rows.append(CellRow(pair.a, pair.b, LINKS, (
                name, docs, tr("links"), f"{links.a:,}", f"{links.b:,}", _figure(links.f1), "", "")))
        self.endResetModel()


class DisagreementModel(ListTableModel):
    COLUMNS = (
        QT_TR_NOOP("Document"), QT_TR_NOOP("Has it"), QT_TR_NOOP("Lacks it"), QT_TR_NOOP("Label"),
        QT_TR_NOOP("Start"), QT_TR_NOOP("End"), QT_TR_NOOP("Text"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item: Disagreement = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = item.text if item.event is None else f"{item.event[2]} → {item.text}"
            return (item.ext_id, item.analyst, item.other, item.label, str(item.start), str(item.end),
                    text)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 5, 6):
            return RIGHT_ALIGNED  # numbers, and the Arabic text, which reads from the right
        return None

    def show(self, items: list[Disagreement]) -> None:
        self.beginResetModel()
        self.rows = items
        self.endResetModel()


class AgreementWindow(ReadingWindow):
    """A non-modal window over ``store``: the agreement table, alpha, and a cell's disagreements."""

    listed = Signal()  # the disagreements of the chosen cell are shown

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(tr("Agreement between analysts"))
        self.resize(900, 640)
        self.report: AgreementReport | None = None
        self.list_task: Task | None = None
        self.gold = QCheckBox(tr("Count the gold layer as an analyst"), self)
        self.gold.setObjectName("agreementGold")
        self.gold.toggled.connect(lambda _on: self.refresh())
        self.summary.setObjectName("agreementSummary")
        self.model = AgreementModel(self)
        self.table = ListTableView("agreementTable", self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(ListTableView.SelectionBehavior.SelectItems)
        self.table.clicked.connect(self._on_cell_chosen)
        self.cell = QLabel(tr("Choose a cell to list the disagreements behind it"), self)
        self.cell.setObjectName("agreementCell")
        self.cell.setTextFormat(Qt.TextFormat.PlainText)
        self.differences = DisagreementModel(self)
        self.list = ListTableView("agreementDisagreements", self)
        self.list.setModel(self.differences)
        top = QHBoxLayout()
        top.addWidget(self.gold)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        lower = QWidget(self)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.cell)
        below.addWidget(self.list)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.summary)
        column.addWidget(split, 1)

    # ---- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the numbers again in a worker; the table changes when they arrive."""
        gold = self.gold.isChecked()
        self.read(
            lambda store, _progress: agreement(store, include_gold=gold),
            tr("Comparing the analysts…"),
            tr("Cannot compare the analysts"),
            lambda report: self.show_report(cast(AgreementReport, report)),
        )

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self.model.show(report)
        self.table.resizeColumnsToContents()
        self.differences.show([])
        if report.empty:
            found = join(report.analysts) or tr("none")
            self.summary.setText(
                tr("Nothing to compare: no document was annotated by two analysts (analysts found: {found}).")
                .format(found=found)
            )
        else:
            alphas = join(f"{label} {_figure(report.alpha(label))}" for label in report.labels)
            self.summary.setText(
                tr(
                    "%n analyst(s) ({names}); {documents} documents annotated by two or more, "
                    "{tokens} tokens. "
                    "Krippendorff's alpha {alpha} ({alphas}).",
                    "",
                    len(report.analysts),
                ).format(
                    names=join(report.analysts), documents=f"{report.documents:,}",
                    tokens=f"{report.units:,}", alpha=_figure(report.alpha()), alphas=alphas,
                )
            )
        self.loaded.emit()

    def _on_cell_chosen(self, index: QModelIndex) -> None:
        row: CellRow = self.model.rows[index.row()]
        if row.label == LINKS:
            kind, label = "links", None
        else:
            kind, label = AgreementModel.KINDS.get(index.column(), "exact"), row.label
        self.list_cell(row.a, row.b, label, kind)

    def list_cell(self, a: str, b: str, label: str | None, kind: str) -> None:
        """List in a worker what ``a`` has and ``b`` lacks, and the other way, for that cell."""
        if self.list_task is not None and self.list_task.is_running():
            self.list_task.cancel()
        kinds = {"exact": tr("exact"), "overlap": tr("overlap"), "token": tr("token")}
        every = tr("all labels")
        what = tr("links") if kind == "links" else f"{label or every}, {kinds.get(kind, kind)}"
        self.cell.setText(tr("{pair}, {what}: reading…").format(pair=f"{a} / {b}", what=what))

        def job(store: Store, _progress: object) -> list[Disagreement]:
            return list(islice(disagreements(store, a, b, label, kind), LIMIT))

        task = self.list_task = Task(self.store.path, job)
        task.finished.connect(lambda result: self._on_listed(task, result, f"{a} / {b}, {what}"))
        task.start()

    def _on_listed(self, task: Task, result: TaskResult, what: str) -> None:
        if not shiboken6.isValid(self) or task is not self.list_task:
            return  # a later cell was chosen meanwhile
        if not result.ok:
            self.cell.setText(f"{what}: {result.message}")
            self.failed.emit(result.message)
            return
        items = result.value
        assert isinstance(items, list)
        more = tr(" (the first {limit})").format(limit=f"{LIMIT:,}") if len(items) == LIMIT else ""
        count = tr("%n disagreement(s)", "", len(items))
        self.cell.setText(f"{what}: {count}{more}")
        self.differences.show(items)
        self.list.resizeColumnsToContents()
        self.listed.emit()


def show_agreement(store: Store, parent: QWidget) -> AgreementWindow:
    """Show the Agreement window of ``parent`` (made on first use, read again when shown again)."""
    return show_once(AgreementWindow, OBJECT_NAME, store, parent)
