"""Filing an application from the dialog, as an officer does it at the counter.

What is asserted is what a person checks: the application saved (its programme, amount and
step), the rules' reasons shown before saving, the refusal's sentence (Japanese, from the
service), and nothing saved when the rules refuse.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.applications.filing import (
    ProjectDraft,
    create_project,
    get_application,
    group_projects,
)
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.ui.applications import dialog as application_dialog
from kyodo_desktop.ui.applications.dialog import ApplicationDialog
from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

pytestmark = [
    pytest.mark.usefixtures("ui_resources", "closing_discards"),
    # The offscreen platform cannot grab the keyboard for the group picker's popup.
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]

TODAY = date(2026, 5, 10)  # 令和8年度


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return dataclasses.replace(workspace, actor=actor_factory(workspace, "01", StaffRole.COUNTER))


@pytest.fixture
def head_office(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return dataclasses.replace(
        workspace, actor=actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    )


def register_group(ws, name="花と緑の会", kind="volunteer", households=None) -> uuid.UUID:  # type: ignore[no-untyped-def]
    return create_group(
        ws.database,
        ws.actor,
        GroupDraft(
            name=name,
            name_kana="ハナトミドリノカイ",
            kind=kind,
            households=households,
            households_counted_on=date(2026, 4, 1) if households else None,
        ),
    )


def open_dialog(qtbot, ws, group_id=None) -> ApplicationDialog:  # type: ignore[no-untyped-def]
    dialog = ApplicationDialog(ws, group_id=group_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(box, value) -> None:  # type: ignore[no-untyped-def]
    found = [i for i in range(box.count()) if box.itemData(i) == value]
    assert found, value
    box.setCurrentIndex(found[0])


def applications(ws) -> list:  # type: ignore[no-untyped-def]
    listed = browse.applications(ws.database, ws.actor)
    return listed.page(0, listed.count())


def test_a_habataki_application_is_filed_for_a_group_found_by_typing(qtbot, qtmodeltester, counter):  # type: ignore[no-untyped-def]
    group_id = register_group(counter)
    create_project(counter.database, counter.actor, ProjectDraft(group_id, "花いっぱい運動"))
    dialog = open_dialog(qtbot, counter)

    dialog.group_edit.insert("花と緑")  # as the IME commits it
    popup = dialog.group_edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    qtmodeltester.check(dialog.group_edit.matches)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.group_edit.group_id == group_id
    assert dialog.project_box.currentText() == "花いっぱい運動"
    choose(dialog.programme_box, "machizukuri")
    choose(dialog.division_box, "habataki")
    qtbot.keyClicks(dialog.amount_edit, "250,000")
    assert not dialog.judgement.refused
    assert any("1事業3回まで" in text for text in dialog.judgement.texts)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    saved = get_application(counter.database, counter.actor, dialog.saved_id)
    assert (saved.programme_code, saved.division, saved.fiscal_year) == (
        "machizukuri",
        "habataki",
        2026,
    )
    assert saved.amount_requested == 250_000
    assert saved.status is StepKind.FILED
    assert saved.steps[0].occurred_on == TODAY


def test_jichi_takes_the_amount_from_the_groups_households(qtbot, counter):  # type: ignore[no-untyped-def]
    group_id = register_group(counter, "北町会", kind="chokai", households=1000)
    dialog = open_dialog(qtbot, counter, group_id)
    assert dialog.households_edit.text() == "1,000"
    choose(dialog.programme_box, "jichi")
    dialog.title_edit.insert("自治活動")
    # 基礎割 20,000円 + 世帯割 120円×1,000世帯
    assert "140,000" in dialog.judgement.verdict.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    saved = get_application(counter.database, counter.actor, dialog.saved_id)
    assert saved.amount_requested == 140_000
    assert saved.project.title == "自治活動"  # the new project was registered with it


def test_an_amount_over_the_cap_shows_the_reason_and_saves_nothing(qtbot, counter):  # type: ignore[no-untyped-def]
    group_id = register_group(counter)
    project_id = create_project(counter.database, counter.actor, ProjectDraft(group_id, "花壇"))
    dialog = open_dialog(qtbot, counter, group_id)
    choose(dialog.project_box, project_id)
    choose(dialog.programme_box, "machizukuri")
    choose(dialog.division_box, "habataki")
    qtbot.keyClicks(dialog.amount_edit, "400,000")
    assert dialog.judgement.refused
    assert "申請額 400,000円 は上限 300,000円 を超えています" in dialog.judgement.texts
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.isVisible()
    assert "申請額 400,000円 は上限 300,000円 を超えています" in dialog.message.text()
    assert "協働推進課だけ" in dialog.message.text()
    assert not dialog.override_box.isVisibleTo(dialog)  # a counter officer cannot override
    assert dialog.amount_edit.text() == "400,000"  # nothing typed is lost
    assert applications(counter) == []


def test_the_head_office_decides_against_the_rules_with_a_reason(qtbot, head_office):  # type: ignore[no-untyped-def]
    group_id = register_group(head_office)
    dialog = open_dialog(qtbot, head_office, group_id)
    dialog.title_edit.insert("花壇づくり")
    choose(dialog.programme_box, "machizukuri")
    choose(dialog.division_box, "habataki")
    qtbot.keyClicks(dialog.amount_edit, "400000")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.override_box.isVisibleTo(dialog)
    assert applications(head_office) == []
    # The new project is saved with its application, so a refusal leaves no project either.
    assert group_projects(head_office.database, head_office.actor, group_id) == []

    dialog.override_edit.insertPlainText("区長特認により上限を超えて受け付ける（協議済み）")
    dialog.override_button.click()

    assert dialog.result() == ApplicationDialog.DialogCode.Accepted
    saved = get_application(head_office.database, head_office.actor, dialog.saved_id)
    assert saved.amount_requested == 400_000
    assert saved.override_reason == "区長特認により上限を超えて受け付ける（協議済み）"
    assert len(group_projects(head_office.database, head_office.actor, group_id)) == 1


def test_a_closed_programme_is_not_offered_and_is_named(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter, register_group(counter))
    assert dialog.programme_box.findData("teian") < 0  # ④ took applications until FY2015
    assert "協働事業提案制度" in dialog.closed_note.text()
    dialog.year_box.setValue(2014)
    assert dialog.programme_box.findData("teian") >= 0
    assert dialog.programme_box.findData("okoshi") < 0  # ⑥ began in FY2017


def test_a_date_that_cannot_be_read_is_refused_at_its_field(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter, register_group(counter))
    dialog.title_edit.insert("花壇")
    choose(dialog.programme_box, "yasashii")
    dialog.opened_edit.setText("R8.13.40")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.focusWidget() is dialog.opened_edit
    assert applications(counter) == []
    assert group_projects(counter.database, counter.actor, dialog.group_edit.group_id) == []


def test_hiroba_judges_the_months_as_typed(qtbot, qtmodeltester, counter):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter, register_group(counter, "ひろば運営会", kind="npo"))
    dialog.title_edit.insert("相談ひろば")
    choose(dialog.programme_box, "hiroba")
    assert dialog.months_table.isEnabled() and not dialog.households_edit.isEnabled()
    qtbot.keyClicks(dialog.operating_edit, "60,000")
    from PySide6.QtWidgets import QTableWidgetItem

    dialog.months_table.setItem(0, 0, QTableWidgetItem("10"))
    dialog.months_table.setItem(0, 1, QTableWidgetItem("50,000"))
    qtmodeltester.check(dialog.months_table.model())
    verdict = dialog.judgement.verdict.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted, dialog.message.text()
    saved = get_application(counter.database, counter.actor, dialog.saved_id)
    assert saved.operating_cost == 60_000
    assert [(m.days_opened, m.venue_cost) for m in saved.months["budget"]] == [(10, 50_000)]
    assert f"{saved.amount_requested:,}" in verdict


def test_escape_asks_before_what_was_typed_is_thrown_away(qtbot, counter, monkeypatch):  # type: ignore[no-untyped-def]
    asked: list[bool] = []
    monkeypatch.setattr(
        DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: asked.append(True) or False)
    )
    dialog = open_dialog(qtbot, counter, register_group(counter))
    dialog.purpose_edit.insertPlainText("地域の花壇")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


def test_the_groups_page_opens_the_dialog_for_its_group(qtbot, counter, monkeypatch):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.applications.page import ApplicationPage
    from kyodo_desktop.ui.groups.page import GroupPage

    group_id = register_group(counter)
    asked: list[uuid.UUID | None] = []
    shown: list[uuid.UUID] = []
    filed_id = uuid.uuid4()
    monkeypatch.setattr(
        ApplicationDialog,
        "ask",
        classmethod(
            lambda cls, ws, parent=None, *, group_id=None: asked.append(group_id) or filed_id
        ),
    )

    class OpenedPage(QObject):
        updated = Signal()

    opened: list[OpenedPage] = []

    def show_for(cls, ws, parent, app_id):  # type: ignore[no-untyped-def]
        shown.append(app_id)
        opened.append(OpenedPage(parent))
        return opened[-1]

    monkeypatch.setattr(ApplicationPage, "show_for", classmethod(show_for))
    page = GroupPage(counter, group_id)
    qtbot.addWidget(page)
    assert page.application_button.isEnabled()
    page.application_button.click()
    assert asked == [group_id] and shown == [filed_id]
    reloads: list[bool] = []
    page.reload = lambda: reloads.append(True)  # type: ignore[method-assign]
    opened[0].updated.emit()  # a decision recorded on the application's page
    assert reloads  # 履歴 and 受けられる支援 are read again


def test_opened_from_a_group_the_group_is_given(qtbot, counter):  # type: ignore[no-untyped-def]
    group_id = register_group(counter)
    dialog = open_dialog(qtbot, counter, group_id)
    assert dialog.group_edit.group_id == group_id
    assert dialog.group_edit.text() == "花と緑の会"
    assert not dialog.group_edit.isEnabled()
    assert dialog.project_box.currentData() == application_dialog.NEW_PROJECT


def test_an_amount_that_cannot_be_read_registers_no_project(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter, register_group(counter))
    dialog.title_edit.insert("花壇")
    choose(dialog.programme_box, "yasashii")
    qtbot.keyClicks(dialog.amount_edit, "12.5")
    assert dialog.judgement.verdict.text() != ""  # the rules cannot judge it yet: it says so
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "整数" in dialog.message.text()
    assert dialog.focusWidget() is dialog.amount_edit
    assert group_projects(counter.database, counter.actor, dialog.group_edit.group_id) == []


def test_a_prior_consultation_takes_no_amount_and_is_judged_without_one(qtbot, counter):  # type: ignore[no-untyped-def]
    group_id = register_group(counter)
    project_id = create_project(counter.database, counter.actor, ProjectDraft(group_id, "花壇"))
    dialog = open_dialog(qtbot, counter, group_id)
    choose(dialog.project_box, project_id)
    choose(dialog.programme_box, "machizukuri")
    choose(dialog.division_box, "habataki")
    qtbot.keyClicks(dialog.amount_edit, "400,000")
    assert dialog.judgement.refused  # over the cap, as a filing

    choose(dialog.step_box, StepKind.PRIOR_CONSULTATION.value)
    assert not dialog.amount_edit.isEnabled()
    assert dialog.amount_edit.toolTip()  # says why it cannot be typed
    assert not dialog.judgement.refused  # the 400,000 is not asked at a 事前相談
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == ApplicationDialog.DialogCode.Accepted, dialog.message.text()
    saved = get_application(counter.database, counter.actor, dialog.saved_id)
    assert saved.status is StepKind.PRIOR_CONSULTATION

    again = open_dialog(qtbot, counter, group_id)
    choose(again.step_box, StepKind.PRIOR_CONSULTATION.value)
    choose(again.step_box, StepKind.FILED.value)
    assert again.amount_edit.isEnabled() and not again.amount_edit.toolTip()


def test_tab_leaves_the_months_table_and_days_are_read_as_days(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter, register_group(counter, "ひろば運営会", kind="npo"))
    dialog.title_edit.insert("相談ひろば")
    choose(dialog.programme_box, "hiroba")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.months_table.setFocus()
    dialog.months_table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.months_table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.purpose_edit  # one Tab, not 24

    from PySide6.QtWidgets import QTableWidgetItem

    dialog.months_table.setItem(0, 0, QTableWidgetItem("10日"))
    assert [(m.month, m.days_opened) for m in dialog.months_table.months()] == [(4, 10)]
    dialog.months_table.setItem(0, 0, QTableWidgetItem("十日"))
    with pytest.raises(InputError) as refused:
        dialog.months_table.months()
    assert "50,000" not in refused.value.message  # a days message, not a yen example
    assert "十日" in refused.value.message and refused.value.field == "months"


def test_a_second_jichi_in_a_year_is_refused_for_a_new_project_too(qtbot, counter, head_office):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.applications.filing import (
        ApplicationDraft,
        StepDraft,
        open_application,
        record_step,
    )

    group_id = register_group(counter, "北町会", kind="chokai", households=1000)
    project_id = create_project(counter.database, counter.actor, ProjectDraft(group_id, "自治活動"))
    first = open_application(
        counter.database,
        counter.actor,
        ApplicationDraft(
            project_id=project_id,
            programme_code="jichi",
            fiscal_year=2026,
            opened_on=TODAY,
        ),
    )
    version = get_application(head_office.database, head_office.actor, first).row_version
    record_step(
        head_office.database,
        head_office.actor,
        first,
        StepDraft(StepKind.DECIDED, TODAY, 140_000),
        row_version=version,
    )
    dialog = open_dialog(qtbot, counter, group_id)
    choose(dialog.project_box, application_dialog.NEW_PROJECT)  # 「新しい事業…」
    choose(dialog.programme_box, "jichi")
    assert dialog.judgement.refused  # ① is once a 年度 per 町会, whatever its project
