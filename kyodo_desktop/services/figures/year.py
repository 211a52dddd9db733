"""The ward's figures (集計): one 年度's tables, each figure with the records behind it.

A `FigureTable` is what the 集計 screen shows beside its chart, and what the exports write
(CSV, Excel, PDF): a label column, value columns, lines and a total, with a `Drill` per
figure naming the list that holds its records. Counter staff see their own office's.
"""

from __future__ import annotations

import uuid
from datetime import date

from kyodo_desktop.rules.calendar import fiscal_year_range, format_fiscal_year
from kyodo_desktop.rules.catalogue import programmes
from kyodo_desktop.rules.programmes import Programme
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.figures.consultations import (
    channel_table,
    follow_up_table,
    office_month_table,
    office_topic_table,
)
from kyodo_desktop.services.figures.tables import (  # the figures' shapes, named here too
    YEN,
    Chart,
    Drill,
    FigureLine,
    FigureSet,
    FigureTable,
    offices_of,
    total_line,
)
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store import figures as counts
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.filters import ApplicationFilter

__all__ = [
    "FIRST_FY",
    "YEN",
    "Chart",
    "Drill",
    "FigureLine",
    "FigureSet",
    "FigureTable",
    "open_in",
    "year_figures",
]

FIRST_FY = 2006  # the paper's programmes begin in 平成18年度


def open_in(prog: Programme, fiscal_year: int) -> bool:
    """Whether the programme took applications that 年度 (④: 平成23年度～平成27年度)."""
    return prog.since_fy <= fiscal_year <= (prog.until_fy or fiscal_year)


def _applications(title: str, office: uuid.UUID | None, **narrow: object) -> Drill:
    """The applications behind a figure (of one office, when the figures are)."""
    return Drill(title, applications=ApplicationFilter(office_id=office, **narrow))  # type: ignore[arg-type]


def _programme_drill(
    fy: int, office: uuid.UUID | None, prog: Programme, what: str, **narrow: object
) -> Drill:
    """One programme's applications of the 年度 behind a figure (「令和7年度 ② … 交付決定」)."""
    return _applications(
        f"{format_fiscal_year(fy)} {prog.label} {what}",
        office,
        fiscal_year=fy,
        programme_code=prog.code,
        **narrow,
    )


@service("figures.year", Permission.READ)
def year_figures(
    uow: UnitOfWork,
    fiscal_year: int,
    office_id: uuid.UUID | None = None,
    *,
    today: date | None = None,
) -> FigureSet:
    """Every table of one 年度 (for one office, or all the officer may see)."""
    if not isinstance(fiscal_year, int) or isinstance(fiscal_year, bool):
        raise InputError("年度を選んでください。", field="fiscal_year")
    if not FIRST_FY <= fiscal_year <= date.today().year + 1:
        raise InputError(
            f"集計できる年度は{format_fiscal_year(FIRST_FY)}から"
            f"{format_fiscal_year(date.today().year + 1)}までです。",
            field="fiscal_year",
        )
    scope = uow.office_scope
    if scope is not None and office_id not in (None, scope):
        uow.require_office(office_id)  # a counter officer asks for another office
    office = office_id or scope
    office_name = next((name for id_, name in offices_of(uow, office)), "") if office else ""
    as_of = today or date.today()
    # One read of the period's consultations serves four tables.
    first, last = fiscal_year_range(fiscal_year)
    tally = counts.consultation_tally(uow.session, first, last, office)
    tables = (
        _programme_table(uow, fiscal_year, office),
        _history_table(uow, office),
        _steps_table(uow, fiscal_year, office),
        office_topic_table(uow, fiscal_year, office, tally),
        office_month_table(uow, fiscal_year, office, tally.by_month),
        channel_table(fiscal_year, office, tally.by_month),
        follow_up_table(uow, as_of, office),
    )
    if office is None:  # the paper counts the whole ward
        tables += (_paper_table(uow),)
    return FigureSet(fiscal_year, office_name, as_of, tables)


def _programme_table(uow: UnitOfWork, fy: int, office: uuid.UUID | None) -> FigureTable:
    found = counts.programme_counts(uow.session, fy, office)
    fiscal = format_fiscal_year(fy)
    awarded = tuple(AWARDED_STATUSES)
    received = tuple(str(k) for k in StepKind if k is not StepKind.PRIOR_CONSULTATION)
    lines = []
    for prog in programmes():
        c = found.get(prog.code)
        if c is None and not open_in(prog, fy):
            continue  # neither open that 年度 nor applied to
        c = c or counts.ProgrammeCounts()
        got = _programme_drill(fy, office, prog, "交付決定", statuses=awarded)
        lines.append(
            FigureLine(
                prog.label,
                (c.received, c.awarded, c.rejected, c.groups_funded, c.decided, c.paid),
                (
                    _programme_drill(fy, office, prog, "申請・提案", statuses=received),
                    got,
                    _programme_drill(
                        fy, office, prog, "不採択", statuses=(str(StepKind.REJECTED),)
                    ),
                    got,
                    got,
                    got,
                ),
            )
        )
    return FigureTable(
        "programmes",
        f"{fiscal} 支援事業別の実績",
        "支援事業",
        ("申請・提案", "交付決定", "不採択", "交付団体", "交付決定額", "支払額"),
        ("件", "件", "件", "団体", YEN, YEN),
        tuple(lines),
        total_line("合計", lines, _every_programme(fy, office, received, awarded)),
        Chart("bar", (0, 1)),
        "申請・提案は交付申請から数えます（事前相談のみは含みません）。交付決定はその後の手続きに進んだものを含みます。",
    )


def _every_programme(
    fy: int, office: uuid.UUID | None, received: tuple[str, ...], awarded: tuple[str, ...]
) -> tuple[Drill | None, ...]:
    """The total line's drills: the 年度's applications of every programme."""
    fiscal = format_fiscal_year(fy)

    def drill(what: str, statuses: tuple[str, ...]) -> Drill:
        return _applications(
            f"{fiscal} 全支援事業 {what}", office, fiscal_year=fy, statuses=statuses
        )

    got = drill("交付決定", awarded)
    rejected = drill("不採択", (str(StepKind.REJECTED),))
    return (drill("申請・提案", received), got, rejected, got, got, got)


def _history_table(uow: UnitOfWork, office: uuid.UUID | None) -> FigureTable:
    found = counts.groups_funded_by_year(uow.session, office)
    progs = list(programmes())
    years = sorted({fy for fy, _ in found}, reverse=True)
    lines = []
    for fy in years:
        fiscal = format_fiscal_year(fy)
        lines.append(
            FigureLine(
                fiscal,
                tuple(found.get((fy, p.code), 0) for p in progs),
                tuple(
                    _programme_drill(fy, office, p, "交付決定", statuses=AWARDED_STATUSES)
                    for p in progs
                ),
            )
        )
    return FigureTable(
        "history",
        "支援事業別 交付団体数の推移",
        "年度",
        tuple(p.label for p in progs),
        ("団体",) * len(progs),
        tuple(lines),
        None,  # a sum over 年度 would count a group once a 年度, not once
        Chart("line", tuple(range(len(progs)))),
        "各年度に交付決定を受けた団体の数です（同じ年度に同じ支援事業で2件あっても1団体）。",
    )


def _steps_table(uow: UnitOfWork, fy: int, office: uuid.UUID | None) -> FigureTable:
    found = counts.status_counts(uow.session, fy, office)
    progs = [p for p in programmes() if any(code == p.code for _, code in found)]
    fiscal = format_fiscal_year(fy)
    lines = []
    for kind in StepKind:
        values = tuple(found.get((str(kind), p.code), 0) for p in progs)
        if not any(values):
            continue
        lines.append(
            FigureLine(
                kind.label,
                values,
                tuple(_programme_drill(fy, office, p, kind.label, status=str(kind)) for p in progs),
            )
        )
    return FigureTable(
        "steps",
        f"{fiscal} 手続き別の申請件数",
        "いまの手続き",
        tuple(p.label for p in progs),
        ("件",) * len(progs),
        tuple(lines),
        total_line("合計", lines, (None,) * len(progs)),
        Chart("stacked", tuple(range(len(progs)))),
        "それぞれの申請がいま進んでいる手続きで数えます。",
    )


PAPER = "「練馬区における協働の現状と課題」（平成29年10月18日）"


def _paper_table(uow: UnitOfWork) -> FigureTable:
    """The paper's 実績 beside the same count made on the records (seed numbers)."""
    lines = []
    for prog in programmes():
        for result in prog.results:
            span = (result.from_fy, result.until_fy)
            projects = result.unit == "事業"  # projects, not groups
            found = counts.funded_over(uow.session, prog.code, *span, projects=projects)
            drill = None
            if result.from_fy == result.until_fy:  # one 年度: its awards are a list
                drill = _applications(
                    f"{prog.label} {result.text}",
                    None,
                    fiscal_year=result.from_fy,
                    programme_code=prog.code,
                    statuses=tuple(AWARDED_STATUSES),
                )
            lines.append(
                FigureLine(f"{prog.label} {result.text}", (result.count, found), (None, drill))
            )
            if result.out_of is not None and result.out_of_label and "提案" in result.out_of_label:
                received = counts.received_over(uow.session, prog.code, *span)
                label = f"{prog.label} {format_fiscal_year(result.from_fy)} {result.out_of_label}"
                lines.append(FigureLine(label, (result.out_of, received), (None, None)))
    return FigureTable(
        "paper",
        "資料の実績と記録",
        "実績（資料の言葉）",
        ("資料", "記録"),
        ("件", "件"),
        tuple(lines),
        None,
        Chart("bar", (0, 1)),
        f"資料は{PAPER}の数です。記録は同じ期間の交付決定を、団体（事業）ごとに1つと数えます。",
    )
