"""One 年度's full set of figures over 1,000,000 consultations and 100,000 applications.

The data: the large ward of the list scenarios (bench/large_ward.py, a million
consultations) copied, with the 100,000 applications of the entitlement scenarios
(bench/entitlements.py `add_applications`) written into the copy. Built once per run and scale.
The measured side is the 集計 screen's call (services/figures/year.year_figures: one grouped
query a table); the baseline reads every row and counts in Python
(bench/figures_by_hand.py). Both must give the same numbers: the scenario refuses to
time a service that disagrees with the count by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyodo_desktop.bench.entitlements import add_applications
from kyodo_desktop.bench.figures_by_hand import figures_by_hand, values_of
from kyodo_desktop.bench.large_ward import copy_database, large_ward
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.figures.year import year_figures
from kyodo_desktop.services.workspace import Workspace, open_workspace
from kyodo_desktop.store.database import DATABASE_FILE_NAME


@dataclass
class FiguresWard:
    workspace: Workspace
    actor: Actor
    rows: int  # consultations + applications


_opened: dict[tuple[str, float], FiguresWard] = {}


def figures_ward(context: BenchContext) -> FiguresWard:
    """The large ward with the applications, opened once per run and scale."""
    key = (str(context.work_dir), context.scale)
    if key in _opened:
        return _opened[key]
    folder = context.work_dir / f"figures-ward-{context.scale:g}"
    path = folder / DATABASE_FILE_NAME
    built = path.exists()
    if not built:
        folder.mkdir(parents=True, exist_ok=True)
        copy_database(large_ward(context) / DATABASE_FILE_NAME, path)
    workspace = open_workspace(folder)
    if not built:
        add_applications(workspace.database, context.scale, fiscal_year(context.today))
    with workspace.database.engine.connect() as connection:
        rows = sum(
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
            for table in ("consultation", "application")
        )
    actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
    _opened[key] = FiguresWard(workspace, actor, rows)
    return _opened[key]


def close_all() -> None:
    while _opened:
        _opened.popitem()[1].workspace.close()


@scenario(
    "figures_year",
    "one 年度's full set of figures (the 集計 screen), the head office's view of every office",
    goal="at most 300 ms",
)
def figures_year(context: BenchContext) -> Prepared:
    ward = figures_ward(context)
    database = ward.workspace.database
    fy = fiscal_year(context.today) - 1  # the last full 年度
    today = context.today

    def service() -> object:
        return year_figures(database, ward.actor, fy, today=today)

    def baseline() -> object:
        with database.reading() as session:
            return figures_by_hand(session, fy, None, today)

    if values_of(service()) != baseline():
        raise RuntimeError("the figures disagree with the count of every row")
    return Prepared(
        rows=ward.rows, run=service, baseline_name="every row in Python", baseline=baseline
    )
