"""Every form the program prints, by kind, and the one call that renders a batch of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kyodo_desktop.rules.vocabulary import Labelled

from . import (
    application_sheets,
    claim_sheet,
    consultation_sheet,
    group_card,
    notices,
    report_sheets,
)
from .document import Sheet, render
from .paper import ApplicationPaper, ConsultationPaper, GroupPaper


class FormKind(Labelled):
    """A form (様式) as the officer picks it; the value is the name `kyodo-admin print` takes."""

    APPLICATION = "application", "交付申請書（事業計画書・収支予算書）"
    REPORT = "report", "実績報告書（収支決算書）"
    CONFIRMATION = "confirmation", "額の確定通知書"
    CLAIM = "claim", "請求書"
    DECISION = "decision", "交付決定通知書"
    REJECTION = "rejection", "不採択通知書"
    CONSULTATION = "consultation", "相談記録票"
    GROUP = "group", "団体台帳"


# The forms of an application's life, in the order of the steps that use them.
APPLICATION_FORMS = (
    FormKind.APPLICATION,
    FormKind.DECISION,
    FormKind.REJECTION,
    FormKind.REPORT,
    FormKind.CONFIRMATION,
    FormKind.CLAIM,
)

_BUILDERS: dict[FormKind, Callable[[Any], list[Sheet]]] = {
    FormKind.APPLICATION: application_sheets.application,
    FormKind.REPORT: report_sheets.report,
    FormKind.CLAIM: claim_sheet.claim,
    FormKind.DECISION: notices.decision,
    FormKind.REJECTION: notices.rejection,
    FormKind.CONFIRMATION: notices.confirmation,
    FormKind.CONSULTATION: consultation_sheet.consultation,
    FormKind.GROUP: group_card.group_card,
}

Paper = ApplicationPaper | ConsultationPaper | GroupPaper


def sheets(kind: FormKind, paper: Paper) -> list[Sheet]:
    """The sheets of one form filled with ``paper`` (blank where it holds nothing)."""
    return _BUILDERS[kind](paper)


def render_forms(forms: Sequence[tuple[FormKind, Paper]], *, title: str = "") -> bytes:
    """One PDF holding every form given, each starting on a new page."""
    return render([sheet for kind, paper in forms for sheet in sheets(kind, paper)], title=title)
