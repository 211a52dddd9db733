"""kyodo-admin topics: the consultation topics the head office extends.

It acts as the program itself with the administrator's role, so the audit trail records the
system.
"""

from __future__ import annotations

import argparse
from typing import Any

from kyodo_desktop.admin.common import add_group, open_existing_workspace, system_admin


def cmd_topics(args: argparse.Namespace) -> int:
    from kyodo_desktop.services import browse
    from kyodo_desktop.services.consultations import topics

    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        actor = system_admin(database)
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
    add = add_group(
        commands, "topics", "consultation topics (相談分類): list them, add one", "topics_command"
    )
    add("list", "list the topics", cmd_topics)
    one = add("add", "add a topic after the others", cmd_topics)
    one.add_argument("--code", required=True, help="e.g. disaster_prep")
    one.add_argument("--name", required=True, help="the name officers see, e.g. 防災")
