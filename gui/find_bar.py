"""Find in the article, ignoring harakat, tatweel and hamza/alef forms; tag every match at once.

Matches are whole words by default, optionally after a clitic (و ف ب ل ك ال لل). "Tag all as"
shows the matches in their context first; the analyst accepts, unticks some, or cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from model.arabic import find_all
from model.records import Document
from model.text import keyword_in_context, quote

from .article_view import ArticleView
from .fields import SearchField
from .i18n import tr
from .messages import menu_text
from .session import Session


class FindField(SearchField):
    """Enter: next match; Shift+Enter: previous; Escape: close."""

    stepped = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.stepped.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)


class TagAllDialog(QDialog):
    """The matches about to be tagged, each in its context and ticked; OK tags the ticked ones."""

    def __init__(
        self,
        text: str,
        matches: list[tuple[int, int]],
        label: str,
        same: int,
        other: int,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagAllDialog")
        self.setWindowTitle(tr("Tag all as {label}").format(label=label))
        self.setMinimumWidth(560)
        self._label = label
        self._matches = matches
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget(self)
        self.list.setObjectName("tagAllMatches")
        self.list.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        for start, end in matches:
            item = QListWidgetItem(keyword_in_context(text, start, end, width=30), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        layout.addWidget(self.list)
        notes = []
        if same:
            notes.append(tr("%n match(es) already tagged {label}", "", same).format(label=label))
        if other:
            notes.append(tr("%n match(es) tagged with another label (relabel those one by one)", "", other))
        if notes:
            note = QLabel(tr("Left as they are: {notes}.").format(notes="; ".join(notes)), self)
            note.setObjectName("tagAllNote")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            layout.addWidget(note)
        both = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(both)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.list.itemChanged.connect(self._count)
        self._count()

    def chosen(self) -> list[tuple[int, int]]:
        return [
            m
            for row, m in enumerate(self._matches)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _count(self) -> None:
        n = len(self.chosen())
        self.summary.setText(tr("Tag %n match(es) as {label}:", "", n).format(label=self._label))
        self.ok.setText(tr("Tag %n", "", n))
        self.ok.setEnabled(n > 0)


class FindBar(QWidget):
    """Matches are searched in a normalised copy and mapped back to the article's offsets."""

    def __init__(self, session: Session, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.session = session
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.field = FindField(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(tr("Find — ignores harakat, tatweel, أ/إ/آ, ى/ي, ة/ه"))
        self.field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.field.setMinimumWidth(120)
        self.count = QLabel(self)
        options = QToolButton(self)
        options.setText(tr("Words"))
        options.setToolTip(tr("What counts as a match"))
        options.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(options)
        self.whole_words = menu.addAction(tr("Whole words only"))
        self.whole_words.setCheckable(True)
        self.whole_words.setChecked(True)
        self.after_clitics = menu.addAction(tr("Also after و ف ب ل ك ال لل"))
        self.after_clitics.setCheckable(True)
        options.setMenu(menu)
        self.options = options
        previous, following = QToolButton(self), QToolButton(self)
        previous.setText("▲")
        previous.setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"))
        following.setText("▼")
        following.setToolTip(tr("Next match (Enter, F3)"))
        self.tag_all = QToolButton(self)
        self.tag_all.setText(tr("Tag all as"))
        self.tag_all.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tag_all.setMenu(QMenu(self.tag_all))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(tr("Close (Escape)"))
        for widget in (self.field, self.count, options, previous, following, self.tag_all, close):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self.search)
        self.field.stepped.connect(self.step)
        self.field.closed.connect(self.close_bar)
        self.whole_words.toggled.connect(self._on_options_changed)
        self.after_clitics.toggled.connect(self._on_options_changed)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        session.documentOpened.connect(self._on_document_opened)
        session.labelsChanged.connect(self._on_labels_changed)
        self._on_labels_changed()
        self.hide()

    def _on_labels_changed(self) -> None:
        menu = self.tag_all.menu()
        menu.clear()
        for label in self.session.labels:
            action = menu.addAction(menu_text(f"{label.name}  {label.title}"))
            action.triggered.connect(lambda _=False, name=label.name: self.tag_all_as(name))

    def _on_document_opened(self, _document: Document) -> None:
        if self.isVisible():
            self.search()

    def _on_options_changed(self) -> None:
        self.after_clitics.setEnabled(self.whole_words.isChecked())
        self.search()

    def open_bar(self) -> None:
        self.show()
        selected = self.view.selected_text()
        if selected and "\n" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.view.set_hits([])
        self.view.setFocus()

    def search(self) -> None:
        """Find every match; start at the first one after the caret."""
        query = self.field.text()
        whole = self.whole_words.isChecked()
        clitics = whole and self.after_clitics.isChecked()
        text = self.session.document.text if self.session.document else ""
        self.matches = find_all(text, query, whole_words=whole, clitics=clitics) if query.strip() else []
        caret = self.view.selection_start()
        self.current = next((i for i, (a, _) in enumerate(self.matches) if a >= caret), 0)
        self._show()

    def step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
        if self.matches:
            self.current = (self.current + delta) % len(self.matches)
            self._show()

    def _show(self) -> None:
        if not self.matches:
            self.current = -1
            self.count.setText(tr("no matches") if self.field.text().strip() else "")
            self.view.set_hits([])
        else:
            self.count.setText(tr("{n} of {total}").format(n=self.current + 1, total=len(self.matches)))
            self.view.set_hits(self.matches, self.current)
        self.tag_all.setEnabled(bool(self.matches))

    def tag_all_as(self, label: str) -> None:
        """Preview the matches not yet tagged ``label``, then tag the chosen ones as one step."""
        tagged = {(s.start, s.end): s.label for s in self.session.index}
        fresh = [m for m in self.matches if m not in tagged]
        same = sum(1 for m in self.matches if tagged.get(m) == label)
        other = len(self.matches) - len(fresh) - same
        if not fresh:
            self.session.failed.emit(
                tr("Every match of {text} is tagged already.").format(text=quote(self.field.text()))
            )
            return
        text = self.session.document.text if self.session.document else ""
        dialog = TagAllDialog(text, fresh, label, same, other, self)
        chosen = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []
        if chosen:
            self.session.tag_ranges(chosen, label, self.field.text())
