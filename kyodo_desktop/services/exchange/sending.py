"""送る: a branch's changes to the head office, or the head office's return to each branch.

A branch sends every change of its own numbered above what the head office confirmed (not
since a date, not since the last file: a lost stick costs nothing, the next file holds it
all again). The head office sends each branch what changed here since that branch confirmed
the last return, and confirms what it holds of the branch's. The file is sealed (signed by
this office, encrypted to the recipient) and written next to nothing else of ours; the
transaction that numbered it commits only once the file is on the disk.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.host.files import replace_durably
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.exchange import payload
from kyodo_desktop.services.exchange.cards import load_known
from kyodo_desktop.services.exchange.errors import ExchangeError
from kyodo_desktop.services.exchange.keys import OwnKeys, load_own_keys
from kyodo_desktop.services.exchange.offices import HEAD_OFFICE, office_label
from kyodo_desktop.services.exchange.outcomes import SUFFIX, SentFile
from kyodo_desktop.services.exchange.sealing import seal
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.rule_settings import RULE_SETTINGS_KEY
from kyodo_desktop.services.safekeeping.retention import RETENTION_SETTING
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.exchange import audit_chains, collect, stamping
from kyodo_desktop.store.exchange.apply import OWN_OFFICE_ONLY, keep_revisions
from kyodo_desktop.store.exchange.records import travelling
from kyodo_desktop.store.exchange.state import ExchangePeer
from kyodo_desktop.store.migrate import shipped_head
from kyodo_desktop.store.reference import Office, Setting


def peer(session: Session, office: str) -> ExchangePeer:
    found = session.get(ExchangePeer, office)
    if found is None:
        found = ExchangePeer(
            office=office, applied_seq=0, confirmed_seq=0, audit_applied=0, audit_confirmed=0
        )
        session.add(found)
        session.flush()
    return found


def _own_keys(data_dir: Path, here: str) -> OwnKeys:
    own = load_own_keys(data_dir)
    if own.office != here:
        raise ExchangeError(
            f"受け渡し用の鍵は{office_label(own.office)}のものですが、このデータベースは"
            f"{office_label(here)}のものです。システム担当に鍵の作り直し"
            "（kyodo-admin exchange keys create --replace）を依頼してください。"
        )
    return own


def file_name(sender: str, recipient: str, last: int) -> str:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return f"kyodo-{sender}-to-{recipient}-{stamp}-{last}{SUFFIX}"


@service("exchange.send", Permission.EXCHANGE)
def send(
    uow: UnitOfWork, data_dir: Path, to_dir: Path, offices: tuple[str, ...] | None = None
) -> list[SentFile]:
    """Write this office's file(s) into ``to_dir``: the head office one per branch it knows
    (or those named), a branch one to the head office."""
    session = uow.session
    connection = session.connection()
    here = stamping.identity(connection)
    own = _own_keys(data_dir, here)
    known = load_known(data_dir)
    office, seq = stamping.transaction_number(session)
    # Rows written in bulk (a ledger import, the demo) become this change of ours; a
    # branch's shipped reference rows (born at the head office) are not its changes.
    tables = list(travelling())
    if here == HEAD_OFFICE:
        stamping.stamp_unstamped(connection, tables, office, seq)
        recipients = offices or tuple(c.office for c in known if c.office != HEAD_OFFICE)
    else:
        stamping.stamp_unstamped(connection, tables, office, seq, born_at=here)
        recipients = (HEAD_OFFICE,)
    last = stamping.last_number(connection)
    sent = []
    for recipient in recipients:
        card = known.card(recipient)
        other = peer(session, recipient)
        if here == HEAD_OFFICE:
            office_id = session.scalar(select(Office.id).where(Office.code == recipient))
            records = list(
                collect.return_changes(connection, recipient, office_id, other.confirmed_seq)
            )
            keep_revisions(connection, [r for r in records if r.table not in OWN_OFFICE_ONLY])
            kind = payload.RETURN
        else:
            records = list(collect.own_changes(connection, here, other.confirmed_seq))
            kind = payload.CHANGES
        audit = (
            []
            if here == HEAD_OFFICE
            else audit_chains.entries_after(connection, other.audit_confirmed)
        )
        header = payload.Header(
            kind=kind,
            sender=here,
            recipient=recipient,
            first=other.confirmed_seq,
            last=last,
            confirms=other.applied_seq,
            schema=shipped_head(),
            file_id=uuid.uuid4().hex,
            made_at=utcnow().isoformat(),
            audit_first=other.audit_confirmed if audit else 0,
            audit_last=int(audit[-1]["seq"]) if audit else 0,
            audit_head=audit[-1]["hash"] if audit else "",
            audit_confirms=other.audit_applied,
        )
        settings = _ward_settings(session) if here == HEAD_OFFICE else {}
        sealed = seal(
            payload.write(header, records, audit, settings),
            {"schema": header.schema, "file_id": header.file_id},
            own,
            card,
        )
        path = to_dir / file_name(here, recipient, last)
        _write(path, sealed)
        other.last_sent_at = utcnow()
        uow.record_event(
            "exchange.send",
            "exchange_file",
            header.file_id,
            to=recipient,
            rows=len(records),
            first=header.first,
            last=last,
        )
        sent.append(SentFile(path, recipient, len(records), header.first, last))
    return sent


# Settings the head office keeps for the whole ward (the rules' interpretations, how long
# personal information is kept): they travel in every return file.
WARD_SETTINGS = (RULE_SETTINGS_KEY, RETENTION_SETTING)


def _ward_settings(session: Session) -> dict[str, str]:
    found = {}
    for key in WARD_SETTINGS:
        row = session.get(Setting, key)
        if row is not None:
            found[key] = row.value
    return found


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        replace_durably(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExchangeError(
            f"ファイルを {path.parent} に書き込めませんでした（{error.strerror or error}）。"
            "USBメモリや共有フォルダが差し込まれて書き込めるか確かめてから、もう一度送ってください。"
        ) from None
