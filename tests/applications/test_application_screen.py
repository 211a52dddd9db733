"""The 申請 screen: the applications an officer may see, narrowed by 年度, programme, step,
office and group name, and a new application filed from it."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    ProjectDraft,
    create_project,
    open_application,
)
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.ui.applications import screen as screen_module
from kyodo_desktop.ui.applications.dialog import ApplicationDialog
from kyodo_desktop.ui.applications.screen import ApplicationScreen

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")


@pytest.fixture
def ward(workspace, actor_factory):  # type: ignore[no-untyped-def]
    """Three applications at office 01 and one at office 02, over two 年度 and programmes."""
    counter = actor_factory(workspace, "01", StaffRole.COUNTER)
    other = actor_factory(workspace, "02", StaffRole.COUNTER)
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    db = workspace.database

    def file(actor, group, programme, fy, division=None, first=StepKind.FILED):  # type: ignore[no-untyped-def]
        group_id = create_group(
            db, actor, GroupDraft(name=group, name_kana="カナ", kind="volunteer")
        )
        project_id = create_project(db, actor, ProjectDraft(group_id, f"{group}の事業"))
        return open_application(
            db,
            actor,
            ApplicationDraft(
                project_id=project_id,
                programme_code=programme,
                fiscal_year=fy,
                division=division,
                first_step=first,
                opened_on=date(fy, 5, 1),
                amount_requested=None if first is StepKind.PRIOR_CONSULTATION else 40_000,
            ),
        )

    made = {
        "桜の会": file(counter, "桜の会", "yasashii", 2026, "hajime"),
        "欅の会": file(counter, "欅の会", "machizukuri", 2026, "tamago"),
        "楓の会": file(
            counter, "楓の会", "yasashii", 2025, "hajime", first=StepKind.PRIOR_CONSULTATION
        ),
        "松の会": file(other, "松の会", "yasashii", 2026, "hajime"),
    }
    return workspace, counter, head, made


def open_screen(qtbot, workspace) -> ApplicationScreen:  # type: ignore[no-untyped-def]
    screen = ApplicationScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def groups(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [screen.model.row_at(row).group_name for row in range(screen.model.rowCount())]


def choose(box, value) -> None:  # type: ignore[no-untyped-def]
    found = [i for i in range(box.count()) if box.itemData(i) == value]
    assert found, value
    box.setCurrentIndex(found[0])


def test_a_counter_officer_sees_their_offices_applications(qtbot, qtmodeltester, ward):  # type: ignore[no-untyped-def]
    workspace, counter, _head, _made = ward
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=counter))
    qtmodeltester.check(screen.model)
    assert sorted(groups(screen)) == ["桜の会", "楓の会", "欅の会"]
    assert screen.count_label.text() == "3 件"
    assert not screen.office_box.isVisibleTo(screen)  # nothing to choose: their own office


def test_the_filters_narrow_the_list_and_the_count(qtbot, ward):  # type: ignore[no-untyped-def]
    workspace, _counter, head, made = ward
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=head))
    assert screen.count_label.text() == "4 件"
    choose(screen.year_box, 2026)
    assert sorted(groups(screen)) == ["松の会", "桜の会", "欅の会"]
    choose(screen.programme_box, "yasashii")
    assert sorted(groups(screen)) == ["松の会", "桜の会"]
    assert screen.count_label.text() == "2 件"
    office_02 = [
        i for i in range(screen.office_box.count()) if "02" in screen.office_box.itemText(i)
    ]
    screen.office_box.setCurrentIndex(office_02[0])
    assert groups(screen) == ["松の会"]
    screen.office_box.setCurrentIndex(0)
    screen.year_box.setCurrentIndex(0)  # every 年度
    choose(screen.step_box, StepKind.PRIOR_CONSULTATION.value)
    assert groups(screen) == ["楓の会"]
    choose(screen.step_box, None)
    screen.search_edit.insert("欅")  # as the IME commits it
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)  # searches at once
    assert groups(screen) == []  # 欅 applied to ③, and ② is still chosen
    choose(screen.programme_box, None)
    assert groups(screen) == ["欅の会"]
    assert screen.count_label.text() == "1 件"
    assert made["欅の会"] == screen.model.row_at(0).id


def test_enter_opens_the_applications_page(qtbot, ward, monkeypatch):  # type: ignore[no-untyped-def]
    workspace, counter, _head, made = ward
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        screen_module, "show_application", lambda ws, parent, app_id: opened.append(app_id)
    )
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=counter))
    screen.search_edit.insert("桜")
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.table.hasFocus)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [made["桜の会"]]


def test_a_viewer_cannot_file(qtbot, ward, actor_factory):  # type: ignore[no-untyped-def]
    workspace, *_ = ward
    viewer = actor_factory(workspace, "01", StaffRole.VIEWER)
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=viewer))
    assert not screen.new_button.isEnabled()


def test_a_habataki_application_filed_from_the_screen_is_in_the_list(qtbot, ward, monkeypatch):  # type: ignore[no-untyped-def]
    workspace, counter, _head, _made = ward
    acting = dataclasses.replace(workspace, actor=counter)
    group_id = create_group(
        workspace.database,
        counter,
        GroupDraft(name="はばたき会", name_kana="ハバタキカイ", kind="volunteer"),
    )
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        screen_module, "show_application", lambda ws, parent, app_id: opened.append(app_id)
    )
    screen = open_screen(qtbot, acting)
    filled: list[ApplicationDialog] = []

    def fill() -> None:  # what the officer does in the dialog that opened
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApplicationDialog)
        filled.append(dialog)
        dialog.group_edit.choose(group_id, "はばたき会")
        dialog.title_edit.insert("商店街の花壇")
        choose(dialog.programme_box, "machizukuri")
        choose(dialog.division_box, "habataki")
        qtbot.keyClicks(dialog.amount_edit, "300000")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    screen.new_button.click()

    assert filled and len(opened) == 1
    assert "はばたき会" in groups(screen)
    assert screen.count_label.text() == "4 件"
    row = next(screen.model.row_at(r) for r in range(4) if screen.model.row_at(r).id == opened[0])
    assert (row.programme_code, row.division, row.amount_requested) == (
        "machizukuri",
        "habataki",
        300_000,
    )


def test_an_application_that_cannot_be_opened_is_said_so(qtbot, ward, monkeypatch):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.errors import NotFoundError
    from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
    from kyodo_desktop.ui.widgets.refusal_box import RefusalBox

    workspace, counter, _head, _made = ward
    told: list[str] = []
    monkeypatch.setattr(
        RefusalBox, "tell", classmethod(lambda cls, parent, text: told.append(text))
    )
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=counter))
    locked = EnvironmentFaultError(Problem.LOCKED, "database is locked")
    for problem in (NotFoundError("申請が見つかりません。"), locked):

        def fail(ws, parent, app_id, problem=problem):  # type: ignore[no-untyped-def]
            raise problem

        monkeypatch.setattr(screen_module, "show_application", fail)
        screen.table.setFocus()
        screen.table.setCurrentIndex(screen.model.index(0, 0))
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert told == ["申請が見つかりません。", locked.message]


def test_the_rules_mark_is_beside_the_step_and_every_column_fits(qtbot, ward):  # type: ignore[no-untyped-def]
    workspace, _counter, head, _made = ward
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=head))
    header = screen.model.headerData
    horizontal = Qt.Orientation.Horizontal
    assert [header(c, horizontal) for c in (5, 6, 7)] == ["手続き", "規則", "申請額"]
    screen.resize(1280 - 160, 700)  # the main window at 1,280 px, less its navigation
    qtbot.waitExposed(screen)
    sections = screen.table.horizontalHeader()
    last = screen.model.columnCount() - 1
    assert sections.sectionPosition(last) + 80 <= screen.table.viewport().width()
