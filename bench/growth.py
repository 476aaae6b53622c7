"""Growth: each importer and exporter at n and 2n, to show nothing grows faster than linearly.

For every row the input is built twice, at n and at 2n (documents, spans, relations, files,
columns, or the characters of one long document), and the step is timed (best of three runs) and
its peak Python memory read with tracemalloc (a separate run, since tracing slows the step).
Doubling the input should roughly double both: a row is "ok" when both ratios are ≤ 2.5.
``HASHIYA_BENCH_GROWTH`` scales every n (default 1).
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import shutil
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from model.exporting import export_documents
from model.formats.base import LabelSet, ReadOptions
from model.importing import import_paths
from model.store import Store

SCALE = float(os.environ.get("HASHIYA_BENCH_GROWTH", "1"))
LIMIT = 2.5
WORDS = ("استدعت", "موسكو", "سفير", "أذربيجان", "في", "باكو", "احتجاجا", "على", "تصريحات", "رسمية",
         "وقال", "المتحدث", "إن", "الحكومة", "ترفض", "الاتهامات")
LABELS = ("ACTOR", "EVENT", "PLACE")
ADD_LABELS = ReadOptions(labels=LabelSet(LABELS, add_new=True))
_fresh = itertools.count()


# ---- inputs ------------------------------------------------------------------------------------


def article(n: int, words: int = 80) -> tuple[str, list[tuple[int, int]]]:
    """An Arabic text of ``words`` words numbered ``n`` and the (start, end) of each word."""
    parts = [f"خبر{n}"] + [WORDS[(n * 7 + i) % len(WORDS)] for i in range(words - 1)]
    text, ranges, pos = "", [], 0
    for i, word in enumerate(parts):
        ranges.append((pos, pos + len(word)))
        sep = ".\n" if i % 20 == 19 else " "
        text += word + sep
        pos += len(word) + len(sep)
    return text, ranges


def record(n: int, words: int, spans: int, every: int = 1) -> dict[str, object]:
    """A native JSONL record with ``spans`` spans on words and a relation from each EVENT span
    to the span before it."""
    text, ranges = article(n, words)
    chosen = ranges[1::every][:spans]
    rows = [{"id": i, "start": a, "end": b, "label": LABELS[i % 3], "text": text[a:b], "annotator": "amal"}
            for i, (a, b) in enumerate(chosen)]
    relations = [{"event": i, "argument": i - 1, "role": "source"} for i in range(1, len(rows)) if i % 3 == 1]
    return {"id": f"doc-{n}", "title": f"خبر {n}", "text": text, "meta": {"source": "bench"},
            "status": "in_progress", "spans": rows, "relations": relations}


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def documents(folder: Path, n: int) -> Path:
    """``n`` articles of 80 words with 10 spans and 3 relations each."""
    return write_jsonl(folder / "docs.jsonl", [record(i, 80, 10, every=7) for i in range(n)])


def one_document(folder: Path, spans: int) -> Path:
    """One article with ``spans`` spans (one per word) and a relation for every third span."""
    return write_jsonl(folder / "one.jsonl", [record(0, spans + 2, spans)])


def long_document(folder: Path, chars: int) -> Path:
    """One article of about ``chars`` characters with a span every fifth word."""
    words = chars // 6
    return write_jsonl(folder / "long.jsonl", [record(0, words, words // 5, every=5)])


def one_sentence(folder: Path, tokens: int) -> Path:
    """One article that is a single sentence of ``tokens`` words (no stop, no line break), with a
    span on every fifth word: what a CoNLL or HF writer sees as one sentence."""
    words = [WORDS[i % len(WORDS)] for i in range(tokens)]
    text = " ".join(words)
    spans, pos = [], 0
    for i, word in enumerate(words):
        if i % 5 == 0:
            spans.append({"start": pos, "end": pos + len(word), "label": LABELS[i % 3]})
        pos += len(word) + 1
    return write_jsonl(folder / "sentence.jsonl", [{"id": "sentence", "text": text, "spans": spans}])


def txt_files(folder: Path, n: int) -> Path:
    """``n`` files all named article.txt, each in its own folder."""
    for i in range(n):
        sub = folder / "txt" / f"d{i:05}"
        sub.mkdir(parents=True)
        (sub / "article.txt").write_text(article(i, 60)[0], encoding="utf-8")
    return folder / "txt"


def csv_rows(folder: Path, n: int) -> Path:
    path = folder / "rows.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,title,text\n")
        for i in range(n):
            fh.write(f"row-{i},خبر {i},\"{article(i, 80)[0]}\"\n")
    return path


def csv_columns(folder: Path, n: int) -> Path:
    """A header of ``n`` columns and a few rows."""
    path = folder / "wide.csv"
    header = ["text", *(f"c{i}" for i in range(n))]
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(header) + "\n")
        for i in range(5):
            fh.write(f"{article(i, 20)[0].replace(chr(10), ' ')}," + ",".join(["x"] * n) + "\n")
    return path


def brat_folder(folder: Path, n: int) -> Path:
    """``n`` brat pairs exported from the documents corpus."""
    return _exported(folder, documents(folder, n), "brat", folder / "brat")


def brat_one(folder: Path, spans: int) -> Path:
    """One brat pair with ``spans`` spans, events and relations."""
    out = _exported(folder, one_document(folder, spans), "brat", folder / "brat")
    return next(out.glob("*.ann"))


def brat_zip(folder: Path, n: int) -> Path:
    out = brat_folder(folder, n)
    path = folder / "pairs.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for child in sorted(out.iterdir()):
            archive.write(child, child.name)
    return path


def _exported(folder: Path, source: Path, fmt: str, out: Path) -> Path:
    with Store(folder / "source.db") as store:
        import_paths(store, [source], options=ADD_LABELS)
        export_documents(store, out, fmt)
    (folder / "source.db").unlink()
    return out


def database(folder: Path, source: Path) -> Path:
    db = folder / "export.db"
    with Store(db) as store:
        import_paths(store, [source], options=ADD_LABELS)
    return db


# ---- steps -------------------------------------------------------------------------------------


Prepare = Callable[[Path, int], Callable[[], object]]


def importing(make: Callable[[Path, int], Path], fmt: str = "auto") -> Prepare:
    def prepare(folder: Path, n: int) -> Callable[[], object]:
        source = make(folder, n)

        def step() -> object:
            with Store(folder / f"in-{next(_fresh)}.db") as store:
                return import_paths(store, [source], fmt, options=ADD_LABELS)

        return step

    return prepare


def exporting(make: Callable[[Path, int], Path], fmt: str) -> Prepare:
    def prepare(folder: Path, n: int) -> Callable[[], object]:
        db = database(folder, make(folder, n))

        def step() -> object:
            out = folder / f"out-{next(_fresh)}.{fmt}"
            with Store(db) as store:
                report = export_documents(store, out, fmt)
            if out.is_dir():
                shutil.rmtree(out)
            return report

        return step

    return prepare


@dataclass(frozen=True)
class Case:
    name: str
    unit: str
    n: int
    prepare: Prepare


def cases() -> list[Case]:
    docs = int(1000 * SCALE)
    spans = int(4000 * SCALE)
    chars = int(200_000 * SCALE)
    tokens = int(100_000 * SCALE)
    rows = [
        Case("import jsonl", "docs", docs, importing(documents)),
        Case("import jsonl, one doc: spans+relations", "spans", spans, importing(one_document)),
        Case("import jsonl, one long document", "chars", chars, importing(long_document)),
        Case("import txt, same-named files", "files", docs // 2, importing(txt_files)),
        # 2,500 rows and more: both sizes past the 2,000-document batch the importer holds at once
        Case("import csv rows", "rows", 5 * docs // 2, importing(csv_rows)),
        Case("import csv, wide header", "columns", 20 * docs, importing(csv_columns)),
        Case("import brat folder", "pairs", docs // 2, importing(brat_folder)),
        Case("import brat, one doc: spans+relations", "spans", spans, importing(brat_one)),
        Case("import brat zip", "pairs", docs // 2, importing(brat_zip, "brat")),
    ]
    for fmt in ("jsonl", "csv", "brat", "hf", "spacy"):
        rows.append(Case(f"export {fmt}", "docs", docs, exporting(documents, fmt)))
    for fmt in ("jsonl", "csv", "brat", "hf", "spacy", "conll"):
        rows.append(Case(f"export {fmt}, one long document", "chars", chars, exporting(long_document, fmt)))
    for fmt in ("conll", "hf"):
        rows.append(Case(f"export {fmt}, one sentence", "tokens", tokens, exporting(one_sentence, fmt)))
    return rows


# ---- measuring ---------------------------------------------------------------------------------


def measure(step: Callable[[], object]) -> tuple[float, float]:
    """(best time of three runs in ms, peak traced memory in MB of a fourth run)."""
    times = []
    gc.collect()
    gc.freeze()  # objects alive before the step (spaCy's vocabulary, earlier rows) are not rescanned
    try:
        for _ in range(3):
            gc.collect()
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1000)
        gc.collect()
        tracemalloc.start()
        try:
            step()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        gc.unfreeze()
    return min(times), peak / 2**20


def available(case: Case) -> bool:
    if "spacy" not in case.name:
        return True
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


def run() -> None:
    print(f"growth: time and peak memory at n and 2n (ok when both ratios ≤ {LIMIT})")
    print(f"  {'':<44} {'n':>8} {'ms n':>9} {'ms 2n':>9} {'×':>6} {'MB n':>8} {'MB 2n':>8} {'×':>6}")
    missed = []
    with TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for case in cases():
            if not available(case):
                print(f"  {case.name:<44} skipped (not installed)")
                continue
            results = []
            for size in (case.n, 2 * case.n):
                folder = tmp / f"{len(results)}-{next(_fresh)}"
                folder.mkdir()
                results.append(measure(case.prepare(folder, size)))
                shutil.rmtree(folder, ignore_errors=True)
            (t1, m1), (t2, m2) = results
            time_ratio = t2 / t1 if t1 > 0 else float("inf")
            mem_ratio = m2 / m1 if m1 > 0 else float("inf")
            ok = time_ratio <= LIMIT and mem_ratio <= LIMIT
            if not ok:
                missed.append(case.name)
            print(f"  {case.name:<44} {case.n:>8,} {t1:9.1f} {t2:9.1f} {time_ratio:6.2f} "
                  f"{m1:8.2f} {m2:8.2f} {mem_ratio:6.2f}  {case.unit}{'  ok' if ok else '  MISSED'}")
    if missed:
        print(f"  grows faster than linearly: {', '.join(missed)}")
