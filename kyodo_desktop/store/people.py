"""People: the ward's staff, and residents who consult as individuals."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kyodo_desktop.store.base import Base, Mergeable
from kyodo_desktop.store.reference import Office


class Staff(Mergeable, Base):
    """A staff member who signs in (職員)."""

    __tablename__ = "staff"

    login_id: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_kana: Mapped[str] = mapped_column(String(120), default="")
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    role: Mapped[str] = mapped_column(String(16))  # StaffRole
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)

    office: Mapped[Office] = relationship(lazy="joined")


class Person(Mergeable, Base):
    """A resident who consults as an individual (相談者): only what the work needs."""

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(60))
    name_kana: Mapped[str] = mapped_column(String(120), default="")
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    # Agreed that their details may be shared with other departments (情報共有への同意).
    consent_to_share: Mapped[bool] = mapped_column(default=False)
    consent_recorded_on: Mapped[date | None]
    last_contact_on: Mapped[date | None]
    # Set when the retention period ran out and the details were anonymised.
    anonymised_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
