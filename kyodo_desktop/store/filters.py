"""What a list is narrowed to: the filters of the consultation log and the group registry.

Plain values, no SQL: the screens build them from what the officer chose, the listings
(store/listings.py) turn them into queries. A period is a range of days; 年度 and months
are turned into one by the caller (rules.fiscal_year_range).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class FollowUp(StrEnum):
    """Which follow-ups (フォロー) a consultation list keeps."""

    PENDING = "pending"  # not done yet, whatever the date
    DUE_TODAY = "due_today"  # not done, due today
    OVERDUE = "overdue"  # not done, due before today
    DUE_OR_OVERDUE = "due_or_overdue"  # not done, due today or before: the day's work


@dataclass(frozen=True)
class ConsultationFilter:
    """The consultations an officer is looking for; empty fields do not narrow."""

    text: str = ""  # a substring of what was asked or answered, or of the group's name
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    office_id: uuid.UUID | None = None
    topic_code: str | None = None
    staff_id: uuid.UUID | None = None
    channel: str | None = None
    follow_up: FollowUp | None = None
    as_of: date | None = None  # the day a follow-up is due or overdue from; None: today
    group_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None


@dataclass(frozen=True)
class GroupFilter:
    """The groups an officer is looking for; empty fields do not narrow."""

    text: str = ""  # a substring of the name or of the reading, as typed
    kind: str | None = None  # rules.GroupKind
    office_id: uuid.UUID | None = None
    active: bool | None = True  # None: active and inactive alike


@dataclass(frozen=True)
class CaseFilter:
    """The support cases an officer is looking for; empty fields do not narrow."""

    statuses: tuple[str, ...] = ()  # rules.vocabulary.CaseStatus codes; () for every status
    text: str = ""  # a substring of the group's name (folded like its key)
    group_id: uuid.UUID | None = None
    lead_staff_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ApplicationFilter:
    """The applications an officer is looking for; empty fields do not narrow."""

    fiscal_year: int | None = None
    programme_code: str | None = None
    status: str | None = None  # the step reached: rules.vocabulary.StepKind
    statuses: tuple[str, ...] = ()  # any of these steps (a figure's "awarded"); () for every
    office_id: uuid.UUID | None = None  # the office that took the application
    text: str = ""  # a substring of the group's name (folded like its key)
    group_id: uuid.UUID | None = None
