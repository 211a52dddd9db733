"""The audit trail (監査ログ): append-only, each entry chained to the one before.

Every entry's `hash` covers the previous entry's hash, its own facts and a digest of
its content (`payload_digest` over before/after). Editing or removing an entry breaks
the chain at that point. The content of an entry may be redacted when a person's
details are purged at the end of their retention period: the digest stays, so the
chain still verifies, and the redaction is itself an audited act.
"""

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
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    office: Mapped[str] = mapped_column(String(2))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # create, update, delete, view, print, export, login, logout, purge, restore ...
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    payload_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")
    redacted_at: Mapped[datetime | None]
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
