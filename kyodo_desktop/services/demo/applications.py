"""Applications (申請) with their dated steps, documents, budgets and monthly figures.

A programme planner describes an application as a ``Draft`` with every step it will go
through; the desk keeps only the steps that happened by ``today`` (so the current 年度
stops half-way), numbers the documents the ward issued in date order per department and
年度 (練地振第123号), and writes the rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.demo.context import Demo
from kyodo_desktop.services.demo.groups import GroupSpec
from kyodo_desktop.services.demo.staff import Member, Roster
from kyodo_desktop.store.models import Application, ApplicationMonth, ApplicationStep, BudgetLine

# Steps done by the group at the counter; the rest are the ward's (head office) work.
_COUNTER_STEPS = frozenset(
    {
        StepKind.PRIOR_CONSULTATION,
        StepKind.FILED,
        StepKind.WITHDRAWN,
        StepKind.REPORTED,
        StepKind.CLAIMED,
    }
)
# Documents the ward issues carry a number (文書番号).
_NUMBERED_STEPS = frozenset(
    {
        StepKind.DECIDED,
        StepKind.REJECTED,
        StepKind.CHANGE_APPROVED,
        StepKind.CONFIRMED,
        StepKind.REFUNDED,
    }
)
_PAYMENTS = frozenset({StepKind.PAID, StepKind.ADVANCE_PAID})

EXPENSE_ITEMS: tuple[tuple[str, str, float], ...] = (
    # item, note, weight
    ("会場費", "地区区民館・地域集会所の使用料", 1.0),
    ("印刷製本費", "チラシ・報告書の印刷", 1.0),
    ("講師謝礼", "講師への謝礼", 0.8),
    ("消耗品費", "文具・材料", 1.0),
    ("通信運搬費", "郵送料・通信費", 0.6),
    ("保険料", "行事・ボランティア活動の保険", 0.5),
)
_OWN_INCOME = (("会費", "会員の会費から"), ("参加費", "参加者から"))


@dataclass
class Step:
    kind: StepKind
    day: date
    amount: int | None = None
    note: str = ""


@dataclass
class Draft:
    """One application as planned from start to end."""

    programme: str
    division: str | None
    fy: int
    project_id: uuid.UUID
    group: GroupSpec
    requested: int
    purpose: str
    steps: list[Step] = field(default_factory=list)
    decided: int | None = None
    confirmed: int | None = None
    households: int | None = None
    households_counted_on: date | None = None
    operating_cost: int | None = None
    months: list[tuple[int, int, int, int]] = field(default_factory=list)
    budget: list[tuple[str, str, int, str]] = field(default_factory=list)  # side, item, yen, note
    actual: list[tuple[str, str, int, str]] = field(default_factory=list)

    def add(self, kind: StepKind, day: date, amount: int | None = None, note: str = "") -> date:
        if self.steps and day <= self.steps[-1].day:
            raise ValueError(f"step {kind} on {day} is not after {self.steps[-1]}")
        self.steps.append(Step(kind, day, amount, note))
        return day


def prefix_for(programme: str, fy: int) -> str:
    """The issuing department's 文書番号 prefix."""
    if programme == "yasashii":
        return "練福管"  # 福祉部管理課
    if programme == "machizukuri":
        return "練環ま公"  # 練馬区環境まちづくり公社
    if programme == "okoshi" or (programme == "hiroba" and fy >= 2017):
        return "練協推"  # 地域文化部協働推進課
    return "練地振"  # 地域文化部地域振興課


class Desk:
    """Turns drafts into rows; holds issued documents until their 年度 can be numbered."""

    def __init__(self, demo: Demo, roster: Roster) -> None:
        self.demo = demo
        self.roster = roster
        self._pending: list[tuple[int, str, dict[str, Any], bool]] = []  # fy, prefix, row, numbered
        self._counters: dict[tuple[str, int], int] = {}

    def submit(self, draft: Draft) -> list[StepKind]:
        """Write what of ``draft`` happened by today; return the step kinds written."""
        demo = self.demo
        steps = [s for s in draft.steps if s.day <= demo.today]
        if not steps:
            return []
        kinds = [s.kind for s in steps]
        office = draft.group.office
        staff = [self._staff(s, office) for s in steps]
        application_id = demo.new_id()
        paid = sum(s.amount or 0 for s in steps if s.kind in _PAYMENTS) - sum(
            s.amount or 0 for s in steps if s.kind is StepKind.REFUNDED
        )
        row = demo.stamp(
            office=office,
            made_on=steps[0].day,
            made_by=staff[0].id,
            changed_on=steps[-1].day,
            changed_by=staff[-1].id,
            row_id=application_id,
        )
        row.update(
            project_id=draft.project_id,
            group_id=draft.group.id,
            programme_code=draft.programme,
            division=draft.division,
            fiscal_year=draft.fy,
            office_id=self.roster.office_ids[office],
            status=kinds[-1].value,
            amount_requested=draft.requested,
            amount_decided=draft.decided if StepKind.DECIDED in kinds else None,
            amount_confirmed=draft.confirmed if StepKind.CONFIRMED in kinds else None,
            amount_paid=paid,
            households=draft.households,
            households_counted_on=draft.households_counted_on,
            operating_cost=draft.operating_cost,
            purpose=draft.purpose,
            override_reason=None,
        )
        demo.sink.add(Application, row)
        prefix = prefix_for(draft.programme, draft.fy)
        for step, member in zip(steps, staff, strict=True):
            step_row = demo.stamp(office=member.office, made_on=step.day, made_by=member.id)
            step_row.update(
                application_id=application_id,
                kind=step.kind.value,
                occurred_on=step.day,
                document_number="",
                staff_id=member.id,
                amount=step.amount,
                note=step.note,
            )
            self._pending.append(
                (fiscal_year(step.day), prefix, step_row, step.kind in _NUMBERED_STEPS)
            )
        filed = next((s for s in steps if s.kind is StepKind.FILED), None)
        if filed is not None:
            self._lines(application_id, "budget", draft.budget, filed.day, staff[0], office)
        reported = next((s for s in steps if s.kind is StepKind.REPORTED), None)
        if reported is not None:
            member = staff[kinds.index(StepKind.REPORTED)]
            self._lines(application_id, "actual", draft.actual, reported.day, member, office)
        # ⑤ months: as planned when filed and, once reported, as they happened.
        stages = [("budget", steps[0].day, staff[0])]
        if reported is not None:
            stages.append(("actual", reported.day, staff[kinds.index(StepKind.REPORTED)]))
        for stage, made_on, member in stages:
            for year, month, days, venue in draft.months:
                month_row = demo.stamp(office=office, made_on=made_on, made_by=member.id)
                month_row.update(
                    application_id=application_id,
                    stage=stage,
                    year=year,
                    month=month,
                    days_opened=days,
                    venue_cost=venue,
                )
                demo.sink.add(ApplicationMonth, month_row)
        return kinds

    def _staff(self, step: Step, office: str) -> Member:
        if step.kind in _COUNTER_STEPS:
            return self.roster.counter(office, step.day)
        return self.roster.head(step.day)

    def _lines(
        self,
        application_id: uuid.UUID,
        stage: str,
        lines: list[tuple[str, str, int, str]],
        day: date,
        member: Member,
        office: str,
    ) -> None:
        for position, (side, item, amount, note) in enumerate(lines):
            row = self.demo.stamp(office=office, made_on=day, made_by=member.id)
            row.update(
                application_id=application_id,
                stage=stage,
                position=position,
                side=side,
                item=item,
                amount=amount,
                note=note,
            )
            self.demo.sink.add(BudgetLine, row)

    def release(self, through_fy: int | None = None) -> None:
        """Number and write the steps of 年度 up to ``through_fy`` (all when None)."""
        rng = self.demo.rng
        ready = [p for p in self._pending if through_fy is None or p[0] <= through_fy]
        self._pending = [p for p in self._pending if through_fy is not None and p[0] > through_fy]
        ready.sort(key=lambda p: (p[2]["occurred_on"], p[2]["created_at"], p[2]["id"].int))
        for fy, prefix, row, numbered in ready:
            if numbered:
                key = (prefix, fy)
                # Other documents of the department take numbers in between.
                number = self._counters.get(key, rng.randint(3, 40)) + rng.randint(1, 6)
                self._counters[key] = number
                row["document_number"] = f"{prefix}第{number}号"
            self.demo.sink.add(ApplicationStep, row)


def budget_lines(
    demo: Demo, subsidy: int, *, own_share: float, subsidy_item: str = "助成金"
) -> list[tuple[str, str, int, str]]:
    """A balanced 収支予算書: the subsidy and own money against 3–5 expense items."""
    rng = demo.rng
    own = 100 * round(subsidy * own_share / 100)
    total = subsidy + own
    lines: list[tuple[str, str, int, str]] = [("income", subsidy_item, subsidy, "")]
    if own:
        first = 100 * round(own * rng.uniform(0.3, 0.8) / 100)
        for (item, note), amount in zip(_OWN_INCOME, (first, own - first), strict=True):
            if amount:
                lines.append(("income", item, amount, note))
    count = rng.randint(3, 5)
    items = []
    pool = list(EXPENSE_ITEMS)
    while len(items) < count:
        choice = rng.choices(pool, [w for _, _, w in pool])[0]
        pool.remove(choice)
        items.append(choice)
    weights = [rng.uniform(0.5, 2.0) for _ in items]
    left = total
    for index, ((item, note, _), weight) in enumerate(zip(items, weights, strict=True)):
        if index == len(items) - 1:
            amount = left
        else:
            amount = min(left, 100 * int(total * weight / sum(weights) / 100))
        left -= amount
        lines.append(("expense", item, amount, note))
    return lines
