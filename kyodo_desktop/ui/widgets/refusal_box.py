"""Why something was refused, told in a box or on a form's message line (the red line).

A list's row may name a record deleted on another PC since the list was read, or the
database may be locked or damaged: the officer pressed Enter and must be told why nothing
opened. `RefusalBox.tell` is the seam tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.store.errors import classify

Opened = TypeVar("Opened")

MESSAGE_STYLE = "color: #b00020;"


def refusal_text(error: Exception) -> str | None:
    """The sentence to show for a refusal or a fault of the machine; None for a bug."""
    if isinstance(error, ServiceError):
        return error.message
    problem = classify(error)
    return None if problem is None else problem.message


def message_label(parent: QWidget) -> QLabel:
    """The red line under a form that says why it was not accepted."""
    label = QLabel(parent)
    label.setObjectName("formMessage")
    label.setStyleSheet(MESSAGE_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class RefusalBox:
    """A warning box with the service's (or the machine's) Japanese sentence."""

    @classmethod
    def tell(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("RefusalBox", "Kyodo Desk"), text)


def tell_refusal(parent: QWidget | None, error: Exception) -> bool:
    """Tell the officer why in a box; False for a bug, which the caller raises again."""
    text = refusal_text(error)
    if text is None:
        return False
    RefusalBox.tell(parent, text)
    return True


def say_refusal(message: QLabel, error: Exception) -> bool:
    """Tell the officer why on a page's message line; False for a bug, raised again by the caller."""
    text = refusal_text(error)
    if text is None:
        return False
    message.setText(text)
    message.show()
    return True


def open_or_tell(
    tell: Callable[[Exception], bool], open_page: Callable[[], Opened]
) -> Opened | None:
    """``open_page()``, or None once ``tell`` has said why it could not be; a bug is raised."""
    try:
        return open_page()
    except Exception as error:  # deleted on another PC meanwhile, a locked disk...
        if not tell(error):
            raise  # a bug
        return None
