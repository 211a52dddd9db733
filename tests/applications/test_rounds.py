"""The ① yearly round: every active 町会・自治会 filed at once, from the households on record.

Asserted as the head office would check it: the applications saved and their amounts, the
groups listed as lacking a household count, what kyodo-admin prints against the rows saved.
"""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from conftest import data_args
from sqlalchemy import func, select

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.applications import filing as applications
from kyodo_desktop.services.applications import judging as application_judging
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    ProjectDraft,
    StepDraft,
    create_project,
    get_application,
    open_application,
    record_step,
)
from kyodo_desktop.services.applications.rounds import (
    STANDING_PROJECT_TITLE,
    open_round,
    preview_round,
)
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.groups.registry import GroupDraft, create_group, deactivate_group
from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.reference import Office

FY = 2026
FILED_ON = date(2026, 4, 10)


class Ward:
    """The head office, a counter officer, and the groups of the registry."""

    def __init__(self, workspace, make_actor) -> None:  # type: ignore[no-untyped-def]
        self.workspace = workspace
        self.db = workspace.database
        self.head = make_actor(workspace, "01", StaffRole.HEAD_OFFICE, "協働 花子")
        self.counter = make_actor(workspace, "03", StaffRole.COUNTER, "窓口 三郎")

    def group(
        self,
        name: str,
        kind: str = "chokai",
        households: int | None = None,
        counted_on: date | None = date(2026, 4, 1),
        office: str = "03",
    ) -> uuid.UUID:
        return create_group(
            self.db,
            self.counter,
            GroupDraft(
                name=name,
                name_kana="テスト",
                kind=kind,
                office_code=office,
                households=households,
                households_counted_on=counted_on if households else None,
            ),
        )

    def run(self, fy: int = FY):  # type: ignore[no-untyped-def]
        return open_round(self.db, self.head, "jichi", fy, FILED_ON)

    def rows(self, model, **where):  # type: ignore[no-untyped-def]
        with self.db.reading() as session:
            query = select(model).where(model.deleted_at.is_(None))
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return session.scalars(query).all()

    def applications_of(self, group_id: uuid.UUID) -> list[Application]:
        with self.db.reading() as session:
            return session.scalars(
                select(Application)
                .join(Project, Project.id == Application.project_id)
                .where(Project.group_id == group_id)
            ).all()

    def audit_count(self) -> int:
        with self.db.reading() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.fixture
def ward(workspace, actor_factory) -> Ward:  # type: ignore[no-untyped-def]
    return Ward(workspace, actor_factory)


# The service ------------------------------------------------------------------------


def test_a_chokai_of_1000_households_is_filed_for_140000_yen(ward: Ward) -> None:
    group = ward.group("北町会", households=1000)
    result = ward.run()
    assert (result.count, result.total) == (1, 140_000)
    [application] = ward.applications_of(group)
    # 基礎割 15,000 + 500世帯ごとに 5,000 (1,000世帯: 20,000) + 世帯割 120円×1,000
    assert application.amount_requested == 140_000
    assert application.status == StepKind.FILED
    assert (application.fiscal_year, application.programme_code) == (FY, "jichi")
    assert (application.households, application.households_counted_on) == (1000, date(2026, 4, 1))
    with ward.db.reading() as session:
        office = session.get(Office, application.office_id)
        project = session.get(Project, application.project_id)
        [step] = session.scalars(
            select(ApplicationStep).where(ApplicationStep.application_id == application.id)
        ).all()
    assert office.code == "03"  # filed at the office in charge of the 町会, not the head office's
    assert project.title == STANDING_PROJECT_TITLE
    assert (step.kind, step.occurred_on, step.staff_id) == (
        StepKind.FILED,
        FILED_ON,
        ward.head.staff_id,
    )
    assert result.opened[0].name == "北町会"
    assert result.opened[0].households == 1000


def test_a_chokai_without_households_is_listed_and_not_opened(ward: Ward) -> None:
    ward.group("北町会", households=800)
    missing = ward.group("南自治会", households=None)
    result = ward.run()
    assert [(e.name, e.office_code) for e in result.lacking] == [("南自治会", "03")]
    assert result.count == 1
    assert ward.applications_of(missing) == []


def test_an_npo_and_an_inactive_chokai_are_never_included(ward: Ward) -> None:
    npo = ward.group("まちづくりNPO", kind="npo")
    volunteers = ward.group("見守りの会", kind="volunteer")
    closed = ward.group("東町会", households=600)
    deactivate_group(ward.db, ward.counter, closed)
    ward.group("西町会", households=600)
    result = ward.run()
    every = result.opened + result.lacking + result.skipped + result.refused
    assert [e.name for e in every] == ["西町会"]
    assert ward.applications_of(npo) == ward.applications_of(volunteers) == []
    assert ward.applications_of(closed) == []


def test_a_second_run_for_the_same_year_opens_nothing(ward: Ward) -> None:
    ward.group("北町会", households=1000)
    ward.group("南町会", households=400)
    first = ward.run()
    assert first.count == 2
    second = ward.run()
    assert (second.count, second.total) == (0, 0)
    assert sorted(e.name for e in second.skipped) == ["北町会", "南町会"]
    assert {e.status for e in second.skipped} == {StepKind.FILED}
    assert len(ward.rows(Application)) == 2
    assert len(ward.rows(Project)) == 2  # no second standing project either
    # Another 年度 is another round: the same standing project gets its next application.
    assert ward.run(FY + 1).count == 2
    assert len(ward.rows(Project)) == 2


def test_the_project_that_has_jichi_applications_is_the_one_used(ward: Ward) -> None:
    group = ward.group("北町会", households=1000)
    create_project(ward.db, ward.counter, ProjectDraft(group, "防災訓練"))
    standing = create_project(ward.db, ward.counter, ProjectDraft(group, "町会活動"))
    open_application(
        ward.db,
        ward.head,
        ApplicationDraft(standing, "jichi", FY - 1, opened_on=date(2025, 4, 10)),
    )
    ward.run()
    [this_year] = [a for a in ward.applications_of(group) if a.fiscal_year == FY]
    assert this_year.project_id == standing
    assert len(ward.rows(Project, group_id=group)) == 2


def test_a_withdrawn_application_of_the_year_is_skipped_not_filed_again(ward: Ward) -> None:
    group = ward.group("北町会", households=1000)
    project = create_project(ward.db, ward.counter, ProjectDraft(group, "町会活動"))
    found = open_application(
        ward.db, ward.head, ApplicationDraft(project, "jichi", FY, opened_on=FILED_ON)
    )
    record_step(
        ward.db,
        ward.head,
        found,
        StepDraft(StepKind.WITHDRAWN, date(2026, 5, 1)),
        row_version=ward.rows(Application, id=found)[0].row_version,
    )
    result = ward.run()
    assert result.count == 0
    assert [(e.name, e.status, e.application_id) for e in result.skipped] == [
        ("北町会", StepKind.WITHDRAWN, found)
    ]


def test_a_group_the_rules_refuse_leaves_no_row_while_the_others_are_saved(
    ward: Ward, monkeypatch: pytest.MonkeyPatch
) -> None:
    ward.group("北町会", households=1000)
    refused = ward.group("南町会", households=700)
    ward.group("東町会", households=300)
    real_judge = application_judging.judge

    def refusing(uow, row, group, amount, **kwargs):  # type: ignore[no-untyped-def]
        judgement = real_judge(uow, row, group, amount)
        if group.id != refused:
            return judgement
        # The refusal comes after the application and its audit entries were flushed:
        # only the savepoint can take them back.
        reason = application_judging.Reason(
            "kind", "テストのための拒否です", application_judging.Severity.BLOCK
        )
        return application_judging.Judgement(judgement.evaluation, (reason,))

    monkeypatch.setattr(applications, "judge", refusing)
    result = ward.run()
    assert sorted(e.name for e in result.opened) == ["北町会", "東町会"]
    assert [(e.name, e.reasons) for e in result.refused] == [
        ("南町会", ("テストのための拒否です",))
    ]
    assert ward.applications_of(refused) == []
    assert ward.rows(Project, group_id=refused) == []  # its new standing project went too
    assert len(ward.rows(Application)) == len(ward.rows(ApplicationStep)) == 2
    with ward.db.reading() as session:
        mentions = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity != "civic_group", AuditEntry.after.contains(str(refused)))
        )
        checked, broken = audit_trail.verify(session)
    assert mentions == 0
    assert broken is None and checked == ward.audit_count()


def test_a_count_dated_before_the_desk_years_is_refused_with_the_reason(ward: Ward) -> None:
    old = ward.group("古町会", households=500, counted_on=date(1985, 4, 1))
    ward.group("新町会", households=500)
    result = ward.run()
    assert [e.name for e in result.opened] == ["新町会"]
    [entry] = result.refused
    assert entry.name == "古町会"
    assert "加入世帯数の基準日" in entry.reasons[0]
    assert ward.applications_of(old) == []
    assert ward.rows(Project, group_id=old) == []


def test_a_counter_officer_may_not_open_the_round(ward: Ward) -> None:
    group = ward.group("北町会", households=1000)
    before = ward.audit_count()
    with pytest.raises(PermissionDeniedError, match="協働推進課"):
        open_round(ward.db, ward.counter, "jichi", FY, FILED_ON)
    assert ward.applications_of(group) == []
    assert ward.audit_count() == before


@pytest.mark.parametrize(
    ("programme", "fy", "message"),
    [
        ("hiroba", FY, "①自治活動推進協力費（jichi）だけです（指定: hiroba）"),
        ("nothing", FY, "①自治活動推進協力費（jichi）だけです"),
        ("jichi", 2005, "平成19年度以降の年度で指定してください"),
        ("jichi", 99_999, "以降の年度で指定してください"),
    ],
)
def test_another_programme_or_a_year_outside_it_is_refused(
    ward: Ward, programme: str, fy: int, message: str
) -> None:
    ward.group("北町会", households=1000)
    with pytest.raises(InputError, match=re.escape(message)):
        open_round(ward.db, ward.head, programme, fy, FILED_ON)
    with pytest.raises(InputError, match=re.escape(message)):
        preview_round(ward.db, ward.head, programme, fy)
    assert ward.rows(Application) == []


def test_the_audit_trail_records_the_round_and_every_application(ward: Ward) -> None:
    ward.group("北町会", households=1000)
    ward.group("南町会", households=400)
    result = ward.run()
    with ward.db.reading() as session:
        [event] = session.scalars(select(AuditEntry).where(AuditEntry.action == "open_round")).all()
        created = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "create", AuditEntry.entity == "application")
        )
    assert event.staff_id == ward.head.staff_id
    assert '"opened": 2' in event.after and f'"total": {result.total}' in event.after
    assert created == 2


def test_the_preview_tells_what_the_round_does_and_saves_nothing(ward: Ward) -> None:
    ward.group("北町会", households=1000)
    ward.group("南町会", households=1234)
    ward.group("西町会")
    ward.group("古町会", households=500, counted_on=date(1985, 4, 1))
    before = ward.audit_count()
    preview = preview_round(ward.db, ward.head, "jichi", FY, opened_on=FILED_ON)
    assert ward.audit_count() == before and ward.rows(Project) == []
    assert not preview.saved
    result = ward.run()
    assert result.saved
    assert (preview.count, preview.total) == (result.count, result.total) == (2, 140_000 + 168_080)
    assert [e.name for e in preview.lacking] == [e.name for e in result.lacking] == ["西町会"]
    assert [e.name for e in preview.refused] == [e.name for e in result.refused] == ["古町会"]
    assert preview_round(ward.db, ward.head, "jichi", FY).count == 0  # now all skipped


# kyodo-admin ------------------------------------------------------------------------


def admin(ward: Ward, *args: str) -> int:
    return main(["applications", "open-round", *data_args(ward.workspace), *args])


def test_kyodo_admin_prints_the_count_and_total_of_the_rows_saved(ward: Ward, capsys) -> None:  # type: ignore[no-untyped-def]
    ward.group("北町会", households=1000)
    ward.group("南町会", households=400)
    ward.group("西町会")
    code = admin(
        ward, "--fiscal-year", "2026", "--date", "2026-04-10", "--staff", ward.head.login_id
    )
    out = capsys.readouterr().out
    assert code == 0
    saved = ward.rows(Application, fiscal_year=FY)
    total = sum(a.amount_requested for a in saved)
    assert out.splitlines()[0] == (
        f"令和8年度 自治活動推進協力費: {len(saved)}件 合計 {total:,}円を申請として登録しました"
    )
    assert len(saved) == 2 and total == 140_000 + 63_000
    assert "加入世帯数が登録されていない町会・自治会: 1件" in out
    assert "西町会（03 " in out
    assert all(step.occurred_on == FILED_ON for step in ward.rows(ApplicationStep))
    # Again: nothing opened, both listed as filed already.
    assert admin(ward, "--fiscal-year", "2026", "--staff", ward.head.login_id) == 0
    again = capsys.readouterr().out
    assert again.splitlines()[0] == (
        "令和8年度 自治活動推進協力費: "
        "新しく申請として登録する町会・自治会はありませんでした（0件 合計 0円）"
    )
    assert "既に申請があるため対象外: 2件" in again
    assert "北町会（03 " in again and "（交付申請）" in again


def test_kyodo_admin_dry_run_prints_the_preview_and_saves_nothing(ward: Ward, capsys) -> None:  # type: ignore[no-untyped-def]
    ward.group("北町会", households=1000)
    assert admin(ward, "--fiscal-year", "2026", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "令和8年度 自治活動推進協力費: 1件 合計 140,000円を申請として登録します"
        "（確認のみ。まだ登録していません）"
    )
    assert ward.rows(Application) == []


HEAD = "<head office login>"  # replaced by the head-office officer's login ID


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fiscal-year", "2026", "--programme", "hiroba", "--staff", HEAD], "（jichi）だけです"),
        (["--fiscal-year", "令和八", "--staff", HEAD], "--fiscal-year には年度を西暦の数字で"),
        (["--fiscal-year", "abc", "--staff", HEAD], "--fiscal-year には年度を西暦の数字で"),
        (["--staff", HEAD], "--fiscal-year に年度を西暦で指定してください"),
        (["--fiscal-year", "2026", "--date", "あした", "--staff", HEAD], "--date は YYYY-MM-DD"),
        (["--fiscal-year", "2026", "--staff", "nobody"], "の職員はいません"),
    ],
)
def test_kyodo_admin_refuses_bad_input_in_japanese(ward: Ward, capsys, args, message) -> None:  # type: ignore[no-untyped-def]
    ward.group("北町会", households=1000)
    args = [ward.head.login_id if arg == HEAD else arg for arg in args]
    assert admin(ward, *args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("kyodo-admin: ") and message in captured.err
    assert ward.rows(Application) == []


def test_kyodo_admin_refuses_a_counter_officer(ward: Ward, capsys) -> None:  # type: ignore[no-untyped-def]
    ward.group("北町会", households=1000)
    assert admin(ward, "--fiscal-year", "2026", "--staff", ward.counter.login_id) == 2
    assert "協働推進課" in capsys.readouterr().err
    assert ward.rows(Application) == []


def test_a_full_width_year_is_read_as_the_number(ward: Ward, capsys) -> None:  # type: ignore[no-untyped-def]
    ward.group("北町会", households=1000)
    assert admin(ward, "--fiscal-year", "２０２６", "--staff", ward.head.login_id) == 0
    assert capsys.readouterr().out.startswith("令和8年度 自治活動推進協力費: 1件")


def test_the_command_of_the_issue_runs_as_the_program_itself(ward: Ward, capsys) -> None:  # type: ignore[no-untyped-def]
    """`kyodo-admin applications open-round --programme jichi --fiscal-year FY`, no --staff."""
    ward.group("北町会", households=1000)
    assert admin(ward, "--programme", "jichi", "--fiscal-year", "2026") == 0
    out = capsys.readouterr().out
    assert "令和8年度 自治活動推進協力費: 1件 合計 140,000円を申請として登録しました" in out
    [application] = ward.rows(Application)
    view = get_application(ward.db, ward.head, application.id)
    assert [(s.kind, s.staff_name, s.amount) for s in view.steps] == [
        (StepKind.FILED, "システム", 140_000)
    ]
