"""What could this group receive? (受けられる支援): programmes, times left, the most, and why."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from kyodo_desktop.rules import format_yen
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.applications.entitlements import what_group_could_receive
from kyodo_desktop.services.errors import InputError, NotFoundError
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.workspace import SYSTEM, Workspace
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office

FY = 2026


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.COUNTER)


def register(workspace: Workspace, actor, kind: str, households: int | None = None) -> uuid.UUID:  # type: ignore[no-untyped-def]
    draft = GroupDraft(
        name=f"受給テスト{kind}{uuid.uuid4().hex[:6]}",
        name_kana="じゅきゅうてすと",
        kind=kind,
        office_code="01",
        households=households,
        households_counted_on=date(2026, 4, 1) if households is not None else None,
    )
    return create_group(workspace.database, actor, draft)


def add_project(
    workspace: Workspace,
    group_id: uuid.UUID,
    title: str,
    programme: str,
    awards: list[tuple[int, str | None, str]],
) -> uuid.UUID:
    """A project with applications (年度, division, status), as the ward recorded them."""
    with workspace.database.transaction(SYSTEM) as session:
        office_id = session.scalars(select(Office.id).where(Office.code == "01")).one()
        project = Project(group_id=group_id, title=title, description="")
        session.add(project)
        session.flush()
        for fy, division, status in awards:
            session.add(
                Application(
                    project_id=project.id,
                    group_id=group_id,
                    programme_code=programme,
                    division=division,
                    fiscal_year=fy,
                    office_id=office_id,
                    status=status,
                    amount_requested=100_000,
                )
            )
        return project.id


def test_a_chokai_of_1000_households_gets_the_jichi_amount(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "chokai", households=1000)
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    (new,) = found.of("jichi")
    assert new.is_new_project and new.eligible
    # 基礎割 15,000 + 5,000 (the second 500 households) + 世帯割 120 × 1,000.
    assert new.max_grantable == 20_000 + 120_000 == 140_000
    assert new.awards_left is None
    text = "\n".join(new.messages)
    assert f"基礎割 {format_yen(20_000)}" in text
    assert f"世帯割 {format_yen(120_000)}" in text


def test_a_chokai_with_its_jichi_this_year_has_no_second_one(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "chokai", households=1000)
    standing = add_project(
        workspace, group_id, "自治活動", "jichi", [(FY - 1, None, "paid"), (FY, None, "decided")]
    )
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    # ① goes to the 町会's one standing project: no "new project" row offers a second one.
    (row,) = found.of("jichi")
    assert (row.project_id, row.eligible, row.max_grantable) == (standing, False, 0)
    assert [r.code for r in row.reasons] == ["one_per_year"]
    (next_year,) = what_group_could_receive(workspace.database, counter, group_id, FY + 1).of(
        "jichi"
    )
    assert (next_year.project_id, next_year.max_grantable) == (standing, 140_000)


def test_a_chokai_without_households_is_told_what_is_needed(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "chokai", households=100)
    with workspace.database.transaction(SYSTEM) as session:
        # A ledger entered before households were asked for (the registry asks now).
        session.get(Group, group_id).households = None  # type: ignore[union-attr]
    (new,) = what_group_could_receive(workspace.database, counter, group_id, FY).of("jichi")
    assert new.eligible and new.max_grantable is None
    assert any("加入世帯数が必要" in message for message in new.messages)


def test_an_npo_is_refused_jichi_with_the_kind_reason(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "npo")
    (new,) = what_group_could_receive(workspace.database, counter, group_id, FY).of("jichi")
    assert not new.eligible
    assert new.max_grantable == 0
    assert [r.code for r in new.reasons] == ["kind"]
    assert "対象は町会・自治会です（この団体: NPO法人）" in new.messages[0]


def test_habataki_used_up_on_one_project_leaves_three_for_a_new_one(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "volunteer")
    used = add_project(
        workspace,
        group_id,
        "花壇づくり",
        "machizukuri",
        [(2022, "habataki", "paid"), (2023, "habataki", "settled"), (2024, "habataki", "decided")],
    )
    # A refused application uses no time; this project still has all three.
    fresh = add_project(
        workspace, group_id, "防災マップ", "machizukuri", [(2025, "habataki", "paid")]
    )
    add_project(
        workspace, group_id, "落選した事業", "machizukuri", [(2025, "habataki", "rejected")]
    )
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    spent = found.for_project("machizukuri", "habataki", used)
    assert (spent.eligible, spent.awards_left, spent.max_grantable) == (False, 0, 0)
    assert "times_used_up" in [r.code for r in spent.reasons]
    new = found.for_project("machizukuri", "habataki", None)
    assert (new.eligible, new.awards_left, new.max_grantable) == (True, 3, 300_000)
    best = found.best("machizukuri", "habataki")
    assert best is not None and best.project_id == fresh and best.awards_left == 2
    # One row per project with awards, then the new project's.
    rows = found.of("machizukuri", "habataki")
    assert [r.project_id for r in rows] == [fresh, used, None]
    # たまご部門 counts apart: the spent project may still get its one たまご award.
    tamago = found.for_project("machizukuri", "tamago", used)
    assert (tamago.eligible, tamago.awards_left) == (True, 1)


def test_teian_ended_in_fy2015(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "npo")
    add_project(workspace, group_id, "協働提案", "teian", [(2014, None, "paid")])
    (row,) = what_group_could_receive(workspace.database, counter, group_id, FY).of("teian")
    assert not row.eligible and row.is_new_project  # one row: the same for any project
    assert [r.code for r in row.reasons] == ["ended"]
    assert row.messages[0] == "協働事業提案制度は平成27年度で終了しました（申請年度: 令和8年度）"


def test_okoshi_in_a_fourth_fiscal_year_is_refused(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "volunteer")
    project = add_project(
        workspace,
        group_id,
        "ねりま未来祭",
        "okoshi",
        [(2022, None, "paid"), (2023, None, "paid"), (2025, None, "claimed")],
    )
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    mine = found.for_project("okoshi", None, project)
    assert not mine.eligible and mine.awards_left == 0
    assert any("1事業3年度まで" in m and "交付決定済み3年度" in m for m in mine.messages)
    new = found.for_project("okoshi", None, None)
    assert (new.eligible, new.awards_left, new.max_grantable) == (True, 3, 1_000_000)


def test_hiroba_says_what_it_needs(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "npo")
    (row,) = what_group_could_receive(workspace.database, counter, group_id, FY).of("hiroba")
    assert row.eligible and row.max_grantable is None and row.awards_left is None
    text = "\n".join(row.messages)
    assert "月ごとの開催日数と会場費が必要です" in text
    assert f"開催1日あたり {format_yen(6_000)}" in text


def test_every_programme_is_listed_in_order_with_its_divisions(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "volunteer")
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    assert [(r.programme_number, r.division) for r in found.rows] == [
        (1, None),
        (2, "hajime"),
        (2, "katsudo"),
        (3, "tamago"),
        (3, "habataki"),
        (4, None),
        (5, None),
        (6, None),
    ]
    # 2016: ⑥ had not started yet; the reason says when it did.
    (okoshi,) = what_group_could_receive(workspace.database, counter, group_id, 2016).of("okoshi")
    assert [r.code for r in okoshi.reasons] == ["not_started"]


def test_an_award_this_year_closes_the_year_for_that_project(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "volunteer")
    project = add_project(workspace, group_id, "見守り", "yasashii", [(FY, "katsudo", "decided")])
    found = what_group_could_receive(workspace.database, counter, group_id, FY)
    mine = found.for_project("yasashii", "katsudo", project)
    assert not mine.eligible and "one_per_year" in [r.code for r in mine.reasons]
    assert found.for_project("yasashii", "katsudo", None).eligible


def test_unknown_group_and_bad_year_are_refused_plainly(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        what_group_could_receive(workspace.database, counter, uuid.uuid4(), FY)
    group_id = register(workspace, counter, "npo")
    with pytest.raises(InputError) as refused:
        what_group_could_receive(workspace.database, counter, group_id, "2026")  # type: ignore[arg-type]
    assert refused.value.field == "fiscal_year"


def test_a_viewer_may_look(workspace, counter, actor_factory) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "chokai", households=300)
    viewer = actor_factory(workspace, "05", StaffRole.VIEWER)
    (new,) = what_group_could_receive(workspace.database, viewer, group_id, FY).of("jichi")
    assert new.max_grantable == 15_000 + 120 * 300
