"""年度 (the fiscal year, April–March) and 和暦 (era dates) for forms and screens.

The era table is our own three lines, not a dependency: the ward needs 昭和・平成・令和
only, the changeover days are fixed by law and well known, and a small table is easier to
check (the tests walk every day) than a library's wider, looser rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import RulesValidationError


@dataclass(frozen=True)
class Era:
    """An era (元号) with its first day in the Gregorian calendar."""

    name: str  # 令和
    letter: str  # R, as in R8.4.1
    first_day: dt.date
    last_day: dt.date | None  # None while the era is current


# 元号法 and the changeover days: 昭和64年1月7日 → 平成元年1月8日; 平成31年4月30日 → 令和元年5月1日.
ERAS: tuple[Era, ...] = (
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)

ERAS_BY_NAME: dict[str, Era] = {era.name: era for era in ERAS} | {era.letter: era for era in ERAS}

# 年度 before the first full 昭和 year are not named here (大正 is not in the table).
MIN_FISCAL_YEAR = 1927


@dataclass(frozen=True)
class WarekiDate:
    """A date in 和暦: era, year of the era (1 = 元年), month, day."""

    era: Era
    year: int
    month: int
    day: int

    @property
    def year_text(self) -> str:
        """The era year as written on forms: 元 for 1, else the number."""
        return "元" if self.year == 1 else str(self.year)


def era_of(day: dt.date) -> Era:
    """The era in force on ``day``; dates before 昭和 are refused."""
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era
    raise RulesValidationError(
        f"{day.isoformat()} は昭和より前の日付のため和暦にできません"
        "（昭和元年12月25日以降の日付を入力してください）。"
    )


def era_year(era: Era, gregorian_year: int) -> int:
    """The era year (1 = 元年) of a Gregorian year inside ``era``."""
    return gregorian_year - era.first_day.year + 1


def to_wareki(day: dt.date) -> WarekiDate:
    """``date(2019, 5, 1)`` → 令和 1 (元年) 5 1."""
    era = era_of(day)
    return WarekiDate(era, era_year(era, day.year), day.month, day.day)


def format_wareki(day: dt.date) -> str:
    """``date(2026, 4, 1)`` → ``'令和8年4月1日'``; year 1 is written 元年."""
    w = to_wareki(day)
    return f"{w.era.name}{w.year_text}年{w.month}月{w.day}日"


def format_wareki_short(day: dt.date) -> str:
    """``date(2026, 4, 1)`` → ``'R8.4.1'`` (year 1 is ``R1``)."""
    w = to_wareki(day)
    return f"{w.era.letter}{w.year}.{w.month}.{w.day}"


def format_wareki_month(year: int, month: int) -> str:
    """``(2026, 4)`` → ``'令和8年4月'`` (the era of the month's first day)."""
    w = to_wareki(dt.date(year, month, 1))
    return f"{w.era.name}{w.year_text}年{w.month}月"


def fiscal_year(day: dt.date) -> int:
    """The 年度 of ``day``: April to March (地方自治法 第208条). 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_range(fy: int) -> tuple[dt.date, dt.date]:
    """First and last day of 年度 ``fy``: 2017 → (2017-04-01, 2018-03-31)."""
    return dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)


def fiscal_year_era(fy: int) -> tuple[Era, int]:
    """The era and era year that name 年度 ``fy``.

    A 年度 is named after the calendar year in which it starts, with that year's era as
    it stood on 31 December. So FY2019 (which began in 平成31) is 令和元年度, as the ward
    writes it, and FY1988 (which ended in 平成元年) stays 昭和63年度.
    """
    if isinstance(fy, bool) or not isinstance(fy, int):
        raise RulesValidationError(f"年度は西暦の整数で指定してください（入力: {fy!r}）。")
    if fy < MIN_FISCAL_YEAR or fy > 9998:
        raise RulesValidationError(
            f"{fy}年度は扱えません（{MIN_FISCAL_YEAR}年度から9998年度まで）。"
        )
    era = era_of(dt.date(fy, 12, 31))
    return era, era_year(era, fy)


def format_fiscal_year(fy: int) -> str:
    """``2019`` → ``'令和元年度'``, ``2018`` → ``'平成30年度'``, ``2026`` → ``'令和8年度'``."""
    era, year = fiscal_year_era(fy)
    return f"{era.name}{'元' if year == 1 else year}年度"


def days_in_month(year: int, month: int) -> int:
    """Number of days in a month: (2026, 2) → 28, (2028, 2) → 29."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - first).days
