"""The main window: builds the widgets and the actions, and wires them to the session."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from model.errors import HashiyaError, store_error
from model.records import Document
from model.text import quote

from . import note_dialog
from .actions import ActionRegistry, ShortcutsDialog
from .analyst import ask_name, remember
from .article_view import ArticleView
from .command_text import describe
from .document_list import DocumentFilter, DocumentList, PositionLabel
from .fields import SearchField
from .find_bar import FindBar
from .guidelines import guidelines_action
from .i18n import LANGUAGES, QT_TR_NOOP, SYSTEM, chosen_setting, tr
from .label_bar import LabelBar
from .linking import LinkController
from .messages import menu_text, plain_tip
from .note_bar import NoteBar
from .review import ReviewController
from .session import Session
from .span_panel import SpanPanel
from .theme import theme_menu
from .transfer import Transfers
from .unsaved_bar import UnsavedBar
from .window_state import WindowState, settings

if TYPE_CHECKING:
    from model.formats.base import ReadOptions

IMPORT_PATTERNS = "*.txt *.jsonl *.json *.csv *.conll *.iob *.bio *.ann *.zip"
#: the menus, in order (the registry's groups are named by these English words)
MENUS = {
    "File": QT_TR_NOOP("&File"),
    "Edit": QT_TR_NOOP("&Edit"),
    "View": QT_TR_NOOP("&View"),
    "Document": QT_TR_NOOP("&Document"),
    "Help": QT_TR_NOOP("&Help"),
}


def import_filter() -> str:
    return tr("Articles and annotations ({patterns});;All files (*)").format(patterns=IMPORT_PATTERNS)

MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(tr("Hashiya حاشية"))

        self.article_view = ArticleView(session, self)
        self.linking = LinkController(session, self.article_view, self)  # role keys, chooser, Ctrl+drag
        self.find_bar = FindBar(session, self.article_view, self)
        self.document_filter = DocumentFilter(self)
        self.document_list = DocumentList(session, self)
        self.span_panel = SpanPanel(session, self)
        self.label_bar = LabelBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)
        self.transfers = Transfers(session, self)

        reading = QWidget(self)
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.unsaved_bar = UnsavedBar(session, self)
        column.addWidget(self.unsaved_bar)
        self.note_bar = NoteBar(session, self.ask_document_note, self)
        column.addWidget(self.note_bar)
        column.addWidget(self.article_view)
        column.addWidget(self.find_bar)
        browsing = QWidget(self)
        stack = QVBoxLayout(browsing)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.document_filter)
        stack.addWidget(self.document_list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for pane, minimum in ((browsing, 100), (reading, 320), (self.span_panel, 100)):
            pane.setMinimumWidth(minimum)
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self.position_label = PositionLabel(session, self.document_list.list_model, self)
        self.statusBar().addPermanentWidget(self.transfers.index_bar)
        self.analyst_label = QLabel(self)
        self.analyst_label.setObjectName("analystLabel")
        self.analyst_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.analyst_label)
        self.statusBar().addPermanentWidget(self.position_label)
        self._show_analyst(session.annotator)

        self.registry = ActionRegistry(self, session)
        self.last_message = ""
        self._build_actions()
        self.statusBar().insertPermanentWidget(0, self.review.label)
        self._build_menus()
        self._wire()
        self.setAcceptDrops(True)
        self.state = WindowState(self, self.splitter, self.article_view, self.snap_action, session)
        self.state.restore_layout()

    # ---- construction -------------------------------------------------------------------

    def _build_actions(self) -> None:
        a, view, docs, find = self.registry, self.article_view, self.document_list, self.find_bar
        a.add("File", tr("&Import files…"), self._on_import, ("Ctrl+I",))
        a.add("File", tr("Import &folder…"), self._on_import_folder)
        a.add(
            "File", tr("&Merge…"), self.transfers.ask_merge, tip=tr("Merge analysts' databases into this one")
        )
        a.add("File", tr("&Export…"), self._on_export, ("Ctrl+E",))
        self.analyst_action = a.add(
            "File", tr("&Analyst name…"), self.ask_analyst_name,
            tip=tr("The name your new spans, links and status changes are recorded under"),
        )
        self.analyst_action.setObjectName("analystNameAction")
        if self.session.team:
            self.analyst_action.setEnabled(False)
            self.analyst_action.setToolTip(tr("On a team database you work as your login"))
        a.add("File", tr("&Quit"), self.close, ("Ctrl+Q",))
        stack = self.session.undo_stack
        self.undo_action = a.add(
            "Edit", tr("Undo"), shortcuts=("Ctrl+Z",), action=stack.createUndoAction(self),
            tip=tr("Undo the last edit, wherever the focus is"),
        )
        self.redo_action = a.add(
            "Edit", tr("Redo"), shortcuts=("Ctrl+Shift+Z", "Ctrl+Y"), action=stack.createRedoAction(self),
            tip=tr("Redo the edit last undone"),
        )
        SearchField.leave_to_window(self.undo_action.shortcuts() + self.redo_action.shortcuts())
        # after the stack's own update of the two texts, which names the edit in the model's English
        stack.undoTextChanged.connect(self._name_history)
        stack.redoTextChanged.connect(self._name_history)
        self._name_history()
        a.bind_labels(view.tag_selection)
        a.add("Edit", tr("&Delete span at caret"), view.delete_at_caret, ("Delete", "Backspace"))
        a.add(
            "Edit", tr("&Note on span…"), self.ask_span_note, tip=tr("Write a note on the span at the caret")
        )
        a.add("Edit", tr("&Find in article…"), find.open_bar, (QKeySequence.StandardKey.Find,))
        a.add("Edit", tr("Find &next"), lambda: find.step(1), ("F3",))
        a.add("Edit", tr("Find &previous"), lambda: find.step(-1), ("Shift+F3",))
        a.add("Edit", tr("&Search all documents"), self._focus_corpus_search, ("Ctrl+Shift+F",))
        a.add("View", tr("Zoom &in"), lambda: view.zoom_by(1), ("Ctrl++", "Ctrl+="))
        a.add("View", tr("Zoom &out"), lambda: view.zoom_by(-1), ("Ctrl+-",))
        a.add("View", tr("&Reset zoom"), view.reset_zoom, ("Ctrl+0",))
        self.snap_action = a.add(
            "View",
            tr("&Snap selection to whole words"),
            checkable=True,
            tip=tr("Off, or Alt while selecting: exact characters, e.g. موسكو in بموسكو"),
        )
        self.snap_action.setChecked(True)
        self.others_action = a.add(
            "View", tr("&Other analysts' spans"), checkable=True,
            tip=tr("Show other analysts' spans (outlined captions; hover for the name), or hide them"),
        )
        self.others_action.setObjectName("otherSpansAction")
        self.others_action.setChecked(str(settings().value("view/otherSpans", "true")).lower() != "false")
        view.set_show_others(self.others_action.isChecked())
        self.links_action = a.add(
            "View", tr("&Links in the text"), checkable=True,
            tip=tr("Draw each event's links to its arguments as arcs over the text, with their roles"),
        )
        self.links_action.setObjectName("linksAction")
        self.links_action.setChecked(str(settings().value("view/links", "true")).lower() != "false")
        view.set_show_links(self.links_action.isChecked())
        a.add("View", tr("S&tatistics…"), self.show_statistics, tip=tr("The corpus in charts"))
        a.add(
            "View", tr("Corpus &overview…"), self.show_overview, tip=tr("Every span of a label, corpus-wide")
        )
        a.add("View", tr("&Notes…"), self.show_notes,
              tip=tr("Every note on documents and spans, searchable")).setObjectName("notesAction")
        a.add("View", tr("&Guidelines"), checkable=True, action=guidelines_action(self.session, self),
              tip=tr("Each label's and role's guideline, beside the article"))
        a.add("Document", tr("Mark &done and next"), lambda: docs.finish_and_next("done"),
              ("Ctrl+Return", "Ctrl+Enter"))
        a.add("Document", tr("Mark &skipped and next"), lambda: docs.finish_and_next("skipped"),
              ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"))
        a.add("Document", tr("&Reopen (in progress)"), lambda: self.session.set_status("in_progress"))
        a.add("Document", tr("&Next document"), lambda: docs.step(1), ("Ctrl+PgDown",))
        a.add("Document", tr("&Previous document"), lambda: docs.step(-1), ("Ctrl+PgUp",))
        a.add("Document", tr("&First document"), docs.open_first, ("Alt+Home",))
        a.add("Document", tr("&Last document"), docs.open_last, ("Alt+End",))
        a.add("Document", tr("N&ote on document…"), self.ask_document_note,
              tip=tr("Write a note on the open document"))
        a.add("Document", tr("&Go to document…"), docs.ask_go_to, ("Ctrl+G",),
              tip=tr("Open a document by its id or the start of its title"))
        assign_action = a.add(
            "Document", tr("&Assign documents…"), self.ask_assign,
            tip=tr("Hand documents out to analysts, round-robin, one or more on each"),
        )
        assign_action.setObjectName("assignAction")
        a.add("Document", tr("Agr&eement between analysts…"), self.show_agreement,
              tip=tr("Each pair's F1 and kappa, alpha across all, and the disagreements behind them"))
        a.add("Document", tr("&Schema…"), self.show_schema,
              tip=tr("The labels (keys, colours, sub-types, guidelines) and the roles, edited in place"),
              ).setObjectName("schemaAction")
        self.review = ReviewController(self.session, view, a, self)
        a.add("Help", tr("&Keyboard shortcuts"), self.show_shortcuts, ("F1",))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu(tr(title)) for name, title in MENUS.items()}
        for name, menu in menus.items():
            menu.setObjectName(f"{name.lower()}Menu")
        for name, actions in self.registry.groups.items():
            menus[name].addActions(actions)
        self._build_language_menu(menus["View"])
        menus["View"].addMenu(theme_menu(self))  # System, Light or Dark, remembered
        menus["Document"].insertSeparator(self.review.review_action)
        edit = menus["Edit"]
        after_redo = edit.actions()[2]
        edit.insertSeparator(after_redo)
        self.tag_menu = edit.addMenu(tr("&Tag selection as"))
        self.second_menu = edit.addMenu(tr("&Add a second label"))
        edit.insertMenu(after_redo, self.tag_menu)
        edit.insertMenu(after_redo, self.second_menu)
        edit.insertSeparator(after_redo)
        self._fill_label_menus()

    def _build_language_menu(self, view: QMenu) -> None:
        """View → Language: the system's language, Arabic or English, remembered (QSettings)."""
        view.addSeparator()
        self.language_menu = view.addMenu(tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        chosen = chosen_setting()
        choices = [(SYSTEM, tr("&System language")), *LANGUAGES.items()]
        self.language_actions: dict[str, QAction] = {}
        for code, text in choices:
            action = QAction(text, self)
            action.setObjectName(f"language-{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            if code == SYSTEM:
                action.setToolTip(tr("Arabic when the system's language is Arabic, else English"))
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def choose_language(self, choice: str) -> QMainWindow:
        """Switch the interface to ``choice`` (see :func:`gui.app.switch_language`): the window is
        built again in that language, on the same document; returns the window now shown."""
        from .app import switch_language

        return switch_language(self, choice)

    def rebuild_blocker(self) -> str:
        """Why the window cannot be built again now ("" when it can): edits waiting to be saved,
        or an import, export or merge under way."""
        if self.session.unsaved:
            return tr("The language changes at the next start: edits are waiting to be saved.")
        if self.transfers.task is not None:
            return tr("The language changes at the next start: an import or export is running.")
        return ""

    def _name_history(self, *_args: object) -> None:
        """Edit → Undo / Redo name the edit they undo or redo, in the interface's language."""
        stack = self.session.undo_stack
        if not shiboken6.isValid(stack):  # the window is going: its stack may be gone before it
            return
        at = stack.index()
        for action, index, bare, named in (
            (self.undo_action, at - 1, tr("Undo"), tr("Undo {what}")),
            (self.redo_action, at, tr("Redo"), tr("Redo {what}")),
        ):
            step = stack.command(index) if 0 <= index < stack.count() else None
            command = getattr(step, "command", None)
            if step is None:
                action.setText(bare)
            else:
                what = describe(command) if command is not None else step.text()
                action.setText(named.format(what=menu_text(what)))  # "add label R&D": no mnemonic

    def show_status(self, message: str) -> None:
        self._show_message(message)

    def _fill_label_menus(self) -> None:
        self.article_view.set_tag_actions(self.registry.label_actions)
        for menu, actions in (
            (self.tag_menu, self.registry.label_actions),
            (self.second_menu, self.registry.second_label_actions),
        ):
            self._fill_by_parent(menu, actions)
        self.label_bar.show_actions(self.registry.label_actions)

    def _fill_by_parent(self, menu: QMenu, actions: list[QAction]) -> None:
        """A label's sub-types in a submenu of its own, after the label itself (ACTOR ▸ ACTOR,
        person, state); labels without sub-types stay in the menu."""
        menu.clear()
        parents = {label.name: label.parent for label in self.session.labels}
        children: dict[str, list[QAction]] = {}
        for action in actions:
            children.setdefault(parents.get(str(action.data()), ""), []).append(action)
        for action in children.get("", []):
            subs = children.get(str(action.data()), [])
            if not subs:
                menu.addAction(action)
                continue
            group = menu.addMenu(action.icon(), action.text())
            group.addAction(action)
            group.addSeparator()
            group.addActions(subs)
        known = {str(action.data()) for action in children.get("", [])}
        for parent, subs in children.items():  # sub-types of a label not listed: still offered
            if parent and parent not in known:
                menu.addActions(subs)

    def _wire(self) -> None:
        s = self.session
        s.documentOpened.connect(self._on_document_opened)
        s.failed.connect(self._show_message)
        s.notice.connect(self._show_message)
        self.registry.labelActionsChanged.connect(self._fill_label_menus)
        self.snap_action.toggled.connect(self._on_snap_toggled)
        self.others_action.toggled.connect(self._on_others_toggled)
        self.links_action.toggled.connect(self._on_links_toggled)
        s.annotatorChanged.connect(self._show_analyst)
        self.span_panel.spanChosen.connect(self.article_view.show_span)
        self.document_filter.changed.connect(self.filter_documents)
        s.annotatorChanged.connect(lambda _name: self.offer_queue(first=False))
        self.offer_queue(first=True)

    def offer_queue(self, first: bool) -> None:
        """When documents are assigned to the analyst, the list offers "my queue" (and opens on
        it with ``first``, while it holds open documents)."""
        from model import assign

        try:
            names = {w.analyst: w.open for w in assign.workloads(self.session.store)}
        except sqlite3.Error as exc:
            error = store_error(self.session.store.path, exc)
            self.session.failed.emit(tr("Cannot read the assignments: {error}").format(error=error))
            return
        mine = names.get(self.session.annotator)
        if mine is not None:
            self.document_filter.offer_queue(self.session.annotator, first and mine > 0)

    def show_overview(self) -> None:
        from .overview_window import show_overview  # loads when first asked for

        show_overview(self.session, self.article_view.show_span, self)

    def show_notes(self) -> None:
        from .notes_window import show_notes  # loads when first asked for

        show_notes(self.session, self.article_view.show_span, self)

    def show_schema(self) -> None:
        from .schema_dialog import show_schema  # loads when first asked for

        show_schema(self.session, self)

    def show_statistics(self) -> None:
        from .statistics_window import show_statistics  # the plotting library loads on first use

        show_statistics(self.session.store, self)

    def show_agreement(self) -> None:
        from .agreement_window import show_agreement  # loads when first asked for

        show_agreement(self.session.store, self)

    def ask_assign(self) -> None:
        from .assign_dialog import AssignDialog

        model = self.document_list.list_model
        dialog = AssignDialog(self.session, (model.status, model.search), self)
        if dialog.exec() == AssignDialog.DialogCode.Accepted:
            self._show_message(dialog.summary())
            self.offer_queue(first=False)
            self.session.corpusChanged.emit()

    # ---- wiring -------------------------------------------------------------------------

    def open_first(self) -> None:
        """The document the analyst had open last in this database, else the first listed."""
        last, top = self.state.last_document(), self.state.last_top()
        if last is not None:
            try:
                self.session.open_document(last)
            except KeyError:
                pass
            else:
                if top:
                    self.state.scroll_back(top)
                return
        self.document_list.open_row(0)

    def _on_document_opened(self, document: Document) -> None:
        self.setWindowTitle(tr("{title} — Hashiya حاشية").format(title=document.title or document.ext_id))
        if not self.document_list.hasFocus():  # arrowing through the list keeps the focus there
            self.article_view.setFocus()

    def _show_message(self, message: str) -> None:
        """A status message that never runs under the position text: cut to the room there is,
        whole in the tooltip."""
        bar = self.statusBar()
        self.last_message = message
        room = bar.width() - self.position_label.sizeHint().width() - 40
        shown = message
        if bar.isVisible():
            shown = bar.fontMetrics().elidedText(message, Qt.TextElideMode.ElideMiddle, max(room, 80))
        bar.setToolTip(plain_tip(message) if shown != message else "")
        bar.showMessage(shown, MESSAGE_MS)

    def _show_analyst(self, name: str) -> None:
        self.analyst_label.setText(tr("Working as: {name}").format(name=name))
        self.analyst_label.setToolTip(
            plain_tip(tr("Your team login") if self.session.team else tr("File → Analyst name… changes it"))
        )

    def ask_span_note(self) -> None:
        """Write, change or clear the note on the span at the caret (one undo step)."""
        span = self.article_view.span_at_caret()
        if span is None:
            self._show_message(tr("No span at the caret."))
            return
        s = self.session
        what = tr("Note on {label} {text}:").format(label=span.label, text=quote(s.span_text(span)))
        note = note_dialog.ask_note(what, s.span_notes.get(span.id, ""), self)
        if note is not None:
            s.set_span_note(span, note)

    def ask_document_note(self) -> None:
        """Write, change or clear the note on the open document (one undo step)."""
        document = self.session.document
        if document is None:
            self._show_message(tr("No document is open."))
            return
        what = tr("Note on {title}:").format(title=quote(document.title))
        note = note_dialog.ask_note(what, document.note, self)
        if note is not None:
            self.session.set_document_note(note)

    def ask_analyst_name(self) -> None:
        """Change the name new edits are recorded under (spans already made keep theirs)."""
        if self.session.team:
            self._show_message(tr("On a team database you work as your login."))
            return
        name = ask_name(self.session.annotator, False, self)
        if name is None or name == self.session.annotator:
            return
        try:
            remember(self.session.store, name)
        except HashiyaError as exc:
            self._show_message(tr("The name was not changed: {why}").format(why=exc))
            return
        self.session.set_annotator(name)
        self._show_message(tr("New edits are recorded as {name}.").format(name=name))

    def _on_others_toggled(self, on: bool) -> None:
        self.article_view.set_show_others(on)
        settings().setValue("view/otherSpans", "true" if on else "false")

    def _on_links_toggled(self, on: bool) -> None:
        self.article_view.set_show_links(on)
        settings().setValue("view/links", "true" if on else "false")

    def _on_snap_toggled(self, on: bool) -> None:
        self.article_view.snap_to_words = on

    def _focus_corpus_search(self) -> None:
        self.document_filter.search.setFocus()
        self.document_filter.search.selectAll()

    def filter_documents(self, status: str | None, search: str) -> None:
        """List only matching documents; the first search after an import indexes new documents."""
        model = self.document_list.list_model

        def apply() -> None:
            model.set_filter(status, search)
            if search or status:
                if model.exact:
                    self._show_message(tr("%n document(s) match.", "", model.total))
                else:
                    self._show_message(tr("More than %n documents match.", "", model.total))

        if search:
            self.transfers.index_then(apply)
        else:
            apply()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.registry, self).exec()

    # ---- import and export --------------------------------------------------------------

    def _on_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Import articles and annotations"), "", import_filter()
        )
        if paths:
            self._import_with_options(paths)

    def _on_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Import a folder"))
        if folder:
            self._import_with_options([folder])

    def _import_with_options(self, paths: list[str]) -> None:
        from .transfer_dialogs import ImportOptionsDialog  # the formats load when first needed

        dialog = ImportOptionsDialog(self.session.label_names(), self)
        if dialog.exec() == ImportOptionsDialog.DialogCode.Accepted:
            fmt, options = dialog.options()
            self.import_paths(paths, fmt, options)

    def import_paths(self, paths: list[str], fmt: str = "auto", options: ReadOptions | None = None) -> bool:
        return self.transfers.import_paths(paths, fmt, options)

    def _on_export(self) -> None:
        from .transfer_dialogs import ExportDialog

        analysts = tuple(self.session.store.annotators())
        dialog = ExportDialog(self.session.label_names(), parent=self, analysts=analysts)
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            self.export(**dialog.settings())  # type: ignore[arg-type]

    def export(self, out: str, fmt: str, **filters: object) -> bool:
        return self.transfers.export(out, fmt, **filters)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.session.refresh()  # back from another window or program: take in its edits

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.state.on_first_show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.transfers.stop()
        self.session.close()
        self.state.save()
        self.session.undo_stack.clear()
        super().closeEvent(event)
