"""What could this group receive, beside the code a developer would write first: N+1 queries.

A fairer baseline than reading every row (bench/entitlements.py): the group, one query for
its projects and the programmes they applied to, then one `store.awards.project_awards`
query per (project, programme), the function the filing checks use, handed to the same
rules (`entitlements_for`). Same ward (built once per run and shared), same groups picked
(seeded), same 年度 as `group_entitlements`; the measured side is the same service, which
reads the group's awards in one indexed query (`store.awards.group_awards`).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kyodo_desktop.bench.entitlements import PICKED, entitlement_ward, service_beside
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.rules import Award, GroupKind
from kyodo_desktop.rules import Group as GroupFacts
from kyodo_desktop.services.applications.entitlements import (
    Entitlement,
    entitlements_for,
)
from kyodo_desktop.services.rule_settings import current_rule_settings
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.awards import project_awards
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group


def per_project(database: Database, group_id: uuid.UUID, fy: int) -> tuple[Entitlement, ...]:
    """The baseline: one `project_awards` query for each of the group's projects' programmes."""
    settings = current_rule_settings(database)
    with database.reading() as session:
        group = session.get(Group, group_id)
        assert group is not None
        facts = GroupFacts(GroupKind(group.kind), group.households, group.households_counted_on)
        applied = session.execute(
            select(Project.id, Project.title, Application.programme_code)
            .join(Application, Application.project_id == Project.id)
            .where(
                Project.group_id == group_id,
                Project.deleted_at.is_(None),
                Application.deleted_at.is_(None),
            )
            .distinct()
        ).all()
        titles = {row.id: row.title for row in applied}
        awards: dict[tuple[uuid.UUID, str], list[Award]] = {}
        for project_id, _title, code in applied:
            found = project_awards(session, project_id, code)
            if found:  # a project refused every time has used up no time
                awards[(project_id, code)] = found
    return entitlements_for(facts, fy, awards, titles, settings)


@scenario(
    "group_entitlements_per_project",
    f"what could this group receive, {PICKED} groups, beside one query per project",
    goal="faster than one project_awards query per project (ratio < 1)",
)
def group_entitlements_per_project(context: BenchContext) -> Prepared:
    return service_beside(entitlement_ward(context), per_project, "project_awards per project")
