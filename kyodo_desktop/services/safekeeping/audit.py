"""Browsing and verifying the audit trail (監査ログ): for 協働推進課 and 管理者 only.

The trail is written by construction (store/audit/trail.py); this module reads it. Times
are stored in UTC and shown in Japan time; the period a person asks for is a range of
days in Japan time. The labels of actions, records and fields are the ward's vocabulary
(Japanese, like rules.vocabulary), the same on the screen and in kyodo-admin.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.browse import Browser
from kyodo_desktop.services.errors import InputError, NotFoundError, PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store.audit import listing as audit_listing
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.listing import AuditListing, AuditQuery, AuditRow, StaffChoice
from kyodo_desktop.store.audit.trail import ChainBreak
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.refdata import HEAD_OFFICE_ORIGIN

# 日本標準時: Japan keeps no daylight saving time, so a fixed offset is exact (and needs no
# time-zone database on a branch PC).
JAPAN = timezone(timedelta(hours=9), "JST")

ACTION_LABELS = {
    "create": "登録",
    "update": "変更",
    "delete": "削除",
    "view": "閲覧",
    "print": "印刷",
    "export": "書出し",
    "login": "ログイン",
    "logout": "ログアウト",
    "login_failed": "ログイン失敗",
    "unlock": "ロック解除",
    "set_up": "初期設定",
    "purge": "匿名化",
    "restore": "復元",
    "open_round": "①年度一括申請",
}
ENTITY_LABELS = {
    "person": "相談者",
    "consultation": "相談記録",
    "civic_group": "団体",
    "support_case": "支援ケース",
    "case_event": "支援ケースの記録",
    "project": "事業",
    "application": "申請",
    "application_step": "申請の手続",
    "application_month": "申請の月別実績",
    "budget_line": "予算の内訳",
    "staff": "職員",
    "office": "事務所",
    "department": "所管課",
    "programme": "補助事業",
    "topic": "相談分類",
    "setting": "設定",
    "installation": "端末の設定",
}
FIELD_LABELS = {
    "id": "ID",
    "origin_office": "登録した事務所",
    "deleted_at": "削除日時",
    "name": "氏名・名称",
    "name_kana": "フリガナ",
    "name_key": "検索キー",
    "phone": "電話番号",
    "address": "住所",
    "consent_to_share": "情報共有への同意",
    "consent_recorded_on": "同意を記録した日",
    "last_contact_on": "最終連絡日",
    "anonymised_on": "匿名化した日",
    "notes": "備考",
    "occurred_on": "日付",
    "office_id": "事務所",
    "staff_id": "職員",
    "channel": "方法",
    "group_id": "団体",
    "person_id": "相談者",
    "asked": "相談内容",
    "answered": "対応内容",
    "text_key": "検索キー",
    "referred_department_id": "つなぎ先",
    "follow_up_on": "フォロー予定日",
    "follow_up_done": "フォロー済み",
    "title": "件名",
    "status": "状態",
    "login_id": "ログインID",
    "role": "権限",
    "active": "有効",
    "password_hash": "パスワード",
    "value": "値",
    "code": "コード",
    "consultations": "相談件数",
    "persons": "人数",
    "years": "保存期間（年）",
    "cutoff": "基準日",
    "entries_redacted": "内容を消去した記録",
    "purpose": "目的",
    "reason": "理由",
    "automatic": "自動",
    "admin": "管理者",
}
# Keys beside the text they fold: noise in a summary.
_DERIVED = {"name_key", "text_key"}
# What names a record in one line, in order of preference.
_HEADLINES = ("name", "title", "login_id", "asked", "value", "code")
REDACTED = "（保存期間の経過により内容を消去）"
SYSTEM_NAME = "システム"
SUMMARY_LENGTH = 80


def office_label(code: str, name: str | None) -> str:
    """The office an act was done at; 00 is the head office's own (reference data, set-up)."""
    if name:
        return name
    return "本庁" if code == HEAD_OFFICE_ORIGIN else code


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def japan_time(moment: datetime) -> datetime:
    """A stored UTC time as the clock on the wall of the office showed it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(JAPAN)


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "はい"
    if value is False:
        return "いいえ"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _setting(text: Any) -> str:
    if text is None:
        return "（なし）"
    try:
        return display_value(json.loads(text))
    except (TypeError, ValueError):
        return display_value(text)


def summarise(action: str, before: str | None, after: str | None, redacted: bool) -> str:
    """One line saying what an entry is about, without opening it."""
    if redacted:
        return REDACTED
    old, new = _loads(before), _loads(after)
    if action == "create":
        for key in _HEADLINES:
            if new.get(key):
                return _short(f"{field_label(key)}: {display_value(new[key])}")
        return f"{len(new)}項目"
    if action in ("update", "delete"):
        changed = [field_label(k) for k in sorted(set(old) | set(new)) if k not in _DERIVED]
        if set(new) == {"value"}:  # a setting, its value stored as JSON text
            return _short(f"値: {_setting(old.get('value'))} → {_setting(new['value'])}")
        return _short("・".join(changed))
    return _short("、".join(f"{field_label(k)}: {display_value(v)}" for k, v in new.items()))


@dataclass(frozen=True)
class AuditFilter:
    """What the head office asks the trail: a period of days (Japan time) and the rest."""

    since: date | None = None  # from this day
    until: date | None = None  # to this day, inclusive
    office: str | None = None  # office code
    staff_id: uuid.UUID | None = None
    system_only: bool = False  # only what the program itself did (kyodo-admin, sign-in)
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    text: str = ""

    def query(self) -> AuditQuery:
        for day, label in ((self.since, "期間の開始日"), (self.until, "期間の終了日")):
            if day is not None and (not isinstance(day, date) or isinstance(day, datetime)):
                raise InputError(f"{label}を日付で入力してください（例: 令和8年4月1日）。")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise InputError(
                "期間の開始日が終了日より後になっています。開始日と終了日を確かめてください。"
            )
        if not isinstance(self.text, str) or "\x00" in self.text:
            raise InputError("検索する文字に使えない文字が含まれています。入力し直してください。")
        return AuditQuery(
            since=_start_of(self.since) if self.since else None,
            before=_start_of(self.until + timedelta(days=1)) if self.until else None,
            office=self.office or None,
            staff_id=self.staff_id,
            system_only=self.system_only,
            action=self.action or None,
            entity=self.entity or None,
            entity_id=self.entity_id or None,
            text=self.text,
        )


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, JAPAN).astimezone(UTC)


def _require(actor: Actor) -> None:
    if not allows(actor, Permission.READ_AUDIT):
        raise PermissionDeniedError(DENIED[Permission.READ_AUDIT])


def browse_audit(
    database: Database, actor: Actor, audit_filter: AuditFilter | None = None
) -> Browser[AuditRow]:
    """The entries that match, newest first, a page at a time."""
    _require(actor)
    query = (audit_filter or AuditFilter()).query()
    return Browser(database, actor, AuditListing(query, summarise))


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditDetail:
    """One entry opened: its facts and its content field by field."""

    seq: int
    at: datetime
    office_code: str
    staff_name: str
    action: str
    entity: str
    entity_id: str
    redacted_at: datetime | None
    fields: tuple[FieldChange, ...]


def entry_detail(database: Database, actor: Actor, seq: int) -> AuditDetail:
    _require(actor)
    with database.reading() as session:
        found = audit_listing.entry(session, seq)
        if found is None:
            raise NotFoundError(f"監査ログの記録 {seq} 番は見つかりません。")
        staff_name = SYSTEM_NAME
        if found.staff_id is not None:
            names = {s.id: s.name for s in audit_listing.staff_choices(session)}
            staff_name = names.get(found.staff_id, str(found.staff_id))
        old, new = _loads(found.before), _loads(found.after)
        keys = list(dict.fromkeys([*old, *new]))
        fields = tuple(
            FieldChange(
                key, field_label(key), display_value(old.get(key)), display_value(new.get(key))
            )
            for key in keys
        )
        return AuditDetail(
            seq=found.seq,
            at=found.at,
            office_code=found.office,
            staff_name=staff_name,
            action=found.action,
            entity=found.entity,
            entity_id=found.entity_id,
            redacted_at=found.redacted_at,
            fields=fields,
        )


@dataclass(frozen=True)
class FilterChoices:
    offices: list[tuple[str, str]]  # code, name
    staff: list[StaffChoice]


def filter_choices(database: Database, actor: Actor) -> FilterChoices:
    _require(actor)
    with database.reading() as session:
        return FilterChoices(
            offices=audit_listing.office_choices(session),
            staff=audit_listing.staff_choices(session),
        )


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the whole chain."""

    checked: int
    broken: ChainBreak | None

    @property
    def message(self) -> str:
        if self.broken is None:
            return f"{self.checked:,}件の記録を確認しました。改ざんはありません。"
        return (
            f"監査ログの {self.broken.seq} 番の記録で改ざんが見つかりました: {self.broken.reason}。"
            f"それより前の {self.checked:,}件は正常です。"
        )


def verify_trail(database: Database, actor: Actor) -> Verification:
    """Walk the chain in a read-only session (a long walk never holds the write lock)."""
    _require(actor)
    with database.reading() as session:
        checked, broken = audit_trail.verify(session)
    return Verification(checked, broken)
