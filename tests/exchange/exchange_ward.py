"""A head office ("00") and branches set up to exchange sealed files, for the exchange's tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.exchange.cards import add_card
from kyodo_desktop.services.exchange.keys import create_own_keys, load_own_keys
from kyodo_desktop.services.exchange.receiving import receive_files
from kyodo_desktop.services.exchange.sending import send
from kyodo_desktop.services.exchange.setup import set_exchange_office
from kyodo_desktop.services.workspace import Workspace, open_workspace


@dataclasses.dataclass
class Office:
    code: str
    workspace: Workspace
    counter: object  # an Actor: the head office's officer at "00", a counter officer elsewhere

    @property
    def data_dir(self) -> Path:
        return self.workspace.data_dir

    @property
    def database(self):  # type: ignore[no-untyped-def]
        return self.workspace.database


def make_office(tmp_path: Path, code: str, make_actor, url: str | None = None) -> Office:  # type: ignore[no-untyped-def]
    """An office's workspace (the head office's on a server when a URL is given)."""
    workspace = open_workspace(tmp_path / f"office-{code}", url=url)
    admin = system_actor(workspace.database, StaffRole.ADMIN)
    set_exchange_office(workspace.database, admin, code)
    create_own_keys(workspace.data_dir, code)
    role = StaffRole.HEAD_OFFICE if code == "00" else StaffRole.COUNTER
    actor = make_actor(workspace, "01" if code == "00" else code, role)
    workspace.actor = actor  # signed in, as the program's screens expect
    return Office(code, workspace, actor)


def make_ward(tmp_path: Path, make_actor, codes=("02", "03")):  # type: ignore[no-untyped-def]
    head = make_office(tmp_path, "00", make_actor)
    branches = [make_office(tmp_path, code, make_actor) for code in codes]
    for branch in branches:
        add_card(head.data_dir, load_own_keys(branch.data_dir).card, own_office="00")
        add_card(branch.data_dir, load_own_keys(head.data_dir).card, own_office=branch.code)
    return head, branches


def send_files(office: Office, folder: Path, *codes: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sent = send(office.database, office.counter, office.data_dir, folder, codes or None)
    return [s.path for s in sent]


def receive(office: Office, paths: list[Path]):  # type: ignore[no-untyped-def]
    return receive_files(office.database, office.counter, office.data_dir, paths)
