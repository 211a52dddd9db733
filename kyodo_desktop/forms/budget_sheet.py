"""The 収支 of a project: 収支予算書 (filed with the application), 収支決算書 (with the report).

The grant is itself a line of income. The records often list only the group's own money,
so the form adds the grant (the amount asked, or the amount decided) when no line names it;
otherwise 収入合計 could never equal 支出合計.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kyodo_desktop.rules import programme
from kyodo_desktop.rules.calendar import format_wareki_month
from kyodo_desktop.rules.programmes import HirobaRates

from . import layout
from .document import Sheet
from .paper import ApplicationPaper, Figures, Line, MonthFigures
from .wording import wording

INCOME_BLANK_ROWS = 4
SPENDING_BLANK_ROWS = 7
# ⑤'s sheets also carry 12 months: fewer lines to write in, so that each stays one page.
HIROBA_BLANK_ROWS = (2, 4)
HEADING = ParagraphStyle(
    "budget_heading",
    parent=layout.LABEL,
    fontSize=10.5,
    leading=16,
    spaceBefore=3 * mm,
    spaceAfter=1.5 * mm,
)
SUM_LINE = ParagraphStyle("sum_line", parent=HEADING, spaceAfter=0)
FY_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)


def heading(name: str) -> Flowable:
    """A part's heading inside a sheet: 「収入の部」, 「月別の開催予定」."""
    return layout.text(name, HEADING)


def hiroba_rates(fiscal_year: int | None) -> HirobaRates:
    """⑤'s limits in force in ``fiscal_year`` (the newest when the year is blank)."""
    hiroba = programme("hiroba")
    version = (hiroba.version_for(fiscal_year) if fiscal_year else None) or hiroba.latest
    rates = version.divisions[0].hiroba
    assert rates is not None  # the rules data is checked when it is loaded
    return rates


def month_label(month: MonthFigures | int, fiscal_year: int | None) -> str:
    """「令和8年5月」; a blank form without its 年度 gets 「令和　　年5月」 to complete by hand."""
    if isinstance(month, MonthFigures):
        return format_wareki_month(month.year, month.month)
    if fiscal_year is None:
        return f"令和　　年{month}月"
    return format_wareki_month(fiscal_year + (month < 4), month)


def month_rows(paper: ApplicationPaper, figures: Figures) -> list[tuple[str, MonthFigures | None]]:
    """Each month of ``figures`` with its label; a blank form gets the 12 months of a 年度."""
    if figures.months:
        return [(month_label(m, paper.fiscal_year), m) for m in figures.months]
    return [(month_label(m, paper.fiscal_year), None) for m in FY_MONTHS]


def months_table(paper: ApplicationPaper, figures: Figures) -> Flowable:
    """⑤ by month: days opened, the 運営費 limit they earn and the 会場費 against its limit."""
    rates = hiroba_rates(paper.fiscal_year)
    columns = (
        layout.Column("月", 1.1, "center"),
        layout.Column("開催日数", 0.8, "right"),
        layout.Column("運営費の上限額（円）", 1.5, "right"),
        layout.Column("会場費（円）", 1.1, "right"),
        layout.Column("備考", 1.7),
    )
    rows: list[list[object]] = []
    for label, month in month_rows(paper, figures):
        if month is None:
            rows.append([label, "日", None, None, None])
            continue
        notes = []
        if month.days_opened == 0:
            notes.append("開催なし")
        if month.venue_cost > rates.venue_per_month:
            notes.append(f"{rates.venue_per_month:,}円を超える分は対象外")
        rows.append(
            [
                label,
                f"{month.days_opened}日",
                rates.operating_per_day * month.days_opened,
                month.venue_cost,
                "、".join(notes),
            ]
        )
    total: list[object] = ["合計", "日", None, None, None]
    if figures.months:
        days = sum(m.days_opened for m in figures.months)
        venue = sum(m.venue_cost for m in figures.months)
        total = ["合計", f"{days}日", rates.operating_per_day * days, venue, ""]
    return layout.table(columns, rows, total=total)


def months_part(paper: ApplicationPaper, figures: Figures, name: str) -> list[Flowable]:
    """⑤'s month table under a heading that states both limits."""
    rates = hiroba_rates(paper.fiscal_year)
    limits = (
        f"（運営費は1日{rates.operating_per_day:,}円×開催日数、"
        f"会場費は1か月{rates.venue_per_month:,}円が上限）"
    )
    return [heading(name + limits), months_table(paper, figures)]


# What a group calls the ward's money on its own 収支 lines (「区補助金」, 「助成金」, 「協力費」).
GRANT_WORDS = ("補助金", "助成金", "協力費", "交付金")


def _names_grant(paper: ApplicationPaper, lines: Sequence[Line]) -> bool:
    names = {wording(paper.programme_code).grant_name, paper.programme_name, *GRANT_WORDS}
    return any(name in line.item for line in lines for name in names - {""})


def _total(lines: Sequence[Line], extra: int | None = None) -> int | None:
    if not lines and extra is None:
        return None
    return sum(line.amount for line in lines) + (extra or 0)


def _part(name: str, rows: list[list[object]], total: int | None, blank_rows: int) -> list:
    columns = (
        layout.Column("区分（科目）", 1.8),
        layout.Column("予算額（円）", 0.8, "right"),
        layout.Column("説明", 1.4),
    )
    return [
        heading(name),
        layout.table(columns, rows, total=["合計", total, ""], blank_rows=blank_rows),
    ]


def _balance_line(income: int | None, spending: int | None) -> Flowable:
    if income is None or spending is None:
        shown = "収入合計　　　　　　　円　＝　支出合計　　　　　　　円"
    elif income == spending:
        shown = f"収入合計　{layout.yen(income)}　＝　支出合計　{layout.yen(spending)}"
    else:
        shown = (
            f"収入合計　{layout.yen(income)}　≠　支出合計　{layout.yen(spending)}"
            f"（差　{layout.yen(abs(income - spending))}）\n※ 収入合計と支出合計は同じ額にしてください。"
        )
    return layout.text(shown, SUM_LINE)


def _blank_rows(paper: ApplicationPaper) -> tuple[int, int]:
    """How many lines to write in under 収入 and 支出 when the records list none."""
    if paper.programme_code == "hiroba":
        return HIROBA_BLANK_ROWS
    return INCOME_BLANK_ROWS, SPENDING_BLANK_ROWS


def header_fields(paper: ApplicationPaper) -> list[Flowable]:
    return layout.fields(
        [
            layout.Field("団体名", paper.group.name or None),
            layout.Field("事業名", paper.project_title or None),
        ]
    )


def budget_sheet(paper: ApplicationPaper) -> Sheet:
    """収支予算書: 収入の部 (with the grant asked) and 支出の部, which must balance."""
    grant = wording(paper.programme_code).grant_name
    budget = paper.budget
    income: list[list[object]] = [[line.item, line.amount, line.note] for line in budget.income]
    asked: int | None = None
    if not _names_grant(paper, budget.income):
        asked = paper.amount_requested
        income.insert(0, [f"{grant}（申請額）", asked, ""])
    spending = [[line.item, line.amount, line.note] for line in budget.spending]
    income_total = _total(budget.income, asked)
    spending_total = _total(budget.spending)
    hiroba = paper.programme_code == "hiroba"
    blank_income, blank_spending = _blank_rows(paper)
    story: list[Flowable] = [
        *layout.title(layout.fiscal_title(paper.fiscal_year, "収支予算書")),
        *header_fields(paper),
        *_part("収入の部", income, income_total, 0 if budget.income else blank_income),
        *_part("支出の部", spending, spending_total, 0 if budget.spending else blank_spending),
        _balance_line(income_total, spending_total),
    ]
    if hiroba:
        story += months_part(paper, budget, "補助対象経費の月別内訳")
    number = paper.filed.document_number if paper.filed else ""
    return Sheet("収支予算書", story, document_number=number, office=paper.office)


def _signed(amount: int | None) -> str | None:
    """A difference as the ward writes it: a decrease carries △ (not a minus sign)."""
    if amount is None:
        return None
    return f"△{-amount:,}" if amount < 0 else f"{amount:,}"


def _settled_rows(budget: Sequence[Line], actual: Sequence[Line]) -> list[list[object]]:
    """One row per item, budget's order first: 科目, 予算額, 決算額, 差額 (決算−予算), 説明.

    An item missing from one side counts 0 there when that side lists anything at all (a
    line budgeted and not spent was spent 0); a side with no lines stays blank.
    """
    items = list(dict.fromkeys([line.item for line in budget] + [line.item for line in actual]))
    planned = {line.item: line for line in budget}
    spent = {line.item: line for line in actual}
    rows: list[list[object]] = []
    for item in items:
        was, now = planned.get(item), spent.get(item)
        before = was.amount if was else (0 if budget else None)
        after = now.amount if now else (0 if actual else None)
        note = (now.note if now else "") or (was.note if was else "")
        rows.append([item, before, after, _signed(_minus(after, before)), note])
    return rows


def _settled_part(name: str, rows: list[list[object]], blank_rows: int) -> list:
    columns = (
        layout.Column("科目", 1.9),
        layout.Column("予算額（円）", 0.85, "right"),
        layout.Column("決算額（円）", 0.85, "right"),
        layout.Column("差額（円）", 0.85, "right"),
        layout.Column("説明", 0.95),
    )
    planned = _column_sum(rows, 1)
    spent = _column_sum(rows, 2)
    total = ["合計", planned, spent, _signed(_minus(spent, planned)), ""]
    return [heading(name), layout.table(columns, rows, total=total, blank_rows=blank_rows)]


DIFFERENCE_NOTE = "※ 差額＝決算額−予算額（予算額より少ないときは△）"


def settlement_sheet(paper: ApplicationPaper) -> Sheet:
    """収支決算書: each line's 予算額 beside its 決算額 and the difference; totals."""
    grant = wording(paper.programme_code).grant_name
    budget, actual = paper.budget, paper.actual
    income = _settled_rows(budget.income, actual.income)
    if not (_names_grant(paper, budget.income) or _names_grant(paper, actual.income)):
        decided = paper.decided.amount if paper.decided else None
        asked = paper.amount_requested
        if not paper.blank:
            income.insert(0, [grant, asked, decided, _signed(_minus(decided, asked)), ""])
        else:
            income.insert(0, [grant, None, None, None, ""])
    spending = _settled_rows(budget.spending, actual.spending)
    blank_income, blank_spending = (0, 0) if not actual.empty else _blank_rows(paper)
    story: list[Flowable] = [
        *layout.title(layout.fiscal_title(paper.fiscal_year, "収支決算書")),
        *header_fields(paper),
        *_settled_part("収入の部", income, blank_income),
        *_settled_part("支出の部", spending, blank_spending),
        layout.text(DIFFERENCE_NOTE, layout.SMALL),
    ]
    rest = _minus(_column_sum(income, 2), _column_sum(spending, 2))
    remainder = "　　　　　　　円" if rest is None else f"{_signed(rest)}円"
    story.append(layout.text(f"差引残額（収入合計−支出合計）　{remainder}", SUM_LINE))
    if paper.programme_code == "hiroba":
        story += months_part(paper, actual, "月別の開催実績")
    number = paper.reported.document_number if paper.reported else ""
    return Sheet("収支決算書", story, document_number=number, office=paper.office)


def _column_sum(rows: Sequence[Sequence[object]], index: int) -> int | None:
    """The column's total; None (blank) when no row holds a figure there."""
    figures = [row[index] for row in rows if isinstance(row[index], int)]
    return sum(figures) if figures else None  # type: ignore[arg-type]


def _minus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b
