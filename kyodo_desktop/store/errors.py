"""Database failures split into the environment's fault and the program's.

A locked, full, read-only or damaged database is the environment's fault: the person
is told plainly what happened and what to do, and their data is kept. Anything else
is a bug and is reported as one (after qutebrowser's misc/sql.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import DBAPIError


class Problem(StrEnum):
    LOCKED = "locked"
    FULL = "full"
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    CANNOT_OPEN = "cannot_open"
    NEWER_SCHEMA = "newer_schema"
    # The head office's server (PostgreSQL)
    SERVER_UNREACHABLE = "server_unreachable"
    SERVER_LOGIN = "server_login"
    SERVER_NO_DATABASE = "server_no_database"
    SERVER_LOST = "server_lost"
    SERVER_PERMISSION = "server_permission"


MESSAGES = {
    Problem.LOCKED: (
        "データベースが他のプログラムに使われていて、書き込めませんでした。"
        "しばらく待ってからもう一度保存してください。入力した内容はそのまま残っています。"
    ),
    Problem.FULL: (
        "ディスクの空きがなくなったため、保存できませんでした。"
        "不要なファイルを削除して空きを作ってから、もう一度保存してください。"
        "入力した内容はそのまま残っています。"
    ),
    Problem.READ_ONLY: (
        "データの保存先に書き込む権限がありません。"
        "フォルダの設定を確認するか、システム担当に連絡してください。"
    ),
    Problem.DAMAGED: (
        "データベースのファイルが壊れています。"
        "バックアップから復元してください（kyodo-admin restore、または設定画面のバックアップ）。"
    ),
    Problem.CANNOT_OPEN: (
        "データベースのファイルを開けませんでした。"
        "保存先のフォルダがあるか、ネットワークドライブがつながっているかを確認してください。"
    ),
    Problem.NEWER_SCHEMA: (
        "このデータベースは、より新しい版の協働デスクで更新されています。"
        "この端末の協働デスクを更新してから開いてください。データはそのまま残っています。"
    ),
    Problem.SERVER_UNREACHABLE: (
        "データベースのサーバーにつながりませんでした。"
        "ネットワークと、サーバーの指定（--database-url または KYODO_DATABASE_URL）を確かめてください。"
        "サーバーが止まっている場合は、システム担当に連絡してください。入力した内容はそのまま残っています。"
    ),
    Problem.SERVER_LOGIN: (
        "データベースのサーバーにログインできませんでした（ユーザー名またはパスワードが違います）。"
        "パスワードファイル（~/.pgpass、または PGPASSFILE の指すファイル）を確かめるか、"
        "システム担当に連絡してください。"
    ),
    Problem.SERVER_NO_DATABASE: (
        "指定したデータベースがサーバーにありません。"
        "サーバーの指定（--database-url または KYODO_DATABASE_URL）のデータベース名を確かめてください。"
    ),
    Problem.SERVER_LOST: (
        "データベースのサーバーとの接続が切れたため、保存できませんでした。"
        "入力した内容はそのまま残っています。ネットワークを確かめて、もう一度保存してください。"
    ),
    Problem.SERVER_PERMISSION: (
        "データベースのサーバーで、この操作をする権限がありません。システム担当に連絡してください。"
    ),
}


@dataclass(frozen=True)
class EnvironmentFaultError(Exception):
    """A fault of the machine or the file, not of the program."""

    problem: Problem
    detail: str

    @property
    def message(self) -> str:
        return MESSAGES[self.problem]

    def __str__(self) -> str:
        return self.message


_BY_SQLITE_CODE = {
    sqlite3.SQLITE_BUSY: Problem.LOCKED,
    sqlite3.SQLITE_LOCKED: Problem.LOCKED,
    sqlite3.SQLITE_FULL: Problem.FULL,
    sqlite3.SQLITE_READONLY: Problem.READ_ONLY,
    sqlite3.SQLITE_PERM: Problem.READ_ONLY,
    sqlite3.SQLITE_CORRUPT: Problem.DAMAGED,
    sqlite3.SQLITE_NOTADB: Problem.DAMAGED,
    sqlite3.SQLITE_CANTOPEN: Problem.CANNOT_OPEN,
    sqlite3.SQLITE_IOERR: Problem.CANNOT_OPEN,
}


def classify(error: BaseException) -> EnvironmentFaultError | None:
    """The environment problem behind an exception, or None if it is the program's fault."""
    if isinstance(error, EnvironmentFaultError):
        return error
    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        if code is not None:
            problem = _BY_SQLITE_CODE.get(code & 0xFF)
            if problem is not None:
                return EnvironmentFaultError(problem, str(original))
    server = _server_problem(original)
    if server is not None:  # libpq's message spans lines: one line to tell
        return EnvironmentFaultError(server, " ".join(str(original).split()))
    if isinstance(original, OSError):
        if original.errno in (28,):  # ENOSPC
            return EnvironmentFaultError(Problem.FULL, str(original))
        if original.errno in (13, 30):  # EACCES, EROFS
            return EnvironmentFaultError(Problem.READ_ONLY, str(original))
        return EnvironmentFaultError(Problem.CANNOT_OPEN, str(original))
    return None


# PostgreSQL's SQLSTATE classes and codes (psycopg sets ``sqlstate`` on its errors).
_BY_SQLSTATE = {
    "53100": Problem.FULL,  # disk_full
    "55P03": Problem.LOCKED,  # lock_not_available
    "40P01": Problem.LOCKED,  # deadlock_detected: the transaction was rolled back whole
    "40001": Problem.LOCKED,  # serialization_failure
    "25006": Problem.SERVER_PERMISSION,  # read_only_sql_transaction
    "42501": Problem.SERVER_PERMISSION,  # insufficient_privilege
    "28P01": Problem.SERVER_LOGIN,  # invalid_password
    "28000": Problem.SERVER_LOGIN,  # invalid_authorization_specification
    "3D000": Problem.SERVER_NO_DATABASE,  # invalid_catalog_name
    "57P01": Problem.SERVER_LOST,  # admin_shutdown
    "57P02": Problem.SERVER_LOST,  # crash_shutdown
    "57P03": Problem.SERVER_UNREACHABLE,  # cannot_connect_now (starting up)
}


def _server_problem(error: BaseException) -> Problem | None:
    """The problem behind a psycopg error, read without importing psycopg."""
    module = type(error).__module__ or ""
    if not module.startswith("psycopg"):
        return None
    state = getattr(error, "sqlstate", None)
    if state in _BY_SQLSTATE:
        return _BY_SQLSTATE[state]
    if state and state.startswith("08"):  # connection_exception
        return Problem.SERVER_LOST
    if type(error).__name__ != "OperationalError":
        return None
    text = str(error).lower()
    if "password" in text or "authentication" in text:
        return Problem.SERVER_LOGIN
    if "does not exist" in text and "database" in text:
        return Problem.SERVER_NO_DATABASE
    unreachable = (
        "connection failed",
        "could not connect",
        "connection refused",
        "is the server running",
        "could not translate host name",
        "timeout expired",
    )
    if any(words in text for words in unreachable):
        return Problem.SERVER_UNREACHABLE
    # A connection that was there and went: "server closed the connection unexpectedly",
    # "consuming input failed", "the connection is lost".
    return Problem.SERVER_LOST
