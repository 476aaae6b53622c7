"""The document list: title, status and span count, a window over any number of documents.

The model knows how many documents match its filter up front and reads only the pages the
view shows (a few small pages, keyset queries from :mod:`model.listing`), so any row, the last
one included, is reached at once. The list follows the session: an edit refreshes its row, a
status that no longer matches the filter takes the row out (an undo puts it back), an import
reloads it, and opening a document selects its row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from model import listing, notes
from model.listing import Anchor
from model.records import DocumentSummary
from model.store import listed_with, queue_of
from model.text import quote

from .fields import SearchField
from .i18n import QT_TR_NOOP, tr
from .messages import NOTE_MARK, plain_tip
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView
from .theme import status_color

STATUS_TEXT = {
    "new": QT_TR_NOOP("new"),
    "in_progress": QT_TR_NOOP("in progress"),
    "done": QT_TR_NOOP("done"),
    "skipped": QT_TR_NOOP("skipped"),
}
PAGE = 100  # rows read at a time
CACHED_PAGES = 8  # pages kept (least recently used go first)
MAX_ANCHORS = 4096  # known (row, id) pairs kept to start jumps from
SEARCH_CAP = 1000  # a search lists this many rows at first, then more as the view reaches its end


class DocumentListModel(ListTableModel):
    """All documents matching the filter, in id order; rows are read a page at a time when shown.

    ``rowCount`` is the number of matching documents. Only :data:`CACHED_PAGES` pages of
    :data:`PAGE` summaries are held; besides them the model keeps *anchors*, ``(row, id)`` pairs it
    has seen, so reading a page or finding a document's row starts from the nearest one.

    A search is counted only up to :data:`SEARCH_CAP` at first (counting every match of a frequent
    word is the slow part); ``exact`` is then False, the rows grow as the view reaches the end
    (``fetchMore``), and the true count is taken when the last row or a row past the count is
    asked for (Ctrl+End, opening a document further on).
    """

    COLUMNS = (QT_TR_NOOP("Title"), QT_TR_NOOP("Status"), QT_TR_NOOP("Spans"))

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.status: str | None = None
        self.search: str | None = None
        self._total = 0
        self._exact = True
        self._pages: OrderedDict[int, list[DocumentSummary]] = OrderedDict()
        self._cached_rows: dict[int, int] = {}  # doc id -> row, for the cached pages
        self._anchor_rows: list[int] = []  # ascending; rows and ids grow together
        self._anchor_ids: list[int] = []
        self._seen: dict[int, str] = {}  # status of each document an edit touched, as listed
        self._notes: dict[int, str] = {}  # the notes of the documents held that have one
        self.pages_read = 0
        self.reload()
        session.documentChanged.connect(self._on_document_changed)
        session.corpusChanged.connect(self.refresh)

    # ---- filter and size ---------------------------------------------------------------

    def set_filter(self, status: str | None, search: str | None) -> None:
        """Show only documents of one status and/or containing ``search`` (normalised)."""
        self.status, self.search = status, (search or None)
        self.reload()

    def _count(self) -> tuple[int, bool]:
        if self.search:
            total = listing.count(self.store, self.status, self.search, SEARCH_CAP)
            return total, total < SEARCH_CAP
        return listing.count(self.store, self.status), True

    def reload(self) -> None:
        self.beginResetModel()
        self._forget()
        self._total, self._exact = self._count()
        self.endResetModel()

    def refresh(self) -> None:
        """Take in what another program (or the background indexing) committed. When the same
        documents are listed, the pages held are re-read in place: the selection and the scroll
        position stay, and only rows whose status or span count changed are repainted."""
        if self._count() != (self._total, self._exact):
            self.reload()
            return
        fresh = {}
        for number in self._pages:
            first = number * PAGE
            anchor = self._anchor_near_row(first)
            fresh[number] = listing.page_at(self.store, first, PAGE, self.status, self.search, anchor)
        if any([r.id for r in rows] != [r.id for r in self._pages[n]] for n, rows in fresh.items()):
            self.reload()  # other documents in the same number of rows: the anchors are stale
            return
        for number, rows in fresh.items():
            old = self._pages[number]
            before = {r.id: self._notes.get(r.id, "") for r in rows}
            self._read_notes(rows)
            changed = [
                i for i, pair in enumerate(zip(rows, old, strict=True))
                if pair[0] != pair[1] or before[pair[0].id] != self._notes.get(pair[0].id, "")
            ]
            self._pages[number] = rows
            if changed:
                first = number * PAGE
                self.dataChanged.emit(
                    self.index(first + changed[0], 0),
                    self.index(first + changed[-1], len(self.COLUMNS) - 1),
                )

    @property
    def total(self) -> int:
        """How many documents the list holds with its filter (at least, unless ``exact``)."""
        return self._total

    @property
    def exact(self) -> bool:
        """Is :attr:`total` the true count (else a lower bound: a search counted up to a cap)?"""
        return self._exact

    def make_exact(self) -> None:
        """Count every match now (the rows past the first ones come at the end)."""
        if not self._exact:
            total = listing.count(self.store, self.status, self.search)
            self._exact = True
            self.set_total(total)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last row of an estimated count: count further (four times as far)."""
        if parent.isValid() or self._exact:
            return
        cap = self._total * 4
        total = listing.count(self.store, self.status, self.search, cap)
        self._exact = total < cap
        self.set_total(total)

    def set_total(self, total: int) -> None:
        """Correct the row count (an estimated count made exact) without a reset: rows are
        added or taken at the end, the current row stays."""
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self._drop_pages_from(total)
            self._drop_anchors(lambda row, _id: row >= total)
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    @property
    def cached_rows(self) -> int:
        """How many summaries the model holds now (a few pages, whatever the total)."""
        return sum(len(rows) for rows in self._pages.values())

    # ---- the window --------------------------------------------------------------------

    def _forget(self) -> None:
        self._pages.clear()
        self._cached_rows.clear()
        self._notes.clear()
        self._anchor_rows.clear()
        self._anchor_ids.clear()

    def _anchor_near_row(self, row: int) -> Anchor:
        best, best_distance = listing.START, row
        if self._exact and self._total - row < best_distance:
            best, best_distance = listing.end_anchor(self._total), self._total - row
        i = bisect_left(self._anchor_rows, row)
        for j in (i - 1, i):
            if 0 <= j < len(self._anchor_rows) and abs(self._anchor_rows[j] - row) < best_distance:
                best, best_distance = (
                    (self._anchor_rows[j], self._anchor_ids[j]),
                    abs(self._anchor_rows[j] - row),
                )
        return best

    def _anchor_near_id(self, doc_id: int) -> Anchor:
        """The known anchor just below ``doc_id`` (or the start): counting from it is short."""
        i = bisect_right(self._anchor_ids, doc_id)
        return (self._anchor_rows[i - 1], self._anchor_ids[i - 1]) if i else listing.START

    def _add_anchor(self, row: int, doc_id: int) -> None:
        i = bisect_left(self._anchor_rows, row)
        if i < len(self._anchor_rows) and self._anchor_rows[i] == row:
            self._anchor_ids[i] = doc_id
            return
        if len(self._anchor_rows) >= MAX_ANCHORS:
            self._anchor_rows.clear()
            self._anchor_ids.clear()
            i = 0
        self._anchor_rows.insert(i, row)
        self._anchor_ids.insert(i, doc_id)

    def _drop_anchors(self, gone: Any) -> None:
        kept = [(r, i) for r, i in zip(self._anchor_rows, self._anchor_ids, strict=True) if not gone(r, i)]
        self._anchor_rows = [r for r, _ in kept]
        self._anchor_ids = [i for _, i in kept]

    def _shift_anchors(self, doc_id: int, delta: int) -> None:
        """Every anchor above ``doc_id`` moves by ``delta`` rows (a row came or went there)."""
        self._anchor_rows = [
            r + delta if i > doc_id else r for r, i in zip(self._anchor_rows, self._anchor_ids, strict=True)
        ]

    def _drop_pages_from(self, row: int) -> None:
        for number in [n for n in self._pages if (n + 1) * PAGE > row]:
            for summary in self._pages.pop(number):
                self._cached_rows.pop(summary.id, None)
                self._notes.pop(summary.id, None)

    def _page(self, number: int) -> list[DocumentSummary]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        first = number * PAGE
        rows = listing.page_at(
            self.store, first, PAGE, self.status, self.search, self._anchor_near_row(first)
        )
        self.pages_read += 1
        self._pages[number] = rows
        self._read_notes(rows)
        for offset, summary in enumerate(rows):
            self._cached_rows[summary.id] = first + offset
        if rows:
            self._add_anchor(first, rows[0].id)
            self._add_anchor(first + len(rows) - 1, rows[-1].id)
        while len(self._pages) > CACHED_PAGES:
            _number, old = self._pages.popitem(last=False)
            for summary in old:
                self._cached_rows.pop(summary.id, None)
                self._notes.pop(summary.id, None)
        return rows

    def _read_notes(self, rows: list[DocumentSummary]) -> None:
        """The notes of a page's documents (only the rows holding one are read: a partial index)."""
        found = notes.document_notes(self.store, [summary.id for summary in rows])
        for summary in rows:
            if summary.id in found:
                self._notes[summary.id] = found[summary.id]
            else:
                self._notes.pop(summary.id, None)

    def note(self, doc_id: int) -> str:
        """The note of a listed document held now ('' when none, or not held)."""
        return self._notes.get(doc_id, "")

    def summary(self, row: int) -> DocumentSummary | None:
        """The summary shown at ``row`` (read with its page if need be); None past the end."""
        if not 0 <= row < self._total:
            return None
        rows = self._page(row // PAGE)
        offset = row % PAGE
        return rows[offset] if offset < len(rows) else None

    def doc_id(self, row: int) -> int:
        summary = self.summary(row)
        if summary is None:
            raise IndexError(row)
        return summary.id

    def row_of(self, doc_id: int) -> int | None:
        """The row of ``doc_id`` with the filter, without reading pages; None when not listed."""
        row = self._cached_rows.get(doc_id)
        if row is not None:
            return row
        seen = self._seen.get(doc_id)
        if self.status is not None and seen is not None and seen != self.status:
            return None  # the list has taken it out (or not yet put it back)
        row = listing.row_of(self.store, doc_id, self.status, self.search, self._anchor_near_id(doc_id))
        if row is not None and row >= self._total and not self._exact:
            self.make_exact()  # a document past the rows counted so far
        if row is None or row >= self._total:
            return None
        self._add_anchor(row, doc_id)
        return row

    # ---- showing -----------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if col == 0 else int(Qt.AlignmentFlag.AlignCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.UserRole,
        ):
            return None
        row = self.summary(index.row())
        if row is None:
            return None
        note = self._notes.get(row.id, "")
        if role == Qt.ItemDataRole.DisplayRole:
            status = tr(STATUS_TEXT[row.status]) + (tr(" · reviewed") if row.reviewed else "")
            title = row.title or row.ext_id
            return (f"{NOTE_MARK} {title}" if note else title, status, row.span_count)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if note and col == 0:  # the note, whole, under the title
                return plain_tip(f"{row.ext_id}: {row.title}\n\n{NOTE_MARK} {note}")
            return plain_tip(f"{row.ext_id}: {row.title}")
        if role == Qt.ItemDataRole.ForegroundRole:
            return status_color(row.status) if col == 1 else None  # AA on the rows, either scheme
        return row.id  # UserRole

    # ---- following the session ---------------------------------------------------------

    def _on_document_changed(self, doc_id: int) -> None:
        """Re-read one document's status and span count; take it out when it leaves the filter,
        put it back when it returns (an undo)."""
        try:
            summary = self.store.document_summary(doc_id)
        except KeyError:
            self.reload()
            return
        row = self._cached_rows.get(doc_id)
        before = self._seen.get(doc_id)
        if before is None and row is not None:
            before = self._pages[row // PAGE][row % PAGE].status
        self._seen[doc_id] = summary.status
        if self.status is not None and before != summary.status:
            if before is None and self._exact:  # its status as listed is unknown: count to tell
                total = listing.count(self.store, self.status, self.search)
                if total != self._total:
                    self._move(summary, entering=total > self._total, total=total)
                    return
            elif listed_with(self.status, before) and not listed_with(self.status, summary.status):
                self._move(summary, entering=False)
                return
            elif (
                listed_with(self.status, summary.status)
                and not listed_with(self.status, before)
                and listing.matches(self.store, doc_id, self.status, self.search)
            ):
                self._move(summary, entering=True)
                return
        if row is not None:
            self._pages[row // PAGE][row % PAGE] = summary
            self._read_notes([summary])  # its note may be what changed
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _move(self, summary: DocumentSummary, entering: bool, total: int | None = None) -> None:
        """``summary``'s document came into the filter or left it (``total``: the new count, if
        known). Rows past a search's estimated count are not shown yet: nothing moves there."""
        doc_id = summary.id
        row = listing.below(self.store, doc_id, self.status, self.search, self._anchor_near_id(doc_id))
        new_total = self._total + (1 if entering else -1)
        last = self._total if entering else self._total - 1  # the last row it can take or leave
        if not self._exact and row > last:
            return
        if (total is not None and total != new_total) or not 0 <= row <= last:
            self.reload()  # more changed than this document (another program): read afresh
            return
        if entering:
            self.beginInsertRows(QModelIndex(), row, row)
        else:
            self.beginRemoveRows(QModelIndex(), row, row)
        self._total = new_total
        self._drop_pages_from(row)
        self._drop_anchors(lambda _row, anchor_id: anchor_id == doc_id)
        self._shift_anchors(doc_id, 1 if entering else -1)
        if entering:
            self.endInsertRows()
        else:
            self.endRemoveRows()


class DocumentFilter(QWidget):
    """Above the list: search all documents (ignoring harakat and letter forms) and pick a status."""

    changed = Signal(object, str)  # status or None, search text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentFilter")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 2)
        self.search = SearchField(self)
        self.search.setObjectName("corpusSearch")
        self.search.setPlaceholderText(tr("Search all documents…"))
        self.search.setClearButtonEnabled(True)
        self.search.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.search.setMinimumWidth(60)
        self.status = QComboBox(self)
        self.status.addItem(tr("all"), None)
        for status, text in STATUS_TEXT.items():
            self.status.addItem(tr(text), status)
        self.status.setToolTip(tr("Show documents of one status, or those assigned to you and still open"))
        row.addWidget(self.search, 1)
        row.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # search once typing pauses
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        self.status.currentIndexChanged.connect(lambda _index: self._emit())

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.status.currentData(), self.search.text().strip())

    def offer_queue(self, analyst: str, first: bool) -> None:
        """Add "my queue" (the documents assigned to ``analyst``, still open) to the filters; with
        ``first``, choose it, so an analyst with assigned work sees it first."""
        data = queue_of(analyst)
        at = self.status.findData(data)
        if at < 0:
            self.status.insertItem(1, tr("my queue"), data)
            at = 1
        if first:
            self.status.setCurrentIndex(at)


class DocumentList(ListTableView):
    """Choosing a row opens its document; opening a document anywhere selects its row."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("documentList", parent)
        self.session = session
        self.setAlternatingRowColors(True)
        self.list_model = DocumentListModel(session, self)
        # Before setModel, so this runs before Qt moves the current row to a neighbour (which
        # would open that document): a row leaving the filter must not open anything.
        self.list_model.rowsAboutToBeRemoved.connect(self._on_rows_leaving)
        self.setModel(self.list_model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 78), (2, 46)):
            title = str(self.list_model.headerData(column, Qt.Orientation.Horizontal))
            room = header.fontMetrics().horizontalAdvance(title) + 14  # the header in any language
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(width, room))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.list_model.modelReset.connect(self._select_open_document)
        self.list_model.rowsInserted.connect(self._select_open_document)  # an undo put it back
        session.documentOpened.connect(self._select_open_document)

    def _on_rows_leaving(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first <= self.currentIndex().row() <= last:
            self.selectionModel().clearCurrentIndex()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.list_model.summary(current.row()) if current.isValid() else None
        if summary is not None:
            self.session.open_document(summary.id)

    def _select_open_document(self, *_args: object) -> None:
        document = self.session.document
        row = self.list_model.row_of(document.id) if document is not None else None
        if row is None:
            self.selectionModel().clearSelection()
            return
        index = self.list_model.index(row, 0)
        if self.currentIndex().row() != row:  # opening the same document again does nothing
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def open_row(self, row: int) -> bool:
        """Open the document at ``row`` (counting a search further if need be); False past
        either end."""
        while row >= self.list_model.rowCount() and self.list_model.canFetchMore():
            self.list_model.fetchMore()
        if 0 <= row < self.list_model.rowCount():
            self.session.open_document(self.list_model.doc_id(row))
            return True
        return False

    def open_first(self) -> bool:
        return self.open_row(0)

    def open_last(self) -> bool:
        """Open the last listed document (a search's estimated count is made exact first)."""
        self.list_model.make_exact()
        return self.open_row(self.list_model.rowCount() - 1)

    def ask_go_to(self) -> bool:
        """Ask for an external id or the start of a title, then :meth:`go_to` it."""
        text, ok = QInputDialog.getText(
            self,
            tr("Go to document"),
            tr("External id, or the start of a title:"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        return bool(ok and text.strip()) and self.go_to(text)

    def go_to(self, text: str) -> bool:
        """Open the document whose external id is ``text``, else the first whose title starts
        with it (ignoring harakat and letter forms; one the list shows comes first)."""
        model = self.list_model
        found = listing.find_document(self.session.store, text, model.status, model.search)
        if found is None:
            self.session.notice.emit(tr("No document is called {name}.").format(name=quote(text.strip(), 60)))
            return False
        self.session.open_document(found)
        return True

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End (with or without Ctrl) go to the first and the last document."""
        if action == QAbstractItemView.CursorAction.MoveEnd:
            self.list_model.make_exact()
        last = self.list_model.rowCount() - 1
        if action == QAbstractItemView.CursorAction.MoveHome and last >= 0:
            return self.list_model.index(0, max(self.currentIndex().column(), 0))
        if action == QAbstractItemView.CursorAction.MoveEnd and last >= 0:
            return self.list_model.index(last, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)

    def finish_and_next(self, status: str) -> None:
        """Mark the open document ``status`` (asking first when done has no spans), then open
        the next unfinished document the list shows."""
        session, document = self.session, self.session.document
        if document is None:
            return
        if status == "done" and not len(session.index) and document.status != "done":
            if not confirm_done_without_spans(self, document.title or document.ext_id):
                return
        if session.set_status(status) is None and session.document is not None:
            if session.document.status != status:
                return  # not saved: stay on this document (the reason is shown)
        model = self.list_model
        following = session.store.next_unfinished(document.id, status=model.status, search=model.search)
        if following is None:
            session.notice.emit(tr("Every listed document is done or skipped."))
        else:
            session.open_document(following)

    def step(self, delta: int) -> bool:
        document = self.session.document
        row = self.list_model.row_of(document.id) if document is not None else None
        return self.open_row(0 if row is None else row + delta)


class PositionLabel(QLabel):
    """Status-bar text: where the open document sits in the list, its status and span count."""

    def __init__(self, session: Session, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("positionLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.session = session
        self.model = model
        session.documentOpened.connect(self.refresh)
        session.documentReloaded.connect(self.refresh)
        session.documentChanged.connect(self.refresh)
        session.reviewChanged.connect(self.refresh)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        document = self.session.document
        if document is None:
            self.setText(tr("No documents"))
            return
        row = self.model.row_of(document.id)
        total = f"{self.model.total}" + ("" if self.model.exact else "+")
        if row is not None:
            where = tr("{row} / {total}").format(row=row + 1, total=total)
        else:
            where = tr("not listed ({total} listed)").format(total=total)
        status = tr(STATUS_TEXT[document.status]) + (tr(" · reviewed") if self.session.reviewed_by else "")
        spans = tr("%n span(s)", "", len(self.session.index))
        self.setText(f"{where} · {status} · {spans}")


def confirm_done_without_spans(parent: QWidget, title: str) -> bool:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Mark done"),
        tr("{title} has no spans. Mark it done anyway?").format(title=quote(title, 60)),
        yes | no,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title comes from the data
    box.setDefaultButton(no)
    return box.exec() == yes
