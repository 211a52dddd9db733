"""What a group could still receive from a programme (残りの回数と上限)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .amounts import work_out
from .eligibility import check_eligibility
from .intake import check_request
from .money import format_yen
from .outcomes import Reason, Severity
from .programmes import Formula
from .requests import Award, GrantRequest, Group, MonthRequest
from .settings import DEFAULT_SETTINGS, RuleSettings


@dataclass(frozen=True)
class Remaining:
    """What is left for one group in one programme division and 年度.

    ``max_grantable`` is None when it depends on facts not given yet (households for ①,
    days opened for ⑤); the reasons then say what is needed and the rates.
    """

    programme: str
    division: str | None
    fiscal_year: int
    eligible: bool
    awards_used: int
    awards_left: int | None
    max_grantable: int | None
    reasons: tuple[Reason, ...]

    @property
    def messages(self) -> tuple[str, ...]:
        """The reasons as plain sentences."""
        return tuple(reason.text for reason in self.reasons)


def what_remains(
    programme: str,
    division: str | None,
    fiscal_year: int,
    group: Group,
    award_history: Sequence[Award] = (),
    *,
    months: Sequence[MonthRequest] = (),
    settings: RuleSettings = DEFAULT_SETTINGS,
) -> Remaining:
    """Times left and the most grantable for ``group`` this 年度, with reasons."""
    request = GrantRequest(
        programme=programme,
        fiscal_year=fiscal_year,
        group=group,
        division=division,
        months=months,
        award_history=award_history,
    )
    checked = check_request(request)
    gate = check_eligibility(checked, settings)
    reasons = list(gate.reasons)
    most: int | None = 0
    if gate.open and gate.division is not None:
        amounts = work_out(checked, gate.division, settings)
        most = amounts.max_grantable
        if most is None:
            # Facts missing: say what is needed but keep the group eligible.
            reasons += [Reason(r.code, r.text, Severity.INFO, r.setting) for r in amounts.reasons]
            if gate.division.formula is Formula.HIROBA and gate.division.hiroba is not None:
                rates = gate.division.hiroba
                reasons.append(
                    Reason(
                        "hiroba_rates",
                        f"運営費は開催1日あたり {format_yen(rates.operating_per_day)}、"
                        f"会場費は1か月あたり {format_yen(rates.venue_per_month)} が上限です",
                    )
                )
        else:
            reasons += [r for r in amounts.reasons if r.code not in ("within_cap", "over_cap")]
    eligible = not any(r.severity is Severity.BLOCK for r in reasons)
    return Remaining(
        programme=checked.programme.code,
        division=division,
        fiscal_year=fiscal_year,
        eligible=eligible,
        awards_used=gate.awards_used,
        awards_left=gate.awards_left,
        max_grantable=most if eligible else 0,
        reasons=tuple(reasons),
    )
