"""Merge two analysts' databases into an empty one, beside an ATTACH + INSERT … SELECT copy.

Two files of ``HASHIYA_BENCH_DOCS`` articles (100,000 by default, ~10 spans each) share half of
their articles, tagged by different annotators (amal and huda). Ours: :func:`model.merge.
merge_databases` of both into an empty target (matching by content hash, keeping each analyst's
spans, one transaction). Baseline: the same rows copied with ``ATTACH`` and plain ``INSERT …
SELECT`` (ids worked out beforehand, nothing matched), into the same schema with the same
connection settings, run before and after ours (their mean is used).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.corpus import DOCS, make_corpus, timed
from bench.report import row
from model.importing import import_paths
from model.merge import merge_databases
from model.store import Store


def make_sources(tmp: Path, docs: int) -> tuple[Path, Path]:
    """Two imported databases of ``docs`` articles each; the second half of the first file's
    articles are the first half of the second's, tagged by another annotator."""
    corpus = tmp / "corpus.jsonl"
    half = docs // 2
    make_corpus(corpus, docs + half)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = []
    for name, part in (("amal", lines[:docs]), ("huda", lines[half : half + docs])):
        jsonl = tmp / f"{name}.jsonl"
        text = "".join(part).replace('"annotator": "amal"', f'"annotator": "{name}"')
        jsonl.write_text(text, encoding="utf-8")
        db = tmp / f"{name}.db"
        with Store(db) as store:
            import_paths(store, [jsonl])
            store.set_setting("analyst", name)
        paths.append(db)
    return paths[0], paths[1]


DOC_COLUMNS = "ext_id, title, text, meta, status, content_hash, created, updated"
SPAN_COLUMNS = 'start, "end", label, annotator, created'


def baseline_copy(target: Path, first: Path, second: Path, docs: int) -> tuple[float, int, int]:
    """ATTACH both files and copy the rows a merge writes with set-based INSERT … SELECT: every
    document and span of the first, the second's own documents and all its spans (its document
    ids shifted onto the first's, as the bench's files are built)."""
    half = docs // 2
    with Store(target) as store:
        conn = store.conn
        for alias, path in (("a", first), ("b", second)):
            conn.execute(f"ATTACH DATABASE ? AS {alias}", (path.resolve().as_uri() + "?mode=ro",))

        def copy() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                f"INSERT INTO documents (id, {DOC_COLUMNS}) SELECT id, {DOC_COLUMNS} FROM a.documents"
            )
            conn.execute(
                f"INSERT INTO documents (id, {DOC_COLUMNS}) SELECT id + ?, {DOC_COLUMNS} FROM b.documents "
                "WHERE id > ?",
                (half, half),
            )
            conn.execute(
                f"INSERT INTO spans (doc_id, {SPAN_COLUMNS}) SELECT doc_id, {SPAN_COLUMNS} FROM a.spans"
            )
            conn.execute(
                f"INSERT INTO spans (doc_id, {SPAN_COLUMNS}) SELECT doc_id + ?, {SPAN_COLUMNS} FROM b.spans",
                (half,),
            )
            conn.execute("COMMIT")

        ms = timed(copy)
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans)"
        ).fetchone()
        for alias in ("a", "b"):
            conn.execute(f"DETACH DATABASE {alias}")
    return ms, int(counts[0]), int(counts[1])


def run() -> None:
    half = DOCS // 2
    print(f"merge: two files of {DOCS:,} articles (~10 spans each), {half:,} of them in both, "
          "tagged by other annotators")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        first, second = make_sources(tmp, DOCS)
        before, docs, spans = baseline_copy(tmp / "base1.db", first, second, DOCS)
        target = tmp / "ours.db"
        with Store(target) as store:
            report = None

            def merge() -> None:
                nonlocal report
                report = merge_databases(store, [first, second])

            ours_ms = timed(merge)
            assert report is not None
            assert (store.document_count(), report.spans_added) == (docs, spans), (report, docs, spans)
            again_ms = timed(lambda: merge_databases(store, [second, first]))
            assert store.document_count() == docs
        after, _, _ = baseline_copy(tmp / "base2.db", first, second, DOCS)
        base_ms = (before + after) / 2
        print(f"  {docs:,} documents and {spans:,} spans in the target")
        ok = ours_ms <= 2 * base_ms
        row("merge 2 files (vs ATTACH + INSERT…SELECT)", ours_ms, base_ms, "target ≤ 2×", ok)
        row("  merging both again (adds nothing)", again_ms, base_ms)
