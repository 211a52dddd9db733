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
    added = 0
    with session.no_autoflush:  # the entries found are written once, at the commit
        for code, owner, per_group in sorted(families, key=lambda f: (f[0], str(f[1]))):
            added += _judge_family(uow, code, owner, per_group, settings, file_id)
    return added


def _judge_family(
    uow: UnitOfWork,
    code: str,
    owner: uuid.UUID,
    per_group: bool,
    settings: object,
    file_id: str | None,
) -> int:
    session = uow.session
    query = select(Application).where(
        Application.programme_code == code,
        Application.status.in_(AWARDED_STATUSES),
        Application.deleted_at.is_(None),
    )
    if per_group:
        live_projects = select(Project.id).where(
            Project.group_id == owner, Project.deleted_at.is_(None)
        )
        query = query.where(Application.project_id.in_(live_projects))
    else:
        query = query.where(Application.project_id == owner)
    awards = sorted(session.scalars(query), key=lambda a: (a.fiscal_year, a.created_at, str(a.id)))
    held = _held(session, [a.id for a in awards])
    groups: dict[uuid.UUID, Group | None] = {}
    added = 0
    for position, row in enumerate(awards):
        earlier = awards[:position]
        if row.group_id not in groups:
            groups[row.group_id] = session.get(Group, row.group_id)
        group = groups[row.group_id]
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
    row: Application,
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
