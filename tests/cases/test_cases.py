"""Support cases (支援ケース) through the services: open, change, close, entries, the timeline."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.rules.vocabulary import CaseStatus, StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.cases.events import CaseEventDraft, add_case_event, entry_choices
from kyodo_desktop.services.cases.lifecycle import (
    CaseChange,
    CaseDraft,
    NextAction,
    case_timeline,
    close_case,
    complete_next_action,
    edit_case,
    get_case,
    lead_officers,
    open_case,
    reopen_case,
    set_next_action,
)
from kyodo_desktop.services.consultations.follow_ups import FollowUpKind, due_follow_ups
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.workspace import SYSTEM
from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.cases import CaseEvent
from kyodo_desktop.store.filters import CaseFilter
from kyodo_desktop.store.reference import Department

TODAY = date.today()
OPENED = TODAY - timedelta(days=60)


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.COUNTER, "練馬 太郎")


@pytest.fixture
def group_id(workspace, counter) -> uuid.UUID:  # type: ignore[no-untyped-def]
    return new_group(workspace, counter, "ねりま子ども食堂の会", "ネリマコドモショクドウノカイ")


def new_group(workspace, actor, name: str, kana: str) -> uuid.UUID:  # type: ignore[no-untyped-def]
    draft = GroupDraft(name=name, name_kana=kana, kind=GroupKind.VOLUNTEER.value)
    return create_group(workspace.database, actor, draft)


def new_case(workspace, actor, group_id, **changes) -> uuid.UUID:  # type: ignore[no-untyped-def]
    fields = {"title": "担い手の確保", "purpose": "役員の募集を支援する", "opened_on": OPENED}
    return open_case(workspace.database, actor, CaseDraft(group_id=group_id, **(fields | changes)))


def consult(workspace, actor, group_id, day: date, asked: str) -> uuid.UUID:  # type: ignore[no-untyped-def]
    draft = ConsultationDraft(occurred_on=day, channel="counter", asked=asked, group_id=group_id)
    return log_consultation(workspace.database, actor, draft)


def application(workspace, actor, group_id, steps) -> uuid.UUID:  # type: ignore[no-untyped-def]
    """An application of the group with its steps, written as the lead's services would."""
    with workspace.database.transaction(SYSTEM) as session:
        project = Project(id=uuid.uuid4(), group_id=group_id, title="子ども食堂の運営")
        filed = Application(
            id=uuid.uuid4(),
            project_id=project.id,
            group_id=group_id,
            programme_code="yasashii",
            fiscal_year=2026,
            office_id=actor.office_id,
            status=steps[-1][0],
            amount_requested=100_000,
        )
        session.add_all([project, filed])
        session.flush()
        for kind, day, amount, number in steps:
            session.add(
                ApplicationStep(
                    id=uuid.uuid4(),
                    application_id=filed.id,
                    kind=kind,
                    occurred_on=day,
                    document_number=number,
                    staff_id=actor.staff_id,
                    amount=amount,
                )
            )
        return filed.id


def refusal(error: pytest.ExceptionInfo) -> tuple[str, str | None]:  # type: ignore[type-arg]
    return error.value.message, error.value.field


# Opening and changing --------------------------------------------------------------------


def test_a_case_opens_at_the_officer_s_office_with_them_as_lead(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    case_id = new_case(
        workspace, counter, group_id, next_action="役員会に同席する", next_action_due=TODAY
    )
    case = get_case(workspace.database, counter, case_id)
    assert (case.office_code, case.lead_staff_id, case.lead_staff_name) == (
        "01",
        counter.staff_id,
        "練馬 太郎",
    )
    assert (case.status, case.opened_on, case.closed_on) == ("active", OPENED, None)
    assert (case.next_action, case.next_action_due) == ("役員会に同席する", TODAY)
    assert case.group_name == "ねりま子ども食堂の会"
    rows = browse.cases(workspace.database, counter).page(0, 10)
    assert [(r.id, r.title, r.status) for r in rows] == [(case_id, "担い手の確保", "active")]
    with workspace.database.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(case_id))
        ).one()
    assert entry.staff_id == counter.staff_id


def test_opening_today_by_default(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    draft = CaseDraft(group_id=group_id, title="会計の見直し")
    case = get_case(workspace.database, counter, open_case(workspace.database, counter, draft))
    assert case.opened_on == TODAY


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "  "}, "title", "ケース名を入力してください"),
        (
            {"next_action": "確認", "next_action_due": OPENED - timedelta(days=1)},
            "next_action_due",
            "開始日以降",
        ),
        ({"next_action_due": TODAY}, "next_action", "次の対応の内容"),
        ({"opened_on": TODAY + timedelta(days=1)}, "opened_on", "未来"),
        ({"status": "closed"}, "status", "対応中か見守り"),
        ({"lead_staff_id": uuid.uuid4()}, "lead_staff_id", "担当職員"),
        ({"office_code": "99"}, "office_code", "99"),
    ],
)
def test_each_mistake_in_a_new_case_is_refused_with_its_field(  # type: ignore[no-untyped-def]
    workspace, counter, group_id, changes, field, words
):
    with pytest.raises(InputError) as error:
        new_case(workspace, counter, group_id, **changes)
    message, named = refusal(error)
    assert named == field and words in message
    assert browse.cases(workspace.database, counter).count() == 0


def test_a_case_for_a_group_that_is_not_there_is_refused(workspace, counter):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as error:
        new_case(workspace, counter, uuid.uuid4())
    assert refusal(error)[1] == "group_id"


def test_a_counter_officer_keeps_to_their_own_office(workspace, counter, actor_factory, group_id):  # type: ignore[no-untyped-def]
    other = actor_factory(workspace, "03", StaffRole.COUNTER)
    with pytest.raises(PermissionDeniedError):
        new_case(workspace, counter, group_id, office_code="03")
    theirs = new_case(workspace, other, group_id)
    mine = new_case(workspace, counter, group_id)
    assert [r.id for r in browse.cases(workspace.database, counter).page(0, 10)] == [mine]
    with pytest.raises(PermissionDeniedError):
        get_case(workspace.database, counter, theirs)
    with pytest.raises(PermissionDeniedError):
        close_case(workspace.database, counter, theirs, row_version=1)
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    assert browse.cases(workspace.database, head).count() == 2


def test_a_viewer_may_read_but_not_open_a_case(workspace, counter, actor_factory, group_id):  # type: ignore[no-untyped-def]
    viewer = actor_factory(workspace, "01", StaffRole.VIEWER)
    case_id = new_case(workspace, counter, group_id)
    assert get_case(workspace.database, viewer, case_id).title == "担い手の確保"
    with pytest.raises(PermissionDeniedError):
        new_case(workspace, viewer, group_id)


def test_an_edit_is_saved_and_a_stale_one_refused(workspace, counter, actor_factory, group_id):  # type: ignore[no-untyped-def]
    colleague = actor_factory(workspace, "01", StaffRole.COUNTER, "石神井 花子")
    case_id = new_case(workspace, counter, group_id)
    opened = get_case(workspace.database, counter, case_id)
    change = CaseChange(
        title="担い手の確保と会計",
        purpose="役員の募集と会計の引き継ぎを支援する",
        lead_staff_id=colleague.staff_id,
        status=CaseStatus.WATCHING.value,
        next_action="総会の資料を確認する",
        next_action_due=TODAY + timedelta(days=7),
    )
    changed = edit_case(
        workspace.database, counter, case_id, change, row_version=opened.row_version
    )
    assert (changed.title, changed.status, changed.lead_staff_name) == (
        "担い手の確保と会計",
        "watching",
        "石神井 花子",
    )
    assert changed.next_action_due == TODAY + timedelta(days=7)
    with pytest.raises(StaleRecordError):
        edit_case(workspace.database, counter, case_id, change, row_version=opened.row_version)
    with pytest.raises(InputError) as error:
        closing = CaseChange("t", "", counter.staff_id, CaseStatus.CLOSED.value)
        edit_case(workspace.database, counter, case_id, closing, row_version=changed.row_version)
    assert refusal(error)[1] == "status"


def test_the_lead_officers_offered_are_the_office_s_active_staff(workspace, counter, actor_factory):  # type: ignore[no-untyped-def]
    actor_factory(workspace, "03", StaffRole.COUNTER, "他の事務所の職員")
    names = [choice.label for choice in lead_officers(workspace.database, counter)]
    assert "練馬 太郎" in names and "他の事務所の職員" not in names


# Closing, reopening, next actions ---------------------------------------------------------


def test_closing_clears_the_next_action_and_a_closed_case_is_not_closed_twice(  # type: ignore[no-untyped-def]
    workspace, counter, group_id
):
    case_id = new_case(workspace, counter, group_id, next_action="確認", next_action_due=TODAY)
    version = get_case(workspace.database, counter, case_id).row_version
    with pytest.raises(InputError) as early:
        close_case(
            workspace.database,
            counter,
            case_id,
            row_version=version,
            closed_on=OPENED - timedelta(1),
        )
    assert refusal(early)[1] == "closed_on"
    closed = close_case(workspace.database, counter, case_id, row_version=version)
    assert (closed.status, closed.closed_on, closed.next_action, closed.next_action_due) == (
        "closed",
        TODAY,
        "",
        None,
    )
    with pytest.raises(InputError) as twice:
        close_case(workspace.database, counter, case_id, row_version=closed.row_version)
    assert "すでに終結" in twice.value.message
    with pytest.raises(InputError):
        set_next_action(
            workspace.database,
            counter,
            case_id,
            NextAction("再訪問"),
            row_version=closed.row_version,
        )
    reopened = reopen_case(workspace.database, counter, case_id, row_version=closed.row_version)
    assert (reopened.status, reopened.closed_on) == ("active", None)
    with pytest.raises(InputError):
        reopen_case(workspace.database, counter, case_id, row_version=reopened.row_version)


def test_a_next_action_is_set_and_marked_done_onto_the_timeline(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    case_id = new_case(workspace, counter, group_id)
    version = get_case(workspace.database, counter, case_id).row_version
    action = NextAction("会則案を確認する", TODAY - timedelta(days=1))
    case = set_next_action(workspace.database, counter, case_id, action, row_version=version)
    assert (case.next_action, case.next_action_due) == (action.text, action.due_on)
    due = due_follow_ups(workspace.database, counter)
    assert [(i.kind, i.record_id, i.days_overdue) for i in due.items] == [
        (FollowUpKind.CASE, case_id, 1)
    ]
    assert (due.total, due.due_today, due.overdue) == (1, 0, 1)
    complete_next_action(workspace.database, counter, case_id, row_version=case.row_version)
    done = get_case(workspace.database, counter, case_id)
    assert (done.next_action, done.next_action_due) == ("", None)
    assert due_follow_ups(workspace.database, counter).total == 0
    lines = case_timeline(workspace.database, counter, case_id).lines
    assert [(line.kind, line.what) for line in lines] == [
        ("note", "次の対応を完了: 会則案を確認する")
    ]
    with pytest.raises(InputError):
        complete_next_action(workspace.database, counter, case_id, row_version=done.row_version)
    with pytest.raises(StaleRecordError):
        complete_next_action(workspace.database, counter, case_id, row_version=case.row_version)


def test_a_case_due_yesterday_comes_before_a_consultation_due_today(  # type: ignore[no-untyped-def]
    workspace, counter, group_id
):
    draft = ConsultationDraft(
        occurred_on=TODAY - timedelta(days=3),
        channel="phone",
        asked="会場の相談",
        group_id=group_id,
        follow_up_on=TODAY,
    )
    consultation_id = log_consultation(workspace.database, counter, draft)
    later = new_case(workspace, counter, group_id, next_action="見学", next_action_due=TODAY)
    earlier = new_case(
        workspace,
        counter,
        group_id,
        title="拠点探し",
        next_action="候補地を確認する",
        next_action_due=TODAY - timedelta(days=1),
    )
    new_case(
        workspace, counter, group_id, next_action="先の話", next_action_due=TODAY + timedelta(1)
    )
    due = due_follow_ups(workspace.database, counter)
    assert [i.record_id for i in due.items] == [earlier, consultation_id, later]
    assert (due.total, due.due_today, due.overdue) == (3, 2, 1)
    first = due.items[0]
    assert (first.who, first.what, first.topics, first.staff_name) == (
        "ねりま子ども食堂の会",
        "候補地を確認する",
        "拠点探し",
        "練馬 太郎",
    )


def test_mine_only_keeps_the_cases_the_officer_leads(workspace, counter, actor_factory, group_id):  # type: ignore[no-untyped-def]
    colleague = actor_factory(workspace, "01", StaffRole.COUNTER)
    new_case(workspace, counter, group_id, next_action="a", next_action_due=TODAY)
    theirs = new_case(
        workspace, colleague, group_id, next_action="b", next_action_due=TODAY - timedelta(2)
    )
    assert due_follow_ups(workspace.database, counter).total == 2
    mine = due_follow_ups(workspace.database, colleague, mine_only=True)
    assert [i.record_id for i in mine.items] == [theirs]


def test_the_follow_up_cut_counts_cases_too(workspace, counter, group_id, monkeypatch):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations import follow_ups

    monkeypatch.setattr(follow_ups, "MAX_ITEMS", 2)
    ids = [
        new_case(
            workspace, counter, group_id, next_action="x", next_action_due=TODAY - timedelta(d)
        )
        for d in (1, 3, 2)
    ]
    due = due_follow_ups(workspace.database, counter)
    assert [i.record_id for i in due.items] == [ids[1], ids[2]]
    assert due.total == 3 and due.cut


# Entries and the timeline -----------------------------------------------------------------


def entry(case_id, kind, day, summary="", **links) -> CaseEventDraft:  # type: ignore[no-untyped-def]
    return CaseEventDraft(case_id=case_id, kind=kind, occurred_on=day, summary=summary, **links)


def test_each_mistake_in_an_entry_is_refused_with_its_field(  # type: ignore[no-untyped-def]
    workspace, counter, group_id
):
    case_id = new_case(workspace, counter, group_id)
    other_group = new_group(workspace, counter, "石神井町会", "シャクジイチョウカイ")
    others = consult(workspace, counter, other_group, TODAY, "他の団体の相談")
    others_application = application(
        workspace, counter, other_group, [("filed", TODAY, 100_000, "")]
    )
    cases = [
        (entry(case_id, "visit", OPENED - timedelta(days=1), "訪問した"), "occurred_on"),
        (entry(case_id, "visit", TODAY + timedelta(days=1), "訪問した"), "occurred_on"),
        (entry(case_id, "dance", TODAY, "?"), "kind"),
        (entry(case_id, "note", TODAY, "  "), "summary"),
        (entry(case_id, "referral", TODAY, "社協につないだ"), "department_id"),
        (entry(case_id, "referral", TODAY, "x", department_id=uuid.uuid4()), "department_id"),
        (entry(case_id, "consultation", TODAY, "x", consultation_id=others), "consultation_id"),
        (entry(case_id, "application", TODAY, "x"), "application_id"),
        (
            entry(case_id, "application", TODAY, "x", application_id=others_application),
            "application_id",
        ),
    ]
    for draft, field in cases:
        with pytest.raises(InputError) as error:
            add_case_event(workspace.database, counter, draft)
        assert error.value.field == field, (draft, error.value.message)
    with pytest.raises(NotFoundError):
        add_case_event(workspace.database, counter, entry(uuid.uuid4(), "note", TODAY, "x"))
    with workspace.database.reading() as session:
        assert session.scalars(select(CaseEvent)).all() == []


def test_an_entry_after_the_case_closed_is_refused(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    case_id = new_case(workspace, counter, group_id)
    version = get_case(workspace.database, counter, case_id).row_version
    close_case(
        workspace.database, counter, case_id, row_version=version, closed_on=TODAY - timedelta(5)
    )
    with pytest.raises(InputError) as error:
        add_case_event(workspace.database, counter, entry(case_id, "note", TODAY, "後日の連絡"))
    assert error.value.field == "occurred_on"
    add_case_event(
        workspace.database, counter, entry(case_id, "note", TODAY - timedelta(6), "最後の記録")
    )


def test_the_timeline_puts_entries_consultations_and_steps_in_date_order(  # type: ignore[no-untyped-def]
    workspace, counter, actor_factory, group_id
):
    database = workspace.database
    case_id = new_case(workspace, counter, group_id)
    before = consult(workspace, counter, group_id, OPENED - timedelta(days=5), "開始前の相談")
    first = consult(workspace, counter, group_id, OPENED, "最初の相談")
    during = consult(workspace, counter, group_id, OPENED + timedelta(days=10), "会場の相談")
    elsewhere = actor_factory(workspace, "03", StaffRole.COUNTER)
    consult(workspace, elsewhere, group_id, OPENED + timedelta(days=11), "他の事務所での相談")
    # An application the case is about: all its steps, even one filed before the case opened.
    linked = application(
        workspace,
        counter,
        group_id,
        [
            ("filed", OPENED - timedelta(days=20), 100_000, "練協推第1号"),
            ("decided", OPENED + timedelta(days=20), 80_000, "練協推第2号"),
        ],
    )
    # Another of the group's applications: only its steps within the case's period.
    application(
        workspace,
        counter,
        group_id,
        [
            ("filed", OPENED - timedelta(days=30), 50_000, ""),
            ("review", OPENED + timedelta(3), None, ""),
        ],
    )
    with database.reading() as session:
        department = session.scalars(select(Department).order_by(Department.code)).first()
    add_case_event(
        database,
        counter,
        entry(case_id, "consultation", OPENED, "最初の相談", consultation_id=first),
    )
    add_case_event(
        database,
        counter,
        entry(
            case_id,
            "referral",
            OPENED + timedelta(days=15),
            "所管課につないだ",
            department_id=department.id,
        ),
    )
    add_case_event(
        database,
        counter,
        entry(
            case_id,
            "application",
            OPENED + timedelta(days=18),
            "申請書類を確認",
            application_id=linked,
        ),
    )
    lines = case_timeline(database, counter, case_id).lines
    seen = [(line.on, line.source, line.kind) for line in lines]
    assert seen == [
        (OPENED - timedelta(days=20), "application_step", "filed"),
        (OPENED, "case_event", "consultation"),
        (OPENED + timedelta(days=3), "application_step", "review"),
        (OPENED + timedelta(days=10), "consultation", "counter"),
        (OPENED + timedelta(days=15), "case_event", "referral"),
        (OPENED + timedelta(days=18), "case_event", "application"),
        (OPENED + timedelta(days=20), "application_step", "decided"),
    ]
    assert before not in {line.record_id for line in lines}  # before the case opened
    assert lines[1].consultation_id == first  # shown once, as the entry that links it
    assert lines[3].record_id == during and lines[3].what == "会場の相談"
    assert lines[4].department == department.name
    decided = lines[6]
    assert (decided.amount, decided.document_number, decided.application_id) == (
        80_000,
        "練協推第2号",
        linked,
    )
    assert decided.programme_code == "yasashii" and decided.who == "練馬 太郎"
    # The head office sees the other office's consultation too.
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    assert len(case_timeline(database, head, case_id).lines) == len(lines) + 1
    # The case list counts the case's entries.
    row = browse.cases(database, counter).page(0, 1)[0]
    assert row.events == 3


def test_the_entry_dialog_offers_the_group_s_records(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    case_id = new_case(workspace, counter, group_id)
    consultation_id = consult(workspace, counter, group_id, TODAY, "会計の相談")
    application_id = application(workspace, counter, group_id, [("filed", TODAY, 1, "")])
    choices = entry_choices(workspace.database, counter, case_id)
    assert [c.value for c in choices.consultations] == [consultation_id]
    assert [c.value for c in choices.applications] == [application_id]
    assert choices.departments


def test_the_case_list_filters_by_status_and_group(workspace, counter, group_id):  # type: ignore[no-untyped-def]
    other_group = new_group(workspace, counter, "石神井町会", "シャクジイチョウカイ")
    active = new_case(workspace, counter, group_id)
    watching = new_case(workspace, counter, other_group, status="watching")

    def ids(wanted: CaseFilter) -> list[uuid.UUID]:
        return [r.id for r in browse.cases(workspace.database, counter, wanted).page(0, 10)]

    assert ids(CaseFilter(statuses=("watching",))) == [watching]
    assert set(ids(CaseFilter(statuses=("active", "watching")))) == {active, watching}
    assert ids(CaseFilter(group_id=group_id)) == [active]
    assert ids(CaseFilter(text="町会")) == [watching]
    assert browse.cases(workspace.database, counter, CaseFilter(text="石神井")).count() == 1
    assert ids(CaseFilter(statuses=("closed",))) == []


def test_another_office_s_application_stays_off_the_case_timeline(  # type: ignore[no-untyped-def]
    workspace, counter, actor_factory, group_id
):
    """A counter officer sees their own office's application steps only, like consultations."""
    elsewhere = actor_factory(workspace, "03", StaffRole.COUNTER)
    theirs = application(
        workspace, elsewhere, group_id, [("filed", OPENED + timedelta(days=5), 70_000, "")]
    )
    ours = application(
        workspace, counter, group_id, [("filed", OPENED + timedelta(days=6), 80_000, "")]
    )
    case_id = new_case(workspace, counter, group_id)
    lines = case_timeline(workspace.database, counter, case_id).lines
    applications = {line.application_id for line in lines if line.application_id}
    assert applications == {ours}
    choices = entry_choices(workspace.database, counter, case_id)
    assert theirs not in {choice.value for choice in choices.applications}
    with pytest.raises(PermissionDeniedError):
        add_case_event(
            workspace.database,
            counter,
            CaseEventDraft(
                case_id=case_id,
                kind="application",
                occurred_on=TODAY,
                summary="申請の件",
                application_id=theirs,
            ),
        )
