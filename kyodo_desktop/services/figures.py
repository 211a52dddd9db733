"""The ward's figures (集計): one 年度's tables, each figure with the records behind it.

A `FigureTable` is what the 集計 screen shows beside its chart, and what the exports write
(CSV, Excel, PDF): a label column, value columns, lines and a total, with a `Drill` per
figure naming the list that holds its records. Counter staff see their own office's.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select

from kyodo_desktop.rules.calendar import fiscal_year_range, format_fiscal_year, format_wareki
from kyodo_desktop.rules.catalogue import programmes
from kyodo_desktop.rules.programmes import Programme
from kyodo_desktop.rules.vocabulary import Channel, StepKind
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store import figures as counts
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.filters import ApplicationFilter, ConsultationFilter, FollowUp
from kyodo_desktop.store.reference import Office, Topic

YEN = "円"
FIRST_FY = 2006  # the paper's programmes begin in 平成18年度


@dataclass(frozen=True)
class Drill:
    """The records behind a figure: the applications or consultations a filter keeps."""

    title: str  # 「令和8年度 ① 自治活動推進協力費 交付決定」
    applications: ApplicationFilter | None = None
    consultations: ConsultationFilter | None = None


@dataclass(frozen=True)
class FigureLine:
    label: str  # the line's heading: a programme, an office, a step, a month
    values: tuple[int, ...]  # one per column
    drills: tuple[Drill | None, ...]  # one per value


@dataclass(frozen=True)
class Chart:
    """How the screen draws a table: bars of some columns, stacked bars, a line, a pie."""

    kind: str  # "bar" | "stacked" | "line" | "pie"
    columns: tuple[int, ...]  # the value columns drawn


@dataclass(frozen=True)
class FigureTable:
    key: str
    title: str  # 「令和8年度 支援事業別の実績」
    row_heading: str  # the label column's heading (支援事業, 事務所 …)
    columns: tuple[str, ...]
    units: tuple[str, ...]  # per column: 件, 団体, 円 (a yen column prints as 1,234円)
    lines: tuple[FigureLine, ...]
    total: FigureLine | None
    chart: Chart
    note: str = ""  # how to read it (a consultation with two topics counts under both)


@dataclass(frozen=True)
class FigureSet:
    fiscal_year: int
    office_name: str  # "" for every office
    as_of: date  # the day the follow-ups are counted
    tables: tuple[FigureTable, ...]

    def table(self, key: str) -> FigureTable:
        return next(t for t in self.tables if t.key == key)


def open_in(prog: Programme, fiscal_year: int) -> bool:
    """Whether the programme took applications that 年度 (④: 平成23年度～平成27年度)."""
    return prog.since_fy <= fiscal_year <= (prog.until_fy or fiscal_year)


def _total(label: str, lines: list[FigureLine], drills: tuple[Drill | None, ...]) -> FigureLine:
    width = len(drills)
    sums = tuple(sum(line.values[i] for line in lines) for i in range(width))
    return FigureLine(label, sums, drills)


def _offices(uow: UnitOfWork, office_id: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
    query = select(Office.id, Office.name).where(Office.deleted_at.is_(None)).order_by(Office.code)
    if office_id is not None:
        query = query.where(Office.id == office_id)
    return [(row[0], row[1]) for row in uow.session.execute(query)]


def _topics(uow: UnitOfWork) -> list[tuple[str, str]]:
    query = select(Topic.code, Topic.name).where(Topic.deleted_at.is_(None))
    return [(row[0], row[1]) for row in uow.session.execute(query.order_by(Topic.sort_order))]


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
    office_name = next((name for id_, name in _offices(uow, office)), "") if office else ""
    as_of = today or date.today()
    # One read of the period's consultations serves three tables.
    first, last = fiscal_year_range(fiscal_year)
    consulted = counts.consultation_counts(uow.session, first, last, office)
    tables = (
        _programme_table(uow, fiscal_year, office),
        _history_table(uow, office),
        _steps_table(uow, fiscal_year, office),
        _office_topic_table(uow, fiscal_year, office, consulted),
        _office_month_table(uow, fiscal_year, office, consulted),
        _channel_table(fiscal_year, office, consulted),
        _follow_up_table(uow, as_of, office),
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

        def drill(what: str, statuses: tuple[str, ...], code: str, label: str) -> Drill:
            return Drill(
                f"{fiscal} {label} {what}",
                applications=ApplicationFilter(
                    fiscal_year=fy, programme_code=code, office_id=office, statuses=statuses
                ),
            )

        got = drill("交付決定", awarded, prog.code, prog.label)
        lines.append(
            FigureLine(
                prog.label,
                (c.received, c.awarded, c.rejected, c.groups_funded, c.decided, c.paid),
                (
                    drill("申請・提案", received, prog.code, prog.label),
                    got,
                    drill("不採択", (str(StepKind.REJECTED),), prog.code, prog.label),
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
        _total("合計", lines, _every_programme(fy, office, received, awarded)),
        Chart("bar", (0, 1)),
        "申請・提案は交付申請から数えます（事前相談のみは含みません）。交付決定はその後の手続きに進んだものを含みます。",
    )


def _every_programme(
    fy: int, office: uuid.UUID | None, received: tuple[str, ...], awarded: tuple[str, ...]
) -> tuple[Drill | None, ...]:
    """The total line's drills: the 年度's applications of every programme."""
    fiscal = format_fiscal_year(fy)

    def drill(what: str, statuses: tuple[str, ...]) -> Drill:
        wanted = ApplicationFilter(fiscal_year=fy, office_id=office, statuses=statuses)
        return Drill(f"{fiscal} 全支援事業 {what}", applications=wanted)

    got = drill("交付決定", awarded)
    rejected = drill("不採択", (str(StepKind.REJECTED),))
    return (drill("申請・提案", received), got, rejected, got, got, got)


Consulted = dict[tuple[uuid.UUID, int, int, str], int]  # (office, year, month, channel) → n


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
                    Drill(
                        f"{fiscal} {p.label} 交付決定",
                        applications=ApplicationFilter(
                            fiscal_year=fy,
                            programme_code=p.code,
                            office_id=office,
                            statuses=tuple(AWARDED_STATUSES),
                        ),
                    )
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
                tuple(
                    Drill(
                        f"{fiscal} {p.label} {kind.label}",
                        applications=ApplicationFilter(
                            fiscal_year=fy,
                            programme_code=p.code,
                            office_id=office,
                            status=str(kind),
                        ),
                    )
                    for p in progs
                ),
            )
        )
    return FigureTable(
        "steps",
        f"{fiscal} 手続き別の申請件数",
        "いまの手続き",
        tuple(p.label for p in progs),
        ("件",) * len(progs),
        tuple(lines),
        _total("合計", lines, (None,) * len(progs)),
        Chart("stacked", tuple(range(len(progs)))),
        "それぞれの申請がいま進んでいる手続きで数えます。",
    )


def _consultation_drill(
    title: str, first: date, last: date, office: uuid.UUID | None, **narrow: object
) -> Drill:
    wanted = ConsultationFilter(date_from=first, date_to=last, office_id=office)
    return Drill(title, consultations=replace(wanted, **narrow))


def _office_topic_table(
    uow: UnitOfWork, fy: int, office: uuid.UUID | None, consulted: Consulted
) -> FigureTable:
    first, last = fiscal_year_range(fy)
    found = counts.consultations_by_office_topic(uow.session, first, last, office)
    whole: Counter[uuid.UUID] = Counter()
    for (where, _, _, _), n in consulted.items():
        whole[where] += n
    topics = _topics(uow)
    fiscal = format_fiscal_year(fy)
    lines = [
        FigureLine(
            name,
            (*(found.get((id_, code), 0) for code, _ in topics), whole.get(id_, 0)),
            (
                *(
                    _consultation_drill(
                        f"{fiscal} {name} {topic}", first, last, id_, topic_code=code
                    )
                    for code, topic in topics
                ),
                _consultation_drill(f"{fiscal} {name} 相談", first, last, id_),
            ),
        )
        for id_, name in _offices(uow, office)
    ]
    drills = (
        *(
            _consultation_drill(f"{fiscal} {topic}", first, last, office, topic_code=code)
            for code, topic in topics
        ),
        _consultation_drill(f"{fiscal} 相談", first, last, office),
    )
    return FigureTable(
        "office_topic",
        f"{fiscal} 事務所別・相談分類別の相談件数",
        "事務所",
        (*(name for _, name in topics), "相談件数"),
        ("件",) * (len(topics) + 1),
        tuple(lines),
        _total("合計", lines, drills),
        Chart("stacked", tuple(range(len(topics)))),
        "一つの相談に複数の分類があるときは、それぞれの分類に数えます（相談件数は1件）。",
    )


def _months(fy: int) -> list[tuple[int, int]]:
    return [(fy, m) for m in range(4, 13)] + [(fy + 1, m) for m in range(1, 4)]


def _month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _office_month_table(
    uow: UnitOfWork, fy: int, office: uuid.UUID | None, consulted: Consulted
) -> FigureTable:
    found: Counter[tuple[uuid.UUID, int, int]] = Counter()
    for (where, year, month, _), n in consulted.items():
        found[(where, year, month)] += n
    months = _months(fy)
    fiscal = format_fiscal_year(fy)

    def drill(title: str, ym: tuple[int, int], where: uuid.UUID | None) -> Drill:
        start, end = _month_range(*ym)
        return _consultation_drill(f"{title} {ym[1]}月", start, end, where)

    lines = [
        FigureLine(
            name,
            tuple(found.get((id_, y, m), 0) for y, m in months),
            tuple(drill(f"{fiscal} {name}", ym, id_) for ym in months),
        )
        for id_, name in _offices(uow, office)
    ]
    return FigureTable(
        "office_month",
        f"{fiscal} 事務所別・月別の相談件数",
        "事務所",
        tuple(f"{m}月" for _, m in months),
        ("件",) * 12,
        tuple(lines),
        _total("合計", lines, tuple(drill(fiscal, ym, office) for ym in months)),
        Chart("line", tuple(range(12))),
    )


def _channel_table(fy: int, office: uuid.UUID | None, consulted: Consulted) -> FigureTable:
    first, last = fiscal_year_range(fy)
    found: Counter[str] = Counter()
    for (_, _, _, channel), n in consulted.items():
        found[channel] += n
    fiscal = format_fiscal_year(fy)
    lines = [
        FigureLine(
            channel.label,
            (found.get(str(channel), 0),),
            (
                _consultation_drill(
                    f"{fiscal} {channel.label}の相談", first, last, office, channel=str(channel)
                ),
            ),
        )
        for channel in Channel
    ]
    return FigureTable(
        "channels",
        f"{fiscal} 相談の方法別の件数",
        "方法",
        ("相談件数",),
        ("件",),
        tuple(lines),
        _total("合計", lines, (_consultation_drill(f"{fiscal} 相談", first, last, office),)),
        Chart("pie", (0,)),
    )


def _follow_up_table(uow: UnitOfWork, today: date, office: uuid.UUID | None) -> FigureTable:
    found = counts.follow_ups_by_office(uow.session, today, office)
    day = format_wareki(today)

    def drill(name: str, where: uuid.UUID | None, which: FollowUp) -> Drill:
        what = "期限切れのフォロー" if which is FollowUp.OVERDUE else "今日が期限のフォロー"
        wanted = ConsultationFilter(office_id=where, follow_up=which, as_of=today)
        return Drill(f"{day}現在 {name} {what}", consultations=wanted)

    lines = [
        FigureLine(
            name,
            found.get(id_, (0, 0)),
            (drill(name, id_, FollowUp.OVERDUE), drill(name, id_, FollowUp.DUE_TODAY)),
        )
        for id_, name in _offices(uow, office)
    ]
    drills = (
        drill("全事務所", office, FollowUp.OVERDUE),
        drill("全事務所", office, FollowUp.DUE_TODAY),
    )
    return FigureTable(
        "follow_ups",
        f"フォローの期限（{day}現在）",
        "事務所",
        ("期限切れ", "今日が期限"),
        ("件", "件"),
        tuple(lines),
        _total("合計", lines, drills),
        Chart("bar", (0, 1)),
        "まだ済んでいないフォローを、期限の日で数えます（年度によらず）。",
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
                drill = Drill(
                    f"{prog.label} {result.text}",
                    applications=ApplicationFilter(
                        fiscal_year=result.from_fy,
                        programme_code=prog.code,
                        statuses=tuple(AWARDED_STATUSES),
                    ),
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
