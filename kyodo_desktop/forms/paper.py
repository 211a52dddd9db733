"""What a form is filled with: plain, frozen data that the services read from the records.

Every field may be empty: the same form then prints blank, for the group to fill by hand.
Amounts are whole yen; dates are `datetime.date` (written 和暦 on the page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Party:
    """A group (団体) as it signs a form or receives a notice."""

    name: str = ""
    kind_label: str = ""  # 町会・自治会, NPO法人, ...
    postal_code: str = ""
    address: str = ""  # 所在地
    representative: str = ""  # 代表者 (職・氏名)
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Line:
    """One line of a 収支 (budget or actual): an item and its amount."""

    item: str
    amount: int
    note: str = ""


@dataclass(frozen=True)
class MonthFigures:
    """相談情報ひろば: one month's days opened and venue cost (会場費)."""

    year: int
    month: int
    days_opened: int
    venue_cost: int


@dataclass(frozen=True)
class Figures:
    """A 収支予算 or 収支決算: income (収入) and spending (支出), and ⑤'s months."""

    income: tuple[Line, ...] = ()
    spending: tuple[Line, ...] = ()
    months: tuple[MonthFigures, ...] = ()
    operating_cost: int | None = None  # ⑤ 運営費 as asked or spent

    @property
    def income_total(self) -> int:
        return sum(line.amount for line in self.income)

    @property
    def spending_total(self) -> int:
        return sum(line.amount for line in self.spending)

    @property
    def empty(self) -> bool:
        return not (self.income or self.spending or self.months)


@dataclass(frozen=True)
class Step:
    """A step of the application as recorded: its date, document number and amount."""

    on: dt.date | None = None
    document_number: str = ""
    amount: int | None = None
    note: str = ""  # the reason of a 不採択, the conditions of a decision ...
    officer: str = ""


@dataclass(frozen=True)
class ApplicationPaper:
    """An application (申請) with all its forms need; a blank one names its programme only."""

    programme_code: str  # rules' code: the form's wording and fields follow it
    programme_name: str  # 自治活動推進協力費
    fiscal_year: int | None = None
    division_label: str = ""  # はばたき部門
    office: str = ""  # the office that prints (footer) and receives
    run_by: str = ""  # 担当部署 (rules: the version's run_by), where to ask
    group: Party = field(default_factory=Party)
    project_title: str = ""  # 事業名
    project_description: str = ""  # 事業の概要
    purpose: str = ""  # 目的・内容
    starts_on: dt.date | None = None  # 事業期間
    ends_on: dt.date | None = None
    department_name: str = ""  # ④ 所管課
    amount_requested: int | None = None
    households: int | None = None  # ① 加入世帯数 and its 基準日
    households_counted_on: dt.date | None = None
    calculation: tuple[tuple[str, int], ...] = ()  # ① 基礎割・世帯割 as the rules work it out
    award_year: int | None = None  # ⑥ 何年度目 (this 年度 counted)
    budget: Figures = field(default_factory=Figures)  # 収支予算
    actual: Figures = field(default_factory=Figures)  # 収支決算
    filed: Step | None = None  # 交付申請 (its number: 受付番号)
    decided: Step | None = None  # 交付決定, or the latest 変更承認 (then decision_changed)
    decision_changed: bool = False  # the decided amount is a 変更承認's: 変更交付決定通知書
    rejected: Step | None = None  # 不採択 (note: the reason)
    reported: Step | None = None  # 実績報告
    confirmed: Step | None = None  # 額の確定
    claimed: Step | None = None  # 請求
    advance_paid: Step | None = None  # ⑤ 概算払

    @property
    def blank(self) -> bool:
        return not self.group.name


@dataclass(frozen=True)
class ConsultationPaper:
    """One consultation (相談) for its 相談記録票."""

    occurred_on: dt.date | None = None
    office: str = ""
    officer: str = ""  # 対応者
    channel_label: str = ""  # 来所, 電話, ...
    channels: tuple[str, ...] = ()  # every channel's label, for the blank form's □ list
    group: Party | None = None
    person_name: str = ""  # the asker when a resident
    person_phone: str = ""
    person_address: str = ""
    consent_to_share: bool | None = None  # None: not asked / not a resident
    topics: tuple[str, ...] = ()
    asked: str = ""  # 相談内容
    answered: str = ""  # 対応内容
    referred_department: str = ""  # つないだ部署
    follow_up_on: dt.date | None = None
    follow_up_done: bool = False
    record_number: str = ""  # a short reference to find the record again


@dataclass(frozen=True)
class AwardLine:
    """A line of a group's support history on its 団体台帳 card."""

    fiscal_year: int
    programme_name: str
    project_title: str
    status_label: str
    amount: int | None


@dataclass(frozen=True)
class GroupPaper:
    """A group (団体) for its 団体台帳 card."""

    party: Party = field(default_factory=Party)
    name_kana: str = ""
    office: str = ""  # the office in charge
    households: int | None = None
    households_counted_on: dt.date | None = None
    founded_on: dt.date | None = None
    active: bool = True
    notes: str = ""
    awards: tuple[AwardLine, ...] = ()
    printed_on: dt.date | None = None
    record_number: str = ""
