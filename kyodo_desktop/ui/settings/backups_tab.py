"""設定 → バックアップ: the copies of this database, a copy now, and a restore from one.

A restore replaces the records every screen, the signed-in officer and the settings came
from, so afterwards the program ends and is started again rather than patching each of
those in place: a fresh start reads everything from the restored file, and the sign-in
checks the officer against it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.safekeeping.backups import (
    backup_now,
    list_backups,
    may_restore,
    restore_workspace,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.backup.names import BackupInfo, BackupReason
from kyodo_desktop.store.backup.restore import BackupRefusedError
from kyodo_desktop.store.errors import classify
from kyodo_desktop.ui.formatting import wareki
from kyodo_desktop.ui.safekeeping.backup_timer import BackupTimer
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import make_table
from kyodo_desktop.ui.widgets.questions import confirm


def when(info: BackupInfo) -> str:
    """``R8.11.27 15:30``: the day in 和暦, then the time."""
    return f"{wareki(info.taken_at.date())} {info.taken_at:%H:%M}"


def reason_text(reason: str) -> str:
    texts = {
        BackupReason.START: QCoreApplication.translate("Backups", "At start"),
        BackupReason.PERIODIC: QCoreApplication.translate("Backups", "Periodic"),
        BackupReason.BEFORE_MIGRATION: QCoreApplication.translate("Backups", "Before migration"),
        BackupReason.BEFORE_RESTORE: QCoreApplication.translate("Backups", "Before restore"),
        BackupReason.BEFORE_IMPORT: QCoreApplication.translate("Backups", "Before import"),
        BackupReason.MANUAL: QCoreApplication.translate("Backups", "Manual"),
    }
    return texts.get(reason, reason)  # type: ignore[call-overload]


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MB"
    return f"{max(size // 1024, 1):,} KB"


class BackupSource:
    """The backups folder, listed again on every reload."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._rows: list[BackupInfo] = []

    def count(self) -> int:
        self._rows = list_backups(self._workspace)
        return len(self._rows)

    def page(self, offset: int, limit: int) -> list[BackupInfo]:
        return self._rows[offset : offset + limit]


class RestoreQuestion:
    """Asked before a backup replaces the records (tests replace `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, info: BackupInfo) -> bool:
        return confirm(
            parent,
            QCoreApplication.translate("Backups", "Restore from a backup"),
            QCoreApplication.translate(
                "Backups",
                "The records will be put back as they were at %1. Everything entered since "
                "then will no longer be shown (the current file is kept in the backups "
                "folder). The program will then close and must be started again. Restore?",
            ).replace("%1", when(info)),
        )


class RestartNotice:
    """Told after a restore, before the program closes (tests replace `show`)."""

    @classmethod
    def show(cls, parent: QWidget, text: str) -> None:
        QMessageBox.information(
            parent, QCoreApplication.translate("Backups", "Restore from a backup"), text
        )


class BackupTab(QWidget):
    """The backups of the open database, newest first."""

    restored = Signal(object)  # the backup's Path, once the records were replaced

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupTab")
        self._workspace = workspace
        self.model = LazyTableModel(
            BackupSource(workspace),
            [
                Column(self.tr("Taken at"), when),
                Column(self.tr("Reason"), lambda info: reason_text(info.reason)),
                Column(self.tr("Size"), lambda info: size_text(info.size), align_right=True),
                Column(self.tr("File"), lambda info: info.path.name),
            ],
            parent=self,
        )
        self.table = make_table(self.model, self)
        for column, width in enumerate((160, 100, 100)):
            self.table.setColumnWidth(column, width)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore from this backup..."), self)
        self.restore_button.clicked.connect(self.restore_selected)
        # Enabled by role, not by selection: a slot on selection changes can run while the
        # screen is being deleted (switching user), after its table is gone.
        self.restore_button.setEnabled(
            may_restore(workspace.actor) and workspace.database.path is not None
        )
        self.message = QLabel(self)
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        if self._workspace.database.path is None:
            self.backup_button.setEnabled(False)
            self.message.setText(
                self.tr(
                    "A server database is backed up on the server by the system staff "
                    "(kyodo-admin backup --database-url runs pg_dump; see docs/server.md)."
                )
            )

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reload(self) -> None:
        self.model.reload()

    def back_up_now(self) -> None:
        try:
            path = backup_now(self._workspace, BackupReason.MANUAL)
        except Exception as error:
            self._tell_fault(error)
            return
        self.reload()
        if path is not None:
            self.message.setText(self.tr("Backed up: %1").replace("%1", path.name))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            self.message.setText(self.tr("Choose a backup in the list first."))
            return
        if not RestoreQuestion.ask(self, info):
            return
        window = self.window()
        timer = window.findChild(BackupTimer, "backupTimer")
        idle_lock = getattr(window, "idle_lock", None)
        for running in (timer, idle_lock):
            if running is not None:
                running.stop()  # nothing may write to the file while it is replaced
        try:
            kept = restore_workspace(self._workspace, info.path)
        except (ServiceError, BackupRefusedError) as error:
            self.message.setText(error.message)
            self._resume(timer, idle_lock)
            return
        except Exception as error:
            self._tell_fault(error)
            self._resume(timer, idle_lock)
            return
        # Nobody is signed in to the restored records: the exit must not sign anyone out there.
        self._workspace.actor = None
        self.restored.emit(info.path)
        text = self.tr(
            "The records were restored from the backup of %1. The program will now close; "
            "please start it again."
        ).replace("%1", when(info))
        if kept is not None:
            text += "\n" + self.tr("The replaced file was kept as %1.").replace("%1", kept.name)
        RestartNotice.show(self, text)
        window.close()

    @staticmethod
    def _resume(timer, idle_lock) -> None:  # type: ignore[no-untyped-def]
        if timer is not None:
            timer.resume()
        if idle_lock is not None:
            idle_lock.start()

    def _tell_fault(self, error: Exception) -> None:
        problem = classify(error)
        if problem is None:
            raise error
        self.message.setText(problem.message)
