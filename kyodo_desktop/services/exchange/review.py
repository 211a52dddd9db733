"""要確認: awards that break a programme's rule once every office's awards are counted.

Two offices can each record an award offline that together break a cap: a fourth はばたき
for one project, two ① awards for one 町会 in a 年度, ⑥ in a fourth 年度, an award in a
closed programme. After each file is applied at the head office, `rejudge` takes the awards
the file wrote (an application or one of its steps), and judges every award of the same
project (of the same group, for a programme counted per group) with the rules module, each
against the awards before it (by 年度, then as recorded): the award that goes beyond the
limit is the one named. Each breach is kept in `ExchangeReview` with the rule's own reason,
the records and the offices; the program deletes nothing. An officer looks, acts through
the usual screens, and marks the entry resolved with a note (`resolve_review`, audited).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kyodo_desktop.rules import (
    Award,
    GrantRequest,
    RulesValidationError,
    Severity,
    evaluate,
    format_fiscal_year,
    programme,
)
from kyodo_desktop.rules import Group as RulesGroup
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import NotFoundError, StaleRecordError
from kyodo_desktop.services.exchange.offices import office_label
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.rule_settings import rule_settings_in
from kyodo_desktop.store.applications import (
    AWARDED_STATUSES,
    Application,
    ApplicationStep,
    Project,
)
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.exchange.state import ExchangeReview
from kyodo_desktop.store.groups import Group

# The rules' reasons that a merge of offline awards can break (the gate, not the amount).
BREACHES = frozenset(
    {"ended", "not_started", "kind", "one_per_year", "times_used_up", "years_not_consecutive"}
)
# Breaches of one award alone: no earlier award takes part.
_ALONE = frozenset({"ended", "not_started", "kind"})


def rejudge(
    uow: UnitOfWork,
    applications: Iterable[uuid.UUID],
    steps: Iterable[uuid.UUID] = (),
    file_id: str | None = None,
) -> int:
    """Judge again the awards of the projects these rows belong to; keep each new breach.

    Returns how many entries were added (a breach already listed, open or resolved, with the
    same records is not listed twice)."""
    session = uow.session
    ids = set(applications)
    step_ids = list(steps)
    for start in range(0, len(step_ids), 500):
        ids.update(
            session.scalars(
                select(ApplicationStep.application_id).where(
                    ApplicationStep.id.in_(step_ids[start : start + 500])
                )
            )
        )
    if not ids:
        return 0
    families: set[tuple[str, uuid.UUID, bool]] = set()
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        rows = session.execute(
            select(
                Application.programme_code,
                Application.project_id,
                Application.group_id,
                Application.status,
                Application.deleted_at,
            ).where(Application.id.in_(id_list[start : start + 500]))
        )
        for code, project_id, group_id, status, deleted_at in rows:
            if status not in AWARDED_STATUSES or deleted_at is not None:
                continue
            try:
                per_group = programme(code).awards_per_group
            except (KeyError, LookupError, ValueError):
                continue
            families.add((code, group_id if per_group else project_id, per_group))
    settings = rule_settings_in(session)
    awards = _awards_of(session, families)
    held = _held(session, [a.id for family in awards.values() for a in family])
    groups = _groups_of(session, {a.group_id for family in awards.values() for a in family})
    added = 0
    with session.no_autoflush:  # the entries found are written once, at the commit
        for family in sorted(families, key=lambda f: (f[0], str(f[1]))):
            found = awards.get(family, [])
            added += _judge_family(uow, family[0], found, ids, groups, settings, file_id, held)
    return added


_AWARD_COLUMNS = (
    Application.id,
    Application.programme_code,
    Application.project_id,
    Application.group_id,
    Application.fiscal_year,
    Application.division,
    Application.households,
    Application.households_counted_on,
    Application.created_at,
    Application.origin_office,
)


def _awards_of(
    session: Any, families: set[tuple[str, uuid.UUID, bool]]
) -> dict[tuple[str, uuid.UUID, bool], list[Any]]:
    """Every live award of each family (a project's, or for ① a group's live projects'),
    oldest 年度 first, read with a few statements for all the families at once."""
    found: dict[tuple[str, uuid.UUID, bool], list[Any]] = {}
    by_kind: dict[tuple[str, bool], list[uuid.UUID]] = {}
    for code, owner, per_group in families:
        by_kind.setdefault((code, per_group), []).append(owner)
    for (code, per_group), owners in by_kind.items():
        for start in range(0, len(owners), 500):
            part = owners[start : start + 500]
            query = select(*_AWARD_COLUMNS).where(
                Application.programme_code == code,
                Application.status.in_(AWARDED_STATUSES),
                Application.deleted_at.is_(None),
            )
            if per_group:
                query = query.join(Project, Project.id == Application.project_id).where(
                    Project.group_id.in_(part), Project.deleted_at.is_(None)
                )
            else:
                query = query.where(Application.project_id.in_(part))
            for row in session.execute(query):
                owner = row.group_id if per_group else row.project_id
                found.setdefault((code, owner, per_group), []).append(row)
    for family in found.values():
        family.sort(key=lambda a: (a.fiscal_year, a.created_at, str(a.id)))
    return found


def _groups_of(session: Any, ids: set[uuid.UUID]) -> dict[uuid.UUID, Any]:
    found: dict[uuid.UUID, Any] = {}
    listed = list(ids)
    for start in range(0, len(listed), 500):
        rows = session.execute(
            select(Group.id, Group.kind, Group.households, Group.households_counted_on).where(
                Group.id.in_(listed[start : start + 500])
            )
        )
        found.update((row.id, row) for row in rows)
    return found


def _judge_family(
    uow: UnitOfWork,
    code: str,
    awards: list[Any],
    touched: set[uuid.UUID],
    groups: dict[uuid.UUID, Any],
    settings: object,
    file_id: str | None,
    held: set[tuple[uuid.UUID, str, str]],
) -> int:
    # An award is judged against the ones before it: only those from the first the file
    # touched on can have changed their verdict (the ones before were judged already).
    first = next((i for i, a in enumerate(awards) if a.id in touched), len(awards))
    added = 0
    for position, row in enumerate(awards[first:], start=first):
        earlier = awards[:position]
        group = groups.get(row.group_id)
        if group is None:
            continue
        households = row.households if row.households is not None else group.households
        counted_on = (
            row.households_counted_on if row.households is not None else group.households_counted_on
        )
        request = GrantRequest(
            programme=code,
            fiscal_year=row.fiscal_year,
            group=RulesGroup(group.kind, households, counted_on),
            division=row.division,
            award_history=tuple(Award(a.fiscal_year, a.division) for a in earlier),
        )
        try:
            result = evaluate(request, settings=settings)  # type: ignore[arg-type]
        except RulesValidationError:
            continue  # a record the rules cannot read is not a breach of a cap
        for reason in result.reasons:
            if reason.severity is not Severity.BLOCK or reason.code not in BREACHES:
                continue
            involved = [row]
            if reason.code == "one_per_year":
                involved += [a for a in earlier if a.fiscal_year == row.fiscal_year]
            elif reason.code not in _ALONE:
                involved += earlier
            if _keep(uow, row, reason.code, reason.text, involved, file_id, held):
                added += 1
    return added


def _held(session: Any, ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, str, str]]:
    """The entries already listed for these awards (open or resolved), as their keys."""
    found: set[tuple[uuid.UUID, str, str]] = set()
    for start in range(0, len(ids), 500):
        found.update(
            (a, r, rec)
            for a, r, rec in session.execute(
                select(
                    ExchangeReview.application_id, ExchangeReview.rule, ExchangeReview.records
                ).where(ExchangeReview.application_id.in_(ids[start : start + 500]))
            )
        )
    return found


def _keep(
    uow: UnitOfWork,
    row: Any,
    rule: str,
    text: str,
    involved: list[Application],
    file_id: str | None,
    held: set[tuple[uuid.UUID, str, str]],
) -> bool:
    session = uow.session
    records = json.dumps([str(a.id) for a in involved])
    if (row.id, rule, records) in held:
        return False
    held.add((row.id, rule, records))
    offices = sorted({a.origin_office for a in involved})
    entry = ExchangeReview(
        id=uuid.uuid4(),
        application_id=row.id,
        programme_code=row.programme_code,
        fiscal_year=row.fiscal_year,
        rule=rule,
        reason=text,
        records=records,
        offices=",".join(offices),
        file_id=file_id,
        found_at=utcnow(),
    )
    session.add(entry)
    uow.record_event(
        "exchange.review_found",
        "exchange_review",
        entry.id,
        application=str(row.id),
        rule=rule,
        reason=text,
        offices=entry.offices,
    )
    return True


# ---------------------------------------------------------------- what an officer reads


@dataclass(frozen=True)
class ReviewRecord:
    """One award named by an entry, in words."""

    application_id: uuid.UUID
    office: str  # 「事務所02」
    fiscal_year: str  # 令和8年度
    division: str  # はばたき部門, or the programme's name
    status: str  # 交付決定, 額の確定, ...


@dataclass(frozen=True)
class ReviewLine:
    id: uuid.UUID
    programme: str  # ③ まちづくり活動助成
    fiscal_year: str
    group: str
    project: str
    reason: str  # the rules' own sentence
    offices: tuple[str, ...]
    records: tuple[ReviewRecord, ...]
    found_at: datetime
    resolved_at: datetime | None
    note: str | None


def _programme_label(code: str) -> str:
    try:
        found = programme(code)
    except (KeyError, LookupError, ValueError):
        return code
    return f"{found.mark} {found.name}"


def _division_label(code: str, fiscal_year: int, division: str | None) -> str:
    try:
        found = programme(code)
    except (KeyError, LookupError, ValueError):
        return division or ""
    for version in found.versions:
        for candidate in version.divisions:
            if candidate.code == division and candidate.name:
                return candidate.name
    return found.name


def _status_label(status: str) -> str:
    try:
        return StepKind(status).label
    except ValueError:
        return status


def _line(uow: UnitOfWork, entry: ExchangeReview) -> ReviewLine:
    session = uow.session
    ids = [uuid.UUID(i) for i in json.loads(entry.records)]
    rows = {a.id: a for a in session.scalars(select(Application).where(Application.id.in_(ids)))}
    judged = rows.get(entry.application_id)
    group = session.get(Group, judged.group_id) if judged is not None else None
    project = session.get(Project, judged.project_id) if judged is not None else None
    records = tuple(
        ReviewRecord(
            a.id,
            office_label(a.origin_office),
            format_fiscal_year(a.fiscal_year),
            _division_label(a.programme_code, a.fiscal_year, a.division),
            _status_label(a.status),
        )
        for a in (rows[i] for i in ids if i in rows)
    )
    return ReviewLine(
        id=entry.id,
        programme=_programme_label(entry.programme_code),
        fiscal_year=format_fiscal_year(entry.fiscal_year),
        group=group.name if group is not None else "（不明な団体）",
        project=project.title if project is not None else "",
        reason=entry.reason,
        offices=tuple(office_label(o) for o in entry.offices.split(",") if o),
        records=records,
        found_at=entry.found_at,
        resolved_at=entry.resolved_at,
        note=entry.note,
    )


def review_lines(uow: UnitOfWork, *, resolved: bool = False) -> tuple[ReviewLine, ...]:
    """The open entries (or, with ``resolved``, every entry), oldest first."""
    query = select(ExchangeReview).order_by(ExchangeReview.found_at, ExchangeReview.id)
    if not resolved:
        query = query.where(ExchangeReview.resolved_at.is_(None))
    return tuple(_line(uow, entry) for entry in uow.session.scalars(query))


@service("exchange.reviews", Permission.READ)
def list_reviews(uow: UnitOfWork, *, resolved: bool = False) -> tuple[ReviewLine, ...]:
    """要確認: the awards that break a rule once every office's awards are counted."""
    return review_lines(uow, resolved=resolved)


@dataclass(frozen=True)
class ReviewResolution:
    """What the officer writes when an entry is dealt with."""

    note: str


@service("exchange.resolve_review", Permission.DECIDE, input_type=ReviewResolution)
def resolve_review(uow: UnitOfWork, review_id: uuid.UUID, resolution: ReviewResolution) -> None:
    """Mark one 要確認 entry resolved, with what was done (the records stay as they are)."""
    entry = uow.session.get(ExchangeReview, review_id)
    if entry is None:
        raise NotFoundError("この要確認の項目は見つかりません。一覧を開き直してください。")
    if entry.resolved_at is not None:
        raise StaleRecordError(
            "この要確認の項目は、すでに確認済みになっています。一覧を開き直してください。"
        )
    note = text_field(resolution.note, "確認の内容", 2000, field="note", required=True, lines=True)
    entry.resolved_at = utcnow()
    entry.resolved_by = uow.actor.staff_id
    entry.note = note
    uow.record_event(
        "exchange.review_resolved",
        "exchange_review",
        entry.id,
        application=str(entry.application_id),
        rule=entry.rule,
        note=note,
    )


__all__ = [
    "BREACHES",
    "ReviewLine",
    "ReviewRecord",
    "ReviewResolution",
    "list_reviews",
    "rejudge",
    "resolve_review",
    "review_lines",
]
