"""Screenshot tests: what a person sees, checked in pixels."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from tests.gui.conftest import article, select_text
from tests.gui.pixels import Shot, is_ink, is_tinted


def _visible_lines(view):  # type: ignore[no-untyped-def]
    """(top, bottom) of every visible non-empty text line, in viewport pixels."""
    doc = view.document()
    dy = view.verticalScrollBar().value()
    block, out = doc.begin(), []
    while block.isValid():
        layout = block.layout()
        if block.length() > 1:
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                top = int(layout.position().y() + line.y() - dy)
                bottom = int(top + line.height())
                if 0 <= top and bottom <= view.viewport().height():
                    out.append((top, bottom))
        block = block.next()
    return out


def test_every_arabic_line_ends_at_the_right_margin(window, qtbot):
    window.resize(1100, 900)
    view = article(window)
    qtbot.wait(20)
    shot = Shot(view.viewport())
    margin_x = view.viewport().width() - int(view.document().documentMargin())
    lines = _visible_lines(view)
    assert len(lines) >= 8
    for top, bottom in lines:
        right = shot.rightmost(top + 2, bottom - 2, is_ink)
        assert right is not None
        assert margin_x - 6 <= right <= margin_x + 1, (top, right, margin_x)


def test_short_last_lines_are_right_aligned_too(window, qtbot):
    window.resize(1100, 900)
    view = article(window)
    qtbot.wait(20)
    shot = Shot(view.viewport())
    lines = _visible_lines(view)
    lefts = []
    for top, bottom in lines:
        box = shot.box(QRect(0, top + 2, shot.width, bottom - top - 4), is_ink)
        assert box is not None
        lefts.append(box.left())
    # Some lines are short (paragraph ends); they must hug the right, leaving space on the left.
    assert max(lefts) > shot.width // 3


def test_highlight_box_covers_the_tagged_words_ink(window, qtbot):
    view = article(window)
    start, end = select_text(view, "موسكو")
    qtbot.wait(20)
    selected = Shot(view.viewport())
    # Qt's own selection highlight marks where the word's glyphs are; its ink lies inside it.
    highlight = view.palette().highlight().color()
    sel_box = selected.box(
        view.viewport().rect(),
        lambda p: (
            abs(p[0] - highlight.red()) < 30
            and abs(p[1] - highlight.green()) < 30
            and abs(p[2] - highlight.blue()) < 30
        ),
    )
    assert sel_box is not None
    view.select_range(0, 0)
    qtbot.wait(20)
    plain = Shot(view.viewport())
    ink = plain.box(sel_box, is_ink)
    assert ink is not None

    view.select_range(start, end)
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.wait(20)
    tagged = Shot(view.viewport())
    tint = tagged.box(sel_box.adjusted(-30, -10, 30, 10), is_tinted)
    assert tint is not None
    assert tint.left() <= ink.left() and tint.right() >= ink.right(), (tint, ink)
    assert tint.top() <= ink.top() + 2 and tint.bottom() >= ink.bottom() - 2, (tint, ink)
    [rect] = view.span_rects(view.spans()[0])
    assert abs(rect.left() - sel_box.left()) <= 2 and abs(rect.right() - sel_box.right()) <= 2


def test_nested_spans_show_both_label_colours(window, qtbot):
    view = article(window)
    select_text(view, "سفير أذربيجان")
    qtbot.keyClick(view, Qt.Key.Key_1)
    select_text(view, "أذربيجان", occurrence=1)
    qtbot.keyClick(view, Qt.Key.Key_3)
    view.select_range(0, 0)
    qtbot.wait(20)
    shot = Shot(view.viewport())
    outer = next(s for s in view.spans() if s.label == "ACTOR")
    [rect] = view.span_rects(outer)
    area = rect.toAlignedRect().adjusted(0, -30, 0, 2)
    colours = {
        shot.pixel(x, y) for y in range(area.top(), area.bottom()) for x in range(area.left(), area.right())
    }
    blue = any(b > r + 60 and b > g for r, g, b in colours)  # ACTOR #1f77b4
    green = any(g > r + 60 and g > b + 40 for r, g, b in colours)  # PLACE #2ca02c
    assert blue and green
