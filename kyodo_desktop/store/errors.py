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
    if isinstance(original, OSError):
        if original.errno in (28,):  # ENOSPC
            return EnvironmentFaultError(Problem.FULL, str(original))
        if original.errno in (13, 30):  # EACCES, EROFS
            return EnvironmentFaultError(Problem.READ_ONLY, str(original))
        return EnvironmentFaultError(Problem.CANNOT_OPEN, str(original))
    return None
