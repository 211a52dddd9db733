"""Who acts when the program opens its data: the first start's set-up, or a sign-in."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import needs_set_up, system_actor
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.sign_in.login import LoginDialog
from kyodo_desktop.ui.sign_in.setup_dialog import SetupDialog


def first_sign_in(workspace: Workspace, parent: QWidget, *, unattended: bool) -> Actor | None:
    """Who acts in a workspace just opened: the first start's set-up, or a sign-in.

    Unattended (the smoke test) nothing may wait for a person: a read-only system viewer
    acts instead, which can change nothing.
    """
    if unattended:
        return system_actor(workspace.database, StaffRole.VIEWER)
    if needs_set_up(workspace.database):
        return SetupDialog.ask(workspace.database, parent)
    return LoginDialog.ask(workspace.database, parent, demo=workspace.is_demo)
