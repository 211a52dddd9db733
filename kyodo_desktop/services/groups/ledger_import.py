"""Bringing the head office's ledgers into the registry: groups and 加入世帯数 (取込).

What "the same group" is: a registered group whose name is the row's name once normalised
(search_key: width, kana and spaces aside) and whose address is the row's (address_key),
unless one of the two has no address. Such a row updates that group's 加入世帯数 and the day
they were counted, and nothing else: the rest of the group is what the counters keep, and
an old ledger must not overwrite it. A row that only looks like a registered group — the
same name at another address, a longer name at the same address (similar_groups), or
several groups it could be — is flagged as a possible duplicate and not imported: the
officer registers or corrects it on the 団体 screen. Any other row registers a new group.

A row that repeats an earlier row of the file (the same group by the rule above) is
rejected, pointing at the row it repeats; the earlier one is imported. A count older than
the one registered is not imported either, so an old ledger cannot undo a new count.

The import is one transaction, re-planned inside it: if the plan is not the one previewed
(the file or the registry changed meanwhile) nothing is written. Repeating an import finds
every row unchanged. Only the head office imports: a counter officer writes groups one at a
time, the ledgers are the head office's.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kyodo_desktop.rules import GroupKind, format_wareki, search_key
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.groups.draft import CleanGroup, GroupDraft, clean
from kyodo_desktop.services.groups.import_plan import (
    CountChange,
    ImportPlan,
    LeftOut,
    NewGroup,
    Unchanged,
)
from kyodo_desktop.services.groups.ledger_file import Ledger, LedgerRow, RejectedRow
from kyodo_desktop.services.groups.registry import store_group
from kyodo_desktop.services.groups.similar import address_key, similar_groups
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office

HEAD_OFFICE_ONLY = DENIED[Permission.IMPORT]
PLAN_CHANGED = (
    "確認した後にファイルか団体の記録が変わったため、取り込みませんでした。"
    "もう一度ファイルを選んで内容を確かめてから取り込んでください。"
)


class _RowRefusedError(Exception):
    def __init__(self, reason: str, *, duplicate: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.duplicate = reason, duplicate


def may_import(actor: Actor | None) -> bool:
    """The head office: its ledgers are brought in by it (Permission.IMPORT)."""
    return actor is not None and allows(actor, Permission.IMPORT)


def require_head_office(actor: Actor) -> None:
    if not may_import(actor):
        raise PermissionDeniedError(HEAD_OFFICE_ONLY)


def _kind(written: str) -> GroupKind:
    key = search_key(written)
    for kind in GroupKind:
        if key in (search_key(kind.label), kind.value):
            return kind
    labels = "、".join(kind.label for kind in GroupKind)
    if not key:
        raise _RowRefusedError(f"種別が空です（使える種別: {labels}）。")
    raise _RowRefusedError(f"種別「{written}」は登録されていません（使える種別: {labels}）。")


def _office(written: str, offices: list[Office]) -> Office:
    # 「3」「03」「03 光が丘区民事務所」 name the office by its code; otherwise by its name.
    code = re.match(r"(\d{1,2})(?!\d)", unicodedata.normalize("NFKC", written).strip())
    typed = search_key(written)
    for office in offices:
        if (code and code.group(1).zfill(2) == office.code) or typed == search_key(office.name):
            return office
    if not typed:
        raise _RowRefusedError(
            "担当事務所が空です。事務所コード（01〜17）か事務所名を入力してください。"
        )
    raise _RowRefusedError(
        f"担当事務所「{written}」はありません。事務所コード（01〜17）か事務所名を入力してください。"
    )


def _similar_reason(similar: list) -> str:  # type: ignore[type-arg]
    names = "、".join(f"「{s.name}」（{s.address or '所在地なし'}）" for s in similar[:3])
    return (
        f"登録済みの団体{names}と同じ名前か同じ所在地です。同じ団体なら台帳の団体名と所在地を"
        "登録に合わせ、別の団体なら団体の画面から登録してください。"
    )


def _clean(draft: GroupDraft) -> CleanGroup:
    try:
        return clean(draft)
    except InputError as error:
        # clean() speaks of the dialog's 「数えた日」: name the ledger's column too.
        column = "基準日: " if error.field == "households_counted_on" else ""
        raise _RowRefusedError(column + error.message) from error


@dataclass(frozen=True)
class _Create:
    group: CleanGroup
    office: Office


@dataclass(frozen=True)
class _Count:
    group: Group
    households: int
    counted_on: date


Action = _Create | _Count


def _count_change(row: LedgerRow, group: Group) -> CountChange | Unchanged:
    if row.households is None and row.households_counted_on is None:
        return Unchanged(row.row, group.id, group.name)
    if not group.active:
        raise _RowRefusedError(
            "無効（解散・休止）の団体です。団体の画面で有効に戻してから取り込んでください。"
        )
    _clean(
        GroupDraft(
            name=group.name,
            name_kana=group.name_kana,
            kind=group.kind,
            households=row.households,
            households_counted_on=row.households_counted_on,
        )
    )
    assert row.households is not None and row.households_counted_on is not None  # clean did
    before = (group.households, group.households_counted_on)
    if before == (row.households, row.households_counted_on):
        return Unchanged(row.row, group.id, group.name)
    if group.households_counted_on and row.households_counted_on < group.households_counted_on:
        raise _RowRefusedError(
            f"登録済みの加入世帯数（{format_wareki(group.households_counted_on)}現在 "
            f"{group.households:,}世帯）の方が新しいため取り込みません。"
        )
    return CountChange(
        row.row, group.id, group.name, *before, row.households, row.households_counted_on
    )


def _plan(uow: UnitOfWork, ledger: Ledger) -> tuple[ImportPlan, list[Action]]:
    offices = list(uow.session.scalars(select(Office).where(Office.deleted_at.is_(None))))
    created: list[NewGroup] = []
    updated: list[CountChange] = []
    unchanged: list[Unchanged] = []
    left_out = [
        LeftOut(r.row, r.name, r.reason) for r in ledger.rejected if isinstance(r, RejectedRow)
    ]
    actions: list[Action] = []
    seen: dict[str, list[tuple[int, str]]] = {}  # name key → (row, address key) imported
    for row in ledger.rows:
        try:
            name = row.name.strip() if isinstance(row.name, str) else ""
            key, place = search_key(name), address_key(row.address) if row.address else ""
            if not key:
                raise _RowRefusedError("団体名が空です。団体名を入力してください。")
            for earlier, other in seen.get(key, []):
                if not place or not other or place == other:
                    raise _RowRefusedError(
                        f"{earlier}行目と同じ団体です。1つの行にまとめてください。"
                    )
            similar = similar_groups(uow, name, row.address)
            same = [
                s
                for s in similar
                if search_key(s.name) == key
                and (not place or not s.address.strip() or address_key(s.address) == place)
            ]
            if len(same) == 1:
                group = uow.session.get(Group, same[0].id)
                assert group is not None
                change = _count_change(row, group)
                if isinstance(change, CountChange):
                    updated.append(change)
                    actions.append(_Count(group, change.households, change.households_counted_on))
                else:
                    unchanged.append(change)
            elif similar:
                raise _RowRefusedError(_similar_reason(same or similar), duplicate=True)
            elif key in seen:  # a repeat would have been refused: another address
                first = seen[key][0][0]
                raise _RowRefusedError(f"{first}行目と同じ名前で所在地が違います。", duplicate=True)
            else:
                kind = _kind(row.kind)
                office = _office(row.office, offices)
                group = _clean(
                    GroupDraft(
                        name=name,
                        name_kana=row.name_kana,
                        kind=kind.value,
                        office_code=office.code,
                        representative=row.representative,
                        postal_code=row.postal_code,
                        address=row.address,
                        phone=row.phone,
                        email=row.email,
                        households=row.households,
                        households_counted_on=row.households_counted_on,
                    )
                )
                created.append(
                    NewGroup(
                        row.row,
                        group.name,
                        kind.label,
                        office.name,
                        group.households,
                        group.households_counted_on,
                    )
                )
                actions.append(_Create(group, office))
            seen.setdefault(key, []).append((row.row, place))
        except _RowRefusedError as refused:
            left_out.append(LeftOut(row.row, row.name, refused.reason, refused.duplicate))
    left_out.sort(key=lambda r: r.row)
    plan = ImportPlan(
        ledger.file_name, tuple(created), tuple(updated), tuple(unchanged), tuple(left_out)
    )
    return plan, actions


@service("group.import_preview", Permission.IMPORT)
def preview_group_import(uow: UnitOfWork, ledger: Ledger) -> ImportPlan:
    """What importing `ledger` would do; reads only."""
    _check(ledger)
    return _plan(uow, ledger)[0]


def _check(ledger: object) -> None:
    if not isinstance(ledger, Ledger) or not all(isinstance(r, LedgerRow) for r in ledger.rows):
        raise InputError("取り込むファイルを選んでください。")


def _write(uow: UnitOfWork, action: Action) -> None:
    if isinstance(action, _Create):
        row = Group(id=uuid.uuid4(), active=True)
        store_group(row, action.group, action.office)
        uow.session.add(row)
    else:
        action.group.households = action.households
        action.group.households_counted_on = action.counted_on
    uow.session.flush()


@service("group.import", Permission.IMPORT)
def apply_group_import(
    uow: UnitOfWork, ledger: Ledger, *, expected: ImportPlan | None
) -> ImportPlan:
    """Import `ledger` as planned, all or nothing; refused if the plan is not `expected`."""
    _check(ledger)
    plan, actions = _plan(uow, ledger)
    if expected is not None and plan != expected:
        raise InputError(PLAN_CHANGED)
    if plan.nothing_to_do:
        return plan
    for action in actions:
        _write(uow, action)
    uow.record_event(
        "import",
        "group",
        "",
        file=ledger.file_name[:200],
        created=len(plan.created),
        updated=len(plan.updated),
        unchanged=len(plan.unchanged),
        left_out=len(plan.left_out),
    )
    return plan


def import_groups(
    database: Database, actor: Actor, ledger: Ledger, *, expected: ImportPlan | None
) -> ImportPlan:
    """Back the database up (取込前), then import `ledger`: what the screen and kyodo-admin call."""
    from kyodo_desktop.services.safekeeping.backups import backup_now
    from kyodo_desktop.store.backup.names import BackupReason

    require_head_office(actor)
    if database.path is not None and not (expected is not None and expected.nothing_to_do):
        backup_now(database.path, BackupReason.BEFORE_IMPORT)
    return apply_group_import(database, actor, ledger, expected=expected)
