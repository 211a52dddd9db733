"""What the record pages (団体, 支援ケース, 申請) share: the details above, shown until closed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def show_details(form: QFormLayout, parent: QWidget, rows: Sequence[tuple[str, str]]) -> None:
    """Replace the form's rows with (caption, value); values wrap and can be copied."""
    while form.rowCount():
        form.removeRow(0)
    for caption, value in rows:
        shown = QLabel(value, parent)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        form.addRow(caption, shown)


class RecordPage(Protocol):
    """A record's page (a QDialog) that notes whether its record changed while open."""

    changed: bool

    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


def exec_until_closed(page: RecordPage) -> bool:
    """Show the page until closed, then delete it; True if its record changed meanwhile."""
    try:
        page.exec()
        return page.changed
    finally:
        page.deleteLater()
