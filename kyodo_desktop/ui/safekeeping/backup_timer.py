"""Backups while the program runs: one at start, then every 30 minutes if anything changed.

The copies are taken on a worker thread (SQLite's backup API with its own connections), so
the window never waits for them; the result comes back to the GUI thread as a signal.
Whether anything changed is judged from the database file and its WAL (`change_marker`),
so a write by another program on the same file counts too.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from kyodo_desktop.services.safekeeping.backups import (
    BACKUP_INTERVAL_MINUTES,
    backup_now,
    database_file,
    location_warning,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.backup.copies import change_marker
from kyodo_desktop.store.backup.names import BackupReason
from kyodo_desktop.store.errors import classify


class BackupTimer(QObject):
    """Takes the workspace's backups in the background while the window is open."""

    backed_up = Signal(object)  # the new backup's Path
    failed = Signal(str)  # what went wrong, for the status bar
    _done = Signal(object, object, object)  # (path or None, error or None, marker)

    def __init__(
        self,
        workspace: Workspace,
        parent: QObject | None = None,
        *,
        interval_ms: int = BACKUP_INTERVAL_MINUTES * 60_000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupTimer")
        self._workspace = workspace
        self._path = database_file(workspace)
        self._last_marker: tuple[int, ...] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._running: Future[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        self._done.connect(self._finished)

    def start(self) -> None:
        """The start backup now (in the background), then the periodic check."""
        if self._path is None:  # a server database is backed up by its own owner
            return
        self._take(BackupReason.START)
        self._timer.start()

    def resume(self) -> None:
        if self._path is not None:
            self._timer.start()

    def tick(self) -> None:
        """Back up if the database changed since the last backup and none is running."""
        if self._path is None or self.busy:
            return
        if change_marker(self._path) != self._last_marker:
            self._take(BackupReason.PERIODIC)

    @property
    def busy(self) -> bool:
        return self._running is not None and not self._running.done()

    def _take(self, reason: BackupReason) -> None:
        assert self._path is not None
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup")
        # Read before copying: a write during the copy moves it, and the next tick copies again.
        marker = change_marker(self._path)
        self._running = self._executor.submit(self._work, self._path, reason, marker)

    def _work(self, path: Path, reason: BackupReason, marker: tuple[int, ...]) -> None:
        try:
            self._done.emit(backup_now(path, reason), None, marker)
        except Exception as error:
            self._done.emit(None, error, marker)

    def _finished(self, path: Path | None, error: Exception | None, marker: tuple) -> None:
        if error is None:
            self._last_marker = marker
            if path is not None:
                self.backed_up.emit(path)
            return
        problem = classify(error)
        if problem is None:
            raise error  # a bug: the program's error handling shows it
        self.failed.emit(
            self.tr("The backup could not be taken: %1").replace("%1", problem.message)
        )

    def stop(self) -> None:
        """Stop the timer and wait for a backup in progress (before a restore or the exit)."""
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


def start_backups(window: QMainWindow, workspace: Workspace, *, interactive: bool) -> BackupTimer:
    """At start: warn about a risky place for the file, take the start backup, start the timer."""
    timer = BackupTimer(workspace, window)
    status = window.statusBar()
    timer.failed.connect(lambda text: status.showMessage(text, 60_000))
    warning = location_warning(workspace)
    if warning is not None:
        status.showMessage(warning)
        if interactive:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("BackupTimer", "Where the database is kept"),
                warning,
                QMessageBox.StandardButton.Ok,
                window,
            )
            box.setObjectName("locationWarning")
            box.open()  # not blocking: the officer can work at once
    timer.start()
    return timer
