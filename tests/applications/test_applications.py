"""Applications through the services: every step of a subsidy's life and every refusal.

The refusals an officer meets are asserted by their Japanese message (what a person reads);
the amounts by what is stored on the application (what a person sees on its page).
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    BudgetLineDraft,
    MonthDraft,
    ProjectDraft,
    StepDraft,
    change_application,
    create_project,
    get_application,
    open_application,
    record_step,
    set_budget_lines,
    set_months,
)
from kyodo_desktop.services.errors import (
    InputError,
    PermissionDeniedError,
    RulesRefusalError,
    StaleRecordError,
)
from kyodo_desktop.services.figures.year import year_figures
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.store.applications import Application, ApplicationStep

K = StepKind


class Desk:
    """A counter officer of office 01, the head office, and groups to apply for."""

    def __init__(self, workspace, make_actor) -> None:  # type: ignore[no-untyped-def]
        self.db = workspace.database
        self.counter = make_actor(workspace, "01", StaffRole.COUNTER, "窓口 一郎")
        self.other_counter = make_actor(workspace, "02", StaffRole.COUNTER, "窓口 二郎")
        self.head = make_actor(workspace, "01", StaffRole.HEAD_OFFICE, "協働 花子")
        self.viewer = make_actor(workspace, "01", StaffRole.VIEWER, "閲覧 三郎")

    def group(self, kind: str = "volunteer", households: int | None = None) -> uuid.UUID:
        name = f"テスト団体{uuid.uuid4().hex[:8]}"
        return create_group(
            self.db,
            self.counter,
            GroupDraft(
                name=name,
                name_kana="テストダンタイ",
                kind=kind,
                households=households,
                households_counted_on=date(2026, 4, 1) if households else None,
            ),
        )

    def project(self, group_id: uuid.UUID, title: str = "花いっぱい運動") -> uuid.UUID:
        return create_project(self.db, self.counter, ProjectDraft(group_id, title))

    def file(self, project_id: uuid.UUID, programme: str, fy: int = 2026, **fields):  # type: ignore[no-untyped-def]
        actor = fields.pop("actor", self.counter)
        override = fields.pop("override_reason", None)
        fields.setdefault("opened_on", date(fy, 5, 10))
        return open_application(
            self.db,
            actor,
            ApplicationDraft(
                project_id=project_id, programme_code=programme, fiscal_year=fy, **fields
            ),
            override_reason=override,
        )

    def step(self, app_id, kind, day, amount=None, *, actor=None, override_reason=None, **extra):  # type: ignore[no-untyped-def]
        view = get_application(self.db, self.head, app_id)
        return record_step(
            self.db,
            actor or (self.counter if kind in COUNTER else self.head),
            app_id,
            StepDraft(kind, day, amount, **extra),
            row_version=view.row_version,
            override_reason=override_reason,
        )

    def award(self, project_id, programme, fy, division=None, amount=50_000):  # type: ignore[no-untyped-def]
        app = self.file(project_id, programme, fy, division=division, amount_requested=amount)
        self.step(app, K.DECIDED, date(fy, 6, 1), amount)
        return app


COUNTER = {K.PRIOR_CONSULTATION, K.FILED, K.WITHDRAWN, K.REPORTED, K.CLAIMED}


@pytest.fixture
def desk(workspace, actor_factory) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(workspace, actor_factory)


def test_a_capped_application_goes_from_prior_consultation_to_payment(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(
        project,
        "yasashii",
        division="katsudo",
        first_step=K.PRIOR_CONSULTATION,
        opened_on=date(2026, 4, 20),
    )
    view = get_application(desk.db, desk.counter, app)
    assert view.status is K.PRIOR_CONSULTATION
    assert set(view.next_steps) == {K.FILED, K.WITHDRAWN}
    desk.step(app, K.FILED, date(2026, 5, 1), 180_000, document_number="申請第1号")
    desk.step(app, K.REVIEW, date(2026, 5, 20))
    desk.step(app, K.DECIDED, date(2026, 6, 1), 150_000, document_number="練福管第12号")
    desk.step(app, K.REPORTED, date(2027, 3, 10), 140_000)
    desk.step(app, K.CONFIRMED, date(2027, 3, 20), 140_000)
    view = desk.step(app, K.CLAIMED, date(2027, 3, 22))
    assert view.steps[-1].amount == 140_000  # the claim is the confirmed amount by default
    view = desk.step(app, K.PAID, date(2027, 3, 31), 140_000)
    assert (
        view.amount_requested,
        view.amount_decided,
        view.amount_confirmed,
        view.amount_paid,
    ) == (
        180_000,
        150_000,
        140_000,
        140_000,
    )
    assert [s.kind for s in view.steps] == [
        K.PRIOR_CONSULTATION, K.FILED, K.REVIEW, K.DECIDED, K.REPORTED, K.CONFIRMED, K.CLAIMED, K.PAID,
    ]  # fmt: skip
    decided = view.steps[3]
    assert (decided.document_number, decided.staff_name) == ("練福管第12号", "協働 花子")
    assert decided.recorded_at is not None
    assert view.next_steps == ()


def test_an_advance_payment_is_settled_or_the_difference_refunded(desk: Desk) -> None:
    months = tuple(MonthDraft(2026, m, 10, 50_000) for m in (4, 5, 6))
    project = desk.project(desk.group("npo"), "地域の相談窓口")
    # ⑤: 6,000円×30日 + 50,000円×3か月 = 330,000円
    app = desk.file(project, "hiroba", operating_cost=200_000, months=months)
    view = get_application(desk.db, desk.counter, app)
    assert view.amount_requested == 330_000
    desk.step(app, K.DECIDED, date(2026, 6, 1), 330_000)
    view = desk.step(app, K.ADVANCE_PAID, date(2026, 6, 15))
    assert view.amount_paid == 330_000
    assert K.CLAIMED not in view.next_steps
    desk.step(app, K.REPORTED, date(2027, 4, 10))
    view = desk.step(app, K.CONFIRMED, date(2027, 4, 20), 300_000)
    assert view.next_steps == (K.REFUNDED,)
    refused = next(o for o in view.offers if o.kind is K.SETTLED)
    assert "差額の返還" in refused.reason
    view = desk.step(app, K.REFUNDED, date(2027, 5, 1))
    assert view.steps[-1].amount == 30_000
    assert view.amount_paid == 300_000


def test_settling_pays_the_rest_when_the_advance_was_less(desk: Desk) -> None:
    project = desk.project(desk.group("npo"))
    app = desk.file(project, "hiroba", months=(MonthDraft(2026, 4, 10, 20_000),))
    desk.step(app, K.DECIDED, date(2026, 6, 1), 80_000)  # 60,000 + 20,000
    desk.step(app, K.ADVANCE_PAID, date(2026, 6, 2), 50_000)
    desk.step(app, K.REPORTED, date(2027, 4, 1))
    view = desk.step(app, K.CONFIRMED, date(2027, 4, 2), 80_000)
    assert view.next_steps == (K.SETTLED,)
    view = desk.step(app, K.SETTLED, date(2027, 4, 3))
    # 精算額 is the confirmed amount; 30,000円 more is paid on top of the advance.
    assert (view.steps[-1].amount, view.amount_paid) == (80_000, 80_000)


def test_a_change_approval_and_a_withdrawal_and_a_rejection(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "machizukuri", division="habataki", amount_requested=300_000)
    desk.step(app, K.DECIDED, date(2026, 6, 1), 250_000)
    view = desk.step(app, K.CHANGE_APPROVED, date(2026, 9, 1), 200_000, note="規模縮小")
    assert view.amount_decided == 200_000
    view = desk.step(app, K.WITHDRAWN, date(2026, 10, 1))
    assert view.status is K.WITHDRAWN and view.next_steps == ()
    other = desk.file(desk.project(desk.group(), "別の事業"), "machizukuri", division="tamago")
    view = desk.step(other, K.REJECTED, date(2026, 6, 1), document_number="不採択第3号")
    assert view.status is K.REJECTED
    with pytest.raises(InputError, match="「不採択」で手続きが終わっています"):
        desk.step(other, K.DECIDED, date(2026, 6, 2), 50_000)


@pytest.mark.parametrize(
    ("done", "kind", "message"),
    [
        ([], K.REVIEW, "まず事前相談か交付申請"),
        ([(K.FILED, 100_000)], K.FILED, "交付申請は提出済み"),
        ([(K.FILED, 100_000)], K.REPORTED, "実績報告は交付決定の後"),
        ([(K.FILED, 100_000)], K.PAID, "支払は交付決定の後"),
        ([(K.FILED, 100_000), (K.DECIDED, 100_000)], K.ADVANCE_PAID, "この事業は概算払をしません"),
        ([(K.FILED, 100_000), (K.DECIDED, 100_000)], K.CONFIRMED, "額の確定は実績報告の後"),
        ([(K.FILED, 100_000), (K.DECIDED, 100_000)], K.REJECTED, "交付決定済み"),
        ([(K.FILED, 100_000), (K.DECIDED, 100_000)], K.SETTLED, "概算払をしていないので精算"),
        (
            [(K.FILED, 100_000), (K.DECIDED, 100_000), (K.REPORTED, None)],
            K.WITHDRAWN,
            "実績報告の後は取下げできません",
        ),
        (
            [(K.FILED, 100_000), (K.DECIDED, 100_000), (K.REPORTED, None), (K.CONFIRMED, 90_000)],
            K.PAID,
            "支払は請求の後",
        ),
    ],
)
def test_a_step_out_of_order_is_refused_with_the_reason(desk: Desk, done, kind, message) -> None:  # type: ignore[no-untyped-def]
    project = desk.project(desk.group())
    first, amount = done[0] if done else (K.PRIOR_CONSULTATION, None)
    app = desk.file(
        project, "yasashii", division="katsudo", first_step=first, amount_requested=amount
    )
    if not done:
        # Nothing recorded yet is impossible through the services; judge the lifecycle directly.
        from kyodo_desktop.rules.lifecycle import Progress, apply_step

        with pytest.raises(ValueError, match=message):
            apply_step(Progress(), kind, date(2026, 5, 1))
        return
    for index, (step, value) in enumerate(done[1:], start=1):
        desk.step(app, step, date(2026, 6, index), value)
    before = get_application(desk.db, desk.head, app)
    with pytest.raises(InputError, match=message):
        desk.step(app, kind, date(2026, 12, 1), 10_000 if kind is K.PAID else None)
    after = get_application(desk.db, desk.head, app)
    assert after.steps == before.steps and after.row_version == before.row_version


def test_amounts_that_do_not_add_up_are_refused(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    with pytest.raises(InputError, match="申請額（100,000円）を超えて交付決定できません"):
        desk.step(app, K.DECIDED, date(2026, 6, 1), 120_000)
    desk.step(app, K.DECIDED, date(2026, 6, 1), 100_000)
    desk.step(app, K.REPORTED, date(2027, 3, 1))
    with pytest.raises(InputError, match="交付決定額（100,000円）を超えて確定できません"):
        desk.step(app, K.CONFIRMED, date(2027, 3, 2), 100_001)
    with pytest.raises(InputError, match="前の手続き"):
        desk.step(app, K.CONFIRMED, date(2027, 2, 1), 90_000)


@pytest.mark.parametrize(
    ("setup", "programme", "fy", "fields", "message"),
    [
        (
            "none",
            "yasashii",
            2026,
            {"division": "hajime", "amount_requested": 60_000},
            "上限 50,000円 を超えています",
        ),
        (
            "habataki3",
            "machizukuri",
            2026,
            {"division": "habataki", "amount_requested": 100_000},
            "はばたき部門は1事業3回まで",
        ),
        ("none", "teian", 2016, {"amount_requested": 100_000}, "平成27年度で終了しました"),
        ("okoshi3", "okoshi", 2026, {"amount_requested": 500_000}, "1事業3年度まで"),
        ("npo", "jichi", 2026, {}, "対象は町会・自治会です"),
    ],
)
def test_the_rules_refuse_an_application_with_their_own_reasons(
    desk: Desk,
    setup,
    programme,
    fy,
    fields,
    message,  # type: ignore[no-untyped-def]
) -> None:
    group = desk.group("npo" if setup == "npo" else "volunteer")
    project = desk.project(group)
    if setup == "habataki3":
        for year in (2022, 2023, 2024):
            desk.award(project, "machizukuri", year, "habataki")
    if setup == "okoshi3":
        for year in (2018, 2020, 2024):
            desk.award(project, "okoshi", year)
    count_before = _count(desk)
    with pytest.raises(RulesRefusalError, match=message) as refused:
        desk.file(project, programme, fy, **fields)
    assert not refused.value.overridable  # a counter officer cannot override
    assert any(message in reason for reason in refused.value.reasons)
    # A closed programme is closed to everyone; the rest may go to the head office.
    assert ("協働推進課に相談" in refused.value.message) != (setup == "none" and fy == 2016)
    assert _count(desk) == count_before  # nothing saved half-way


def _count(desk: Desk) -> tuple[int, int]:
    with desk.db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Application)) or 0,
            session.scalar(select(func.count()).select_from(ApplicationStep)) or 0,
        )


def test_the_rules_judge_again_at_the_decision(desk: Desk) -> None:
    """A fourth はばたき award is refused at the decision, even if the filing was allowed."""
    project = desk.project(desk.group())
    for year in (2022, 2023):
        desk.award(project, "machizukuri", year, "habataki")
    pending = [
        desk.file(project, "machizukuri", fy, division="habataki", amount_requested=100_000)
        for fy in (2024, 2025)
    ]
    desk.step(pending[0], K.DECIDED, date(2024, 7, 1), 100_000)
    with pytest.raises(RulesRefusalError, match="交付決定済み3回") as refused:
        desk.step(pending[1], K.DECIDED, date(2025, 7, 1), 100_000)
    assert refused.value.overridable  # the head office may, with a reason


def test_the_head_office_overrides_with_a_written_reason_kept_on_the_application(
    desk: Desk,
) -> None:
    project = desk.project(desk.group("npo"))
    with pytest.raises(InputError, match="10文字以上"):
        desk.file(
            project, "jichi", actor=desk.head, amount_requested=20_000, override_reason="特例"
        )
    app = desk.file(
        project,
        "jichi",
        actor=desk.head,
        amount_requested=20_000,
        override_reason="町会の連合体として活動しており、区長決裁により対象と認めた。",
    )
    view = get_application(desk.db, desk.counter, app)
    assert view.override_reason == "町会の連合体として活動しており、区長決裁により対象と認めた。"
    assert view.override_staff_name == "協働 花子"
    filed = view.steps[0]
    assert filed.override_reason == view.override_reason
    assert any("対象は町会・自治会です" in text for text in filed.overridden_reasons)
    with pytest.raises(PermissionDeniedError, match="協働推進課に依頼"):
        desk.file(
            project,
            "jichi",
            2027,
            amount_requested=20_000,
            override_reason="理由はちゃんと書きました。",
        )


def test_jichi_asks_for_the_amount_from_the_households(desk: Desk) -> None:
    project = desk.project(desk.group("chokai", households=1_000), "自治活動")
    app = desk.file(project, "jichi")
    view = get_application(desk.db, desk.counter, app)
    # 基礎割 20,000 (1,000 households: 15,000 + one full block of 500) + 世帯割 120,000
    assert view.amount_requested == 140_000
    no_count = desk.project(desk.group("chokai"), "自治活動")
    with pytest.raises(RulesRefusalError, match="加入世帯数が必要です"):
        desk.file(no_count, "jichi")


def test_who_may_record_which_step(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    with pytest.raises(PermissionDeniedError, match="協働推進課が記録します"):
        desk.step(app, K.DECIDED, date(2026, 6, 1), 100_000, actor=desk.counter)
    with pytest.raises(PermissionDeniedError, match="他の事務所の申請です"):
        desk.step(app, K.WITHDRAWN, date(2026, 6, 1), actor=desk.other_counter)
    with pytest.raises(PermissionDeniedError):
        desk.step(app, K.WITHDRAWN, date(2026, 6, 1), actor=desk.viewer)
    with pytest.raises(PermissionDeniedError, match="他の事務所の記録です"):
        get_application(desk.db, desk.other_counter, app)  # office-bound, like cases
    view = get_application(desk.db, desk.counter, app)
    decided = next(o for o in view.offers if o.kind is K.DECIDED)
    assert not decided.allowed and "協働推進課" in decided.reason


def test_a_stale_step_is_refused(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    opened = get_application(desk.db, desk.head, app)
    desk.step(app, K.REVIEW, date(2026, 5, 20))
    with pytest.raises(StaleRecordError):
        record_step(
            desk.db,
            desk.head,
            app,
            StepDraft(K.REJECTED, date(2026, 6, 1)),
            row_version=opened.row_version,
        )


def test_budget_and_actual_lines_must_balance(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    lines = (
        BudgetLineDraft("income", "助成金", 100_000),
        BudgetLineDraft("income", "会費", 20_000),
        BudgetLineDraft("expense", "会場費", 70_000),
        BudgetLineDraft("expense", "印刷製本費", 40_000),
    )
    version = get_application(desk.db, desk.counter, app).row_version
    with pytest.raises(
        InputError, match="収入合計（120,000円）と支出合計（110,000円）が一致しません"
    ):
        set_budget_lines(desk.db, desk.counter, app, "budget", lines, row_version=version)
    balanced = (*lines, BudgetLineDraft("expense", "消耗品費", 10_000))
    view = set_budget_lines(desk.db, desk.counter, app, "budget", balanced, row_version=version)
    assert (view.total("budget", "income"), view.total("budget", "expense")) == (120_000, 120_000)
    assert view.row_version > version
    with pytest.raises(InputError, match="交付決定の後、実績報告のときに"):
        set_budget_lines(
            desk.db, desk.counter, app, "actual", balanced, row_version=view.row_version
        )
    desk.step(app, K.DECIDED, date(2026, 6, 1), 100_000)
    view = get_application(desk.db, desk.counter, app)
    view = set_budget_lines(
        desk.db,
        desk.counter,
        app,
        "actual",
        (*balanced[:2], BudgetLineDraft("expense", "会場費", 120_000)),
        row_version=view.row_version,
    )
    assert [line.item for line in view.lines["actual"]] == ["助成金", "会費", "会場費"]


def test_hiroba_months_as_planned_and_as_reported(desk: Desk) -> None:
    project = desk.project(desk.group("npo"))
    app = desk.file(project, "hiroba", months=(MonthDraft(2026, 4, 10, 20_000),))
    view = get_application(desk.db, desk.counter, app)
    with pytest.raises(InputError, match="令和8年度の月ではありません"):
        set_months(
            desk.db,
            desk.counter,
            app,
            "budget",
            (MonthDraft(2027, 4, 1, 0),),
            None,
            row_version=view.row_version,
        )
    view = set_months(
        desk.db,
        desk.counter,
        app,
        "budget",
        (MonthDraft(2026, 4, 10, 20_000), MonthDraft(2026, 5, 12, 20_000)),
        100_000,
        row_version=view.row_version,
    )
    assert [m.month for m in view.months["budget"]] == [4, 5]
    assert view.operating_cost == 100_000
    other = desk.file(
        desk.project(desk.group()), "yasashii", division="katsudo", amount_requested=10_000
    )
    with pytest.raises(InputError, match="相談情報ひろば運営支援だけ"):
        version = get_application(desk.db, desk.counter, other).row_version
        set_months(desk.db, desk.counter, other, "budget", (), None, row_version=version)


def test_the_facts_are_corrected_before_the_decision_only(desk: Desk) -> None:
    project = desk.project(desk.group("chokai", households=600))
    app = desk.file(project, "jichi")
    view = get_application(desk.db, desk.counter, app)
    draft = ApplicationDraft(
        project,
        "jichi",
        2026,
        households=700,
        households_counted_on=date(2026, 4, 1),
        purpose="防犯パトロール",
    )
    view = change_application(desk.db, desk.counter, app, draft, row_version=view.row_version)
    assert (view.households, view.purpose) == (700, "防犯パトロール")
    assert view.amount_requested == 99_000  # 15,000 + 120×700, from the corrected count
    desk.step(app, K.DECIDED, date(2026, 6, 1), 99_000)  # 15,000 + 120×700
    view = get_application(desk.db, desk.counter, app)
    with pytest.raises(InputError, match="変更承認を記録してください"):
        change_application(desk.db, desk.counter, app, draft, row_version=view.row_version)


REASON = "区長決裁により特例として認めた（協議記録あり）。"


def test_the_head_office_overrides_a_decision_and_a_change_with_a_reason(desk: Desk) -> None:
    project = desk.project(desk.group())
    for year in (2022, 2023, 2024):
        desk.award(project, "machizukuri", year, "habataki")
    app = desk.file(
        project,
        "machizukuri",
        2025,
        division="habataki",
        amount_requested=300_000,
        actor=desk.head,
        override_reason=REASON,
    )
    with pytest.raises(RulesRefusalError, match="交付決定済み3回") as refused:
        desk.step(app, K.DECIDED, date(2025, 7, 1), 300_000)
    assert refused.value.overridable
    with pytest.raises(InputError, match="10文字以上"):
        desk.step(app, K.DECIDED, date(2025, 7, 1), 300_000, override_reason="特例")
    with pytest.raises(PermissionDeniedError):
        desk.step(
            app, K.DECIDED, date(2025, 7, 1), 300_000, actor=desk.counter, override_reason=REASON
        )
    view = desk.step(app, K.DECIDED, date(2025, 7, 1), 300_000, override_reason=REASON)
    decided = view.steps[-1]
    assert decided.override_reason == REASON and view.override_on == date(2025, 7, 1)
    assert any("はばたき部門は1事業3回まで" in text for text in decided.overridden_reasons)
    # 変更承認 is judged too: over the cap it needs its own written reason.
    with pytest.raises(
        RulesRefusalError, match="交付決定額 350,000円 は上限 300,000円 を超えています"
    ):
        desk.step(app, K.CHANGE_APPROVED, date(2025, 9, 1), 350_000)
    change = "事業の拡大を区が依頼したため、上限を超えて変更を承認する。"
    view = desk.step(app, K.CHANGE_APPROVED, date(2025, 9, 1), 350_000, override_reason=change)
    assert view.override_reason == change and view.steps[-1].override_reason == change


def test_a_reason_is_not_kept_where_the_rules_allow(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    with pytest.raises(InputError, match="理由を消してから"):
        desk.step(app, K.DECIDED, date(2026, 6, 1), 100_000, override_reason=REASON)
    project = desk.project(desk.group("npo"))
    with pytest.raises(InputError, match="申請額を入力してください"):
        desk.file(project, "jichi", actor=desk.head, override_reason=REASON)


def test_jichi_is_once_a_year_per_chokai_whatever_the_project(desk: Desk) -> None:
    group = desk.group("chokai", households=1_000)
    first = desk.file(desk.project(group, "自治活動"), "jichi")
    desk.step(first, K.DECIDED, date(2026, 6, 1), 140_000)
    with pytest.raises(RulesRefusalError, match="1年度1回まで"):
        desk.file(desk.project(group, "もう一つの事業"), "jichi")
    desk.file(desk.project(group, "翌年度"), "jichi", 2027)  # next 年度 is fine


def test_a_corrected_request_is_judged_again(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    view = get_application(desk.db, desk.counter, app)
    draft = ApplicationDraft(project, "yasashii", 2026, "katsudo", amount_requested=9_999_999)
    with pytest.raises(RulesRefusalError, match="上限 200,000円 を超えています"):
        change_application(desk.db, desk.counter, app, draft, row_version=view.row_version)
    assert get_application(desk.db, desk.counter, app).amount_requested == 100_000


def test_a_closed_programme_takes_not_even_a_prior_consultation(desk: Desk) -> None:
    project = desk.project(desk.group())
    with pytest.raises(RulesRefusalError, match="平成27年度で終了しました"):
        desk.file(project, "teian", 2026, first_step=K.PRIOR_CONSULTATION)


def test_decisions_claims_and_confirmations_that_do_not_add_up(desk: Desk) -> None:
    project = desk.project(desk.group())
    app = desk.file(project, "yasashii", division="katsudo", amount_requested=100_000)
    with pytest.raises(InputError, match="不採択を記録してください"):
        desk.step(app, K.DECIDED, date(2026, 6, 1), 0)
    desk.step(app, K.DECIDED, date(2026, 6, 1), 100_000)
    desk.step(app, K.REPORTED, date(2027, 3, 1), 80_000)
    with pytest.raises(InputError, match="実績額（80,000円）を超えて確定できません"):
        desk.step(app, K.CONFIRMED, date(2027, 3, 2), 90_000)
    view = get_application(desk.db, desk.head, app)
    assert next(o for o in view.offers if o.kind is K.CONFIRMED).suggested_amount == 80_000
    desk.step(app, K.CONFIRMED, date(2027, 3, 2), 80_000)
    with pytest.raises(InputError, match="確定額の残り（80,000円）"):
        desk.step(app, K.CLAIMED, date(2027, 3, 3), 50_000)


def test_the_head_office_files_at_the_office_in_charge_of_the_group(
    desk: Desk,
    workspace,
    actor_factory,  # type: ignore[no-untyped-def]
) -> None:
    group = create_group(
        desk.db,
        desk.other_counter,
        GroupDraft(name="出張所の会", name_kana="シュッチョウジョノカイ", kind="volunteer"),
    )  # in the charge of office 02
    project = desk.project(group)
    app = desk.file(
        project, "yasashii", division="katsudo", amount_requested=50_000, actor=desk.head
    )
    view = desk.step(app, K.WITHDRAWN, date(2026, 6, 1), actor=desk.other_counter)
    assert view.status is K.WITHDRAWN


def test_two_projects_of_one_group_are_one_group_funded(desk: Desk) -> None:
    group = desk.group()
    first, second = desk.project(group), desk.project(group, "子ども食堂の運営")
    desk.award(first, "yasashii", 2026, "katsudo")
    desk.award(second, "yasashii", 2026, "katsudo")
    with desk.db.reading() as session:
        # Each application carries its project's group: the figures count groups from it.
        assert list(session.scalars(select(Application.group_id))) == [group, group]
    table = year_figures(desk.db, desk.head, 2026, today=date(2026, 7, 1)).table("programmes")
    line = next(line for line in table.lines if line.label.endswith("やさしいまちづくり支援事業"))
    assert line.values[table.columns.index("交付決定")] == 2
    assert line.values[table.columns.index("交付団体")] == 1
