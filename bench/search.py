"""Corpus search at 1k, 10k and 100k articles (``HASHIYA_BENCH_DOCS`` caps the largest).

Each figure stands beside a baseline measured in the same run:
- the index build that follows an import in the background (folded copies, trigrams, and the
  tokens the token exports use), against a plain FTS5 trigram build of the same texts;
- the first page (500 rows) and a count capped at 1,000 for a fixed list of Arabic queries,
  against the same two raw queries of a plain FTS5 trigram table (a raw ``LIKE`` for one or two
  letters, which trigrams cannot answer);
- the status filter, alone and with a search, against the same filter without the status index;
- tagging 500 matches in one command (and undoing it), against a raw ``executemany`` of the rows.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import make_corpus, timed
from bench.report import median, percentile, row
from model.arabic import fold_and_drop
from model.commands import AddSpans
from model.importing import import_paths
from model.records import STATUSES
from model.search import update_index
from model.store import Store

DOCS = int(os.environ.get("HASHIYA_BENCH_DOCS", "100000"))
SIZES = sorted({n for n in (1_000, 10_000, 100_000) if n < DOCS} | {DOCS})
PAGE, CAP, REPEAT = 500, 1000, 5

#: (kind, query): frequent words, rare ones, one and two letters, forms search must normalise.
QUERIES = [
    ("frequent", "في"),
    ("frequent", "من"),
    ("frequent", "روسيا"),
    ("frequent", "قال"),
    ("frequent", "الرئيس"),
    ("rare", "اذربيجان"),
    ("rare", "خبر رقم 777"),
    ("rare", "كمبيوتر"),
    ("rare", "xyz"),
    ("short", "و"),
    ("short", "لا"),
    ("short", "ظظ"),
    ("short", "ؤ"),
    ("short", "عن"),
    ("normalised", "أذربيجان"),
    ("normalised", "العلاقــات"),
    ("normalised", "مُوسْكو"),
    ("normalised", "الإعلام"),
]


def ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def first_lines(source: Path, target: Path, count: int) -> Path:
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= count:
                break
            dst.write(line)
    return target


def plain_fts_build(db: Path, source: Path) -> float:
    """A plain FTS5 trigram index of the stored texts, unfolded, in a database of its own."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE VIRTUAL TABLE plain USING fts5(body, tokenize='trigram')")

    def build() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO plain (rowid, body) SELECT id, text FROM main_db.documents")
        conn.execute("COMMIT")

    conn.execute("ATTACH DATABASE ? AS main_db", (str(source),))
    took = timed(build)
    conn.close()
    return took


def raw_query(conn: sqlite3.Connection, query: str) -> None:
    """500 rowids and a count capped at 1,000 straight from a plain FTS5 trigram table."""
    needle = fold_and_drop(query).strip()
    if len(needle) >= 3:
        where, arg = "plain MATCH ?", '"' + needle.replace('"', '""') + '"'
    else:
        where, arg = "body LIKE ?", f"%{needle}%"
    conn.execute(f"SELECT rowid FROM plain WHERE {where} LIMIT ?", (arg, PAGE)).fetchall()
    conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM plain WHERE {where} LIMIT ?)", (arg, CAP)).fetchone()


def first_screen(store: Store, status: str | None, search: str | None) -> None:
    """What a document list shows at once: the first page and the count, capped."""
    store.first_page(PAGE, status, search, cap=CAP)


def latencies(fn: Callable[[], object]) -> list[float]:
    fn()  # warm: the first call reads pages from disk
    return [ms(fn) for _ in range(REPEAT)]


def summary(name: str, ours: list[float], base: list[float], target_ms: float) -> None:
    p95 = percentile(ours, 95)
    row(f"{name} median", median(ours), median(base))
    row(f"{name} p95", p95, percentile(base, 95), f"target ≤ {target_ms:.0f} ms", p95 <= target_ms)


def queries(store: Store, plain: sqlite3.Connection) -> None:
    by_kind: dict[str, tuple[list[float], list[float]]] = {}
    everything: tuple[list[float], list[float]] = ([], [])
    for kind, query in QUERIES:
        ours = latencies(lambda q=query: first_screen(store, None, q))  # type: ignore[misc]
        base = latencies(lambda q=query: raw_query(plain, q))  # type: ignore[misc]
        for bucket in (by_kind.setdefault(kind, ([], [])), everything):
            bucket[0].extend(ours)
            bucket[1].extend(base)
    for kind, (ours, base) in by_kind.items():
        summary(f"search {kind} (vs raw FTS5)", ours, base, 100)
    summary("search all", *everything, 100)


def status_filters(store: Store, plain: sqlite3.Connection) -> None:
    conn = store.conn

    def unindexed(status: str) -> None:
        conn.execute(
            "SELECT id, ext_id, title, status FROM documents NOT INDEXED WHERE status = ? "
            "ORDER BY id LIMIT ?",
            (status, PAGE),
        ).fetchall()
        conn.execute("SELECT count(*) FROM documents NOT INDEXED WHERE status = ?", (status,)).fetchone()

    ours: list[float] = []
    base: list[float] = []
    for status in STATUSES:
        ours += latencies(lambda s=status: first_screen(store, s, None))  # type: ignore[misc]
        base += latencies(lambda s=status: unindexed(s))  # type: ignore[misc]
    summary("status filter (vs unindexed)", ours, base, 50)
    ours, base = [], []
    for status in STATUSES:
        for _, query in QUERIES:
            ours += latencies(lambda s=status, q=query: first_screen(store, s, q))  # type: ignore[misc]
            base += latencies(lambda q=query: raw_query(plain, q))  # type: ignore[misc]
    summary("status + search (vs raw FTS5)", ours, base, 50)


def tag_all(store: Store) -> None:
    """Tag 500 matches of one word in a long article, in one command, and undo it."""
    word = "موسكو"
    text = " ".join(f"{word} في اليوم {n}،" for n in range(500))
    doc = store.insert_document("bench-tag-all", text)
    assert doc is not None
    ranges = []
    at = text.find(word)
    while at >= 0:
        ranges.append((at, at + len(word)))
        at = text.find(word, at + 1)
    assert len(ranges) == 500
    command = AddSpans(doc, ranges, "PLACE", "amal", word)
    tag_ms = timed(lambda: command.do(store))
    undo_ms = timed(lambda: command.undo(store))
    conn = store.conn

    def raw() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            'INSERT INTO spans (doc_id, start, "end", label, annotator) VALUES (?, ?, ?, ?, ?)',
            [(doc, a, b, "PLACE", "amal") for a, b in ranges],
        )
        conn.execute("COMMIT")

    base_ms = timed(raw)
    conn.execute("DELETE FROM spans WHERE doc_id = ?", (doc,))
    row("tag all 500 (vs raw executemany)", tag_ms, base_ms, "target ≤ 30 ms", tag_ms <= 30)
    row("undo tag all 500 (vs raw executemany)", undo_ms, base_ms, "target ≤ 30 ms", undo_ms <= 30)


def run_size(tmp: Path, corpus: Path, docs: int) -> None:
    print(f"search at {docs:,} articles")
    part = first_lines(corpus, tmp / f"corpus-{docs}.jsonl", docs)
    base_db = tmp / f"base-{docs}.db"
    with Store(base_db) as store:
        import_paths(store, [part])
        build_ms = timed(lambda: update_index(store))
    plain_ms = plain_fts_build(tmp / f"plain-{docs}.db", base_db)
    row("index build, in the background (vs plain FTS5)", build_ms, plain_ms)

    rng = random.Random(5)
    with Store(base_db) as store:
        with store.transaction() as conn:
            conn.executemany(
                "UPDATE documents SET status = ? WHERE id = ?",
                [(rng.choices(STATUSES, (70, 20, 8, 2))[0], doc_id) for doc_id in store.document_ids()],
            )
        plain = sqlite3.connect(tmp / f"plain-{docs}.db")
        queries(store, plain)
        status_filters(store, plain)
        plain.close()
        tag_all(store)


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        make_corpus(corpus, max(SIZES))
        for docs in SIZES:
            run_size(tmp, corpus, docs)
