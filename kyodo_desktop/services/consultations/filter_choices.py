"""What the consultation log's filter bar offers: offices, topics and officers, with ids."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office, Topic


@dataclass(frozen=True)
class Choice:
    """One entry of a filter's list: the value the filter takes and the label shown."""

    value: object  # an office's or officer's id, a topic's code
    label: str


@dataclass(frozen=True)
class FilterChoices:
    offices: list[Choice]  # only the actor's own office for an office-bound role
    topics: list[Choice]
    officers: list[Choice]  # of the offices the actor sees
    fixed_office: uuid.UUID | None  # the office an office-bound role is held to


def filter_choices(database: Database, actor: Actor) -> FilterChoices:
    """Reference rows read in one short session; an office-bound role sees only its office."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    scope = office_scope(actor)
    with database.reading() as session:
        office_query = select(Office.id, Office.name).where(Office.deleted_at.is_(None))
        staff_query = select(Staff.id, Staff.name).where(Staff.deleted_at.is_(None))
        if scope is not None:
            office_query = office_query.where(Office.id == scope)
            staff_query = staff_query.where(Staff.office_id == scope)
        offices = [Choice(i, n) for i, n in session.execute(office_query.order_by(Office.code))]
        officers = [
            Choice(i, n)
            for i, n in session.execute(staff_query.order_by(Staff.name_kana, Staff.name))
        ]
        topics = [
            Choice(code, name)
            for code, name in session.execute(
                select(Topic.code, Topic.name)
                .where(Topic.deleted_at.is_(None))
                .order_by(Topic.sort_order)
            )
        ]
    return FilterChoices(offices, topics, officers, scope)
