"""The seven screens of DESIGN.md, in the order of the counter's day."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kyodo_desktop.ui.main_window import ScreenEntry
from kyodo_desktop.ui.screens.applications import ApplicationScreen
from kyodo_desktop.ui.screens.cases import CaseScreen
from kyodo_desktop.ui.screens.consultations import ConsultationScreen
from kyodo_desktop.ui.screens.documents import DocumentScreen
from kyodo_desktop.ui.screens.figures import FigureScreen
from kyodo_desktop.ui.screens.groups import GroupScreen
from kyodo_desktop.ui.screens.settings import SettingsScreen


def screen_entries() -> list[ScreenEntry]:
    translate = QCoreApplication.translate
    return [
        ScreenEntry("consultations", translate("Navigation", "Consultations"), ConsultationScreen),
        ScreenEntry("groups", translate("Navigation", "Groups"), GroupScreen),
        ScreenEntry("cases", translate("Navigation", "Support cases"), CaseScreen),
        ScreenEntry("applications", translate("Navigation", "Applications"), ApplicationScreen),
        ScreenEntry("documents", translate("Navigation", "Forms"), DocumentScreen),
        ScreenEntry("figures", translate("Navigation", "Figures"), FigureScreen),
        ScreenEntry("settings", translate("Navigation", "Settings"), SettingsScreen),
    ]
