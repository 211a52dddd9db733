"""The seven screens of DESIGN.md, in the order of the counter's day.

Each screen's module is imported when the screen is first shown, so that the window can
appear before the database layer has loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyodo_desktop.ui.main_window import ScreenEntry

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace


def _lazy(module: str, name: str):  # type: ignore[no-untyped-def]
    def build(workspace: Workspace, parent: QWidget) -> QWidget:
        screen_class = getattr(import_module(module), name)
        return screen_class(workspace, parent)

    return build


def screen_entries() -> list[ScreenEntry]:
    translate = QCoreApplication.translate
    return [
        ScreenEntry(
            "consultations",
            translate("Navigation", "Consultations"),
            _lazy("kyodo_desktop.ui.consultations.screen", "ConsultationScreen"),
        ),
        ScreenEntry(
            "groups",
            translate("Navigation", "Groups"),
            _lazy("kyodo_desktop.ui.groups.screen", "GroupScreen"),
        ),
        ScreenEntry(
            "cases",
            translate("Navigation", "Support cases"),
            _lazy("kyodo_desktop.ui.cases.screen", "CaseScreen"),
        ),
        ScreenEntry(
            "applications",
            translate("Navigation", "Applications"),
            _lazy("kyodo_desktop.ui.applications.screen", "ApplicationScreen"),
        ),
        ScreenEntry(
            "documents",
            translate("Navigation", "Forms"),
            _lazy("kyodo_desktop.ui.printing.screen", "DocumentScreen"),
        ),
        ScreenEntry(
            "figures",
            translate("Navigation", "Figures"),
            _lazy("kyodo_desktop.ui.figures.screen", "FigureScreen"),
        ),
        ScreenEntry(
            "settings",
            translate("Navigation", "Settings"),
            _lazy("kyodo_desktop.ui.settings.screen", "SettingsScreen"),
        ),
    ]
