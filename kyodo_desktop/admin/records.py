"""kyodo-admin audit / retention: checking the audit trail and purging expired persons.

The commands about personal records, as one piece. They act as the program itself with the
administrator's role (`common.system_admin`): the trail records the system.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_group,
    open_existing_workspace,
    system_admin,
)


def cmd_audit(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.safekeeping import audit

    workspace = open_existing_workspace(args)
    try:
        actor = system_admin(workspace.database)
        if args.audit_command == "verify":
            result = audit.verify_trail(workspace.database, actor)
            if result.broken is None:
                print(result.message)
                return 0
            print(f"kyodo-admin: {result.message}", file=sys.stderr)
            return 1
        return _list(args, workspace.database, actor)
    finally:
        workspace.close()


def _list(args: argparse.Namespace, database: Any, actor: Any) -> int:
    from kyodo_desktop.rules import parse_date
    from kyodo_desktop.services.safekeeping import audit

    if args.limit <= 0:
        raise UsageError("--limit には 0 より大きい数を指定してください。")
    since = parse_date(args.since) if args.since else None
    browser = audit.browse_audit(
        database, actor, audit.AuditFilter(since=since, entity=args.entity)
    )
    total = browser.count()
    for row in browser.page(0, args.limit):
        at = audit.japan_time(row.at).strftime("%Y-%m-%d %H:%M:%S")
        print(
            "\t".join(
                [
                    str(row.seq),
                    at,
                    f"{row.office_code} {audit.office_label(row.office_code, row.office_name)}",
                    row.staff_name or audit.SYSTEM_NAME,
                    audit.action_label(row.action),
                    audit.entity_label(row.entity),
                    row.entity_id,
                    row.summary,
                ]
            )
        )
    shown = min(total, args.limit)
    print(f"{total:,}件中 {shown:,}件を表示しました（新しい順）。", file=sys.stderr)
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.safekeeping import retention

    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        actor = system_admin(database)
        if args.retention_command == "period":
            if args.years is not None:
                retention.set_retention_years(database, actor, args.years)
            years = retention.retention_years(database)
            print(f"相談者の情報の保存期間: 最終連絡から{years}年")
            return 0
        result = retention.purge_expired(database, actor, dry_run=args.dry_run)
        print(result.message)
        return 0
    finally:
        workspace.close()


def add_commands(commands: Any) -> None:
    """Add ``audit`` and ``retention`` to kyodo-admin's subcommands."""

    add_audit = add_group(
        commands, "audit", "the audit trail: verify the chain, list entries", "audit_command"
    )
    add_audit("verify", "check that no audit entry was altered or removed", cmd_audit)
    listing = add_audit("list", "list audit entries, newest first", cmd_audit)
    listing.add_argument("--since", help="from this day (2026-04-01 or 令和8年4月1日)")
    listing.add_argument("--entity", help="only this kind of record (person, consultation, ...)")
    listing.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    add_retention = add_group(
        commands, "retention", "how long persons' details are kept; the purge", "retention_command"
    )
    purge = add_retention("purge", "anonymise persons past the retention period", cmd_retention)
    purge.add_argument("--dry-run", action="store_true", help="only count, change nothing")
    period = add_retention("period", "show or set the retention period in years", cmd_retention)
    period.add_argument("--years", type=int, help="1-30 (default 5)")
