"""Read-only browsing of the records behind each screen, a page at a time."""

from __future__ import annotations

import uuid
from typing import Generic, TypeVar

from kyodo_desktop.rules import Award
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store import awards, listings
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.filters import (
    ApplicationFilter,
    CaseFilter,
    ConsultationFilter,
    GroupFilter,
)

RowT = TypeVar("RowT")


class Browser(Generic[RowT]):
    """A listing as one officer may see it: its size and any page of it.

    Each call opens its own short read-only session (one per user event), so a
    list left open all day holds no lock and sees what others saved meanwhile.
    """

    def __init__(self, database: Database, actor: Actor, listing: listings.Listing[RowT]) -> None:
        if not allows(actor, Permission.READ):
            raise PermissionDeniedError(DENIED[Permission.READ])
        self._database = database
        self._actor = actor
        self._listing = listing

    def count(self) -> int:
        with self._database.reading() as session:
            return self._listing.count(session)

    def page(self, offset: int, limit: int) -> list[RowT]:
        with self._database.reading() as session:
            return self._listing.page(session, offset, limit)


def consultations(
    database: Database, actor: Actor, wanted: ConsultationFilter | None = None
) -> Browser[listings.ConsultationRow]:
    """The consultations the actor may see that match the filter, newest first."""
    return Browser(database, actor, listings.ConsultationListing(office_scope(actor), wanted))


def groups(
    database: Database, actor: Actor, wanted: GroupFilter | None = None
) -> Browser[listings.GroupRow]:
    """The groups that match the filter (every office's: groups are shared), 五十音順."""
    return Browser(database, actor, listings.GroupListing(wanted))


def cases(
    database: Database, actor: Actor, wanted: CaseFilter | None = None
) -> Browser[listings.CaseRow]:
    """The support cases the actor may see that match the filter, the latest opened first."""
    return Browser(database, actor, listings.CaseListing(office_scope(actor), wanted))


def applications(
    database: Database, actor: Actor, wanted: ApplicationFilter | None = None
) -> Browser[listings.ApplicationRow]:
    """The applications the actor may see (a counter officer: their office's) that match."""
    return Browser(database, actor, listings.ApplicationListing(office_scope(actor), wanted))


def project_awards(
    database: Database, actor: Actor, project_id: uuid.UUID, programme_code: str
) -> list[Award]:
    """The project's awards in a programme, as the rules count them (a form's live check)."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    with database.reading() as session:
        return awards.project_awards(session, project_id, programme_code)


def documents(database: Database, actor: Actor) -> Browser[listings.DocumentRow]:
    """The documents of the applications the actor may see (a counter officer: their office's)."""
    return Browser(database, actor, listings.DocumentListing(office_scope(actor)))


def reference(database: Database, actor: Actor) -> ReferenceData:
    with database.reading() as session:
        return ReferenceData(
            offices=listings.offices(session),
            staff=listings.staff_members(session),
            departments=listings.departments(session),
            topics=listings.topics(session),
        )


class ReferenceData:
    """The reference data the head office keeps, as the 設定 screen shows it."""

    def __init__(
        self,
        *,
        offices: list[listings.OfficeRow],
        staff: list[listings.StaffRow],
        departments: list[tuple[str, str, str]],
        topics: list[tuple[str, str]],
    ) -> None:
        self.offices = offices
        self.staff = staff
        self.departments = departments
        self.topics = topics
