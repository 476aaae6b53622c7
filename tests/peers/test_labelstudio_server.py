"""A Hashiya export loaded into a real Label Studio server on loopback, and its export read back.

Needs Label Studio 1.23 in its own venv: ``python3 -m venv /tmp/lsenv && /tmp/lsenv/bin/pip install
'label-studio==1.23.*'``, then ``HASHIYA_PEERS_VENV=/tmp/lsenv pytest -m peers``. The server takes
about a minute to start.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from model.exporting import export_documents
from model.importing import import_paths
from model.paths import SAMPLES
from model.store import Store

from .conftest import peer_program

pytestmark = [pytest.mark.peers, pytest.mark.slow]

TOKEN = "hashiya0peers0token0123456789"
SPANS = [("وزارة الخارجية الروسية", "ACTOR", "amal"), ("استدعاء", "EVENT", "amal"),
         ("موسكو", "PLACE", "نور")]


@dataclass
class Server:
    url: str

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw.decode("utf-8", "replace")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    program = peer_program("label-studio")
    folder = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    env = {**os.environ, "LABEL_STUDIO_USERNAME": "peers@example.org",
           "LABEL_STUDIO_PASSWORD": "hashiya-peers", "LABEL_STUDIO_USER_TOKEN": TOKEN}
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(program), "start", "--no-browser", "--internal-host", "127.0.0.1", "-p", str(port),
         "--enable-legacy-api-token", "--data-dir", str(folder / "data")],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                pytest.fail(f"Label Studio exited: {(folder / 'server.log').read_text()[-2000:]}")
            try:
                if server.call("GET", "/api/projects")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Label Studio did not answer within 5 minutes")
            time.sleep(2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


NOTE = "المصدر: وكالة الأنباء الروسية"


@pytest.fixture
def seed_export(tmp_path: Path) -> tuple[Store, Path]:
    """The seed article with spans by two analysts, two links, marked done; exported."""
    store = Store(":memory:")
    import_paths(store, [SAMPLES / "000-seed.txt"])
    doc = next(store.iter_documents())
    ids = {}
    for needle, label, who in SPANS:
        start = doc.text.index(needle)
        ids[label] = store.add_span(doc.id, start, start + len(needle), label, who)[0].id
    store.link(ids["EVENT"], ids["ACTOR"], "source")
    store.link(ids["EVENT"], ids["PLACE"], "place")
    store.set_span_note(ids["PLACE"], NOTE)
    store.set_status(doc.id, "done")
    export_documents(store, tmp_path / "seed.json", fmt="labelstudio")
    return store, tmp_path / "seed.json"


def spans_of(store: Store) -> list[tuple[str, str, str]]:
    doc = next(store.iter_documents())
    return sorted((doc.text[s.start : s.end], s.label, s.annotator) for s in store.spans(doc.id))


def test_label_studio_accepts_the_export_and_its_own_export_comes_back(label_studio, seed_export, tmp_path):
    store, out = seed_export
    config = out.with_name("seed.config.xml").read_text(encoding="utf-8")
    status, project = label_studio.call("POST", "/api/projects", {"title": "hashiya", "label_config": config})
    assert status == 201, project
    tasks = json.loads(out.read_text(encoding="utf-8"))
    status, imported = label_studio.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert status == 201, imported
    assert (imported["task_count"], imported["annotation_count"]) == (1, 1)

    status, exported = label_studio.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    assert status == 200, exported
    (task,) = exported
    (annotation,) = task["annotations"]
    assert isinstance(annotation["completed_by"], int)  # Label Studio's own user
    regions = [r for r in annotation["result"] if r["type"] == "labels"]
    assert sorted(r["meta"]["annotator"] for r in regions) == ["amal", "amal", "نور"]
    assert [r["meta"]["text"] for r in regions if "text" in r["meta"]] == [[NOTE]]  # the span's note

    (tmp_path / "from-ls.json").write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with Store(":memory:") as back:
        import_paths(back, [tmp_path / "from-ls.json"])
        assert spans_of(back) == spans_of(store)  # the analysts' names, not Label Studio's user id
        doc = next(back.iter_documents())
        assert (doc.ext_id, doc.status) == ("000-seed", "done")
        assert len(back.relations(doc.id)) == 2
        assert list(back.span_notes(doc.id).values()) == [NOTE]


def test_label_studio_takes_a_config_whose_label_names_hold_markup_and_controls(label_studio, tmp_path):
    name = 'ORG\x01<x>&"q\''
    with Store(":memory:") as store:
        store.add_label(name)
        doc_id = store.insert_document("odd", "منظمة غريبة في باكو")
        assert doc_id is not None
        store.add_span(doc_id, 0, 5, name, "amal")
        export_documents(store, tmp_path / "odd.json", fmt="labelstudio")
    config = (tmp_path / "odd.config.xml").read_text(encoding="utf-8")
    status, project = label_studio.call("POST", "/api/projects", {"title": "odd", "label_config": config})
    assert status == 201, project
    tasks = json.loads((tmp_path / "odd.json").read_text(encoding="utf-8"))
    status, imported = label_studio.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert status == 201, imported
    status, exported = label_studio.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    assert exported[0]["annotations"][0]["result"][0]["value"]["labels"] == ['ORG<x>&"q\'']
