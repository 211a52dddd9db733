"""Support cases (支援ケース): a group's support over months."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kyodo_desktop.store.base import Base, Mergeable
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Staff


class SupportCase(Mergeable, Base):
    """A support case (支援ケース) followed by a lead officer."""

    __tablename__ = "support_case"

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("civic_group.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    lead_staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    title: Mapped[str] = mapped_column(String(120))
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # rules.vocabulary.CaseStatus
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    next_action: Mapped[str] = mapped_column(String(200), default="")
    next_action_due: Mapped[date | None] = mapped_column(index=True)

    group: Mapped[Group] = relationship(lazy="raise")
    lead_staff: Mapped[Staff] = relationship(lazy="raise")


class CaseEvent(Mergeable, Base):
    """One entry on a case's timeline: a consultation, visit, referral or note."""

    __tablename__ = "case_event"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("support_case.id"), index=True)
    occurred_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))  # rules.vocabulary.CaseEventKind
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consultation.id"))
    department_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("department.id"))
    # An application the entry is about (kind "application"): its steps join the timeline.
    application_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("application.id"))
