"""The corpus overview: every span of one label, in a table that reads only the rows it shows.

Three tabs: *Spans* (text, normalised form, keyword in context, document, analyst, status; a
windowed model over keyset pages of :mod:`model.overview`, sortable by text, document or
analyst, filtered by a normalised string), *Grouped* (one row per normalised text: all
spellings of a name, with their counts) and *Inconsistencies* (a name tagged with other labels
too; a frequent name left untagged in documents that contain it). The last two are computed in
a worker by streaming the corpus once (:func:`model.overview.analyse`).

Selected rows (or whole groups) are relabelled or deleted as one undoable step on the
session's undo stack; Ctrl+Z in the main window undoes it, and this window follows.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from model import overview
from model.commands import RelabelSpans, RemoveSpans
from model.overview import Analysis, Group, Key, LabelConflict, SpanRow, Untagged
from model.records import Span
from model.text import quote, right_to_left, shorten

from .fields import SearchField
from .i18n import QT_TR_NOOP, tr
from .messages import menu_text, plain_tip
from .session import Session
from .table_model import RIGHT_ALIGNED, Index, ListTableModel, ListTableView
from .worker import TaskResult, run_task

OBJECT_NAME = "overviewWindow"
PAGE = 100  # rows read at a time
CACHED_PAGES = 8  # pages held (least recently used go first)
MAX_ANCHORS = 4096  # page starts remembered (the key of the row before each)
FILTER_SCAN = 10_000  # spans a filter reads before the view asks for more
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
LEFT_ALIGNED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
STATUS_TEXT = {
    "new": QT_TR_NOOP("new"),
    "in_progress": QT_TR_NOOP("in progress"),
    "done": QT_TR_NOOP("done"),
    "skipped": QT_TR_NOOP("skipped"),
}
#: the order each column sorts by (columns without an order of their own keep id order)
SORT_ORDER = {0: "text", 1: "normalised", 3: "document", 4: "analyst"}


class DirectionDelegate(QStyledItemDelegate):
    """Lays each cell out in its own text's direction. An item view gives every cell the
    widget's direction (left to right), which breaks a line of Arabic that holds Latin, digits
    or markup characters into runs in the wrong order; a right-to-left cell also elides at its
    logical end (the left). Alignment stays the model's (absolute: right means right)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if right_to_left(option.text):
            option.direction = Qt.LayoutDirection.RightToLeft


class SpanTableModel(ListTableModel):
    """The spans of one label, in id order (or sorted), read a page at a time when shown.

    Without a filter ``rowCount`` is the label's span count and only :data:`CACHED_PAGES`
    pages of :data:`PAGE` rows are held; a page is read by keyset from the nearest page start
    known before it (its *anchor*, the key of the row before it), skipping the rows in between.
    With a filter the matches are found by a scan, :data:`FILTER_SCAN` spans at a time, and
    the rows grow as the view reaches the end (``fetchMore``)."""

    COLUMNS = (
        QT_TR_NOOP("Text"), QT_TR_NOOP("Normalised"), QT_TR_NOOP("Context"), QT_TR_NOOP("Document"),
        QT_TR_NOOP("Analyst"), QT_TR_NOOP("Status"),
    )

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.label = ""
        self.order = "id"
        self.descending = False
        self.needle = ""
        self._total = 0
        self._pages: OrderedDict[int, list[SpanRow]] = OrderedDict()
        self._anchors: dict[int, Key | None] = {0: None}  # page -> key of the row before it
        self._found: list[SpanRow] = []  # filtered: the matches read so far
        self._scan_after: Key | None = None
        self._exhausted = True
        self._sorted: array | None = None  # span ids in a sorted order (None: id order)
        #: computes a sorted order (the window runs it in a worker); by default here and now
        self.sorter: Callable[[str, bool], None] = self._sort_now
        self.pages_read = 0

    # ---- what is listed ------------------------------------------------------------------

    def set_view(self, label: str, needle: str = "") -> None:
        """List ``label``'s spans (another label starts in id order), those containing ``needle``."""
        if label != self.label:
            self._sorted, self.order, self.descending = None, "id", False
        self.label, self.needle = label, overview.normal_key(needle)
        self.reload()

    def set_sorted(self, ids: array | None, order: str = "id", descending: bool = False) -> None:
        """Show the spans in this order: ``ids`` from :func:`model.overview.sorted_ids` (None: id order)."""
        self._sorted, self.order, self.descending = ids, (order if ids is not None else "id"), descending
        self.reload()

    def _sort_now(self, order: str, descending: bool) -> None:
        self.set_sorted(overview.sorted_ids(self.store, self.label, order, descending), order, descending)

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._anchors = {0: None}
        self._found, self._scan_after, self._exhausted = [], None, True
        if not self.label:
            self._total = 0
        elif self.needle:
            self._exhausted = False
            self._scan()
            self._total = len(self._found)
        elif self._sorted is not None:
            self._total = len(self._sorted)
        else:
            self._total = overview.count_spans(self.store, self.label)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the rows when next shown (statuses, titles may have changed), in place."""
        plain = not self.filtered and self._sorted is None
        if plain and overview.count_spans(self.store, self.label) != self._total:
            self.reload()
            return
        self._pages.clear()
        if self.filtered:
            fresh = {r.id: r for r in overview.read_by_ids(self.store, [r.id for r in self._found])}
            self._found = [fresh.get(r.id, r) for r in self._found]
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(self.COLUMNS) - 1))

    def _scan(self) -> int:
        if self._sorted is not None:
            start = int(self._scan_after[0]) if self._scan_after else 0  # type: ignore[call-overload]
            found = overview.find_in(self.store, self._sorted, self.needle, start, FILTER_SCAN)
        else:
            after = self._scan_after
            found = overview.find_spans(self.store, self.label, self.needle, "id", after, FILTER_SCAN)
        self._found += found.rows
        self._scan_after, self._exhausted = found.after, found.exhausted
        return len(found.rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: text, normalised text, document or analyst (the other columns, and
        no column, list in id order). No index holds these orders: see :attr:`sorter`."""
        wanted = SORT_ORDER.get(column)
        if wanted is None or not self.label:
            if self._sorted is not None:
                self.set_sorted(None)
            return
        self.sorter(wanted, order == Qt.SortOrder.DescendingOrder)

    @property
    def filtered(self) -> bool:
        return bool(self.needle)

    @property
    def exact(self) -> bool:
        """Is the row count the whole count (a filter may not have read every span yet)?"""
        return self._exhausted

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.filtered and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last match found: scan on until more are found (or the end)."""
        if not self.canFetchMore(parent):
            return
        before = len(self._found)
        while len(self._found) == before and not self._exhausted:
            self._scan()
        if len(self._found) > before:
            self.beginInsertRows(QModelIndex(), before, len(self._found) - 1)
            self._total = len(self._found)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    @property
    def rows_held(self) -> int:
        """How many rows the model holds now (a few pages unfiltered, whatever the total)."""
        return len(self._found) + sum(len(rows) for rows in self._pages.values())

    # ---- the window ----------------------------------------------------------------------

    def _page(self, number: int) -> list[SpanRow]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        if self._sorted is not None:
            rows = overview.read_by_ids(self.store, self._sorted[number * PAGE : (number + 1) * PAGE])
        else:
            start = max(n for n in self._anchors if n <= number)
            rows = overview.read_spans(
                self.store, self.label, "id", self._anchors[start], PAGE, (number - start) * PAGE
            )
        self.pages_read += 1
        self._pages[number] = rows
        if len(rows) == PAGE and self._sorted is None:
            if len(self._anchors) >= MAX_ANCHORS:
                self._anchors = {0: None}
            self._anchors[number + 1] = rows[-1].key(self.order)
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return rows

    def span_row(self, row: int) -> SpanRow | None:
        """The span shown at ``row`` (read with its page if need be); None past the end."""
        if not 0 <= row < self._total:
            return None
        if self.filtered:
            return self._found[row]
        rows = self._page(row // PAGE)
        offset = row % PAGE
        return rows[offset] if offset < len(rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRED if col == 5 else RIGHT_ALIGNED
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.span_row(index.row())
        if row is None:
            return None
        document = f"{shorten(row.title, 60)} · {row.ext_id}" if row.title else row.ext_id
        values = (
            shorten(row.text, 60), row.normalised, row.context, document, row.annotator,
            tr(STATUS_TEXT[row.status]) if row.status in STATUS_TEXT else row.status,
        )
        if role == Qt.ItemDataRole.ToolTipRole:  # text from data: never markup
            return plain_tip(f"{row.ext_id}: {row.title}" if col == 3 else values[col])
        return values[col]


class GroupTableModel(ListTableModel):
    """One row per normalised text of the label: spans, documents and the spellings seen."""

    COLUMNS = (
        QT_TR_NOOP("Normalised"), QT_TR_NOOP("Spellings"), QT_TR_NOOP("Spans"), QT_TR_NOOP("Documents"),
    )

    def set_groups(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self.rows = groups
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if col < 2 else CENTRED
        group: Group = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            spellings = "، ".join(group.spelling_list[:6]) + ("، …" if len(group.spellings) > 6 else "")
            return (group.key, spellings, group.spans, group.documents)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return plain_tip("\n".join(f"{text}: {n}" for text, n in group.spellings.most_common()))
        return None


class InconsistencyModel(ListTableModel):
    """Names tagged with more than one label, and frequent names left untagged somewhere."""

    COLUMNS = (QT_TR_NOOP("Kind"), QT_TR_NOOP("Text"), QT_TR_NOOP("Details"))

    def set_analysis(self, analysis: Analysis) -> None:
        self.beginResetModel()
        self.rows = [*analysis.conflicts, *analysis.untagged]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if col == 1 else LEFT_ALIGNED
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.rows[index.row()]
        if isinstance(item, LabelConflict):
            values = (tr("other labels"), item.spelling, " · ".join(f"{name} {n}" for name, n in item.labels))
        else:
            assert isinstance(item, Untagged)
            read = f"{item.looked_at}{'+' if item.more else ''}"
            values = (
                tr("untagged"),
                item.spelling,
                tr("tagged in %n document(s); no span in {untagged} of the first {read} containing it", "",
                   item.tagged_documents).format(untagged=len(item.untagged), read=read),
            )
        return plain_tip(values[col]) if role == Qt.ItemDataRole.ToolTipRole else values[col]


def _table(name: str, model: ListTableModel, parent: QWidget) -> ListTableView:
    view = ListTableView(name, parent)
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setItemDelegate(DirectionDelegate(view))
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class OverviewWindow(QWidget):
    """Every span of a label across the corpus (see the module docstring)."""

    analysed = Signal()  # the Grouped and Inconsistencies tabs hold a fresh analysis
    resorted = Signal()  # the Spans tab shows a new sorted order

    def __init__(
        self, session: Session, show_span: Callable[[Span], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(tr("Corpus overview — Hashiya حاشية"))
        self.session = session
        self._show_span = show_span
        self.analysis: Analysis | None = None
        self._analysing = False
        self._stale = True
        self._commands: list[RelabelSpans | RemoveSpans] = []
        self._applied: list[bool] = []

        self.label_box = QComboBox(self)
        self.label_box.setObjectName("overviewLabel")
        self.filter = SearchField(self)
        self.filter.setObjectName("overviewFilter")
        self.filter.setPlaceholderText(tr("Spans containing… (ignores harakat and letter forms)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("overviewCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.relabel_menu = QMenu(self)
        self.relabel_button = QToolButton(self)
        self.relabel_button.setObjectName("overviewRelabel")
        self.relabel_button.setText(tr("Relabel as"))
        self.relabel_button.setMenu(self.relabel_menu)
        self.relabel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.relabel_button.setToolTip(tr("Label the selected spans (or all spans of the selected groups)"))
        self.delete_action = QAction(tr("Delete selected"), self)
        self.delete_action.setObjectName("overviewDeleteAction")
        self.delete_action.setShortcuts([QKeySequence("Delete")])  # in the tables, not the filter box
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setToolTip(tr("Delete the selected spans (or every span of the selected groups)"))
        self.delete_action.triggered.connect(lambda _checked=False: self.delete_selected())
        # the main window's Undo and Redo belong to it: this window has its own, on the same stack
        self.undo_action = session.undo_stack.createUndoAction(self)
        self.undo_action.setObjectName("overviewUndoAction")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = session.undo_stack.createRedoAction(self)
        self.redo_action.setObjectName("overviewRedoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        delete_button = QToolButton(self)
        delete_button.setObjectName("overviewDelete")
        delete_button.setDefaultAction(self.delete_action)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Label:"), self))
        top.addWidget(self.label_box)
        top.addWidget(self.filter, 1)
        top.addWidget(self.relabel_button)
        top.addWidget(delete_button)

        self.span_model = SpanTableModel(session, self)
        self.span_model.sorter = self.sort_spans
        self._sorting = False
        self._sort_next: tuple[str, bool] | None = None
        self.spans_view = _table("overviewSpans", self.span_model, self)
        header = self.spans_view.horizontalHeader()
        for column, width in enumerate((150, 130, 420, 200, 90, 90)):
            header.resizeSection(column, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.spans_view.setSortingEnabled(True)  # header clicks: text, document, analyst
        self.group_model = GroupTableModel(self)
        self.groups_view = _table("overviewGroups", self.group_model, self)
        for column, width in enumerate((180, 360, 70, 80)):
            self.groups_view.horizontalHeader().resizeSection(column, width)
        self.problem_model = InconsistencyModel(self)
        self.problems_view = _table("overviewInconsistencies", self.problem_model, self)
        for column, width in enumerate((110, 180)):
            self.problems_view.horizontalHeader().resizeSection(column, width)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("overviewTabs")
        self.tabs.addTab(self.spans_view, tr("Spans"))
        self.tabs.addTab(self.groups_view, tr("Grouped by normalised text"))
        self.tabs.addTab(self.problems_view, tr("Inconsistencies"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.count_label)
        self.resize(1150, 560)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter.returnPressed.connect(self._apply_filter)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._on_corpus_edited)
        self.spans_view.doubleClicked.connect(self._on_span_double_clicked)
        self.groups_view.doubleClicked.connect(self._on_group_double_clicked)
        self.problems_view.doubleClicked.connect(self._on_problem_double_clicked)
        self.tabs.currentChanged.connect(lambda _i: self._analyse_if_needed())
        self.span_model.modelReset.connect(self._show_count)
        self.span_model.rowsInserted.connect(self._show_count)
        self.label_box.currentIndexChanged.connect(lambda _i: self._on_label_chosen())
        session.labelsChanged.connect(self._fill_labels)
        for view in (self.spans_view, self.groups_view):
            view.addAction(self.delete_action)
        self._label_touched = False  # an edit since the last refresh touched the label's spans
        session.documentChanged.connect(lambda _doc: self._reload_timer.start())
        # other programs' edits (and imports): the rows held are read again, in place
        session.documentReloaded.connect(lambda _doc: self._reload_timer.start())
        session.corpusChanged.connect(self._reload_timer.start)
        session.spansChanged.connect(self._on_spans_changed)
        session.undo_stack.indexChanged.connect(self._on_history_moved)
        self._fill_labels()

    # ---- label and filter ----------------------------------------------------------------

    @property
    def label(self) -> str:
        return str(self.label_box.currentData() or "")

    def _fill_labels(self) -> None:
        current = self.label
        self.label_box.blockSignals(True)
        self.label_box.clear()
        for label in self.session.labels:
            self.label_box.addItem(f"{label.name} ({label.title})" if label.title else label.name, label.name)
        self.label_box.blockSignals(False)
        self.relabel_menu.clear()
        for label in self.session.labels:
            action = self.relabel_menu.addAction(menu_text(label.name))
            action.setObjectName(f"overviewRelabel{label.name}")
            action.triggered.connect(lambda _checked=False, name=label.name: self.relabel_selected(name))
        at = self.label_box.findData(current) if current else 0
        self.label_box.setCurrentIndex(max(at, 0))
        if self.label != self.span_model.label:
            self._on_label_chosen()

    def show_label(self, label: str) -> None:
        """List the spans of ``label``."""
        at = self.label_box.findData(label)
        if at >= 0:
            self.label_box.setCurrentIndex(at)

    def _on_label_chosen(self) -> None:
        self.spans_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.span_model.set_view(self.label, self.filter.text())
        self._stale = True
        self.analysis = None
        self.group_model.set_groups([])
        self.problem_model.set_analysis(Analysis(self.label, [], [], [], 0))
        self._analyse_if_needed()

    def set_filter(self, text: str) -> None:
        self.filter.setText(text)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.span_model.set_view(self.label, self.filter.text())

    def _show_count(self, *_args: object) -> None:
        model = self.span_model
        count = model.rowCount()
        if model.exact:
            text = tr("{count} {label} span(s)", "", count).format(count=f"{count:,}", label=self.label)
        else:
            more = tr("More than {count} {label} spans", "", count)
            text = more.format(count=f"{count:,}", label=self.label)
        if model.filtered:
            text += tr(" containing {text}").format(text=quote(model.needle))
        self.count_label.setText(text)

    # ---- sorting and grouping --------------------------------------------------------------------------

    def sort_spans(self, order: str, descending: bool = False) -> None:
        """Sort the Spans tab by ``order`` (see :data:`model.overview.SORTS`): the label's spans
        are read and sorted in a worker (a progress dialog shows when it takes long); the table
        then reads its pages by id."""
        label = self.label
        if self._sorting:  # one at a time: the last asked for runs next
            self._sort_next = (order, descending)
            return
        self._sorting, self._sort_next = True, None

        def job(store: Any, progress: Any) -> array:
            return overview.sorted_ids(store, label, order, descending, progress)

        def done(result: TaskResult) -> None:
            self._sorting = False
            if result.ok and isinstance(result.value, array) and label == self.label:
                self.span_model.set_sorted(result.value, order, descending)
                self.resorted.emit()
            elif result.failed:
                self.session.failed.emit(tr("Could not sort the spans: {why}").format(why=result.message))
            if self._sort_next is not None:
                self.sort_spans(*self._sort_next)

        run_task(self, tr("Sorting {label} spans").format(label=label), self.session.store.path, job, done)

    def _analyse_if_needed(self) -> None:
        if self.tabs.currentIndex() != 0 and self._stale and not self._analysing and self.isVisible():
            self.analyse()

    def analyse(self) -> None:
        """Group the label's spans and look for inconsistencies, in a worker (a progress
        dialog shows when it takes long)."""
        label = self.label
        if not label or self._analysing:
            return
        self._analysing, self._stale = True, False

        def job(store: Any, progress: Any) -> Analysis:
            return overview.analyse(store, label, progress)

        def done(result: TaskResult) -> None:
            self._analysing = False
            if result.ok and isinstance(result.value, Analysis) and result.value.label == self.label:
                self.analysis = result.value
                self.group_model.set_groups(result.value.groups)
                self.problem_model.set_analysis(result.value)
                self.analysed.emit()
            elif result.failed:
                self.session.failed.emit(tr("Could not group the spans: {why}").format(why=result.message))
            if self._stale or (self.analysis is not None and self.analysis.label != self.label):
                self._stale = True
                self._analyse_if_needed()

        run_task(self, tr("Grouping {label} spans").format(label=label), self.session.store.path, job, done)

    # ---- opening a span ----------------------------------------------------------------

    def _open(self, doc_id: int, span: Span | None) -> None:
        self.session.open_document(doc_id)
        document = self.session.document
        if span is not None and document is not None and document.id == doc_id:
            self._show_span(span)
        window = self.parentWidget()
        if window is not None:
            window.raise_()
            window.activateWindow()

    def _on_span_double_clicked(self, index: QModelIndex) -> None:
        row = self.span_model.span_row(index.row())
        if row is not None:
            self._open(row.doc_id, Span(row.id, row.doc_id, row.start, row.end, row.label, row.annotator))

    def _on_group_double_clicked(self, index: QModelIndex) -> None:
        group: Group = self.group_model.rows[index.row()]
        self._open_span_id(int(group.span_ids[0]))

    def _on_problem_double_clicked(self, index: QModelIndex) -> None:
        item = self.problem_model.rows[index.row()]
        if isinstance(item, Untagged):  # where it is missing
            self._open(item.untagged[0], None)
            return
        for group in self.group_model.rows:
            if group.key == item.key:
                self._open_span_id(int(group.span_ids[0]))
                return

    def _open_span_id(self, span_id: int) -> None:
        try:
            span = self.session.store.span(span_id)
        except Exception as exc:  # deleted since the grouping
            self.session.failed.emit(tr("That span is gone: {why}").format(why=exc))
            return
        self._open(span.doc_id, span)

    # ---- relabel and delete many ---------------------------------------------------------

    def selected_span_ids(self) -> tuple[list[int], str]:
        """The spans the selection means, and a word for them: the selected rows of the
        Spans tab, or every span of the selected groups."""
        if self.tabs.currentWidget() is self.groups_view:
            rows = sorted({i.row() for i in self.groups_view.selectionModel().selectedRows()})
            groups = [self.group_model.rows[r] for r in rows]
            ids = [int(i) for g in groups for i in g.span_ids]
            return ids, groups[0].key if len(groups) == 1 else ""
        rows = sorted({i.row() for i in self.spans_view.selectionModel().selectedRows()})
        found = [self.span_model.span_row(r) for r in rows]
        spans = [s for s in found if s is not None]
        texts = {s.normalised for s in spans}
        return [s.id for s in spans], spans[0].text if len(texts) == 1 else ""

    def _focus(self) -> int | None:
        return self.session.document.id if self.session.document is not None else None

    def _editable(self, ids: list[int]) -> list[int]:
        """On a team database the server lets an analyst change only their own spans (it would
        skip the others without a word): keep those, and say how many were left out."""
        if not self.session.team:
            return ids
        mine: set[int] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM spans WHERE id IN ({marks}) AND annotator = ?"
            rows = self.session.store.conn.execute(sql, [*chunk, self.session.annotator])
            mine.update(row[0] for row in rows)
        if len(mine) < len(ids):
            self.session.notice.emit(tr("Left out %n span(s) of other analysts.", "", len(ids) - len(mine)))
        return [i for i in ids if i in mine]

    def relabel_selected(self, label: str) -> bool:
        ids, what = self.selected_span_ids()
        ids = self._editable(ids)
        if not ids:
            self.session.failed.emit(tr("Select the spans (or groups) to relabel first."))
            return False
        return self._run(RelabelSpans(ids, label, self._focus(), what))

    def delete_selected(self) -> bool:
        ids, what = self.selected_span_ids()
        ids = self._editable(ids)
        if not ids:
            self.session.failed.emit(tr("Select the spans (or groups) to delete first."))
            return False
        return self._run(RemoveSpans(ids, self._focus(), what))

    def _run(self, command: RelabelSpans | RemoveSpans) -> bool:
        self._commands.append(command)
        self._applied.append(False)
        done = self.session.execute(command) is not None
        self._on_history_moved()
        return done

    def _on_history_moved(self, *_args: object) -> None:
        """An undo or redo (here or in the main window) may have moved one of our many-span
        edits: the other documents' rows in the lists change too."""
        now = [c.applied for c in self._commands]
        if now != self._applied:
            self._applied = now
            self._on_label_touched()
            self.session.corpusChanged.emit()  # the document list re-reads the rows it shows

    def _on_spans_changed(self, change: Any) -> None:
        if any(span.label == self.label for span in change.touched):
            self._on_label_touched()

    def _on_label_touched(self) -> None:
        self._label_touched = True
        self._reload_timer.start()

    def _on_corpus_edited(self) -> None:
        """After an edit: when the label's spans changed, the rows are read afresh (a sorted
        order is sorted again, the groups are made again); otherwise (a status, another label)
        the rows held are re-read in place, keeping the scroll position and the selection."""
        touched, self._label_touched = self._label_touched, False
        model = self.span_model
        if not touched:
            model.refresh()
            return
        if model.order != "id":
            self.sort_spans(model.order, model.descending)
        else:
            model.reload()
        self._stale = True
        self._analyse_if_needed()

def show_overview(
    session: Session, show_span: Callable[[Span], None], parent: QWidget, label: str | None = None
) -> OverviewWindow:
    """Show ``parent``'s corpus overview (made on first use), on ``label`` if given."""
    window = parent.findChild(OverviewWindow, OBJECT_NAME)
    if window is None:
        window = OverviewWindow(session, show_span, parent)
    if label is not None:
        window.show_label(label)
    window.show()
    window.raise_()
    window.activateWindow()
    return window

