"""競合: a row changed at two places in the same field, decided by an officer at the head office.

The merge (store/exchange/apply.py) keeps the head office's values and lists the clash with
the last agreed version and both sides. Here an officer reads each open conflict in words
(which record: the group's name, the consultation's day and office; which offices; each
clashing field with the last agreed value, 本庁の値 and 事務所の値) and chooses, field by
field, which value stands. `decide_conflict` writes the choice to the row through the ORM,
so it is stamped as a new change of the head office's and travels back to every branch in
the next return file; the conflict keeps who decided, when and what (and the audit trail
an entry with the choice). A change against a deletion is one more field, 削除: the officer
keeps the deletion or keeps the row; a row is never brought back, nor deleted, silently.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Mapper

from kyodo_desktop.rules import format_fiscal_year, format_wareki, programme
from kyodo_desktop.rules.text import search_key
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError, StaleRecordError
from kyodo_desktop.services.exchange.offices import HEAD_OFFICE, office_label
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.safekeeping.audit import entity_label, field_label
from kyodo_desktop.store.base import Base, Mergeable, utcnow
from kyodo_desktop.store.exchange.records import values_of
from kyodo_desktop.store.exchange.state import ExchangeConflict

OURS = "ours"  # 本庁の値: the head office's value when the clash was found
THEIRS = "theirs"  # 事務所の値: the value the office sent
DELETED = "deleted_at"
# Search keys follow the text they fold: never a choice of their own.
_DERIVED = frozenset({"name_key", "text_key"})
_EMPTY = "（空欄）"
_NOT_DELETED = "削除されていない（有効）"
_IS_DELETED = "削除済み"
_MORE_LABELS = {
    "kind": "種別",
    "representative": "代表者",
    "postal_code": "郵便番号",
    "email": "メールアドレス",
    "households": "加入世帯数",
    "households_counted_on": "世帯数の基準日",
    "founded_on": "設立日",
    "description": "内容",
    "starts_on": "開始日",
    "ends_on": "終了日",
    "amount_requested": "申請額",
    "amount_decided": "交付決定額",
    "amount_confirmed": "確定額",
    "amount_paid": "支払額",
    "fiscal_year": "年度",
    "division": "部門",
    "note": "備考",
    "amount": "金額",
    "kind_label": "種別",
    "document_number": "文書番号",
    "topic_codes": "相談分類",
}


@dataclass(frozen=True)
class ConflictField:
    """One clashing field: its name and the three values as a person reads them."""

    name: str
    label: str
    base: str  # 前回一致した値 (the last agreed version), or 「（不明）」
    ours: str  # 本庁の値
    theirs: str  # 事務所の値


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    table: str  # 団体, 相談記録, 申請 ...
    record: str  # which record, in words
    offices: tuple[str, ...]  # 本庁・協働推進課, 事務所02
    from_office: str
    found_at: datetime
    fields: tuple[ConflictField, ...]
    deletion: bool  # a change against a deletion
    row_version: int | None  # the head office's row as read (the guard of a decision)
    decided_at: datetime | None = None
    decision: dict[str, str] | None = None  # field -> ours / theirs


@dataclass(frozen=True)
class ConflictDecision:
    """The officer's choice: which fields take 事務所の値 (the rest keep 本庁の値).

    Every clashing field must be named in one of the two, so nothing is decided by
    default; ``row_version`` is the head office's row as it was shown.
    """

    theirs: tuple[str, ...]
    ours: tuple[str, ...]
    row_version: int


def _model(table_name: str) -> type[Mergeable] | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table_name and issubclass(mapper.class_, Mergeable):
            return mapper.class_  # type: ignore[no-any-return]
    return None


def _as_date(value: Any) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _named(uow: UnitOfWork, table_name: str, value: Any) -> str | None:
    model = _model(table_name)
    if model is None or value is None:
        return None
    try:
        row = uow.session.get(model, uuid.UUID(str(value)))
    except ValueError:
        return None
    if row is None:
        return None
    for attribute in ("name", "title", "login_id", "code"):
        found = getattr(row, attribute, None)
        if found:
            return str(found)
    return None


def _shown(uow: UnitOfWork, model: type[Mergeable], name: str, value: Any) -> str:
    if name == DELETED:
        return _NOT_DELETED if value is None else _IS_DELETED
    if value is None or value == "":
        return _EMPTY
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    column = model.__table__.c.get(name)  # type: ignore[attr-defined]
    if column is not None and column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        named = _named(uow, target, value)
        if named:
            return named
    if name.endswith("_on") or name.endswith("_date"):
        day = _as_date(value)
        if day is not None:
            return format_wareki(day)
    return str(value)


def _label(name: str) -> str:
    if name == DELETED:
        return "削除"
    return _MORE_LABELS.get(name) or field_label(name)


def _describe(uow: UnitOfWork, table_name: str, data: dict[str, Any]) -> str:
    """Which record, in words a person understands."""
    if table_name == "civic_group":
        return f"団体「{data.get('name', '')}」"
    if table_name == "consultation":
        day = _as_date(data.get("occurred_on"))
        office = _named(uow, "office", data.get("office_id")) or ""
        when = format_wareki(day) if day else ""
        return f"{office}の相談（{when}）"
    if table_name == "project":
        group = _named(uow, "civic_group", data.get("group_id")) or ""
        return f"事業「{data.get('title', '')}」（{group}）"
    if table_name == "application":
        group = _named(uow, "civic_group", data.get("group_id")) or ""
        code = str(data.get("programme_code", ""))
        try:
            name = programme(code).label
        except (KeyError, LookupError, ValueError):
            name = code
        year = data.get("fiscal_year")
        fy = format_fiscal_year(year) if isinstance(year, int) else ""
        return f"{group}の申請（{name}、{fy}）"
    if table_name == "application_step":
        kind = str(data.get("kind", ""))
        if kind in {str(k) for k in StepKind}:
            kind = StepKind(kind).label
        day = _as_date(data.get("occurred_on"))
        return f"申請の手続「{kind}」（{format_wareki(day) if day else ''}）"
    for attribute in ("name", "title", "login_id", "code"):
        if data.get(attribute):
            return f"{entity_label(table_name)}「{data[attribute]}」"
    return f"{entity_label(table_name)}（{str(data.get('id', ''))[:8]}）"


def _head_value(
    name: str, live: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> Any:
    """本庁の値 of a field: the row's value now, unless the row shows the office's value only
    because the merge put it there until a decision (then the head office's value at the
    clash)."""
    now = live.get(name)
    return ours.get(name) if now == theirs.get(name) else now


def _live(model: Any, row: Any, ours: dict[str, Any]) -> dict[str, Any]:
    """The row's values now, spelled as a record spells them."""
    live = dict(ours)
    if row is not None and model is not None:
        for name in ours:
            column = model.__table__.c.get(name)
            if column is not None:
                value = getattr(row, _key(model, name), None)
                live[name] = value.isoformat() if isinstance(value, date) else value
                if isinstance(value, uuid.UUID):
                    live[name] = str(value)
    return live


def _view(uow: UnitOfWork, conflict: ExchangeConflict) -> ConflictView:
    model = _model(conflict.table_name)
    ours = json.loads(conflict.ours)
    theirs = json.loads(conflict.theirs)
    base = json.loads(conflict.base) if conflict.base else None
    row = uow.session.get(model, conflict.row_id) if model is not None else None
    live = _live(model, row, ours)
    names = [n for n in json.loads(conflict.fields) if n not in _DERIVED]
    fields = tuple(
        ConflictField(
            name,
            _label(name),
            "（不明）"
            if base is None or name not in base
            else _shown(uow, model, name, base.get(name))
            if model is not None
            else str(base.get(name)),
            _shown(uow, model, name, _head_value(name, live, ours, theirs))
            if model
            else str(_head_value(name, live, ours, theirs)),
            _shown(uow, model, name, theirs.get(name)) if model else str(theirs.get(name)),
        )
        for name in names
    )
    return ConflictView(
        id=conflict.id,
        table=entity_label(conflict.table_name),
        record=_describe(uow, conflict.table_name, live),
        offices=(office_label(HEAD_OFFICE), office_label(conflict.from_office)),
        from_office=office_label(conflict.from_office),
        found_at=conflict.found_at,
        fields=fields,
        deletion=DELETED in names,
        row_version=row.row_version if row is not None else None,
        decided_at=conflict.decided_at,
        decision=json.loads(conflict.decision) if conflict.decision else None,
    )


def _key(model: type[Mergeable], name: str) -> str:
    mapper: Mapper[Any] = model.__mapper__  # type: ignore[attr-defined]
    return mapper.get_property_by_column(model.__table__.c[name]).key  # type: ignore[attr-defined]


def conflict_views(uow: UnitOfWork, *, decided: bool = False) -> tuple[ConflictView, ...]:
    query = select(ExchangeConflict).order_by(ExchangeConflict.found_at, ExchangeConflict.id)
    if not decided:
        query = query.where(ExchangeConflict.decided_at.is_(None))
    return tuple(_view(uow, c) for c in uow.session.scalars(query))


@service("exchange.conflicts", Permission.DECIDE)
def list_conflicts(uow: UnitOfWork, *, decided: bool = False) -> tuple[ConflictView, ...]:
    """The open 競合 (with ``decided``, every one), oldest first: records of every office,
    so only the head office's officers read them."""
    return conflict_views(uow, decided=decided)


@service("exchange.decide_conflict", Permission.DECIDE, input_type=ConflictDecision)
def decide_conflict(
    uow: UnitOfWork, conflict_id: uuid.UUID, decision: ConflictDecision
) -> ConflictView:
    """Write the chosen values to the row (a new head office change) and close the conflict."""
    session = uow.session
    conflict = session.get(ExchangeConflict, conflict_id)
    if conflict is None:
        raise NotFoundError("この競合は見つかりません。一覧を開き直してください。")
    if conflict.decided_at is not None:
        raise StaleRecordError(
            "この競合は、すでに他の職員が決定しました。一覧を開き直して確かめてください。"
        )
    names = [n for n in json.loads(conflict.fields) if n not in _DERIVED]
    theirs_chosen, ours_chosen = set(decision.theirs), set(decision.ours)
    if theirs_chosen & ours_chosen or theirs_chosen | ours_chosen != set(names):
        labels = "、".join(_label(n) for n in names)
        raise InputError(
            f"競合しているすべての項目（{labels}）について、本庁の値か事務所の値かを"
            "一つずつ選んでください。",
            field="theirs",
        )
    model = _model(conflict.table_name)
    row = session.get(model, conflict.row_id) if model is not None else None
    if model is None or row is None:
        raise NotFoundError("競合している記録が見つかりません。一覧を開き直してください。")
    if row.row_version != decision.row_version:
        raise StaleRecordError(
            "この記録は、競合を開いている間に変更されました。"
            "一覧を開き直し、今の本庁の値を確かめてから選び直してください。"
        )
    theirs = json.loads(conflict.theirs)
    table = model.__table__  # type: ignore[attr-defined]
    # Each field as chosen, from the two values that clashed (the row may show either until
    # now: store/exchange/apply.py shows the same one whatever the order files came in).
    ours = json.loads(conflict.ours)
    live = _live(model, row, ours)
    chosen_values = {
        n: theirs.get(n) if n in theirs_chosen else _head_value(n, live, ours, theirs)
        for n in names
    }
    values = values_of(table, chosen_values)
    for name, value in values.items():
        setattr(row, _key(model, name), value)
    if hasattr(row, "name_key") and hasattr(row, "name_kana"):
        row.name_key = search_key(f"{row.name}{row.name_kana}")  # type: ignore[attr-defined]
    if hasattr(row, "text_key") and hasattr(row, "asked"):
        row.text_key = search_key(f"{row.asked}\n{row.answered}")  # type: ignore[attr-defined]
    # Always a new change of the head office's, even when every field keeps 本庁の値: the
    # office still holds its own value, and only a newer change replaces it there.
    row.updated_at = utcnow()
    row.updated_by = uow.actor.staff_id
    chosen = {n: (THEIRS if n in theirs_chosen else OURS) for n in names}
    conflict.decided_at = utcnow()
    conflict.decided_by = uow.actor.staff_id
    conflict.decision = json.dumps(chosen, ensure_ascii=False)
    session.flush()
    uow.record_event(
        "exchange.decide",
        "exchange_conflict",
        conflict.id,
        table=conflict.table_name,
        row=str(conflict.row_id),
        from_office=conflict.from_office,
        **{f"field.{n}": c for n, c in chosen.items()},
    )
    return _view(uow, conflict)


__all__ = [
    "OURS",
    "THEIRS",
    "ConflictDecision",
    "ConflictField",
    "ConflictView",
    "conflict_views",
    "decide_conflict",
    "list_conflicts",
]
