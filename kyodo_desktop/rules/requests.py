"""What evaluation is asked about: the group, its past awards and the request (申請)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .groups import GroupKind


@dataclass(frozen=True)
class Group:
    """The applying group (団体): its kind and, for a 町会・自治会, its 加入世帯数."""

    kind: GroupKind
    households: int | None = None  # 加入世帯数; programme ① needs it
    households_counted_on: dt.date | None = None  # the day the households were counted


@dataclass(frozen=True)
class Award:
    """A past award (交付決定) of the same project in the same programme.

    Only awards are passed: a refused (不採択) or withdrawn (取下げ) application is not an
    award and does not use up one of a project's times.
    """

    fiscal_year: int
    division: str | None = None


@dataclass(frozen=True)
class MonthRequest:
    """One month of a 相談情報ひろば request: days the desk opens and the month's 会場費."""

    year: int
    month: int
    days_opened: int
    venue_cost: int


@dataclass(frozen=True)
class GrantRequest:
    """A request to evaluate: programme, division, 年度, group, history and amounts asked.

    ``amount`` is the amount asked (None: ask for the most). Programme ⑤ (hiroba) takes
    ``operating_cost`` (運営費, None: the most) and ``months`` instead of ``amount``.
    """

    programme: str
    fiscal_year: int
    group: Group
    division: str | None = None
    amount: int | None = None
    operating_cost: int | None = None
    months: Sequence[MonthRequest] = ()
    award_history: Sequence[Award] = ()
