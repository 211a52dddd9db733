"""Who may do what: roles (権限) and the offices whose records they see."""

from __future__ import annotations

import uuid
from enum import StrEnum

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.actor import Actor


class Permission(StrEnum):
    READ = "read"  # see records
    WRITE = "write"  # create and change records
    DECIDE = "decide"  # the ward's steps of an application: 審査, 交付決定, 額の確定, 支払 ...
    OVERRIDE = "override"  # decide against the rules, with a written reason
    EXPORT = "export"  # take records out of the program (CSV, Excel, reports)
    IMPORT = "import"  # bring the head office's ledgers in (groups, household counts)
    READ_AUDIT = "read_audit"  # browse the audit trail
    MANAGE_STAFF = "manage_staff"  # staff accounts
    MANAGE_REFERENCE = "manage_reference"  # offices, departments, topics, settings
    EXCHANGE = "exchange"  # send and receive the exchange's files (データの受け渡し)


ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    # 窓口職員: their own office's consultations and cases, every group.
    StaffRole.COUNTER: frozenset({Permission.READ, Permission.WRITE, Permission.EXCHANGE}),
    # 協働推進課: everything in every office, overrides, exports.
    StaffRole.HEAD_OFFICE: frozenset(
        {
            Permission.READ,
            Permission.WRITE,
            Permission.DECIDE,
            Permission.OVERRIDE,
            Permission.EXPORT,
            Permission.IMPORT,
            Permission.READ_AUDIT,
            Permission.EXCHANGE,
        }
    ),
    # 閲覧: reads what the records say, changes nothing.
    StaffRole.VIEWER: frozenset({Permission.READ}),
    # 管理者: staff and reference data, and the audit trail.
    StaffRole.ADMIN: frozenset(
        {
            Permission.READ,
            Permission.MANAGE_STAFF,
            Permission.MANAGE_REFERENCE,
            Permission.READ_AUDIT,
            Permission.EXCHANGE,
        }
    ),
}

# Roles whose office-bound records (consultations, cases) are limited to their own office.
OFFICE_BOUND_ROLES = frozenset({StaffRole.COUNTER, StaffRole.VIEWER})

DENIED = {
    Permission.READ: "記録を見る権限がありません。",
    Permission.WRITE: "記録を登録・変更する権限がありません（閲覧のみの権限です）。",
    Permission.DECIDE: "交付決定・額の確定・支払などの区の手続きは協働推進課が記録します。",
    Permission.OVERRIDE: "規則と異なる決定をする権限がありません。協働推進課に依頼してください。",
    Permission.EXPORT: "記録を書き出す権限がありません。協働推進課に依頼してください。",
    Permission.IMPORT: "ファイルからの団体の取り込みは協働推進課が行います。協働推進課に依頼してください。",
    Permission.READ_AUDIT: "監査ログを見る権限がありません。",
    Permission.MANAGE_STAFF: "職員を管理する権限がありません。管理者に依頼してください。",
    Permission.MANAGE_REFERENCE: "基本データを変更する権限がありません。管理者に依頼してください。",
    Permission.EXCHANGE: "データの受け渡しをする権限がありません（閲覧のみの権限です）。",
}


def allows(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(actor.role, frozenset())


def office_scope(actor: Actor) -> uuid.UUID | None:
    """The one office whose consultations and cases the actor sees, or None for all."""
    return actor.office_id if actor.role in OFFICE_BOUND_ROLES else None
