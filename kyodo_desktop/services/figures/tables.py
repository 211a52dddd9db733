"""What a table of figures is: its lines, their records, its chart (集計).

A `FigureTable` is what the 集計 screen shows beside its chart, and what the exports write
(CSV, Excel, PDF): a label column, value columns, lines and a total, with a `Drill` per
figure naming the list that holds its records.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.store.filters import ApplicationFilter, ConsultationFilter
from kyodo_desktop.store.reference import Office

YEN = "円"


@dataclass(frozen=True)
class Drill:
    """The records behind a figure: the applications or consultations a filter keeps."""

    title: str  # 「令和8年度 ① 自治活動推進協力費 交付決定」
    applications: ApplicationFilter | None = None
    consultations: ConsultationFilter | None = None


@dataclass(frozen=True)
class FigureLine:
    label: str  # the line's heading: a programme, an office, a step, a month
    values: tuple[int, ...]  # one per column
    drills: tuple[Drill | None, ...]  # one per value


@dataclass(frozen=True)
class Chart:
    """How the screen draws a table: bars of some columns, stacked bars, a line, a pie."""

    kind: str  # "bar" | "stacked" | "line" | "pie"
    columns: tuple[int, ...]  # the value columns drawn


@dataclass(frozen=True)
class FigureTable:
    key: str
    title: str  # 「令和8年度 支援事業別の実績」
    row_heading: str  # the label column's heading (支援事業, 事務所 …)
    columns: tuple[str, ...]
    units: tuple[str, ...]  # per column: 件, 団体, 円 (a yen column prints as 1,234円)
    lines: tuple[FigureLine, ...]
    total: FigureLine | None
    chart: Chart
    note: str = ""  # how to read it (a consultation with two topics counts under both)


@dataclass(frozen=True)
class FigureSet:
    fiscal_year: int
    office_name: str  # "" for every office
    as_of: date  # the day the follow-ups are counted
    tables: tuple[FigureTable, ...]

    def table(self, key: str) -> FigureTable:
        return next(t for t in self.tables if t.key == key)


def total_line(label: str, lines: list[FigureLine], drills: tuple[Drill | None, ...]) -> FigureLine:
    width = len(drills)
    sums = tuple(sum(line.values[i] for line in lines) for i in range(width))
    return FigureLine(label, sums, drills)


def offices_of(uow: UnitOfWork, office_id: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
    query = select(Office.id, Office.name).where(Office.deleted_at.is_(None)).order_by(Office.code)
    if office_id is not None:
        query = query.where(Office.id == office_id)
    return [(row[0], row[1]) for row in uow.session.execute(query)]
