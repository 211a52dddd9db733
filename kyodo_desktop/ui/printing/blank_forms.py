"""白紙の様式: the chooser of a blank form (and its programme) for a group to fill by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import programmes
from kyodo_desktop.ui.formatting import fiscal
from kyodo_desktop.ui.printing.menu import Tell, preview_printout

# The forms (reportlab) load when something is first printed, not at start-up.
if TYPE_CHECKING:
    from kyodo_desktop.forms.catalogue import FormKind
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.ui.printing.preview import PrintPreview


class BlankFormDialog(QDialog):
    """白紙の様式: a form to fill by hand, and its programme when it is an application's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from kyodo_desktop.forms.catalogue import FormKind

        super().__init__(parent)
        self.setWindowTitle(self.tr("Blank forms"))
        self.kind_box = QComboBox(self)
        for kind in FormKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.programme_box = QComboBox(self)
        for item in programmes():
            text = item.label
            if item.until_fy is not None:  # closed: its paper is still asked for, now and then
                text += self.tr(" (until %1)").replace("%1", fiscal(item.until_fy))
            self.programme_box.addItem(text, item.code)
        self.kind_box.currentIndexChanged.connect(self._show_programme)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Form"), self.kind_box)
        form.addRow(self.tr("Programme"), self.programme_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._show_programme()

    def kind(self) -> FormKind:
        from kyodo_desktop.forms.catalogue import FormKind

        return FormKind(self.kind_box.currentData())

    def for_application(self) -> bool:
        from kyodo_desktop.forms.catalogue import APPLICATION_FORMS

        return self.kind() in APPLICATION_FORMS

    def programme_code(self) -> str | None:
        """The programme chosen, for an application's form; None for the others."""
        return self.programme_box.currentData() if self.for_application() else None

    def _show_programme(self) -> None:
        self.programme_box.setEnabled(self.for_application())

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[FormKind, str | None] | None:
        """The form and programme chosen; None if the officer cancelled."""
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.kind(), dialog.programme_code()
        finally:
            dialog.deleteLater()


def print_blank_form(workspace: Workspace, parent: QWidget, tell: Tell) -> PrintPreview | None:
    """白紙の様式...: choose the form, then its preview."""
    from kyodo_desktop.services.printing.printouts import print_blank

    chosen = BlankFormDialog.ask(parent)
    if chosen is None:
        return None
    kind, code = chosen
    return preview_printout(
        parent, tell, lambda: print_blank(workspace.database, workspace.actor, kind, code)
    )
