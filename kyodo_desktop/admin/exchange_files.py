"""kyodo-admin exchange office | export | import | status: the files themselves.

``office`` names the office a database speaks for (the head office: 00), once at
installation. ``export --to DIR`` writes this office's file(s); ``import FILE...`` receives
files in any order; ``status`` shows the numbers each side holds (docs/exchange.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_command,
    data_dir,
    office_code,
    open_existing_workspace,
    system_admin,
    system_head_office,
)

_OUTCOMES = {
    "applied": "受け取りました",
    "already": "受け取り済みでした（変更なし）",
    "waiting": "保留しました（前のファイルが未着）",
    "kept_aside": "取り分けました",
}


def _label(code: str) -> str:
    from kyodo_desktop.services.exchange.offices import office_label

    return office_label(code)


def cmd_office(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.setup import set_exchange_office

    workspace = open_existing_workspace(args)
    try:
        label = set_exchange_office(
            workspace.database, system_admin(workspace.database), office_code(args.code)
        )
    finally:
        workspace.close()
    print(f"このデータベースは受け渡しで{label}として名乗ります。")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.sending import send

    if not args.to.is_dir():
        raise UsageError(f"書き出し先のフォルダ {args.to} がありません。--to を確かめてください。")
    workspace = open_existing_workspace(args)
    try:
        offices = tuple(office_code(code) for code in args.office) if args.office else None
        sent = send(
            workspace.database,
            system_head_office(workspace.database),
            data_dir(args),
            args.to,
            offices,
        )
    finally:
        workspace.close()
    for item in sent:
        print(
            f"{_label(item.recipient)}あて: {item.path}（{item.rows:,} 件、"
            f"変更番号 {item.first + 1}〜{item.last}）"
        )
    if not sent:
        print(
            "送る相手がいません（kyodo-admin exchange keys add で相手の公開鍵を登録してください）。"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.receiving import receive_files

    missing = [path for path in args.files if not path.is_file()]
    if missing:
        raise UsageError(f"ファイル {missing[0]} がありません。名前を確かめてください。")
    workspace = open_existing_workspace(args)
    try:
        results = receive_files(
            workspace.database, system_head_office(workspace.database), data_dir(args), args.files
        )
    finally:
        workspace.close()
    failed = 0
    for item in results:
        sender = f"{_label(item.sender)}から " if item.sender else ""
        line = f"{item.path.name}: {sender}{_OUTCOMES[item.outcome]}"
        if item.outcome == "applied":
            line += f"（{item.rows:,} 件を反映、競合 {item.conflicts} 件）"
        print(line)
        if item.message:
            print(f"  {item.message}")
        failed += item.outcome in ("waiting", "kept_aside")
    return 1 if failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.review import list_reviews
    from kyodo_desktop.services.exchange.status import exchange_status

    workspace = open_existing_workspace(args)
    try:
        actor = system_admin(workspace.database)
        status = exchange_status(workspace.database, actor)
        reviews = list_reviews(workspace.database, actor)
    finally:
        workspace.close()
    print(f"この事務所: {_label(status.office)}（最新の変更番号 {status.last_number:,}）")
    for peer in status.peers:
        received = (
            peer.last_received_at.strftime("%Y-%m-%d %H:%M") if peer.last_received_at else "—"
        )
        sent = peer.last_sent_at.strftime("%Y-%m-%d %H:%M") if peer.last_sent_at else "—"
        line = (
            f"{_label(peer.office)}: 受け取り済み {peer.applied:,} 番まで、"
            f"先方が確認済み {peer.confirmed:,} 番まで（受取 {received}、送付 {sent}）"
        )
        if peer.waiting:
            line += f"、保留中のファイル {peer.waiting} 件"
        print(line)
    if not status.peers:
        print("まだどの事務所ともファイルを受け渡していません。")
    print(f"未決定の競合: {status.open_conflicts} 件")
    print(f"要確認: {len(reviews)} 件")
    for review in reviews:
        offices = "・".join(review.offices)
        print(
            f"  {review.programme} {review.fiscal_year} {review.group}"
            f"{'「' + review.project + '」' if review.project else ''}（{offices}）: {review.reason}"
        )
    return 0


def add_file_commands(exchange: Any) -> None:
    """Add ``office``, ``export``, ``import`` and ``status`` under ``exchange``."""
    office = add_command(
        exchange,
        "office",
        "name the office this database speaks for in the exchange (once; the head office: 00)",
        cmd_office,
    )
    office.add_argument("code", help="01-17, or 00 for the head office")
    export = add_command(
        exchange,
        "export",
        "write this office's file(s): a branch's changes to the head office, or the head "
        "office's return file to each branch it knows",
        cmd_export,
    )
    export.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder")
    export.add_argument(
        "--office", action="append", metavar="CODE", help="at the head office: only this branch"
    )
    imported = add_command(
        exchange, "import", "receive exchange files (any number, any order)", cmd_import
    )
    imported.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add_command(exchange, "status", "what each side holds of the other's changes", cmd_status)
