"""Is a database file sound? SQLite's own checks, read-only, a damaged file told apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# quick_check reads every page (about 0.25 s for 60 MB here, so seconds for the gigabytes of a
# million consultations): a file larger than this is checked behind the open window instead of
# before it opens (ui/safekeeping/background_check.py), so that the counter can start work at once.
START_CHECK_LIMIT_BYTES = 256 * 1024 * 1024

# Codes that mean the file itself is damaged (as opposed to locked, missing or unreadable).
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in DAMAGE_CODES


def _check(path: Path, pragma: str) -> list[str]:
    if not path.is_file():
        raise FileNotFoundError(2, "ファイルがありません", str(path))
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        raise
    finally:
        connection.close()


# The last sound result per file, keyed by what would change if the file were written:
# the program checks once at start (ahead, on the other core) and open_database reuses it.
_sound: dict[Path, tuple[int, int, int, int]] = {}


def _signature(path: Path) -> tuple[int, int, int, int]:
    stat = path.stat()
    wal = path.with_name(path.name + "-wal")
    wal_stat = wal.stat() if wal.exists() else None
    return (
        stat.st_mtime_ns,
        stat.st_size,
        wal_stat.st_mtime_ns if wal_stat else 0,
        wal_stat.st_size if wal_stat else 0,
    )


def quick_check(path: Path) -> list[str]:
    """``["ok"]``, or what ``PRAGMA quick_check`` found wrong (it reads the whole file).

    A file that is not a database at all is a problem found; a file that cannot be opened
    (missing, locked, no permission) raises, so that the caller reports that instead.
    A sound result is remembered while the file stays unwritten.
    """
    path = path.resolve()
    if path.is_file() and _sound.get(path) == _signature(path):
        return ["ok"]
    result = _check(path, "quick_check")
    if result == ["ok"]:
        _sound[path] = _signature(path)
    return result


def checked_before_opening(path: Path) -> bool:
    """Whether the file is small enough to be checked before it is opened (see above)."""
    try:
        return path.stat().st_size <= START_CHECK_LIMIT_BYTES
    except OSError:
        return True  # missing or unreadable: the check itself reports it


def integrity_check(path: Path) -> list[str]:
    """``["ok"]``, or what the full ``PRAGMA integrity_check`` found (indexes too)."""
    return _check(path, "integrity_check")
