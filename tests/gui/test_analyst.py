"""The analyst's name (asked once on SQLite), and other analysts' spans as a quieter layer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QLabel

from gui.analyst import SETTINGS_KEY, AnalystDialog, name_problem, os_user
from model.store import Store
from tests.gui.conftest import article, select_text, when_dialog
from tests.gui.pixels import Shot

PLACE = (0x2C, 0xA0, 0x2C)
TEXT = "استدعت الخارجية سفير أذربيجان لدى موسكو يوم الأحد"


def _corpus(tmp_path: Path, analyst: str | None = None) -> str:
    path = tmp_path / "names.db"
    with Store(path) as store:
        store.insert_document("one", TEXT)
        if analyst is not None:
            store.set_setting("analyst", analyst)
    return str(path)


def _answer(name: str, seen: list[str]):  # type: ignore[no-untyped-def]
    def act(dialog: AnalystDialog) -> None:
        seen.append(dialog.field.text())
        dialog.field.setText(name)
        dialog.accept()

    return act


def test_first_start_asks_the_name_once_prefilled_and_keeps_it_in_database_and_settings(
    open_window, tmp_path, qtbot
):
    path = _corpus(tmp_path)
    seen: list[str] = []
    when_dialog(AnalystDialog, _answer("أمل", seen))
    window = open_window(path, ask_name=True)  # as the app starts
    assert seen == [os_user()]  # prefilled with the login name
    assert window.session.annotator == "أمل"
    assert QSettings().value(SETTINGS_KEY) == "أمل"
    with Store(path) as store:
        assert store.setting("analyst") == "أمل"
    label = window.findChild(QLabel, "analystLabel")
    assert label.text() == "Working as: أمل"
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    window.session.set_status("done")
    with Store(path) as store:
        assert [s.annotator for s in store.spans(1)] == ["أمل"]
        assert {who for _, who, _ in store.status_changes(1)} == {"أمل"}


def test_a_database_that_names_its_analyst_is_not_asked(open_window, tmp_path, qtbot):
    seen: list[str] = []
    when_dialog(AnalystDialog, _answer("someone", seen), tries=30)
    window = open_window(_corpus(tmp_path, analyst="huda"), ask_name=True)
    qtbot.wait(400)
    assert seen == []
    assert window.session.annotator == "huda"


def test_the_name_this_computer_knows_is_written_into_a_new_database_without_asking(
    open_window, tmp_path, qtbot
):
    QSettings().setValue(SETTINGS_KEY, "lina")
    seen: list[str] = []
    when_dialog(AnalystDialog, _answer("someone", seen), tries=30)
    path = _corpus(tmp_path)
    window = open_window(path, ask_name=True)
    qtbot.wait(400)
    assert seen == [] and window.session.annotator == "lina"
    with Store(path) as store:
        assert store.setting("analyst") == "lina"  # a merge credits this file's spans to lina


def test_the_name_dialog_refuses_empty_names_and_control_characters(qtbot):
    dialog = AnalystDialog("amal", first=True)
    qtbot.addWidget(dialog)
    assert dialog.ok.isEnabled()
    for bad in ("", "   ", "am\tal", "am\nal", "amal\u202e"):
        dialog.field.setText(bad)
        assert not dialog.ok.isEnabled(), repr(bad)
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted
    assert name_problem("أمل الحسيني") == ""
    dialog.field.setText("<b>amal</b>")  # plain text: markup is just characters of a name
    assert dialog.ok.isEnabled()
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText


def test_file_analyst_name_changes_the_name_for_new_edits_only(open_window, tmp_path, qtbot):
    path = _corpus(tmp_path, analyst="amal")
    window = open_window(path)
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    when_dialog(AnalystDialog, _answer("badr", []))
    window.findChild(type(window.analyst_action), "analystNameAction").trigger()
    assert window.session.annotator == "badr"
    assert window.findChild(QLabel, "analystLabel").text() == "Working as: badr"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # the dialog had the keys
    select_text(view, "الخارجية")
    qtbot.keyClick(view, Qt.Key.Key_1)
    with Store(path) as store:
        assert store.setting("analyst") == "badr"
        stored = sorted((s.label, s.annotator) for s in store.spans(1))
        assert stored == [("ACTOR", "badr"), ("PLACE", "amal")]


def _two_analysts(tmp_path: Path) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """amal's database holding huda's PLACE on موسكو and amal's PLACE on الخارجية."""
    path = _corpus(tmp_path, analyst="amal")
    moscow = (TEXT.index("موسكو"), TEXT.index("موسكو") + len("موسكو"))
    ministry = (TEXT.index("الخارجية"), TEXT.index("الخارجية") + len("الخارجية"))
    with Store(path) as store:
        store.add_span(1, *moscow, "PLACE", "huda")
        store.add_span(1, *ministry, "PLACE", "amal")
    return path, moscow, ministry


def _solid_caption_pixels(view, rect) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the label's colour in the caption row above a span's box."""
    shot = Shot(view.viewport())
    area = QRect(int(rect.left()) - 2, int(rect.top()) - 30, int(rect.width()) + 4, 30)
    area = area.intersected(QRect(0, 0, shot.width, shot.height))
    return sum(
        1
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
        if all(abs(a - b) < 10 for a, b in zip(shot.pixel(x, y), PLACE, strict=True))
    )


def test_other_analysts_spans_are_drawn_quieter_and_can_be_hidden(open_window, tmp_path, qtbot):
    path, _, _ = _two_analysts(tmp_path)
    window = open_window(path)
    view = article(window)
    view.select_range(0, 0)
    spans = {s.annotator: s for s in window.session.spans()}
    [theirs] = view.span_rects(spans["huda"])
    [mine] = view.span_rects(spans["amal"])
    qtbot.wait(20)
    view.grab().save(str(tmp_path / "others-shown.png"))
    own_solid, their_solid = _solid_caption_pixels(view, mine), _solid_caption_pixels(view, theirs)
    assert own_solid > 40  # a filled caption
    assert 0 < their_solid < own_solid / 3  # an outlined one: drawn, but quieter
    tip = view.tooltip_at(theirs.center().toPoint())
    assert "huda" in tip and "PLACE" in tip
    assert "yours" in view.tooltip_at(mine.center().toPoint())

    action = window.findChild(type(window.others_action), "otherSpansAction")
    assert action.isChecked()
    action.trigger()
    qtbot.wait(20)
    assert view.span_rects(spans["huda"]) == []
    assert _solid_caption_pixels(view, theirs) == 0
    assert _solid_caption_pixels(view, mine) == own_solid  # the analyst's own, as before
    assert QSettings().value("view/otherSpans") == "false"
    assert len(window.session.spans()) == 2  # hidden from view, not from the database


def test_hiding_other_analysts_spans_is_remembered(open_window, tmp_path, qtbot):
    path, _, _ = _two_analysts(tmp_path)
    QSettings().setValue("view/otherSpans", "false")
    window = open_window(path)
    assert not window.others_action.isChecked()
    huda = next(s for s in window.session.spans() if s.annotator == "huda")
    assert article(window).span_rects(huda) == []


def test_keys_and_delete_act_only_on_the_analysts_own_spans(open_window, tmp_path, qtbot):
    path, moscow, _ = _two_analysts(tmp_path)
    window = open_window(path)
    view = article(window)
    messages: list[str] = []
    window.session.failed.connect(messages.append)
    view.select_range(moscow[0] + 1, moscow[0] + 1)  # the caret inside huda's span
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert messages[-1] == "No span at the caret."
    qtbot.keyClick(view, Qt.Key.Key_1)  # no selection: would relabel the span at the caret
    with Store(path) as store:
        stored = sorted((s.label, s.annotator) for s in store.spans(1))
        assert stored == [("PLACE", "amal"), ("PLACE", "huda")]  # huda's span is untouched
    assert view.span_at_caret() is None


def test_a_link_made_in_the_window_is_the_analysts(open_window, tmp_path, qtbot):
    path = _corpus(tmp_path, analyst="amal")
    with Store(path) as store:
        store.add_span(1, 0, len("استدعت"), "EVENT", "amal")
        store.add_span(1, TEXT.index("موسكو"), TEXT.index("موسكو") + len("موسكو"), "PLACE", "amal")
    window = open_window(path)
    event, place = sorted(window.session.spans(), key=lambda s: s.start)
    window.session.link(event, place, "place")
    with Store(path) as store:
        [relation] = store.relations(1)
        assert relation.annotator == "amal"
        assert [e.kind for e in store.history(1) if e.annotator == "amal"].count("link") == 1


def test_automation_never_waits_on_the_name_dialog(open_window, tmp_path, qtbot):
    """``create_main_window(path)`` (the automation contract, the benches) asks nothing: the login
    name is used and nothing is stored, as before a name was asked."""
    seen: list[str] = []
    when_dialog(AnalystDialog, _answer("someone", seen), tries=30)
    path = _corpus(tmp_path)
    window = open_window(path)
    qtbot.wait(400)
    assert seen == [] and window.session.annotator == os_user()
    with Store(path) as store:
        assert store.setting("analyst") is None


def test_cancelling_the_first_question_works_as_the_login_and_asks_again_next_time(
    open_window, tmp_path, qtbot
):
    path = _corpus(tmp_path)
    when_dialog(AnalystDialog, lambda dialog: dialog.reject())
    window = open_window(path, ask_name=True)
    assert window.session.annotator == os_user()
    assert "asked your name next time" in window.last_message
    with Store(path) as store:
        assert store.setting("analyst") is None
    assert QSettings().value(SETTINGS_KEY) is None
