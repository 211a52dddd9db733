"""The audit trail (監査ログ): append-only, each entry chained to the one before."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kyodo_desktop.store.base import Base, utcnow


class AuditEntry(Base):
    """Who did what to which record, when, with the record before and after."""

    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    office: Mapped[str] = mapped_column(String(2))
    staff_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(24))  # create, update, delete, view, print, export
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
