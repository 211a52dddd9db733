"""The rules at every decision: judging an application when it is filed and decided.

The rules module (`rules.evaluate`) says eligible or not and how much; here an application
row becomes its `GrantRequest` — the group's kind and households, the project's earlier
awards (store/awards.py), the ⑤ months — and a refusal becomes a `RulesRefusalError` with
the rules' own sentences. The head office may decide against them with a written reason,
which is kept on the step and on the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kyodo_desktop.rules import (
    Evaluation,
    GrantRequest,
    MonthRequest,
    Reason,
    Severity,
    asked_over,
    evaluate,
)
from kyodo_desktop.rules import Group as RulesGroup
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.errors import InputError, RulesRefusalError
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.rule_settings import rule_settings_in
from kyodo_desktop.store.applications import Application, ApplicationMonth, ApplicationStep
from kyodo_desktop.store.awards import project_awards
from kyodo_desktop.store.groups import Group

# Asking more than the rules allow is refused at the counter, not cut silently.
OVER_LIMIT = frozenset({"over_cap"})
MIN_REASON = 10  # a written reason, not a word


@dataclass(frozen=True)
class Judgement:
    """The rules' answer for one application and amount, and what refuses it."""

    evaluation: Evaluation
    refusals: tuple[Reason, ...]

    @property
    def refused(self) -> bool:
        return bool(self.refusals)


def months_of(uow: UnitOfWork, application_id: object, stage: str) -> list[ApplicationMonth]:
    return list(
        uow.session.scalars(
            select(ApplicationMonth)
            .where(
                ApplicationMonth.application_id == application_id,
                ApplicationMonth.stage == stage,
                ApplicationMonth.deleted_at.is_(None),
            )
            .order_by(ApplicationMonth.year, ApplicationMonth.month)
        )
    )


def request_for(
    uow: UnitOfWork, row: Application, group: Group, amount: int | None, *, history: bool = True
) -> GrantRequest:
    """The application as the rules read it, with ``amount`` asked (None: the most)."""
    hiroba = row.programme_code == "hiroba"
    months = [
        MonthRequest(m.year, m.month, m.days_opened, m.venue_cost)
        for m in months_of(uow, row.id, "budget")
    ]
    households = row.households if row.households is not None else group.households
    counted_on = (
        row.households_counted_on if row.households is not None else group.households_counted_on
    )
    return GrantRequest(
        programme=row.programme_code,
        fiscal_year=row.fiscal_year,
        group=RulesGroup(group.kind, households, counted_on),
        division=row.division,
        amount=None if hiroba else amount,
        operating_cost=row.operating_cost if hiroba else None,
        months=months if hiroba else (),
        award_history=project_awards(
            uow.session, row.project_id, row.programme_code, excluding=row.id
        )
        if history
        else (),
    )


def judge(
    uow: UnitOfWork,
    row: Application,
    group: Group,
    amount: int | None,
    *,
    label: str = "申請額",
    amount_only: bool = False,
) -> Judgement:
    """The rules on ``row`` asking ``amount``: every block, and any amount over the limit.

    ``label`` names the amount judged in the refusal (交付決定額 at a decision).
    ``amount_only``: a 変更承認 of an award already made is judged on its new amount only
    (the group, the 年度 and the times were judged at the decision).
    """
    settings = rule_settings_in(uow.session)
    request = request_for(uow, row, group, amount, history=not amount_only)
    result = evaluate(request, settings=settings)
    refusals = [
        Reason(r.code, r.text.replace("申請額", label, 1), r.severity, r.setting)
        if r.code in OVER_LIMIT
        else r
        for r in result.reasons
        if (r.severity is Severity.BLOCK and not amount_only) or r.code in OVER_LIMIT
    ]
    if row.programme_code == "hiroba":  # asked as costs: the total is held against them
        over = asked_over(result, amount, label=label)
        if over is not None:
            refusals.append(over)
    return Judgement(result, tuple(refusals))


def apply_judgement(
    uow: UnitOfWork,
    row: Application,
    step: ApplicationStep,
    judgement: Judgement,
    override_reason: str | None,
) -> None:
    """Refuse, or keep the head office's override on the step and the application."""
    if not judgement.refused:
        if override_reason is not None:
            # What was typed is not silently dropped: the officer learns it was not needed.
            raise InputError(
                "規則上受け付けられる内容のため、規則と異なる決定の理由は記録しません。"
                "理由を消してから、もう一度保存してください。",
                field="override_reason",
            )
        return
    texts = tuple(r.text for r in judgement.refusals)
    kind = StepKind(step.kind)
    if override_reason is None:
        may = allows(uow.actor, Permission.OVERRIDE)
        after = (
            "規則と異なる決定をするときは、理由を書いて記録してください。"
            if may
            else "規則と異なる決定は協働推進課だけができます。協働推進課に相談してください。"
        )
        raise RulesRefusalError(
            f"{kind.label}は規則により受け付けられません: " + "。".join(texts) + "。" + after,
            texts,
            overridable=may,
        )
    uow.require(Permission.OVERRIDE)
    reason = text_field(
        override_reason,
        "規則と異なる決定の理由",
        2000,
        field="override_reason",
        required=True,
        lines=True,
    )
    if len(reason) < MIN_REASON:
        raise InputError(
            f"規則と異なる決定の理由は、後で読む人に分かるように{MIN_REASON}文字以上で書いてください。",
            field="override_reason",
        )
    step.override_reason = reason
    step.overridden_reasons = "\n".join(texts)
    row.override_reason = reason
    row.override_staff_id = uow.actor.staff_id
    row.override_on = step.occurred_on if isinstance(step.occurred_on, date) else None
