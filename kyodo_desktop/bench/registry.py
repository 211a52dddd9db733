"""Scenarios register here; each is measured beside its baseline in the same run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


@dataclass
class BenchContext:
    """What scenarios share in one run: a work folder and the demo data at a scale."""

    work_dir: Path
    scale: float
    today: date = field(default_factory=date.today)
    database_url: URL | None = None  # the server the server scenarios run on
    _demo_dir: Path | None = None

    def demo_data_dir(self) -> Path:
        """A data folder whose demo database (built once per run) `--demo` opens."""
        if self._demo_dir is None:
            from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME, build_demo

            folder = self.work_dir / f"data-scale-{self.scale:g}"
            if not (folder / DEMO_FOLDER_NAME / "kyodo.sqlite3").exists():
                build_demo(folder / DEMO_FOLDER_NAME, today=self.today, scale=self.scale)
            self._demo_dir = folder
        return self._demo_dir


@dataclass(frozen=True)
class Prepared:
    """A scenario ready to time: the measured call and its baseline, on `rows` rows.

    ``calls``: how many of the measured acts one call makes (seconds are per act).
    ``measures``: figures other than time (memory), added to the record by name.
    """

    rows: int
    run: Callable[[], object]
    baseline_name: str
    baseline: Callable[[], object]
    calls: int = 1
    measures: Callable[[], dict[str, float]] | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    prepare: Callable[[BenchContext], Prepared]
    goal: str = ""
    on_server: bool = False  # measured on --database-url's server, beside SQLite


SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str, description: str, goal: str = "", *, on_server: bool = False):  # type: ignore[no-untyped-def]
    """Register a function that prepares a scenario (decorator)."""

    def register(prepare: Callable[[BenchContext], Prepared]) -> Callable[[BenchContext], Prepared]:
        if name in SCENARIOS:
            raise ValueError(f"scenario {name} registered twice")
        SCENARIOS[name] = Scenario(name, description, prepare, goal, on_server)
        return prepare

    return register
