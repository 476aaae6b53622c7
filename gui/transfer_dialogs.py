"""Dialogs choosing import options and export settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from model.formats import FORMATS, readable, writable
from model.formats.base import LabelSet, ReadOptions
from model.records import STATUSES

EXPORT_SUFFIX = {
    "jsonl": ".jsonl",
    "conll": ".conll",
    "hf": ".jsonl",
    "spacy": ".spacy",
    "brat": ".zip",
    "doccano": ".jsonl",
    "labelstudio": ".json",
    "csv": ".csv",
}


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ImportOptionsDialog(QDialog):
    """Format (detected by default), CoNLL scheme, CSV text column, label renames."""

    def __init__(self, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import options")
        self.setMinimumWidth(460)
        self._labels = labels
        form = QFormLayout(self)
        self.format = QComboBox(self)
        self.format.addItems(["auto", *readable()])
        form.addRow("Format", self.format)
        self.scheme = QComboBox(self)
        self.scheme.addItems(["iob2", "iob1"])
        form.addRow("CoNLL tags", self.scheme)
        self.text_column = QLineEdit(self)
        self.text_column.setPlaceholderText("text")
        form.addRow("CSV text column", self.text_column)
        self.label_map = QLineEdit(self)
        self.label_map.setPlaceholderText("PER=ACTOR, LOC=PLACE")
        form.addRow("Rename labels", self.label_map)
        self.add_labels = QCheckBox("Create labels this project does not have yet", self)
        form.addRow("", self.add_labels)
        form.addRow(_ok_cancel(self))

    def options(self) -> tuple[str, ReadOptions]:
        mapping = {}
        for pair in self.label_map.text().split(","):
            old, sep, new = pair.partition("=")
            if sep and old.strip() and new.strip():
                mapping[old.strip()] = new.strip()
        options = ReadOptions(
            labels=LabelSet(self._labels, mapping, self.add_labels.isChecked()),
            scheme=self.scheme.currentText(),
            text_column=self.text_column.text().strip() or None,
        )
        return self.format.currentText(), options


class ExportDialog(QDialog):
    """Format, output path, filters and the clitic rule for token formats."""

    def __init__(self, labels: list[str], start_dir: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(600)
        form = QFormLayout(self)
        self.format = QComboBox(self)
        self.format.addItems(writable())
        form.addRow("Format", self.format)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setText(str(Path(start_dir or Path.home()) / "corpus.jsonl"))
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow("Save to", row)
        self.status = QComboBox(self)
        self.status.addItems(["all", *STATUSES])
        form.addRow("Documents", self.status)
        self.label_boxes = []
        labels_row = QHBoxLayout()
        for name in labels:
            box = QCheckBox(name, self)
            box.setChecked(True)
            self.label_boxes.append(box)
            labels_row.addWidget(box)
        form.addRow("Labels", labels_row)
        self.annotator = QLineEdit(self)
        self.annotator.setPlaceholderText("everyone")
        form.addRow("Annotator", self.annotator)
        self.split = QComboBox(self)
        self.split.addItems(["expand", "split", "strict"])
        self.split.setToolTip(
            "A span edge inside a token (a clitic such as بموسكو): widen to the token, cut the token, "
            "or drop the span. Token formats only."
        )
        form.addRow("Span inside a token", self.split)
        self.unit = QLabel(self)
        self.unit.setWordWrap(True)
        form.addRow("Offsets", self.unit)
        form.addRow(_ok_cancel(self))
        self.format.currentTextChanged.connect(self._on_format_changed)
        self._on_format_changed(self.format.currentText())

    def _on_format_changed(self, fmt: str) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(EXPORT_SUFFIX.get(fmt, path.suffix))))
        self.unit.setText(FORMATS[fmt].offset_unit)
        self.split.setEnabled(fmt in ("conll", "hf", "spacy"))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if chosen:
            self.path.setText(chosen)

    def settings(self) -> dict[str, object]:
        labels = [box.text() for box in self.label_boxes if box.isChecked()]
        return {
            "out": self.path.text(),
            "fmt": self.format.currentText(),
            "status": None if self.status.currentText() == "all" else self.status.currentText(),
            "labels": None if len(labels) == len(self.label_boxes) else labels,
            "annotator": self.annotator.text().strip() or None,
            "split": self.split.currentText(),
        }
