"""Where the exchange stands: this office's numbers, each other office's, what waits.

For each office this database exchanges with: the highest of its numbers applied here, the
highest of ours it confirmed, when a file last came and went; the files held back for a
gap; the 競合 (conflicts) not decided yet; and the 要確認 entries not resolved yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.exchange import stamping
from kyodo_desktop.store.exchange.state import (
    ExchangeConflict,
    ExchangeFile,
    ExchangePeer,
    ExchangeReview,
)


@dataclass(frozen=True)
class PeerStatus:
    office: str
    applied: int  # the highest of its numbers applied here
    confirmed: int  # the highest of ours it holds
    last_received_at: datetime | None
    last_sent_at: datetime | None
    waiting: int  # its files held back for a gap (the latest try of each)


@dataclass(frozen=True)
class ExchangeStatus:
    office: str  # this database's office in the exchange
    last_number: int
    peers: tuple[PeerStatus, ...]
    open_conflicts: int
    open_reviews: int = 0  # 要確認: awards that break a rule once every office's are counted


@service("exchange.status", Permission.READ)
def exchange_status(uow: UnitOfWork) -> ExchangeStatus:
    session = uow.session
    connection = session.connection()
    waiting = dict(
        session.execute(
            select(ExchangeFile.from_office, func.count(func.distinct(ExchangeFile.file_id)))
            .where(ExchangeFile.outcome == "waiting")
            .where(
                ~ExchangeFile.file_id.in_(
                    select(ExchangeFile.file_id).where(ExchangeFile.outcome == "applied")
                )
            )
            .group_by(ExchangeFile.from_office)
        ).all()
    )
    peers = tuple(
        PeerStatus(
            p.office,
            p.applied_seq,
            p.confirmed_seq,
            p.last_received_at,
            p.last_sent_at,
            waiting.get(p.office, 0),
        )
        for p in session.scalars(select(ExchangePeer).order_by(ExchangePeer.office))
    )
    conflicts = session.scalar(
        select(func.count())
        .select_from(ExchangeConflict)
        .where(ExchangeConflict.decided_at.is_(None))
    )
    reviews = session.scalar(
        select(func.count()).select_from(ExchangeReview).where(ExchangeReview.resolved_at.is_(None))
    )
    return ExchangeStatus(
        stamping.identity(connection),
        stamping.last_number(connection),
        peers,
        conflicts or 0,
        reviews or 0,
    )
