"""What could this group receive? At 100,000 applications, beside computing it from every row.

The data: groups of every kind, their projects, and applications spread over the
programmes open to each kind, their 年度 and every status, written with Core bulk inserts
into a fresh database (the search index rebuilt after, as after any bulk write). The
measured side is the service the group's page calls (services/applications/entitlements.py: the
group's awards in one indexed query) for groups picked at random; the baseline loads every
application and project, picks the group's awards in Python and hands them to the same
rules (`entitlements_for`), as a report written without the index would. The data is
built once per run and scale and opened once (`entitlement_ward`): the per-project scenario
(bench/entitlements_per_project.py) times the same service on the same ward.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.rules import (
    Award,
    GroupKind,
    fiscal_year,
    load_default_settings,
    programmes,
    search_key,
)
from kyodo_desktop.rules import Group as GroupFacts
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.applications.entitlements import (
    entitlements_for,
    what_group_could_receive,
)
from kyodo_desktop.services.rule_settings import current_rule_settings
from kyodo_desktop.services.workspace import Workspace, open_workspace
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.database import DATABASE_FILE_NAME, Database
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office
from kyodo_desktop.store.search import index as search_index

APPLICATIONS = 100_000  # at --scale 1
GROUPS = 5_000
PROJECTS_PER_PROGRAMME = 3  # a group runs at most this many projects in one programme
# Groups asked about per timed run: few, as the baseline reads every row for each one.
PICKED = 5
CHUNK = 10_000
SEED = 6
# Bumped when the data built changes, so a kept --data-dir is not reused stale (2: one ①
# project a group).
DATA_VERSION = 2

# Kinds of the ward's groups, roughly as the registry holds them.
KINDS = {
    GroupKind.CHOKAI: 30,
    GroupKind.NPO: 20,
    GroupKind.VOLUNTEER: 25,
    GroupKind.SHAFUKU: 5,
    GroupKind.SEISHONEN: 5,
    GroupKind.CHUKAN: 3,
    GroupKind.KOEKI: 2,
    GroupKind.OTHER: 10,
}
# Where applications end: most are paid, some refused or withdrawn, some still under way.
STATUSES = {
    "paid": 45,
    "settled": 6,
    "refunded": 1,
    "confirmed": 4,
    "decided": 8,
    "rejected": 14,
    "withdrawn": 5,
    "filed": 9,
    "review": 8,
}


def applications_at(scale: float) -> int:
    return max(200, round(APPLICATIONS * scale))


def groups_at(scale: float) -> int:
    return max(20, round(GROUPS * scale))


def _stamp(rng: random.Random, office: str) -> dict[str, Any]:
    made = datetime(2026, 4, 1, tzinfo=UTC)
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
        "origin_office": office,
        "created_at": made,
        "created_by": None,
        "updated_at": made,
        "updated_by": None,
        "row_version": 1,
        "deleted_at": None,
    }


def add_applications(database: Database, scale: float, last_fy: int) -> None:
    rng = random.Random(SEED)
    with database.engine.begin() as connection:
        offices = list(connection.execute(select(Office.id, Office.code)))
        groups: list[dict[str, Any]] = []
        for n in range(groups_at(scale)):
            kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
            office_id, code = rng.choice(offices)
            name, kana = f"ベンチ団体{n:05d}", f"ベンチダンタイ{n:05d}"
            row = _stamp(rng, code)
            row.update(
                name=name,
                name_kana=kana,
                name_key=search_key(name + kana),
                kind=kind.value,
                office_id=office_id,
                households=rng.randint(40, 3000) if kind is GroupKind.CHOKAI else None,
            )
            groups.append(row)
        connection.execute(insert(Group.__table__), groups)
        settings = load_default_settings()
        open_to = {
            kind: [p for p in programmes() if kind in p.latest.kinds_under(settings)]
            for kind in GroupKind
        }
        projects: dict[tuple[uuid.UUID, str, int], dict[str, Any]] = {}
        applications: list[dict[str, Any]] = []
        for _ in range(applications_at(scale)):
            group = rng.choice(groups)
            programme = rng.choice(open_to[GroupKind(group["kind"])])
            number = rng.randrange(PROJECTS_PER_PROGRAMME)
            # ① (counted per 町会) goes to the group's one standing project (services/applications/rounds.py).
            if programme.awards_per_group:
                number = 0
            slot = (group["id"], programme.code, number)
            project = projects.get(slot)
            if project is None:
                project = _stamp(rng, group["origin_office"])
                project.update(group_id=group["id"], title=f"{programme.name} {len(projects)}")
                projects[slot] = project
            fy = rng.randint(programme.since_fy, min(programme.until_fy or last_fy, last_fy))
            version = programme.version_for(fy) or programme.latest
            row = _stamp(rng, group["origin_office"])
            row.update(
                project_id=project["id"],
                group_id=group["id"],
                programme_code=programme.code,
                division=rng.choice(version.divisions).code,
                fiscal_year=fy,
                office_id=group["office_id"],
                status=rng.choices(list(STATUSES), list(STATUSES.values()))[0],
                amount_requested=rng.randrange(10, 300) * 1000,
            )
            applications.append(row)
        rows = list(projects.values())
        for start in range(0, len(rows), CHUNK):
            connection.execute(insert(Project.__table__), rows[start : start + CHUNK])
        for start in range(0, len(applications), CHUNK):
            connection.execute(insert(Application.__table__), applications[start : start + CHUNK])
        search_index.rebuild(connection)  # groups were written with Core


def _workspace(context: BenchContext, last_fy: int) -> Workspace:
    folder: Path = context.work_dir / f"entitlements-v{DATA_VERSION}-{context.scale:g}"
    built = (folder / DATABASE_FILE_NAME).exists()
    workspace = open_workspace(folder)
    if not built:
        add_applications(workspace.database, context.scale, last_fy)
    return workspace


@dataclass
class EntitlementWard:
    """The ward of applications opened once per run, and the groups the scenarios ask about."""

    workspace: Workspace
    rows: int  # applications
    picked: list[uuid.UUID]  # the same groups, in the same order, for every scenario
    fiscal_year: int
    head_office: Actor


_OPEN: dict[tuple[str, float], EntitlementWard] = {}


def entitlement_ward(context: BenchContext) -> EntitlementWard:
    """The applications' ward of this run, built and opened on first use, then shared."""
    key = (str(context.work_dir), context.scale)
    if key not in _OPEN:
        fy = fiscal_year(context.today)
        workspace = _workspace(context, fy)
        database = workspace.database
        with database.reading() as session:
            ids = list(session.scalars(select(Group.id).order_by(Group.id)))
            rows = session.scalar(select(func.count()).select_from(Application)) or 0
        picked = random.Random(SEED).sample(ids, min(PICKED, len(ids)))
        actor = system_actor(database, StaffRole.HEAD_OFFICE)
        _OPEN[key] = EntitlementWard(workspace, rows, picked, fy, actor)
    return _OPEN[key]


def close_all() -> None:
    while _OPEN:
        _OPEN.popitem()[1].workspace.close()


def _from_every_row(database: Database, group_id: uuid.UUID, fy: int) -> object:
    """The baseline: every application and project read, the group's awards found in Python."""
    settings = current_rule_settings(database)
    with database.reading() as session:
        group = session.get(Group, group_id)
        assert group is not None
        facts = GroupFacts(GroupKind(group.kind), group.households, group.households_counted_on)
        projects = session.execute(
            select(Project.id, Project.group_id, Project.title, Project.deleted_at)
        ).all()
        every = session.execute(
            select(
                Application.project_id,
                Application.programme_code,
                Application.fiscal_year,
                Application.division,
                Application.status,
                Application.deleted_at,
            )
        ).all()
    titles = {p.id: p.title for p in projects if p.group_id == group_id and p.deleted_at is None}
    awards: dict[tuple[uuid.UUID, str], list[Award]] = defaultdict(list)
    for row in sorted(every, key=lambda r: r.fiscal_year):
        if row.project_id in titles and row.deleted_at is None and row.status in AWARDED_STATUSES:
            awards[(row.project_id, row.programme_code)].append(
                Award(row.fiscal_year, row.division)
            )
    return entitlements_for(facts, fy, awards, titles, settings)


@scenario(
    "group_entitlements",
    f"what could this group receive, {PICKED} groups picked at random",
    goal="at most 20 ms a group, at least 20x faster than reading every row (ratio ≤ 0.05)",
)
def group_entitlements(context: BenchContext) -> Prepared:
    return service_beside(entitlement_ward(context), _from_every_row, "every row in Python")


def service_beside(
    ward: EntitlementWard,
    baseline_for: Callable[[Database, uuid.UUID, int], object],
    baseline_name: str,
) -> Prepared:
    """The service for the picked groups, beside ``baseline_for`` on the same groups."""
    database, picked, fy = ward.workspace.database, ward.picked, ward.fiscal_year

    def service() -> None:
        for group_id in picked:
            what_group_could_receive(database, ward.head_office, group_id, fy)

    def baseline() -> None:
        for group_id in picked:
            baseline_for(database, group_id, fy)

    return Prepared(
        rows=ward.rows,
        run=service,
        baseline_name=baseline_name,
        baseline=baseline,
        calls=len(picked),
    )
