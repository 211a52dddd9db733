"""Who asked (相談者): the reads the consultation form needs to find a person or a group."""

from __future__ import annotations

import uuid
from typing import NamedTuple

from sqlalchemy import select

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office
from kyodo_desktop.store.search.persons import PersonMatch, person_by_id, persons_matching

__all__ = ["GroupMatch", "PersonMatch", "find_persons", "group_match", "person_match"]


class GroupMatch(NamedTuple):
    id: uuid.UUID
    name: str
    name_kana: str
    office_name: str


def _require_read(actor: Actor) -> None:
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])


def find_persons(
    database: Database, actor: Actor, text: str, *, limit: int = 20
) -> list[PersonMatch]:
    """The first persons the actor may see whose name or reading holds the text."""
    _require_read(actor)
    with database.reading() as session:
        return persons_matching(
            session,
            text,
            office_id=office_scope(actor),
            office_code=actor.office_code,
            limit=limit,
        )


def person_match(database: Database, actor: Actor, person_id: uuid.UUID) -> PersonMatch | None:
    """A person's name and reading, if the actor may see them (no record is opened)."""
    _require_read(actor)
    with database.reading() as session:
        return person_by_id(
            session, person_id, office_id=office_scope(actor), office_code=actor.office_code
        )


def group_match(database: Database, actor: Actor, group_id: uuid.UUID) -> GroupMatch | None:
    """A group's name, reading and office (groups are every office's)."""
    _require_read(actor)
    with database.reading() as session:
        row = session.execute(
            select(Group.id, Group.name, Group.name_kana, Office.name)
            .join(Office, Office.id == Group.office_id)
            .where(Group.id == group_id, Group.deleted_at.is_(None))
        ).first()
        return None if row is None else GroupMatch(*row)
