"""Printing benchmark results as ratios against a same-run baseline."""

from __future__ import annotations

import resource
import statistics


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(name: str, ours_ms: float, base_ms: float, target: str = "", ok: bool | None = None) -> None:
    ratio = ours_ms / base_ms if base_ms > 0 else float("inf")
    verdict = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {name:<38} {ours_ms:9.2f} ms   baseline {base_ms:9.2f} ms   ×{ratio:6.2f}   {target}{verdict}")
