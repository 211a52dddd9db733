"""The ward's shared folder (設定): files sent and received by themselves when it is reachable.

The head office names one folder on the ward's closed network. Inside it each office reads
its own inbox: ``to-00/`` holds the branches' files for the head office, ``to-NN/`` the head
office's return file for branch NN. One pass (`exchange_through_folder`) receives what is
addressed here, then sends:

- each file applied, or found held already, is moved into ``received/`` of the inbox so it
  is not read again; a file waiting for an earlier one stays (it is tried again when a new
  file arrives); a refused file is kept aside as by 受け取る;
- a branch sends into ``to-00/``, the head office one return file per branch it knows into
  that branch's ``to-NN/``; only when there is news (a change made here since the last pass,
  or a received file that changed something), so that two offices never keep answering each
  other's empty confirmations. Each file holds everything since the other side's last
  confirmation, so it replaces an earlier file of ours still unread in the same inbox (that
  one is removed: one copy of the records fewer on the network).

A folder that cannot be reached (a network down, a share not mounted) is a plain result,
never an exception: the program says so in its status bar and tries again later.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, ServiceError
from kyodo_desktop.services.exchange.offices import HEAD_OFFICE
from kyodo_desktop.services.exchange.outcomes import (
    ALREADY,
    APPLIED,
    SUFFIX,
    WAITING,
    Received,
    SentFile,
)
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.settings import get_setting, put_setting
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.exchange import stamping

SHARED_FOLDER_SETTING = "exchange.shared_folder"
RECEIVED_FOLDER = "received"
# How often the program passes through the folder while it is open.
PASS_INTERVAL_MINUTES = 5


def inbox(shared: Path, office: str) -> Path:
    """The folder where the files for ``office`` are put: ``<shared>/to-NN``."""
    return shared / f"to-{office}"


@dataclass(frozen=True)
class FolderExchange:
    """What one pass through the shared folder did."""

    reachable: bool
    at: datetime  # local time, for the status bar
    received: tuple[Received, ...] = ()
    sent: tuple[SentFile, ...] = ()
    refusal: str = ""  # why nothing could be exchanged (no keys yet, no permission...)
    problem: str = ""  # why the folder could not be reached
    quiet: int | None = None  # this database's last change number after the pass
    waiting: frozenset[str] = field(default_factory=frozenset)  # files left in the inbox

    @property
    def applied(self) -> int:
        return sum(1 for item in self.received if item.outcome == APPLIED)


# The setting ------------------------------------------------------------------------------


def shared_folder(database: Database) -> Path | None:
    """The ward's shared folder set in 設定, or None."""
    with database.reading() as session:
        value = get_setting(session, SHARED_FOLDER_SETTING)
    return Path(value) if isinstance(value, str) and value.strip() else None


@service("settings.exchange_shared_folder", Permission.MANAGE_REFERENCE)
def set_shared_folder(uow: UnitOfWork, folder: str | None) -> Path | None:
    """Set (or, with None or empty text, clear) the ward's shared folder."""
    text = (folder or "").strip()
    if text and not Path(text).is_absolute():
        raise InputError(
            f"共有フォルダ「{text}」は場所がはっきりしません。"
            r"\\サーバー名\共有名\… や Z:\… のように、最初からの場所を指定してください。",
            field="folder",
        )
    put_setting(uow.session, SHARED_FOLDER_SETTING, text or None)
    return Path(text) if text else None


# One pass ---------------------------------------------------------------------------------


def exchange_through_folder(
    database: Database,
    actor: Actor,
    data_dir: Path,
    shared: Path,
    previous: FolderExchange | None = None,
) -> FolderExchange:
    """Receive what the folder holds for this office, then send what there is news of.

    ``previous``: the last pass's result (None at start): a file left waiting then is not
    tried again until something new arrives, and nothing is sent if nothing changed here.
    """
    now = datetime.now()
    try:
        reachable = shared.is_dir()
    except OSError:
        reachable = False
    if not reachable:
        return FolderExchange(False, now, problem=str(shared))
    try:
        here = _identity(database)
        start_number = _last_number(database)
        own = inbox(shared, here)
        own.mkdir(exist_ok=True)
        received = _receive(database, actor, data_dir, own, previous)
        news = {
            item.sender
            for item in received
            if item.outcome == APPLIED and item.rows and item.sender
        }
        changed_here = previous is None or previous.quiet != start_number
        sent: list[SentFile] = []
        if changed_here or news:
            sent = _send(database, actor, data_dir, shared, here)
        waiting = frozenset(item.path.name for item in received if item.outcome == WAITING)
        return FolderExchange(
            True,
            now,
            tuple(received),
            tuple(sent),
            quiet=_last_number(database),
            waiting=waiting,
        )
    except ServiceError as refusal:
        return FolderExchange(True, now, refusal=refusal.message)
    except OSError as error:  # the folder went away half-way: what was done stays done
        return FolderExchange(False, now, problem=f"{shared}（{error.strerror or error}）")


def _identity(database: Database) -> str:
    with database.reading() as session:
        return stamping.identity(session.connection())


def _last_number(database: Database) -> int:
    with database.reading() as session:
        return stamping.last_number(session.connection())


def _receive(
    database: Database,
    actor: Actor,
    data_dir: Path,
    own: Path,
    previous: FolderExchange | None,
) -> list[Received]:
    files = sorted(path for path in own.glob(f"*{SUFFIX}") if path.is_file())
    left_waiting = previous.waiting if previous is not None else frozenset()
    if not files or all(path.name in left_waiting for path in files):
        return []  # nothing new: a waiting file is tried again when its predecessor comes
    from kyodo_desktop.services.exchange.receiving import receive_files  # the merge, when needed

    received = receive_files(database, actor, data_dir, files)
    for item in received:
        if item.outcome in (APPLIED, ALREADY):
            _file_away(item.path, own / RECEIVED_FOLDER)
    return received


def _file_away(path: Path, folder: Path) -> None:
    """Move a file taken in into ``received/`` (numbered beside one of the same name)."""
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    number = 2
    while target.exists():
        target = folder / f"{path.stem}-{number}{path.suffix}"
        number += 1
    with contextlib.suppress(FileNotFoundError):  # another PC filed it away first
        os.replace(path, target)


def _send(
    database: Database, actor: Actor, data_dir: Path, shared: Path, here: str
) -> list[SentFile]:
    if here == HEAD_OFFICE:
        from kyodo_desktop.services.exchange.cards import load_known

        recipients = [card.office for card in load_known(data_dir) if card.office != HEAD_OFFICE]
    else:
        recipients = [HEAD_OFFICE]
    sent = []
    for recipient in recipients:
        folder = inbox(shared, recipient)
        folder.mkdir(exist_ok=True)
        earlier = list(folder.glob(f"kyodo-{here}-to-{recipient}-*{SUFFIX}"))
        offices = (recipient,) if here == HEAD_OFFICE else None
        from kyodo_desktop.services.exchange.sending import send  # the sealing, when needed

        for item in send(database, actor, data_dir, folder, offices):
            sent.append(item)
            for old in earlier:  # everything in it is in the new file too
                if old != item.path:
                    with contextlib.suppress(OSError):
                        old.unlink()
    return sent
