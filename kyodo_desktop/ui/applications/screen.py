"""申請: subsidy applications and the step each has reached, narrowed by 年度, programme, step."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from kyodo_desktop.rules import fiscal_year, programmes
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.groups.registry import office_choices
from kyodo_desktop.services.permissions import office_scope
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import ApplicationFilter
from kyodo_desktop.ui.applications.steps import OVERRIDE_MARK
from kyodo_desktop.ui.formatting import division_label, fiscal, label, programme_label, yen
from kyodo_desktop.ui.widgets.filtered_screen import Filtered, FilteredListScreen
from kyodo_desktop.ui.widgets.lazy_model import Column
from kyodo_desktop.ui.widgets.refusal_box import open_or_tell

if TYPE_CHECKING:
    from kyodo_desktop.ui.applications.page import ApplicationPage

YEARS_SHOWN = 20  # the 年度 offered in the filter, counting back from next year
WIDTHS = (76, 160, 110, 150, 110, 70, 140, 90, 90, 90)


def show_application(
    workspace: Workspace, parent: QWidget, application_id: uuid.UUID
) -> ApplicationPage:
    """The application's page, beside the list (it does not block); imported when asked for."""
    from kyodo_desktop.ui.applications.page import ApplicationPage

    return ApplicationPage.show_for(workspace, parent, application_id)


def new_application(workspace: Workspace, parent: QWidget) -> uuid.UUID | None:
    from kyodo_desktop.ui.applications.dialog import ApplicationDialog

    return ApplicationDialog.ask(workspace, parent)


class ApplicationScreen(FilteredListScreen):
    """Every application the officer may see, the latest 年度 first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("applications", workspace, parent)
        overridden = self.tr("Decided against the rules")
        columns = [
            Column(self.tr("Fiscal year"), lambda r: fiscal(r.fiscal_year)),
            Column(
                self.tr("Programme"),
                lambda r: programme_label(r.programme_number, r.programme_name),
            ),
            Column(self.tr("Division"), lambda r: division_label(r.programme_code, r.division)),
            Column(self.tr("Group"), lambda r: r.group_name),
            Column(self.tr("Project"), lambda r: r.project_title),
            Column(self.tr("Step"), lambda r: label(StepKind, r.status)),
            # Beside the step, not after the amounts: a decision against the rules must be
            # seen without scrolling, whatever the width of the window.
            Column(
                self.tr("Rules"),
                lambda r: f"{OVERRIDE_MARK} {overridden}" if r.overridden else "",
                tooltip=lambda r: overridden if r.overridden else "",
            ),
            Column(self.tr("Requested"), lambda r: yen(r.amount_requested), align_right=True),
            Column(self.tr("Decided"), lambda r: yen(r.amount_decided), align_right=True),
            Column(self.tr("Paid"), lambda r: yen(r.amount_paid), align_right=True),
        ]
        self.applications = Filtered(
            lambda wanted: browse.applications(workspace.database, workspace.actor, wanted),
            ApplicationFilter(),
        )
        # Every column in sight in the main window at 1,280 px (less its 160 px navigation).
        self.setup(
            self.tr("Applications"),
            self.applications,
            columns,
            widths=WIDTHS,
        )
        self._build_filters()

    def _build_filters(self) -> None:
        actor = self._workspace.actor
        self.search_box("applicationSearch", self.tr("Search by group name (Ctrl+F)"))
        self.year_box = QComboBox(self)
        self.year_box.addItem(self.tr("All fiscal years"), None)
        latest = fiscal_year(date.today()) + 1  # next 年度's applications are taken from the winter
        for year in range(latest, latest - YEARS_SHOWN, -1):
            self.year_box.addItem(fiscal(year), year)
        self.programme_box = QComboBox(self)
        self.programme_box.addItem(self.tr("All programmes"), None)
        for item in programmes():
            self.programme_box.addItem(item.label, item.code)
        self.step_box = QComboBox(self)
        self.step_box.addItem(self.tr("Every step"), None)
        for step in StepKind:
            self.step_box.addItem(step.label, step.value)
        self.office_box = QComboBox(self)
        self.office_box.addItem(self.tr("All offices"), None)
        # A counter officer sees their own office's applications: nothing to choose.
        if office_scope(actor) is None:
            for office in office_choices(self._workspace.database, actor):
                self.office_box.addItem(f"{office.code} {office.name}", office.id)
        else:
            self.office_box.hide()
        self.new_record_button(self.tr("New application..."))
        self.place_filters(
            self.applications,
            [
                (self.search_edit, 2),
                (self.year_box, 0),
                (self.programme_box, 1),
                (self.step_box, 0),
                (self.office_box, 1),
                (self.new_button, 0),
            ],
            (self.year_box, self.programme_box, self.step_box, self.office_box),
        )

    def wanted(self) -> ApplicationFilter:
        return ApplicationFilter(
            fiscal_year=self.year_box.currentData(),
            programme_code=self.programme_box.currentData(),
            status=self.step_box.currentData(),
            office_id=self.office_box.currentData(),
            text=self.search_edit.text(),
        )

    def open_record(self, record_id: uuid.UUID) -> None:
        page = open_or_tell(self._tell, lambda: show_application(self._workspace, self, record_id))
        if page is not None:  # a step or 収支 saved on the page moves the row's step and amounts
            page.updated.connect(self.model.reload)

    def _tell(self, error: Exception) -> bool:
        told = super()._tell(error)
        if told:
            self.model.reload()  # the row may be gone
        return told

    def new_record(self) -> None:
        application_id = new_application(self._workspace, self)
        if application_id is None:
            return
        self.model.reload()
        self.open_record(application_id)
