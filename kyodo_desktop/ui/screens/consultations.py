"""相談記録: the consultation log."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.listings import ConsultationRow
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen


class ConsultationScreen(ListScreen):
    """Every consultation, newest first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("consultations", parent)
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
        self.setup(
            self.tr("Consultations"),
            browse.consultations(workspace.database, workspace.actor),
            columns,
            widths=(100, 130, 60, 200, 200, 320, 100),
        )
