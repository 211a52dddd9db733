"""Writing the audit trail by construction: every flush of a business row is recorded.

A session that writes carries an `AuditContext` in ``session.info`` (the services put it
there). Before each flush, every new, changed or tombstoned row gets its stamps (office
of origin, who and when) and an audit entry with its content before and after; explicit
events (a person's record opened, a print, an export) are added with `record_event`.
A flush of a business row without a context is refused: writes go through a service.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, attributes, sessionmaker

from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.base import Mergeable, utcnow
from kyodo_desktop.store.reference import Setting

CONTEXT_KEY = "kyodo.audit_context"
PENDING_KEY = "kyodo.audit_pending"

# Bookkeeping that every change touches; the entry itself says who and when.
_NOT_RECORDED = {
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "row_version",
    # The exchange's stamps (store/exchange): which change a row is, not what it says.
    "rev_office",
    "rev_seq",
    "base_office",
    "base_seq",
    "local_seq",
}
# The end of the chain, read once per flush: a Core statement, as the ORM's query costs
# several times more than the lookup itself (kyodo-admin bench --only audit_cost).
_LAST_HASH = (
    select(AuditEntry.__table__.c.hash).order_by(AuditEntry.__table__.c.seq.desc()).limit(1)
)
# Recorded as set or changed, never with the value: a hash in the log is one more copy to steal.
_SECRET = {"password_hash"}
SECRET_MARK = "（非表示）"


@dataclass(frozen=True)
class AuditContext:
    """Who is writing, from which office."""

    staff_id: uuid.UUID | None
    office: str


class UnauditedWriteError(RuntimeError):
    """A business row was about to be written outside a service (a programming error)."""


def install(factory: sessionmaker) -> None:
    """Record every flush of sessions made by this factory."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "before_commit", _before_commit)


def begin(session: Session, context: AuditContext) -> None:
    session.info[CONTEXT_KEY] = context


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: object = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """An audited act that changes no row: opening a person's record, a print, an export."""
    context = _context(session)
    entry = _entry(context, action, entity, entity_id, None, detail)
    _pending(session).append(entry)
    return entry


def _context(session: Session) -> AuditContext:
    context = session.info.get(CONTEXT_KEY)
    if context is None:
        raise UnauditedWriteError("records are written only through a service (no audit context)")
    return context


def _pending(session: Session) -> list[AuditEntry]:
    return session.info.setdefault(PENDING_KEY, [])


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    pending = _pending(session)
    now = utcnow()
    for obj in list(session.new):
        if isinstance(obj, Mergeable):
            context = _context(session)
            _stamp_new(obj, context, now)
            pending.append(_entry(context, "create", _entity(obj), obj.id, None, _snapshot(obj)))
        elif isinstance(obj, Setting):
            pending.append(
                _entry(_context(session), "update", "setting", obj.key, None, {"value": obj.value})
            )
    for obj in list(session.dirty):
        if isinstance(obj, Mergeable) and session.is_modified(obj, include_collections=False):
            context = _context(session)
            before, after = _changes(obj)
            if not after:
                continue
            obj.updated_by = context.staff_id
            obj.updated_at = now
            action = "delete" if after.get("deleted_at") else "update"
            pending.append(_entry(context, action, _entity(obj), obj.id, before, after))
        elif isinstance(obj, Setting) and session.is_modified(obj):
            before, after = _changes(obj)
            pending.append(_entry(_context(session), "update", "setting", obj.key, before, after))
    for obj in list(session.deleted):
        if isinstance(obj, Mergeable | AuditEntry):
            raise UnauditedWriteError(
                f"{type(obj).__name__} rows are never deleted: set deleted_at (a tombstone)"
            )
    if pending:
        _chain(session, pending)
        session.info[PENDING_KEY] = []


def _before_commit(session: Session) -> None:
    # A transaction that only records events (a sign-in, a print) has nothing to flush, and
    # SQLAlchemy skips before_flush for a clean session: chain the events here instead.
    session.flush()
    pending = session.info.get(PENDING_KEY)
    if pending:
        _chain(session, pending)
        session.info[PENDING_KEY] = []


@dataclass(frozen=True)
class _Layout:
    """What the trail needs of a mapped class, worked out once per class."""

    scalar_defaults: tuple[tuple[str, Any], ...]
    recorded: tuple[str, ...]  # the attributes an entry shows


@functools.cache
def _layout(cls: type) -> _Layout:
    mapper = inspect(cls)
    return _Layout(
        scalar_defaults=tuple(
            (column.key, column.default.arg)
            for column in mapper.columns
            if column.default is not None and column.default.is_scalar
        ),
        recorded=tuple(
            column.key for column in mapper.column_attrs if column.key not in _NOT_RECORDED
        ),
    )


def _stamp_new(obj: Mergeable, context: AuditContext, now: datetime) -> None:
    # Column defaults are applied here rather than at INSERT, so the entry shows them.
    for key, value in _layout(type(obj)).scalar_defaults:
        if getattr(obj, key) is None:
            setattr(obj, key, value)
    if obj.id is None:
        obj.id = uuid.uuid4()
    if not obj.origin_office:
        obj.origin_office = context.office
    obj.created_by = obj.created_by or context.staff_id
    obj.updated_by = context.staff_id
    obj.created_at = obj.created_at or now
    obj.updated_at = now


def _entity(obj: object) -> str:
    return type(obj).__tablename__  # type: ignore[attr-defined]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _recorded(key: str, value: Any) -> Any:
    if key in _SECRET and value is not None:
        return SECRET_MARK
    return _jsonable(value)


def _snapshot(obj: object) -> dict[str, Any]:
    return {key: _recorded(key, getattr(obj, key)) for key in _layout(type(obj)).recorded}


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _layout(type(obj)).recorded:
        history = attributes.get_history(obj, key)
        if history.has_changes():
            before[key] = _recorded(key, history.deleted[0] if history.deleted else None)
            after[key] = _recorded(key, history.added[0] if history.added else None)
    return before, after


def _dumps(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _entry(
    context: AuditContext,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    entry = AuditEntry(
        id=uuid.uuid4(),
        at=utcnow(),
        office=context.office,
        staff_id=context.staff_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=_dumps(before),
        after=_dumps(after),
    )
    entry.payload_digest = payload_digest(entry.before, entry.after)
    return entry


def payload_digest(before: str | None, after: str | None) -> str:
    return hashlib.sha256(json.dumps([before, after], ensure_ascii=False).encode()).hexdigest()


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    return chain_hash(
        prev_hash,
        str(entry.id),
        _jsonable(entry.at),
        entry.office,
        str(entry.staff_id or ""),
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.payload_digest,
    )


def chain_hash(prev_hash: str, *facts: str) -> str:
    """The hash of an entry from the one before it and its facts, as text (id, time in ISO,
    office, staff id or "", action, entity, entity id, payload digest)."""
    return hashlib.sha256(json.dumps([prev_hash, *facts], ensure_ascii=False).encode()).hexdigest()


def _chain(session: Session, entries: list[AuditEntry]) -> None:
    # The write transaction began IMMEDIATE, so no other writer can slip in between
    # reading the last hash and inserting after it.
    prev = session.connection().execute(_LAST_HASH).scalar() or ""
    for entry in entries:
        entry.prev_hash = prev
        entry.hash = entry_hash(entry, prev)
        prev = entry.hash
        session.add(entry)  # added in order: rows are inserted (and numbered) in this order


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain first fails, and why."""

    seq: int
    reason: str


def verify(session: Session, *, batch: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain; the number of entries checked and the first break, if any."""
    prev = ""
    checked = 0
    last_seq = 0
    while True:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.seq > last_seq)
            .order_by(AuditEntry.seq)
            .limit(batch)
        ).all()
        if not rows:
            return checked, None
        for entry in rows:
            if entry.prev_hash != prev:
                return checked, ChainBreak(
                    entry.seq, "前の記録とのつながりが切れています（記録の削除または改変）"
                )
            if entry.hash != entry_hash(entry, prev):
                return checked, ChainBreak(entry.seq, "記録の内容が改変されています")
            if entry.redacted_at is None and entry.payload_digest != payload_digest(
                entry.before, entry.after
            ):
                return checked, ChainBreak(entry.seq, "変更前後の内容が改変されています")
            prev = entry.hash
            checked += 1
            last_seq = entry.seq
        session.expunge_all()
