"""kyodo-admin topics: the consultation topics the head office extends.

Kept beside cli.py (which only wires it in), like admin_records.py; it acts as the program
itself with the administrator's role, so the audit trail records the system.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def cmd_topics(args: argparse.Namespace) -> int:
    from kyodo_desktop.admin_records import _admin, _workspace
    from kyodo_desktop.services import browse
    from kyodo_desktop.services.consultations import topics

    workspace = _workspace(args)
    try:
        database = workspace.database
        actor = _admin(database)
        if args.topics_command == "add":
            topics.add_topic(database, actor, topics.TopicDraft(code=args.code, name=args.name))
            print(f"相談分類「{args.name}」（{args.code}）を追加しました。")
            return 0
        for code, name in browse.reference(database, actor).topics:
            print(f"{code}\t{name}")
        return 0
    finally:
        workspace.close()


def add_commands(commands: Any) -> None:
    """Add ``topics list`` and ``topics add`` to kyodo-admin's subcommands."""
    help_text = "consultation topics (相談分類): list them, add one"
    parser = commands.add_parser("topics", help=help_text, description=help_text)
    sub = parser.add_subparsers(dest="topics_command", required=True, metavar="COMMAND")
    for command, text in (("list", "list the topics"), ("add", "add a topic after the others")):
        one = sub.add_parser(command, help=text, description=text)
        one.add_argument("--data-dir", type=Path, help="the data folder (default: the user's)")
        one.set_defaults(handler=cmd_topics)
        if command == "add":
            one.add_argument("--code", required=True, help="e.g. disaster_prep")
            one.add_argument("--name", required=True, help="the name officers see, e.g. 防災")
