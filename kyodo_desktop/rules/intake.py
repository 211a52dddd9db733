"""Refusing impossible requests before they are judged (入力の検査)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .calendar import days_in_month, fiscal_year, fiscal_year_era, format_fiscal_year
from .catalogue import programme
from .errors import RulesValidationError
from .groups import GroupKind
from .programmes import Formula, Programme
from .requests import Award, GrantRequest, MonthRequest
from .validation import require_amount, require_int, require_non_negative


@dataclass(frozen=True)
class CheckedRequest:
    """A request whose input is possible, with its programme and group kind resolved."""

    request: GrantRequest
    programme: Programme
    kind: GroupKind
    months: tuple[MonthRequest, ...]
    awards: tuple[Award, ...]


def check_request(request: GrantRequest) -> CheckedRequest:
    """Raise ``RulesValidationError`` for impossible input; resolve codes otherwise."""
    prog = programme(request.programme)
    fy = require_int(request.fiscal_year, "申請年度", field="fiscal_year")
    fiscal_year_era(fy)  # refuses 年度 outside the era table
    kind = GroupKind.parse(request.group.kind)
    if request.group.households is not None:
        require_non_negative(request.group.households, "加入世帯数", field="households")
    counted_on = request.group.households_counted_on
    if counted_on is not None and not isinstance(counted_on, dt.date):
        raise RulesValidationError(
            f"加入世帯数の基準日は日付で入力してください（入力: {counted_on!r}）。",
            field="households_counted_on",
        )
    if request.division not in prog.division_codes():
        # Raises with the list of divisions to choose from.
        prog.latest.division(request.division)
    awards = tuple(_check_award(prog, award) for award in request.award_history)
    uses_hiroba = any(d.formula is Formula.HIROBA for v in prog.versions for d in v.divisions)
    if uses_hiroba:
        if request.amount is not None:
            raise RulesValidationError(
                f"{prog.name}では申請額ではなく、運営費と月ごとの開催日数・会場費を入力してください。",
                field="amount",
            )
        if request.operating_cost is not None:
            require_amount(request.operating_cost, "運営費", field="operating_cost")
        months = _check_months(fy, request.months)
    else:
        if request.amount is not None:
            require_amount(request.amount, "申請額", field="amount")
        if request.operating_cost is not None or request.months:
            raise RulesValidationError(
                f"運営費・会場費は相談情報ひろば運営支援だけの項目です（{prog.name}では入力しません）。",
                field="months",
            )
        months = ()
    return CheckedRequest(request, prog, kind, months, awards)


def _check_award(prog: Programme, award: Award) -> Award:
    require_int(award.fiscal_year, "交付決定の年度", field="award_history")
    if award.division not in prog.division_codes():
        raise RulesValidationError(
            f"交付決定の記録の部門「{award.division}」は{prog.name}にありません。",
            field="award_history",
        )
    return award


def _check_months(fy: int, months: Sequence[MonthRequest]) -> tuple[MonthRequest, ...]:
    checked: list[MonthRequest] = []
    seen: set[tuple[int, int]] = set()
    for item in months:
        if not isinstance(item, MonthRequest):
            raise RulesValidationError(
                "月ごとの開催日数・会場費の形が正しくありません。", field="months"
            )
        year = require_int(item.year, "開催月の年", field="months")
        month = require_int(item.month, "開催月", field="months")
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            raise RulesValidationError(
                f"開催月 {year}年{month}月 は存在しません（月は1から12）。", field="months"
            )
        if fiscal_year(dt.date(year, month, 1)) != fy:
            raise RulesValidationError(
                f"{year}年{month}月 は申請年度（{format_fiscal_year(fy)}：{fy}年4月～{fy + 1}年3月）"
                "の月ではありません。",
                field="months",
            )
        if (year, month) in seen:
            raise RulesValidationError(
                f"{year}年{month}月 が2回入力されています。1か月に1行で入力してください。",
                field="months",
            )
        seen.add((year, month))
        days = require_non_negative(
            item.days_opened, f"{year}年{month}月の開催日数", field="months"
        )
        last = days_in_month(year, month)
        if days > last:
            raise RulesValidationError(
                f"{year}年{month}月の開催日数 {days}日 はその月の日数（{last}日）を超えています。",
                field="months",
            )
        require_amount(item.venue_cost, f"{year}年{month}月の会場費", field="months")
        checked.append(item)
    return tuple(sorted(checked, key=lambda m: (m.year, m.month)))
