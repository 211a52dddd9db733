"""Evaluating a request (審査の目安): eligible or not, how much, and why."""

from __future__ import annotations

from .amounts import work_out
from .catalogue import programme
from .eligibility import check_eligibility
from .intake import check_request
from .money import format_yen
from .outcomes import Evaluation, Reason, Severity
from .programmes import Formula
from .requests import GrantRequest
from .settings import DEFAULT_SETTINGS, RuleSettings


def evaluate(request: GrantRequest, *, settings: RuleSettings = DEFAULT_SETTINGS) -> Evaluation:
    """Judge ``request`` under ``settings``.

    A business "no" (programme closed, wrong kind of group, times used up) is an
    ``Evaluation`` with ``eligible=False`` and reasons; impossible input raises
    ``RulesValidationError``. Awards in ``request.award_history`` are 交付決定 only.
    """
    checked = check_request(request)
    gate = check_eligibility(checked, settings)
    reasons: list[Reason] = list(gate.reasons)
    max_grantable = grantable = 0
    breakdown = ()
    if gate.open and gate.division is not None:
        amounts = work_out(checked, gate.division, settings)
        reasons += amounts.reasons
        if amounts.max_grantable is not None:
            max_grantable, grantable = amounts.max_grantable, amounts.grantable
            breakdown = amounts.breakdown
    eligible = not any(r.severity is Severity.BLOCK for r in reasons)
    if not eligible:
        max_grantable = grantable = 0
        breakdown = ()
    return Evaluation(
        programme=checked.programme.code,
        division=request.division,
        fiscal_year=request.fiscal_year,
        eligible=eligible,
        max_grantable=max_grantable,
        grantable=grantable,
        breakdown=breakdown,
        reasons=tuple(reasons),
        awards_used=gate.awards_used,
        awards_left=gate.awards_left,
    )


def asked_over(
    evaluation: Evaluation, asked: int | None, *, label: str = "申請額"
) -> Reason | None:
    """An amount asked beyond what the rules grant on the facts given, or None.

    ``evaluate`` judges an amount asked itself for the capped programmes and ①. ⑤ is asked
    as 運営費 and months, so a total asked on top of them (the application's 申請額) is held
    against the amount worked out here.
    """
    if asked is None or not evaluation.eligible or asked <= evaluation.grantable:
        return None
    prog = programme(evaluation.programme)
    costs = any(d.formula is Formula.HIROBA for v in prog.versions for d in v.divisions)
    what = "運営費・会場費から算定した額" if costs else "算定額"
    return Reason(
        "over_cap",
        f"{label} {format_yen(asked)} は{what} {format_yen(evaluation.grantable)} を超えています",
        Severity.LIMIT,
    )
