"""Telling a person what went wrong: the environment's fault plainly, a bug as a bug."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from kyodo_desktop.store.backup import list_backups
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.errors import Problem, classify


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def startup_failure_text(error: BaseException, data_dir: Path) -> tuple[str, str]:
    """The message and the details to show when the program could not open its data."""
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
        backups = list_backups(data_dir / DATABASE_FILE_NAME)
        if backups:
            listing = "\n".join(path.name for path in backups[:10])
            message += (
                "\n\n"
                + QCoreApplication.translate("Errors", "Backups you can restore from:")
                + "\n"
                + listing
            )
    location = QCoreApplication.translate("Errors", "Data folder: %1").replace("%1", str(data_dir))
    return message, f"{location}\n{problem.detail}"


def report_startup_failure(error: BaseException, data_dir: Path, *, interactive: bool) -> int:
    message, details = startup_failure_text(error, data_dir)
    print(message, file=sys.stderr)
    print(details, file=sys.stderr)
    if interactive:
        box = QMessageBox(QMessageBox.Icon.Critical, _tr("Kyodo Desk"), message)
        box.setDetailedText(details)
        box.exec()
    return 1
