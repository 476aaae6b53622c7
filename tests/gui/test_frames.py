"""Event frames: links drawn in the text as arcs (and hidden on request), and the span panel
grouping each event with its arguments."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSettings, Qt
from PySide6.QtGui import QColor

from gui.arcs import _apart
from gui.span_panel import FRAME_ROLE
from model.store import Store
from model.textio import read_text_file
from tests.conftest import SAMPLES
from tests.gui.conftest import article
from tests.gui.pixels import Shot, is_ink


def _near(color: QColor, tolerance: int = 40):  # type: ignore[no-untyped-def]
    want = (color.red(), color.green(), color.blue())
    return lambda p: sum(abs(a - b) for a, b in zip(p, want, strict=True)) <= tolerance


def _linked_db(tmp_path: Path, links: list[tuple[str, str, str, str, str]]) -> tuple[str, dict[str, int]]:
    """The seed article with spans on the words named in ``links`` (event word, its label,
    argument word, its label, role) and those links. Returns the path and the span ids by word."""
    text = read_text_file(SAMPLES / "000-seed.txt")
    path = tmp_path / "frames.db"
    ids: dict[str, int] = {}
    with Store(path) as store:
        doc = store.insert_document("seed", text, title="seed")

        def span(word: str, label: str) -> int:
            if word not in ids:
                start = text.index(word)
                ids[word] = store.add_span(doc, start, start + len(word), label)[0].id
            return ids[word]

        for event, event_label, argument, argument_label, role in links:
            store.link(span(event, event_label), span(argument, argument_label), role)
    return str(path), ids


FRAME = [  # one event on the first line of the article's body, its three arguments
    ("استدعاء", "EVENT", "وزارة الخارجية الروسية", "ACTOR", "source"),
    ("استدعاء", "EVENT", "سفير أذربيجان", "ACTOR", "target"),
]


def _span(window, span_id: int):  # type: ignore[no-untyped-def]
    span = window.session.index.get(span_id)
    assert span is not None
    return span


def _viewport_rect(view, span) -> QRect:  # type: ignore[no-untyped-def]
    [rect] = view.span_rects(span)
    return rect.toAlignedRect()


def test_an_arc_joins_event_and_argument_above_their_line_and_hides_with_the_toggle(
    open_window, tmp_path, qtbot
):
    path, ids = _linked_db(tmp_path, FRAME)
    window = open_window(path)
    window.resize(1100, 900)
    view = article(window)
    qtbot.wait(20)
    event, source = _span(window, ids["استدعاء"]), _span(window, ids["وزارة الخارجية الروسية"])
    e, a = _viewport_rect(view, event), _viewport_rect(view, source)
    assert abs(e.top() - a.top()) <= 1  # one line
    color = view.arcs.color("source")
    # between the two words (right of the event, left of the argument's far end), above the line
    left, right = min(e.center().x(), a.center().x()), max(e.center().x(), a.center().x())
    above = QRect(left, e.top() - 90, right - left, 90 - 4)
    shot = Shot(view.viewport())
    found = shot.box(above, _near(color))
    assert found is not None, "no arc of the source colour above the line"
    assert found.width() > (right - left) // 2  # a run across, not a speck
    assert found.bottom() < e.top()  # all above the words
    assert view.arcs.drawn == 2

    window.links_action.setChecked(False)
    qtbot.wait(20)
    assert not view.show_links()
    e = _viewport_rect(view, event)
    above = QRect(0, max(0, e.top() - 90), view.viewport().width(), 90 - 4)
    assert Shot(view.viewport()).box(above, _near(color)) is None
    window.links_action.setChecked(True)
    qtbot.wait(20)
    e = _viewport_rect(view, event)
    above = QRect(left, e.top() - 90, right - left, 90 - 4)
    assert Shot(view.viewport()).box(above, _near(color)) is not None


def test_room_between_lines_is_kept_for_arcs_only_while_they_are_shown(open_window, tmp_path, qtbot):
    path, ids = _linked_db(tmp_path, FRAME)
    window = open_window(path)
    view = article(window)
    event = _span(window, ids["استدعاء"])
    linked_top = view.span_rects(event)[0].top()
    window.links_action.setChecked(False)
    qtbot.wait(10)
    assert view.span_rects(event)[0].top() < linked_top - 10  # lines closer together
    window.links_action.setChecked(True)
    qtbot.wait(10)
    assert abs(view.span_rects(event)[0].top() - linked_top) < 1


def test_an_arc_across_a_line_break_runs_between_the_lines_and_never_slants(open_window, tmp_path, qtbot):
    links = [("استدعاء", "EVENT", "موسكو", "PLACE", "place")]  # موسكو wraps onto a later line
    path, ids = _linked_db(tmp_path, links)
    window = open_window(path)
    window.resize(900, 900)
    window.splitter.setSizes([150, 420, 330])  # a narrow article: its first line wraps before موسكو
    view = article(window)
    qtbot.wait(20)
    event, place = _span(window, ids["استدعاء"]), _span(window, ids["موسكو"])
    e, p = _viewport_rect(view, event), _viewport_rect(view, place)
    assert p.top() > e.bottom(), "the place must be on a later line at this width"
    [arc] = view.arcs.routed
    points = arc.points
    for a, b in itertools.pairwise(points):  # horizontal and vertical runs only
        assert abs(a.x() - b.x()) < 0.01 or abs(a.y() - b.y()) < 0.01
    shift = view.verticalScrollBar().value()
    run_ys = {round(pt.y() - shift) for pt in points[1:-1]}
    assert all(e.bottom() < y < p.top() for y in run_ys), (run_ys, e, p)  # in the gap between
    shot = Shot(view.viewport())
    color = view.arcs.color("place")
    gap = QRect(0, e.bottom() + 1, view.viewport().width(), p.top() - e.bottom() - 2)
    found = shot.box(gap, _near(color))
    assert found is not None
    # it leaves under the event and comes down onto the place
    assert found.left() <= min(e.center().x(), p.center().x()) + 8
    assert found.right() >= max(e.center().x(), p.center().x()) - 8


def test_an_arc_between_distant_lines_goes_by_the_gutter(open_window, tmp_path, qtbot):
    links = [("استدعاء", "EVENT", "يكاترينبورغ", "PLACE", "place")]  # the next paragraph
    path, _ids = _linked_db(tmp_path, links)
    window = open_window(path)
    window.resize(1100, 900)
    view = article(window)
    qtbot.wait(20)
    [arc] = view.arcs.routed
    left, _right = view.text_edges()
    xs = sorted({round(pt.x()) for pt in arc.points})
    assert xs[0] < left  # the vertical run is in the gutter, left of the right-to-left text
    color = view.arcs.color("place")
    shot = Shot(view.viewport())
    gutter = QRect(0, 0, int(left), view.viewport().height())
    found = shot.box(gutter, _near(color))
    assert found is not None and found.height() > 100


def test_the_role_is_written_on_the_arc(open_window, tmp_path, qtbot):
    path, _ids = _linked_db(tmp_path, FRAME)
    window = open_window(path)
    window.resize(1100, 900)
    view = article(window)
    qtbot.wait(20)
    shift = view.verticalScrollBar().value()
    boxes = {role: view.arcs.label_boxes(arc) for arc in view.arcs.routed for role in [arc.relation.role]}
    assert set(boxes) == {"source", "target"}
    shot = Shot(view.viewport())
    for role, [box] in boxes.items():
        inner = box.translated(0, -shift).toAlignedRect().adjusted(3, 2, -3, -2)
        ink = view.arcs.ink(role)
        letters = shot.box(inner, _near(ink, 120))
        assert letters is not None, role
        width = view.arcs.label_width(role) - 8  # the text's own advance
        assert letters.width() >= width * 0.7, (role, letters, width)
    # and nothing but the page around the words where no arc runs (no stray marks)
    assert not any(is_ink(shot.pixel(x, 2)) for x in range(0, shot.width, 7))


def test_the_span_panel_groups_each_event_with_its_arguments_in_role_order(open_window, tmp_path, qtbot):
    links = [
        ("استدعاء", "EVENT", "موسكو", "PLACE", "place"),  # linked first, listed last
        ("استدعاء", "EVENT", "سفير أذربيجان", "ACTOR", "target"),
        ("استدعاء", "EVENT", "وزارة الخارجية الروسية", "ACTOR", "source"),
        ("اعتقال", "EVENT", "باكو", "PLACE", "place"),
    ]
    path, ids = _linked_db(tmp_path, links)
    window = open_window(path)
    session = window.session
    start = session.document.text.index("سبوتنيك")
    session.store.add_span(session.document.id, start, start + len("سبوتنيك"), "ACTOR")  # in no frame
    session.open_document(session.document.id, force=True)
    model = window.span_panel.span_model
    rows = [
        (model.index(r, 0).data(), model.index(r, 1).data(), model.frame_roles[r])
        for r in range(model.rowCount())
    ]
    assert rows == [
        ("استدعاء", "EVENT", ""),
        ("وزارة الخارجية الروسية", "ACTOR", "source"),
        ("سفير أذربيجان", "ACTOR", "target"),
        ("موسكو", "PLACE", "place"),
        ("اعتقال", "EVENT", ""),
        ("باكو", "PLACE", "place"),
        ("سبوتنيك", "ACTOR", ""),  # after the frames
    ]
    assert model.index(2, 0).data(FRAME_ROLE) == "target"

    # clicking an argument's row shows that span in the article
    panel = window.span_panel
    rect = panel.visualRect(model.index(5, 0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert article(window).selected_text() == "باكو"

    # an unlink moves the argument out of its frame, among the spans in none in reading order
    [relation] = [r for r in session.relations if r.argument_id == ids["باكو"]]
    session.unlink(relation.id)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names[4:] == ["اعتقال", "سبوتنيك", "باكو"]
    assert model.frame_roles[4:] == ["", "", ""]
    assert [s.id for s in model.rows[:4]] == [
        ids["استدعاء"], ids["وزارة الخارجية الروسية"], ids["سفير أذربيجان"], ids["موسكو"]
    ]
    qtbot.keyClick(article(window), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [model.index(r, 0).data() for r in range(4, model.rowCount())] == ["اعتقال", "باكو", "سبوتنيك"]
    assert model.frame_roles[5] == "place"

    # a new span in no frame is one row more, in reading order after the frames
    view = article(window)
    start = session.document.text.index("موظفين")
    view.select_range(start, start + len("موظفين"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert [model.index(r, 0).data() for r in range(6, model.rowCount())] == ["موظفين", "سبوتنيك"]
    assert [s.id for s in model.rows] != [s.id for s in sorted(session.index, key=lambda s: s.start)]


def test_the_links_toggle_is_remembered(open_window, db_path, qtbot):
    window = open_window(db_path)
    assert window.links_action.isChecked()  # on by default
    assert window.links_action.objectName() == "linksAction"
    window.links_action.setChecked(False)
    assert QSettings().value("view/links") == "false"
    again = open_window(db_path)
    assert not again.links_action.isChecked()
    assert not article(again).show_links()
    again.links_action.setChecked(True)
    assert QSettings().value("view/links") == "true"


def test_role_boxes_never_cover_each_other_the_carets_arcs_keep_their_place():
    ink = QColor("black")
    boxes = [  # (box, run from, run to, role, colour, ink, the caret's arc)
        (QRectF(100, 10, 40, 12), 20, 300, "source", ink, ink, False),
        (QRectF(110, 10, 40, 12), 20, 300, "target", ink, ink, True),
        (QRectF(105, 10, 40, 12), 90, 160, "place", ink, ink, False),  # a short run: no room to slide
    ]
    placed = _apart(boxes)
    assert placed[0][0] == QRectF(110, 10, 40, 12) and placed[0][1] == "target"  # the caret's, unmoved
    assert [role for _box, role, *_ in placed] == ["target", "source"]  # place had nowhere to go
    for i, (box, *_rest) in enumerate(placed):
        assert 20 <= box.left() and box.right() <= 300
        assert not any(box.intersects(other) for other, *_ in placed[i + 1 :])


def test_captions_of_neighbouring_short_spans_never_cover_each_other(window, qtbot):
    view = article(window)
    for word in ("أعلنت", "وزارة", "الخارجية"):  # three short words side by side, each an ACTOR
        start = view.text.index(word)
        view.select_range(start, start + len(word))
        qtbot.keyClick(view, Qt.Key.Key_1)
    painter = view.painter
    block = view.document().findBlock(painter.offsets.to_utf16(view.text.index("وزارة")))
    pieces = painter.pieces(block)
    placed = painter._caption_boxes(pieces, right_to_left=True)
    boxes = list(placed.values())
    assert len(boxes) == 3
    for i, box in enumerate(boxes):
        assert not any(box.intersects(other) for other in boxes[i + 1 :])
    full = {i: painter.caption_box(pieces[i], True) for i in placed}
    assert any(placed[i].width() < full[i].width() for i in placed)  # one was squeezed (and elided)
