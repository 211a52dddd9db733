"""The amount formulas of programmes ① and ⑤, as pure arithmetic on whole yen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import programme
from .programmes import HirobaRates, JichiRates
from .validation import require_non_negative


@dataclass(frozen=True)
class JichiGrant:
    """自治活動推進協力費 for one 町会・自治会: 基礎割 + 世帯割."""

    households: int
    blocks_added: int  # 500-household blocks beyond the first 500 that earned 5,000円
    base: int  # 基礎割
    per_household: int  # 世帯割
    total: int  # 助成額 = 基礎割 + 世帯割
    part_block: bool  # a part block exists beyond the full ones (where the setting decides)


def jichi_amount(households: int, rates: JichiRates, *, count_part_blocks: bool) -> JichiGrant:
    """基礎割 + 世帯割 for ``households`` under ``rates``."""
    count = require_non_negative(households, "加入世帯数", field="households")
    # 自治活動推進協力費: 基礎割 500世帯まで15,000円、以降500世帯ごとに5,000円を加算
    beyond = max(0, count - rates.base_households)
    full_blocks, rest = divmod(beyond, rates.block_households)
    blocks = full_blocks + (1 if count_part_blocks and rest else 0)
    base = rates.base_amount + rates.block_amount * blocks
    # 自治活動推進協力費: 世帯割 120円×世帯数
    per_household = rates.per_household * count
    return JichiGrant(count, blocks, base, per_household, base + per_household, rest > 0)


def jichi_grant(
    households: int, *, count_part_blocks: bool = False, fiscal_year: int | None = None
) -> JichiGrant:
    """自治活動推進協力費 for ``households`` under the rates of ``fiscal_year`` (default: latest).

    >>> jichi_grant(1000).total
    140000
    """
    jichi = programme("jichi")
    version = jichi.latest if fiscal_year is None else jichi.version_for(fiscal_year)
    if version is None:
        version = jichi.versions[0]
    rates = version.divisions[0].jichi
    assert rates is not None  # checked when the data is loaded
    return jichi_amount(households, rates, count_part_blocks=count_part_blocks)


@dataclass(frozen=True)
class HirobaMonth:
    """One month of 相談情報ひろば: days opened, 会場費 asked and granted."""

    year: int
    month: int
    days_opened: int
    venue_asked: int
    venue_granted: int


@dataclass(frozen=True)
class HirobaGrant:
    """相談情報ひろば運営支援: 運営費 + Σ 会場費 by month."""

    days_opened: int
    operating_limit: int  # 6,000円 × days opened
    operating_asked: int
    operating: int  # min(asked, limit)
    months: tuple[HirobaMonth, ...]
    total: int


def hiroba_amount(
    operating_asked: int,
    months: Sequence[tuple[int, int, int, int]],
    rates: HirobaRates,
    *,
    venue_needs_opening: bool,
) -> HirobaGrant:
    """運営費 and 会場費 for ``months`` given as (year, month, days opened, 会場費 asked).

    Inputs are assumed checked (see ``validation``): whole yen, days within the month.
    """
    days = sum(m[2] for m in months)
    # 相談情報ひろば: 運営費 1日6千円上限
    operating_limit = rates.operating_per_day * days
    operating = min(operating_asked, operating_limit)
    granted = []
    for year, month, opened, venue in months:
        # 相談情報ひろば: 会場費 月7万5千円上限 (開催日数に応じて)
        venue_granted = (
            0 if venue_needs_opening and opened == 0 else min(venue, rates.venue_per_month)
        )
        granted.append(HirobaMonth(year, month, opened, venue, venue_granted))
    total = operating + sum(m.venue_granted for m in granted)
    return HirobaGrant(days, operating_limit, operating_asked, operating, tuple(granted), total)
