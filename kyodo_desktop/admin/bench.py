"""kyodo-admin bench: the scenarios of docs/benchmarks.md, each beside its baseline."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import add_command, database_url


def cmd_bench(args: argparse.Namespace) -> int:
    from kyodo_desktop.bench.runner import run_bench

    return run_bench(
        database_url=database_url(args),
        only=args.only,
        scale=args.scale,
        repeat=args.repeat,
        json_file=args.json,
        work_dir=args.data_dir,
    )


def add_commands(commands: Any) -> None:
    """Add ``bench``."""
    bench = add_command(commands, "bench", "measure scenarios beside their baselines", cmd_bench)
    bench.add_argument("--only", help="run one scenario by name")
    bench.add_argument("--scale", type=float, default=1.0, help="demo data size factor")
    bench.add_argument("--repeat", type=int, default=5, help="runs per scenario (median)")
    bench.add_argument("--json", type=Path, help="write one JSON record per scenario here")
