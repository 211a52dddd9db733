"""What a database knows about the exchange: its own change numbers and each other office's.

`ExchangeClock` is one row: the office this database speaks for in the exchange (a branch's
code, or ``00`` for the head office) and the last number it gave one of its own changes.
`ExchangePeer` is one row per office it exchanges with, a version vector in two halves:
the highest of that office's numbers applied here, and the highest of ours it has
confirmed it holds. Neither is a clock time; times are kept only to show people.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kyodo_desktop.store.base import Base, utcnow


class ExchangeClock(Base):
    """This database's own numbering of its changes (one row, id 1)."""

    __tablename__ = "exchange_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(2))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class ExchangePeer(Base):
    """Another office as this database knows it (the head office's row at a branch)."""

    __tablename__ = "exchange_peer"

    office: Mapped[str] = mapped_column(String(2), primary_key=True)
    # The highest of its numbers applied here: at the head office a branch's own change
    # numbers; at a branch the head office's local numbers of what it sent.
    applied_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # The highest of our numbers it has confirmed it holds (what the next file starts after).
    confirmed_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # The same two for the audit trail: its entries held here, ours it holds.
    audit_applied: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_confirmed: Mapped[int] = mapped_column(BigInteger, default=0)
    # The chain head its last file signed (its last entry's hash), to check what arrives.
    audit_head: Mapped[str | None] = mapped_column(String(64))
    # Where its chain was found broken, in Japanese (None: it verifies).
    audit_break: Mapped[str | None] = mapped_column(Text)
    last_received_at: Mapped[datetime | None]
    last_sent_at: Mapped[datetime | None]


class ExchangeRevision(Base):
    """A version of a row as it travelled (the head office keeps them: a merge's base)."""

    __tablename__ = "exchange_revision"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    rev_office: Mapped[str] = mapped_column(String(2), primary_key=True)
    rev_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[str] = mapped_column(Text)  # the record's row, as JSON


class ExchangeConflict(Base):
    """A row changed at two places in the same field (or changed against a deletion).

    The head office's row keeps its own values until an officer decides; both sides and
    the last agreed version are kept here as they were (JSON), nothing is lost.
    """

    __tablename__ = "exchange_conflict"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    from_office: Mapped[str] = mapped_column(String(2))
    their_rev_office: Mapped[str] = mapped_column(String(2))
    their_rev_seq: Mapped[int] = mapped_column(BigInteger)
    fields: Mapped[str] = mapped_column(Text)  # JSON list of the clashing fields
    base: Mapped[str | None] = mapped_column(Text)  # JSON row, None when not known
    ours: Mapped[str] = mapped_column(Text)
    theirs: Mapped[str] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[uuid.UUID | None]
    decision: Mapped[str | None] = mapped_column(Text)  # JSON: the fields as decided


class ExchangeReview(Base):
    """要確認: an award that breaks a programme's rule once every office's awards are counted.

    Two offices can each record an award offline that together break a cap (a fourth
    はばたき, two ① awards in one 年度, ⑥ in a fourth 年度, an award in a closed programme).
    Each import re-judges the awards it touched; each breach is kept here with the rule's
    own reason and the records and offices involved. Nothing is deleted: an officer looks,
    acts through the usual screens, and marks it resolved with a note.
    """

    __tablename__ = "exchange_review"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(index=True)  # the award judged
    programme_code: Mapped[str] = mapped_column(String(16))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(40))  # the rules' reason code
    reason: Mapped[str] = mapped_column(Text)  # the rules' own sentence, in Japanese
    records: Mapped[str] = mapped_column(Text)  # JSON list: the award, then those it counted
    offices: Mapped[str] = mapped_column(String(120))  # the offices that recorded them, "02,05"
    file_id: Mapped[str | None] = mapped_column(String(64))  # the file whose import found it
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[uuid.UUID | None]
    note: Mapped[str | None] = mapped_column(Text)


class ExchangeFile(Base):
    """A file received (applied, already held, held back for a gap, or kept aside)."""

    __tablename__ = "exchange_file"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    file_id: Mapped[str] = mapped_column(String(64), index=True)
    from_office: Mapped[str] = mapped_column(String(2))
    first_seq: Mapped[int] = mapped_column(BigInteger)  # the file holds changes after this
    last_seq: Mapped[int] = mapped_column(BigInteger)  # ... up to this one
    outcome: Mapped[str] = mapped_column(String(20))  # applied / held / waiting / kept_aside
    # The SHA-256 of the sealed file: the same bytes again are known without opening them.
    digest: Mapped[str | None] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExchangeAudit(Base):
    """Another office's audit entries, as its chain arrived (the head office keeps them)."""

    __tablename__ = "exchange_audit"

    office: Mapped[str] = mapped_column(String(2), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    id: Mapped[uuid.UUID]
    at: Mapped[datetime]
    entry_office: Mapped[str] = mapped_column(String(2))
    staff_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    payload_digest: Mapped[str] = mapped_column(String(64))
    redacted_at: Mapped[datetime | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
