"""Where the head office's server is: the URL the program and kyodo-admin are given.

``postgresql://USER@HOST[:PORT]/DATABASE`` (or ``postgresql:///DATABASE?service=NAME`` for a
libpq service file). The password is never part of it on a command line: libpq reads it
from the password file (``~/.pgpass``, or the file ``PGPASSFILE`` names), and kyodo-admin
asks for it at the terminal when the server wants one and no file gives it.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ENVIRONMENT = "KYODO_DATABASE_URL"
DRIVER = "postgresql+psycopg"


class ServerUrlError(ValueError):
    """A server URL the program cannot use; the message says why, in Japanese."""


def server_url(text: str, *, from_command_line: bool = False) -> URL:
    """The URL as the engine takes it (driver psycopg), or `ServerUrlError`."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise ServerUrlError(
            f"データベースの指定「{_shown(text)}」を読めません。"
            "postgresql://ユーザー名@サーバー名/データベース名 の形で指定してください。"
        ) from None
    if url.get_backend_name() != "postgresql":
        raise ServerUrlError(
            f"データベースの指定「{_shown(text)}」はPostgreSQLのサーバーではありません。"
            "postgresql://ユーザー名@サーバー名/データベース名 の形で指定してください。"
        )
    if url.password is not None and from_command_line:
        raise ServerUrlError(
            "パスワードをコマンドラインに書かないでください（ほかの人から見えることがあります）。"
            "パスワードはパスワードファイル（~/.pgpass、または PGPASSFILE の指すファイル）に書くか、"
            "尋ねられたときに入力してください。"
        )
    if not url.database and "service" not in url.query:
        raise ServerUrlError(
            "データベース名がありません。postgresql://ユーザー名@サーバー名/データベース名 の形で"
            "指定してください。"
        )
    return url.set(drivername=DRIVER)


def describe(url: URL) -> str:
    """The server as the status bar names it: user@host:port/database, never a password."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    service = url.query.get("service")
    database = url.database or (f"service={service}" if service else "")
    return f"{user}{host}{port}/{database}"


def _shown(text: str) -> str:
    """The URL as typed, with any password masked (it may still be in a message)."""
    try:
        return make_url(text.strip()).render_as_string(hide_password=True)
    except ArgumentError:
        return text.strip()[:80]
