"""Evaluating a request (審査の目安): eligible or not, how much, and why."""

from __future__ import annotations

from .amounts import work_out
from .eligibility import check_eligibility
from .intake import check_request
from .outcomes import Evaluation, Reason, Severity
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
