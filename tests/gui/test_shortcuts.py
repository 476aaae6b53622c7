"""One path per key: every shortcut F1 lists triggers its action, wherever the focus is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from gui.actions import ShortcutsDialog
from model.records import Role
from tests.gui.conftest import article, select_text, stored_spans


def _focus_targets(window):  # type: ignore[no-untyped-def]
    window.find_bar.show()
    return {
        "article": article(window),
        "find bar": window.find_bar.field,
        "document list": window.document_list,
        "span panel": window.span_panel,
    }


def _types_text(key: QKeySequence) -> bool:
    """Keys a text field takes as typing: a digit or letter (review's A, R, N), with or without
    Shift, Delete, Backspace."""
    combo = key[0]
    mods = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    typing = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
    return typing and (
        Qt.Key.Key_0 <= combo.key() <= Qt.Key.Key_9
        or Qt.Key.Key_A <= combo.key() <= Qt.Key.Key_Z
        or combo.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
    )


@pytest.mark.parametrize("where", ["article", "find bar", "document list", "span panel"])
def test_every_shortcut_f1_lists_triggers_its_action(window, qtbot, where):
    actions = [a for a in window.registry.all_actions() if any(not k.isEmpty() for k in a.shortcuts())]
    listed = {text for _, text in ShortcutsDialog(window.registry, window).rows}
    assert {a.statusTip() or a.text().replace("&", "").replace("…", "") for a in actions} == listed
    fired: list[str] = []
    for action in actions:
        action.triggered.disconnect()  # what each action does is tested elsewhere; here: the key
        action.setEnabled(True)
        text = action.text()
        action.triggered.connect(lambda _=False, t=text: fired.append(t))
    target = _focus_targets(window)[where]
    checked, typed = 0, 0
    for action in actions:
        for key in action.shortcuts():
            if where == "find bar" and _types_text(key):
                typed += 1
                continue  # typing a digit or deleting in a search box edits the box
            target.setFocus()
            qtbot.waitUntil(target.hasFocus, timeout=1000)
            fired.clear()
            combo = key[0]
            qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
            assert fired == [action.text()], (where, key.toString())
            checked += 1
    assert checked >= 20
    # 1-3 and keypad 1-3, Shift+1-3, Delete, Backspace; review's A, R, N, Shift+N
    assert typed == (15 if where == "find bar" else 0)


def test_keypad_digits_tag_like_the_number_row(window, db_path, qtbot):
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert [(label, text) for label, text, *_ in stored_spans(db_path)] == [("PLACE", "موسكو")]


def test_backspace_deletes_the_span_at_the_caret_like_delete(window, db_path, qtbot):
    view = article(window)
    start, _ = select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    view.select_range(start + 1, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert stored_spans(db_path) == []


def test_f1_opens_the_list_made_from_the_actions(window, qtbot):
    from tests.gui.conftest import when_dialog

    seen: list[str] = []

    def read(dialog: ShortcutsDialog) -> None:
        seen.append(dialog.findChild(QLabel, "shortcutsTable").text())
        dialog.accept()

    when_dialog(ShortcutsDialog, read)
    qtbot.keyClick(article(window), Qt.Key.Key_F1)
    [table] = seen
    assert "Mark done and next" in table and "Ctrl+Return" in table
    assert "ACTOR" in table and "PLACE" in table and "keypad 3" in table
    assert "Alt+Shift+arrows" in table  # gestures that are not actions follow
    assert "S / T / P" in table and "Ctrl+drag" in table  # and linking's keys and gestures


def test_changing_a_shortcut_in_the_registry_changes_the_key_and_f1(window, qtbot):
    [done] = [a for a in window.registry.all_actions() if a.text() == "Mark &done and next"]
    done.setShortcuts([QKeySequence("Ctrl+D")])
    fired: list[bool] = []
    done.triggered.disconnect()
    done.triggered.connect(lambda *_: fired.append(True))
    qtbot.keyClick(article(window), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]
    rows = {text: keys for keys, text in window.registry.shortcut_rows()}
    assert rows["Mark done and next"] == "Ctrl+D"


def test_f1_names_the_keys_the_schema_gives_the_roles(window):
    from dataclasses import replace

    session = window.session
    for name, key in (("source", "M"), ("target", "G"), ("place", "L")):
        assert session.update_role(name, replace(session.role(name), key=key)) is not None
    assert session.set_roles([*session.roles, Role("time")], what="add role time") is not None  # no key
    table = ShortcutsDialog(window.registry, window).findChild(QLabel, "shortcutsTable").text()
    assert "M / G / L (a role&#x27;s key)" in table or "M / G / L (a role's key)" in table
    assert "S / T / P" not in table
    assert "choose its source / target / place;" in table
    assert "Ctrl+drag" in table and "Escape" in table  # the other linking rows stay


def test_f1_has_no_role_key_row_when_no_role_has_a_key(window):
    from dataclasses import replace

    session = window.session
    assert session.set_roles([replace(r, key="") for r in session.roles], what="no keys") is not None
    table = ShortcutsDialog(window.registry, window).findChild(QLabel, "shortcutsTable").text()
    assert "role&#x27;s key" not in table and "role's key" not in table and "S / T / P" not in table
    assert "Ctrl+drag" in table
