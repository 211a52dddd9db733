"""Whether a group may receive a programme this 年度: window, kind, and times used."""

from __future__ import annotations

from dataclasses import dataclass

from .calendar import format_fiscal_year
from .groups import GroupKind
from .intake import CheckedRequest
from .outcomes import Reason, Severity
from .programmes import Division, LimitUnit, Programme, ProgrammeVersion
from .settings import RuleSettings


@dataclass(frozen=True)
class Gate:
    """The eligibility part of an evaluation."""

    version: ProgrammeVersion | None
    division: Division | None
    reasons: tuple[Reason, ...]
    awards_used: int
    awards_left: int | None

    @property
    def open(self) -> bool:
        return not any(r.severity is Severity.BLOCK for r in self.reasons)


def division_label(prog: Programme, division: Division) -> str:
    """The division's name, or the programme's for an undivided programme."""
    return division.name or prog.name


def check_eligibility(checked: CheckedRequest, settings: RuleSettings) -> Gate:
    """Window, group kind, one award per 年度, and N times per project."""
    prog, fy = checked.programme, checked.request.fiscal_year
    window = window_reason(prog, fy)
    if window is not None:
        return Gate(prog.version_for(fy), None, (window,), 0, None)
    version = prog.version_for(fy)
    assert version is not None  # the window check covers 年度 before the start
    division = version.division(checked.request.division)
    reasons: list[Reason] = []
    reasons += _kind(prog, version, checked.kind, settings)
    reasons += _one_per_year(prog, division, checked, settings)
    used, left, times = _times(prog, division, checked, settings)
    reasons += times
    return Gate(version, division, tuple(reasons), used, left)


def window_reason(prog: Programme, fy: int) -> Reason | None:
    """Why ``prog`` takes no application in 年度 ``fy`` (not started, ended), or None."""
    asked = format_fiscal_year(fy)
    if fy < prog.since_fy:
        return Reason(
            "not_started",
            f"{prog.name}は{format_fiscal_year(prog.since_fy)}からの事業です（申請年度: {asked}）",
            Severity.BLOCK,
        )
    if prog.until_fy is not None and fy > prog.until_fy:
        return Reason(
            "ended",
            f"{prog.name}は{format_fiscal_year(prog.until_fy)}で終了しました（申請年度: {asked}）",
            Severity.BLOCK,
        )
    return None


def _kinds_text(kinds: frozenset[GroupKind]) -> str:
    return "・".join(kind.label for kind in GroupKind if kind in kinds)


def _kind(
    prog: Programme, version: ProgrammeVersion, kind: GroupKind, settings: RuleSettings
) -> list[Reason]:
    allowed = version.kinds_under(settings)
    if allowed == frozenset(GroupKind):
        return []
    deciding = next((name for name, extra in version.kinds_by_setting if kind in extra), None)
    if kind not in allowed:
        return [
            Reason(
                "kind",
                f"{prog.name}の対象は{_kinds_text(allowed)}です（この団体: {kind.label}）",
                Severity.BLOCK,
                deciding,
            )
        ]
    if deciding is not None:
        return [
            Reason(
                "kind_by_setting",
                f"{kind.label}は設定により{prog.name}の対象に含めています"
                f"（{RuleSettings.label(deciding)}）",
                Severity.INFO,
                deciding,
            )
        ]
    return []


def _one_per_year(
    prog: Programme, division: Division, checked: CheckedRequest, settings: RuleSettings
) -> list[Reason]:
    # DOMAIN.md: at most one award per project per 年度.
    if not settings.one_award_per_fiscal_year:
        return []
    fy = checked.request.fiscal_year
    across = settings.one_award_per_fiscal_year_across_divisions
    same_year = [
        award
        for award in checked.awards
        if award.fiscal_year == fy and (across or award.division == division.code)
    ]
    if not same_year:
        return []
    where = ""
    other = next((a for a in same_year if a.division != division.code), None)
    if other is not None:
        other_division = next(
            (d for v in prog.versions for d in v.divisions if d.code == other.division), None
        )
        if other_division is not None and other_division.name:
            where = f"、{other_division.name}"
    return [
        Reason(
            "one_per_year",
            f"交付決定は1事業につき1年度1回までです（{format_fiscal_year(fy)}に交付決定済み{where}）",
            Severity.BLOCK,
            "one_award_per_fiscal_year_across_divisions" if where else None,
        )
    ]


def _times(
    prog: Programme, division: Division, checked: CheckedRequest, settings: RuleSettings
) -> tuple[int, int | None, list[Reason]]:
    limit = division.max_awards
    label = division_label(prog, division)
    if division.limit_unit is LimitUnit.FISCAL_YEARS:
        # 地域おこしプロジェクト: 「３年度を上限」 — 年度 with an award, consecutive or not.
        years = sorted({a.fiscal_year for a in checked.awards})
        used = len(years)
        unit, listed = "年度", "・".join(format_fiscal_year(y) for y in years)
    else:
        used = sum(1 for a in checked.awards if a.division == division.code)
        unit, listed = "回", ""
    if limit is None:
        return used, None, []
    left = max(0, limit - used)
    rule = f"{label}は1事業{limit}{unit}{'のみ' if limit == 1 else 'まで'}です"
    detail = f"交付決定済み{used}{unit}" + (f": {listed}" if listed else "")
    reasons: list[Reason] = []
    if left == 0:
        reasons.append(Reason("times_used_up", f"{rule}（{detail}）", Severity.BLOCK))
    else:
        reasons.append(Reason("times_left", f"{rule}（{detail}、残り{left}{unit}）"))
    if division.limit_unit is LimitUnit.FISCAL_YEARS and settings.okoshi_consecutive_years:
        reasons += _consecutive(prog, limit, checked, years)
    return used, left, reasons


def _consecutive(
    prog: Programme, limit: int, checked: CheckedRequest, years: list[int]
) -> list[Reason]:
    if not years:
        return []
    fy = checked.request.fiscal_year
    first, last = years[0], years[0] + limit - 1
    if fy <= last:
        return []
    return [
        Reason(
            "years_not_consecutive",
            f"{prog.name}は最初の交付決定（{format_fiscal_year(first)}）から連続{limit}年度"
            f"（{format_fiscal_year(last)}まで）です（申請年度: {format_fiscal_year(fy)}）",
            Severity.BLOCK,
            "okoshi_consecutive_years",
        )
    ]
