"""Analysts tagging one document of a team database at the same time, from separate processes:
every edit is kept, each as its analyst's."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from urllib.parse import urlsplit, urlunsplit

from model import team
from model.store import Store
from tests.conftest import ROOT

TEXT = " ".join(f"كلمة{n}" for n in range(400))

TAGGER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from model.commands import AddSpan
    from model.store import Store
    url, offset = sys.argv[1], int(sys.argv[2])
    with Store(url) as store:
        text = store.document(1).text
        starts = [i for i, ch in enumerate(text) if ch == "ك" and (i == 0 or text[i - 1] == " ")]
        for n, start in enumerate(starts[offset::2][:60]):
            end = text.index(" ", start)
            AddSpan(1, start, end, ("ACTOR", "PLACE")[n % 2], "", text[start:end]).do(store)
            if n % 20 == 0:
                store.set_status(1, "in_progress")
    print("done")
    """
)


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}"))


def test_two_analysts_tagging_one_document_at_once_lose_nothing(team_url, pg_cluster):
    admin = pg_cluster.url(urlsplit(team_url).path.lstrip("/"))
    for name in ("amal", "huda"):
        team.add(admin, name, "annotator")
    with Store(team_url) as lead:
        assert lead.insert_document("long", TEXT) == 1
    script = TAGGER.format(root=str(ROOT))
    children = [
        subprocess.Popen([sys.executable, "-c", script, as_user(team_url, name), str(offset)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for offset, name in enumerate(("amal", "huda"))
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    with Store(team_url) as lead:
        spans = lead.spans(1)
        assert len(spans) == 120
        assert {s.annotator for s in spans} == {"amal", "huda"}
        assert sum(s.annotator == "amal" for s in spans) == 60
        assert len({(s.start, s.end) for s in spans}) == 120  # each word once: the two never met
        ids = [s.id for s in spans]
        assert len(set(ids)) == 120
