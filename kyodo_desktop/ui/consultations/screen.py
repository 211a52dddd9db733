"""相談記録: the consultation log, its filters, and what an officer does from it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.filter_choices import filter_choices
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.listings import ConsultationRow
from kyodo_desktop.ui.consultations.filters import ConsultationFilterBar
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.widgets.lazy_model import Column
from kyodo_desktop.ui.widgets.list_screen import ListScreen


class FilteredSource:
    """The browser of the filter chosen last; the model reloads when it changes."""

    def __init__(self, workspace: Workspace, wanted: ConsultationFilter) -> None:
        self._workspace = workspace
        self.refilter(wanted)

    def refilter(self, wanted: ConsultationFilter) -> None:
        self.wanted = wanted
        self._browser = browse.consultations(
            self._workspace.database, self._workspace.actor, wanted
        )

    def count(self) -> int:
        return self._browser.count()

    def page(self, offset: int, limit: int) -> Sequence[ConsultationRow]:
        return self._browser.page(offset, limit)


class ConsultationScreen(ListScreen):
    """Consultations, newest first, narrowed by the filter bar."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("consultations", parent)
        self.workspace = workspace
        actor = workspace.actor
        assert actor is not None
        anonymous = self.tr("Anonymous")

        def who(row: ConsultationRow) -> str:
            return row.group_name or row.person_name or anonymous

        def follow_up(row: ConsultationRow) -> str:
            if row.follow_up_on is None:
                return ""
            done = self.tr("done") if row.follow_up_done else ""
            return f"{wareki(row.follow_up_on)} {done}".strip()

        columns = [
            Column(self.tr("Date"), lambda r: wareki(r.occurred_on)),
            Column(self.tr("Office"), lambda r: r.office_name),
            Column(self.tr("Channel"), lambda r: label(Channel, r.channel)),
            Column(self.tr("Who asked"), who),
            Column(self.tr("Topics"), lambda r: r.topics),
            Column(self.tr("What was asked"), lambda r: r.asked, tooltip=lambda r: r.asked),
            Column(self.tr("Officer"), lambda r: r.staff_name),
            Column(self.tr("Follow-up"), follow_up),
        ]
        self.filters = ConsultationFilterBar(filter_choices(workspace.database, actor), self)
        self.source = FilteredSource(workspace, self.filters.current())
        self.setup(
            self.tr("Consultations"),
            self.source,
            columns,
            widths=(100, 130, 60, 200, 200, 320, 100),
        )
        self.new_button = QPushButton(self.tr("New consultation"), self)
        self.new_button.setObjectName("newConsultation")
        self.new_button.setEnabled(allows(actor, Permission.WRITE))
        if not self.new_button.isEnabled():
            self.new_button.setToolTip(DENIED[Permission.WRITE])
        self.export_button = QPushButton(self.tr("Export CSV..."), self)
        self.export_button.setObjectName("exportCsv")
        may_export = allows(actor, Permission.EXPORT)
        self.export_button.setEnabled(may_export)
        self.export_button.setToolTip(
            self.tr("Export the list as filtered, for Excel")
            if may_export
            else DENIED[Permission.EXPORT]
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.filters)
        layout.insertLayout(2, buttons)

        self.filters.changed.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_consultation)
        self.export_button.clicked.connect(self.export_csv)
        self.table.activated.connect(self._row_activated)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filters.focus_search)

    # Filtering ------------------------------------------------------------------------

    def apply_filters(self) -> None:
        wanted = self.filters.current()
        if wanted == self.source.wanted:
            return
        self.source.refilter(wanted)
        self.model.reload()

    def reload(self) -> None:
        """Count and load again: a consultation was saved or changed."""
        self.source.refilter(self.source.wanted)
        self.model.reload()

    # Acting ---------------------------------------------------------------------------

    def _row_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_consultation(row.id)

    def new_consultation(self) -> QWidget:
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        form = ConsultationForm.open_new(self.workspace, self)
        form.saved.connect(self.reload)
        return form

    def open_consultation(self, consultation_id: uuid.UUID) -> QWidget | None:
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        try:
            form = ConsultationForm.open_existing(self.workspace, consultation_id, self)
        except ServiceError as refusal:  # deleted or moved meanwhile: say so, list again
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Consultations"),
                refusal.message,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.open()
            self.reload()
            return None
        form.saved.connect(self.reload)
        return form

    def export_csv(self) -> QObject | None:
        """The list as it is filtered, to CSV in the background; the job, if started."""
        from kyodo_desktop.ui.consultations.export_dialog import export_consultations_to_csv

        # The list follows the search box only after a pause in typing: what the filter bar
        # shows now is what leaves, never the wider filter of a moment ago. (The pause's
        # timer, when it runs out, finds the list already filtered and does nothing.)
        self.apply_filters()
        self.export_job = export_consultations_to_csv(
            self, self.workspace, self.source.wanted, self.model.rowCount()
        )
        return self.export_job

    def focus_search(self) -> None:
        self.filters.focus_search()
