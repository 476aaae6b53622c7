"""The team database on PostgreSQL over loopback: tagging in the window, and a JSONL import.

A PostgreSQL server is started for the run (durable: fsync on, as a team's would be), in a
temporary folder; see tests/pgcluster.py. Baselines, measured in the same run:
- tag: a raw psycopg INSERT + COMMIT of one span over the same connection kind, plus a bare
  repaint (what one committed and drawn tag costs at least);
- import: the same document and span rows, already built, copied in with ``COPY`` by the
  database owner (no parsing, no checks, no row-level security).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, qInstallMessageHandler

from bench.annotate import bare_view, make_article, quiet_offscreen, tag_words, words
from bench.corpus import make_corpus, timed
from bench.report import median, percentile, row
from gui.app import create_main_window, ensure_application
from model import team
from model.importing import import_paths
from model.store import Store, content_hash
from tests.pgcluster import Cluster, start_cluster

SPANS = 10_000
TAGS = 300
DOCS = int(os.environ.get("HASHIYA_BENCH_DOCS", "100000"))
LEAD = "bench_lead"


def new_database(cluster: Cluster, name: str) -> tuple[str, str]:
    """A team database: (the owner's URL, the lead's URL)."""
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    owner = cluster.url(name)
    team.init(owner)
    team.add(owner, LEAD, "lead")
    return owner, cluster.url(name, user=LEAD)


def tagging(cluster: Cluster) -> None:
    import psycopg

    ensure_application()
    text = make_article()
    _, url = new_database(cluster, "bench_tag")
    spans = words(text)
    random.Random(7).shuffle(spans)
    tagged, free = spans[:SPANS], spans[SPANS:]
    with Store(url) as store:
        doc_id = store.insert_document("bench", text, title="bench article")
        with store.transaction() as conn:
            conn.executemany(
                'INSERT INTO spans (doc_id, start, "end", label) VALUES (?, ?, ?, ?)',
                [(doc_id, a, b, ("ACTOR", "EVENT", "PLACE")[k % 3]) for k, (a, b) in enumerate(tagged)],
            )
    window = create_main_window(url)
    rng = random.Random(3)
    ours = tag_words(window, rng.sample(free, TAGS))
    assert len(window.article_view.spans()) == SPANS + TAGS, "every tag must land"
    window.close()
    window.session.store.close()

    bare = bare_view(text)
    base = []
    with psycopg.connect(url, autocommit=True) as conn:
        for start, end in rng.sample(free, TAGS):
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute(
                'INSERT INTO spans (doc_id, start, "end", label) VALUES (1, %s, %s, %s)',
                (start, end, "ACTOR"),
            )
            conn.execute("COMMIT")
            bare.viewport().repaint()
            base.append((time.perf_counter() - t0) * 1000)
    bare.close()
    med, p99 = median(ours), percentile(ours, 99)
    row("tag on PostgreSQL: key → committed + drawn, median", med, median(base), "target ≤ 16 ms", med <= 16)
    row("tag on PostgreSQL: key → committed + drawn, p99", p99, percentile(base, 99), "target ≤ 50 ms",
        p99 <= 50)


def baseline_copy(owner: str, corpus: Path) -> float:
    """COPY of the same rows, built beforehand (not timed), by the owner (no row-level security)."""
    import psycopg

    docs, spans = [], []
    with corpus.open(encoding="utf-8") as fh:
        for doc_id, line in enumerate(fh, 1):
            r = json.loads(line)
            docs.append((doc_id, r["id"], r["title"], r["text"], "{}", r["status"], content_hash(r["text"])))
            spans += [(doc_id, s["start"], s["end"], s["label"], s["annotator"]) for s in r["spans"]]
    with psycopg.connect(owner) as conn:

        def copy() -> None:
            with conn.cursor() as cur:
                columns = "id, ext_id, title, text, meta, status, content_hash"
                with cur.copy(f"COPY documents ({columns}) FROM STDIN") as c:
                    for d in docs:
                        c.write_row(d)
                with cur.copy('COPY spans (doc_id, start, "end", label, annotator) FROM STDIN') as c:
                    for s in spans:
                        c.write_row(s)
            conn.commit()

        return timed(copy)


def importing(cluster: Cluster, tmp: Path) -> None:
    corpus = tmp / "corpus.jsonl"
    make_corpus(corpus, DOCS)
    base_owner, _ = new_database(cluster, "bench_base1")
    before = baseline_copy(base_owner, corpus)
    _, url = new_database(cluster, "bench_import")
    with Store(url) as store:
        ours = timed(lambda: import_paths(store, [corpus]))
        assert store.document_count() == DOCS
    base_owner, _ = new_database(cluster, "bench_base2")
    base = (before + baseline_copy(base_owner, corpus)) / 2
    name = f"import {DOCS:,} JSONL articles into PostgreSQL (vs COPY)"
    row(name, ours, base, "target ≤ 2×", ours <= 2 * base)


def run() -> None:
    qInstallMessageHandler(quiet_offscreen)
    print(f"team: PostgreSQL over loopback; an article of 200k characters with {SPANS:,} spans, "
          f"{TAGS} tags; an import of {DOCS:,} articles")
    cluster = start_cluster(durable=True)
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp_name)
            tagging(cluster)
            importing(cluster, Path(tmp_name))
    finally:
        cluster.remove()


if __name__ == "__main__":
    run()
