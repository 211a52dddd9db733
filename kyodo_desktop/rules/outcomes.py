"""What evaluation answers: eligible or not, how much, and why (理由)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How a reason weighs on the outcome."""

    BLOCK = "block"  # the request cannot be granted
    LIMIT = "limit"  # the request is granted, but less than asked
    INFO = "info"  # explains how the amount came about


@dataclass(frozen=True)
class Reason:
    """A Japanese sentence naming the rule and the numbers behind an outcome."""

    code: str  # stable, for tests and the UI: "kind", "times_used_up", "jichi_base", ...
    text: str
    severity: Severity = Severity.INFO
    setting: str | None = None  # the RuleSettings field that decided this, if any

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class BreakdownLine:
    """One line of an amount: 基礎割 20,000円, 会場費 令和8年4月 75,000円."""

    label: str
    amount: int


@dataclass(frozen=True)
class Evaluation:
    """The answer for one request.

    ``max_grantable`` is the most the programme could grant on the facts given (households,
    days opened), whatever was asked; ``grantable`` is what this request can receive.
    Both are 0 when the request is not eligible.
    """

    programme: str
    division: str | None
    fiscal_year: int
    eligible: bool
    max_grantable: int
    grantable: int
    breakdown: tuple[BreakdownLine, ...]
    reasons: tuple[Reason, ...]
    awards_used: int  # awards (or 年度 with an award) counted against the limit
    awards_left: int | None  # None: the programme sets no limit

    @property
    def messages(self) -> tuple[str, ...]:
        """The reasons as plain sentences."""
        return tuple(reason.text for reason in self.reasons)

    @property
    def blocking(self) -> tuple[Reason, ...]:
        """The reasons why the request cannot be granted."""
        return tuple(r for r in self.reasons if r.severity is Severity.BLOCK)

    @property
    def settings_used(self) -> tuple[str, ...]:
        """Names of the settings that decided part of this outcome."""
        return tuple(dict.fromkeys(r.setting for r in self.reasons if r.setting))
