"""What an officer fills in for a project, an application, a step and its 収支 lines.

Each draft is a plain dataclass the screens fill and the property tests draw; ``clean_*``
checks what was typed and returns it ready to store, or raises `InputError` with a
Japanese sentence that names the field.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from kyodo_desktop.rules import (
    days_in_month,
    fiscal_year_range,
    format_fiscal_year,
    format_wareki,
    format_wareki_month,
    programme,
)
from kyodo_desktop.rules.errors import RulesValidationError
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.fields import text_field

MAX_AMOUNT = 100_000_000  # no programme grants more than 1億円; a slip of the keyboard


@dataclass(frozen=True)
class ProjectDraft:
    """A group's project (事業)."""

    group_id: uuid.UUID
    title: str = ""
    description: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    department_code: str | None = None  # ④: the 所管課


@dataclass(frozen=True)
class MonthDraft:
    """⑤ one month: days the desk opened and the month's 会場費."""

    year: int
    month: int
    days_opened: int
    venue_cost: int


@dataclass(frozen=True)
class ApplicationDraft:
    """An application of a project to a programme for a 年度, and its first step."""

    project_id: uuid.UUID
    programme_code: str
    fiscal_year: int
    division: str | None = None
    first_step: str = StepKind.FILED  # 事前相談 or 交付申請
    opened_on: date | None = None  # the day of the first step (default today)
    document_number: str = ""
    amount_requested: int | None = None  # None: the most the rules allow
    households: int | None = None  # ①: None takes the group's record
    households_counted_on: date | None = None
    operating_cost: int | None = None  # ⑤ 運営費
    months: tuple[MonthDraft, ...] = ()  # ⑤ the months planned
    purpose: str = ""


@dataclass(frozen=True)
class StepDraft:
    """A dated step with its document number and amount."""

    kind: str
    occurred_on: date
    amount: int | None = None
    document_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class BudgetLineDraft:
    """One line of a 収支予算書 or 収支決算書."""

    side: str  # income | expense
    item: str
    amount: int
    note: str = ""


SIDES = {"income": "収入", "expense": "支出"}
STAGES = {"budget": "収支予算", "actual": "収支決算"}


def clean_project(draft: ProjectDraft) -> ProjectDraft:
    title = text_field(draft.title, "事業名", 120, field="title", required=True)
    description = text_field(draft.description, "事業の内容", 4000, field="description", lines=True)
    starts, ends = (
        _day(draft.starts_on, "開始日", "starts_on"),
        _day(draft.ends_on, "終了日", "ends_on"),
    )
    if starts is not None and ends is not None and ends < starts:
        raise InputError(
            f"終了日（{format_wareki(ends)}）が開始日（{format_wareki(starts)}）より前です。",
            field="ends_on",
        )
    code = draft.department_code
    if code is not None and not isinstance(code, str):
        raise InputError("所管課は一覧から選んでください。", field="department_code")
    return ProjectDraft(draft.group_id, title, description, starts, ends, code or None)


def _day(value: object, label: str, field: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or type(value) is not date:
        raise InputError(f"{label}は日付で入力してください。", field=field)
    if not 1989 <= value.year <= 2100:
        raise InputError(
            f"{label}（{value.isoformat()}）は協働デスクで扱える日付ではありません。"
            "年を確かめてください。",
            field=field,
        )
    return value


def require_day(value: object, label: str, field: str) -> date:
    day = _day(value, label, field)
    if day is None:
        raise InputError(f"{label}を入力してください。", field=field)
    return day


def amount(value: object, label: str, field: str = "amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{label}は円単位の整数で入力してください。", field=field)
    if value < 0:
        raise InputError(f"{label}にマイナスは入力できません。", field=field)
    if value > MAX_AMOUNT:
        raise InputError(
            f"{label}（{value:,}円）が大きすぎます。桁を確かめてください。", field=field
        )
    return value


def count(value: object, label: str, field: str, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise InputError(f"{label}は0から{limit:,}までの整数で入力してください。", field=field)
    return value


def clean_application(draft: ApplicationDraft) -> ApplicationDraft:
    """Check what can be checked without the database; the rules judge the rest."""
    try:
        prog = programme(draft.programme_code) if isinstance(draft.programme_code, str) else None
    except RulesValidationError:
        prog = None
    if prog is None:
        raise InputError("支援事業を一覧から選んでください。", field="programme_code")
    fy = draft.fiscal_year
    if isinstance(fy, bool) or not isinstance(fy, int) or not 1989 <= fy <= 2100:
        raise InputError("申請年度を選んでください（例: 令和8年度）。", field="fiscal_year")
    if draft.first_step not in (StepKind.PRIOR_CONSULTATION, StepKind.FILED):
        raise InputError("最初の手続きは事前相談か交付申請です。", field="first_step")
    opened_on = _day(draft.opened_on, "手続きの日付", "opened_on") or date.today()
    requested = None if draft.amount_requested is None else amount(draft.amount_requested, "申請額")
    households = (
        None
        if draft.households is None
        else count(draft.households, "加入世帯数", "households", 1_000_000)
    )
    counted_on = _day(draft.households_counted_on, "加入世帯数の基準日", "households_counted_on")
    operating = (
        None
        if draft.operating_cost is None
        else amount(draft.operating_cost, "運営費", "operating_cost")
    )
    months = clean_months(draft.months, fy)
    return ApplicationDraft(
        project_id=draft.project_id,
        programme_code=prog.code,
        fiscal_year=fy,
        division=draft.division or None,
        first_step=StepKind(draft.first_step),
        opened_on=opened_on,
        document_number=text_field(draft.document_number, "文書番号", 40, field="document_number"),
        amount_requested=requested,
        households=households,
        households_counted_on=counted_on,
        operating_cost=operating,
        months=months,
        purpose=text_field(draft.purpose, "申請の目的", 4000, field="purpose", lines=True),
    )


def clean_months(months: tuple[MonthDraft, ...], fy: int) -> tuple[MonthDraft, ...]:
    if not isinstance(months, tuple | list):
        raise InputError("月ごとの開催日数・会場費の形が正しくありません。", field="months")
    first, last = fiscal_year_range(fy)
    cleaned: dict[tuple[int, int], MonthDraft] = {}
    for item in months:
        if not isinstance(item, MonthDraft):
            raise InputError("月ごとの開催日数・会場費の形が正しくありません。", field="months")
        year, month = item.year, item.month
        if (
            isinstance(year, bool)
            or isinstance(month, bool)
            or not isinstance(year, int)
            or not isinstance(month, int)
            or not first <= date(max(1, min(year, 9999)), max(1, min(month, 12)), 1) <= last
            or not 1 <= month <= 12
        ):
            raise InputError(
                f"{year}年{month}月 は{format_fiscal_year(fy)}の月ではありません。",
                field="months",
            )
        name = format_wareki_month(year, month)
        if (year, month) in cleaned:
            raise InputError(f"{name} が2回入力されています。", field="months")
        days = count(item.days_opened, f"{name}の開設日数", "months", days_in_month(year, month))
        venue = amount(item.venue_cost, f"{name}の会場費", "months")
        cleaned[(year, month)] = MonthDraft(year, month, days, venue)
    return tuple(cleaned[key] for key in sorted(cleaned))


def clean_step(draft: StepDraft) -> StepDraft:
    try:
        kind = StepKind(draft.kind)
    except ValueError:
        raise InputError("手続きを一覧から選んでください。", field="kind") from None
    day = require_day(draft.occurred_on, f"{kind.label}の日付", "occurred_on")
    value = None if draft.amount is None else amount(draft.amount, "金額")
    return StepDraft(
        kind=kind,
        occurred_on=day,
        amount=value,
        document_number=text_field(draft.document_number, "文書番号", 40, field="document_number"),
        note=text_field(draft.note, "備考", 2000, field="note", lines=True),
    )


def clean_lines(lines: tuple[BudgetLineDraft, ...], stage: str) -> tuple[BudgetLineDraft, ...]:
    if stage not in STAGES:
        raise InputError("収支予算か収支決算かを選んでください。", field="stage")
    if not isinstance(lines, tuple | list):
        raise InputError("収支の行の形が正しくありません。", field="lines")
    cleaned = []
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, BudgetLineDraft) or line.side not in SIDES:
            raise InputError(f"{number}行目: 収入か支出かを選んでください。", field="lines")
        item = text_field(line.item, f"{number}行目の科目", 80, field="lines", required=True)
        value = amount(line.amount, f"{number}行目（{item}）の金額", "lines")
        note = text_field(line.note, f"{number}行目の摘要", 200, field="lines")
        cleaned.append(BudgetLineDraft(line.side, item, value, note))
    income = sum(line.amount for line in cleaned if line.side == "income")
    expense = sum(line.amount for line in cleaned if line.side == "expense")
    if cleaned and income != expense:
        raise InputError(
            f"{STAGES[stage]}の収入合計（{income:,}円）と支出合計（{expense:,}円）が一致しません。"
            "収入と支出の合計が同じになるように入力してください（自己資金も収入に書きます）。",
            field="lines",
        )
    return tuple(cleaned)
