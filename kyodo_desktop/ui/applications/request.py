"""An application as typed, read the way the rules read it (`rules.GrantRequest`).

The same reading the service makes of a stored application (services/applications/judging.py
`request_for`): the households typed, or else the group's record; ⑤'s operating cost and
months instead of an amount; the project's earlier awards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kyodo_desktop.rules import Award, Division, Formula, GrantRequest, GroupKind, MonthRequest
from kyodo_desktop.rules import Group as RulesGroup
from kyodo_desktop.services.applications.drafts import MonthDraft
from kyodo_desktop.services.groups.registry import GroupView


class Chosen(Protocol):
    """The programme and 年度 chosen (ui/applications/programme_choice.py)."""

    @property
    def code(self) -> str | None: ...

    @property
    def fiscal_year(self) -> int: ...


@dataclass(frozen=True)
class TypedFacts:
    """The figures typed on the form; None where nothing is typed."""

    amount: int | None = None
    households: int | None = None  # ①: None takes the group's record
    households_counted_on: date | None = None
    operating_cost: int | None = None  # ⑤
    months: tuple[MonthDraft, ...] = ()  # ⑤


def grant_request(
    chosen: Chosen,
    division: Division,
    group: GroupView,
    facts: TypedFacts,
    history: tuple[Award, ...],
) -> GrantRequest:
    households, counted_on = group.households, group.households_counted_on
    if division.formula is Formula.JICHI and facts.households is not None:
        households, counted_on = facts.households, facts.households_counted_on
    hiroba = division.formula is Formula.HIROBA
    return GrantRequest(
        programme=str(chosen.code),
        fiscal_year=chosen.fiscal_year,
        group=RulesGroup(GroupKind.parse(group.kind), households, counted_on),
        division=division.code,
        amount=None if hiroba else facts.amount,
        operating_cost=facts.operating_cost if hiroba else None,
        months=[MonthRequest(m.year, m.month, m.days_opened, m.venue_cost) for m in facts.months],
        award_history=history,
    )
