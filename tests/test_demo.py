"""The demo database: deterministic, realistic, and within every rule of the programmes."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from kyodo_desktop.rules import (
    GroupKind,
    LimitUnit,
    fiscal_year,
    hiroba_amount,
    jichi_grant,
    load_default_settings,
    programme,
    programmes,
    search_key,
)
from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.demo import DemoSummary, generate_demo
from kyodo_desktop.store.applications import AWARDED_STATUSES
from kyodo_desktop.store.database import Database, open_database
from kyodo_desktop.store.models import (
    Application,
    ApplicationMonth,
    ApplicationStep,
    Base,
    BudgetLine,
    Consultation,
    Group,
    Office,
    Project,
    Staff,
    consultation_topic,
)

TODAY = date(2026, 11, 27)
SCALE = 0.05

KATAKANA = re.compile(r"[ァ-ヶー\u3000・]+")
DOCUMENT_NUMBER = re.compile(r"練(地振|福管|環ま公|協推)第\d+号")


def _build(folder: Path, *, seed: int, today: date = TODAY, scale: float = SCALE):
    database = open_database(folder / "kyodo.sqlite3")
    summary = generate_demo(database, today=today, seed=seed, scale=scale)
    return database, summary


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    database, summary = _build(tmp_path_factory.mktemp("demo-a"), seed=2017)
    yield database, summary
    database.close()


# Rows the demo does not write: reference data is stamped with the time it was loaded.
NOT_DEMO_DATA = {"office", "department", "topic", "programme", "setting", "audit_entry"}


def _digest(engine: Engine) -> str:
    """A digest of every row the demo wrote, independent of the order rows were stored."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_DEMO_DATA:
                continue
            rows = connection.exec_driver_sql(f'SELECT * FROM "{table.name}"').fetchall()
            digest.update(table.name.encode())
            for line in sorted(repr(tuple(row)) for row in rows):
                digest.update(line.encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(
    demo: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    first, summary = demo
    again, summary_again = _build(tmp_path / "again", seed=2017)
    other, summary_other = _build(tmp_path / "other", seed=2018)
    try:
        assert _digest(first.engine) == _digest(again.engine)
        assert summary == summary_again
        assert _digest(other.engine) != _digest(first.engine)
        assert summary_other.counts != summary.counts
    finally:
        again.close()
        other.close()


def test_the_summary_counts_what_is_in_the_database(demo: tuple[Database, DemoSummary]) -> None:
    database, summary = demo
    with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in summary.counts:
                stored = session.scalar(select(func.count()).select_from(table))
                assert stored == summary.counts[table.name], table.name
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        staff = session.scalars(
            select(Staff).where(Staff.login_id == summary.default_staff_login)
        ).one()
        assert staff.active and staff.role == StaffRole.COUNTER
        assert staff.office.code == "01"


def test_every_office_has_counter_staff_and_the_head_office_its_own(
    demo: tuple[Database, DemoSummary],
) -> None:
    database, _ = demo
    with database.reading() as session:
        rows = session.execute(
            select(Office.code, Staff.role, func.count())
            .join(Staff, Staff.office_id == Office.id)
            .where(Staff.active)
            .group_by(Office.code, Staff.role)
        ).all()
    counter = {code: n for code, role, n in rows if role == StaffRole.COUNTER}
    assert sorted(counter) == [f"{n:02d}" for n in range(1, 18)]
    assert all(2 <= n <= 3 for n in counter.values())
    others = {role: n for code, role, n in rows if role != StaffRole.COUNTER and code == "01"}
    assert others[StaffRole.ADMIN] == 1
    assert others[StaffRole.HEAD_OFFICE] >= 2


def test_names_have_katakana_readings_and_search_keys(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    with database.reading() as session:
        groups = session.scalars(select(Group)).all()
        staff = session.scalars(select(Staff)).all()
    kinds = Counter(group.kind for group in groups)
    assert kinds[GroupKind.CHOKAI] == round(252 * SCALE)
    for group in groups:
        assert KATAKANA.fullmatch(group.name_kana), group.name_kana
        assert group.name_key == search_key(group.name + group.name_kana)
        assert re.fullmatch(r"17[6-9]-00\d\d", group.postal_code)
        assert group.address.startswith("練馬区")
        if group.kind == GroupKind.CHOKAI:
            assert group.households is not None and 60 <= group.households <= 3000
            assert group.households_counted_on == date(2026, 7, 1)
        else:
            assert group.households is None
    for member in staff:
        assert KATAKANA.fullmatch(member.name_kana)
        assert re.fullmatch(r"n\d\d-[a-z]+\d*", member.login_id)


def test_consultations_run_from_fy2006_to_today(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    with database.reading() as session:
        first, last = session.execute(
            select(func.min(Consultation.occurred_on), func.max(Consultation.occurred_on))
        ).one()
        per_year = Counter(
            fiscal_year(day) for day in session.scalars(select(Consultation.occurred_on))
        )
        without_topic = session.scalar(
            select(func.count())
            .select_from(Consultation)
            .where(~Consultation.id.in_(select(consultation_topic.c.consultation_id)))
        )
        texts = session.execute(
            select(Consultation.asked, Consultation.answered, Consultation.text_key)
        ).all()
        due_today = session.scalar(
            select(func.count()).where(
                Consultation.follow_up_on == TODAY, Consultation.follow_up_done.is_(False)
            )
        )
    assert fiscal_year(first) == 2006 and last <= TODAY and fiscal_year(last) == 2026
    assert sorted(per_year) == list(range(2006, 2027))
    assert without_topic == 0
    assert due_today >= 1
    for asked, answered, key in texts:
        assert asked and answered and key == search_key(asked + answered)


def _applications(session):  # type: ignore[no-untyped-def]
    return session.execute(
        select(Application, Project.group_id, Group.kind)
        .join(Project, Project.id == Application.project_id)
        .join(Group, Group.id == Project.group_id)
    ).all()


def test_every_programme_has_applications_and_awards(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    with database.reading() as session:
        rows = _applications(session)
    applied = Counter(app.programme_code for app, _, _ in rows)
    awarded = Counter(app.programme_code for app, _, _ in rows if app.status in AWARDED_STATUSES)
    codes = [p.code for p in programmes()]
    assert all(applied[code] > 0 for code in codes), applied
    assert all(awarded[code] > 0 for code in codes), awarded
    statuses = Counter(app.status for app, _, _ in rows)
    assert statuses[StepKind.REJECTED] > 0 and statuses[StepKind.PAID] > 0


def test_jichi_amounts_follow_the_households(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    with database.reading() as session:
        rows = session.scalars(
            select(Application).where(Application.programme_code == "jichi")
        ).all()
    assert rows
    for app in rows:
        assert app.households is not None and app.households_counted_on is not None
        assert app.households_counted_on == date(app.fiscal_year, 7, 1)
        amount = jichi_grant(app.households).total
        assert app.amount_requested == amount
        if app.amount_decided is not None:
            assert app.amount_decided == amount


def test_no_application_breaks_a_rule(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    settings = load_default_settings()
    with database.reading() as session:
        rows = _applications(session)
        months: dict[object, list[tuple[int, int, int, int]]] = defaultdict(list)
        for m in session.scalars(
            select(ApplicationMonth)
            .where(ApplicationMonth.stage == "budget")
            .order_by(ApplicationMonth.year, ApplicationMonth.month)
        ):
            months[m.application_id].append((m.year, m.month, m.days_opened, m.venue_cost))
    awards_per_year: Counter[tuple[object, str, int]] = Counter()
    awards_per_division: Counter[tuple[object, str, str | None]] = Counter()
    award_years: dict[tuple[object, str], set[int]] = defaultdict(set)
    for app, _group_id, kind in rows:
        rules = programme(app.programme_code)
        assert rules.is_open(app.fiscal_year), (app.programme_code, app.fiscal_year)
        assert app.fiscal_year <= fiscal_year(TODAY)
        version = rules.version_for(app.fiscal_year)
        assert version is not None
        assert GroupKind(kind) in version.kinds_under(settings)
        division = version.division(app.division)
        for amount in (app.amount_requested, app.amount_decided, app.amount_confirmed):
            if amount is not None and division.cap is not None:
                assert 0 < amount <= division.cap, (app.programme_code, amount)
        if app.amount_confirmed is not None:
            assert app.amount_confirmed <= (app.amount_decided or 0)
        assert app.amount_paid <= (app.amount_confirmed or app.amount_decided or 0)
        if app.programme_code == "hiroba":
            assert len(months[app.id]) == 12
            grant = hiroba_amount(
                app.operating_cost or 0,
                months[app.id],
                division.hiroba,
                venue_needs_opening=settings.hiroba_venue_needs_opening,
            ).total
            assert grant == (
                app.amount_confirmed if app.amount_confirmed is not None else app.amount_requested
            )
        if app.status in AWARDED_STATUSES:
            awards_per_year[(app.project_id, app.programme_code, app.fiscal_year)] += 1
            awards_per_division[(app.project_id, app.programme_code, app.division)] += 1
            award_years[(app.project_id, app.programme_code)].add(app.fiscal_year)
    assert max(awards_per_year.values()) == 1  # one award per project per 年度
    for (_, code, division_code), count in awards_per_division.items():
        division = programme(code).latest.division(division_code)
        if division.max_awards is not None and division.limit_unit is LimitUnit.AWARDS:
            assert count <= division.max_awards, (code, division_code, count)
    for (_, code), years in award_years.items():
        division = programme(code).latest.divisions[0]
        if division.limit_unit is LimitUnit.FISCAL_YEARS and division.max_awards is not None:
            assert len(years) <= division.max_awards


def test_steps_are_dated_in_order_and_end_in_the_status(demo: tuple[Database, DemoSummary]) -> None:
    database, _ = demo
    with database.reading() as session:
        statuses = dict(session.execute(select(Application.id, Application.status)).all())
        steps: dict[object, list[ApplicationStep]] = defaultdict(list)
        for step in session.scalars(select(ApplicationStep)):
            steps[step.application_id].append(step)
        lines = session.scalars(select(BudgetLine)).all()
        applications = {a.id: a for a in session.scalars(select(Application))}
    assert set(steps) == set(statuses)
    numbered = {StepKind.DECIDED, StepKind.REJECTED, StepKind.CONFIRMED}
    for application_id, found in steps.items():
        ordered = sorted(found, key=lambda s: (s.occurred_on, s.created_at))
        assert [s.occurred_on for s in ordered] == sorted(s.occurred_on for s in found)
        assert ordered[-1].occurred_on <= TODAY
        assert ordered[-1].kind == statuses[application_id]
        for step in ordered:
            if step.kind in numbered:
                assert DOCUMENT_NUMBER.fullmatch(step.document_number), step.document_number
    balances: dict[tuple[object, str], int] = defaultdict(int)
    subsidy: dict[tuple[object, str], int] = {}
    for line in lines:
        sign = 1 if line.side == "income" else -1
        balances[(line.application_id, line.stage)] += sign * line.amount
        if line.item == "助成金":
            subsidy[(line.application_id, line.stage)] = line.amount
    assert balances and all(value == 0 for value in balances.values())
    for (application_id, stage), amount in subsidy.items():
        app = applications[application_id]
        expected = app.amount_requested if stage == "budget" else app.amount_confirmed
        assert amount == expected


@pytest.mark.parametrize("today", [date(2026, 4, 2), date(2027, 3, 31)])
def test_a_tiny_ward_on_any_day_still_shows_every_programme(tmp_path: Path, today: date) -> None:
    database, summary = _build(tmp_path, seed=7, today=today, scale=0.01)
    try:
        with database.reading() as session:
            codes = set(session.scalars(select(Application.programme_code)))
            last = session.scalar(select(func.max(Consultation.occurred_on)))
            integrity = session.execute(text("PRAGMA foreign_key_check")).all()
        assert codes == {p.code for p in programmes()}
        assert last is not None and last <= today
        assert integrity == []
        assert summary.counts["consultation"] > 0
    finally:
        database.close()


def test_every_application_went_through_the_steps_the_program_allows(
    demo: tuple[Database, DemoSummary],
) -> None:
    """Replayed through rules.lifecycle, each demo application ends where the demo left it."""
    from kyodo_desktop.rules.lifecycle import Progress, apply_step
    from kyodo_desktop.store.models import ApplicationStep

    database, _ = demo
    with database.reading() as session:
        steps: dict[object, list[ApplicationStep]] = defaultdict(list)
        for step in session.scalars(
            select(ApplicationStep).order_by(
                ApplicationStep.occurred_on, ApplicationStep.created_at
            )
        ):
            steps[step.application_id].append(step)
        for app, _group_id, _kind in _applications(session):
            version = programme(app.programme_code).version_for(app.fiscal_year)
            assert version is not None
            progress = Progress(
                pays_in_advance=version.pays_in_advance, needs_report=version.needs_report
            )
            for step in steps[app.id]:
                progress = apply_step(progress, step.kind, step.occurred_on, step.amount)
            assert (progress.status, progress.requested, progress.decided, progress.paid) == (
                app.status,
                app.amount_requested,
                app.amount_decided,
                app.amount_paid,
            )
