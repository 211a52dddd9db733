"""The queries behind the retention purge: when each person was last in contact, and the
redaction of the audit entries about a person (store/audit/entries.py explains why that is allowed)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.people import Person

_CHUNK = 500  # ids per statement: well under SQLite's limit on bound parameters


class Contact(NamedTuple):
    person_id: uuid.UUID
    last_contact_on: date | None
    last_consultation_on: date | None
    created_at: datetime

    @property
    def last_on(self) -> date:
        """The last day the ward was in touch: a contact, a consultation or registering."""
        days = [d for d in (self.last_contact_on, self.last_consultation_on) if d is not None]
        return max(days) if days else self.created_at.date()


def contacts_of_named_persons(session: Session) -> list[Contact]:
    """Every person not yet anonymised (tombstoned ones too: their details are still there)."""
    # Deleted consultations count as well: they were contacts all the same.
    consulted = (
        select(
            Consultation.person_id.label("person_id"),
            func.max(Consultation.occurred_on).label("last_on"),
        )
        .where(Consultation.person_id.is_not(None))
        .group_by(Consultation.person_id)
        .subquery()
    )
    rows = session.execute(
        select(Person.id, Person.last_contact_on, consulted.c.last_on, Person.created_at)
        .outerjoin(consulted, consulted.c.person_id == Person.id)
        .where(Person.anonymised_on.is_(None))
        .order_by(Person.id)
    ).all()
    return [Contact(*row) for row in rows]


def persons(session: Session, ids: Sequence[uuid.UUID]) -> list[Person]:
    found: list[Person] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        found.extend(session.scalars(select(Person).where(Person.id.in_(chunk))))
    return found


def redact_entries(session: Session, entity: str, entity_ids: Sequence[str], at: datetime) -> int:
    """Erase the before/after of the entries about these records; their digests stay.

    The chain hash covers the digest, not the content, so the chain still verifies; the
    append-only triggers (migration 0002) allow exactly this change and no other.
    """
    redacted = 0
    for start in range(0, len(entity_ids), _CHUNK):
        chunk = list(entity_ids[start : start + _CHUNK])
        result = session.execute(
            update(AuditEntry)
            .where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id.in_(chunk),
                AuditEntry.redacted_at.is_(None),
            )
            .values(before=None, after=None, redacted_at=at)
            .execution_options(synchronize_session=False)
        )
        redacted += result.rowcount or 0  # type: ignore[attr-defined]
    return redacted
