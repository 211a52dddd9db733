"""The day's work (今日のフォロー): follow-ups due today or overdue, for one officer or office.

An item is a plain `FollowUpItem` with a `kind`: a consultation's follow-up, or a support
case's next action (services/cases/follow_ups.py), in one list by due day.
"""

from __future__ import annotations

import heapq
import uuid
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.browse import Browser
from kyodo_desktop.services.cases.follow_ups import due_cases
from kyodo_desktop.services.permissions import office_scope
from kyodo_desktop.store.consultation_listing import FollowUpListing
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp

MAX_ITEMS = 500  # more than a day's work; the consultation log lists every one


class FollowUpKind(StrEnum):
    CONSULTATION = "consultation"  # a consultation's follow-up date (フォロー予定日)
    CASE = "case"  # a support case's next action (次の対応) and its due date


@dataclass(frozen=True)
class FollowUpItem:
    """One thing due: what it is, when it was due, about whom and what."""

    kind: FollowUpKind
    record_id: uuid.UUID
    row_version: int  # as read: marking it done is refused if it changed since
    due_on: date
    days_overdue: int  # 0: due today
    occurred_on: date
    who: str  # the group or person who asked ("" if anonymous)
    what: str
    topics: str
    office_name: str
    staff_name: str


@dataclass(frozen=True)
class FollowUps:
    """The follow-ups due, the most overdue first: at most `MAX_ITEMS` of `total`."""

    items: list[FollowUpItem]
    total: int  # every one due, shown or not
    due_today: int  # of the total, due today (the rest are overdue)

    @property
    def overdue(self) -> int:
        return self.total - self.due_today

    @property
    def cut(self) -> bool:
        """Whether more are due than are listed (the log, filtered, shows every one)."""
        return self.total > len(self.items)


def due_follow_ups(
    database: Database, actor: Actor, *, mine_only: bool = False, today: date | None = None
) -> FollowUps:
    """Follow-ups not done and due by `today`: the actor's own, or their office's.

    The most overdue first (then the oldest consultation), read in that order from the
    database, so a cut at `MAX_ITEMS` drops the most recent, never the most overdue. An
    officer bound to an office sees only that office's anyway (the listing's office scope).
    """
    today = today or date.today()
    wanted = ConsultationFilter(
        follow_up=FollowUp.DUE_OR_OVERDUE,
        staff_id=actor.staff_id if mine_only else None,
        office_id=None if mine_only else actor.office_id,
    )
    listing = FollowUpListing(office_scope(actor), wanted, today=today)
    browser = Browser(database, actor, listing)
    total = browser.count()
    rows = browser.page(0, MAX_ITEMS) if total else []
    today_only = replace(wanted, follow_up=FollowUp.DUE_TODAY)
    due_today = Browser(
        database, actor, FollowUpListing(office_scope(actor), today_only, today=today)
    ).count()
    versions: dict[uuid.UUID, int] = {}
    if rows:
        with database.reading() as session:
            found = session.execute(
                select(Consultation.id, Consultation.row_version).where(
                    Consultation.id.in_([row.id for row in rows])
                )
            )
            versions = {consultation_id: version for consultation_id, version in found}
    items = [
        FollowUpItem(
            kind=FollowUpKind.CONSULTATION,
            record_id=row.id,
            row_version=versions[row.id],
            due_on=row.follow_up_on,
            days_overdue=(today - row.follow_up_on).days,
            occurred_on=row.occurred_on,
            who=row.group_name or row.person_name or "",
            what=row.asked,
            topics=row.topics,
            office_name=row.office_name,
            staff_name=row.staff_name,
        )
        for row in rows
        if row.follow_up_on is not None and row.id in versions
    ]
    # The cases' next actions join, each list already most overdue first: merged by due day,
    # then cut, so the cut still drops only the most recent.
    cases = due_cases(database, actor, mine_only=mine_only, today=today, limit=MAX_ITEMS)
    case_items = [
        FollowUpItem(
            kind=FollowUpKind.CASE,
            record_id=row.id,
            row_version=row.row_version,
            due_on=row.due_on,
            days_overdue=(today - row.due_on).days,
            occurred_on=row.opened_on,
            who=row.group_name,
            what=row.next_action,
            topics=row.title,
            office_name=row.office_name,
            staff_name=row.lead_staff_name,
        )
        for row in cases.rows
    ]
    items = list(heapq.merge(items, case_items, key=lambda item: item.due_on))[:MAX_ITEMS]
    return FollowUps(items, total + cases.total, due_today + cases.due_today)
