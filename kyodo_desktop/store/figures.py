"""The counts behind the ward's figures (集計): one grouped query per table, none per row.

Each function counts live rows only, for one 年度 (or period) and, when given, one office;
the services turn the counts into the tables people read (services/figures.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, extract, func, select
from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.reference import Topic

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
            func.count(func.distinct(Project.group_id)).filter(awarded),
            func.coalesce(func.sum(Application.amount_decided).filter(awarded), 0),
            func.coalesce(func.sum(Application.amount_paid), 0),
        )
        .join(Project, Project.id == Application.project_id)
        .where(Application.fiscal_year == fiscal_year, *_live_application(office_id))
        .group_by(Application.programme_code)
    )
    return {code: ProgrammeCounts(*counts) for code, *counts in rows}


def groups_funded_by_year(
    session: Session, office_id: uuid.UUID | None = None
) -> dict[tuple[int, str], int]:
    """(年度, programme code) → groups with an award: the paper's 「N団体に交付」."""
    rows = session.execute(
        select(
            Application.fiscal_year,
            Application.programme_code,
            func.count(func.distinct(Project.group_id)),
        )
        .join(Project, Project.id == Application.project_id)
        .where(Application.status.in_(AWARDED_STATUSES), *_live_application(office_id))
        .group_by(Application.fiscal_year, Application.programme_code)
    )
    return {(fy, code): count for fy, code, count in rows}


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


def _consultations(
    first: date, last: date, office_id: uuid.UUID | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        Consultation.deleted_at.is_(None),  # the partial indexes' own condition
        Consultation.occurred_on >= first,
        Consultation.occurred_on <= last,
    ]
    if office_id is not None:
        where.append(Consultation.office_id == office_id)
    return where


def consultations_by_office_topic(
    session: Session, first: date, last: date, office_id: uuid.UUID | None = None
) -> dict[tuple[uuid.UUID, str], int]:
    """(office, topic code) → consultations of the period with that topic (one per topic)."""
    rows = session.execute(
        select(Consultation.office_id, Topic.code, func.count())
        .join(consultation_topic, consultation_topic.c.consultation_id == Consultation.id)
        .join(Topic, Topic.id == consultation_topic.c.topic_id)
        .where(*_consultations(first, last, office_id))
        .group_by(Consultation.office_id, Topic.code)
    )
    return {(office, code): count for office, code, count in rows}


def consultations_by_office(
    session: Session, first: date, last: date, office_id: uuid.UUID | None = None
) -> dict[uuid.UUID, int]:
    """Office → consultations of the period (each once, whatever its topics)."""
    rows = session.execute(
        select(Consultation.office_id, func.count())
        .where(*_consultations(first, last, office_id))
        .group_by(Consultation.office_id)
    )
    return {key: count for key, count in rows}


def consultations_by_office_month(
    session: Session, first: date, last: date, office_id: uuid.UUID | None = None
) -> dict[tuple[uuid.UUID, int, int], int]:
    """(office, year, month) → consultations of the period."""
    year = extract("year", Consultation.occurred_on)
    month = extract("month", Consultation.occurred_on)
    rows = session.execute(
        select(Consultation.office_id, year, month, func.count())
        .where(*_consultations(first, last, office_id))
        .group_by(Consultation.office_id, year, month)
    )
    return {(office, int(y), int(m)): count for office, y, m, count in rows}


def consultations_by_channel(
    session: Session, first: date, last: date, office_id: uuid.UUID | None = None
) -> dict[str, int]:
    """Channel code → consultations of the period."""
    rows = session.execute(
        select(Consultation.channel, func.count())
        .where(*_consultations(first, last, office_id))
        .group_by(Consultation.channel)
    )
    return {key: count for key, count in rows}


def follow_ups_by_office(
    session: Session, today: date, office_id: uuid.UUID | None = None
) -> dict[uuid.UUID, tuple[int, int]]:
    """Office → (follow-ups overdue, follow-ups due today), as of ``today``, not done."""
    where: list[ColumnElement[bool]] = [
        Consultation.deleted_at.is_(None),
        Consultation.follow_up_done.is_(False),  # the partial index's own `IS 0`
        Consultation.follow_up_on <= today,
    ]
    if office_id is not None:
        where.append(Consultation.office_id == office_id)
    rows = session.execute(
        select(
            Consultation.office_id,
            func.count().filter(Consultation.follow_up_on < today),
            func.count().filter(Consultation.follow_up_on == today),
        )
        .where(*where)
        .group_by(Consultation.office_id)
    )
    return {office: (overdue, due) for office, overdue, due in rows}


def funded_over(
    session: Session, programme_code: str, first_fy: int, last_fy: int, *, projects: bool
) -> int:
    """Distinct groups (or projects) with an award of the programme over the span of 年度."""
    counted = Application.project_id if projects else Project.group_id
    return (
        session.scalar(
            select(func.count(func.distinct(counted)))
            .select_from(Application)
            .join(Project, Project.id == Application.project_id)
            .where(
                Application.programme_code == programme_code,
                Application.fiscal_year.between(first_fy, last_fy),
                Application.status.in_(AWARDED_STATUSES),
                Application.deleted_at.is_(None),
            )
        )
        or 0
    )


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
