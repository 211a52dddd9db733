"""The list, search and memory scenarios of kyodo-admin bench run, at a tiny scale.

Benchmarks are never timed tests: this only checks that each scenario builds its data,
runs beside its baseline and writes its record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kyodo_desktop.bench import large_ward
from kyodo_desktop.bench.registry import BenchContext
from kyodo_desktop.bench.runner import run_bench
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.models import Consultation
from kyodo_desktop.store.search.text import contains

SCENARIOS = [
    "list_first_screen",
    "list_last_row",
    "filter_office_year",
    "filter_topic",
    "save_consultation",
    "search_3chars",
    "search_2chars",
    "search_1char",
    "list_memory",
    "group_entitlements",
    "group_entitlements_per_project",
    "print_one_application",
    "print_round",
    "figures_year",
]
FIELDS = {"scenario", "rows", "seconds", "baseline", "baseline_seconds", "ratio"}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:  # type: ignore[type-arg]
    work = tmp_path_factory.mktemp("bench")
    found = {}
    for name in SCENARIOS:
        out = work / f"{name}.json"
        assert run_bench(only=name, scale=0.001, repeat=1, json_file=out, work_dir=work) == 0
        (record,) = json.loads(out.read_text("utf-8"))
        found[name] = record
    return found


def test_each_scenario_writes_its_record_beside_its_baseline(records) -> None:  # type: ignore[no-untyped-def]
    for name in SCENARIOS:
        record = records[name]
        assert set(record) >= FIELDS
        assert record["scenario"] == name
        assert record["seconds"] > 0 and record["baseline_seconds"] > 0


def test_the_ward_is_built_at_the_scale_asked(records) -> None:  # type: ignore[no-untyped-def]
    expected = large_ward.consultations_at(0.001)
    # The service saves of save_consultation come on top of the ward it shares.
    assert records["list_first_screen"]["rows"] >= expected


def test_the_memory_scenario_reports_megabytes(records) -> None:  # type: ignore[no-untyped-def]
    record = records["list_memory"]
    assert record["rss_mb"] > 0
    assert record["baseline_rss_mb"] > 0
    assert record["pages_held"] >= 1


def test_the_ward_builder_keeps_the_search_index_whole(tmp_path: Path) -> None:
    context = BenchContext(work_dir=tmp_path, scale=0.001)
    workspace = open_workspace(large_ward.large_ward(context))
    try:
        actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
        with workspace.database.reading() as session:
            total = session.scalar(select(func.count()).select_from(Consultation))
            like = session.scalar(
                select(func.count())
                .select_from(Consultation)
                .where(contains(Consultation.text_key, "助成金"))
            )
        assert total == large_ward.consultations_at(0.001)
        found = browse.consultations(workspace.database, actor, ConsultationFilter(text="助成金"))
        assert found.count() >= like > 0
    finally:
        workspace.close()


def test_the_entitlements_scenario_has_its_applications_and_agrees_with_its_baseline(
    records, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.bench import entitlements as bench

    assert records["group_entitlements"]["rows"] == bench.applications_at(0.001)
    workspace = bench._workspace(BenchContext(work_dir=tmp_path, scale=0.001), 2026)
    try:
        database = workspace.database
        actor = system_actor(database, StaffRole.HEAD_OFFICE)
        with database.reading() as session:
            ids = session.scalars(select(bench.Group.id)).all()
        assert len(ids) == bench.groups_at(0.001)
        with_projects = 0
        for group_id in ids[:5]:
            found = bench.what_group_could_receive(database, actor, group_id, 2026)
            assert found.rows == bench._from_every_row(database, group_id, 2026)
            with_projects += any(not row.is_new_project for row in found.rows)
        assert with_projects  # the groups compared have projects with awards
    finally:
        workspace.close()


def test_the_per_project_scenario_shares_the_ward_and_agrees_with_the_service(
    records, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.bench import entitlements as bench
    from kyodo_desktop.bench.entitlements_per_project import per_project

    first, second = records["group_entitlements"], records["group_entitlements_per_project"]
    assert second["rows"] == first["rows"] == bench.applications_at(0.001)
    assert second["baseline"] == "project_awards per project"
    context = BenchContext(work_dir=tmp_path, scale=0.001)
    try:
        ward = bench.entitlement_ward(context)
        assert bench.entitlement_ward(context) is ward  # opened once, built once
        assert len(ward.picked) == bench.PICKED
        database = ward.workspace.database
        awarded = 0
        for group_id in ward.picked:
            found = bench.what_group_could_receive(
                database, ward.head_office, group_id, ward.fiscal_year
            )
            assert per_project(database, group_id, ward.fiscal_year) == found.rows
            awarded += sum(row.awards_used for row in found.rows)
        assert awarded  # the groups compared have awards to count
    finally:
        bench.close_all()
