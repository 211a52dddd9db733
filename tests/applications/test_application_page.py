"""An application's page and the step dialog, driven as the officers use them.

Visible texts are the services' Japanese sentences and the rules' own words (交付決定,
申請額, ...); amounts are read as the page shows them.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    ProjectDraft,
    StepDraft,
    create_project,
    get_application,
    open_application,
    record_step,
)
from kyodo_desktop.services.errors import NotFoundError
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
from kyodo_desktop.ui.applications import page as page_module
from kyodo_desktop.ui.applications.budget_dialog import BudgetDialog
from kyodo_desktop.ui.applications.page import ApplicationPage
from kyodo_desktop.ui.applications.step_dialog import StepDialog
from kyodo_desktop.ui.groups.page import GroupPage

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")

K = StepKind
REASON = "町会の連合体として活動しており、区長決裁により対象と認めた。"


class Ward:
    """The head office and a counter officer of office 01, each with their own workspace."""

    def __init__(self, workspace: Workspace, make_actor) -> None:  # type: ignore[no-untyped-def]
        self.db = workspace.database
        self.head = dataclasses.replace(
            workspace, actor=make_actor(workspace, "01", StaffRole.HEAD_OFFICE, "協働 花子")
        )
        self.counter = dataclasses.replace(
            workspace, actor=make_actor(workspace, "01", StaffRole.COUNTER, "窓口 一郎")
        )

    def project(self, kind: str = "volunteer") -> uuid.UUID:
        group = create_group(
            self.db,
            self.counter.actor,
            GroupDraft(name=f"花の会{uuid.uuid4().hex[:6]}", name_kana="ハナノカイ", kind=kind),
        )
        return create_project(self.db, self.counter.actor, ProjectDraft(group, "花いっぱい運動"))

    def file(self, project: uuid.UUID, programme: str, fy: int = 2026, **fields):  # type: ignore[no-untyped-def]
        fields.setdefault("opened_on", date(fy, 5, 10))
        return open_application(
            self.db,
            self.counter.actor,
            ApplicationDraft(
                project_id=project, programme_code=programme, fiscal_year=fy, **fields
            ),
        )

    def decide(self, app: uuid.UUID, day: date, amount: int) -> None:
        view = get_application(self.db, self.head.actor, app)
        record_step(
            self.db,
            self.head.actor,
            app,
            StepDraft(K.DECIDED, day, amount),
            row_version=view.row_version,
        )


@pytest.fixture
def ward(workspace, actor_factory) -> Ward:  # type: ignore[no-untyped-def]
    return Ward(workspace, actor_factory)


def open_page(qtbot, workspace: Workspace, app: uuid.UUID) -> ApplicationPage:  # type: ignore[no-untyped-def]
    page = ApplicationPage(workspace, app)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def start_step(page: ApplicationPage, kind: StepKind) -> StepDialog:
    page.step_buttons[kind].click()
    dialog = page.step_dialog
    assert isinstance(dialog, StepDialog) and dialog.isVisible()
    return dialog


def save(dialog: StepDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def shown_steps(page: ApplicationPage) -> list[str]:
    return [page.model.index(row, 1).data() for row in range(page.model.rowCount())]


def test_the_head_office_decides_from_the_page(qtbot, qtmodeltester, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.head, app)
    assert page.amounts["requested"].text() == "100,000円"
    assert shown_steps(page) == ["交付申請"]
    dialog = start_step(page, K.DECIDED)
    assert dialog.kind_box.currentText() == "交付決定"
    assert dialog.form.labelForField(dialog.amount_edit).text() == "交付決定額"
    assert dialog.amount_edit.text() == "100,000"  # the request, as the offer suggests
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "80,000")
    dialog.day_edit.setText("R8.6.1")
    dialog.document_edit.setText("練福管第12号")  # as the IME commits it
    qtbot.keyClick(dialog.document_edit, Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == dialog.DialogCode.Accepted
    assert shown_steps(page) == ["交付申請", "交付決定"]
    assert page.amounts["decided"].text() == "80,000円"
    last = page.model.rowCount() - 1
    row = [page.model.index(last, column).data() for column in range(5)]
    assert row == ["R8.6.1", "交付決定", "練福管第12号", "80,000円", "協働 花子"]
    assert page.changed
    assert get_application(ward.db, ward.head.actor, app).amount_decided == 80_000
    qtmodeltester.check(page.model)


def test_an_amount_over_the_request_is_refused_and_kept(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.head, app)
    dialog = start_step(page, K.DECIDED)
    dialog.amount_edit.setText("150,000")
    save(dialog)
    assert dialog.isVisible()
    assert "申請額（100,000円）を超えて交付決定できません" in dialog.message.text()
    assert dialog.message.isVisible()
    assert dialog.amount_edit.text() == "150,000"
    assert dialog.focusWidget() is dialog.amount_edit
    assert get_application(ward.db, ward.head.actor, app).amount_decided is None


def test_a_refusal_by_the_rules_is_shown_and_the_head_office_overrides(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    """A fourth はばたき award: the rules say no; the head office decides with a reason."""
    project = ward.project()
    for fy in (2022, 2023):
        earlier = ward.file(
            project, "machizukuri", fy, division="habataki", amount_requested=50_000
        )
        ward.decide(earlier, date(fy, 6, 1), 50_000)
    pending = [
        ward.file(project, "machizukuri", fy, division="habataki", amount_requested=100_000)
        for fy in (2024, 2025)
    ]
    ward.decide(pending[0], date(2024, 7, 1), 100_000)
    page = open_page(qtbot, ward.head, pending[1])
    assert not page.banner.isVisible()
    dialog = start_step(page, K.DECIDED)
    dialog.day_edit.setText("R7.7.1")
    save(dialog)
    assert dialog.isVisible()
    assert dialog.rules_box.isVisible()
    assert "交付決定済み3回" in dialog.reasons_label.text()
    assert dialog.override_button.isVisible()
    assert not dialog.head_office_note.isVisible()
    dialog.override_edit.setPlainText("特例")
    dialog.override_button.click()
    assert "10文字以上" in dialog.message.text()  # a written reason, not a word
    assert dialog.focusWidget() is dialog.override_edit
    dialog.override_edit.setPlainText(REASON)
    dialog.override_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert page.banner.isVisible()
    assert REASON in page.banner.text()
    assert "協働 花子" in page.banner.text()
    assert "交付決定済み3回" in page.banner.toolTip()
    last = page.model.rowCount() - 1
    assert page.model.index(last, 6).data()  # the step is marked
    assert "交付決定済み3回" in page.model.index(last, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert page.amounts["decided"].text() == "100,000円"


def test_a_counter_officer_is_told_to_go_to_the_head_office(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    """① for a group that is not a 町会: filed at the counter, refused, not overridable there."""
    app = ward.file(ward.project("npo"), "jichi", first_step=K.PRIOR_CONSULTATION)
    page = open_page(qtbot, ward.counter, app)
    dialog = start_step(page, K.FILED)
    dialog.amount_edit.setText("20,000")
    save(dialog)
    assert dialog.rules_box.isVisible()
    assert "対象は町会・自治会です" in dialog.reasons_label.text()
    assert not dialog.override_button.isVisible()
    assert not dialog.override_edit.isVisible()
    assert dialog.head_office_note.isVisible()
    assert dialog.amount_edit.text() == "20,000"
    dialog.reject()
    assert shown_steps(page) == ["事前相談"]


def test_a_counter_officer_sees_no_decision_and_can_read_why(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.counter, app)
    assert K.DECIDED not in page.step_buttons
    assert K.PAID not in page.step_buttons
    assert K.WITHDRAWN in page.step_buttons  # the group's own step, at its office
    assert not page.why_not.isVisible()
    page.why_button.click()
    assert page.why_not.isVisible()
    lines = page.why_not.text().splitlines()
    decided = next(line for line in lines if "交付決定" in line.split(":")[0])
    assert "協働推進課が記録します" in decided
    paid = next(line for line in lines if "支払" in line.split(":")[0])
    assert "支払は交付決定の後です" in paid


def test_someone_else_changed_it_meanwhile(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.head, app)
    dialog = start_step(page, K.DECIDED)
    view = get_application(ward.db, ward.head.actor, app)
    record_step(  # another officer, on another PC
        ward.db,
        ward.head.actor,
        app,
        StepDraft(K.REVIEW, date(2026, 5, 20)),
        row_version=view.row_version,
    )
    dialog.amount_edit.setText("90,000")
    save(dialog)
    assert "他の職員が変更しました" in dialog.message.text()
    assert dialog.reload_button.isVisible()
    dialog.reload_button.click()
    assert dialog.amount_edit.text() == "90,000"  # what was typed stays
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert shown_steps(page) == ["交付申請", "審査", "交付決定"]
    assert page.amounts["decided"].text() == "90,000円"


def test_the_budget_buttons_open_the_budget_dialog(qtbot, ward: Ward, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    asked: list[tuple[uuid.UUID, str]] = []

    def edit(cls, workspace, parent, application_id, stage) -> bool:  # type: ignore[no-untyped-def]
        asked.append((application_id, stage))
        return True  # saved

    monkeypatch.setattr(BudgetDialog, "edit", classmethod(edit))
    ward.decide(app, date(2026, 6, 1), 100_000)  # both the plan and the report are open now
    page = open_page(qtbot, ward.counter, app)
    with qtbot.waitSignal(page.updated):
        page.budget_button.click()
    page.actual_button.click()
    assert asked == [(app, "budget"), (app, "actual")]
    assert page.changed


def test_the_group_page_opens_an_application(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    group_id = get_application(ward.db, ward.counter.actor, app).group_id
    group_page = GroupPage(ward.counter, group_id)
    qtbot.addWidget(group_page)
    group_page.show()
    qtbot.waitExposed(group_page)
    rows = group_page.history.rows
    row = next(i for i, entry in enumerate(rows) if entry.kind == "application")
    cell = group_page.table.visualRect(group_page.model.index(row, 0)).center()
    viewport = group_page.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=cell)
    with qtbot.waitSignal(group_page.table.activated):
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=cell)
    [page] = group_page.findChildren(ApplicationPage)
    qtbot.waitExposed(page)
    assert page.application_id == app
    assert shown_steps(page) == ["交付申請"]
    page.close()


def test_the_figures_open_only_where_they_may_be_written(qtbot, ward: Ward, actor_factory) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.counter, app)
    assert page.budget_button.isEnabled()
    assert not page.actual_button.isEnabled()  # nothing to report before the decision
    assert page.actual_button.toolTip() == "収支決算は交付決定の後、実績報告のときに入力します。"

    viewer = dataclasses.replace(
        ward.counter, actor=actor_factory(ward.counter, "01", StaffRole.VIEWER)
    )
    looking = open_page(qtbot, viewer, app)
    assert not looking.budget_button.isEnabled()
    assert looking.budget_button.toolTip().startswith("記録を登録・変更する権限がありません")


def test_amounts_not_there_yet_show_a_dash(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.counter, app)
    assert [page.amounts[k].text() for k in ("requested", "decided", "confirmed", "paid")] == [
        "100,000円",
        "—",
        "—",
        "—",
    ]
    ward.decide(app, date(2026, 6, 1), 80_000)
    page.reload()
    assert page.amounts["paid"].text() == "0円"  # decided: nothing paid yet, and that is news


def test_a_page_that_cannot_be_read_again_says_why(qtbot, ward: Ward, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.head, app)
    dialog = start_step(page, K.DECIDED)
    locked = EnvironmentFaultError(Problem.LOCKED, "database is locked")

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise locked

    monkeypatch.setattr(page_module, "get_application", fail)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed without a step: the page reads again
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert page.message.text() == locked.message

    def gone(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise NotFoundError("申請が見つかりません。")

    monkeypatch.setattr(page_module, "get_application", gone)
    assert not page.reload_or_tell()
    assert page.message.text() == "申請が見つかりません。"


def test_an_application_already_open_is_raised_not_opened_twice(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    first = ApplicationPage.show_for(ward.counter, None, app)  # deletes itself when closed
    second = ApplicationPage.show_for(ward.counter, None, app)
    assert second is first
    first.close()
    qtbot.waitUntil(lambda: app not in ApplicationPage.open_pages)
    third = ApplicationPage.show_for(ward.counter, None, app)
    assert third is not first
    third.close()


def test_changing_the_step_drops_a_stale_refusal_and_keeps_a_typed_amount(
    qtbot, ward: Ward
) -> None:  # type: ignore[no-untyped-def]
    project = ward.project()
    for fy in (2022, 2023):
        earlier = ward.file(
            project, "machizukuri", fy, division="habataki", amount_requested=50_000
        )
        ward.decide(earlier, date(fy, 6, 1), 50_000)
    pending = [
        ward.file(project, "machizukuri", fy, division="habataki", amount_requested=100_000)
        for fy in (2024, 2025)
    ]
    ward.decide(pending[0], date(2024, 7, 1), 100_000)
    page = open_page(qtbot, ward.head, pending[1])
    dialog = start_step(page, K.DECIDED)
    assert dialog.amount_edit.text() == "100,000"  # suggested: the request
    dialog.day_edit.setText("R7.7.1")
    save(dialog)
    assert dialog.rules_box.isVisible()  # a fourth はばたき award

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(K.WITHDRAWN))
    assert not dialog.rules_box.isVisible()  # its override would record a 取下げ instead
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(K.DECIDED))
    assert dialog.amount_edit.text() == "100,000"
    save(dialog)
    assert dialog.rules_box.isVisible()
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Backspace)  # the officer changes the amount
    assert not dialog.rules_box.isVisible()

    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "90,000")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(K.REJECTED))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(K.DECIDED))
    assert dialog.amount_edit.text() == "90,000"  # typed, not replaced by the suggestion


def test_behind_a_modal_window_a_second_page_opens_and_both_stay_current(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    first = ApplicationPage.show_for(ward.head, None, app)  # from the 申請 list
    case_page = QDialog()  # a case page, shown modally over the list and its page
    qtbot.addWidget(case_page)
    case_page.setWindowModality(Qt.WindowModality.ApplicationModal)
    case_page.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is case_page)
    second = ApplicationPage.show_for(ward.head, case_page, app)
    assert second is not first  # the first is blocked by the modal window
    assert ApplicationPage.show_for(ward.head, case_page, app) is second

    dialog = start_step(second, K.DECIDED)
    dialog.day_edit.setText("R8.6.1")
    save(dialog)
    qtbot.waitUntil(lambda: shown_steps(first) == ["交付申請", "交付決定"])  # read again too
    second.close()
    case_page.close()
    first.close()
    qtbot.waitUntil(lambda: app not in ApplicationPage.open_pages)


def test_the_note_says_whether_it_is_printed_for_the_group(qtbot, ward: Ward) -> None:  # type: ignore[no-untyped-def]
    app = ward.file(ward.project(), "yasashii", division="katsudo", amount_requested=100_000)
    page = open_page(qtbot, ward.head, app)
    dialog = start_step(page, K.REJECTED)
    assert dialog.note_edit.placeholderText() == "不採択の理由（不採択通知書に印刷されます）"
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findText("交付決定"))
    assert dialog.note_edit.placeholderText() == "職員用のメモ（帳票には印刷されません）"
