"""Run the registered scenarios, print a table, and write one JSON record per scenario."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kyodo_desktop.bench import audit_cost, startup  # noqa: F401 - registers their scenarios
from kyodo_desktop.bench.registry import SCENARIOS, BenchContext


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    call()  # warm-up: file caches, imports, lazily built data
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_bench(
    *,
    only: str | None = None,
    scale: float = 1.0,
    repeat: int = 5,
    json_file: Path | None = None,
    work_dir: Path | None = None,
) -> int:
    if only is not None and only not in SCENARIOS:
        names = ", ".join(sorted(SCENARIOS))
        print(
            f"kyodo-admin bench: シナリオ {only} はありません（あるもの: {names}）", file=sys.stderr
        )
        return 2
    chosen = [SCENARIOS[only]] if only else list(SCENARIOS.values())
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-") as scratch:
        context = BenchContext(work_dir=work_dir or Path(scratch), scale=scale)
        records = []
        print(
            f"{'scenario':<24}{'rows':>10}{'seconds':>10}  {'baseline':<28}{'seconds':>10}{'ratio':>8}"
        )
        for item in chosen:
            prepared = item.prepare(context)
            seconds = median_seconds(prepared.run, repeat)
            baseline_seconds = median_seconds(prepared.baseline, repeat)
            record = {
                "scenario": item.name,
                "rows": prepared.rows,
                "seconds": round(seconds, 6),
                "baseline": prepared.baseline_name,
                "baseline_seconds": round(baseline_seconds, 6),
                "ratio": round(seconds / baseline_seconds, 3) if baseline_seconds else None,
            }
            records.append(record)
            print(
                f"{item.name:<24}{prepared.rows:>10,}{seconds:>10.3f}  "
                f"{prepared.baseline_name:<28}{baseline_seconds:>10.3f}{record['ratio']:>8}"
            )
            if item.goal:
                print(f"{'':<24}goal: {item.goal}")
    if json_file is not None:
        json_file.write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0
