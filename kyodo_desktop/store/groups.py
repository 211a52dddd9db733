"""The group registry (団体台帳)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kyodo_desktop.store.base import Base, Mergeable
from kyodo_desktop.store.reference import Office


class Group(Mergeable, Base):
    """A civic group (団体): a 町会・自治会, an NPO, a volunteer group, ..."""

    __tablename__ = "civic_group"
    # The registry lists live groups in 五十音 order (store/listings.py): no sort needed.
    __table_args__ = (
        Index(
            "ix_civic_group_reading",
            "name_kana",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(120))
    name_kana: Mapped[str] = mapped_column(String(240))  # フリガナ, for 五十音 order
    # search_key(name + kana): what a search typed at the counter is matched against.
    name_key: Mapped[str] = mapped_column(String(360), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # rules.GroupKind
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))  # the office in charge
    representative: Mapped[str] = mapped_column(String(60), default="")
    postal_code: Mapped[str] = mapped_column(String(8), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    # 加入世帯数 and the day it was counted: programme ① depends on them.
    households: Mapped[int | None]
    households_counted_on: Mapped[date | None]
    founded_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    office: Mapped[Office] = relationship(lazy="joined")
