"""The group registry (団体台帳): register, change, deactivate a group; its page.

Groups are shared by the 17 offices: a counter officer registers and changes any office's
group (services/permissions.py). A group is deactivated, never deleted, so that its
consultations and applications keep pointing at it. Registering a group whose name, or
name and address, is already in the registry is refused unless the officer says it is
another group (`allow_duplicate`): the dialog offers to open the one that exists. Renaming
a group (or moving it) to look like another is refused the same way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kyodo_desktop.rules import search_key
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.services.groups.draft import CleanGroup, GroupDraft, clean
from kyodo_desktop.services.groups.similar import (
    DuplicateGroupError,
    SimilarGroup,
    address_key,
    refuse_duplicates,
    similar_groups,
)
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store import group_history as history_store
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.group_history import HistoryRow
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office

__all__ = [
    "DuplicateGroupError",
    "GroupDraft",
    "GroupHistory",
    "GroupView",
    "HistoryRow",
    "OfficeChoice",
    "SimilarGroup",
    "change_group",
    "create_group",
    "deactivate_group",
    "find_similar_groups",
    "get_group",
    "group_history",
    "office_choices",
    "reactivate_group",
]


@dataclass(frozen=True)
class GroupView:
    """A saved group as the screens show it."""

    id: uuid.UUID
    row_version: int
    name: str
    name_kana: str
    kind: str
    office_code: str
    office_name: str
    representative: str
    postal_code: str
    address: str
    phone: str
    email: str
    households: int | None
    households_counted_on: date | None
    founded_on: date | None
    active: bool
    notes: str


@dataclass(frozen=True)
class OfficeChoice:
    """An office a group can be in the charge of (every office: groups are shared)."""

    id: uuid.UUID
    code: str
    name: str


def office_choices(database: Database, actor: Actor) -> list[OfficeChoice]:
    """The 17 offices in code order, for the registry's filter and dialog; read only."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    with database.reading() as session:
        rows = session.execute(
            select(Office.id, Office.code, Office.name)
            .where(Office.deleted_at.is_(None))
            .order_by(Office.code)
        )
        return [OfficeChoice(*row) for row in rows]


@dataclass(frozen=True)
class GroupHistory:
    """A group's page: its details and its timeline (oldest first)."""

    group: GroupView
    entries: tuple[HistoryRow, ...]


@service("group.find_similar", Permission.READ)
def find_similar_groups(uow: UnitOfWork, name: str, address: str) -> list[SimilarGroup]:
    """Groups with the same name (normalised), or holding the name at the same address."""
    if not isinstance(name, str) or not isinstance(address, str):
        raise InputError("団体名と所在地は文字で入力してください。", field="name")
    return similar_groups(uow, name, address)


def _office(uow: UnitOfWork, code: str | None) -> Office:
    code = uow.actor.office_code if code is None else code
    office = uow.session.scalar(
        select(Office).where(Office.code == code, Office.deleted_at.is_(None))
    )
    if office is None:
        raise InputError(
            f"事務所コード「{code}」はありません。担当の事務所を一覧から選んでください。",
            field="office_code",
        )
    return office


def store_group(row: Group, group: CleanGroup, office: Office) -> None:
    row.name = group.name
    row.name_kana = group.name_kana
    row.name_key = group.name_key
    row.kind = group.kind
    row.office_id = office.id
    row.representative = group.representative
    row.postal_code = group.postal_code
    row.address = group.address
    row.phone = group.phone
    row.email = group.email
    row.households = group.households
    row.households_counted_on = group.households_counted_on
    row.founded_on = group.founded_on
    row.notes = group.notes


def _load(uow: UnitOfWork, group_id: uuid.UUID) -> Group:
    row = uow.session.get(Group, group_id) if isinstance(group_id, uuid.UUID) else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この団体の記録は見つかりません（削除された可能性があります）。")
    return row


def _view(uow: UnitOfWork, row: Group) -> GroupView:
    office = uow.session.get(Office, row.office_id)
    return GroupView(
        id=row.id,
        row_version=row.row_version,
        name=row.name,
        name_kana=row.name_kana,
        kind=row.kind,
        office_code=office.code if office else "",
        office_name=office.name if office else "",
        representative=row.representative,
        postal_code=row.postal_code,
        address=row.address,
        phone=row.phone,
        email=row.email,
        households=row.households,
        households_counted_on=row.households_counted_on,
        founded_on=row.founded_on,
        active=row.active,
        notes=row.notes,
    )


@service("group.create", Permission.WRITE, input_type=GroupDraft)
def create_group(uow: UnitOfWork, draft: GroupDraft, *, allow_duplicate: bool = False) -> uuid.UUID:
    """Register a group; refused when it seems registered already, unless allowed."""
    group = clean(draft)
    office = _office(uow, group.office_code)
    if allow_duplicate is not True:
        refuse_duplicates(
            uow, group, "登録済みの団体を開くか、別の団体であることを確かめてから登録してください。"
        )
    row = Group(id=uuid.uuid4(), active=True)
    store_group(row, group, office)
    uow.session.add(row)
    uow.session.flush()
    return row.id


@service("group.get", Permission.READ)
def get_group(uow: UnitOfWork, group_id: uuid.UUID) -> GroupView:
    return _view(uow, _load(uow, group_id))


@service("group.change", Permission.WRITE, input_type=GroupDraft)
def change_group(
    uow: UnitOfWork,
    group_id: uuid.UUID,
    draft: GroupDraft,
    *,
    row_version: int,
    allow_duplicate: bool = False,
) -> GroupView:
    """Change a group opened at `row_version`; refused if someone changed it since.

    A new name or address that makes it look like another group is refused, unless allowed;
    other changes are not, so a group registered anyway is not questioned at every change.
    """
    row = _load(uow, group_id)
    if row.row_version != row_version:  # the version the officer opened
        raise StaleRecordError(STALE_MESSAGE)
    group = clean(draft)
    renamed = search_key(group.name) != search_key(row.name)
    moved = address_key(group.address) != address_key(row.address)
    if (renamed or moved) and allow_duplicate is not True:
        refuse_duplicates(
            uow, group, "別の団体であることを確かめてから保存してください。", exclude=row.id
        )
    # A change keeps the office in charge unless another is chosen.
    office = _office(uow, group.office_code) if group.office_code is not None else row.office
    store_group(row, group, office)
    uow.session.flush()
    return _view(uow, row)


def _set_active(uow: UnitOfWork, group_id: uuid.UUID, active: bool) -> GroupView:
    row = _load(uow, group_id)
    if row.active is active:
        state = "有効" if active else "無効"
        raise InputError(f"この団体はすでに{state}です。画面を開き直して確かめてください。")
    row.active = active
    uow.session.flush()
    return _view(uow, row)


@service("group.deactivate", Permission.WRITE)
def deactivate_group(uow: UnitOfWork, group_id: uuid.UUID) -> GroupView:
    """Mark a group as no longer active (解散・休止); it stays with its records."""
    return _set_active(uow, group_id, False)


@service("group.reactivate", Permission.WRITE)
def reactivate_group(uow: UnitOfWork, group_id: uuid.UUID) -> GroupView:
    return _set_active(uow, group_id, True)


@service("group.history", Permission.READ)
def group_history(uow: UnitOfWork, group_id: uuid.UUID) -> GroupHistory:
    """The group's details and what happened with it, as far as the officer may see."""
    row = _load(uow, group_id)
    entries = history_store.group_history(uow.session, row.id, uow.office_scope)
    return GroupHistory(_view(uow, row), tuple(entries))
