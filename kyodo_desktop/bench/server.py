"""The head office's server: the searches, the first list screen and one 年度's figures on
PostgreSQL (``kyodo-admin bench --database-url URL``), each beside itself on SQLite.

The data: the figures scenario's ward (a million consultations, 100,000 applications), moved
into the server database the URL names with ``server copy-from``'s copy, then VACUUM ANALYZE
(a server's statistics and visibility map, as its nightly maintenance keeps them). The
database must be empty the first time; a later run finds the same ward there and reuses it.
The measured side is the call on the server; the baseline is the same call on the SQLite
file. Both must give the same answer, or the scenario refuses to time them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from kyodo_desktop.bench.figures import figures_ward
from kyodo_desktop.bench.figures_by_hand import values_of
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.bench.search import QUERIES
from kyodo_desktop.bench.ward import FIRST_SCREEN
from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.figures.year import year_figures
from kyodo_desktop.services.workspace import Workspace, open_workspace
from kyodo_desktop.store.engine import make_engine
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.server.copy import copy_database, rows_held


@dataclass
class ServerWard:
    workspace: Workspace
    actor: Actor
    rows: int


_opened: dict[str, ServerWard] = {}


def server_ward(context: BenchContext) -> ServerWard:
    """The figures ward on the server (copied there on the first run)."""
    if context.database_url is None:
        raise RuntimeError("the server scenarios need --database-url")
    key = context.database_url.render_as_string()
    if key in _opened:
        return _opened[key]
    local = figures_ward(context)
    engine = make_engine(context.database_url)
    try:
        with engine.connect() as connection:
            held = rows_held(connection)
        with local.workspace.database.engine.connect() as connection:
            wanted = rows_held(connection)
        if held == 0:
            print("  (the ward is being copied to the server: once)", flush=True)
            copy_database(local.workspace.database.engine, engine)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        elif held != wanted:
            raise RuntimeError(
                f"the server database holds {held:,} rows, not this run's ward ({wanted:,}): "
                "give an empty database (createdb)"
            )
    finally:
        engine.dispose()
    workspace = open_workspace(context.work_dir / "server", url=context.database_url)
    actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
    _opened[key] = ServerWard(workspace, actor, local.rows)
    return _opened[key]


def close_all() -> None:
    while _opened:
        _opened.popitem()[1].workspace.close()


def _beside(context: BenchContext, call: Callable[[Workspace, Actor], Any], name: str) -> Prepared:
    on_server = server_ward(context)
    local = figures_ward(context)
    if call(on_server.workspace, on_server.actor) != call(local.workspace, local.actor):
        raise RuntimeError(f"{name}: the server and SQLite disagree")
    return Prepared(
        rows=on_server.rows,
        run=lambda: call(on_server.workspace, on_server.actor),
        baseline_name=f"{name} on SQLite",
        baseline=lambda: call(local.workspace, local.actor),
    )


def _search(typed: str) -> Callable[[Workspace, Actor], Any]:
    def searched(workspace: Workspace, actor: Actor) -> Any:
        browser = browse.consultations(workspace.database, actor, ConsultationFilter(text=typed))
        return browser.count(), len(browser.page(0, FIRST_SCREEN))

    return searched


def _first_screen(workspace: Workspace, actor: Actor) -> Any:
    browser = browse.consultations(workspace.database, actor)
    return browser.count(), [row.id for row in browser.page(0, FIRST_SCREEN)]


for _name in ("search_3chars", "search_2chars", "search_1char"):

    def _prepare(context: BenchContext, typed: str = QUERIES[_name]) -> Prepared:
        return _beside(context, _search(typed), "the same search")

    scenario(
        f"server_{_name}",
        f"on the server: text search for 「{QUERIES[_name]}」, count and first 50 rows",
        goal="as on SQLite: at most 50 ms" if _name != "search_1char" else "no goal (as on SQLite)",
        on_server=True,
    )(_prepare)


@scenario(
    "server_list_first_screen",
    "on the server: the consultation list's count and first 50 rows (every office's)",
    goal="at most 100 ms",
    on_server=True,
)
def server_list_first_screen(context: BenchContext) -> Prepared:
    return _beside(context, _first_screen, "the same list")


@scenario(
    "server_figures_year",
    "on the server: one 年度's full set of figures (the 集計 screen)",
    goal="at most 300 ms",
    on_server=True,
)
def server_figures_year(context: BenchContext) -> Prepared:
    fy = fiscal_year(context.today) - 1

    def figures(workspace: Workspace, actor: Actor) -> Any:
        return values_of(year_figures(workspace.database, actor, fy, today=context.today))

    return _beside(context, figures, "the same figures")
