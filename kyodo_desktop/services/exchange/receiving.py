"""受け取る: files from other offices, each applied whole or not at all.

Before anything is applied the database is backed up once (a SQLite file; the server's
owner backs it up). Each file is then opened (its seal checked: a file from an unknown
office, altered by one byte, signed by another office than it claims, or written by a newer
program is kept aside with its reason, never deleted) and applied in one transaction. Files
are taken in the order of their numbers, whatever order they were given in: a file whose
first change is beyond what is held here waits for the one before it (a gap is held back and
reported, never applied out of order); a file already held changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, perform
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.services.exchange import payload
from kyodo_desktop.services.exchange.cards import load_known
from kyodo_desktop.services.exchange.errors import (
    ExchangeError,
    FileRefusedError,
    NewerFormatError,
)
from kyodo_desktop.services.exchange.keys import load_own_keys
from kyodo_desktop.services.exchange.offices import HEAD_OFFICE, office_label
from kyodo_desktop.services.exchange.outcomes import (
    ALREADY,
    APPLIED,
    KEPT_ASIDE,
    WAITING,
    Received,
)
from kyodo_desktop.services.exchange.review import rejudge
from kyodo_desktop.services.exchange.sealing import keep_aside, open_sealed
from kyodo_desktop.services.exchange.sending import WARD_SETTINGS, peer
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.safekeeping.backups import backup_now
from kyodo_desktop.store.backup.names import BackupReason
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.dialect import room_for_bulk_writes
from kyodo_desktop.store.exchange import audit_chains, stamping
from kyodo_desktop.store.exchange.apply import Applying, apply_records
from kyodo_desktop.store.exchange.records import travelling
from kyodo_desktop.store.exchange.state import ExchangeFile
from kyodo_desktop.store.migrate import shipped_head
from kyodo_desktop.store.reference import Setting


def _revision(text: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 1 << 30  # not a revision this program knows: a newer one


def _open(data: bytes, data_dir: Path) -> payload.Contents:
    own = load_own_keys(data_dir)
    opened = open_sealed(data, own, load_known(data_dir))
    contents = payload.read(opened.payload)
    if _revision(contents.header.schema) > _revision(shipped_head()):
        raise NewerFormatError(detail=f"データの版 {contents.header.schema}")
    return contents


def receive_files(
    database: Database, actor: Actor, data_dir: Path, paths: list[Path]
) -> list[Received]:
    """Receive the files (any number, any order); what became of each, in the given order."""
    if not allows(actor, Permission.EXCHANGE):
        raise PermissionDeniedError(DENIED[Permission.EXCHANGE])
    paths = list(dict.fromkeys(paths))  # a file named twice is received (and told) once
    results: dict[Path, Received] = {}
    opened: list[tuple[Path, payload.Contents]] = []
    for path in paths:
        try:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            sender = _applied_before(database, digest)
            if sender is not None:  # these very bytes were opened, checked and applied
                results[path] = Received(path, ALREADY, sender)
                continue
            contents = _open(data, data_dir)
            contents.digest = digest
            opened.append((path, contents))
        except FileRefusedError as refusal:
            kept = keep_aside(path, data_dir, refusal.message)
            results[path] = Received(kept, KEPT_ASIDE, message=refusal.message)
        except OSError as error:
            results[path] = Received(
                path,
                KEPT_ASIDE,
                message=f"ファイル {path.name} を読めませんでした（{error.strerror or error}）。"
                "USBメモリや共有フォルダを確かめてから、もう一度受け取ってください。",
            )
    if opened and database.path is not None:
        backup_now(database.path, BackupReason.BEFORE_IMPORT)
    opened.sort(key=lambda item: (item[1].header.sender, item[1].header.first, item[1].header.last))
    waiting = opened
    while waiting:
        still = []
        for path, contents in waiting:
            received = apply_file(database, actor, path, contents)
            if received.outcome == WAITING:
                still.append((path, contents))
            results[path] = received
        if len(still) == len(waiting):
            break
        waiting = still
    for path, contents in waiting:
        _log_waiting(database, actor, path, contents)
    return [results[p] for p in paths]


def _applied_before(database: Database, digest: str) -> str | None:
    """The sender of a file with these exact bytes applied here before (None: not seen)."""
    with database.reading() as session:
        return session.scalar(
            select(ExchangeFile.from_office)
            .where(ExchangeFile.digest == digest, ExchangeFile.outcome == APPLIED)
            .limit(1)
        )


def apply_file(
    database: Database, actor: Actor, path: Path, contents: payload.Contents
) -> Received:
    """Apply one opened file in one transaction (or find it held already, or waiting)."""
    return perform(database, actor, Permission.EXCHANGE, _apply_file, path, contents)


def _apply_file(uow: UnitOfWork, path: Path, contents: payload.Contents) -> Received:
    session = uow.session
    connection = session.connection()
    here = stamping.identity(connection)
    header = contents.header
    head_office = here == HEAD_OFFICE
    expected = payload.CHANGES if head_office else payload.RETURN
    if header.recipient != here or header.kind != expected:
        raise ExchangeError(
            f"このファイルは{office_label(header.recipient)}あてで、このデータベース"
            f"（{office_label(here)}）では受け取れません。あて先を確かめてください。"
        )
    other = peer(session, header.sender)
    if header.last <= other.applied_seq:
        return Received(path, ALREADY, header.sender)
    if header.first > other.applied_seq:
        return Received(
            path,
            WAITING,
            header.sender,
            message=f"{office_label(header.sender)}の前のファイルがまだ届いていません"
            f"（ここにあるのは {other.applied_seq} 番まで、このファイルは {header.first + 1} 番から）。"
            "前のファイルを先に受け取ってください。このファイルはそのまま残してください。",
        )
    _, seq = stamping.transaction_number(session)
    room_for_bulk_writes(connection)
    how = Applying(
        here=here,
        seq=seq,
        merge=head_office,
        sender=header.sender,
        seen=other.applied_seq,
        confirmed=header.confirms,
    )
    outcome = apply_records(connection, contents.records, how)
    other.applied_seq = header.last
    other.confirmed_seq = max(other.confirmed_seq, header.confirms)
    other.last_received_at = utcnow()
    if head_office:
        broken = audit_chains.keep(
            connection, header.sender, contents.audit, header.audit_head or None
        )
        other.audit_applied = audit_chains.last_kept(connection, header.sender)[0]
        other.audit_head = header.audit_head or other.audit_head
        if broken and not other.audit_break:
            other.audit_break = broken
        # 要確認: the awards this file wrote, judged again with every office's awards.
        session.flush()
        reviews = rejudge(
            uow,
            outcome.touched.get("application", ()),
            outcome.touched.get("application_step", ()),
            header.file_id,
        )
    else:
        _take_ward_settings(session, contents.settings)
        _agree_confirmed(session, here, header.confirms)
        other.audit_confirmed = max(other.audit_confirmed, header.audit_confirms)
        reviews = 0
    conflicts = len(outcome.conflicts)
    session.add(
        ExchangeFile(
            file_id=header.file_id,
            from_office=header.sender,
            first_seq=header.first,
            last_seq=header.last,
            outcome=APPLIED,
            digest=contents.digest or None,
            rows=outcome.written,
            conflicts=conflicts,
            note=path.name,
        )
    )
    uow.record_event(
        "exchange.receive",
        "exchange_file",
        header.file_id,
        sender=header.sender,
        first=header.first,
        last=header.last,
        reviews=reviews,
        **dict(outcome.counts),
    )
    return Received(
        path,
        APPLIED,
        header.sender,
        outcome.written,
        conflicts,
        counts=dict(outcome.counts),
        reviews=reviews,
    )


def _take_ward_settings(session: Session, settings: dict[str, str]) -> None:
    """The ward's settings as the head office keeps them (the audit trail records a change)."""
    for key, value in settings.items():
        if key not in WARD_SETTINGS:
            continue
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
    session.flush()


def _agree_confirmed(session: Session, here: str, confirmed: int) -> None:
    """This branch's own changes the head office now holds are what was last agreed."""
    connection = session.connection()
    for table in travelling():
        connection.execute(
            update(table)
            .where(
                and_(table.c.rev_office == here, table.c.rev_seq <= confirmed),
                or_(
                    table.c.base_seq.is_(None),
                    table.c.base_office != table.c.rev_office,
                    table.c.base_seq != table.c.rev_seq,
                ),
            )
            .values(base_office=table.c.rev_office, base_seq=table.c.rev_seq)
        )


def _log_waiting_step(uow: UnitOfWork, path: Path, contents: payload.Contents) -> None:
    header = contents.header
    uow.session.add(
        ExchangeFile(
            file_id=header.file_id,
            from_office=header.sender,
            first_seq=header.first,
            last_seq=header.last,
            outcome=WAITING,
            note=path.name,
        )
    )


def _log_waiting(database: Database, actor: Actor, path: Path, contents: payload.Contents) -> None:
    perform(database, actor, Permission.EXCHANGE, _log_waiting_step, path, contents)
