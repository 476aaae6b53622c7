"""Find in the article, ignoring harakat, tatweel and hamza/alef forms; tag every match at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from model.arabic import find_all
from model.records import Label

from .article_view import ArticleView


class FindField(QLineEdit):
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


class FindBar(QWidget):
    """Matches are searched in a normalised copy and mapped back to the article's offsets."""

    tagAllRequested = Signal(list, str)  # [(start, end)], label name

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.field = FindField(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find — ignores harakat, tatweel and أ/إ/آ, ى/ي, ة/ه")
        self.field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.count = QLabel(self)
        previous, following = QToolButton(self), QToolButton(self)
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter)")
        following.setText("▼")
        following.setToolTip("Next match (Enter, F3)")
        self.tag_all = QToolButton(self)
        self.tag_all.setText("Tag all as")
        self.tag_all.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tag_all.setMenu(QMenu(self.tag_all))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        for widget in (self.field, self.count, previous, following, self.tag_all, close):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self.search)
        self.field.stepped.connect(self.step)
        self.field.closed.connect(self.close_bar)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.hide()

    def set_labels(self, labels: list[Label]) -> None:
        menu = self.tag_all.menu()
        menu.clear()
        for label in labels:
            action = menu.addAction(f"{label.name}  {label.title}")
            action.triggered.connect(lambda _=False, name=label.name: self._tag_all(name))

    def open_bar(self) -> None:
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
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
        self.matches = find_all(self.view.text, query) if query.strip() else []
        caret = self.view.textCursor().selectionStart()
        caret = self.view.painter.offsets.to_codepoint(caret)
        self.current = next((i for i, (a, _) in enumerate(self.matches) if a >= caret), 0)
        self._show()

    def step(self, delta: int) -> None:
        if self.matches:
            self.current = (self.current + delta) % len(self.matches)
            self._show()

    def _show(self) -> None:
        if not self.matches:
            self.current = -1
            self.count.setText("no matches" if self.field.text().strip() else "")
            self.view.set_hits([])
        else:
            self.count.setText(f"{self.current + 1} of {len(self.matches)}")
            self.view.set_hits(self.matches, self.current)
        self.tag_all.setEnabled(bool(self.matches))

    def _tag_all(self, label: str) -> None:
        taken = {(s.start, s.end) for s in self.view.spans() if s.label == label}
        fresh = [m for m in self.matches if m not in taken]
        self.tagAllRequested.emit(fresh, label)
