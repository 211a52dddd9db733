"""A large database file's damage check, run behind the open window.

`PRAGMA quick_check` reads every page, which takes seconds for the gigabytes of a million
consultations, so such a file is opened at once (store.backup.check.checked_before_opening)
and checked here on a worker thread with its own read-only connection. If it is damaged, the
periodic backups stop (a copy of a damaged file must not push the sound copies out of the
rotation) and the officer is told plainly to restore from a backup, with the backups listed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from kyodo_desktop.services.safekeeping.backups import database_file
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.backup.check import checked_before_opening, quick_check
from kyodo_desktop.ui.safekeeping.backup_timer import BackupTimer


class BackgroundCheck(QObject):
    """Runs quick_check on one file on a worker thread; says what it found as a signal."""

    damaged = Signal(list)  # what quick_check reported
    sound = Signal()
    _done = Signal(object)  # the list quick_check returned, or None if it could not run

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backgroundCheck")
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quick-check")
        self._running: Future[None] | None = None
        self._done.connect(self._finished)

    def start(self) -> None:
        self._running = self._executor.submit(self._work)

    def _work(self) -> None:
        try:
            self._done.emit(quick_check(self._path))
        except Exception:
            # Missing or locked now: the next start checks again; nothing to tell mid-work.
            self._done.emit(None)

    def _finished(self, problems: list[str] | None) -> None:
        if problems is None:
            return
        if problems == ["ok"]:
            self.sound.emit()
        else:
            self.damaged.emit(problems)

    def stop(self) -> None:
        """Wait for a check in progress (at exit, before the file is closed)."""
        self._executor.shutdown(wait=True)


def damage_found_text(problems: list[str]) -> str:
    from kyodo_desktop.store.errors import MESSAGES, Problem

    return (
        MESSAGES[Problem.DAMAGED]
        + "\n\n"
        + QCoreApplication.translate(
            "BackgroundCheck",
            "The damage was found while the program was already open. Do not enter new "
            "records: close the program and restore from a backup (設定 → バックアップ, or "
            "kyodo-admin restore). The backups are no longer taken until then, so that the "
            "sound copies are kept.",
        )
    )


def check_behind_window(
    window: QMainWindow, workspace: Workspace, backups: BackupTimer | None
) -> BackgroundCheck | None:
    """Start the check of a file too large to check before opening; None if not needed."""
    path = database_file(workspace)
    if path is None or checked_before_opening(path):
        return None
    check = BackgroundCheck(path, window)

    def tell(problems: list[str]) -> None:
        if backups is not None:
            backups.stop()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("BackgroundCheck", "The database is damaged"),
            damage_found_text(problems),
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setObjectName("damageFound")
        box.setDetailedText("\n".join(problems[:20]))
        box.open()

    check.damaged.connect(tell)
    check.start()
    return check
