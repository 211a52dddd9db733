"""A date typed the ward's way (令和7年4月1日, R7.4.1, 2025-04-01), empty allowed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from kyodo_desktop.rules import RulesValidationError, format_wareki, parse_date
from kyodo_desktop.services.errors import InputError


class DayEdit(QLineEdit):
    """A line edit for one optional date; read with `day()`, shown in 和暦."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field  # the service's name for it, so a refusal can point here
        self.setPlaceholderText(QCoreApplication.translate("DayEdit", "e.g. R7.4.1"))

    def day(self) -> date | None:
        """The date typed, None if nothing is; `InputError` (Japanese) if it cannot be read."""
        typed = self.text().strip()
        if not typed:
            return None
        try:
            return parse_date(typed)
        except RulesValidationError as error:
            raise InputError(str(error), field=self.field) from error

    def set_day(self, day: date | None) -> None:
        self.setText("" if day is None else format_wareki(day))
