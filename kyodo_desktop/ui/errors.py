"""Telling a person what went wrong: the environment's fault plainly, a bug as a bug."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.store.backup.copies import backup_infos
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.errors import MESSAGES, Problem, classify
from kyodo_desktop.store.server.url import ServerUrlError
from kyodo_desktop.ui.settings.backups_tab import reason_text, when


def startup_failure_text(error: BaseException, data_dir: Path) -> tuple[str, str]:
    """The message and the details to show when the program could not open its data."""
    if isinstance(error, ServerUrlError):  # the --database-url typed: the person's to mend
        return str(error), ""
    problem = classify(error)
    if problem is None:
        message = QCoreApplication.translate(
            "Errors",
            "The program could not start because of an internal error. Your data has not been "
            "changed. Please tell the system staff what you were doing and send them the "
            "details below.",
        )
        details = "".join(traceback.format_exception(error))
        return message, details
    message = problem.message
    if problem.problem is Problem.DAMAGED:
        backups = backup_infos(data_dir / DATABASE_FILE_NAME)
        if backups:
            listing = "\n".join(
                f"{when(info)}  {reason_text(info.reason)}  {info.path.name}"
                for info in backups[:10]
            )
            message += (
                "\n\n"
                + QCoreApplication.translate("Errors", "Backups you can restore from:")
                + "\n"
                + listing
            )
        else:
            message += "\n\n" + QCoreApplication.translate(
                "Errors", "There is no backup of this database in its backups folder."
            )
    location = QCoreApplication.translate("Errors", "Data folder: %1").replace("%1", str(data_dir))
    return message, f"{location}\n{problem.detail}"


def report_startup_failure(error: BaseException, data_dir: Path, *, interactive: bool) -> int:
    message, details = startup_failure_text(error, data_dir)
    print(message, file=sys.stderr)
    print(details, file=sys.stderr)
    problem = classify(error)
    database = data_dir / DATABASE_FILE_NAME
    damaged = problem is not None and problem.problem is Problem.DAMAGED
    if interactive and damaged and backup_infos(database):
        restore_after_damage(database)
        return 1
    if interactive:
        box = QMessageBox(
            QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "Kyodo Desk"), message
        )
        box.setDetailedText(details)
        box.exec()
    return 1


class DamagedDatabaseDialog(QDialog):
    """The database is damaged: the backups to choose from, and a restore from one."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Errors", "Kyodo Desk"))
        self.infos = backup_infos(database)
        intro = QLabel(
            MESSAGES[Problem.DAMAGED]
            + "\n\n"
            + QCoreApplication.translate(
                "Errors", "Choose a backup to restore from. The damaged file is kept aside."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.choices = QListWidget(self)
        for info in self.infos:
            self.choices.addItem(f"{when(info)}  {reason_text(info.reason)}  ({info.path.name})")
        self.choices.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("Errors", "Restore from this backup")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, database: Path) -> Path | None:
        """The backup chosen, or None if the officer closed the dialog."""
        dialog = cls(database)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choices.currentRow() < 0:
            return None
        return dialog.infos[dialog.choices.currentRow()].path


def restore_after_damage(database: Path) -> bool:
    """Offer the backups of a damaged database; restore the one chosen. Whether one was."""
    from kyodo_desktop.store.backup.restore import BackupRefusedError, restore

    while (chosen := DamagedDatabaseDialog.ask(database)) is not None:
        try:
            kept = restore(database, chosen)
        except BackupRefusedError as error:
            QMessageBox.warning(
                None, QCoreApplication.translate("Errors", "Kyodo Desk"), error.message
            )
            continue
        except Exception as error:
            problem = classify(error)
            if problem is None:
                raise
            QMessageBox.warning(
                None, QCoreApplication.translate("Errors", "Kyodo Desk"), problem.message
            )
            return False
        text = QCoreApplication.translate(
            "Errors", "The records were restored from %1. Please start the program again."
        ).replace("%1", chosen.name)
        if kept is not None:
            text += "\n" + QCoreApplication.translate(
                "Errors", "The damaged file was kept as %1."
            ).replace("%1", kept.name)
        QMessageBox.information(None, QCoreApplication.translate("Errors", "Kyodo Desk"), text)
        return True
    return False
