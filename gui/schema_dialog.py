"""Document → Schema…: the labels (keys, titles, colours, sub-types, guidelines) and the roles
(keys, the labels each takes) of this database, edited in place.

Each change is one command through the session (one undo step: Ctrl+Z in the main window takes
it back) and shows at once everywhere: the dialog, like every other view, refills itself when
the session says the labels changed. On a team database only leads may change the schema; the
dialog then only shows it, and says why (the server refuses such edits too).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.records import EVENT_LABEL, Label, Role

from .i18n import join, tr
from .label_bar import swatch
from .messages import plain_tip, without_mnemonic
from .session import Session, schema_leads_only

NAME, KEY, TITLE, DESCRIPTION = range(4)
ROLE_NAME, ROLE_KEY, ROLE_LABELS, ROLE_DESCRIPTION = range(4)
NAME_ROLE = Qt.ItemDataRole.UserRole  # the label's or role's stored name, on its first cell
EDITABLE = Qt.ItemFlag.ItemIsEditable
# a key typed on an Arabic or Persian keyboard: Arabic-Indic ٠–٩ and Persian ۰–۹ are the digits 0–9
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _editable(item: QTreeWidgetItem | QTableWidgetItem, on: bool) -> None:
    flags = item.flags()
    item.setFlags(flags | EDITABLE if on else flags & ~EDITABLE)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask OK or Cancel, in plain text (the question quotes names from the data)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text,
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent,
    )
    box.setObjectName("confirmBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Ok


class SchemaDialog(QDialog):
    """The schema editor: a Labels tab (sub-types under their parents) and a Roles tab."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("schemaDialog")
        self.setWindowTitle(tr("Label schema"))
        self._filling = False
        self._editing = 0  # inside a cell's own change signal: refill after it returns
        self._refill_due = False
        self._select_after = ""  # the label to select once refilled (a renamed one)
        self.editable = session.can_edit_schema()

        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("schemaReadOnlyNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setText(schema_leads_only())
        self.note.setVisible(not self.editable)
        layout.addWidget(self.note)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._labels_tab(), tr("Labels"))
        self.tabs.addTab(self._roles_tab(), tr("Roles"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        for button in close.buttons():  # no default button: Enter in a field is that field's own
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout.addWidget(close)

        # Ctrl+Z here too: the window's undo stack (each schema change is one step on it)
        undo = session.undo_stack.createUndoAction(self)
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = session.undo_stack.createRedoAction(self)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])

        session.labelsChanged.connect(self._on_labels_changed)
        self.fill()
        self.resize(820, 480)

    # ---- building -------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: object, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter in a name field adds through returnPressed alone
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        if tip:
            button.setToolTip(tip)
        button.setEnabled(self.editable)
        return button

    def _labels_tab(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        column = QVBoxLayout()
        self.tree = QTreeWidget(page)
        self.tree.setObjectName("labelsTable")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Name"), tr("Key"), tr("Title"), tr("Description")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setEditTriggers(triggers if self.editable else QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemChanged.connect(self._on_label_edited)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        column.addWidget(self.tree)
        adding = QHBoxLayout()
        self.new_label = QLineEdit(page)
        self.new_label.setObjectName("newLabelName")
        self.new_label.setPlaceholderText(tr("New label name, e.g. ORG"))
        self.new_label.setEnabled(self.editable)
        self.new_label.returnPressed.connect(self.add_label)
        adding.addWidget(self.new_label)
        self.add_button = self._button(tr("&Add"), "addLabelButton", self.add_label,
                                       tr("Add a label with the name typed beside"))
        self.add_sub_button = self._button(
            tr("Add &sub-type"), "addSubTypeButton", self.add_sub_type,
            tr("Add the name typed beside as a sub-type of the selected label (ACTOR: person, …)"),
        )
        adding.addWidget(self.add_button)
        adding.addWidget(self.add_sub_button)
        column.addLayout(adding)
        row.addLayout(column, 1)
        buttons = QVBoxLayout()
        self.rename_button = self._button(tr("&Rename"), "renameLabelButton", self.rename_current,
                                          tr("Rename the label: its spans in every document follow"))
        self.color_button = self._button(tr("&Colour…"), "colorLabelButton", self.choose_color)
        self.up_button = self._button(tr("&Up"), "labelUpButton", lambda: self.move_current(-1))
        self.down_button = self._button(tr("Do&wn"), "labelDownButton", lambda: self.move_current(1))
        self.delete_button = self._button(tr("&Delete…"), "deleteLabelButton", self.delete_current,
                                          tr("Delete the label and its spans (undo brings them back)"))
        for button in (self.rename_button, self.color_button, self.up_button, self.down_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(tr("Double-click a name, key, title or description to change it. "
                         "Each change is one step Ctrl+Z undoes."), page)
        hint.setWordWrap(True)
        hint.setMaximumWidth(160)
        buttons.addWidget(hint)
        row.addLayout(buttons)
        return page

    def _roles_tab(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        column = QVBoxLayout()
        self.roles_table = QTableWidget(0, 4, page)
        self.roles_table.setObjectName("rolesTable")
        self.roles_table.setHorizontalHeaderLabels([tr("Name"), tr("Key"), tr("Labels"), tr("Description")])
        self.roles_table.verticalHeader().setVisible(False)
        self.roles_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roles_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if not self.editable:
            self.roles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.roles_table.horizontalHeader()
        for col in (ROLE_NAME, ROLE_KEY, ROLE_LABELS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.roles_table.itemChanged.connect(self._on_role_edited)
        self.roles_table.currentCellChanged.connect(lambda *_: self._fill_role_labels())
        column.addWidget(self.roles_table)
        adding = QHBoxLayout()
        self.new_role = QLineEdit(page)
        self.new_role.setObjectName("newRoleName")
        self.new_role.setPlaceholderText(tr("New role name, e.g. time"))
        self.new_role.setEnabled(self.editable)
        self.new_role.returnPressed.connect(self.add_role)
        adding.addWidget(self.new_role)
        adding.addWidget(self._button(tr("Add &role"), "addRoleButton", self.add_role))
        self.delete_role_button = self._button(tr("Delete ro&le"), "deleteRoleButton", self.delete_role,
                                               tr("Links already made in it keep its name"))
        adding.addWidget(self.delete_role_button)
        column.addLayout(adding)
        row.addLayout(column, 1)
        side = QVBoxLayout()
        caption = QLabel(tr("Labels this role may point to (none checked: any label; "
                            "a label's sub-types fit too):"), page)
        caption.setWordWrap(True)
        side.addWidget(caption)
        self.role_labels = QListWidget(page)
        self.role_labels.setObjectName("roleLabels")
        self.role_labels.setEnabled(self.editable)
        self.role_labels.itemChanged.connect(self._on_role_label_checked)
        side.addWidget(self.role_labels)
        row.addLayout(side)
        return page

    # ---- showing ------------------------------------------------------------------------

    def _on_labels_changed(self) -> None:
        if not self._editing:
            self.fill()
        elif not self._refill_due:  # never delete the cell whose edit is being committed
            self._refill_due = True
            QTimer.singleShot(0, self, self._refill)  # dropped if the dialog is gone by then

    def _refill(self) -> None:
        self._refill_due = False
        self.fill()

    def fill(self) -> None:
        """Show the session's labels and roles, keeping the selection where it can."""
        current = self.current_label()
        chosen = self._select_after or (current.name if current is not None else "")
        self._select_after = ""
        role_row = self.roles_table.currentRow()
        self._filling = True
        try:
            self.tree.clear()
            items: dict[str, QTreeWidgetItem] = {}
            labels = self.session.labels
            for label in [x for x in labels if not x.parent] + [x for x in labels if x.parent]:
                parent = items.get(label.parent)
                item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
                self._show_label(item, label)
                items[label.name] = item
            self.tree.expandAll()
            if chosen in items:
                self.tree.setCurrentItem(items[chosen])
            elif (top := self.tree.topLevelItem(0)) is not None:  # so the buttons act on something
                self.tree.setCurrentItem(top)
            self._fill_roles(role_row)
        finally:
            self._filling = False
        self._update_buttons()

    def _show_label(self, item: QTreeWidgetItem, label: Label) -> None:
        item.setData(NAME, NAME_ROLE, label.name)
        item.setText(NAME, label.name)
        item.setIcon(NAME, swatch(label.color))
        item.setText(KEY, str(label.key) if label.key else "")
        item.setText(TITLE, label.title)
        item.setText(DESCRIPTION, label.description.replace("\n", " "))
        tip = label.description or tr("No description yet: double-click to write the guideline.")
        for col in range(4):
            item.setToolTip(col, plain_tip(tip))
        _editable(item, self.editable)

    def _fill_roles(self, keep_row: int) -> None:
        table = self.roles_table
        table.setRowCount(len(self.session.roles))
        for row, role in enumerate(self.session.roles):
            cells = (
                role.name, role.key, ", ".join(role.labels) or tr("any label"), role.description,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(role.description or text))
                _editable(item, self.editable and col != ROLE_LABELS)
                table.setItem(row, col, item)
            first = table.item(row, ROLE_NAME)
            assert first is not None
            first.setData(NAME_ROLE, role.name)
        if table.rowCount():
            table.setCurrentCell(min(max(keep_row, 0), table.rowCount() - 1), ROLE_NAME)
        self._fill_role_labels()

    def _fill_role_labels(self) -> None:
        role = self.current_role()
        was, self._filling = self._filling, True
        try:
            self.role_labels.clear()
            for label in self.session.labels:
                text = f"  {label.name}" if label.parent else label.name
                item = QListWidgetItem(swatch(label.color), text, self.role_labels)
                item.setData(NAME_ROLE, label.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = role is not None and label.name in role.labels
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._filling = was

    def _update_buttons(self) -> None:
        label = self.current_label()
        chosen = self.editable and label is not None
        for button in (self.rename_button, self.color_button, self.delete_button):
            button.setEnabled(chosen)
        self.add_sub_button.setEnabled(self.editable and label is not None and not label.parent
                                       and label.name != EVENT_LABEL)
        siblings = self._siblings(label) if label is not None else []
        at = siblings.index(label.name) if label is not None else -1
        self.up_button.setEnabled(chosen and at > 0)
        self.down_button.setEnabled(chosen and 0 <= at < len(siblings) - 1)
        if label is not None and label.name == EVENT_LABEL:
            self.rename_button.setEnabled(False)
            self.delete_button.setEnabled(False)
            tip = tr("EVENT keeps its name: events are linked from EVENT spans")
            self.rename_button.setToolTip(tip)
            self.delete_button.setToolTip(tip)

    # ---- reading the selection ----------------------------------------------------------

    def current_label(self) -> Label | None:
        item = self.tree.currentItem()
        return self.session.label(str(item.data(NAME, NAME_ROLE))) if item is not None else None

    def select_label(self, name: str) -> None:
        for item in self._label_items():
            if item.data(NAME, NAME_ROLE) == name:
                self.tree.setCurrentItem(item)
                return

    def label_item(self, name: str) -> QTreeWidgetItem | None:
        return next((i for i in self._label_items() if i.data(NAME, NAME_ROLE) == name), None)

    def _label_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            out.append(top)
            out += [child for j in range(top.childCount()) if (child := top.child(j)) is not None]
        return out

    def current_role(self) -> Role | None:
        row = self.roles_table.currentRow()
        roles = self.session.roles
        return roles[row] if 0 <= row < len(roles) else None

    def _siblings(self, label: Label) -> list[str]:
        return [x.name for x in self.session.labels if x.parent == label.parent]

    # ---- label edits --------------------------------------------------------------------

    def add_label(self) -> None:
        name = self.new_label.text().strip()
        if not name:
            self.new_label.setFocus()
            self.session.failed.emit(tr("Type the new label's name first."))
            return
        if self.session.add_label(name) is not None:
            self.new_label.clear()
            self.select_label(name)

    def add_sub_type(self) -> None:
        parent = self.current_label()
        name = self.new_label.text().strip()
        if parent is None or not name:
            self.new_label.setFocus()
            self.session.failed.emit(tr("Select the label it belongs to and type the sub-type's name."))
            return
        shade = QColor(parent.color).lighter(135).name()  # its parent's colour, told apart
        if self.session.add_label(name, color=shade, parent=parent.name) is not None:
            self.new_label.clear()
            self.select_label(name)

    def rename_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, NAME)

    def choose_color(self) -> None:
        label = self.current_label()
        if label is None:
            return
        dialog = QColorDialog(QColor(label.color), self)
        dialog.setObjectName("labelColorDialog")
        dialog.setWindowTitle(tr("Colour of {name}").format(name=label.name))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            color = dialog.currentColor().name()
            if color != label.color:
                self.session.update_label(label.name, color=color)

    def move_current(self, step: int) -> None:
        """Move the selected label past its neighbour among its siblings (top-level labels among
        top-level ones, sub-types within their parent)."""
        label = self.current_label()
        if label is None:
            return
        siblings = self._siblings(label)
        at = siblings.index(label.name)
        if not 0 <= at + step < len(siblings):
            return
        neighbour = siblings[at + step]
        order = [n for n in self.session.label_names() if n != label.name]
        where = order.index(neighbour) + (1 if step > 0 else 0)
        order.insert(where, label.name)
        direction = tr("up") if step < 0 else tr("down")
        self.session.reorder_labels(order, f"{label.name} {direction}")
        self.select_label(label.name)

    def delete_current(self) -> None:
        label = self.current_label()
        if label is None:
            return
        spans, documents = self.session.label_usage(label.name)
        # a role that takes only this label takes any label once it is gone: say so first
        freed = [role.name for role in self.session.roles if role.labels == (label.name,)]
        if spans or freed:
            if spans:
                docs = tr("%n document(s)", "", documents)
                question = tr("Delete {name} and its %n span(s) in {documents}?", "", spans).format(
                    name=label.name, documents=docs
                )
                gone = tr("Every analyst's spans of it go, with their links. Undo (Ctrl+Z) brings them back.")
                question += "\n\n" + gone
            else:
                question = tr("Delete {name}?").format(name=label.name)
            if freed:
                freeing = tr("The role {roles} takes only {name}: without it, it takes any label.")
                question += "\n\n" + freeing.format(roles=join(freed), name=label.name)
            if not confirm(self, tr("Delete label"), question):
                return
        self.session.delete_label(label.name)

    def _on_label_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling:
            return
        self._editing += 1
        try:
            self._label_edited(item, column)
        finally:
            self._editing -= 1

    def _label_edited(self, item: QTreeWidgetItem, column: int) -> None:
        name = str(item.data(NAME, NAME_ROLE))
        label = self.session.label(name)
        if label is None:
            return
        text = item.text(column)
        done = None
        if column == NAME:
            new = text.strip()
            if new and new != name:
                self._select_after = new
                done = self.session.rename_label(name, new)
                if done is None:
                    self._select_after = ""
        elif column == KEY:
            key = self._key_of(text)
            if key is not False and key != label.key:
                done = self.session.update_label(name, key=key)
        elif column == TITLE and text != label.title:
            done = self.session.update_label(name, title=text)
        elif column == DESCRIPTION and text != label.description.replace("\n", " "):
            done = self.session.update_label(name, description=text)
        if done is None:  # refused or unchanged: show what is stored
            self._on_labels_changed()

    def _key_of(self, text: str) -> int | bool | None:
        """The key typed: a digit 1–9 (Western, Arabic-Indic ١–٩ or Persian ۱–۹), None for none,
        False (said why) for anything else."""
        text = text.strip().translate(_WESTERN_DIGITS)
        if not text:
            return None
        if len(text) == 1 and text in "123456789":
            return int(text)
        self.session.failed.emit(tr("A label's key is a digit from 1 to 9 (empty: no key)."))
        return False

    # ---- role edits ---------------------------------------------------------------------

    def _on_role_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        self._editing += 1
        try:
            self._role_edited(item)
        finally:
            self._editing -= 1

    def _role_edited(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        roles = self.session.roles
        if not 0 <= row < len(roles):
            return
        role = roles[row]
        text = item.text().strip()
        changed = role
        if column == ROLE_NAME:
            changed = replace(role, name=text)
        elif column == ROLE_KEY:
            taken = self._window_letters().get(text.upper())
            if taken:  # the window's own action would win over the role
                message = tr("{key} is already the key of “{action}”; choose another letter.")
                self.session.failed.emit(message.format(key=text.upper(), action=taken))
                self._on_labels_changed()
                return
            changed = replace(role, key=text.upper())
        elif column == ROLE_DESCRIPTION:
            changed = replace(role, description=item.text())
        if changed == role or self.session.update_role(role.name, changed) is None:
            self._on_labels_changed()

    def _window_letters(self) -> dict[str, str]:
        """The plain letters the window's actions take as shortcuts (review mode's A, R, N), each
        with its action's text: a role cannot have one of them as its key."""
        owner = self.parentWidget()
        letters: dict[str, str] = {}
        for action in owner.actions() if owner is not None else []:
            for shortcut in action.shortcuts():
                key = shortcut.toString(QKeySequence.SequenceFormat.PortableText)
                if len(key) == 1 and key.isalpha():
                    letters[key.upper()] = without_mnemonic(action.text())
        return letters

    def _on_role_label_checked(self, _item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._editing += 1
        try:
            self._role_labels_checked()
        finally:
            self._editing -= 1

    def _role_labels_checked(self) -> None:
        role = self.current_role()
        if role is None:
            return
        chosen = []
        for i in range(self.role_labels.count()):
            item = self.role_labels.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(NAME_ROLE)))
        if tuple(chosen) != role.labels:
            if self.session.update_role(role.name, replace(role, labels=tuple(chosen))) is None:
                self._on_labels_changed()

    def add_role(self) -> None:
        name = self.new_role.text().strip()
        if not name:
            self.new_role.setFocus()
            self.session.failed.emit(tr("Type the new role's name first."))
            return
        roles = list(self.session.roles)
        if self.session.set_roles([*roles, Role(name, position=len(roles))], what=f"add role {name}"):
            self.new_role.clear()
            self.roles_table.setCurrentCell(len(roles), ROLE_NAME)

    def delete_role(self) -> None:
        role = self.current_role()
        if role is None:
            return
        links = self.session.store.role_usage(role.name)
        if links:
            question = tr("Delete the role {name}? %n link(s) in it keep their role name, which the "
                          "schema will no longer list.", "", links).format(name=role.name)
            if not confirm(self, tr("Delete role"), question):
                return
        rest = [r for r in self.session.roles if r.name != role.name]
        self.session.set_roles(rest, what=f"delete role {role.name}")


def show_schema(session: Session, parent: QWidget) -> SchemaDialog:
    """Open the schema editor beside the window (one per window; shown again when open)."""
    dialog = parent.findChild(SchemaDialog, "schemaDialog")
    if dialog is None:
        dialog = SchemaDialog(session, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
