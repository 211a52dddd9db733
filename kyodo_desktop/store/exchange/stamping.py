"""Every change made here is numbered by this database, never dated by its clock.

A write transaction takes the next number of `ExchangeClock` at its first flush of a
business row (the clock's row stays locked until the commit, so numbers are given in the
order transactions commit and a send never misses a slower one) and stamps each row it
creates or changes: ``rev`` = (this database's office, the number), ``local_seq`` = the
number. A row that last came from elsewhere keeps that change as its ``base`` (what was
agreed), so the head office can merge field by field against it. Rows written with Core in
bulk (a demo, a migration) stay unstamped until `stamp_unstamped`, which a send calls.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, event, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from kyodo_desktop.store.base import Mergeable
from kyodo_desktop.store.exchange.state import ExchangeClock
from kyodo_desktop.store.reference import Setting

_SEQ_KEY = "kyodo.exchange_seq"
_SHIPPED_KEY = "kyodo.exchange_shipped"
# The settings an installation's office is read from before its clock exists: the exchange's
# own (the head office sets ``00``), then the office the first start's set-up chose.
IDENTITY_SETTING = "exchange.office"
_OFFICE_SETTINGS = (IDENTITY_SETTING, "installation.office_code")
DEFAULT_OFFICE = "01"

_clock = ExchangeClock.__table__


def install(factory: sessionmaker) -> None:
    """Number every flush of business rows of sessions made by this factory."""
    event.listen(factory, "before_flush", _before_flush)


def identity(connection: Connection) -> str:
    """The office this database speaks for in the exchange."""
    office = connection.execute(select(_clock.c.office).where(_clock.c.id == 1)).scalar()
    return office or _configured_office(connection)


def _configured_office(connection: Connection) -> str:
    table = Setting.__table__
    for key in _OFFICE_SETTINGS:
        value = connection.execute(select(table.c.value).where(table.c.key == key)).scalar()
        if value is not None:
            return str(json.loads(value))
    return DEFAULT_OFFICE


def next_number(connection: Connection) -> tuple[str, int]:
    """The office and the next number of this database's changes (the clock stays locked
    by this transaction until it ends)."""
    row = connection.execute(
        update(_clock)
        .where(_clock.c.id == 1)
        .values(last_seq=_clock.c.last_seq + 1)
        .returning(_clock.c.office, _clock.c.last_seq)
    ).first()
    if row is not None:
        return row[0], row[1]
    office = _configured_office(connection)
    connection.execute(insert(_clock).values(id=1, office=office, last_seq=1))
    return office, 1


def last_number(connection: Connection) -> int:
    return connection.execute(select(_clock.c.last_seq).where(_clock.c.id == 1)).scalar() or 0


def set_identity(connection: Connection, office: str, tables: list[Any]) -> None:
    """Name the office this database speaks for, before any file was sent or received: the
    changes numbered so far under another name become this office's."""
    row = connection.execute(select(_clock.c.office, _clock.c.last_seq)).first()
    if row is None:
        connection.execute(insert(_clock).values(id=1, office=office, last_seq=0))
        return
    connection.execute(update(_clock).where(_clock.c.id == 1).values(office=office))
    for table in tables:
        connection.execute(
            update(table).where(table.c.rev_office == row[0]).values(rev_office=office)
        )


def follow_installation(connection: Connection, office: str, tables: list[Any]) -> None:
    """The installation's office was chosen (the first start's set-up): a database that has
    exchanged nothing yet, and was not named the head office's, speaks for that office."""
    from kyodo_desktop.store.exchange.state import ExchangePeer
    from kyodo_desktop.store.refdata import HEAD_OFFICE_ORIGIN

    current = connection.execute(select(_clock.c.office).where(_clock.c.id == 1)).scalar()
    peers = connection.execute(select(ExchangePeer.office).limit(1)).first()
    if peers is None and current not in (office, HEAD_OFFICE_ORIGIN):
        set_identity(connection, office, tables)


def transaction_number(session: Session) -> tuple[str, int]:
    """This transaction's number (taken once, at its first need)."""
    transaction = session.get_transaction()
    held = session.info.get(_SEQ_KEY)
    if held is not None and held[0] is transaction:
        return held[1], held[2]
    office, seq = next_number(session.connection())
    session.info[_SEQ_KEY] = (transaction, office, seq)
    return office, seq


def as_shipped(session: Session) -> None:
    """This transaction writes what ships with the program (the reference data loaded into a
    new database, the same in every office): its rows are no office's change."""
    session.info[_SHIPPED_KEY] = session.get_transaction()


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_SHIPPED_KEY) is session.get_transaction():
        return
    changed = [obj for obj in session.new if isinstance(obj, Mergeable)]
    changed += [
        obj
        for obj in session.dirty
        if isinstance(obj, Mergeable) and session.is_modified(obj, include_collections=False)
    ]
    if not changed:
        return
    office, seq = transaction_number(session)
    for obj in changed:
        if obj.rev_office is not None and obj.rev_office != office:
            obj.base_office, obj.base_seq = obj.rev_office, obj.rev_seq
        obj.rev_office, obj.rev_seq, obj.local_seq = office, seq, seq


def stamp_unstamped(
    connection: Connection, tables: list[Any], office: str, seq: int, *, born_at: str | None = None
) -> int:
    """Stamp rows written in bulk (no number yet) as this office's change ``seq``; with
    ``born_at``, only the rows born at that office (a branch's shipped reference rows were
    born at the head office: they are not its changes)."""
    stamped = 0
    for table in tables:
        where = [table.c.local_seq.is_(None)]
        if born_at is not None:
            where.append(table.c.origin_office == born_at)
        result = connection.execute(
            update(table).where(*where).values(rev_office=office, rev_seq=seq, local_seq=seq)
        )
        stamped += result.rowcount or 0
    return stamped
