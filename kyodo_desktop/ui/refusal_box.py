"""Why a page could not be opened or read again, told in a box instead of nothing at all.

A list's row may name a record deleted on another PC since the list was read, or the
database may be locked or damaged: the officer pressed Enter and must be told why nothing
opened. `RefusalBox.tell` is the seam tests replace.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kyodo_desktop.ui.login import refusal_text


class RefusalBox:
    """A warning box with the service's (or the machine's) Japanese sentence."""

    @classmethod
    def tell(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("RefusalBox", "Kyodo Desk"), text)


def tell_refusal(parent: QWidget | None, error: Exception) -> bool:
    """Tell the officer why; False for a bug, which the caller raises again."""
    text = refusal_text(error)
    if text is None:
        return False
    RefusalBox.tell(parent, text)
    return True
