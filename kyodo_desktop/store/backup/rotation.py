"""Which backups to keep: a pure rule over their times and reasons (no files touched here).

A backup is kept if any of these keeps it:

- it is one of the ``KEEP_RECENT`` newest: a mistake made this morning can be undone;
- it is the newest of its day, for the ``KEEP_DAYS`` most recent days (today included);
- it is the newest of its month, for the ``KEEP_MONTHS`` most recent months (this one included);
- it was taken before a migration, an import or a restore, less than ``KEEP_SAFETY_DAYS`` ago:
  the copy a person would reach for when such an operation went wrong.

With a backup every 30 minutes of work that is at most about 10 + 14 + 24 files (plus
safety copies), a few hundred megabytes for a large office, however long the program runs.
Backups dated in the future (a clock set wrong) count as the newest and are never removed
by the day or month rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from kyodo_desktop.store.backup.names import SAFETY_REASONS, BackupInfo

KEEP_RECENT = 10
KEEP_DAYS = 14
KEEP_MONTHS = 24
KEEP_SAFETY_DAYS = 90


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def backups_to_keep(backups: Iterable[BackupInfo], now: datetime) -> set[BackupInfo]:
    """The backups the rotation keeps; every other one may be removed."""
    newest_first = sorted(backups, key=lambda info: info.taken_at, reverse=True)
    keep: set[BackupInfo] = set(newest_first[:KEEP_RECENT])
    today = now.date()
    seen_days: set[date] = set()
    seen_months: set[int] = set()
    for info in newest_first:
        day = info.taken_at.date()
        if info.taken_at > now:
            keep.add(info)
            continue
        if (today - day).days < KEEP_DAYS and day not in seen_days:
            seen_days.add(day)
            keep.add(info)
        month = _month_index(day)
        if _month_index(today) - month < KEEP_MONTHS and month not in seen_months:
            seen_months.add(month)
            keep.add(info)
        if info.reason in SAFETY_REASONS and now - info.taken_at < timedelta(days=KEEP_SAFETY_DAYS):
            keep.add(info)
    return keep
