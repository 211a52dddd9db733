"""The awards (交付決定) a project or a group has had: the history the rules count.

DOMAIN.md: "N times per project" counts awards, not applications; a refused or withdrawn
application uses up no time. An application counts as awarded once it reached 交付決定,
whatever step it has reached since (AWARDED_STATUSES).
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.rules import Award, programme
from kyodo_desktop.store.applications import AWARDED_STATUSES, Application, Project


def project_awards(
    session: Session,
    project_id: uuid.UUID,
    programme_code: str,
    *,
    excluding: uuid.UUID | None = None,
) -> list[Award]:
    """The awards the rules count for an application of this project, oldest first.

    The project's own, or, for a programme that counts per group (①: 1年度1回 per 町会),
    every award of the project's group in that programme. ``excluding`` leaves out the
    application being judged.

    The SQL asks by project only (the project index: a project has a handful of
    applications) and the programme is picked here: with the programme in the WHERE,
    SQLite without statistics walks the programme-and-年度 index instead, every
    application of the programme (40 ms a call at 100,000 applications, bench
    ``group_entitlements_per_project``).
    """
    if programme(programme_code).awards_per_group:
        group_id = session.scalar(select(Project.group_id).where(Project.id == project_id))
        projects = list(
            session.scalars(
                select(Project.id).where(Project.group_id == group_id, Project.deleted_at.is_(None))
            )
        )
    else:
        projects = [project_id]
    rows = session.execute(
        select(
            Application.id,
            Application.programme_code,
            Application.fiscal_year,
            Application.division,
            Application.status,
        ).where(Application.project_id.in_(projects), Application.deleted_at.is_(None))
    )
    found = [
        Award(fy, division)
        for app_id, code, fy, division, status in rows
        if code == programme_code and status in AWARDED_STATUSES and app_id != excluding
    ]
    return sorted(found, key=lambda award: award.fiscal_year)


def group_awards(session: Session, group_id: uuid.UUID) -> dict[tuple[uuid.UUID, str], list[Award]]:
    """Every award of the group's projects, by (project, programme), oldest first.

    One indexed query (project by group, application by project) whatever the size of
    the ward's history.
    """
    rows = session.execute(
        select(
            Application.project_id,
            Application.programme_code,
            Application.fiscal_year,
            Application.division,
        )
        .join(Project, Project.id == Application.project_id)
        .where(
            Project.group_id == group_id,
            Project.deleted_at.is_(None),
            Application.status.in_(AWARDED_STATUSES),
            Application.deleted_at.is_(None),
        )
        .order_by(Application.fiscal_year)
    )
    found: dict[tuple[uuid.UUID, str], list[Award]] = defaultdict(list)
    for project_id, code, fy, division in rows:
        found[(project_id, code)].append(Award(fy, division))
    return dict(found)
