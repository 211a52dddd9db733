"""What every kyodo-admin command shares: its arguments, the data folder, who acts, input read.

Each command module adds its subcommands with `add_command` / `add_group` and opens the data
with `open_existing_workspace`. A fault of the input raises `UsageError`, which kyodo-admin
reports as one line on stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.store.database import Database

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")


class UsageError(Exception):
    """A fault of the input: reported as one line, never as a traceback."""


# Arguments ---------------------------------------------------------------------------------


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="the data folder (default: the user's)")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="the head office's server, postgresql://USER@HOST/DATABASE (default: "
        "KYODO_DATABASE_URL, else the data folder's file); the password comes from ~/.pgpass "
        "or PGPASSFILE, or is asked for",
    )


def add_command(
    commands: Any, name: str, help_text: str, handler: Handler
) -> argparse.ArgumentParser:
    """A subcommand of kyodo-admin that works on a data folder."""
    sub = commands.add_parser(name, help=help_text, description=help_text)
    add_data_dir(sub)
    sub.set_defaults(handler=handler)
    return sub


def add_group(
    commands: Any, name: str, help_text: str, dest: str, *, metavar: str | None = "COMMAND"
) -> Callable[[str, str, Handler], argparse.ArgumentParser]:
    """A subcommand with subcommands of its own (``staff add``); returns how to add one."""
    parser = commands.add_parser(name, help=help_text, description=help_text)
    sub = parser.add_subparsers(dest=dest, required=True, metavar=metavar)

    def add(command: str, text: str, handler: Handler) -> argparse.ArgumentParser:
        return add_command(sub, command, text, handler)

    return add


# The data ----------------------------------------------------------------------------------


def data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return args.data_dir
    from kyodo_desktop.host.folders import default_data_dir

    return default_data_dir()


def database_file(args: argparse.Namespace) -> Path:
    """The data folder's database file, which must exist."""
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    source = data_dir(args) / DATABASE_FILE_NAME
    if not source.exists():
        raise UsageError(f"データベース {source} がありません。--data-dir を確かめてください。")
    return source


def database_url(args: argparse.Namespace) -> URL | None:
    """The server to work on (--database-url, else KYODO_DATABASE_URL), or None: the file."""
    from kyodo_desktop.store.server.url import ENVIRONMENT, ServerUrlError, server_url

    given = getattr(args, "database_url", None)
    text = given or os.environ.get(ENVIRONMENT)
    if not text:
        return None
    try:
        return server_url(text, from_command_line=bool(given))
    except ServerUrlError as error:
        raise UsageError(str(error)) from None


def open_workspace_for(args: argparse.Namespace, *, create: bool = False) -> Workspace:
    """The workspace the arguments name: the server's, or the data folder's file.

    A file must exist unless ``create``. A server that wants a password no file gives is
    asked for one at the terminal (never on the command line).
    """
    from kyodo_desktop.services.workspace import open_workspace
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    folder = data_dir(args)
    url = database_url(args)
    if url is None:
        if not create and not (folder / DATABASE_FILE_NAME).exists():
            raise UsageError(
                f"データベース {folder / DATABASE_FILE_NAME} がありません。"
                "先に kyodo-admin init を実行するか、--data-dir を確かめてください。"
            )
        return open_workspace(folder)
    return with_password_asked(url, lambda url: open_workspace(folder, url=url))


def open_existing_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace of an existing database (a file, or a server)."""
    return open_workspace_for(args)


def with_password_asked(url: URL, connect: Callable[[URL], T]) -> T:
    """``connect(url)``; if the server refuses for want of a password and a person is at the
    terminal, ask for it once and connect again with it (kept in memory only)."""
    from kyodo_desktop.store.errors import Problem, classify

    try:
        return connect(url)
    except Exception as error:
        problem = classify(error)
        if (
            problem is None
            or problem.problem is not Problem.SERVER_LOGIN
            or url.password is not None
            or "no password" not in problem.detail
            or not sys.stdin.isatty()
        ):
            raise
    import getpass

    password = getpass.getpass(f"{url.username or 'サーバー'} のパスワード: ")
    return connect(url.set(password=password))


# Who acts ----------------------------------------------------------------------------------


def system_admin(database: Database) -> Actor:
    """The program itself with the administrator's role: the trail records the system."""
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access.installation import system_actor

    return system_actor(database, StaffRole.ADMIN)


def system_head_office(database: Database) -> Actor:
    """The program itself for the head office (協働推進課): the trail records the system."""
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access.installation import system_actor

    return system_actor(database, StaffRole.HEAD_OFFICE)


# Input -------------------------------------------------------------------------------------


def office_code(text: str) -> str:
    """An office code as typed: "3" is office 03."""
    text = text.strip()
    return text.zfill(2) if text.isdigit() and len(text) == 1 else text


def fiscal_year(text: str | None) -> int:
    """--fiscal-year: a 年度 in the western calendar, digits typed half- or full-width."""
    if text is None:
        raise UsageError("--fiscal-year に年度を西暦で指定してください（例: 令和8年度は 2026）。")
    digits = unicodedata.normalize("NFKC", text).strip()
    if not digits.isascii() or not digits.isdigit():
        raise UsageError(
            f"--fiscal-year には年度を西暦の数字で指定してください（例: 令和8年度は 2026）。"
            f"指定: {text}"
        )
    return int(digits)


def day(text: str | None) -> date | None:
    """--date: a day as YYYY-MM-DD (or as the ward writes it); None when not given."""
    from kyodo_desktop.rules import RulesValidationError, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except RulesValidationError as error:
        raise UsageError(f"--date は YYYY-MM-DD で指定してください（{error}）") from error


def read_new_password(args: argparse.Namespace, prompt: str) -> str:
    """A new password: one line of standard input, or typed twice at the terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("標準入力にパスワードがありません。")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError(
            "パスワードを入力できる端末がありません。--password-stdin で標準入力から渡してください。"
        )
    import getpass

    first = getpass.getpass(f"{prompt}: ")
    if getpass.getpass(f"{prompt}（確認）: ") != first:
        raise UsageError("2回入力したパスワードが違います。もう一度やり直してください。")
    return first
