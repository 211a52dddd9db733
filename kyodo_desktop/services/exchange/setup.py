"""Which office a database speaks for in the exchange (set once, at installation).

A branch's database speaks for its own office (the first start's set-up chose it); the
head office's database speaks for ``00`` (協働推進課). It can be named only before any file
was sent or received: after that, other offices know its changes by that name.
"""

from __future__ import annotations

from sqlalchemy import func, select

from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.exchange.errors import ExchangeError
from kyodo_desktop.services.exchange.offices import is_office_code, office_label
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.exchange import stamping
from kyodo_desktop.store.exchange.records import travelling
from kyodo_desktop.store.exchange.state import ExchangePeer


@service("exchange.office", Permission.MANAGE_REFERENCE)
def set_exchange_office(uow: UnitOfWork, office: str) -> str:
    """Name the office this database speaks for; its label."""
    if not is_office_code(office):
        raise ExchangeError(
            f"「{office}」は事務所コードではありません。01〜17（本庁は 00）を指定してください。"
        )
    connection = uow.session.connection()
    current = stamping.identity(connection)
    if current != office and uow.session.scalar(select(func.count()).select_from(ExchangePeer)):
        raise ExchangeError(
            f"このデータベースは{office_label(current)}としてすでにファイルを受け渡しています。"
            "名前を変えると他の事務所と食い違うため変えられません。システム担当に相談してください。"
        )
    stamping.set_identity(connection, office, list(travelling()))
    uow.record_event("exchange.office", "exchange_clock", office, office=office)
    return office_label(office)


@service("exchange.identity", Permission.READ)
def exchange_office(uow: UnitOfWork) -> str:
    """The office this database speaks for."""
    return stamping.identity(uow.session.connection())
