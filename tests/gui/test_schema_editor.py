"""Document → Schema… in the real window: each edit applies at once as one undo step, the open
article follows (renamed spans, deleted spans gone and back on undo), role checks when linking,
the guidelines panel and label tooltips, and a read-only editor for a team's annotators."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QColorDialog, QLineEdit, QMessageBox, QTreeWidget

from gui.guidelines import GuidelinesDock
from gui.schema_dialog import NAME, NAME_ROLE, SchemaDialog
from model import team
from model.store import Store
from tests.gui.conftest import article, select_text, stored_spans, when_dialog

CTRL = Qt.KeyboardModifier.ControlModifier


def open_schema(window) -> SchemaDialog:  # type: ignore[no-untyped-def]
    action = window.findChild(QAction, "schemaAction")
    assert action is not None
    action.trigger()
    dialog = window.findChild(SchemaDialog, "schemaDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def tag(window, qtbot, word: str, key: Qt.Key, occurrence: int = 0) -> None:  # type: ignore[no-untyped-def]
    view = article(window)
    select_text(view, word, occurrence)
    qtbot.keyClick(view, key)


def tree_names(dialog: SchemaDialog) -> list[tuple[str, str]]:
    """(name, parent) of each row of the labels tree, in tree order."""
    out = []
    tree: QTreeWidget = dialog.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append((top.text(NAME), ""))
        out += [(top.child(j).text(NAME), top.text(NAME)) for j in range(top.childCount())]
    return out


def undo_in_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(article(window), Qt.Key.Key_Z, CTRL)


def test_document_schema_opens_the_editor_listing_labels_and_roles(window):
    dialog = open_schema(window)
    assert tree_names(dialog) == [("ACTOR", ""), ("EVENT", ""), ("PLACE", "")]
    assert dialog.findChild(QTreeWidget, "labelsTable") is dialog.tree
    roles = dialog.roles_table
    assert roles.objectName() == "rolesTable"
    assert [roles.item(r, 0).text() for r in range(roles.rowCount())] == ["source", "target", "place"]
    assert [roles.item(r, 2).text() for r in range(roles.rowCount())] == ["ACTOR", "ACTOR", "PLACE"]
    assert open_schema(window) is dialog  # asked again: the same editor, raised


def test_renaming_a_label_renames_its_spans_in_the_open_article_and_ctrl_z_undoes_it(window, db_path, qtbot):
    tag(window, qtbot, "موسكو", Qt.Key.Key_3)
    dialog = open_schema(window)
    item = dialog.label_item("PLACE")
    assert item is not None
    item.setText(NAME, "LOCATION")  # what typing in the name cell commits
    assert [label for label, *_ in stored_spans(db_path)] == ["LOCATION"]
    assert [s.label for s in article(window).spans()] == ["LOCATION"]
    qtbot.waitUntil(lambda: dialog.label_item("LOCATION") is not None)  # refilled once the edit ends
    assert dialog.current_label() is not None and dialog.current_label().name == "LOCATION"
    assert "LOCATION" in window.registry.label_actions[2].text()
    assert window.undo_action.text() == "Undo rename label PLACE to LOCATION"
    undo_in_window(window, qtbot)
    assert [label for label, *_ in stored_spans(db_path)] == ["PLACE"]
    assert [s.label for s in article(window).spans()] == ["PLACE"]
    qtbot.waitUntil(lambda: dialog.label_item("PLACE") is not None)


def test_a_refused_rename_says_why_and_the_table_shows_the_stored_name(window, qtbot):
    dialog = open_schema(window)
    item = dialog.label_item("PLACE")
    item.setText(NAME, "NEW PLACE")
    assert "holds a space" in window.last_message
    qtbot.waitUntil(lambda: dialog.label_item("NEW PLACE") is None)
    assert dialog.label_item("PLACE") is not None
    assert window.session.label_names() == ["ACTOR", "EVENT", "PLACE"]


def test_deleting_a_label_in_use_asks_with_its_count_and_undo_brings_the_spans_back(window, db_path, qtbot):
    tag(window, qtbot, "موسكو", Qt.Key.Key_3)
    tag(window, qtbot, "باكو", Qt.Key.Key_3)
    before = {s.id for s in window.session.spans()}
    dialog = open_schema(window)
    dialog.select_label("PLACE")
    asked: list[str] = []

    def answer(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
        asked.append(box.text())
        box.button(button).click()

    when_dialog(QMessageBox, lambda box: answer(box, QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete PLACE and its 2 span" in asked[0] and "in 1 document" in asked[0]
    assert "The role place takes only PLACE: without it, it takes any label." in asked[0]
    assert len(stored_spans(db_path)) == 2  # cancelled: nothing deleted

    when_dialog(QMessageBox, lambda box: answer(box, QMessageBox.StandardButton.Ok))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert stored_spans(db_path) == []
    assert article(window).spans() == []
    assert window.session.label_names() == ["ACTOR", "EVENT"]
    assert [name for name, _ in tree_names(dialog)] == ["ACTOR", "EVENT"]
    assert len(window.registry.label_actions) == 2
    undo_in_window(window, qtbot)
    assert {s.id for s in window.session.spans()} == before
    assert {s.label for s in article(window).spans()} == {"PLACE"}
    assert window.session.label_names() == ["ACTOR", "EVENT", "PLACE"]


def test_an_unused_label_is_deleted_without_asking(window, qtbot):
    dialog = open_schema(window)
    dialog.new_label.setText("ORG")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.current_label().name == "ORG"
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)  # no box: it would block here
    assert "ORG" not in window.session.label_names()


def test_event_can_be_neither_renamed_nor_deleted(window):
    dialog = open_schema(window)
    dialog.select_label("EVENT")
    assert not dialog.rename_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert not dialog.add_sub_button.isEnabled()


def test_a_sub_type_is_added_under_its_parent_gets_the_next_key_and_tags_with_it(window, db_path, qtbot):
    dialog = open_schema(window)
    dialog.select_label("ACTOR")
    dialog.new_label.setText("PERSON")
    qtbot.mouseClick(dialog.add_sub_button, Qt.MouseButton.LeftButton)
    assert tree_names(dialog) == [("ACTOR", ""), ("PERSON", "ACTOR"), ("EVENT", ""), ("PLACE", "")]
    person = window.session.label("PERSON")
    assert person is not None and person.parent == "ACTOR" and person.key == 4
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    tag(window, qtbot, "رحمان مصطفاييف", Qt.Key.Key_4)
    assert ("PERSON", "رحمان مصطفاييف") in [(label, text) for label, text, *_ in stored_spans(db_path)]
    # a sub-type of ACTOR fills the roles that take actors
    assert window.session.role_fits("source", "PERSON")
    assert not window.session.role_fits("place", "PERSON")


def test_editing_key_title_and_description_applies_at_once_and_shows_in_the_tooltips(window, qtbot):
    dialog = open_schema(window)
    item = dialog.label_item("PLACE")
    item.setText(1, "1")  # ACTOR's key
    assert "key 1 is already ACTOR's" in window.last_message
    assert window.session.label("PLACE").key == 3
    dialog.label_item("PLACE").setText(1, "")
    assert window.session.label("PLACE").key is None
    assert window.registry.label_actions[2].shortcuts() == []
    dialog.label_item("PLACE").setText(3, "<b>Where</b> it happened")
    tip = window.registry.label_actions[2].toolTip()
    assert "&lt;b&gt;Where&lt;/b&gt; it happened" in tip  # shown as typed, never as markup
    button = window.label_bar.widgetForAction(window.registry.label_actions[2])
    assert button is not None and "&lt;b&gt;Where&lt;/b&gt; it happened" in button.toolTip()
    dialog.label_item("PLACE").setText(2, "موقع")
    assert window.session.label("PLACE").title == "موقع"
    undo_in_window(window, qtbot)
    assert window.session.label("PLACE").title == "مكان"


def test_colour_comes_from_the_colour_dialog(window, qtbot):
    dialog = open_schema(window)
    dialog.select_label("ACTOR")

    def pick(chooser: QColorDialog) -> None:
        chooser.setCurrentColor(QColor("#123456"))
        chooser.accept()

    when_dialog(QColorDialog, pick)
    qtbot.mouseClick(dialog.color_button, Qt.MouseButton.LeftButton)
    assert window.session.label("ACTOR").color == "#123456"


def test_up_and_down_move_a_label_among_its_siblings(window, qtbot):
    dialog = open_schema(window)
    dialog.select_label("PLACE")
    assert not dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert window.session.label_names() == ["ACTOR", "PLACE", "EVENT"]
    assert [a.data() for a in window.registry.label_actions] == ["ACTOR", "PLACE", "EVENT"]
    assert dialog.current_label().name == "PLACE"
    undo_in_window(window, qtbot)
    assert window.session.label_names() == ["ACTOR", "EVENT", "PLACE"]


def test_the_labels_a_role_takes_are_checked_when_linking(window, qtbot):
    session = window.session
    tag(window, qtbot, "استدعاء", Qt.Key.Key_2)
    tag(window, qtbot, "سفير أذربيجان", Qt.Key.Key_1)
    event = next(s for s in session.spans() if s.label == "EVENT")
    actor = next(s for s in session.spans() if s.label == "ACTOR")
    assert session.link(event, actor, "place") is None  # a place is a PLACE
    assert "the place of an event is a PLACE" in window.last_message
    dialog = open_schema(window)
    dialog.tabs.setCurrentIndex(1)
    dialog.roles_table.setCurrentCell(2, 0)
    boxes = dialog.role_labels
    actor_box = next(boxes.item(i) for i in range(boxes.count()) if boxes.item(i).data(NAME_ROLE) == "ACTOR")
    actor_box.setCheckState(Qt.CheckState.Checked)
    assert session.role("place").labels == ("ACTOR", "PLACE")
    qtbot.waitUntil(lambda: dialog.roles_table.item(2, 2).text() == "ACTOR, PLACE")
    assert session.link(event, actor, "place") is not None


def test_renaming_a_role_renames_its_links(window, db_path, qtbot):
    session = window.session
    tag(window, qtbot, "استدعاء", Qt.Key.Key_2)
    tag(window, qtbot, "موسكو", Qt.Key.Key_3)
    event = next(s for s in session.spans() if s.label == "EVENT")
    place = next(s for s in session.spans() if s.label == "PLACE")
    session.link(event, place, "place")
    dialog = open_schema(window)
    dialog.roles_table.item(2, 0).setText("location")
    assert [r.role for r in session.relations] == ["location"]
    with Store(db_path) as store:
        assert [r.name for r in store.roles()] == ["source", "target", "location"]
    undo_in_window(window, qtbot)
    assert [r.role for r in session.relations] == ["place"]


def test_the_guidelines_panel_lists_labels_sub_types_and_roles_and_follows_edits(window, qtbot):
    session = window.session
    session.update_label("ACTOR", description="Who acts <i>")
    session.add_label("PERSON", parent="ACTOR", description="A human being")
    action = window.findChild(QAction, "guidelinesAction")
    action.setChecked(True)
    dock = window.findChild(GuidelinesDock, "guidelinesDock")
    assert dock is not None and dock.isVisible()
    entries = dock.panel.entries
    assert entries["ACTOR"].text().startswith("Who acts <i>")
    assert entries["ACTOR"].textFormat() == Qt.TextFormat.PlainText
    assert "PERSON" in entries["ACTOR"].text()
    assert "ACTOR" in entries["role:source"].text()
    session.rename_label("PERSON", "HUMAN")
    assert "HUMAN" in dock.panel.entries and "PERSON" not in dock.panel.entries
    action.setChecked(False)
    assert not dock.isVisible()


def test_a_team_annotator_sees_the_schema_read_only_and_is_told_why(open_window, team_url, qtbot):
    from tests.gui.test_team_window import as_user

    team.add(team_url, "sami", "annotator")
    with Store(team_url) as lead:
        lead.insert_document("d", "وصل الوزير إلى موسكو")
    window = open_window(as_user(team_url, "sami"))
    dialog = open_schema(window)
    assert dialog.note.isVisible() and "Only a lead" in dialog.note.text()
    assert not dialog.add_button.isEnabled() and not dialog.new_label.isEnabled()
    assert window.session.add_label("ORG") is None
    assert "Only a lead" in window.last_message
    assert window.session.unsaved == []  # refused, not waiting to be saved


def test_the_rename_button_edits_the_name_in_place_and_enter_commits_it(window, db_path, qtbot):
    tag(window, qtbot, "موسكو", Qt.Key.Key_3)
    dialog = open_schema(window)
    dialog.select_label("PLACE")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    editor = dialog.tree.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "PLACE"
    editor.selectAll()
    qtbot.keyClicks(editor, "GPE")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.label_item("GPE") is not None)
    assert [label for label, *_ in stored_spans(db_path)] == ["GPE"]
    assert dialog.current_label().name == "GPE"


def test_ctrl_z_in_the_editor_undoes_its_last_change(window, qtbot):
    dialog = open_schema(window)
    dialog.select_label("PLACE")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert window.session.label_names() == ["ACTOR", "PLACE", "EVENT"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Z, CTRL)
    assert window.session.label_names() == ["ACTOR", "EVENT", "PLACE"]


def test_deleting_a_role_in_use_asks_and_its_links_keep_their_role(window, qtbot):
    session = window.session
    tag(window, qtbot, "استدعاء", Qt.Key.Key_2)
    tag(window, qtbot, "موسكو", Qt.Key.Key_3)
    event = next(s for s in session.spans() if s.label == "EVENT")
    place = next(s for s in session.spans() if s.label == "PLACE")
    session.link(event, place, "place")
    dialog = open_schema(window)
    dialog.tabs.setCurrentIndex(1)
    dialog.roles_table.setCurrentCell(2, 0)
    asked: list[str] = []

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_dialog(QMessageBox, answer)
    qtbot.mouseClick(dialog.delete_role_button, Qt.MouseButton.LeftButton)
    assert "Delete the role place? 1 link" in asked[0]
    assert [r.name for r in session.roles] == ["source", "target"]
    assert [r.role for r in session.relations] == ["place"]
    assert session.role_fits("place", "ACTOR")  # a role the schema no longer lists takes any label
    undo_in_window(window, qtbot)
    assert [r.name for r in session.roles] == ["source", "target", "place"]


def test_a_new_role_is_added_with_its_key_and_the_labels_it_takes(window, qtbot):
    dialog = open_schema(window)
    dialog.tabs.setCurrentIndex(1)
    dialog.new_role.setText("time")
    qtbot.keyClick(dialog.new_role, Qt.Key.Key_Return)
    assert [r.name for r in window.session.roles][-1] == "time"
    qtbot.waitUntil(lambda: dialog.roles_table.rowCount() == 4)
    dialog.roles_table.item(3, 1).setText("m")
    assert window.session.role("time").key == "M"
    dialog.roles_table.item(3, 1).setText("S")  # source's
    assert "same key (S)" in window.last_message
    assert window.session.role("time").key == "M"


def test_a_role_cannot_take_a_letter_the_window_uses_for_an_action(window, qtbot):
    dialog = open_schema(window)
    dialog.roles_table.item(2, 1).setText("a")  # A accepts into gold in review mode
    assert "A is already the key of “Accept into gold”" in window.last_message
    assert window.session.role("place").key == "P"
    qtbot.waitUntil(lambda: dialog.roles_table.item(2, 1).text() == "P")  # the table shows it back
    dialog.roles_table.item(2, 1).setText("w")
    assert window.session.role("place").key == "W"


def test_the_tag_menu_puts_a_labels_sub_types_in_a_submenu_after_it(window, qtbot):
    window.session.add_label("person", "شخص", parent="ACTOR")
    window.session.add_label("state", "دولة", parent="ACTOR")
    entries = window.tag_menu.actions()
    actor = next(a for a in entries if a.menu() is not None)
    inside = [a.data() for a in actor.menu().actions() if not a.isSeparator()]
    assert inside == ["ACTOR", "person", "state"]
    assert [a.data() for a in entries if a.menu() is None] == ["EVENT", "PLACE"]
    view = article(window)
    select_text(view, "موسكو")
    next(a for a in actor.menu().actions() if a.data() == "person").trigger()
    assert [s.label for s in window.session.spans()] == ["person"]


def test_enter_in_the_new_name_fields_adds_once_and_says_nothing_more(window, qtbot):
    failed: list[str] = []
    window.session.failed.connect(failed.append)
    dialog = open_schema(window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.new_label.setFocus()
    qtbot.keyClicks(dialog.new_label, "ORG")
    qtbot.keyClick(dialog.new_label, Qt.Key.Key_Return)
    assert window.session.label_names() == ["ACTOR", "EVENT", "PLACE", "ORG"]
    assert failed == []  # the dialog's default button did not press "Add" again on an empty field
    dialog.tabs.setCurrentIndex(1)
    dialog.new_role.setFocus()
    qtbot.keyClicks(dialog.new_role, "time")
    qtbot.keyClick(dialog.new_role, Qt.Key.Key_Return)
    assert [r.name for r in window.session.roles] == ["source", "target", "place", "time"]
    assert failed == []
    assert dialog.isVisible()  # Enter neither closes the editor


def test_arabic_indic_and_persian_digits_typed_as_a_key_are_the_same_digits(window):
    failed: list[str] = []
    window.session.failed.connect(failed.append)
    dialog = open_schema(window)
    dialog.label_item("PLACE").setText(1, "٥")  # Arabic-Indic five
    assert window.session.label("PLACE").key == 5
    dialog.label_item("PLACE").setText(1, "۷")  # Persian (Extended Arabic-Indic) seven
    assert window.session.label("PLACE").key == 7
    assert failed == []
    dialog.label_item("PLACE").setText(1, "٠")  # zero is no key, in any script
    assert window.session.label("PLACE").key == 7
    assert failed and "digit from 1 to 9" in failed[-1]


def test_an_ampersand_in_a_label_name_or_title_shows_as_itself_not_as_a_mnemonic(window):
    from gui.messages import without_mnemonic

    assert window.session.add_label("R&D", title="بحث&تطوير") is not None
    tag_as, second = window.registry.label_actions[-1], window.registry.second_label_actions[-1]
    # Qt shows "&&" as "&"; a lone "&" would vanish and underline the next letter (R&D → RD)
    assert tag_as.text() == "R&&D  بحث&&تطوير"
    assert without_mnemonic(tag_as.text()) == "R&D  بحث&تطوير"
    assert second.text().startswith("R&&D  بحث&&تطوير")
    assert tag_as in window.tag_menu.actions() and second in window.second_menu.actions()
    button = window.label_bar.widgetForAction(tag_as)
    assert button is not None and button.text() == "4  R&&D  بحث&&تطوير"
    assert window.undo_action.text() == "Undo add label R&&D"
    assert tag_as.statusTip() == "Tag the selection as R&D (بحث&تطوير)"  # not a menu text: as it is
