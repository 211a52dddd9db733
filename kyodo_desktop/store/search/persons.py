"""Finding persons (相談者) by part of their name or reading, as an officer may see them.

An officer bound to an office sees the persons registered at it or who consulted there
(the same scope as services/consultations/persons.py); the text is folded like the stored key.
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.people import Person
from kyodo_desktop.store.search.text import contains


class PersonMatch(NamedTuple):
    id: uuid.UUID
    name: str
    name_kana: str
    origin_office: str


def _visible(office_id: uuid.UUID | None, office_code: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Person.deleted_at.is_(None)]
    if office_id is not None:
        consulted_here = exists().where(
            Consultation.person_id == Person.id,
            Consultation.office_id == office_id,
            Consultation.deleted_at.is_(None),
        )
        where.append(or_(Person.origin_office == office_code, consulted_here))
    return where


def _row(session: Session, where: list[ColumnElement[bool]], limit: int) -> list[PersonMatch]:
    rows = session.execute(
        select(Person.id, Person.name, Person.name_kana, Person.origin_office)
        .where(*where)
        .order_by(Person.name_kana, Person.id)
        .limit(limit)
    ).all()
    return [PersonMatch(*row) for row in rows]


def persons_matching(
    session: Session, text: str, *, office_id: uuid.UUID | None, office_code: str, limit: int
) -> list[PersonMatch]:
    """The first persons whose name or reading holds the text (None office: every office).

    Persons anonymised by the retention purge are never offered as askers: their name was
    replaced by services.safekeeping.retention.ANONYMOUS_NAME (and their empty reading would sort them first).
    """
    where = _visible(office_id, office_code)
    where.append(Person.anonymised_on.is_(None))
    where.append(contains(Person.name_key, text))
    return _row(session, where, limit)


def person_by_id(
    session: Session, person_id: uuid.UUID, *, office_id: uuid.UUID | None, office_code: str
) -> PersonMatch | None:
    where = _visible(office_id, office_code)
    where.append(Person.id == person_id)
    rows = _row(session, where, 1)
    return rows[0] if rows else None
