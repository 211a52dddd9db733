"""The counts behind the ward's figures (集計): one grouped query per table, none per row.

Each function counts live rows only, for one 年度 (or period) and, when given, one office;
the services turn the counts into the tables people read (services/figures/year.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, TextClause, func, select, text
from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.store.applications import AWARDED_STATUSES, LIVE_AWARD_SQL, Application
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.dialect import bound_uuid, indexed_by, month_of

# A 事前相談 is an inquiry, not yet a proposal received: the figures count from 交付申請.
RECEIVED = Application.status != str(StepKind.PRIOR_CONSULTATION)


@dataclass(frozen=True)
class ProgrammeCounts:
    """One programme's 年度: proposals received and chosen, groups funded, amounts."""

    received: int = 0  # 申請・提案 (from 交付申請; 取下げ and 不採択 included)
    awarded: int = 0  # 交付決定 (whatever step it reached since)
    rejected: int = 0  # 不採択
    groups_funded: int = 0  # distinct groups with an award
    decided: int = 0  # Σ 交付決定額 of the awards
    paid: int = 0  # Σ 支払額


def _live_application(office_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Application.deleted_at.is_(None)]
    if office_id is not None:
        where.append(Application.office_id == office_id)
    return where


def programme_counts(
    session: Session, fiscal_year: int, office_id: uuid.UUID | None = None
) -> dict[str, ProgrammeCounts]:
    """Per programme code, the 年度's counts and amounts."""
    awarded = Application.status.in_(AWARDED_STATUSES)
    rows = session.execute(
        select(
            Application.programme_code,
            func.count().filter(RECEIVED),
            func.count().filter(awarded),
            func.count().filter(Application.status == str(StepKind.REJECTED)),
            func.count(func.distinct(Application.group_id)).filter(awarded),
            func.coalesce(func.sum(Application.amount_decided).filter(awarded), 0),
            func.coalesce(func.sum(Application.amount_paid), 0),
        )
        .where(Application.fiscal_year == fiscal_year, *_live_application(office_id))
        .group_by(Application.programme_code)
    )
    return {code: ProgrammeCounts(*counts) for code, *counts in rows}


# Without ANALYZE statistics SQLite picks, for a GROUP BY, the list's narrow index over the
# one that holds every counted column, reading each row besides (bench figures_year: 2.1 s
# at a million consultations). These few statements are written out so that they name the
# index (store/dialect.indexed_by: SQLite only, plain elsewhere).


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _awards_sql(
    session: Session, office_id: uuid.UUID | None, extra: str, select_list: str, group_by: str
) -> tuple[TextClause, dict[str, object]]:
    """The live awards, read from their partial index alone (its condition word for word)."""
    indexed = indexed_by(session, "ix_application_awarded_groups")
    where = LIVE_AWARD_SQL + extra
    params: dict[str, object] = {}
    if office_id is not None:
        where += " AND office_id = :office"
        params["office"] = bound_uuid(session, office_id)
    sql = f"SELECT {select_list} FROM application{indexed} WHERE {where}{group_by}"
    return text(sql), params


def groups_funded_by_year(
    session: Session, office_id: uuid.UUID | None = None
) -> dict[tuple[int, str], int]:
    """(年度, programme code) → groups with an award: the paper's 「N団体に交付」."""
    statement, params = _awards_sql(
        session,
        office_id,
        "",
        "fiscal_year, programme_code, count(DISTINCT group_id)",
        " GROUP BY programme_code, fiscal_year",
    )
    return {(fy, code): n for fy, code, n in session.execute(statement, params)}


def status_counts(
    session: Session, fiscal_year: int, office_id: uuid.UUID | None = None
) -> dict[tuple[str, str], int]:
    """(step reached, programme code) → applications of the 年度."""
    rows = session.execute(
        select(Application.status, Application.programme_code, func.count())
        .where(Application.fiscal_year == fiscal_year, *_live_application(office_id))
        .group_by(Application.status, Application.programme_code)
    )
    return {(status or "", code): count for status, code, count in rows}


@dataclass(frozen=True)
class ConsultationTally:
    """A period's live consultations counted two ways."""

    # (office, year, month, channel) → consultations (each once, whatever its topics)
    by_month: dict[tuple[uuid.UUID, int, int, str], int]
    # (office, topic code) → consultations with that topic (one under each of its topics)
    by_topic: dict[tuple[uuid.UUID, str], int]


def consultation_tally(
    session: Session, first: date, last: date, office_id: uuid.UUID | None = None
) -> ConsultationTally:
    """The period's consultations by office, month and channel, and by office and topic.

    Two grouped reads of the period's index (day, office, channel, and the consultation's
    copy of its topics' codes, ``topic_codes``), each sorted by SQLite into a few hundred
    groups. Counting in the index's own order instead (by day, no sort) returned a group
    for nearly every consultation of a real year, and was slower to sum here.
    """
    indexed = indexed_by(session, "ix_consultation_figures")
    where = "deleted_at IS NULL AND occurred_on >= :first AND occurred_on <= :last"
    params: dict[str, object] = {"first": first, "last": last}
    if office_id is not None:
        where += " AND office_id = :office"
        params["office"] = bound_uuid(session, office_id)
    period = f"FROM consultation{indexed} WHERE {where}"
    by_month: dict[tuple[uuid.UUID, int, int, str], int] = {}
    month = month_of(session, "occurred_on")
    months = (
        f"SELECT office_id, {month}, channel, count(*) {period} "
        f"GROUP BY office_id, {month}, channel"
    )
    for office, month, channel, n in session.execute(text(months), params):
        year, number = str(month).split("-")[:2]
        by_month[(_as_uuid(office), int(year), int(number), channel)] = n
    by_topic: dict[tuple[uuid.UUID, str], int] = {}
    lists = f"SELECT office_id, topic_codes, count(*) {period} GROUP BY office_id, topic_codes"
    for office, codes, n in session.execute(text(lists), params):
        for code in filter(None, (codes or "").split(",")):
            key = (_as_uuid(office), code)
            by_topic[key] = by_topic.get(key, 0) + n
    return ConsultationTally(by_month, by_topic)


def follow_ups_by_office(
    session: Session, today: date, office_id: uuid.UUID | None = None
) -> dict[uuid.UUID, tuple[int, int]]:
    """Office → (follow-ups overdue, follow-ups due today), as of ``today``, not done.

    The few due rows are counted here: grouped in SQL, SQLite walks the office index of
    every pending follow-up instead of the due-day range.
    """
    where: list[ColumnElement[bool]] = [
        Consultation.deleted_at.is_(None),
        Consultation.follow_up_done.is_(False),  # the partial index's own `IS 0`
        Consultation.follow_up_on <= today,
    ]
    if office_id is not None:
        where.append(Consultation.office_id == office_id)
    found: dict[uuid.UUID, tuple[int, int]] = {}
    for office, due in session.execute(
        select(Consultation.office_id, Consultation.follow_up_on).where(*where)
    ):
        overdue, today_ = found.get(office, (0, 0))
        found[office] = (overdue + (due < today), today_ + (due == today))
    return found


def funded_over(
    session: Session, programme_code: str, first_fy: int, last_fy: int, *, projects: bool
) -> int:
    """Distinct groups (or projects) with an award of the programme over the span of 年度."""
    counted = "project_id" if projects else "group_id"
    statement, params = _awards_sql(
        session,
        None,
        " AND programme_code = :code AND fiscal_year BETWEEN :first AND :last",
        f"count(DISTINCT {counted})",
        "",
    )
    params.update(code=programme_code, first=first_fy, last=last_fy)
    return session.execute(statement, params).scalar() or 0


def received_over(session: Session, programme_code: str, first_fy: int, last_fy: int) -> int:
    """Applications (proposals) received by the programme over the span of 年度."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Application)
            .where(
                Application.programme_code == programme_code,
                Application.fiscal_year.between(first_fy, last_fy),
                RECEIVED,
                Application.deleted_at.is_(None),
            )
        )
        or 0
    )
