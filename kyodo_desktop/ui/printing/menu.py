"""The 印刷 buttons of the pages (the chooser of blank forms is ui/printing/blank_forms.py).

Each asks a service in services/printing/printouts.py for a `Printout` and opens the preview on it
(ui/printing/preview.py); a refusal (another office's record, a form not printable yet, a
locked disk) is told the way the page tells any other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QMenu,
    QPushButton,
    QWidget,
)

# The forms (reportlab) and QtPdf load when something is first printed, not at start-up.
if TYPE_CHECKING:
    from kyodo_desktop.forms.catalogue import FormKind
    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.services.printing.printouts import FormOffer, Printout
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.ui.printing.preview import PrintPreview

Tell = Callable[[Exception], bool]  # says why on the page; False for a bug


def preview_printout(
    parent: QWidget, tell: Tell, make: Callable[[], Printout]
) -> PrintPreview | None:
    """The preview of ``make()``'s printout, or None once ``tell`` has said why not."""
    from kyodo_desktop.ui.printing.preview import PrintPreview

    # Filling and rendering a form takes a moment: the officer sees it is coming.
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        printout = make()
    except Exception as error:  # another office's record, deleted meanwhile, a locked disk
        QGuiApplication.restoreOverrideCursor()
        if not tell(error):
            raise  # a bug
        return None
    try:
        return PrintPreview.open_for(printout, parent)
    finally:
        QGuiApplication.restoreOverrideCursor()


class ApplicationPrintButton(QPushButton):
    """印刷 on an application's page: a menu of its forms, those not printable yet greyed.

    The offers are read each time the menu opens, so they follow the steps just recorded.
    """

    def __init__(
        self, workspace: Workspace, application_id: uuid.UUID, tell: Tell, parent: QWidget
    ) -> None:
        super().__init__(QCoreApplication.translate("PrintMenu", "Print"), parent)
        self._workspace = workspace
        self._application_id = application_id
        self._tell = tell
        self.setAutoDefault(False)
        self.forms = QMenu(self)
        self.forms.setToolTipsVisible(True)  # a greyed form says why on hover
        self.forms.aboutToShow.connect(self.reload)
        self.setMenu(self.forms)

    def reload(self) -> None:
        """Read the offers again and rebuild the menu."""
        from kyodo_desktop.services.printing.printouts import application_form_offers

        self.forms.clear()
        try:
            offers = application_form_offers(
                self._workspace.database, self._workspace.actor, self._application_id
            )
        except Exception as error:  # deleted on another PC, a locked disk...
            if not self._tell(error):
                raise  # a bug
            return
        for offer in offers:
            self._add(offer)

    def _add(self, offer: FormOffer) -> None:
        action = self.forms.addAction(offer.kind.label)
        action.setData(offer.kind.value)
        action.setEnabled(offer.refusal is None)
        action.setToolTip(offer.refusal or offer.kind.label)
        action.setStatusTip(offer.refusal or "")
        action.triggered.connect(lambda _=False, kind=offer.kind: self.print_form(kind))

    def action_for(self, kind: FormKind) -> QAction | None:
        return next((a for a in self.forms.actions() if a.data() == kind.value), None)

    def print_form(self, kind: FormKind) -> PrintPreview | None:
        from kyodo_desktop.services.printing.printouts import print_application

        workspace = self._workspace
        return preview_printout(
            self.window(),
            self._tell,
            lambda: print_application(
                workspace.database, workspace.actor, self._application_id, kind
            ),
        )


class ConsultationPrintButton(QPushButton):
    """相談記録票を印刷 on the consultation form: the consultation as saved, never as typed.

    A form of a saved consultation prints that one (its saved version while changes are
    unsaved, as the tooltip says); a new form prints the consultation it saved last.
    """

    def __init__(
        self,
        workspace: Workspace,
        actor: Actor,
        shown_id: Callable[[], uuid.UUID | None],
        tell: Tell,
        parent: QWidget,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("PrintMenu", "Print consultation record"), parent
        )
        self._workspace = workspace
        self._actor = actor
        self._shown_id = shown_id  # the saved consultation the form shows, if any
        self._tell = tell
        self.last_saved_id: uuid.UUID | None = None
        self.setAutoDefault(False)
        self.clicked.connect(self.print_record)

    def saved(self, consultation_id: uuid.UUID) -> None:
        self.last_saved_id = consultation_id

    def printable_id(self) -> uuid.UUID | None:
        return self._shown_id() or self.last_saved_id

    def refresh(self, unsaved: bool) -> None:
        """Enable the button and say what it prints, for the form's state now."""
        translate = QCoreApplication.translate
        self.setEnabled(self.printable_id() is not None)
        if self.printable_id() is None:
            tip = translate("PrintMenu", "Save the consultation first: the saved record prints.")
        elif self._shown_id() is None:
            tip = translate("PrintMenu", "Prints the consultation saved last from this form.")
        elif unsaved:
            tip = translate(
                "PrintMenu",
                "Prints the saved version: changes not saved yet are not on the paper. "
                "Save (Ctrl+S) first to print them.",
            )
        else:
            tip = translate("PrintMenu", "Prints the consultation record as saved.")
        self.setToolTip(tip)

    def print_record(self) -> PrintPreview | None:
        from kyodo_desktop.services.printing.printouts import print_consultation

        consultation_id = self.printable_id()
        if consultation_id is None:
            return None
        database, actor = self._workspace.database, self._actor
        return preview_printout(
            self.window(),
            self._tell,
            lambda: print_consultation(database, actor, consultation_id),
        )
