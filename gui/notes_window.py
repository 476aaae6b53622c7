"""View → Notes…: every note in the corpus, on documents and on spans, searched as you type.

The rows come from :mod:`model.notes` (document order; a search ignores harakat, tatweel,
letter forms and Latin case, and matches the note, the span's text or the document's title), a
page at a time as the view reaches its end. Double-clicking a row opens its document and
selects the span. The list follows the corpus: a note written, changed or undone here or in
another program, or an import, reads it again (when shown; else when next shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from model import notes
from model.notes import NoteRow, NotesPage
from model.records import Span
from model.text import quote, right_to_left, shorten

from .fields import SearchField
from .i18n import QT_TR_NOOP, tr
from .messages import NOTE_MARK, plain_tip
from .overview_window import DirectionDelegate
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView

OBJECT_NAME = "notesWindow"
PAGE = 500  # notes read at a time
SEARCH_DELAY_MS = 200  # the search runs once typing pauses this long
LEFT_ALIGNED = int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


def one_line(text: str, limit: int = 120) -> str:
    """``text``'s lines joined by spaces, shortened to ``limit`` characters."""
    return shorten(" ".join(text.split()), limit)


class NotesModel(ListTableModel):
    """The notes matching the search, read :data:`PAGE` at a time as the view asks for more."""

    COLUMNS = (QT_TR_NOOP("Document"), QT_TR_NOOP("What"), QT_TR_NOOP("Analyst"), QT_TR_NOOP("Note"))
    fetched = Signal()  # a further page was read (perhaps empty: then every note is read)

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = ""
        self.rows: list[NoteRow] = []
        self._page = NotesPage()

    def set_search(self, text: str) -> None:
        self.search = text.strip()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._page = notes.find_notes(self.session.store, self.search, PAGE)
        self.rows = list(self._page.rows)
        self.endResetModel()

    @property
    def exact(self) -> bool:
        """Are all matching notes read (else more follow as the view reaches the end)?"""
        return not self._page.more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._page.more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = notes.find_notes(self.session.store, self.search, PAGE, self._page.after)
        self._page = page
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self.fetched.emit()

    def note_row(self, row: int) -> NoteRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _values(self, note: NoteRow) -> tuple[str, str, str, str]:
        document = note.title or note.ext_id
        what = tr("Document") if note.on_document else f"{note.label} {quote(one_line(note.text, 60))}"
        return shorten(document, 60), what, note.annotator, f"{NOTE_MARK} {one_line(note.note)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self.note_row(index.row())
        if note is None:
            return None
        col = index.column()
        values = self._values(note)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:  # each cell by its text's direction (a span's own)
            text = (values[0], note.text or values[1], values[2], note.note)[col]
            return RIGHT_ALIGNED if right_to_left(text) else LEFT_ALIGNED
        if role == Qt.ItemDataRole.ToolTipRole:  # text from data: never markup
            tips = (f"{note.ext_id}: {note.title}", note.text or values[1], note.annotator, note.note)
            return plain_tip(tips[col]) if tips[col] else None
        if role == Qt.ItemDataRole.UserRole:
            return note.doc_id
        return None


class NotesWindow(QWidget):
    """Every note, searched as you type; a double-click opens the document at the span."""

    refreshed = Signal()  # the rows were read again (a search, an edit, another program)

    def __init__(
        self, session: Session, show_span: Callable[[Span], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(tr("Notes — Hashiya حاشية"))
        self.session = session
        self._show_span = show_span
        self._stale = False

        self.search = SearchField(self)
        self.search.setObjectName("notesSearch")
        self.search.setPlaceholderText(tr("Search the notes… (ignores harakat, letter forms and case)"))
        self.search.setClearButtonEnabled(True)
        self.search.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("notesCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.model = NotesModel(session, self)
        self.view = ListTableView("notesTable", self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setItemDelegate(DirectionDelegate(self.view))
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 200, 90)):
            header.resizeSection(column, width)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.resize(980, 480)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self._reload_timer = QTimer(self)  # many signals of one edit: one read
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._on_notes_changed)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.activated.connect(self._on_double_clicked)  # Enter on a row too
        self.model.modelReset.connect(self._show_count)
        self.model.fetched.connect(self._show_count)
        session.notesChanged.connect(self._reload_timer.start)
        session.corpusChanged.connect(self._reload_timer.start)
        session.documentChanged.connect(lambda _doc: self._reload_timer.start())
        self.model.reload()

    # ---- search and refresh ------------------------------------------------------------

    def set_search(self, text: str) -> None:
        self.search.setText(text)
        self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())
        self.refreshed.emit()

    def _on_notes_changed(self) -> None:
        if not self.isVisible():
            self._stale = True  # read again when next shown
            return
        self._stale = False
        current = self.view.currentIndex()
        selected = self.model.note_row(current.row()) if current.isValid() else None
        key = selected.key if selected is not None else None
        self.model.reload()
        if key is not None:  # the same note stays selected
            for row, note in enumerate(self.model.rows):
                if note.key == key:
                    self.view.selectRow(row)
                    break
        self.refreshed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._on_notes_changed()

    def _show_count(self, *_args: object) -> None:
        count = self.model.rowCount()
        if self.model.exact:
            text = tr("%n note(s)", "", count)
        else:
            text = tr("More than %n note(s)", "", count)
        if self.model.search:
            text += tr(" holding {text}").format(text=quote(self.model.search))
        self.count_label.setText(text)

    # ---- opening a note ----------------------------------------------------------------

    def _on_double_clicked(self, index: QModelIndex) -> None:
        note = self.model.note_row(index.row())
        if note is not None:
            self.open_note(note)

    def open_note(self, note: NoteRow) -> None:
        """Open the note's document in the main window and select its span."""
        self.session.open_document(note.doc_id)
        document = self.session.document
        if document is None or document.id != note.doc_id:
            return  # the document could not be opened (the reason is shown)
        if note.span_id is not None:
            self._show_span(Span(note.span_id, note.doc_id, note.start, note.end, note.label, note.annotator))
        window = self.parentWidget()
        if window is not None:
            window.raise_()
            window.activateWindow()


def show_notes(session: Session, show_span: Callable[[Span], None], parent: QWidget) -> NotesWindow:
    """Show ``parent``'s notes window (made on first use)."""
    window = parent.findChild(NotesWindow, OBJECT_NAME)
    if window is None:
        window = NotesWindow(session, show_span, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
