"""Printing: one pre-filled application, and the ① round for every 町会 in one PDF.

Both run on the demo database at the bench scale, after the ① round for the next 年度 has
been opened on a copy of it (as the head office does each spring), so the batch is exactly
the round's applications. The floor beside each is reportlab writing the same number of
A4 pages that hold one line of text in the same IPAex font: what any PDF costs here.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.forms import layout
from kyodo_desktop.forms.catalogue import FormKind
from kyodo_desktop.forms.document import Sheet, render
from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.applications import rounds
from kyodo_desktop.services.printing import printouts as printing
from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME, Workspace, open_workspace
from kyodo_desktop.store.applications import Application

ROUND = "jichi"


@dataclass
class _Round:
    workspace: Workspace
    actor: Actor
    fiscal_year: int
    first: uuid.UUID
    count: int
    pages: int


_opened: dict[float, _Round] = {}


def _round(context: BenchContext) -> _Round:
    """The demo copied once per run and scale, with next 年度's ① round opened on it."""
    if context.scale in _opened:
        return _opened[context.scale]
    folder = context.work_dir / f"printing-scale-{context.scale:g}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(context.demo_data_dir() / DEMO_FOLDER_NAME, folder)
    workspace = open_workspace(folder)
    actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
    year = fiscal_year(context.today) + 1
    rounds.open_round(workspace.database, actor, ROUND, year, None)
    with workspace.database.reading() as session:
        ids = list(
            session.scalars(
                select(Application.id).where(
                    Application.programme_code == ROUND, Application.fiscal_year == year
                )
            )
        )
    batch = printing.print_batch(workspace.database, actor, FormKind.APPLICATION, ROUND, year)
    opened = _Round(workspace, actor, year, ids[0], len(ids), batch.pages)
    _opened[context.scale] = opened
    return opened


def close_all() -> None:
    while _opened:
        _opened.popitem()[1].workspace.close()


def floor(pages: int) -> bytes:
    """``pages`` A4 pages of one line each, in the same font: the least a PDF costs."""
    return render([Sheet("floor", [layout.text("練馬区 協働デスク")]) for _ in range(pages)])


@scenario(
    "print_one_application",
    "one pre-filled ① 交付申請書 set (read, render, audit), the fonts already loaded",
    goal="at most 50 ms",
)
def print_one_application(context: BenchContext) -> Prepared:
    state = _round(context)
    one = printing.print_application(
        state.workspace.database, state.actor, state.first, FormKind.APPLICATION
    )
    return Prepared(
        rows=state.count,
        run=lambda: printing.print_application(
            state.workspace.database, state.actor, state.first, FormKind.APPLICATION
        ),
        baseline_name=f"{one.pages} one-line page(s)",
        baseline=lambda: floor(one.pages),
    )


@scenario(
    "print_round",
    "every ① round application of the demo in one PDF (kyodo-admin print application)",
    goal="250 forms in at most 10 s",
)
def print_round(context: BenchContext) -> Prepared:
    state = _round(context)
    return Prepared(
        rows=state.count,
        run=lambda: printing.print_batch(
            state.workspace.database, state.actor, FormKind.APPLICATION, ROUND, state.fiscal_year
        ),
        baseline_name=f"{state.pages} one-line pages",
        baseline=lambda: floor(state.pages),
    )
