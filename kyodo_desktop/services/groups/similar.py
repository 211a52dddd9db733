"""Groups a group being registered or renamed may be a copy of (重複の確認).

The same name once normalised (ＮＰＯ法人 ねりまの森 is NPO法人ねりまの森), or a name held by
a group at the same address (豊玉北6-12-1 is 豊玉北６ー１２ー１).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select

from kyodo_desktop.rules import search_key
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.groups.draft import CleanGroup
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office
from kyodo_desktop.store.search.text import ESCAPE

SIMILAR_LIMIT = 20


@dataclass(frozen=True)
class SimilarGroup:
    """A group already registered that a new one may be a copy of."""

    id: uuid.UUID
    name: str
    name_kana: str
    address: str
    office_name: str
    active: bool
    same_address: bool  # False: the same name (normalised) only


class DuplicateGroupError(InputError):
    """The group seems to be registered already; `similar` says which ones."""

    def __init__(self, message: str, similar: list[SimilarGroup]) -> None:
        super().__init__(message, field="name")
        self.similar = similar


def address_key(address: str) -> str:
    # 豊玉北6-12-1 and 豊玉北６ー１２ー１ are the same place.
    return search_key(address).replace("ー", "-").replace("−", "-")


def _unstorable(text: str) -> bool:
    # Half an emoji cannot even be sent, a NUL cannot be stored: no group can hold either.
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def _candidates() -> Select[tuple[uuid.UUID, str, str, str, str, bool]]:
    return (
        select(Group.id, Group.name, Group.name_kana, Group.address, Office.name, Group.active)
        .join(Office, Office.id == Group.office_id)
        .where(Group.deleted_at.is_(None))
    )


def similar_groups(
    uow: UnitOfWork, name: str, address: str, exclude: uuid.UUID | None = None
) -> list[SimilarGroup]:
    key = search_key(name)
    if not key or _unstorable(key + address):
        return []
    place = address_key(address) if address.strip() else ""
    # name_key is the key of name + reading, so a group of the same name is one whose key
    # starts with this one: a range of the index, read whole, so no same name is missed
    # however many groups hold a short name. U+10FFFF (a noncharacter) bounds the range.
    same_name = _candidates().where(Group.name_key >= key, Group.name_key < key + "\U0010ffff")
    queries = [same_name.order_by(Group.name_key)]
    if place:  # a longer name that holds this one counts only at the same address
        escaped = key
        for ch in (ESCAPE, "%", "_"):
            escaped = escaped.replace(ch, ESCAPE + ch)
        holding = _candidates().where(Group.name_key.like(f"%{escaped}%", escape=ESCAPE))
        queries.append(holding.order_by(Group.name_kana).limit(500))
    found: dict[uuid.UUID, SimilarGroup] = {}
    for query in queries:
        for id_, other, kana, other_address, office, active in uow.session.execute(query):
            if id_ == exclude or id_ in found:
                continue
            same_address = bool(place) and address_key(other_address) == place
            if search_key(other) == key or same_address:
                found[id_] = SimilarGroup(
                    id_, other, kana, other_address, office, active, same_address
                )
                if len(found) == SIMILAR_LIMIT:
                    return list(found.values())
    return list(found.values())


def refuse_duplicates(
    uow: UnitOfWork, group: CleanGroup, what_to_do: str, exclude: uuid.UUID | None = None
) -> None:
    similar = similar_groups(uow, group.name, group.address, exclude)
    if similar:
        names = "、".join(f"「{s.name}」" for s in similar[:3])
        raise DuplicateGroupError(
            f"同じ名前か同じ所在地の団体がすでに登録されています（{names}）。{what_to_do}",
            similar,
        )
