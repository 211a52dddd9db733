"""An application's page (申請の詳細): where it stands, its steps, and what may come next.

Everything shown comes from `services.applications.filing.get_application` (the offers already say
what this officer may record and why not); a step is recorded in `ui/applications/step_dialog.py` and the
page is read again after every change.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.applications.filing import ApplicationView, get_application
from kyodo_desktop.services.applications.view import OTHER_OFFICE, StepView, stage_refusal
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.applications.steps import (
    OVERRIDE_MARK,
    overridden_text,
    step_columns,
)
from kyodo_desktop.ui.formatting import fiscal, label, wareki, yen
from kyodo_desktop.ui.printing.menu import ApplicationPrintButton
from kyodo_desktop.ui.widgets.lazy_model import LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table
from kyodo_desktop.ui.widgets.open_pages import OpenPages
from kyodo_desktop.ui.widgets.record_page import exec_until_closed, show_details
from kyodo_desktop.ui.widgets.refusal_box import message_label, open_or_tell, say_refusal

# A decision against the rules must not be missed by whoever opens the application.
BANNER_STYLE = (
    "QLabel#overrideBanner { background: #fff4e5; color: #7a2e00;"
    " border: 2px solid #e65100; padding: 6px; }"
)


class ApplicationPage(QDialog):
    """One application: header, amounts, the override banner, steps and the next steps."""

    updated = Signal()  # a step or 収支 was saved: a list behind may reload
    open_pages: OpenPages[ApplicationPage] = OpenPages()  # those shown by show_for

    def __init__(
        self, workspace: Workspace, application_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.application_id = application_id
        self.changed = False
        self.step_dialog: QDialog | None = None  # the step being recorded, while it is open
        self.details = QFormLayout()
        self.amounts: dict[str, QLabel] = {}
        amounts = QGridLayout()
        captions = {
            "requested": self.tr("Requested"),
            "decided": self.tr("Decided"),
            "confirmed": self.tr("Confirmed"),
            "paid": self.tr("Paid"),
        }
        for column, (key, caption) in enumerate(captions.items()):
            amounts.addWidget(QLabel(caption, self), 0, column)
            value = QLabel(self)
            value.setStyleSheet("font-size: 13pt; font-weight: bold;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            amounts.addWidget(value, 1, column)
            self.amounts[key] = value
        self.banner = QLabel(self)
        self.banner.setObjectName("overrideBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.message = message_label(self)
        self.steps: ListSource[StepView] = ListSource()  # a dozen steps at most
        self.model = LazyTableModel(self.steps, step_columns(), parent=self)
        self.table = make_table(self.model, self)
        for column, width in enumerate((90, 90, 140, 100, 110, 120)):
            self.table.setColumnWidth(column, width)
        self.next_label = QLabel(self.tr("Next steps:"), self)
        self.next_row = QHBoxLayout()
        self.step_buttons: dict[StepKind, QPushButton] = {}
        self.why_button = QToolButton(self)
        self.why_button.setText(self.tr("Why not the other steps?"))
        self.why_button.setCheckable(True)
        self.why_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.why_button.setArrowType(Qt.ArrowType.RightArrow)
        self.why_not = QLabel(self)
        self.why_not.setWordWrap(True)
        self.why_not.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why_not.hide()
        self.why_button.toggled.connect(self._show_why_not)
        self.budget_button = QPushButton(self.tr("Budget..."), self)
        self.actual_button = QPushButton(self.tr("Actual figures..."), self)
        self.budget_button.setAutoDefault(False)
        self.actual_button.setAutoDefault(False)
        self.budget_button.clicked.connect(lambda: self.edit_lines("budget"))
        self.actual_button.clicked.connect(lambda: self.edit_lines("actual"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.budget_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.actual_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = ApplicationPrintButton(
            workspace, application_id, partial(say_refusal, self.message), self
        )
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        next_line = QHBoxLayout()
        next_line.addWidget(self.next_label)
        next_line.addLayout(self.next_row)
        next_line.addStretch(1)
        next_line.addWidget(self.why_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.details)
        layout.addLayout(amounts)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(next_line)
        layout.addWidget(self.why_not)
        layout.addWidget(buttons)
        self.resize(860, 620)
        self.reload()

    # Showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the application again (after a step, 収支, or someone else's change)."""
        view = get_application(self._workspace.database, self._workspace.actor, self.application_id)
        self.view = view
        self._show_details(view)
        self._show_amounts(view)
        self._show_banner(view)
        self.steps.rows = list(view.steps)
        self.model.reload()
        self.table.scrollToBottom()
        self._show_next_steps(view)
        self._show_figure_buttons(view)

    def reload_or_tell(self) -> bool:
        """`reload`, saying why on the page if it cannot be read (deleted, locked disk)."""
        try:
            self.reload()
        except Exception as error:  # deleted on another PC meanwhile, a locked disk...
            if not say_refusal(self.message, error):
                raise  # a bug
            return False
        return True

    def _show_figure_buttons(self, view: ApplicationView) -> None:
        for stage, button in (("budget", self.budget_button), ("actual", self.actual_button)):
            button.setEnabled(stage in view.open_stages)
            button.setToolTip("" if stage in view.open_stages else self.figures_refusal(stage))

    def figures_refusal(self, stage: str) -> str:
        """Why this officer may not write the stage's figures now (the service's words)."""
        refusal = stage_refusal(self.view.status, stage)
        if refusal is not None:
            return refusal
        if not allows(self._workspace.actor, Permission.WRITE):
            return DENIED[Permission.WRITE]
        return OTHER_OFFICE  # the only other cause: the application is another office's

    def _show_details(self, view: ApplicationView) -> None:
        title = f"{view.programme_label} — {view.group_name}"
        self.setWindowTitle(title)
        programme = view.programme_label
        if view.division_label:
            programme = f"{programme}（{view.division_label}）"
        rows = [
            (self.tr("Group"), view.group_name),
            (self.tr("Project"), view.project.title),
            (self.tr("Programme"), programme),
            (self.tr("Fiscal year"), fiscal(view.fiscal_year)),
            (self.tr("Office"), view.office_name),
            (self.tr("Current step"), label(StepKind, view.status)),
        ]
        if view.households is not None:
            rows.append((self.tr("Member households"), f"{view.households:,}"))
        if view.purpose:
            rows.append((self.tr("Purpose"), view.purpose))
        show_details(self.details, self, rows)

    def _show_amounts(self, view: ApplicationView) -> None:
        # — for an amount not yet there; a paid 0 is shown only once money could move.
        paid = view.amount_paid if view.amount_paid or view.amount_decided is not None else None
        for key, value in (
            ("requested", view.amount_requested or None),
            ("decided", view.amount_decided),
            ("confirmed", view.amount_confirmed),
            ("paid", paid),
        ):
            self.amounts[key].setText("—" if value is None else yen(value))

    def _show_banner(self, view: ApplicationView) -> None:
        if not view.override_reason:
            self.banner.hide()
            return
        heading = self.tr("Decided against the rules (%1, %2)")
        heading = heading.replace("%1", view.override_staff_name).replace(
            "%2", wareki(view.override_on)
        )
        reason = self.tr("Reason: %1").replace("%1", view.override_reason)
        self.banner.setText(f"{OVERRIDE_MARK} {heading}\n{reason}")
        overridden = [s for s in view.steps if s.override_reason]
        if overridden:
            self.banner.setToolTip(overridden_text(overridden[-1]))
        self.banner.show()

    def _show_next_steps(self, view: ApplicationView) -> None:
        for button in self.step_buttons.values():
            self.next_row.removeWidget(button)
            button.hide()  # gone at once, deleted when the event loop comes back
            button.deleteLater()
        self.step_buttons = {}
        for offer in view.offers:
            if not offer.allowed:
                continue
            button = QPushButton(offer.kind.label, self)
            button.setAutoDefault(False)  # Enter on the table must not record a step
            button.clicked.connect(lambda _=False, kind=offer.kind: self.record(kind))
            self.next_row.addWidget(button)
            self.step_buttons[offer.kind] = button
        if not self.step_buttons:
            self.next_label.setText(self.tr("No step can be recorded by you now."))
        else:
            self.next_label.setText(self.tr("Next steps:"))
        self.why_not.setText(self.why_not_text(view))

    @staticmethod
    def why_not_text(view: ApplicationView) -> str:
        """Each step not offered and why; steps refused for one same reason share a line."""
        by_reason: dict[str, list[str]] = {}
        for offer in view.offers:
            if not offer.allowed:
                by_reason.setdefault(offer.reason, []).append(offer.kind.label)
        return "\n".join(f"・{'・'.join(kinds)}: {reason}" for reason, kinds in by_reason.items())

    def _show_why_not(self, shown: bool) -> None:
        self.why_not.setVisible(shown)
        self.why_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # Acting -----------------------------------------------------------------------------

    def _changed(self) -> None:
        self.message.hide()
        self.changed = True
        self.updated.emit()  # the lists behind reload even if this page cannot
        for other in self.open_pages.others(self.application_id, self):
            other.reload_or_tell()  # the same application, open behind a modal window
        self.reload_or_tell()

    def record(self, kind: StepKind) -> QDialog:
        """Record ``kind`` in the step dialog; the page is read again when it closes.

        The dialog is window-modal and opened without blocking, so that this page can be
        shown without blocking too (from a list) and the dialog driven like any window.
        """
        from kyodo_desktop.ui.applications.step_dialog import StepDialog

        dialog = StepDialog(self._workspace, self.view, kind, self)
        dialog.finished.connect(lambda result: self._step_closed(dialog, result))
        self.step_dialog = dialog
        dialog.open()
        return dialog

    def _step_closed(self, dialog: QDialog, result: int) -> None:
        self.step_dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self._changed()
        else:
            self.reload_or_tell()  # the dialog may have found the application changed meanwhile

    def edit_lines(self, stage: str) -> None:
        """The 収支予算 ("budget") or 収支決算 ("actual") in their own dialog."""
        from kyodo_desktop.ui.applications.budget_dialog import BudgetDialog

        saved = open_or_tell(
            partial(say_refusal, self.message),
            lambda: BudgetDialog.edit(self._workspace, self, self.application_id, stage),
        )
        if saved:
            self._changed()

    # Opening ----------------------------------------------------------------------------

    @classmethod
    def show_for(
        cls, workspace: Workspace, parent: QWidget | None, application_id: uuid.UUID
    ) -> ApplicationPage:
        """Open the page without blocking (from a list); it deletes itself when closed.

        If the application's page is already open, that one is read again and raised.
        """
        page = cls.open_pages.usable(application_id)
        if page is not None:
            page.reload_or_tell()
        else:
            page = cls(workspace, application_id, parent)
            page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            cls.open_pages.add(application_id, page)
        page.show()
        page.raise_()
        page.activateWindow()
        return page

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None, application_id: uuid.UUID) -> bool:
        """Show the page until closed; True if the application was changed meanwhile."""
        return exec_until_closed(cls(workspace, application_id, parent))
