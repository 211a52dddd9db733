"""The ward's figures (集計) against counts made directly on the records."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from kyodo_desktop.bench.figures_by_hand import figures_by_hand, values_of
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.figures.year import year_figures
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.reference import Office

TODAY = date(2026, 11, 27)  # the demo's today


@pytest.fixture
def head(demo_workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)


@pytest.mark.parametrize("fiscal_year", [2006, 2016, 2025, 2026])
def test_every_figure_equals_the_count_from_every_row(demo_workspace, head, fiscal_year) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    shown = values_of(year_figures(ws.database, head, fiscal_year, today=TODAY))
    with ws.database.reading() as session:
        assert shown == figures_by_hand(session, fiscal_year, None, TODAY)


def test_one_office_s_figures_are_that_office_s_records(demo_workspace, head) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        office = session.scalar(select(Office).where(Office.code == "03"))
        by_hand = figures_by_hand(session, 2025, office.id, TODAY)
        asked = session.scalar(
            select(func.count())
            .select_from(Consultation)
            .where(
                Consultation.office_id == office.id,
                Consultation.deleted_at.is_(None),
                Consultation.occurred_on.between(date(2025, 4, 1), date(2026, 3, 31)),
            )
        )
    figures = year_figures(ws.database, head, 2025, office.id, today=TODAY)
    assert figures.office_name == office.name
    assert values_of(figures) == by_hand
    channels = figures.table("channels")
    assert channels.total.values == (asked,)  # every consultation once, whatever its topics
    assert [line.label for line in figures.table("office_topic").lines] == [office.name]


def test_the_paper_s_count_of_groups_funded_reads_as_the_ward_writes_it(
    demo_workspace, head
) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        funded = session.scalar(
            select(func.count(func.distinct(Project.group_id)))
            .join(Application, Application.project_id == Project.id)
            .where(
                Application.programme_code == "jichi",
                Application.fiscal_year == 2016,
                Application.status.in_(("decided", "claimed", "paid")),
                Application.deleted_at.is_(None),
            )
        )
    figures = year_figures(ws.database, head, 2016, today=TODAY)
    table = figures.table("programmes")
    assert table.title == "平成28年度 支援事業別の実績"
    jichi = next(line for line in table.lines if line.label == "① 自治活動推進協力費")
    assert jichi.values[table.columns.index("交付団体")] == funded > 0
    history = figures.table("history")
    row = next(line for line in history.lines if line.label == "平成28年度")
    assert row.values[0] == funded
    assert "④ 協働事業提案制度" not in [line.label for line in table.lines]  # ended FY2015


def test_each_figure_opens_as_many_records_as_it_counts(demo_workspace, head) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    figures = year_figures(ws.database, head, 2025, today=TODAY)
    checked = 0
    for key, columns in {
        "programmes": (0, 1, 2),
        "steps": None,
        "office_topic": None,
        "office_month": (3, 11),
        "channels": None,
        "follow_ups": None,
    }.items():
        table = figures.table(key)
        lines = [*table.lines, *([table.total] if table.total else [])]
        for line in lines[:4] + lines[-1:]:
            for index, (value, drill) in enumerate(zip(line.values, line.drills, strict=True)):
                if drill is None or (columns is not None and index not in columns):
                    continue
                if drill.applications is not None:
                    found = browse.applications(ws.database, head, drill.applications).count()
                else:
                    found = browse.consultations(ws.database, head, drill.consultations).count()
                assert found == value, (key, line.label, table.columns[index], drill.title)
                checked += 1
    assert checked > 50


def test_a_counter_officer_counts_their_own_office_only(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    mine = year_figures(ws.database, ws.actor, 2025, today=TODAY)
    assert mine.office_name == ws.actor.office_name
    assert [line.label for line in mine.table("office_month").lines] == [ws.actor.office_name]
    with ws.database.reading() as session:
        other = session.scalar(select(Office.id).where(Office.code == "02"))
        by_hand = figures_by_hand(session, 2025, ws.actor.office_id, TODAY)
    assert values_of(mine) == by_hand
    with pytest.raises(PermissionDeniedError):
        year_figures(ws.database, ws.actor, 2025, other, today=TODAY)


def test_a_year_outside_the_records_is_refused_plainly(demo_workspace, head) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="集計できる年度は平成18年度から"):
        year_figures(demo_workspace.database, head, 1999)


@pytest.fixture(scope="module")
def ward_at_full_scale(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The demo at scale 1: the size of the ward the paper describes (about 20 s to build)."""
    from kyodo_desktop.services.workspace import build_demo, open_workspace

    folder = tmp_path_factory.mktemp("full-scale")
    build_demo(folder, today=TODAY, scale=1.0)
    workspace = open_workspace(folder)
    yield workspace
    workspace.close()


@pytest.mark.slow
def test_every_number_of_the_paper_comes_out_of_the_records_the_same(ward_at_full_scale) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.access.installation import system_actor

    ws = ward_at_full_scale
    head = system_actor(ws.database, StaffRole.HEAD_OFFICE)
    paper = year_figures(ws.database, head, 2017, today=TODAY).table("paper")
    found = {line.label: line.values for line in paper.lines}
    assert found == {
        "① 自治活動推進協力費 平成28年度 201団体に交付": (201, 201),
        "② やさしいまちづくり支援事業 平成18年度～平成28年度 83団体に交付": (83, 83),
        "③ まちづくり活動助成 平成18年度～平成28年度 79団体に交付": (79, 79),
        "④ 協働事業提案制度 平成23年度～平成27年度 23団体と実施": (23, 23),
        "⑤ 相談情報ひろば運営支援 平成29年度 12団体に対して運営支援": (12, 12),
        "⑥ 地域おこしプロジェクト 平成29年度 27事業の提案から３事業を選定・実施中": (3, 3),
        "⑥ 地域おこしプロジェクト 平成29年度 事業の提案": (27, 27),
    }


def test_a_consultation_s_new_topics_count_at_once(demo_workspace, head) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.log import (
        ConsultationDraft,
        change_consultation,
        get_consultation,
        log_consultation,
    )

    ws = demo_workspace
    day = date(2025, 6, 2)
    saved = log_consultation(
        ws.database,
        ws.actor,
        ConsultationDraft(day, "counter", "会計の相談", topic_codes=("accounting", "funding")),
    )
    view = get_consultation(ws.database, ws.actor, saved)
    change_consultation(
        ws.database,
        ws.actor,
        saved,
        ConsultationDraft(day, "phone", "会計の相談", topic_codes=("cooperation",)),
        row_version=view.row_version,
    )
    shown = values_of(year_figures(ws.database, head, 2025, today=TODAY))
    with ws.database.reading() as session:
        assert shown == figures_by_hand(session, 2025, None, TODAY)  # the copy follows the pairs
