"""What every part of the demo generator shares: the random streams, the day, the sink."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.store.models import (
    Application,
    ApplicationMonth,
    ApplicationStep,
    BudgetLine,
    CaseEvent,
    Consultation,
    Group,
    Person,
    Project,
    Staff,
    SupportCase,
    consultation_topic,
)

T = TypeVar("T")

# The first day of the record: the ward's programmes ②③⑤ start in 平成18年度.
FIRST_DAY = date(2006, 4, 1)
FIRST_FISCAL_YEAR = 2006
# Groups that existed before the record began were entered by this day; the first
# 年度's applications are taken after it.
LEDGERS_ENTERED_BY = date(2006, 4, 28)

# Rows are written in this order, parents before children (foreign keys are checked).
TABLE_ORDER: tuple[Any, ...] = (
    Staff,
    Group,
    Person,
    SupportCase,
    Project,
    Consultation,
    consultation_topic,
    CaseEvent,
    Application,
    ApplicationStep,
    BudgetLine,
    ApplicationMonth,
)

CHUNK_ROWS = 4000
FLUSH_ROWS = 40_000  # buffered rows (all tables) before writing; bounds memory at any scale

# Days the offices are closed besides weekends: 年末年始 and the holidays whose date has
# not moved since 2006 (the movable ones are left out: a demo needs no holiday calendar).
_CLOSED = frozenset(
    {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
    | {(2, 11), (4, 29), (5, 3), (5, 4), (5, 5), (11, 3), (11, 23)}
)


def table_name(model: Any) -> str:
    return model.name if isinstance(model, Table) else model.__tablename__


class Sink:
    """Buffers rows per table and writes them in bulk, parents first."""

    def __init__(self) -> None:
        self._rows: dict[Any, list[dict[str, Any]]] = {model: [] for model in TABLE_ORDER}
        self._buffered = 0
        self._session: Session | None = None
        self.counts: dict[str, int] = {table_name(model): 0 for model in TABLE_ORDER}

    def bind(self, session: Session | None) -> None:
        if session is None and self._buffered:
            raise RuntimeError("unwritten demo rows would be lost")
        self._session = session

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the sink is not bound to a session")
        return self._session

    def add(self, model: Any, row: dict[str, Any]) -> None:
        self._rows[model].append(row)
        self._buffered += 1
        if self._buffered >= FLUSH_ROWS and self._session is not None:
            self.flush()

    def flush(self) -> None:
        session = self.session
        for model in TABLE_ORDER:
            rows = self._rows[model]
            if not rows:
                continue
            # A Core insert into the model's table: every row carries every column, so
            # one executemany per chunk, without the ORM's per-row bookkeeping.
            statement = insert(model if isinstance(model, Table) else model.__table__)
            for start in range(0, len(rows), CHUNK_ROWS):
                session.execute(statement, rows[start : start + CHUNK_ROWS])
            self.counts[table_name(model)] += len(rows)
            self._rows[model] = []
        self._buffered = 0


class Demo:
    """The generator's state: its day, its size, its two random streams and its sink.

    Ids come from their own stream (``ids``) so that a change in how much randomness the
    data draws never reshuffles which id a row gets relative to the data stream.
    """

    def __init__(self, *, today: date, seed: int, scale: float) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        if today < date(2007, 4, 1):
            raise ValueError("the demo needs a today after FY2006")
        self.today = today
        self.scale = scale
        self.current_fy = fiscal_year(today)
        self.ids = random.Random(seed)
        self.rng = random.Random(seed * 1_000_003 + 17)
        self.sink = Sink()

    # ---- ids and counts -------------------------------------------------------------

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def scaled(self, base: float, *, minimum: int = 0) -> int:
        """``base`` rows at scale 1, rounded, never fewer than ``minimum``."""
        return max(minimum, round(base * self.scale))

    def stochastic(self, expected: float) -> int:
        """An integer whose mean is ``expected`` (so small scales still get some rows)."""
        whole = math.floor(expected)
        return whole + (1 if self.rng.random() < expected - whole else 0)

    # ---- random helpers -------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(items, weights)[0]

    def amount(self, low: int, high: int, unit: int = 1000) -> int:
        """A whole amount between ``low`` and ``high`` in steps of ``unit`` yen."""
        return unit * self.rng.randint(-(-low // unit), high // unit)

    # ---- days -----------------------------------------------------------------------

    def day_between(self, first: date, last: date) -> date:
        """A working day in [first, last] (``first`` itself when nothing fits)."""
        span = (last - first).days
        if span <= 0:
            return first
        for _ in range(8):
            day = first + timedelta(days=self.rng.randint(0, span))
            if is_workday(day):
                return day
        return next_workday(first) if next_workday(first) <= last else first

    def after(self, day: date, low: int, high: int) -> date:
        """A working day ``low``..``high`` days after ``day``."""
        return next_workday(day + timedelta(days=self.rng.randint(low, high)))

    def moment(self, day: date) -> datetime:
        """A time in office hours (9:00–17:59 JST) on ``day``, stored in UTC."""
        minute = int(self.rng.random() * 540)
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=UTC)

    def stamp(
        self,
        *,
        office: str,
        made_on: date,
        made_by: uuid.UUID | None,
        changed_on: date | None = None,
        changed_by: uuid.UUID | None = None,
        row_id: uuid.UUID | None = None,
    ) -> dict[str, Any]:
        """The Mergeable columns of a row made at ``office`` on ``made_on``."""
        created = self.moment(made_on)
        if changed_on is None or changed_on <= made_on:
            updated = created
        else:
            updated = self.moment(changed_on)
        return {
            "id": row_id if row_id is not None else self.new_id(),
            "origin_office": office,
            "created_at": created,
            "created_by": made_by,
            "updated_at": updated,
            "updated_by": changed_by if changed_by is not None else made_by,
            "row_version": 1,
            "deleted_at": None,
        }


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in _CLOSED


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def workdays(first: date, last: date) -> list[date]:
    days = []
    day = first
    while day <= last:
        if is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def fy_bounds(fy: int) -> tuple[date, date]:
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def top_weighted(
    rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int
) -> list[T]:
    """``k`` items drawn without replacement, each in proportion to its weight (A-ES keys)."""
    keyed = [
        (rng.random() ** (1.0 / weight), index)
        for index, weight in enumerate(weights)
        if weight > 0
    ]
    keyed.sort(reverse=True)
    return [items[index] for _, index in keyed[:k]]
