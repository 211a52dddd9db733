"""The record pages open without blocking, by record: raise the one open, never open two.

Two pages of one application would disagree (a step saved on one leaves the other stale
until its own save is refused). A page behind an application-modal window (a case page
being shown with exec) cannot be raised, so a second one opens there; each page then
reads itself again when another page of its record saves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

Page = TypeVar("Page", bound=QDialog)


def reachable(page: QWidget) -> bool:
    """Whether the officer can use the page now (no application-modal window blocks it)."""
    if not shiboken6.isValid(page):
        return False
    modal = QApplication.activeModalWidget()
    # A window-modal dialog (a step being recorded on some page) blocks only its own page.
    if modal is None or modal.windowModality() != Qt.WindowModality.ApplicationModal:
        return True
    widget: QWidget | None = page
    while widget is not None:
        if widget is modal:
            return True
        widget = widget.parentWidget()
    return False


class OpenPages(Generic[Page]):
    """The pages shown, by the id of their record; a page leaves when closed or deleted."""

    def __init__(self) -> None:
        self._pages: dict[uuid.UUID, list[Page]] = {}

    def __contains__(self, record_id: object) -> bool:
        return bool(self._pages.get(record_id))  # type: ignore[call-overload]

    def usable(self, record_id: uuid.UUID) -> Page | None:
        """The record's page the officer can reach now, if one is open."""
        return next((p for p in self._pages.get(record_id, []) if reachable(p)), None)

    def add(self, record_id: uuid.UUID, page: Page) -> None:
        self._pages.setdefault(record_id, []).append(page)
        page.finished.connect(lambda _result: self._forget(record_id, page))
        page.destroyed.connect(lambda: self._forget(record_id, page))

    def others(self, record_id: uuid.UUID, page: Page) -> Iterator[Page]:
        """The record's other pages still alive."""
        for other in list(self._pages.get(record_id, [])):
            if other is not page and shiboken6.isValid(other):
                yield other

    def _forget(self, record_id: uuid.UUID, page: Page) -> None:
        pages = self._pages.get(record_id, [])
        if page in pages:
            pages.remove(page)
        if not pages:
            self._pages.pop(record_id, None)
