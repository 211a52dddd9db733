"""The consultation list at a million rows: first screen, last row, office and 年度, a topic,
one save.

Each runs through the code the screens use (services.browse, a read-only session per
call) on the large ward (bench/large_ward.py), as 協働推進課 sees it: every office's rows.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from itertools import count

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.bench.ward import FIRST_SCREEN, ward
from kyodo_desktop.rules import fiscal_year, fiscal_year_range, search_key
from kyodo_desktop.services import browse
from kyodo_desktop.services.access.signing_in import sign_in_demo_officer
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.store.consultation_listing import ConsultationListing
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Office
from kyodo_desktop.store.search.topics import tagged_for_page

SAVES = 20  # consultations saved per timed run, one transaction each
TOPIC = "accounting"  # 会計: one of the demo's topics


def _plain_list() -> Select:
    """The list as it was first written: its rows joined and ordered, paged with OFFSET."""
    person = aliased(Person)
    return (
        select(
            Consultation.id,
            Consultation.occurred_on,
            Office.name,
            Consultation.channel,
            Group.name,
            person.name,
            Consultation.asked,
            Staff.name,
            Consultation.follow_up_on,
            Consultation.follow_up_done,
        )
        .join(Office, Office.id == Consultation.office_id)
        .join(Staff, Staff.id == Consultation.staff_id)
        .outerjoin(Group, Group.id == Consultation.group_id)
        .outerjoin(person, person.id == Consultation.person_id)
        .where(Consultation.deleted_at.is_(None))
        .order_by(Consultation.occurred_on.desc(), Consultation.id.desc())
    )


def _first_screen(browser: browse.Browser) -> None:  # type: ignore[type-arg]
    browser.count()
    browser.page(0, FIRST_SCREEN)


@scenario(
    "list_first_screen",
    "consultation list: the count and the first 50 rows (every office's)",
    goal="at most 100 ms",
)
def list_first_screen(context: BenchContext) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    browser = browse.consultations(database, large.ward_wide)
    naive = _plain_list()

    def every_row() -> None:
        with database.reading() as session:
            session.execute(naive).all()

    return Prepared(
        rows=large.rows,
        run=lambda: _first_screen(browser),
        baseline_name="loading every row",
        baseline=every_row,
    )


@scenario(
    "list_last_row",
    "consultation list: the page holding the last row (read from the end)",
    goal="about what the first page costs",
)
def list_last_row(context: BenchContext) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    browser = browse.consultations(database, large.ward_wide)
    listing = ConsultationListing(None)
    naive = _plain_list()

    def last_page() -> None:
        total = browser.count()
        browser.page(max(0, total - FIRST_SCREEN), FIRST_SCREEN)

    def plain_offset() -> None:
        with database.reading() as session:
            total = listing.count(session)
            query = naive.offset(max(0, total - FIRST_SCREEN)).limit(FIRST_SCREEN)
            session.execute(query).all()

    return Prepared(
        rows=large.rows,
        run=last_page,
        baseline_name="plain OFFSET paging",
        baseline=plain_offset,
    )


@scenario(
    "filter_office_year",
    "office 01 and the last full 年度: count and first 50 rows",
    goal="at most 100 ms",
)
def filter_office_year(context: BenchContext) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    with database.reading() as session:
        office_id = session.scalar(select(Office.id).where(Office.code == "01"))
    first, last = fiscal_year_range(fiscal_year(context.today) - 1)
    wanted = ConsultationFilter(office_id=office_id, date_from=first, date_to=last)
    browser = browse.consultations(database, large.ward_wide, wanted)

    def in_python() -> None:
        # Every live row's office and day read, the filter applied and the order made here.
        with database.reading() as session:
            rows = session.execute(
                select(Consultation.id, Consultation.office_id, Consultation.occurred_on).where(
                    Consultation.deleted_at.is_(None)
                )
            ).all()
        kept = [r for r in rows if r.office_id == office_id and first <= r.occurred_on <= last]
        kept.sort(key=lambda r: (r.occurred_on, r.id), reverse=True)
        len(kept)
        with database.reading() as session:
            shown = [r.id for r in kept[:FIRST_SCREEN]]
            session.execute(_plain_list().where(Consultation.id.in_(shown))).all()

    return Prepared(
        rows=large.rows,
        run=lambda: _first_screen(browser),
        baseline_name="filtering every row in Python",
        baseline=in_python,
    )


@scenario(
    "filter_topic",
    "one topic (会計), every office's: count and first 50 rows",
    goal="at most 100 ms",
)
def filter_topic(context: BenchContext) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    wanted = ConsultationFilter(topic_code=TOPIC)
    browser = browse.consultations(database, large.ward_wide, wanted)
    # As first written: the topic looked up row by row, for the count as for the page.
    tagged = tagged_for_page(TOPIC)
    live = Consultation.deleted_at.is_(None)
    count = select(func.count()).select_from(Consultation).where(live, tagged)
    keys = (
        select(Consultation.id)
        .where(live, tagged)
        .order_by(Consultation.occurred_on.desc(), Consultation.id.desc())
        .limit(FIRST_SCREEN)
    )

    def row_by_row() -> None:
        with database.reading() as session:
            session.scalar(count)
            shown = list(session.scalars(keys))
            session.execute(_plain_list().where(Consultation.id.in_(shown))).all()

    return Prepared(
        rows=large.rows,
        run=lambda: _first_screen(browser),
        baseline_name="the topic checked row by row",
        baseline=row_by_row,
    )


@scenario(
    "save_consultation",
    f"one consultation logged through the service (audit entry, search index); {SAVES} per run",
    goal="at most 20 ms a save",
)
def save_consultation(context: BenchContext) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    actor = sign_in_demo_officer(database)
    numbers = count()

    def draft(n: int) -> ConsultationDraft:
        return ConsultationDraft(
            occurred_on=context.today - timedelta(days=n % 300),
            channel="counter",
            asked=f"相談 {n}：団体の会計報告の書き方と、助成金の実績報告の期限を知りたい。",
            answered="様式と記入例を渡し、期限を説明した。",
            topic_codes=("accounting", "funding"),
        )

    def through_service() -> None:
        for _ in range(SAVES):
            log_consultation(database, actor, draft(next(numbers)))

    assert database.path is not None
    raw = sqlite3.connect(database.path, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("PRAGMA busy_timeout=10000")
    columns = "id, occurred_on, office_id, staff_id, channel, asked, answered, text_key, "
    columns += "follow_up_done, origin_office, created_at, updated_at, row_version"
    insert = f"INSERT INTO consultation ({columns}) VALUES ({', '.join('?' * 13)})"

    def raw_insert() -> None:
        for _ in range(SAVES):
            d = draft(next(numbers))
            key = search_key(d.asked + d.answered)
            now = "2026-12-01 09:00:00.000000"
            values = (uuid.uuid4().hex, d.occurred_on.isoformat(), actor.office_id.hex)
            values += (actor.staff_id.hex if actor.staff_id else None, d.channel, d.asked)
            values += (d.answered, key, 0, actor.office_code, now, now, 1)
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(insert, values)
            raw.execute("COMMIT")

    return Prepared(
        rows=large.rows,
        run=through_service,
        baseline_name="raw sqlite INSERT",
        baseline=raw_insert,
        calls=SAVES,
    )
