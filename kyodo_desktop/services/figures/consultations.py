"""The consultations' figures of a 年度 (集計): by office and topic, month, channel; follow-ups."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from kyodo_desktop.rules.calendar import fiscal_year_range, format_fiscal_year, format_wareki
from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.figures.tables import (
    Chart,
    Drill,
    FigureLine,
    FigureTable,
    offices_of,
    total_line,
)
from kyodo_desktop.store import figures as counts
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp
from kyodo_desktop.store.reference import Topic

Consulted = dict[tuple[uuid.UUID, int, int, str], int]  # (office, year, month, channel) → n


def _topics(uow: UnitOfWork) -> list[tuple[str, str]]:
    query = select(Topic.code, Topic.name).where(Topic.deleted_at.is_(None))
    return [(row[0], row[1]) for row in uow.session.execute(query.order_by(Topic.sort_order))]


def _consultation_drill(
    title: str, first: date, last: date, office: uuid.UUID | None, **narrow: object
) -> Drill:
    wanted = ConsultationFilter(date_from=first, date_to=last, office_id=office)
    return Drill(title, consultations=replace(wanted, **narrow))


def office_topic_table(
    uow: UnitOfWork, fy: int, office: uuid.UUID | None, tally: counts.ConsultationTally
) -> FigureTable:
    first, last = fiscal_year_range(fy)
    found = tally.by_topic
    whole: Counter[uuid.UUID] = Counter()
    for (where, _, _, _), n in tally.by_month.items():
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
        for id_, name in offices_of(uow, office)
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
        total_line("合計", lines, drills),
        Chart("stacked", tuple(range(len(topics)))),
        "一つの相談に複数の分類があるときは、それぞれの分類に数えます（相談件数は1件）。",
    )


def _months(fy: int) -> list[tuple[int, int]]:
    return [(fy, m) for m in range(4, 13)] + [(fy + 1, m) for m in range(1, 4)]


def _month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def office_month_table(
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
        for id_, name in offices_of(uow, office)
    ]
    return FigureTable(
        "office_month",
        f"{fiscal} 事務所別・月別の相談件数",
        "事務所",
        tuple(f"{m}月" for _, m in months),
        ("件",) * 12,
        tuple(lines),
        total_line("合計", lines, tuple(drill(fiscal, ym, office) for ym in months)),
        Chart("line", tuple(range(12))),
    )


def channel_table(fy: int, office: uuid.UUID | None, consulted: Consulted) -> FigureTable:
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
        total_line("合計", lines, (_consultation_drill(f"{fiscal} 相談", first, last, office),)),
        Chart("pie", (0,)),
    )


def follow_up_table(uow: UnitOfWork, today: date, office: uuid.UUID | None) -> FigureTable:
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
        for id_, name in offices_of(uow, office)
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
        total_line("合計", lines, drills),
        Chart("bar", (0, 1)),
        "まだ済んでいないフォローを、期限の日で数えます（年度によらず）。",
    )
