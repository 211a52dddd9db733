"""What a group could still receive in a 年度 (受けられる支援), programme by programme.

Read only: the group, its projects' awards (store/awards.group_awards, one query) and the
ward's rule settings go to `rules.what_remains` for every programme ①..⑥ and every
division in force that 年度. "N times per project" is counted on the project, so each of
the group's projects with awards in a programme gets its own row, and a row for a new
project says what a fresh project could get (a new project has all its times; for ①,
only while the group has no standing ① project yet).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from kyodo_desktop import rules
from kyodo_desktop.rules import Award, GroupKind, Programme, Reason, RuleSettings
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import InputError, NotFoundError, PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.rule_settings import current_rule_settings
from kyodo_desktop.store.applications import Project
from kyodo_desktop.store.awards import group_awards
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group

GroupAwards = Mapping[tuple[uuid.UUID, str], Sequence[Award]]


@dataclass(frozen=True)
class Entitlement:
    """What remains for one (programme, division, project); project None is a new project."""

    programme: str
    programme_number: int
    programme_name: str
    division: str | None
    division_name: str | None
    project_id: uuid.UUID | None
    project_title: str | None
    eligible: bool
    awards_used: int
    awards_left: int | None  # None: the programme sets no limit
    max_grantable: int | None  # None: depends on facts not given (households, days opened)
    reasons: tuple[Reason, ...]
    # Of the group's own projects in this division, the one with the most left.
    most_left: bool = False

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.reasons)

    @property
    def is_new_project(self) -> bool:
        return self.project_id is None


@dataclass(frozen=True)
class Entitlements:
    """The answer for one group and 年度: rows in programme, division and project order."""

    group_id: uuid.UUID
    group_name: str
    group_kind: str
    fiscal_year: int
    rows: tuple[Entitlement, ...]

    def of(self, programme: str, division: str | None = None) -> tuple[Entitlement, ...]:
        """The rows of one programme division."""
        return tuple(r for r in self.rows if r.programme == programme and r.division == division)

    def for_project(
        self, programme: str, division: str | None, project_id: uuid.UUID | None
    ) -> Entitlement:
        """The row of one project (None: a new project); KeyError if the group has none."""
        for row in self.of(programme, division):
            if row.project_id == project_id:
                return row
        raise KeyError((programme, division, project_id))

    def best(self, programme: str, division: str | None = None) -> Entitlement | None:
        """The group's project with the most left in that division, or None without one."""
        return next((r for r in self.of(programme, division) if r.most_left), None)


def what_group_could_receive(
    database: Database, actor: Actor, group_id: uuid.UUID, fiscal_year: int
) -> Entitlements:
    """For the group and 年度: every programme and division, what remains possible and why.

    A read in one short read-only session (it never holds the write lock), so it is not a
    `@service`: it writes nothing and has nothing to audit.
    """
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise InputError("年度を選んでください。", field="fiscal_year")
    settings = current_rule_settings(database)
    with database.reading() as session:
        row = session.get(Group, group_id) if isinstance(group_id, uuid.UUID) else None
        if row is None or row.deleted_at is not None:
            raise NotFoundError("この団体の記録は見つかりません（削除された可能性があります）。")
        name, kind = row.name, row.kind
        facts = (row.households, row.households_counted_on)
        awards = group_awards(session, group_id)
        titles: dict[uuid.UUID, str] = {
            project_id: title
            for project_id, title in session.execute(
                select(Project.id, Project.title).where(
                    Project.group_id == group_id, Project.deleted_at.is_(None)
                )
            )
        }
    try:
        group = rules.Group(GroupKind.parse(kind), *facts)
        found = entitlements_for(group, fiscal_year, awards, titles, settings)
    except rules.RulesValidationError as error:
        raise InputError(str(error), field=error.field) from error
    return Entitlements(group_id, name, kind, fiscal_year, found)


def entitlements_for(
    group: rules.Group,
    fiscal_year: int,
    awards: GroupAwards,
    titles: Mapping[uuid.UUID, str],
    settings: RuleSettings,
) -> tuple[Entitlement, ...]:
    """The rows for a group's facts and its projects' awards (pure: no database)."""
    found: list[Entitlement] = []
    for programme in rules.programmes():
        projects = sorted(
            {project for project, code in awards if code == programme.code},
            key=lambda project: (titles.get(project, ""), str(project)),
        )
        # Closed that 年度: the same reason for every project, so one row says it.
        if not programme.is_open(fiscal_year):
            projects = []
        for division in _divisions(programme, fiscal_year):
            ask = _Asker(programme, division.code, division.name, fiscal_year, group, settings)
            if programme.awards_per_group:
                # ① counts the 町会's awards whatever the project: every row, a new
                # project's too, sees them all, and a new project is no second ①.
                pooled = sorted(
                    (a for (_, code), got in awards.items() if code == programme.code for a in got),
                    key=lambda award: award.fiscal_year,
                )
                mine = [ask(p, titles.get(p, ""), pooled) for p in projects]
                found += _ranked(mine)
                if not mine:
                    found.append(ask(None, None, pooled))
                continue
            mine = [
                ask(p, titles.get(p, ""), awards.get((p, programme.code), ())) for p in projects
            ]
            found += _ranked(mine)
            found.append(ask(None, None, ()))
    return tuple(found)


def _divisions(programme: Programme, fiscal_year: int) -> tuple[rules.Division, ...]:
    # Before a programme starts no version is in force: its first divisions stand in.
    version = programme.version_for(fiscal_year) or programme.versions[0]
    return version.divisions


@dataclass(frozen=True)
class _Asker:
    programme: Programme
    division: str | None
    division_name: str | None
    fiscal_year: int
    group: rules.Group
    settings: RuleSettings

    def __call__(
        self, project_id: uuid.UUID | None, title: str | None, history: Sequence[Award]
    ) -> Entitlement:
        left = rules.what_remains(
            self.programme.code,
            self.division,
            self.fiscal_year,
            self.group,
            history,
            settings=self.settings,
        )
        return Entitlement(
            programme=self.programme.code,
            programme_number=self.programme.number,
            programme_name=self.programme.name,
            division=self.division,
            division_name=self.division_name,
            project_id=project_id,
            project_title=title,
            eligible=left.eligible,
            awards_used=left.awards_used,
            awards_left=left.awards_left,
            max_grantable=left.max_grantable,
            reasons=left.reasons,
        )


def _ranked(mine: list[Entitlement]) -> list[Entitlement]:
    """The group's projects, the one with the most left first and marked."""
    if not mine:
        return []

    def most(row: Entitlement) -> tuple[bool, float, int]:
        left = float("inf") if row.awards_left is None else row.awards_left
        return (row.eligible, left, row.max_grantable or 0)

    best = max(mine, key=most)  # max keeps the first of equals: title order
    rest = [row for row in mine if row is not best]
    return [replace(best, most_left=True), *rest]


def this_fiscal_year(today: date | None = None) -> int:
    """The 年度 of today, the one the group's page opens on."""
    return rules.fiscal_year(today or date.today())
