"""The one path every service takes: permission, one transaction, the audit trail.

A use case is a function ``fn(uow, ...)`` decorated with `@service`. Calling it as
``fn(database, actor, ...)`` checks the actor's permission, opens one write transaction
whose every change is stamped and audited (store.audit.trail), turns the rules' and the
database's refusals into `ServiceError`s with Japanese messages (a fault of the disk or
file into `store.errors.EnvironmentFaultError`), and commits only if the
whole use case succeeded: nothing is ever saved half-way. Registration also lists the
service for the property tests (tests/test_services_fuzz.py), so a service added later is
fuzzed without a new test.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kyodo_desktop.rules import RulesValidationError
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import InputError, PermissionDeniedError, StaleRecordError
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.errors import classify

STALE_MESSAGE = (
    "この記録は、開いている間に他の職員が変更しました。"
    "いったん閉じて開き直し、変更を確かめてから入力し直してください。"
)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class UnitOfWork:
    """What a use case works with: the session of its one transaction and who acts."""

    session: Session
    actor: Actor

    @property
    def office_scope(self) -> uuid.UUID | None:
        return office_scope(self.actor)

    def require_office(self, office_id: uuid.UUID) -> None:
        """Refuse a record of another office to an officer bound to their own."""
        scope = self.office_scope
        if scope is not None and office_id != scope:
            raise PermissionDeniedError(
                "他の事務所の記録です。自分の事務所の記録だけを見たり変更したりできます。"
            )

    def require(self, permission: Permission) -> None:
        if not allows(self.actor, permission):
            raise PermissionDeniedError(DENIED[permission])

    def record_event(self, action: str, entity: str, entity_id: object = "", **detail: Any) -> None:
        """An audited act that changes no row: a person's record opened, a print, an export."""
        audit_trail.record_event(self.session, action, entity, entity_id, detail or None)


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    function: Callable[..., Any]
    permission: Permission
    input_type: type | None  # the draft a person fills in, for the property tests


SERVICES: dict[str, ServiceInfo] = {}


def perform(
    database: Database,
    actor: Actor,
    permission: Permission,
    function: Callable[..., R],
    *args: Any,
    **kwargs: Any,
) -> R:
    """Run ``function(uow, ...)`` as one use case: permission, one transaction, the audit
    trail, Japanese refusals. (`service` registers a use case a person calls; a step of a
    larger one, such as one file of a receive, is performed without being listed.)"""
    if not allows(actor, permission):
        raise PermissionDeniedError(DENIED[permission])
    try:
        with database.transaction(AuditContext(actor.staff_id, actor.office_code)) as session:
            return function(UnitOfWork(session, actor), *args, **kwargs)
    except RulesValidationError as error:
        raise InputError(str(error), field=error.field) from error
    except StaleDataError as error:
        raise StaleRecordError(STALE_MESSAGE) from error
    except DBAPIError as error:
        # A locked, full, read-only or damaged file: the person is told plainly
        # (store.errors); anything else is a bug and stays one.
        fault = classify(error)
        if fault is None:
            raise
        raise fault from error


def service(
    name: str, permission: Permission, *, input_type: type | None = None
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Register ``fn(uow, ...)`` as a use case called ``fn(database, actor, ...)``."""

    def register(function: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(function)
        def run(database: Database, actor: Actor, *args: Any, **kwargs: Any) -> R:
            return perform(database, actor, permission, function, *args, **kwargs)

        if name in SERVICES:
            raise ValueError(f"service {name} registered twice")
        SERVICES[name] = ServiceInfo(name, run, permission, input_type)
        run.service_name = name  # type: ignore[attr-defined]
        return run

    return register
