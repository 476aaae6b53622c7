"""The window on a team database: the same window, the analyst is the login, other analysts' edits
arrive by notification, and a cut connection never shows an edit as saved."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest
from PySide6.QtCore import Qt

from model import team
from model.store import Store
from tests.gui.conftest import article, select_text

TEXT = "استدعت وزارة الخارجية الأذربيجانية القائم بالأعمال الروسي في باكو بعد اعتقال موظفين في موسكو"


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


@pytest.fixture
def team_window(open_window, team_url):  # type: ignore[no-untyped-def]
    with Store(team_url) as lead:
        lead.insert_document("baku", TEXT)
    return open_window(team_url)


def test_the_window_opens_a_team_database_and_tags_as_the_login(team_window, team_url, qtbot):
    session = team_window.session
    assert session.annotator == "analyst"
    assert session.document is not None and session.document.ext_id == "baku"  # no samples added
    view = article(team_window)
    select_text(view, "موسكو")
    qtbot.keyClick(view, Qt.Key.Key_3)
    with Store(team_url) as other:
        assert [(s.label, s.annotator) for s in other.spans(session.document.id)] == [("PLACE", "analyst")]


def test_another_analysts_span_appears_without_reopening(team_window, team_url, pg_cluster, qtbot):
    team.add(pg_cluster.url(urlsplit(team_url).path.lstrip("/")), "huda", "annotator")
    session = team_window.session
    doc_id = session.document.id
    start = TEXT.index("باكو")
    with Store(as_user(team_url, "huda")) as huda:
        huda.add_span(doc_id, start, start + 4, "PLACE")
    qtbot.waitUntil(lambda: any(s.annotator == "huda" for s in session.spans()), timeout=3000)
    assert [(s.start, s.label) for s in session.spans() if s.annotator == "huda"] == [(start, "PLACE")]


def test_an_edit_made_while_the_server_is_down_waits_and_is_saved_when_it_is_back(
    team_window, team_url, pg_cluster, qtbot
):
    session = team_window.session
    view = article(team_window)
    pg_cluster.stop("immediate")
    try:
        select_text(view, "موسكو")
        qtbot.keyClick(view, Qt.Key.Key_3)
        assert len(session.unsaved) == 1  # not drawn as saved
        assert session.spans() == []
        assert team_window.unsaved_bar.isVisible()
        assert "cannot be reached" in session.unsaved_reason
    finally:
        pg_cluster.start()
    qtbot.waitUntil(lambda: not session.unsaved, timeout=10000)  # retried by itself
    with Store(team_url) as other:
        assert [s.label for s in other.spans(session.document.id)] == ["PLACE"]
    assert [s.label for s in session.spans()] == ["PLACE"]
