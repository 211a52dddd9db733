"""Run the registered scenarios, print a table, and write one JSON record per scenario."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Importing a module registers its scenarios.
from kyodo_desktop.bench import (  # noqa: F401
    audit_cost,
    entitlements,
    entitlements_per_project,
    exchange,
    figures,
    lists,
    memory,
    printing,
    search,
    server,
    startup,
)
from kyodo_desktop.bench.registry import SCENARIOS, BenchContext, Scenario
from kyodo_desktop.bench.ward import close_all

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


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
    database_url: URL | None = None,
) -> int:
    if only is not None and only not in SCENARIOS:
        names = ", ".join(sorted(SCENARIOS))
        print(
            f"kyodo-admin bench: シナリオ {only} はありません（あるもの: {names}）", file=sys.stderr
        )
        return 2
    if only is not None and SCENARIOS[only].on_server and database_url is None:
        print(
            f"kyodo-admin bench: シナリオ {only} はサーバーで測ります。"
            "--database-url に空のデータベースを指定してください。",
            file=sys.stderr,
        )
        return 2
    # With a server: its scenarios (each beside SQLite); without: every other one.
    wanted = database_url is not None
    chosen = [SCENARIOS[only]] if only else [s for s in SCENARIOS.values() if s.on_server == wanted]
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-") as scratch:
        context = BenchContext(
            work_dir=work_dir or Path(scratch), scale=scale, database_url=database_url
        )
        print(
            f"{'scenario':<32}{'rows':>10}{'seconds':>10}  {'baseline':<28}{'seconds':>10}{'ratio':>8}"
        )
        try:
            records = _run_all(chosen, context, repeat)
        finally:
            close_all()
            printing.close_all()
            server.close_all()
            figures.close_all()
            entitlements.close_all()
    if json_file is not None:
        json_file.write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


def _run_all(chosen: list[Scenario], context: BenchContext, repeat: int) -> list[dict]:
    records = []
    for item in chosen:
        prepared = item.prepare(context)
        seconds = median_seconds(prepared.run, repeat) / prepared.calls
        baseline_seconds = median_seconds(prepared.baseline, repeat) / prepared.calls
        record = {
            "scenario": item.name,
            "rows": prepared.rows,
            "seconds": round(seconds, 6),
            "baseline": prepared.baseline_name,
            "baseline_seconds": round(baseline_seconds, 6),
            "ratio": round(seconds / baseline_seconds, 3) if baseline_seconds else None,
        }
        if prepared.measures is not None:
            record.update(prepared.measures())
        records.append(record)
        print(
            f"{item.name:<32}{prepared.rows:>10,}{seconds:>10.4f}  "
            f"{prepared.baseline_name:<28}{baseline_seconds:>10.4f}{record['ratio']:>8}",
            flush=True,
        )
        if prepared.measures is not None:
            figures = ", ".join(f"{k} {v}" for k, v in record.items() if k not in _FIXED)
            print(f"{'':<32}{figures}")
        if item.goal:
            print(f"{'':<32}goal: {item.goal}", flush=True)
    return records


_FIXED = {"scenario", "rows", "seconds", "baseline", "baseline_seconds", "ratio"}
