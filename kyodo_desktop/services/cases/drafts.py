"""What the support cases' use cases take and give: drafts a person fills in, and views."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.store.case_timeline import TimelineLine


@dataclass(frozen=True)
class CaseDraft:
    """A new case as the officer fills it in."""

    group_id: uuid.UUID
    title: str
    purpose: str = ""
    lead_staff_id: uuid.UUID | None = None  # None: the officer opening it
    opened_on: date | None = None  # None: today
    status: str = CaseStatus.ACTIVE.value
    next_action: str = ""
    next_action_due: date | None = None
    office_code: str | None = None  # None: the officer's own office


@dataclass(frozen=True)
class CaseChange:
    """What the case's dialog changes (the group, office and dates stay)."""

    title: str
    purpose: str
    lead_staff_id: uuid.UUID
    status: str
    next_action: str = ""
    next_action_due: date | None = None


@dataclass(frozen=True)
class NextAction:
    """The next thing to do on a case (次の対応) and by when."""

    text: str
    due_on: date | None = None


@dataclass(frozen=True)
class CaseView:
    """A saved case as its page shows it."""

    id: uuid.UUID
    row_version: int
    group_id: uuid.UUID
    group_name: str
    office_code: str
    office_name: str
    lead_staff_id: uuid.UUID
    lead_staff_name: str
    title: str
    purpose: str
    status: str
    opened_on: date
    closed_on: date | None
    next_action: str
    next_action_due: date | None

    @property
    def closed(self) -> bool:
        return self.status == CaseStatus.CLOSED.value


@dataclass(frozen=True)
class CaseTimeline:
    case: CaseView
    lines: tuple[TimelineLine, ...]


@dataclass(frozen=True)
class Choice:
    """One entry of a dialog's list: the id it stands for and what is shown."""

    value: uuid.UUID
    label: str
