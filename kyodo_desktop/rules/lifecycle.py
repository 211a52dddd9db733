"""A subsidy's life (補助金の流れ): which step may come next, and what it does to the amounts.

DOMAIN.md: 事前相談 → 交付申請 → 審査 → 交付決定 / 不採択 → (変更承認, 取下げ) → 実績報告
→ 額の確定 → 請求 → 支払; a programme that pays in advance (概算払) settles (精算) or
takes back the difference (返還) after the 額の確定. Every step not offered comes with the
reason, in the words an officer would use at the counter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .calendar import format_wareki
from .errors import RulesValidationError
from .money import format_yen
from .validation import require_amount
from .vocabulary import StepKind as K

FINAL = frozenset({K.REJECTED, K.WITHDRAWN, K.PAID, K.SETTLED, K.REFUNDED})
BEFORE_DECISION = frozenset({None, K.PRIOR_CONSULTATION, K.FILED, K.REVIEW})
AWARDED_OPEN = frozenset({K.DECIDED, K.CHANGE_APPROVED, K.ADVANCE_PAID})
# Steps whose amount must be given, and what the amount means.
AMOUNT_LABELS = {
    K.FILED: "申請額",
    K.DECIDED: "交付決定額",
    K.CHANGE_APPROVED: "変更後の交付決定額",
    K.REPORTED: "実績額",
    K.CONFIRMED: "確定額",
    K.CLAIMED: "請求額",
    K.PAID: "支払額",
    K.ADVANCE_PAID: "概算払額",
    K.SETTLED: "精算額",
    K.REFUNDED: "返還額",
}
# Where the rules judge the application: when it is filed and when it is decided.
JUDGED = frozenset({K.FILED, K.DECIDED, K.CHANGE_APPROVED})


@dataclass(frozen=True)
class Progress:
    """Where an application stands: the last step reached and its amounts so far."""

    status: K | None = None  # None before the first step
    last_on: dt.date | None = None  # the day of the latest step
    pays_in_advance: bool = False  # the programme pays 概算払
    needs_report: bool = True  # False: the decided amount is claimed, no 実績報告・額の確定
    requested: int = 0
    decided: int | None = None
    confirmed: int | None = None
    paid: int = 0
    claimed: int = 0  # claimed and not yet paid
    reported: int | None = None  # 実績額 of the 実績報告
    last_amount: int | None = None  # the amount the latest step carried

    @property
    def finished(self) -> bool:
        return self.status in FINAL


@dataclass(frozen=True)
class StepOffer:
    """One step and whether it may come next; ``reason`` says why not."""

    kind: K
    allowed: bool
    reason: str = ""
    suggested_amount: int | None = None  # the amount the step usually carries, if allowed


def _refusal(p: Progress, kind: K) -> str | None:
    """Why ``kind`` cannot come next, or None when it can."""
    status = p.status
    now = status.label if status is not None else ""
    if status in FINAL:
        return f"この申請は「{now}」で手続きが終わっています。"
    if kind is K.PRIOR_CONSULTATION:
        return None if status is None else "事前相談は交付申請の前の段階です。"
    if kind is K.FILED:
        if status in (None, K.PRIOR_CONSULTATION):
            return None
        return "交付申請は提出済みです。"
    if status is None:
        return "まず事前相談か交付申請を記録してください。"
    if kind is K.REVIEW:
        if status is K.FILED:
            return None
        if status is K.REVIEW:
            return "審査中です。審査の結果（交付決定または不採択）を記録してください。"
        if status is K.PRIOR_CONSULTATION:
            return "審査は交付申請の後です。"
        return "審査は交付決定の前の段階です。"
    if kind in (K.DECIDED, K.REJECTED):
        if status in (K.FILED, K.REVIEW):
            return None
        if status is K.PRIOR_CONSULTATION:
            return f"{kind.label}は交付申請の後です。"
        return "交付決定済みです。金額を変えるときは変更承認を記録してください。"
    if kind is K.WITHDRAWN:
        if status in (K.PRIOR_CONSULTATION, K.FILED, K.REVIEW, K.DECIDED, K.CHANGE_APPROVED):
            if p.paid > 0:
                return "概算払の後は取下げできません。実績報告・額の確定の後に返還してください。"
            return None
        if status is K.ADVANCE_PAID:
            return "概算払の後は取下げできません。実績報告・額の確定の後に返還してください。"
        return "実績報告の後は取下げできません。"
    if status in BEFORE_DECISION:
        return f"{kind.label}は交付決定の後です。"
    if kind is K.CHANGE_APPROVED:
        if status in AWARDED_OPEN:
            return None
        return "変更承認は実績報告の前までです。"
    if kind is K.ADVANCE_PAID:
        if not p.pays_in_advance:
            return "この事業は概算払をしません。額の確定の後に請求・支払を記録してください。"
        if p.paid > 0:
            return "概算払は済んでいます。"
        if status in (K.DECIDED, K.CHANGE_APPROVED):
            return None
        return "概算払は交付決定から実績報告までの間です。"
    if kind in (K.REPORTED, K.CONFIRMED) and not p.needs_report:
        return f"この事業には{kind.label}がありません。交付決定額を請求してください。"
    if kind is K.REPORTED:
        if status in AWARDED_OPEN:
            return None
        return "実績報告は提出済みです。"
    if kind is K.CONFIRMED:
        if status is K.REPORTED:
            return None
        if status in AWARDED_OPEN:
            return "額の確定は実績報告の後です。"
        return "額は確定済みです。"
    if kind is K.CLAIMED and not p.needs_report:
        if status in (K.DECIDED, K.CHANGE_APPROVED):
            return None
        return "請求済みです。支払を記録してください。"
    if kind is K.CLAIMED:
        if status is K.CONFIRMED and p.paid == 0:
            return None
        if status is K.CONFIRMED:
            return "概算払をしたので、請求ではなく精算または返還を記録してください。"
        if status is K.CLAIMED:
            return "請求済みです。支払を記録してください。"
        return "請求は額の確定の後です。"
    if kind is K.PAID:
        if status is K.CLAIMED:
            return None
        return "支払は請求の後です。"
    if kind in (K.SETTLED, K.REFUNDED):
        if p.paid == 0:
            return f"概算払をしていないので{kind.label}はありません。"
        if status is not K.CONFIRMED:
            return f"{kind.label}は額の確定の後です。"
        assert p.confirmed is not None
        if kind is K.SETTLED and p.paid > p.confirmed:
            return (
                f"概算払額（{format_yen(p.paid)}）が確定額（{format_yen(p.confirmed)}）を"
                "超えています。差額の返還を記録してください。"
            )
        if kind is K.REFUNDED and p.paid <= p.confirmed:
            return (
                f"概算払額（{format_yen(p.paid)}）は確定額（{format_yen(p.confirmed)}）"
                "以下です。返還はなく、精算を記録してください。"
            )
        return None
    return f"「{now}」の次に{kind.label}はできません。"  # pragma: no cover - every kind above


def _suggested(p: Progress, kind: K) -> int | None:
    if kind is K.DECIDED or kind is K.CHANGE_APPROVED:
        return p.decided if p.decided is not None else p.requested
    if kind is K.CONFIRMED:
        if p.reported is not None and p.decided is not None:
            return min(p.reported, p.decided)
        return p.decided
    if kind is K.REPORTED or kind is K.ADVANCE_PAID:
        return p.decided
    if kind is K.CLAIMED:
        base = p.confirmed if p.needs_report else p.decided
        return max(0, (base or 0) - p.paid)
    if kind is K.PAID:
        return p.claimed
    if kind is K.SETTLED:
        return p.confirmed
    if kind is K.REFUNDED:
        return max(0, p.paid - (p.confirmed or 0))
    return None


def step_offers(progress: Progress) -> tuple[StepOffer, ...]:
    """Every step, in the order of a subsidy's life, with whether it may come next."""
    offers = []
    for kind in K:
        reason = _refusal(progress, kind)
        suggested = _suggested(progress, kind) if reason is None else None
        offers.append(StepOffer(kind, reason is None, reason or "", suggested))
    return tuple(offers)


def next_steps(progress: Progress) -> tuple[K, ...]:
    """The steps that may come next."""
    return tuple(offer.kind for offer in step_offers(progress) if offer.allowed)


def apply_step(
    progress: Progress, kind: K | str, day: dt.date, amount: int | None = None
) -> Progress:
    """The progress after ``kind`` on ``day``; refuse a step out of order or a wrong amount.

    Raises ``RulesValidationError`` whose message says why and what to do instead.
    """
    kind = K(kind)
    reason = _refusal(progress, kind)
    if reason is not None:
        raise RulesValidationError(f"{kind.label}を記録できません。{reason}", field="kind")
    if progress.last_on is not None and day < progress.last_on:
        raise RulesValidationError(
            f"{kind.label}の日付（{format_wareki(day)}）が前の手続き（"
            f"{progress.status.label if progress.status else ''} {format_wareki(progress.last_on)}）"
            "より前です。日付を確かめてください。",
            field="occurred_on",
        )
    label = AMOUNT_LABELS.get(kind)
    if label is None:
        if amount is not None:
            raise RulesValidationError(f"{kind.label}には金額を入力しません。", field="amount")
        return replace(progress, status=kind, last_on=day)
    if amount is None and kind is K.FILED:
        # Nothing asked: the caller asks the rules for the most they allow.
        return replace(progress, status=kind, last_on=day, last_amount=None)
    if amount is None:
        suggested = _suggested(progress, kind)
        if suggested is None or kind in (K.DECIDED, K.CHANGE_APPROVED, K.CONFIRMED):
            raise RulesValidationError(f"{label}を入力してください。", field="amount")
        amount = suggested
    amount = require_amount(amount, label, field="amount")
    moved = replace(progress, status=kind, last_on=day, last_amount=amount)
    return _with_amount(moved, kind, amount, label)


def _with_amount(p: Progress, kind: K, amount: int, label: str) -> Progress:
    def refuse(text: str) -> RulesValidationError:
        return RulesValidationError(f"{label} {format_yen(amount)}: {text}", field="amount")

    if kind is K.FILED:
        return replace(p, requested=amount)
    if kind in (K.DECIDED, K.CHANGE_APPROVED):
        if amount == 0:
            raise refuse("0円の交付決定はできません。交付しないときは不採択を記録してください。")
        if kind is K.DECIDED and amount > p.requested:
            raise refuse(f"申請額（{format_yen(p.requested)}）を超えて交付決定できません。")
        if amount < p.paid:
            raise refuse(f"概算払済みの額（{format_yen(p.paid)}）より少なくできません。")
        return replace(p, decided=amount)
    if kind is K.REPORTED:
        return replace(p, reported=amount)
    decided = p.decided or 0
    if kind is K.CONFIRMED:
        if amount > decided:
            raise refuse(f"交付決定額（{format_yen(decided)}）を超えて確定できません。")
        if p.reported is not None and amount > p.reported:
            raise refuse(f"実績報告の実績額（{format_yen(p.reported)}）を超えて確定できません。")
        return replace(p, confirmed=amount)
    if kind is K.ADVANCE_PAID:
        if amount > decided:
            raise refuse(f"交付決定額（{format_yen(decided)}）を超えて概算払できません。")
        return replace(p, paid=amount)
    confirmed = p.confirmed or 0
    if kind is K.CLAIMED:
        if not p.needs_report:
            # 協力費: the decided amount is the amount (no 額の確定).
            if amount != decided - p.paid:
                raise refuse(f"請求額は交付決定額（{format_yen(decided - p.paid)}）です。")
            return replace(p, claimed=amount)
        # One claim for the whole rest: a 支払 ends the application.
        if amount != confirmed - p.paid:
            raise refuse(f"請求額は確定額の残り（{format_yen(confirmed - p.paid)}）です。")
        return replace(p, claimed=amount)
    if kind is K.PAID:
        if amount != p.claimed:
            raise refuse(f"請求額（{format_yen(p.claimed)}）と同じ額を支払ってください。")
        return replace(p, paid=p.paid + amount, claimed=0)
    if kind is K.SETTLED:
        # 精算額 is the confirmed amount; what is paid now is its difference to the advance.
        if amount != confirmed:
            raise refuse(f"精算額は確定額（{format_yen(confirmed)}）です。")
        return replace(p, paid=confirmed)
    # 返還
    if amount != p.paid - confirmed:
        raise refuse(
            f"概算払額と確定額の差額（{format_yen(p.paid - confirmed)}）を入力してください。"
        )
    return replace(p, paid=confirmed)
