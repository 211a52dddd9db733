"""The demo database: a realistic, deterministic ward from FY2006 to ``today``.

``generate_demo`` fills a freshly created database (migrated, reference data loaded)
with staff, groups, residents, consultations, support cases and applications to all six
programmes. The same seed, day and scale give the same rows, ids included; nothing
reads the clock. It writes one 年度 per transaction, so memory stays bounded at any scale.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.services.demo.applications import Desk
from kyodo_desktop.services.demo.cases import plan_cases, write_events
from kyodo_desktop.services.demo.consultations import ConsultationLog, department_label
from kyodo_desktop.services.demo.context import FIRST_FISCAL_YEAR, Demo
from kyodo_desktop.services.demo.groups import generate_groups, write_groups
from kyodo_desktop.services.demo.people import generate_persons, record_last_contacts
from kyodo_desktop.services.demo.places import TOWNS
from kyodo_desktop.services.demo.programmes import Planner
from kyodo_desktop.services.demo.staff import Roster
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.dialect import is_sqlite
from kyodo_desktop.store.reference import Department, Office, Topic
from kyodo_desktop.store.search import index as search_index

__all__ = ["DemoSummary", "generate_demo"]

DEMO_CACHE_KIB = 256 * 1024  # SQLite page cache while writing (negative PRAGMA value = KiB)


@dataclass(frozen=True)
class DemoSummary:
    """What was generated: rows per table, and the login the program acts as."""

    counts: dict[str, int]
    default_staff_login: str  # a counter officer (地域支援推進員) of office 01


def generate_demo(
    database: Database, *, today: date, seed: int = 2017, scale: float = 1.0
) -> DemoSummary:
    """Fill a new database with the demo ward; ``scale`` 1 ≈ 380 groups, 28,000 consultations."""
    demo = Demo(today=today, seed=seed, scale=scale)
    with database.transaction() as session:
        offices = dict(session.execute(select(Office.code, Office.id).order_by(Office.code)).all())
        missing = sorted({town.office for town in TOWNS} - set(offices))
        if missing:
            raise ValueError(f"the demo needs the shipped offices; missing: {', '.join(missing)}")
        topics = dict(session.execute(select(Topic.code, Topic.id).order_by(Topic.code)).all())
        departments = {
            code: (department_id, department_label(name, division))
            for code, department_id, name, division in session.execute(
                select(Department.code, Department.id, Department.name, Department.division)
                .where(Department.deleted_at.is_(None))
                .order_by(Department.code)
            )
        }
        demo.sink.bind(session)
        roster = Roster(demo, offices)
        registry = generate_groups(demo, roster)
        write_groups(demo, registry, roster)
        people = generate_persons(demo, roster)
        case_events = plan_cases(demo, roster, registry)
        demo.sink.flush()
        demo.sink.bind(None)
    log = ConsultationLog(demo, roster, registry, people, topics, departments)
    desk = Desk(demo, roster)
    planner = Planner(demo, roster, registry, desk, departments)
    for fy in range(FIRST_FISCAL_YEAR, demo.current_fy + 1):
        with database.transaction() as session, _roomy_cache(session):
            demo.sink.bind(session)
            log.fiscal_year(fy)
            write_events(demo, log, case_events.pop(fy, []))
            planner.fiscal_year(fy)
            if fy == demo.current_fy:
                desk.release()
            demo.sink.flush()
            if fy == demo.current_fy:
                record_last_contacts(demo, people)
            demo.sink.bind(None)
    # The rows went in with Core, past the ORM's hooks: index them in one go.
    with database.transaction() as session, _roomy_cache(session):
        search_index.rebuild(session.connection())
    return DemoSummary(dict(demo.sink.counts), roster.default_login)


@contextmanager
def _roomy_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache while a 年度 is written, put back afterwards.

    Rows keyed by random UUIDs land all over the indexes; with the default 2 MB cache a
    large demo spends most of its time re-reading index pages.
    """
    connection = session.connection()
    if not is_sqlite(connection):
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-DEMO_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
