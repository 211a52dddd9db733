"""Programmes (支援事業) ①–⑥: the dataclasses their versioned data is read into."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .calendar import format_fiscal_year
from .errors import RulesValidationError
from .groups import GroupKind
from .settings import RuleSettings


class Formula(StrEnum):
    """How a division's amount is worked out."""

    CAPPED = "capped"  # the amount asked, up to a cap per award
    JICHI = "jichi"  # 自治活動推進協力費: 基礎割 + 世帯割
    HIROBA = "hiroba"  # 相談情報ひろば: 運営費 per day + 会場費 per month


class LimitUnit(StrEnum):
    """What "N回まで" counts for a division."""

    AWARDS = "awards"  # 交付決定 in this division
    FISCAL_YEARS = "fiscal_years"  # 年度 with an award, in any division


@dataclass(frozen=True)
class JichiRates:
    """自治活動推進協力費: 基礎割 and 世帯割 rates."""

    base_amount: int  # 500世帯まで15,000円
    base_households: int  # 500
    block_households: int  # 以降500世帯ごとに
    block_amount: int  # 5,000円を加算
    per_household: int  # 世帯割 120円×世帯数


@dataclass(frozen=True)
class HirobaRates:
    """相談情報ひろば運営支援: 運営費 per day opened, 会場費 per month."""

    operating_per_day: int  # 運営費（１日６千円上限）
    venue_per_month: int  # 会場費（月７万５千円上限）


@dataclass(frozen=True)
class Division:
    """A division (部門) of a programme; an undivided programme has one with code None."""

    code: str | None
    name: str | None
    purpose: str | None
    formula: Formula
    cap: int | None  # most per award (= per 年度, one award per 年度)
    max_awards: int | None  # 1事業N回上限; None = no limit
    limit_unit: LimitUnit
    jichi: JichiRates | None = None
    hiroba: HirobaRates | None = None


@dataclass(frozen=True)
class ProgrammeVersion:
    """A programme's rules from one 年度 until the next version (or the end)."""

    from_fy: int
    run_by: str | None  # 担当部署; None where the paper does not say
    eligible_kinds: frozenset[GroupKind]
    kinds_by_setting: tuple[tuple[str, frozenset[GroupKind]], ...]
    divisions: tuple[Division, ...]
    notes: tuple[str, ...]
    # 概算払: paid in advance after the 交付決定, then settled (精算) or refunded (返還).
    pays_in_advance: bool = False
    # False: the decided amount is claimed and paid, with no 実績報告 or 額の確定 (① 協力費).
    needs_report: bool = True

    def kinds_under(self, settings: RuleSettings) -> frozenset[GroupKind]:
        """Eligible kinds once the settings that widen them are applied."""
        kinds = set(self.eligible_kinds)
        for name, extra in self.kinds_by_setting:
            if getattr(settings, name):
                kinds |= extra
        return frozenset(kinds)

    def division(self, code: str | None) -> Division:
        """The division with ``code``; an unknown or missing code raises."""
        for division in self.divisions:
            if division.code == code:
                return division
        names = "、".join(f"{d.name}（{d.code}）" for d in self.divisions if d.name)
        if code is None:
            raise RulesValidationError(f"部門を選んでください: {names}。", field="division")
        if not names:
            raise RulesValidationError(
                f"この事業には部門がありません（入力: {code}）。", field="division"
            )
        raise RulesValidationError(
            f"部門「{code}」はありません。次から選んでください: {names}。", field="division"
        )


@dataclass(frozen=True)
class Result:
    """A result (実績) quoted in the paper."""

    from_fy: int
    until_fy: int
    count: int
    unit: str  # 団体 / 事業
    out_of: int | None  # 252 町会・自治会, 27 proposals
    out_of_label: str | None
    text: str  # the paper's wording


@dataclass(frozen=True)
class Programme:
    """A support programme (支援事業) with its versions by 年度."""

    code: str
    number: int
    name: str
    summary: str
    source: str
    until_fy: int | None  # last 年度 taking applications; None = still running
    versions: tuple[ProgrammeVersion, ...]  # sorted by from_fy
    results: tuple[Result, ...]
    # True: the limits count the group's awards, whatever project they were filed under
    # (① is paid to the 町会・自治会 itself, once a 年度).
    awards_per_group: bool = False

    @property
    def mark(self) -> str:
        """The circled number used in the paper: ①..⑥."""
        return chr(0x2460 + self.number - 1)

    @property
    def label(self) -> str:
        """``'① 自治活動推進協力費'``."""
        return f"{self.mark} {self.name}"

    @property
    def since_fy(self) -> int:
        """First 年度 of the programme."""
        return self.versions[0].from_fy

    @property
    def period_text(self) -> str:
        """``'平成23年度～平成27年度'`` or ``'平成18年度～'``."""
        end = format_fiscal_year(self.until_fy) if self.until_fy is not None else ""
        return f"{format_fiscal_year(self.since_fy)}～{end}"

    @property
    def latest(self) -> ProgrammeVersion:
        """The newest version of the rules."""
        return self.versions[-1]

    def is_open(self, fy: int) -> bool:
        """Whether the programme takes applications in 年度 ``fy``."""
        return self.since_fy <= fy and (self.until_fy is None or fy <= self.until_fy)

    def version_for(self, fy: int) -> ProgrammeVersion | None:
        """The rules in force in 年度 ``fy`` (the history stays readable after the end)."""
        found = None
        for version in self.versions:
            if version.from_fy <= fy:
                found = version
        return found

    def division_codes(self) -> frozenset[str | None]:
        """Every division code any version has used (for reading old awards)."""
        return frozenset(d.code for v in self.versions for d in v.divisions)
