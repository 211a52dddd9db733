"""PostgreSQL's own programs (pg_dump, pg_restore), found and run with the server's address.

The address comes from the URL the program was given; a password it holds (asked for at
the terminal) goes to the program in its environment, never on its command line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL


class ToolMissingError(Exception):
    """The PostgreSQL client program is not on this PC."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    @property
    def message(self) -> str:
        return (
            f"PostgreSQLの {self.name} が見つかりません。サーバーのバックアップと復元には"
            "PostgreSQLのクライアント（Debianでは postgresql-client）が必要です。"
            "システム担当に連絡してください。"
        )


class ToolFailedError(Exception):
    """The program ran and failed; ``detail`` is what it said."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


def find(name: str) -> Path:
    """pg_dump or pg_restore: on the PATH, or in PostgreSQL's own folder (Debian's)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return folder / name
    raise ToolMissingError(name)


def connection_args(url: URL) -> tuple[list[str], dict[str, str]]:
    """libpq's arguments for the URL (``--dbname`` holds a conninfo), and the environment."""
    parts = {
        "dbname": url.database or "",
        "user": url.username or "",
        "host": url.host or "",
        "port": str(url.port or ""),
    }
    for key, value in url.query.items():
        parts[key] = value if isinstance(value, str) else value[0]
    conninfo = " ".join(f"{key}='{_quoted(value)}'" for key, value in parts.items() if value)
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = url.password
    return ["--dbname", conninfo], environment


def run(name: str, arguments: list[str], url: URL, *, timeout: float = 3600) -> str:
    """Run a PostgreSQL program against the server; what it wrote on stderr, or raise."""
    program = find(name)
    connection, environment = connection_args(url)
    result = subprocess.run(
        [str(program), *connection, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise ToolFailedError(name, result.stderr.strip()[-1000:])
    return result.stderr


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
