"""Import a large JSONL corpus and export it to jsonl and conll, beside same-run baselines.

Baselines: a raw sqlite3 ``executemany`` of the same document and span rows into the same
schema (import), and ``json.dumps`` of the same records (export). The index pass that follows an
import in the background (search copies, trigrams, stored tokens) is timed on its own; the
exports run after it, as they would in use. Peak memory is read as
the corpus grows (a tenth, then all of it) to show it stays flat.
"""

from __future__ import annotations

import gc
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.report import row
from model.exporting import export_documents, iter_export_documents
from model.formats.jsonl import record_of
from model.importing import import_paths
from model.paths import SAMPLES
from model.search import update_index
from model.store import Store, content_hash
from model.textio import read_text_file
from model.tokenize import _ASTRAL as ASTRAL
from model.tokenize import text_pattern

DOCS = int(os.environ.get("HASHIYA_BENCH_DOCS", "100000"))
SPANS_PER_DOC = 10
LABELS = ("ACTOR", "EVENT", "PLACE")


def sentences() -> list[str]:
    text = " ".join(read_text_file(p) for p in sorted(SAMPLES.glob("*.txt")))
    parts = [s.strip() for s in text.replace("\n", " ").split("،") if len(s.strip()) > 20]
    return parts


def make_corpus(path: Path, docs: int) -> None:
    """``docs`` articles of about 2 KB each, with ten spans on whole words."""
    rng = random.Random(11)
    pool = sentences()
    with path.open("w", encoding="utf-8") as fh:
        for n in range(docs):
            body = f"خبر رقم {n}: " + "، ".join(rng.choice(pool) for _ in range(9)) + "."
            words, pos = [], 0
            for word in body.split(" "):
                if len(word) > 3 and word.isalpha():
                    words.append((pos, pos + len(word)))
                pos += len(word) + 1
            chosen = sorted(rng.sample(words, min(SPANS_PER_DOC, len(words))))
            spans = [
                {
                    "id": i,
                    "start": a,
                    "end": b,
                    "label": LABELS[i % 3],
                    "text": body[a:b],
                    "annotator": "amal",
                }
                for i, (a, b) in enumerate(chosen)
            ]
            record = {
                "id": f"doc-{n}",
                "title": f"خبر {n}",
                "text": body,
                "meta": {"source": "bench"},
                "status": "in_progress",
                "spans": spans,
                "relations": [],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def baseline_import(db: Path, corpus: Path) -> float:
    """Parse nothing: insert already-built rows with executemany into a fresh database."""
    with Store(db):
        pass
    doc_rows, span_rows = [], []
    span_id = 0
    with corpus.open(encoding="utf-8") as fh:
        for doc_id, line in enumerate(fh, 1):
            r = json.loads(line)
            doc_rows.append(
                (doc_id, r["id"], r["title"], r["text"], "{}", r["status"], content_hash(r["text"]))
            )
            for s in r["spans"]:
                span_id += 1
                span_rows.append((span_id, doc_id, s["start"], s["end"], s["label"], s["annotator"]))
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO documents (id, ext_id, title, text, meta, status, content_hash) "
            "VALUES (?,?,?,?,?,?,?)",
            doc_rows,
        )
        conn.executemany(
            'INSERT INTO spans (id, doc_id, start, "end", label, annotator) VALUES (?,?,?,?,?,?)', span_rows
        )
        conn.execute("COMMIT")

    ms = timed(insert)
    conn.close()
    return ms


def baseline_dumps(store: Store) -> float:
    """json.dumps of the records an export writes, built beforehand (not timed)."""
    records = [record_of(item) for item in iter_export_documents(store)]
    return timed(lambda: [json.dumps(r, ensure_ascii=False) for r in records])


def tokenize_floor(store: Store) -> float:
    """The least any CoNLL writer here must do: one regex pass over every text finding its tokens
    (no alignment, sentences or output). Python's regex engine sets this floor."""
    texts = [doc.text for doc in store.iter_documents()]
    patterns = {full: text_pattern(full) for full in (False, True)}
    return timed(lambda: [patterns[ASTRAL.search(t) is not None].findall(t) for t in texts])


CHILD = """
import sys
from model.store import Store
from model.importing import import_paths
from model.exporting import export_documents
with Store(sys.argv[2]) as store:
    if sys.argv[1] == "import":
        import_paths(store, [sys.argv[3]])
    else:
        export_documents(store, sys.argv[3], "jsonl")
# VmHWM is this process's own peak; ru_maxrss would carry the parent's over fork and exec.
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
"""


def child_peak_mb(*args: str) -> float:
    """Peak resident memory of a fresh process importing or exporting (Linux /proc)."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True, cwd=root
    )
    return float(out.stdout.strip().splitlines()[-1])


def memory_growth(tmp: Path, corpus: Path) -> None:
    """Peak memory importing and exporting a tenth of the corpus, then all of it."""
    tenth = tmp / "tenth.jsonl"
    with corpus.open(encoding="utf-8") as src, tenth.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= DOCS // 10:
                break
            dst.write(line)
    peaks = {}
    for name, source in (("tenth", tenth), ("all", corpus)):
        db = tmp / f"mem-{name}.db"
        peaks[name] = (
            child_peak_mb("import", str(db), str(source)),
            child_peak_mb("export", str(db), str(tmp / f"mem-{name}.jsonl")),
        )
    for n, what in enumerate(("import", "export")):
        small, large = peaks["tenth"][n], peaks["all"][n]
        verdict = "flat" if large < 1.5 * small else "GROWS"
        print(
            f"  {what} peak RSS: {small:.0f} MB for {DOCS // 10:,} articles, "
            f"{large:.0f} MB for {DOCS:,} ({verdict})"
        )


def run() -> None:
    print(f"corpus: {DOCS:,} articles (~2 KB each) with {DOCS * SPANS_PER_DOC:,} spans")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        make_corpus(corpus, DOCS)
        print(f"  corpus file {corpus.stat().st_size / 2**20:.0f} MB")
        # Baselines run before and after ours, and their mean is used: this machine's speed drifts.
        before = baseline_import(tmp / "base1.db", corpus)
        db = tmp / "ours.db"
        with Store(db) as store:
            ours_ms = timed(lambda: import_paths(store, [corpus]))
            assert store.document_count() == DOCS
        base_ms = (before + baseline_import(tmp / "base2.db", corpus)) / 2
        row("import JSONL (vs executemany)", ours_ms, base_ms, "target ≤ 2×", ours_ms <= 2 * base_ms)
        with Store(db) as store:  # what the window (or the command line) does after the import
            index_ms = timed(lambda: update_index(store))
        row("  then, in the background: index for search and tokens", index_ms, base_ms)

        with Store(db) as store:
            before = baseline_dumps(store)
            jsonl_ms = timed(lambda: export_documents(store, tmp / "out.jsonl", "jsonl"))
            dumps_ms = (before + baseline_dumps(store)) / 2
            row(
                "export jsonl (vs json.dumps)",
                jsonl_ms,
                dumps_ms,
                "target ≤ 1.5×",
                jsonl_ms <= 1.5 * dumps_ms,
            )
            floor_ms = tokenize_floor(store)
            conll_ms = timed(lambda: export_documents(store, tmp / "out.conll", "conll"))
            row("export conll (vs json.dumps)", conll_ms, dumps_ms, "target ≤ 3×", conll_ms <= 3 * dumps_ms)
            row("  floor: one regex pass finding the tokens", floor_ms, dumps_ms)

        memory_growth(tmp, corpus)
