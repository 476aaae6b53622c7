"""The interface in Arabic: every word the window, its menus and its dialogs show is translated,
the whole window is mirrored (the document list on the right), an article keeps its own
direction, and the language is chosen in View → Language, remembered, and switched in place."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from gui import create_main_window, i18n
from gui.i18n import TRANSLATIONS, install_language, remember_language, system_language
from model.errors import EditError, StoreError
from model.store import Store
from tests.gui.conftest import article, select_text
from tests.gui.pixels import Shot

ROOT = Path(__file__).resolve().parents[2]
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'’]+")
TAG = re.compile(r"<[^>]+>")
#: key names and keys as Qt writes them (shortcuts are not translated)
KEYS = re.compile(
    r"\b(Ctrl|Shift|Alt|Meta|Num|Enter|Return|Escape|Esc|Backspace|Delete|Del|Home|End|PgUp|PgDown|PgDn|"
    r"Tab|Space|Up|Down|Left|Right|F\d{1,2})\b"
)
#: what legitimately stays in Latin letters in the Arabic interface
ALLOWED = {
    # the program's name, and English named in itself in View → Language
    "Hashiya", "English",
    # formats, file types and their file-name patterns, tag schemes, encodings, tools, measures
    "CoNLL", "CSV", "JSONL", "PNG", "SVG", "UTF", "IOB2", "iob", "iob1", "iob2", "spaCy", "doccano",
    "Krippendorff", "brat", "hf", "auto", "jsonl", "conll", "csv", "labelstudio", "spacy", "txt", "json",
    "db", "sqlite", "sqlite3", "hashiya", "zip", "bio", "ann", "png", "svg",
    # field names a format's offsets are given in (spaCy, Hugging Face)
    "Span", "start_char", "end_char", "doc", "text", "ner_tags", "out", "labels",
    # the export's --split modes, named as on the command line
    "expand", "split", "strict",
    # examples of data in placeholders: label and role names, analysts' names
    "PER", "LOC", "ORG", "time", "amal", "huda", "omar",
}


def untranslated(text: str, data: set[str]) -> list[str]:
    """The English words left in ``text`` once data (titles, names, labels), key names and the
    allowed Latin terms are taken out: empty when ``text`` reads as translated."""
    text = html.unescape(TAG.sub(" ", text)).replace("&", "")
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    text = KEYS.sub(" ", text)
    return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED and w.strip("'’") not in ALLOWED]


def test_the_checker_finds_english_and_lets_arabic_and_data_through() -> None:
    data = {"ACTOR", "amal"}
    assert untranslated("Import options", data) == ["Import", "options"]
    assert untranslated("Find — ignores harakat, أ/إ/آ", data) == ["Find", "ignores", "harakat"]
    assert untranslated("وسم الكل بـ ACTOR", data) == []
    assert untranslated("تعمل باسم: amal", data) == []
    assert untranslated("F1 التطابق التام (Ctrl+Shift+Z)", data) == []
    assert untranslated("<p style='white-space:pre-wrap'>صورة PNG</p>", data) == []


# ---- walking what the window shows ---------------------------------------------------------


def action_texts(action: QAction) -> list[str]:
    return [action.text(), action.toolTip(), action.statusTip(), action.iconText(), action.whatsThis()]


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        yield action
        if action.menu() is not None:
            yield from menu_actions(action.menu())


def model_texts(view: QAbstractItemView, rows: int = 20) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    for orientation in (Qt.Orientation.Horizontal,):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(column, orientation, role)
                if isinstance(value, str):
                    out.append(value)
    for row in range(min(model.rowCount(QModelIndex()), rows)):
        for column in range(max(columns, 1)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column), role)
                if isinstance(value, str):
                    out.append(value)
    return out


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible string of ``root`` and its children. Qt's file
    dialog is Qt's (qtbase_ar translates it): only its title and our filters are ours."""
    if isinstance(root, QFileDialog):
        yield "QFileDialog.windowTitle", root.windowTitle()
        for text in root.nameFilters():
            yield "QFileDialog.filter", text
        return
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QHeaderView):  # its view lists the headers
            continue
        if widget.isWindow():
            yield name + ".windowTitle", widget.windowTitle()
        yield name + ".toolTip", widget.toolTip()
        yield name + ".statusTip", widget.statusTip()
        yield name + ".whatsThis", widget.whatsThis()
        if isinstance(widget, QLabel):
            yield name + ".text", widget.text()
        if isinstance(widget, QAbstractButton):
            yield name + ".text", widget.text()
        if isinstance(widget, QLineEdit):
            yield name + ".placeholder", widget.placeholderText()
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            yield name + ".placeholder", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield name + ".title", widget.title()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name}.item{i}", widget.itemText(i)
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{name}.tab{i}", widget.tabText(i)
                yield f"{name}.tabTip{i}", widget.tabToolTip(i)
        if isinstance(widget, QMenu):
            yield name + ".title", widget.title()
        if isinstance(widget, QAbstractItemView):
            for text in model_texts(widget):
                yield name + ".model", text
        if isinstance(widget, QMessageBox):
            yield name + ".text", widget.text()
            yield name + ".informative", widget.informativeText()
        if isinstance(widget, QInputDialog):
            yield name + ".label", widget.labelText()
        for action in widget.actions():
            for text in action_texts(action):
                yield f"{name}/action {action.objectName() or action.text()}", text


def find_untranslated(root: QWidget, data: set[str]) -> list[str]:
    found = []
    for where, text in widget_texts(root):
        words = untranslated(text or "", data)
        if words:
            shown = text if len(text) < 160 else text[:150] + "…"
            found.append(f"{where}: {shown!r} -> {words}")
    return found


def data_of(window: QMainWindow) -> set[str]:
    """Strings that come from the data and stay as they are: titles, ids, labels, names, paths."""
    session = window.session  # type: ignore[attr-defined]
    store = session.store
    data = {session.annotator, str(Path(store.path)), Path(store.path).name, str(Path.home())}
    for doc_id in store.document_ids():
        document = store.document(doc_id)
        data |= {document.title, document.ext_id}
    for label in session.labels:  # the schema is data: names, titles, guidelines
        data |= {label.name, label.title, getattr(label, "description", "")}
    for role in getattr(session, "roles", ()):
        data |= {role.name, role.description}
    data |= set(store.annotators())
    return {d for d in data if d}


class ModalCatcher:
    """Runs ``trigger`` (which may open modal dialogs with exec()) and, each time a modal dialog
    shows, records its untranslated strings and closes it."""

    def __init__(self, data: set[str]) -> None:
        self.data = data
        self.found: list[str] = []
        self.seen: list[str] = []
        self._armed = False

    def _check(self) -> None:
        if not self._armed:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            self.seen.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            self.found += find_untranslated(dialog, self.data)
            if isinstance(dialog, QMessageBox):
                dialog.done(QMessageBox.StandardButton.No)
            else:
                dialog.reject()
        QTimer.singleShot(20, self._check)

    def run(self, trigger: Callable[[], object]) -> None:
        self._armed = True
        QTimer.singleShot(0, self._check)
        try:
            trigger()
        finally:
            self._armed = False


@pytest.fixture
def arabic(tmp_path: Path) -> Iterator[None]:
    """The interface in Arabic for one test; English again afterwards (the tests' default)."""
    remember_language("ar")
    yield
    remember_language("en")
    install_language("en")


@pytest.fixture(autouse=True)
def no_native_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's own file dialog (translated by qtbase_ar), never the platform's."""
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def test_every_string_of_the_window_its_menus_and_dialogs_is_arabic(arabic, open_window, db_path, qtbot):
    with Store(db_path) as store:  # a second analyst's span, so review and agreement have data
        doc = store.document_ids()[0]
        store.add_span(doc, 0, 4, "ACTOR", annotator="huda")
    window = open_window(db_path)
    assert i18n.current_language() == "ar"
    data = data_of(window)
    found = find_untranslated(window, data)

    # every action: the menus (with their submenus), the window's own, the registry's (F1)
    actions = [
        a for top in window.menuBar().actions() for a in [top, *menu_actions(top.menu())]
    ]
    actions += window.actions() + window.registry.all_actions()
    actions = list({id(a): a for a in actions}.values())
    assert len(actions) > 60
    for action in actions:
        for text in action_texts(action):
            words = untranslated(text, data)
            if words:
                found.append(f"action {action.objectName() or action.text()!r}: {text!r} -> {words}")
    for menu in window.menuBar().findChildren(QMenu):
        if untranslated(menu.title(), data):
            found.append(f"menu {menu.title()!r}")

    # the dialogs: each action that opens one (its text ends with an ellipsis), and the others
    catcher = ModalCatcher(data)
    openers = [a for a in actions if a.text().rstrip().endswith("…") and a.isEnabled()]
    assert len(openers) >= 8
    for action in openers:
        catcher.run(action.trigger)
    catcher.run(window.show_shortcuts)  # F1
    catcher.run(window.document_list.ask_go_to)
    catcher.run(window.ask_document_note)
    window.session.open_document(window.session.store.document_ids()[1])  # a document without spans
    catcher.run(lambda: window.document_list.finish_and_next("done"))  # "no spans: done anyway?"
    from gui.find_bar import TagAllDialog
    from gui.transfer_dialogs import ImportOptionsDialog, LabelMappingDialog

    catcher.run(lambda: ImportOptionsDialog(window.session.label_names(), window).exec())
    catcher.run(lambda: LabelMappingDialog(["PER"], window.session.label_names(), window).exec())
    text = window.session.document.text
    catcher.run(lambda: TagAllDialog(text, [(0, 4), (5, 9)], "ACTOR", 1, 1, window).exec())
    titles = " | ".join(catcher.seen)
    for expected in ("ExportDialog", "AnalystDialog", "AssignDialog", "ShortcutsDialog", "QInputDialog",
                     "NoteDialog", "QMessageBox", "QFileDialog", "ImportOptionsDialog", "TagAllDialog"):
        assert expected in titles, titles
    found += catcher.found

    # the windows the View and Document menus open (statistics, overview, agreement), once read
    stats = window.findChild(QWidget, "statisticsWindow")
    agreement = window.findChild(QWidget, "agreementWindow")
    overview = window.findChild(QWidget, "overviewWindow")
    assert stats is not None and agreement is not None and overview is not None
    qtbot.waitUntil(lambda: stats.stats is not None and agreement.report is not None, timeout=20000)
    window.review.set_reviewing(True)  # the review count in the status bar
    for other in (window, stats, agreement, overview):
        found += find_untranslated(other, data)
    window.review.set_reviewing(False)
    assert not found, "untranslated:\n" + "\n".join(sorted(set(found)))


def test_the_checker_fails_on_an_english_string_in_the_window(arabic, open_window, db_path):
    """The walk is not vacuous: one string left in English is found."""
    window = open_window(db_path)
    assert not find_untranslated(window.document_filter, data_of(window))
    window.document_filter.search.setPlaceholderText("Search all documents…")
    found = find_untranslated(window.document_filter, data_of(window))
    assert found and "Search" in found[0]


def test_undo_and_redo_name_the_edit_in_arabic(arabic, open_window, db_path, qtbot):
    window = open_window(db_path)
    assert window.undo_action.text() == "تراجع"
    view = article(window)
    select_text(view, "موسكو")
    view.tag_selection("PLACE", False)
    assert window.undo_action.text() == "تراجع عن وسم ‘موسكو’ بـ PLACE"
    window.undo_action.trigger()
    assert window.redo_action.text() == "إعادة وسم ‘موسكو’ بـ PLACE"
    assert window.undo_action.text() == "تراجع"


# ---- mirrored: the document list on the right ----------------------------------------------------


def _highlight_columns(window: QMainWindow) -> tuple[int, int]:
    """Pixels of the selection colour (the list's current row) in the left and right thirds."""
    window.document_list.setFocus()
    shot = Shot(window)
    target = window.document_list.palette().color(window.document_list.palette().ColorRole.Highlight)
    left = right = 0
    for y in range(0, shot.height, 3):
        for x in range(0, shot.width, 3):
            r, g, b = shot.pixel(x, y)
            if abs(r - target.red()) + abs(g - target.green()) + abs(b - target.blue()) < 30:
                if x < shot.width // 3:
                    left += 1
                elif x > 2 * shot.width // 3:
                    right += 1
    return left, right


def _x(widget: QWidget) -> int:
    return widget.mapToGlobal(widget.rect().center()).x()


def test_the_arabic_window_is_mirrored_with_the_document_list_on_the_right(
    arabic, open_window, db_path, qtbot
):
    window = open_window(db_path)
    window.resize(1100, 700)
    qtbot.wait(30)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _x(window.document_list) > _x(article(window)) > _x(window.span_panel)
    left, right = _highlight_columns(window)
    assert right > 50 and left == 0, (left, right)
    menus = [a for a in window.menuBar().actions() if a.isVisible()]
    first = window.menuBar().actionGeometry(menus[0])
    assert first.x() > window.menuBar().width() // 2  # the File menu stands at the right
    window.grab().save(str(Path(window.session.store.path).with_name("arabic-window.png")))


def test_the_english_window_has_the_document_list_on_the_left(open_window, db_path, qtbot):
    window = open_window(db_path)
    window.resize(1100, 700)
    qtbot.wait(30)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert _x(window.document_list) < _x(article(window)) < _x(window.span_panel)
    left, right = _highlight_columns(window)
    assert left > 50 and right == 0, (left, right)


def test_an_english_article_reads_left_to_right_in_the_arabic_window(arabic, open_window, tmp_path, qtbot):
    path = str(tmp_path / "english.db")
    with Store(path) as store:
        store.insert_document("en-1", "Moscow summoned the ambassador.\n\nShort line.")
    window = open_window(path)
    window.resize(1100, 700)
    view = article(window)
    qtbot.wait(30)
    shot = Shot(view.viewport())
    ink = shot.box(view.viewport().rect(), lambda p: sum(p) < 300)
    assert ink is not None
    assert ink.left() < shot.width // 4  # the text starts at the left margin …
    assert ink.right() < shot.width // 2  # … and its short lines leave the right side empty
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


# ---- choosing the language --------------------------------------------------------------------


def test_the_system_locale_chooses_by_default() -> None:
    assert system_language(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)) == "ar"
    assert system_language(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "en"
    assert system_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"
    QSettings().remove(i18n.SETTINGS_KEY)
    assert i18n.chosen_setting() == "system"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="read from the environment on Linux")
def test_the_system_language_is_read_from_the_environment_as_qt_reads_it(monkeypatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert system_language() == "en"  # the C locale
    monkeypatch.setenv("LANG", "ar_EG.UTF-8")
    assert system_language() == "ar"
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")  # messages before the general setting
    assert system_language() == "en"
    monkeypatch.setenv("LANGUAGE", "ar:en")  # and the list of languages before both
    assert system_language() == "ar"


def test_switching_rebuilds_the_window_on_the_same_document_and_is_remembered(db_path, qtbot):
    window = create_main_window(db_path)  # not qtbot's: the switch deletes it
    window.resize(900, 420)  # a short window: the article scrolls
    window.show()
    qtbot.waitExposed(window)
    second = window.session.store.document_ids()[1]
    window.session.open_document(second)
    view = article(window)
    view.scroll_to_offset(len(view.text) // 2)
    top = view.top_offset()
    assert top > 0
    assert window.menuBar().actions()[0].text() == "&File"
    languages = window.findChild(QMenu, "languageMenu")
    assert [a.text() for a in languages.actions()] == ["&System language", "العربية", "English"]
    assert window.language_actions["en"].isChecked()

    window_size = window.size()
    arabic_window = window.choose_language("ar")
    qtbot.addWidget(arabic_window)
    assert arabic_window is not window
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=3000)  # the old window is gone
    qtbot.waitExposed(arabic_window)
    assert arabic_window.session.document.id == second
    qtbot.waitUntil(lambda: abs(article(arabic_window).top_offset() - top) < 80, timeout=3000)
    assert arabic_window.size() == window_size
    assert arabic_window.menuBar().actions()[0].text() == "&ملف"
    assert arabic_window.language_actions["ar"].isChecked()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QSettings().value(i18n.SETTINGS_KEY) == "ar"

    another = create_main_window(db_path)  # remembered: the next window speaks Arabic too
    qtbot.addWidget(another)
    assert another.windowTitle().endswith("حاشية")
    another.close()

    english = arabic_window.choose_language("en")
    qtbot.addWidget(english)
    qtbot.waitExposed(english)
    assert english.menuBar().actions()[0].text() == "&File"
    assert english.session.document.id == second
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert english.choose_language("en") is english  # the same language: nothing to rebuild
    english.close()


def test_switching_waits_while_an_edit_waits_to_be_saved(open_window, db_path):
    window = open_window(db_path)
    window.session.unsaved.append(object())  # type: ignore[arg-type]
    try:
        assert window.choose_language("ar") is window
        assert "next start" in window.last_message
        assert QSettings().value(i18n.SETTINGS_KEY) == "ar"
    finally:
        window.session.unsaved.clear()
        remember_language("en")


# ---- the translation files ---------------------------------------------------------------------


def test_every_string_in_the_code_is_translated_and_the_shipped_qm_files_are_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_keep_the_placeholders_and_every_plural_form() -> None:
    placeholder = re.compile(r"\{[a-z_]+\}")
    for ts, forms in (("hashiya_ar.ts", 6), ("hashiya_en.ts", 2)):
        for message in ET.parse(TRANSLATIONS / ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            numerus = [f.text or "" for f in translation.findall("numerusform")]
            if message.get("numerus") == "yes":
                assert len(numerus) == forms, source
            for text in numerus or [translation.text or ""]:
                assert set(placeholder.findall(text)) <= set(placeholder.findall(source)), (source, text)
                english = untranslated(placeholder.sub(" ", text), {"ACTOR", "EVENT"})
                if ts == "hashiya_ar.ts" and english:
                    pytest.fail(f"{source!r} is not all in Arabic: {text!r} ({english})")


def test_arabic_plurals_take_their_six_forms(arabic, qapp) -> None:
    install_language("ar")
    forms = [i18n.tr("%n document(s)", "", n) for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["لا وثائق", "وثيقة واحدة", "وثيقتان", "3 وثائق", "11 وثيقة", "100 وثيقة"]
    install_language("en")
    assert [i18n.tr("%n document(s)", "", n) for n in (1, 2)] == ["1 document", "2 documents"]


def test_qt_standard_buttons_are_arabic_too(arabic, qapp) -> None:
    install_language("ar")
    both = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", both)
    texts = [b.text() for b in box.buttons()]
    assert all(ARABIC.search(t) for t in texts), texts


# ---- the model's refusals ------------------------------------------------------------------------


def test_a_refusal_from_the_model_reaches_the_window_in_arabic_with_its_data(arabic, open_window, db_path):
    window = open_window(db_path)
    session = window.session
    messages: list[str] = []
    session.failed.connect(messages.append)

    assert session.add_label("PLACE") is None  # the model refuses: there is one already
    assert messages[-1] == "يوجد وسم PLACE من قبل"
    assert window.statusBar().currentMessage() == "يوجد وسم PLACE من قبل"

    place = next(role for role in session.roles if role.name == "place")
    assert session.update_role("place", replace(place, key="T")) is None  # target's key
    assert messages[-1] == "لا يكون لدورين المفتاح نفسه (T)"

    assert session.rename_label("ACTOR", "EVENT") is None
    assert messages[-1] == "EVENT هو وسم الأحداث، فاختر اسمًا آخر"
    for message in messages:
        assert ARABIC.search(message) and not untranslated(message, {"PLACE", "EVENT", "T"}), message


def test_the_same_refusal_stays_english_in_the_english_window(open_window, db_path):
    install_language("en")
    window = open_window(db_path)
    messages: list[str] = []
    window.session.failed.connect(messages.append)
    assert window.session.add_label("PLACE") is None
    assert messages == ["there is a label PLACE already"]


def test_translated_falls_back_to_the_english_message(arabic, qapp) -> None:
    install_language("ar")
    refused = EditError("there is a label {name} already", name="PLACE")
    assert i18n.translated(refused) == "يوجد وسم PLACE من قبل"
    assert i18n.translated(StoreError("corpus.db: disk full")) == "corpus.db: disk full"  # not a template
    assert i18n.translated(ValueError("plain")) == "plain"
    broken = EditError("there is a label {name} already", name="PLACE")
    broken.params = {"other": 1}  # the translation names what the error does not carry: English, not a crash
    assert i18n.translated(broken) == "there is a label PLACE already"
