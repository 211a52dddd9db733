"""The steps table of an application's page: each step's line, and what it says on hover.

A decision against the rules is marked on its line, and its tooltip gives the reason the
ward wrote and what the rules had said. Texts keep the page's translation context (ApplicationPage).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kyodo_desktop.services.applications.view import StepView
from kyodo_desktop.services.safekeeping.audit import japan_time
from kyodo_desktop.ui.formatting import wareki, yen
from kyodo_desktop.ui.widgets.lazy_model import Column

OVERRIDE_MARK = "⚠"  # the same mark on the page, its banner and the 申請 list
AMOUNT = 3  # the column aligned right
translate = QCoreApplication.translate  # literal texts, so that lupdate collects them


def recorded_at(step: StepView) -> str:
    """``R8.6.1 14:03``: when the step was entered, on the ward's clock."""
    local = japan_time(step.recorded_at)
    return f"{wareki(local.date())} {local:%H:%M}"


def overridden_text(step: StepView) -> str:
    lines = [translate("ApplicationPage", "The rules said:")]
    lines += [f"・{reason}" for reason in step.overridden_reasons]
    return "\n".join(lines)


def mark(step: StepView) -> str:
    if not step.override_reason:
        return ""
    return OVERRIDE_MARK + " " + translate("ApplicationPage", "Against the rules")


def step_tip(step: StepView) -> str:
    """The note, and for a decision against the rules its reason and what the rules said."""
    parts = []
    if step.override_reason:
        parts.append(
            translate("ApplicationPage", "Decided against the rules: %1").replace(
                "%1", step.override_reason
            )
        )
        parts.append(overridden_text(step))
    if step.note:
        parts.append(step.note)
    return "\n".join(parts)


def step_columns() -> list[Column]:
    shown = [
        (translate("ApplicationPage", "Date"), lambda s: wareki(s.occurred_on)),
        (translate("ApplicationPage", "Step"), lambda s: s.kind.label),
        (translate("ApplicationPage", "Document No."), lambda s: s.document_number),
        (translate("ApplicationPage", "Amount"), lambda s: yen(s.amount)),
        (translate("ApplicationPage", "Officer"), lambda s: s.staff_name),
        (translate("ApplicationPage", "Recorded at"), recorded_at),
        (translate("ApplicationPage", "Rules"), mark),
    ]
    # Every cell of a step tells its note and, if overridden, what the rules said.
    return [
        Column(header, show, align_right=number == AMOUNT, tooltip=step_tip)
        for number, (header, show) in enumerate(shown)
    ]
