"""What the list and search scenarios share: the large ward opened once, and who looks at it."""

from __future__ import annotations

from dataclasses import dataclass

from kyodo_desktop.bench.large_ward import large_ward
from kyodo_desktop.bench.registry import BenchContext
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.workspace import Workspace, open_workspace

FIRST_SCREEN = 50  # rows of a first screenful


@dataclass
class Ward:
    workspace: Workspace
    rows: int  # consultations
    ward_wide: Actor  # 協働推進課: sees every office's consultations, the largest lists


_OPEN: dict[tuple[str, float], Ward] = {}


def ward(context: BenchContext) -> Ward:
    """The large ward of this run, opened once and shared by the scenarios."""
    key = (str(context.work_dir), context.scale)
    if key not in _OPEN:
        workspace = open_workspace(large_ward(context))
        with workspace.database.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT count(*) FROM consultation").scalar() or 0
        actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
        _OPEN[key] = Ward(workspace, rows, actor)
    return _OPEN[key]


def close_all() -> None:
    while _OPEN:
        _OPEN.popitem()[1].workspace.close()
