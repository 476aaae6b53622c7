"""Dialogs choosing import options and export settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from model.errors import UsageError
from model.formats import FORMATS, readable, writable
from model.formats.base import LabelSet, ReadOptions, parse_label_map
from model.records import ALL_LAYERS, GOLD, STATUSES
from model.tokenize import SPLIT_MODES

from .i18n import QT_TR_NOOP, tr
from .messages import menu_text, ok_cancel
from .theme import show_as_error
from .transfer import offset_unit_text

ADD_NEW = QT_TR_NOOP("add as a new label")
#: the documents an export takes, by status ("all": every one)
STATUS_CHOICES = {
    "all": QT_TR_NOOP("all"),
    "new": QT_TR_NOOP("new"),
    "in_progress": QT_TR_NOOP("in progress"),
    "done": QT_TR_NOOP("done"),
    "skipped": QT_TR_NOOP("skipped"),
}
SPLIT_TEXT = {
    "expand": QT_TR_NOOP("expand: widen to the whole token"),
    "split": QT_TR_NOOP("split: cut the token at the span edge"),
    "strict": QT_TR_NOOP("strict: drop the span"),
}



class ImportOptionsDialog(QDialog):
    """Format (detected by default), CoNLL scheme, CSV text column, label renames."""

    def __init__(self, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importOptionsDialog")
        self.setWindowTitle(tr("Import options"))
        self.setMinimumWidth(460)
        self._labels = labels
        form = QFormLayout(self)
        self.format = QComboBox(self)
        self.format.addItem(tr("detect from the files"), "auto")
        for name in readable():
            self.format.addItem(name, name)
        form.addRow(tr("Format"), self.format)
        self.scheme = QComboBox(self)
        self.scheme.addItems(["iob2", "iob1"])
        form.addRow(tr("CoNLL tags"), self.scheme)
        self.text_column = QLineEdit(self)
        self.text_column.setPlaceholderText("text")
        form.addRow(tr("CSV text column"), self.text_column)
        self.label_map = QLineEdit(self)
        self.label_map.setPlaceholderText("PER=ACTOR, LOC=PLACE")
        form.addRow(tr("Rename labels"), self.label_map)
        self.add_labels = QCheckBox(tr("Create labels this project does not have yet"), self)
        form.addRow("", self.add_labels)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        show_as_error(self.problem)
        self.problem.hide()
        form.addRow(self.problem)
        form.addRow(ok_cancel(self))

    def accept(self) -> None:
        try:
            parse_label_map(self.label_map.text())
        except UsageError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.label_map.setFocus()
            return
        super().accept()

    def options(self) -> tuple[str, ReadOptions]:
        mapping = parse_label_map(self.label_map.text())
        options = ReadOptions(
            labels=LabelSet(self._labels, mapping, self.add_labels.isChecked()),
            scheme=self.scheme.currentText(),
            text_column=self.text_column.text().strip() or None,
        )
        return str(self.format.currentData()), options


class ExportDialog(QDialog):
    """Format, output path, filters and the clitic rule for token formats."""

    def __init__(
        self,
        labels: list[str],
        start_dir: str = "",
        parent: QWidget | None = None,
        analysts: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export"))
        self.setMinimumWidth(600)
        form = QFormLayout(self)
        self.format = QComboBox(self)
        self.format.addItems(writable())
        form.addRow(tr("Format"), self.format)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setText(str(Path(start_dir or Path.home()) / "corpus.jsonl"))
        browse = QPushButton(tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(tr("Save to"), row)
        self.status = QComboBox(self)
        for status in ("all", *STATUSES):
            self.status.addItem(tr(STATUS_CHOICES.get(status, status)), status)
        form.addRow(tr("Documents"), self.status)
        self.label_boxes = []
        labels_row = QHBoxLayout()
        for name in labels:
            box = QCheckBox(menu_text(name), self)
            box.setProperty("label", name)  # the text doubles an "&" so that it shows as one
            box.setChecked(True)
            self.label_boxes.append(box)
            labels_row.addWidget(box)
        form.addRow(tr("Labels"), labels_row)
        self.layer = QComboBox(self)
        self.layer.setObjectName("exportLayer")
        self.layer.addItem(tr("gold where reviewed, else every analyst's"), None)
        self.layer.addItem(tr("every analyst's"), ALL_LAYERS)
        for name in analysts:
            if name and name != GOLD:
                self.layer.addItem(tr("{name}'s only").format(name=name), name)
        self.layer.setToolTip(
            tr("Whose spans: a document with a gold layer (settled in review) gives it by default")
        )
        form.addRow(tr("Spans"), self.layer)
        self.split = QComboBox(self)
        for mode in SPLIT_MODES:
            self.split.addItem(tr(SPLIT_TEXT[mode]) if mode in SPLIT_TEXT else mode, mode)
        self.split.setToolTip(
            tr(
                "A span edge inside a token (a clitic such as بموسكو): widen to the token, cut the token, "
                "or drop the span. Token formats only."
            )
        )
        form.addRow(tr("Span inside a token"), self.split)
        self.unit = QLabel(self)
        self.unit.setWordWrap(True)
        form.addRow(tr("Offsets"), self.unit)
        form.addRow(ok_cancel(self))
        self.format.currentTextChanged.connect(self._on_format_changed)
        self._on_format_changed(self.format.currentText())

    def _on_format_changed(self, fmt: str) -> None:
        path = Path(self.path.text())
        chosen = FORMATS[fmt]
        self.path.setText(str(path.with_suffix(chosen.suffix or path.suffix)))
        self.unit.setText(offset_unit_text(chosen.offset_unit))
        self.split.setEnabled(chosen.token_based)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Export to"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def settings(self) -> dict[str, object]:
        labels = [str(box.property("label")) for box in self.label_boxes if box.isChecked()]
        return {
            "out": self.path.text(),
            "fmt": self.format.currentText(),
            "status": None if self.status.currentData() == "all" else self.status.currentData(),
            "labels": None if len(labels) == len(self.label_boxes) else labels,
            "layer": self.layer.currentData(),
            "split": self.split.currentData(),
        }


class LabelMappingDialog(QDialog):
    """The files use labels this project does not have: map each to one it has, or add it."""

    def __init__(self, unknown: list[str], known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelMappingDialog")
        self.setWindowTitle(tr("Labels this project does not have"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        intro = QLabel(
            tr(
                "The files use labels this project does not have yet. Choose, for each, a label to "
                "use instead, or add it to the project."
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.choosers: dict[str, QComboBox] = {}
        upper = {name.upper(): name for name in known}
        for name in unknown:
            box = QComboBox(self)
            box.addItem(tr(ADD_NEW), None)
            for label in known:
                box.addItem(tr("use {label}").format(label=label), label)
            if name.upper() in upper:  # "place" in a file, PLACE here
                box.setCurrentIndex(box.findData(upper[name.upper()]))
            caption = QLabel(name, self)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(caption, box)
            self.choosers[name] = box
        form.addRow(ok_cancel(self))

    def choices(self) -> tuple[dict[str, str], bool]:
        """(label renames, whether any label is to be added)."""
        mapping = {name: box.currentData() for name, box in self.choosers.items() if box.currentData()}
        return mapping, len(mapping) < len(self.choosers)
