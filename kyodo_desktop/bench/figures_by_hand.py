"""The ward's figures counted the long way: every row read, counted in Python.

The baseline of the figures bench, and the check of the tests: the same numbers as
services/figures/year.py, in the same order, from no grouped query at all.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.rules.calendar import fiscal_year_range
from kyodo_desktop.rules.catalogue import programmes
from kyodo_desktop.rules.vocabulary import Channel, StepKind
from kyodo_desktop.services.figures.year import open_in
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.reference import Office, Topic

Values = tuple[tuple[int, ...], ...]


def figures_by_hand(
    session: Session, fiscal_year: int, office_id: uuid.UUID | None, today: date
) -> dict[str, Values]:
    """Per table key, each line's values (the total line last where the table has one)."""
    offices = [
        o
        for o in session.scalars(
            select(Office).where(Office.deleted_at.is_(None)).order_by(Office.code)
        )
        if office_id is None or o.id == office_id
    ]
    topics = list(
        session.scalars(select(Topic).where(Topic.deleted_at.is_(None)).order_by(Topic.sort_order))
    )
    group_of = {
        project: group for project, group in session.execute(select(Project.id, Project.group_id))
    }
    applications = [
        a
        for a in session.scalars(select(Application))
        if a.deleted_at is None and (office_id is None or a.office_id == office_id)
    ]
    first, last = fiscal_year_range(fiscal_year)
    consultations = [
        c
        for c in session.execute(
            select(
                Consultation.id,
                Consultation.office_id,
                Consultation.occurred_on,
                Consultation.channel,
                Consultation.follow_up_on,
                Consultation.follow_up_done,
                Consultation.deleted_at,
            )
        )
        if c.deleted_at is None and (office_id is None or c.office_id == office_id)
    ]
    topic_code = {t.id: t.code for t in topics}
    topics_of: dict[uuid.UUID, list[str]] = defaultdict(list)
    for consultation_id, topic_id in session.execute(
        select(consultation_topic.c.consultation_id, consultation_topic.c.topic_id)
    ):
        if topic_id in topic_code:
            topics_of[consultation_id].append(topic_code[topic_id])
    in_year = [c for c in consultations if first <= c.occurred_on <= last]
    return {
        "programmes": _programmes(applications, group_of, fiscal_year),
        "history": _history(applications, group_of),
        "steps": _steps(applications, fiscal_year),
        "office_topic": _office_topic(in_year, topics_of, offices, topics),
        "office_month": _office_month(in_year, offices, fiscal_year),
        "channels": _with_total([(sum(1 for c in in_year if c.channel == ch),) for ch in Channel]),
        "follow_ups": _follow_ups(consultations, offices, today),
        **({"paper": _paper(applications, group_of)} if office_id is None else {}),
    }


def _with_total(lines: list[tuple[int, ...]]) -> Values:
    width = len(lines[0]) if lines else 0
    return (*lines, tuple(sum(line[i] for line in lines) for i in range(width)))


def _programmes(applications: list, group_of: dict, fy: int) -> Values:  # type: ignore[type-arg]
    lines = []
    for prog in programmes():
        mine = [a for a in applications if a.fiscal_year == fy and a.programme_code == prog.code]
        if not mine and not open_in(prog, fy):
            continue
        awarded = [a for a in mine if a.status in AWARDED_STATUSES]
        lines.append(
            (
                sum(1 for a in mine if a.status != StepKind.PRIOR_CONSULTATION),
                len(awarded),
                sum(1 for a in mine if a.status == StepKind.REJECTED),
                len({group_of[a.project_id] for a in awarded}),
                sum(a.amount_decided or 0 for a in awarded),
                sum(a.amount_paid or 0 for a in mine),
            )
        )
    return _with_total(lines)


def _history(applications: list, group_of: dict) -> Values:  # type: ignore[type-arg]
    funded: dict[tuple[int, str], set[uuid.UUID]] = defaultdict(set)
    for a in applications:
        if a.status in AWARDED_STATUSES:
            funded[(a.fiscal_year, a.programme_code)].add(group_of[a.project_id])
    years = sorted({fy for fy, _ in funded}, reverse=True)
    progs = list(programmes())
    return tuple(tuple(len(funded.get((fy, p.code), ())) for p in progs) for fy in years)


def _steps(applications: list, fy: int) -> Values:  # type: ignore[type-arg]
    mine = [a for a in applications if a.fiscal_year == fy]
    progs = [p for p in programmes() if any(a.programme_code == p.code for a in mine)]
    found = Counter((a.status, a.programme_code) for a in mine)
    lines = []
    for kind in StepKind:
        values = tuple(found.get((str(kind), p.code), 0) for p in progs)
        if any(values):
            lines.append(values)
    return _with_total(lines)


def _office_topic(in_year: list, topics_of: dict, offices: list, topics: list) -> Values:  # type: ignore[type-arg]
    lines = []
    for office in offices:
        mine = [c for c in in_year if c.office_id == office.id]
        per_topic = Counter(code for c in mine for code in topics_of.get(c.id, ()))
        lines.append((*(per_topic.get(t.code, 0) for t in topics), len(mine)))
    return _with_total(lines)


def _office_month(in_year: list, offices: list, fy: int) -> Values:  # type: ignore[type-arg]
    months = [(fy, m) for m in range(4, 13)] + [(fy + 1, m) for m in range(1, 4)]
    found = Counter((c.office_id, c.occurred_on.year, c.occurred_on.month) for c in in_year)
    return _with_total([tuple(found.get((o.id, y, m), 0) for y, m in months) for o in offices])


def _follow_ups(consultations: list, offices: list, today: date) -> Values:  # type: ignore[type-arg]
    pending = [c for c in consultations if not c.follow_up_done and c.follow_up_on is not None]
    lines = [
        (
            sum(1 for c in pending if c.office_id == o.id and c.follow_up_on < today),
            sum(1 for c in pending if c.office_id == o.id and c.follow_up_on == today),
        )
        for o in offices
    ]
    return _with_total(lines)


def _paper(applications: list, group_of: dict) -> Values:  # type: ignore[type-arg]
    lines = []
    for prog in programmes():
        for result in prog.results:
            span = range(result.from_fy, result.until_fy + 1)
            mine = [
                a for a in applications if a.programme_code == prog.code and a.fiscal_year in span
            ]
            awarded = [a for a in mine if a.status in AWARDED_STATUSES]
            if result.unit == "事業":
                found = len({a.project_id for a in awarded})
            else:
                found = len({group_of[a.project_id] for a in awarded})
            lines.append((result.count, found))
            if result.out_of is not None and result.out_of_label and "提案" in result.out_of_label:
                received = sum(1 for a in mine if a.status != StepKind.PRIOR_CONSULTATION)
                lines.append((result.out_of, received))
    return tuple(lines)


def values_of(figures: object) -> dict[str, Values]:
    """A FigureSet's numbers in the same shape, to compare with `figures_by_hand`."""
    found: dict[str, Values] = {}
    for table in figures.tables:  # type: ignore[attr-defined]
        lines = [line.values for line in table.lines]
        if table.total is not None:
            lines.append(table.total.values)
        found[table.key] = tuple(lines)
    return found
