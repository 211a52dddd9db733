"""How much a request can receive, with its breakdown and reasons (算定)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import format_wareki, format_wareki_month
from .eligibility import division_label
from .formulas import JichiGrant, hiroba_amount, jichi_amount
from .intake import CheckedRequest
from .money import format_yen
from .outcomes import BreakdownLine, Reason, Severity
from .programmes import Division, Formula, LimitUnit, Programme
from .settings import RuleSettings


@dataclass(frozen=True)
class Amounts:
    """The amount part of an evaluation; ``max_grantable`` is None when facts are missing."""

    max_grantable: int | None
    grantable: int
    breakdown: tuple[BreakdownLine, ...]
    reasons: tuple[Reason, ...]


def work_out(checked: CheckedRequest, division: Division, settings: RuleSettings) -> Amounts:
    """Dispatch on the division's formula."""
    if division.formula is Formula.JICHI:
        return _jichi(checked, division, settings)
    if division.formula is Formula.HIROBA:
        return _hiroba(checked, division, settings)
    return _capped(checked.programme, division, checked.request.amount)


def _asked_against(asked: int | None, most: int, what: str) -> tuple[int, list[Reason]]:
    if asked is None:
        return most, []
    if asked > most:
        text = f"申請額 {format_yen(asked)} は{what} {format_yen(most)} を超えています"
        return most, [Reason("over_cap", text, Severity.LIMIT)]
    return asked, [
        Reason("within_cap", f"申請額 {format_yen(asked)} は{what} {format_yen(most)} 以内です")
    ]


def _capped(prog: Programme, division: Division, asked: int | None) -> Amounts:
    cap = division.cap
    assert cap is not None  # checked when the data is loaded
    label = division_label(prog, division)
    per = "1年度" if division.limit_unit is LimitUnit.FISCAL_YEARS else "1回"
    reasons = [Reason("cap", f"{label}の上限は{per}あたり {format_yen(cap)} です")]
    grantable, asked_reasons = _asked_against(asked, cap, "上限")
    return Amounts(
        cap, grantable, (BreakdownLine("助成額", grantable),), tuple(reasons + asked_reasons)
    )


def _missing(code: str, text: str) -> Amounts:
    return Amounts(None, 0, (), (Reason(code, text, Severity.BLOCK),))


def _jichi(checked: CheckedRequest, division: Division, settings: RuleSettings) -> Amounts:
    group = checked.request.group
    if group.households is None:
        return _missing(
            "households_missing",
            f"{checked.programme.name}の算定には加入世帯数が必要です（加入世帯数が入力されていません）",
        )
    rates = division.jichi
    assert rates is not None  # checked when the data is loaded
    part = settings.jichi_count_part_blocks
    grant = jichi_amount(group.households, rates, count_part_blocks=part)
    reasons = [_households_reason(grant, group.households_counted_on)]
    reasons += _base_reasons(
        grant,
        rates.base_households,
        rates.block_households,
        rates.base_amount,
        rates.block_amount,
        part,
    )
    reasons.append(
        Reason(
            "jichi_per_household",
            f"世帯割 {format_yen(grant.per_household)}"
            f"（{rates.per_household:,}円×{grant.households:,}世帯）",
        )
    )
    reasons.append(Reason("jichi_total", f"助成額 {format_yen(grant.total)}（基礎割＋世帯割）"))
    grantable, asked_reasons = _asked_against(checked.request.amount, grant.total, "算定額")
    breakdown = (
        BreakdownLine("基礎割", grant.base),
        BreakdownLine("世帯割", grant.per_household),
    )
    if grantable < grant.total:
        breakdown += (BreakdownLine("申請額による減額", grantable - grant.total),)
    return Amounts(grant.total, grantable, breakdown, tuple(reasons + asked_reasons))


def _households_reason(grant: JichiGrant, counted_on: dt.date | None) -> Reason:
    if counted_on is None:
        return Reason(
            "households", f"加入世帯数 {grant.households:,}世帯（基準日が入力されていません）"
        )
    return Reason(
        "households",
        f"加入世帯数 {grant.households:,}世帯（{format_wareki(counted_on)}現在）",
    )


def _base_reasons(
    grant: JichiGrant,
    base_households: int,
    block_households: int,
    base_amount: int,
    block_amount: int,
    count_part_blocks: bool,
) -> list[Reason]:
    # 自治活動推進協力費: 基礎割 500世帯まで15,000円 以降500世帯ごとに5,000円を加算
    head = f"{grant.households:,}世帯：{base_households:,}世帯まで{base_amount:,}円"
    if grant.blocks_added:
        head += f"＋{block_households:,}世帯ごとに{block_amount:,}円×{grant.blocks_added}"
    reasons = [Reason("jichi_base", f"基礎割 {format_yen(grant.base)}（{head}）")]
    if grant.part_block:
        rest = (grant.households - base_households) % block_households
        if count_part_blocks:
            text = (
                f"{base_households:,}世帯を超える端数 {rest:,}世帯 も1単位として"
                f"{block_amount:,}円を加算しています（設定: 端数も加算する）"
            )
        else:
            text = (
                f"{base_households:,}世帯を超える端数 {rest:,}世帯 は{block_households:,}世帯に"
                f"満たないため加算していません（設定: 端数は加算しない）"
            )
        reasons.append(Reason("jichi_part_block", text, Severity.INFO, "jichi_count_part_blocks"))
    return reasons


def _hiroba(checked: CheckedRequest, division: Division, settings: RuleSettings) -> Amounts:
    rates = division.hiroba
    assert rates is not None  # checked when the data is loaded
    if not checked.months:
        return _missing(
            "months_missing",
            f"{checked.programme.name}の算定には月ごとの開催日数と会場費が必要です"
            "（入力されていません）",
        )
    months = [(m.year, m.month, m.days_opened, m.venue_cost) for m in checked.months]
    days = sum(m.days_opened for m in checked.months)
    operating_limit = rates.operating_per_day * days
    asked = checked.request.operating_cost
    needs_opening = settings.hiroba_venue_needs_opening
    grant = hiroba_amount(
        operating_limit if asked is None else asked,
        months,
        rates,
        venue_needs_opening=needs_opening,
    )
    limit_text = f"{rates.operating_per_day:,}円×開催{days:,}日＝{format_yen(operating_limit)}"
    reasons: list[Reason] = []
    if asked is not None and asked > operating_limit:
        reasons.append(
            Reason(
                "operating_over_cap",
                f"運営費の申請額 {format_yen(asked)} は上限 {limit_text} を超えています",
                Severity.LIMIT,
            )
        )
    reasons.append(
        Reason("operating", f"運営費 {format_yen(grant.operating)}（上限 {limit_text}）")
    )
    breakdown = [BreakdownLine("運営費", grant.operating)]
    venue_max = 0
    for month in grant.months:
        name = format_wareki_month(month.year, month.month)
        breakdown.append(BreakdownLine(f"会場費 {name}", month.venue_granted))
        if needs_opening and month.days_opened == 0:
            if month.venue_asked:
                reasons.append(
                    Reason(
                        "venue_no_opening",
                        f"{name}は開催がないため、会場費 {format_yen(month.venue_asked)} は"
                        "助成の対象外です（設定: 開催のない月の会場費は助成しない）",
                        Severity.LIMIT,
                        "hiroba_venue_needs_opening",
                    )
                )
            continue
        venue_max += rates.venue_per_month
        if month.venue_asked > rates.venue_per_month:
            reasons.append(
                Reason(
                    "venue_over_cap",
                    f"{name}の会場費 {format_yen(month.venue_asked)} は月の上限 "
                    f"{format_yen(rates.venue_per_month)} を超えています",
                    Severity.LIMIT,
                )
            )
    reasons.append(Reason("hiroba_total", f"助成額 {format_yen(grant.total)}（運営費＋会場費）"))
    return Amounts(operating_limit + venue_max, grant.total, tuple(breakdown), tuple(reasons))
