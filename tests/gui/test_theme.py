"""Dark and light: the palette, the View → Theme choice, and WCAG AA contrast of span drawing."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QMenu, QWidget

from gui.theme import (
    AA,
    NON_TEXT,
    SETTING,
    caption_colors,
    caption_text_color,
    chart_colors,
    composite,
    contrast_ratio,
    dark_palette,
    error_text_color,
    is_dark_background,
    light_palette,
    link_band_colors,
    marks,
    muted_text_color,
    readable_on,
    relative_luminance,
    status_color,
    theme,
    tint_color,
    warning_bar_colors,
)
from model.schema import DEFAULT_LABELS
from model.store import Store
from tests.gui.conftest import article, select_text
from tests.gui.pixels import Shot
from tests.gui.test_statistics_window import _open_statistics

AWKWARD = ("#ffff00", "#d3d3d3", "#0000ff", "#000080", "#ffffff", "#000000", "#808080", "#00ffff")
COLOURS = [color for _name, _title, color in DEFAULT_LABELS] + list(AWKWARD)
SCHEMES = {"light": light_palette, "dark": dark_palette}
G, R = QPalette.ColorGroup, QPalette.ColorRole


@pytest.fixture(autouse=True)
def back_to_system(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Whatever a test chose, the next test starts on the default (System: light offscreen)."""
    yield
    theme().set_choice("system")


def _page(scheme: str) -> tuple[QColor, QColor, bool]:
    palette = SCHEMES[scheme]()
    return palette.color(G.Active, R.Base), palette.color(G.Active, R.Text), scheme == "dark"


# ---- contrast arithmetic ---------------------------------------------------------------------


def test_contrast_ratio_matches_known_wcag_values():
    black, white = QColor("black"), QColor("white")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#777777"), white) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast_ratio(QColor("#0000ff"), white) == pytest.approx(8.59, abs=0.01)
    assert relative_luminance(white) == pytest.approx(1.0)
    assert relative_luminance(QColor("#808080")) == pytest.approx(0.2159, abs=0.001)


def test_caption_text_is_black_or_white_whichever_reads():
    assert caption_text_color(QColor("#ffff00")) == QColor("black")
    assert caption_text_color(QColor("#000080")) == QColor("white")
    for color in COLOURS:
        text = caption_text_color(QColor(color))
        assert contrast_ratio(text, QColor(color)) >= AA, color


def test_caption_fill_moves_when_neither_text_colour_reaches_the_ratio():
    grey = QColor("#767676")  # black on it 4.6, white 4.5: neither reaches 7
    fill, text = caption_colors(grey, dark=False, ratio=7.0)
    assert contrast_ratio(fill, text) >= 7.0
    assert fill != grey


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("color", COLOURS)
def test_captions_and_tints_keep_aa_for_every_label_colour(scheme, color):
    page, text, dark = _page(scheme)
    label = QColor(color)
    fill, ink = caption_colors(label, dark, page)
    assert contrast_ratio(fill, ink) >= AA, (fill.name(), ink.name())
    assert contrast_ratio(fill, page) >= NON_TEXT  # the caption box stands out from the page
    for alpha in (None, 28):  # the analyst's own tint, another analyst's fainter one
        tint = tint_color(label, page, dark, alpha, text)
        once = composite(tint, page)
        twice = composite(tint, once)  # a span nested in another of the same colour
        assert contrast_ratio(text, once) >= AA, (tint.name(), tint.alpha())
        assert contrast_ratio(text, twice) >= AA
    own = tint_color(label, page, dark, None, text)
    assert own.alpha() > 30  # still a visible tint, not capped to nothing
    # another analyst's caption: label-coloured text on the page-coloured back
    back = composite(marks(SCHEMES[scheme]()).caption_back, page)
    assert contrast_ratio(readable_on(label, back), back) >= AA


def test_default_labels_keep_their_own_colour_where_it_already_reads():
    for scheme in SCHEMES:
        page, _text, dark = _page(scheme)
        for _name, _title, color in DEFAULT_LABELS:
            fill, _ink = caption_colors(QColor(color), dark, page)
            assert fill == QColor(color), (scheme, color, fill.name())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_marks_read_on_their_page(scheme):
    m = marks(SCHEMES[scheme]())
    assert m.dark == (scheme == "dark")
    assert contrast_ratio(m.text, m.page) >= 7
    assert contrast_ratio(m.lane_name, m.page) >= AA
    assert contrast_ratio(m.gold_name, m.page) >= AA
    assert contrast_ratio(m.hit, m.page) >= NON_TEXT
    assert contrast_ratio(m.difference, m.page) >= NON_TEXT
    assert contrast_ratio(m.difference_text, m.difference) >= AA
    assert contrast_ratio(m.text, composite(m.hit_fill, m.page)) >= AA


@pytest.mark.parametrize("group", [G.Active, G.Inactive])
def test_dark_palette_is_complete_and_readable(group):
    palette = dark_palette()
    pairs = [
        (R.Text, R.Base), (R.Text, R.AlternateBase), (R.WindowText, R.Window), (R.ButtonText, R.Button),
        (R.HighlightedText, R.Highlight), (R.ToolTipText, R.ToolTipBase), (R.Link, R.Base),
        (R.LinkVisited, R.Base), (R.PlaceholderText, R.Base), (R.BrightText, R.Window),
    ]
    for fore, back in pairs:
        ratio = contrast_ratio(palette.color(group, fore), palette.color(group, back))
        assert ratio >= AA, (fore.name, back.name, round(ratio, 2))
    for role in (R.Text, R.WindowText, R.ButtonText):  # disabled: dimmer, still legible
        dim = contrast_ratio(palette.color(G.Disabled, role), palette.color(G.Disabled, R.Window))
        assert 2.5 <= dim < contrast_ratio(palette.color(group, role), palette.color(group, R.Window))
    assert relative_luminance(palette.color(group, R.Base)) < 0.05
    assert relative_luminance(palette.color(group, R.Window)) < 0.05


def test_light_palette_is_the_styles_own():
    palette = light_palette()
    assert relative_luminance(palette.color(G.Active, R.Base)) > 0.9
    assert contrast_ratio(palette.color(G.Active, R.Text), palette.color(G.Active, R.Base)) >= AA


# ---- the choice, in the window -----------------------------------------------------------------


def _window_luminance() -> float:
    return relative_luminance(QGuiApplication.palette().color(G.Active, R.Window))


def _theme_menu(window) -> QMenu:  # type: ignore[no-untyped-def]
    menu = window.findChild(QMenu, "themeMenu")
    assert menu is not None
    return menu


def test_tests_start_light_and_on_system(window):
    assert theme().choice() == "system"
    assert not theme().is_dark()
    assert _window_luminance() > 0.7
    assert QApplication.style().name().lower() == "fusion"
    assert _theme_menu(window).action_for("system").isChecked()  # type: ignore[attr-defined]


def test_view_theme_switches_the_palette_and_is_remembered(open_window, db_path, qtbot):
    window = open_window(db_path)
    menu = _theme_menu(window)
    view_menu = window.findChild(QMenu, "viewMenu")
    assert view_menu is not None and menu.menuAction() in view_menu.actions()
    dark = menu.action_for("dark")  # type: ignore[attr-defined]
    dark.trigger()
    assert dark.isChecked() and not menu.action_for("system").isChecked()  # type: ignore[attr-defined]
    assert _window_luminance() < 0.05
    view = article(window)  # the page too (widgets take the new palette from posted events)
    qtbot.waitUntil(lambda: relative_luminance(view.palette().color(G.Active, R.Base)) < 0.05)
    assert relative_luminance(view.palette().color(G.Active, R.Text)) > 0.7
    assert QSettings().value(SETTING) == "dark"
    window.close()

    again = open_window(db_path)  # a new start reads the choice back
    assert _window_luminance() < 0.05
    assert _theme_menu(again).action_for("dark").isChecked()  # type: ignore[attr-defined]
    _theme_menu(again).action_for("light").trigger()  # type: ignore[attr-defined]
    assert _window_luminance() > 0.7
    assert QSettings().value(SETTING) == "light"


def test_system_follows_the_desktop_live(window):
    assert theme().choice() == "system"
    seen: list[bool] = []
    theme().themeChanged.connect(seen.append)
    theme()._on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert _window_luminance() < 0.05 and theme().is_dark()
    theme()._on_color_scheme_changed(Qt.ColorScheme.Light)
    assert _window_luminance() > 0.7 and not theme().is_dark()
    assert seen == [True, False]
    theme().themeChanged.disconnect(seen.append)
    theme().set_choice("light")  # a fixed choice ignores the desktop
    theme()._on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert _window_luminance() > 0.7


# ---- what is on the screen ---------------------------------------------------------------------


def _dominant(shot: Shot, area: QRect) -> QColor:
    return QColor(*Counter(_pixels(shot, area)).most_common(1)[0][0])


def _pixels(shot: Shot, area: QRect) -> list[tuple[int, int, int]]:
    xs, ys = range(area.left(), area.right() + 1), range(area.top(), area.bottom() + 1)
    return [shot.pixel(x, y) for y in ys for x in xs]


def _ink(shot: Shot, area: QRect, back: QColor) -> QColor:
    """The glyph colour in ``area``: the pixel that differs most from the background there."""
    return max((QColor(*p) for p in set(_pixels(shot, area))), key=lambda c: contrast_ratio(c, back))


@pytest.mark.parametrize(
    ("choice", "label", "color", "word"),
    [
        ("dark", "PLACE", None, "موسكو"),
        ("dark", "NAVY", "#000080", "باكو"),
        ("dark", "SUN", "#ffff00", "سبوتنيك"),
        ("light", "SUN", "#ffff00", "سبوتنيك"),
    ],
)
def test_rendered_caption_and_tagged_words_keep_aa(  # type: ignore[no-untyped-def]
    open_window, db_path, qtbot, choice, label, color, word
):
    if color is not None:
        with Store(db_path) as store:
            store.add_label(label, "", color)
    theme().set_choice(choice)
    window = open_window(db_path)
    view = article(window)
    wanted = QGuiApplication.palette().color(G.Active, R.Base)
    qtbot.waitUntil(lambda: view.palette().color(G.Active, R.Base) == wanted)
    page = view.palette().color(G.Active, R.Base)
    assert (relative_luminance(page) < 0.05) == (choice == "dark")
    select_text(view, word)
    view.tag_selection(label)
    view.select_range(0, 0)
    qtbot.wait(30)
    [span] = view.spans()
    [rect] = view.span_rects(span)
    shot = Shot(view.viewport())

    # the words: the tinted background under them, and their glyphs' colour
    words = rect.toAlignedRect().adjusted(1, 2, -1, -6)  # above the bar at the bottom
    tinted = _dominant(shot, words)
    assert max(abs(a - b) for a, b in zip(tinted.getRgb()[:3], page.getRgb()[:3], strict=True)) > 20  # tinted
    glyphs = _ink(shot, words, tinted)
    assert contrast_ratio(glyphs, tinted) >= AA, (tinted.name(), glyphs.name())

    # the caption: its fill and its text
    metrics = QFontMetricsF(view.painter.caption_font)
    width = metrics.horizontalAdvance(label) + 4
    height = metrics.height()
    box = QRect(int(rect.right() - width) + 1, int(rect.top() - height) + 1, int(width) - 2, int(height) - 2)
    fill = _dominant(shot, box)
    assert contrast_ratio(fill, page) >= NON_TEXT, fill.name()  # the box shows on the page
    text = _ink(shot, box, fill)
    assert contrast_ratio(text, fill) >= AA, (fill.name(), text.name())
    expected, _ = caption_colors(QColor(color or "#2ca02c"), choice == "dark", page)
    assert contrast_ratio(fill, expected) < 1.1


# ---- the interface's own colours: lists, bars, dialogs, charts ---------------------------------


def _other(scheme: str) -> str:
    return "light" if scheme == "dark" else "dark"


def _choose(qtbot, choice: str, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Switch the scheme and wait until ``widget`` has the new palette (posted events)."""
    theme().set_choice(choice)
    wanted = QGuiApplication.palette().color(G.Active, R.Window)
    qtbot.waitUntil(lambda: widget.palette().color(G.Active, R.Window) == wanted)
    assert (relative_luminance(wanted) < 0.05) == (choice == "dark")


def _rows(view: QWidget) -> tuple[QColor, QColor]:
    palette = view.palette()
    return palette.color(G.Active, R.Base), palette.color(G.Active, R.AlternateBase)


def _opaque(color: QColor) -> QColor:
    return QColor(color.rgb())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_interfaces_own_colours_reach_aa_where_they_are_drawn(scheme):
    palette = SCHEMES[scheme]()
    base, alternate = palette.color(G.Active, R.Base), palette.color(G.Active, R.AlternateBase)
    window = palette.color(G.Active, R.Window)
    for status in ("new", "in_progress", "done", "skipped", "unheard-of"):
        color = status_color(status, palette)
        for back in (base, alternate):
            assert contrast_ratio(color, back) >= AA, (status, color.name(), back.name())
    muted = muted_text_color(palette)
    assert contrast_ratio(muted, base) >= AA and contrast_ratio(muted, alternate) >= AA
    assert muted != palette.color(G.Active, R.Text)  # still quieter than the rows' own text
    assert contrast_ratio(error_text_color(palette), window) >= AA
    bar = warning_bar_colors(palette)
    assert contrast_ratio(bar.text, bar.back) >= AA
    assert contrast_ratio(bar.edge, bar.back) >= NON_TEXT
    assert is_dark_background(bar.back) == (scheme == "dark")  # a deep amber under light text in dark
    band, refused = link_band_colors(base)
    assert contrast_ratio(band, base) >= NON_TEXT and contrast_ratio(refused, base) >= NON_TEXT
    assert band.hue() != refused.hue()
    chart = chart_colors(palette)
    assert chart.back == base
    assert contrast_ratio(chart.text, chart.back) >= AA and contrast_ratio(chart.axis, chart.back) >= NON_TEXT


def test_the_colours_hard_coded_before_failed_where_they_were_drawn():
    """What these helpers replaced, measured: each fails AA (text) or 3:1 (marks) in one scheme."""
    light, dark = light_palette(), dark_palette()
    white, dark_base = light.color(G.Active, R.Base), dark.color(G.Active, R.Base)
    assert contrast_ratio(QColor("#9e9e9e"), white) < AA  # a skipped document's status, 2.7
    assert contrast_ratio(QColor("#777777"), dark_base) < AA  # a new document's status, 3.7
    assert contrast_ratio(QColor("#8a8a8a"), white) < AA  # another analyst's span, 3.4
    assert contrast_ratio(QColor("#b00020"), dark.color(G.Active, R.Window)) < AA  # a problem, 1.9
    assert contrast_ratio(QColor("#b00020"), dark_base) < NON_TEXT  # a refused link, 2.3
    assert contrast_ratio(dark.color(G.Active, R.WindowText), QColor("#fff4ce")) < 1.2  # unsaved bar


def test_the_unsaved_bar_reads_in_dark_and_light_and_follows_a_change(window, qtbot):
    bar = window.unsaved_bar
    _choose(qtbot, "dark", window)
    window.session.store.conn.execute("PRAGMA query_only = ON")  # how SQLite refuses a read-only file
    view = article(window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert bar.isVisible()
    try:
        for scheme in ("dark", "light", "dark"):
            _choose(qtbot, scheme, window)
            qtbot.wait(20)
            colors = warning_bar_colors()
            bar.text.ensurePolished()
            text = bar.text.palette().color(G.Active, bar.text.foregroundRole())  # as the style sheet set it
            assert text == colors.text
            assert contrast_ratio(text, colors.back) >= AA
            shot = Shot(bar)
            back = _dominant(shot, QRect(0, 0, shot.width, shot.height))
            assert contrast_ratio(back, colors.back) < 1.05, (back.name(), colors.back.name())
            assert (relative_luminance(back) < 0.1) == (scheme == "dark")
            words = bar.text.geometry().adjusted(0, 0, -1, -1)
            ink = _ink(shot, words, back)
            assert contrast_ratio(ink, back) >= AA, (scheme, ink.name(), back.name())
    finally:
        window.session.store.conn.execute("PRAGMA query_only = OFF")
        window.session.discard_unsaved()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_document_statuses_read_on_the_list_in_either_scheme(open_window, db_path, qtbot, scheme):
    with Store(db_path) as store:
        ids = [*store.document_ids(), store.insert_document("extra", "خبر قصير عن موسكو")]
    with sqlite3.connect(db_path) as conn:
        for doc_id, status in zip(ids, ("done", "in_progress", "skipped", "new"), strict=True):
            conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, doc_id))
    theme().set_choice(scheme)
    window = open_window(db_path)
    view = window.findChild(QAbstractItemView, "documentList")
    assert view is not None
    model = view.model()
    for choice in (scheme, _other(scheme)):  # and live, after a change
        _choose(qtbot, choice, view)
        base, alternate = _rows(view)
        seen = set()
        for row in range(model.rowCount()):
            color = model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole)
            status = model.index(row, 1).data(Qt.ItemDataRole.DisplayRole)
            seen.add(status)
            for back in (base, alternate):
                assert contrast_ratio(color, back) >= AA, (choice, status, color.name(), back.name())
        assert seen == {"new", "in progress", "done", "skipped"}


def test_other_analysts_spans_are_greyed_with_aa_in_either_scheme(window, qtbot):
    session = window.session
    start = session.document.text.index("موسكو")
    session.store.add_span(session.document.id, start, start + len("موسكو"), "PLACE", "another-analyst")
    session.open_document(session.document.id, force=True)
    panel = window.span_panel
    model = panel.span_model
    row = next(r for r, s in enumerate(model.rows) if s.annotator == "another-analyst")
    for choice in ("dark", "light"):
        _choose(qtbot, choice, panel)
        base, alternate = _rows(panel)
        for column in range(model.columnCount()):
            color = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
            assert contrast_ratio(color, base) >= AA and contrast_ratio(color, alternate) >= AA, color.name()
            assert color != panel.palette().color(G.Active, R.Text)  # greyed all the same


def _problem_dialogs(window) -> list[tuple[QDialog, QLabel]]:  # type: ignore[no-untyped-def]
    from gui.assign_dialog import AssignDialog
    from gui.transfer_dialogs import ImportOptionsDialog

    assign_dialog = AssignDialog(window.session, (None, None), window)
    assign_dialog.analysts.setText("  ")
    assign_dialog.accept()  # refused: no analyst named
    import_dialog = ImportOptionsDialog(["ACTOR"], window)
    import_dialog.label_map.setText("PER")
    import_dialog.accept()  # refused: not OLD=NEW
    return [(assign_dialog, assign_dialog.problem), (import_dialog, import_dialog.problem)]


def test_dialog_problems_read_in_either_scheme_and_follow_a_change(window, qtbot):
    theme().set_choice("dark")
    dialogs = _problem_dialogs(window)
    try:
        for dialog, _problem in dialogs:
            dialog.show()
            qtbot.waitExposed(dialog)
        for choice in ("dark", "light"):
            for dialog, problem in dialogs:
                _choose(qtbot, choice, dialog)
                assert problem.isVisible() and problem.text()
                problem.ensurePolished()
                ink = problem.palette().color(G.Active, problem.foregroundRole())  # the style sheet's
                back = dialog.palette().color(G.Active, R.Window)
                assert ink == error_text_color()
                assert contrast_ratio(ink, back) >= AA, (choice, ink.name(), back.name())
                assert ink.red() > ink.green() + 40  # still red
                if choice == "dark":  # what is on the screen
                    shot = Shot(problem)
                    whole = QRect(0, 0, shot.width, shot.height)
                    drawn = _dominant(shot, whole)
                    assert contrast_ratio(drawn, back) < 1.05
                    assert contrast_ratio(_ink(shot, whole, drawn), drawn) >= AA
    finally:
        for dialog, _problem in dialogs:
            dialog.close()


def test_the_link_band_stands_out_from_the_page_in_either_scheme(window, qtbot):
    band = window.linking.band
    view = article(window)
    for choice in ("dark", "light"):
        _choose(qtbot, choice, view)
        page = view.viewport().palette().color(G.Active, R.Base)
        assert (relative_luminance(page) < 0.05) == (choice == "dark")
        drawn, refused = band.colors()
        assert contrast_ratio(drawn, page) >= NON_TEXT, (choice, drawn.name())
        assert contrast_ratio(refused, page) >= NON_TEXT, (choice, refused.name())


def _bar_colors(stats) -> list[QColor]:  # type: ignore[no-untyped-def]
    bars = [stats.status_bars, stats.label_bars, stats.analyst_bars, stats.agreement_bars]
    colors = [brush.color() for b in bars if b is not None for brush in b.opts["brushes"]]
    colors += [b.opts["brush"].color() for b in stats.name_bars.values()]
    colors += [curve.opts["pen"].color() for curve in stats.progress_curves.values()]
    return colors


def test_statistics_charts_follow_the_scheme_with_aa_text_and_bars_that_stand_out(window, qtbot):
    session = window.session
    text = session.document.text
    spans = (("موسكو", "PLACE", "amal"), ("باكو", "PLACE", "huda"), ("روسيا", "ACTOR", "omar"))
    for needle, label, who in spans:
        start = text.index(needle)
        session.store.add_span(session.document.id, start, start + len(needle), label, who)
    theme().set_choice("dark")
    stats = _open_statistics(qtbot, window)
    assert len(stats.progress_curves) == 3
    for choice in ("dark", "light"):
        _choose(qtbot, choice, stats)
        page = QGuiApplication.palette().color(G.Active, R.Base)
        plots = [*(chart.getPlotItem() for chart in stats._charts()), *stats.names_plots.values()]
        for chart in (*stats._charts(), stats.names_chart):
            assert _opaque(chart.backgroundBrush().color()) == page
        for plot in plots:
            for name in ("left", "bottom", "right"):
                axis = plot.getAxis(name)
                assert contrast_ratio(axis.textPen().color(), page) >= AA
                assert contrast_ratio(axis.pen().color(), page) >= NON_TEXT
        for color in _bar_colors(stats):
            assert contrast_ratio(color, page) >= NON_TEXT, (choice, color.name())
        for plot in stats.names_plots.values():  # the labels' titles over the names
            assert contrast_ratio(QColor(plot.titleLabel.opts["color"]), page) >= AA
        legend = stats.legend
        assert legend.items and all(
            contrast_ratio(QColor(lab.opts["color"]), page) >= AA for _sample, lab in legend.items
        )
        shot = Shot(stats.status_plot)
        drawn = _dominant(shot, QRect(0, 0, shot.width, shot.height))
        assert contrast_ratio(drawn, page) < 1.05, (choice, drawn.name())
        if choice == "light":  # the default labels' own colours already stand out on white
            by_label = [brush.color().name() for brush in stats.label_bars.opts["brushes"]]
            assert by_label == [label.color for label in session.store.labels()]
    stats.close()
