"""Support cases on screen: opened from the group's page, written on, closed; the list; the dock."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.rules.vocabulary import CaseEventKind
from kyodo_desktop.services.cases.lifecycle import CaseDraft, case_timeline, get_case, open_case
from kyodo_desktop.services.consultations.follow_ups import FollowUpKind, due_follow_ups
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.workspace import SYSTEM, Workspace
from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.ui.cases.dialog import CaseDialog, index_of
from kyodo_desktop.ui.cases.event_dialog import CaseEventDialog
from kyodo_desktop.ui.cases.page import CasePage, CloseCaseQuestion
from kyodo_desktop.ui.cases.screen import CaseScreen
from kyodo_desktop.ui.follow_ups import FollowUpPanel
from kyodo_desktop.ui.groups.page import GroupPage

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")

TODAY = date.today()


def new_group(workspace: Workspace, name: str = "ねりま子ども食堂の会") -> uuid.UUID:
    draft = GroupDraft(name=name, name_kana="ネリマコドモショクドウノカイ", kind=GroupKind.NPO)
    return create_group(workspace.database, workspace.actor, draft)


def new_case(workspace: Workspace, group_id: uuid.UUID, **fields: object) -> uuid.UUID:
    draft = CaseDraft(group_id=group_id, title=str(fields.pop("title", "拠点探し")), **fields)  # type: ignore[arg-type]
    return open_case(workspace.database, workspace.actor, draft)


PROBLEMS: list[BaseException] = []  # failures inside a modal dialog's own event loop


@pytest.fixture(autouse=True)
def no_problem_in_a_dialog():  # type: ignore[no-untyped-def]
    PROBLEMS.clear()
    yield
    if PROBLEMS:
        raise PROBLEMS[0]


def when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of `kind` once it is on screen (its exec() is running).

    A failure closes the dialog, so that the test goes on to report it rather than hang.
    """

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not (isinstance(widget, kind) and widget.isVisible()):
            QTimer.singleShot(10, look)
            return
        try:
            act(widget)
            if widget.isVisible():
                raise AssertionError(f"{kind.__name__} is still open: {widget.message.text()}")
        except BaseException as problem:
            PROBLEMS.append(problem)
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, look)


def save(dialog: QWidget) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()  # type: ignore[attr-defined]


def test_a_case_is_opened_from_the_group_s_page_written_on_and_closed(  # type: ignore[no-untyped-def]
    qtbot, counter_workspace, monkeypatch
):
    workspace = counter_workspace
    group_id = new_group(workspace)
    group_page = GroupPage(workspace, group_id)
    qtbot.addWidget(group_page)
    group_page.show()
    monkeypatch.setattr(CloseCaseQuestion, "ask", classmethod(lambda cls, parent, title: True))
    seen: dict[str, object] = {}

    def fill_entry(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseEventDialog)
        dialog.choose_kind(CaseEventKind.VISIT)
        dialog.summary_edit.setPlainText("活動場所の候補を一緒に見学した")
        save(dialog)

    def work_on_the_case(page: QWidget) -> None:
        assert isinstance(page, CasePage)
        seen["lines before"] = page.model.rowCount()
        when_shown(CaseEventDialog, fill_entry)
        page.entry_button.click()  # the entry dialog runs and saves meanwhile
        seen["lines"] = [tuple(page.model.index(0, column).data() for column in range(6))]
        page.close_case_button.click()
        seen["status after closing"] = page.case.status
        page.reject()

    def fill_case(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog)
        assert dialog.group_box is None  # the group is the page's
        dialog.title_edit.setText("活動拠点の確保")  # as the IME commits it
        dialog.purpose_edit.setPlainText("定期的に使える活動場所を探す")
        dialog.action_edit.setText("候補地の使用条件を確認する")
        dialog.due_edit.set_day(TODAY + timedelta(days=7))
        when_shown(CasePage, work_on_the_case)
        save(dialog)

    when_shown(CaseDialog, fill_case)
    group_page.case_button.click()  # the dialog, then the case's page, run meanwhile

    assert seen["lines before"] == 0
    [(day, kind, what, amount, number, who)] = seen["lines"]  # type: ignore[misc]
    assert (kind, what, amount, number) == ("訪問", "活動場所の候補を一緒に見学した", "", "")
    assert day.startswith("R") and who == workspace.actor.name
    assert seen["status after closing"] == "closed"
    [case] = [row for row in group_page.history.rows if row.kind == "case"]
    assert (case.summary, case.status) == ("活動拠点の確保", "closed")


def test_a_refused_entry_keeps_what_was_typed_and_says_why(qtbot, counter_workspace):  # type: ignore[no-untyped-def]
    workspace = counter_workspace
    case_id = new_case(workspace, new_group(workspace), opened_on=TODAY - timedelta(days=3))
    dialog = CaseEventDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_kind(CaseEventKind.REFERRAL)
    assert dialog.department_box.isEnabled() and not dialog.application_box.isEnabled()
    dialog.summary_edit.setPlainText("社協につないだ")  # QTest types ASCII only
    save(dialog)
    assert dialog.message.text() == "つなぎ先の所管課を一覧から選んでください。"
    assert dialog.focusWidget() is dialog.department_box
    dialog.department_box.setCurrentIndex(1)
    dialog.day_edit.set_day(TODAY - timedelta(days=5))
    save(dialog)
    assert "開始日以降" in dialog.message.text()
    dialog.day_edit.set_day(TODAY)
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [line] = case_timeline(workspace.database, workspace.actor, case_id).lines
    assert (line.kind, line.what, line.department) == (
        "referral",
        "社協につないだ",
        dialog.department_box.currentText().split(" ", 1)[1],
    )


def test_the_case_dialog_changes_the_case_and_refuses_an_early_due_date(qtbot, counter_workspace):  # type: ignore[no-untyped-def]
    workspace = counter_workspace
    case_id = new_case(workspace, new_group(workspace), opened_on=TODAY - timedelta(days=10))
    dialog = CaseDialog(workspace, case_id=case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.title_edit.text() == "拠点探し" and not dialog.opened_edit.isEnabled()
    dialog.action_edit.setText("所有者と打ち合わせる")
    dialog.due_edit.setText("R2.4.1")
    save(dialog)
    assert "開始日以降" in dialog.message.text() and dialog.focusWidget() is dialog.due_edit
    dialog.due_edit.set_day(TODAY)
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("watching"))
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    case = get_case(workspace.database, workspace.actor, case_id)
    assert (case.status, case.next_action, case.next_action_due) == (
        "watching",
        "所有者と打ち合わせる",
        TODAY,
    )


# The list ---------------------------------------------------------------------------------


def test_the_list_filters_by_status_and_opens_a_case_on_enter(  # type: ignore[no-untyped-def]
    qtbot, counter_workspace, monkeypatch, qtmodeltester
):
    workspace = counter_workspace
    group_id = new_group(workspace)
    watched = new_case(workspace, group_id, title="見守り中", status="watching")
    new_case(workspace, group_id, title="対応中")
    closed = new_case(workspace, group_id, title="終結済み")
    from kyodo_desktop.services.cases.lifecycle import close_case

    version = get_case(workspace.database, workspace.actor, closed).row_version
    close_case(workspace.database, workspace.actor, closed, row_version=version)
    screen = CaseScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 2  # the open ones
    screen.status_box.setCurrentIndex(screen.status_box.findData("closed"))
    assert [screen.model.row_at(r).id for r in range(screen.model.rowCount())] == [closed]
    screen.status_box.setCurrentIndex(screen.status_box.findData("all"))
    assert screen.model.rowCount() == 3
    screen.status_box.setCurrentIndex(screen.status_box.findData("watching"))
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        CasePage, "ask", classmethod(lambda cls, ws, parent, case_id: opened.append(case_id))
    )
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [watched]
    qtmodeltester.check(screen.model)


def test_a_new_case_from_the_list_chooses_its_group(qtbot, counter_workspace, monkeypatch):  # type: ignore[no-untyped-def]
    workspace = counter_workspace
    new_group(workspace, "石神井町会")
    group_id = new_group(workspace, "大泉子ども食堂")
    screen = CaseScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    monkeypatch.setattr(CasePage, "ask", classmethod(lambda cls, ws, parent, case_id: False))

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CaseDialog) and dialog.group_box is not None
        dialog.title_edit.setText("立ち上げ支援")
        save(dialog)  # no group yet: refused, the cursor on the group
        assert dialog.message.isVisible()
        assert dialog.focusWidget() in (dialog.group_box, dialog.group_box.lineEdit())
        dialog.group_box.setCurrentIndex(index_of(dialog.group_box, group_id))
        save(dialog)

    when_shown(CaseDialog, fill)
    screen.new_button.click()
    [row] = [screen.model.row_at(r) for r in range(screen.model.rowCount())]
    assert (row.group_name, row.title, row.status) == ("大泉子ども食堂", "立ち上げ支援", "active")


# The follow-up dock -----------------------------------------------------------------------


def test_the_dock_lists_a_due_case_opens_it_and_marks_its_next_action_done(  # type: ignore[no-untyped-def]
    qtbot, counter_workspace, monkeypatch, qtmodeltester
):
    workspace = counter_workspace
    group_id = new_group(workspace)
    case_id = new_case(
        workspace,
        group_id,
        opened_on=TODAY - timedelta(days=30),
        next_action="会則案を確認する",
        next_action_due=TODAY - timedelta(days=1),
    )
    panel = FollowUpPanel(workspace)
    qtbot.addWidget(panel)
    panel.show()
    qtmodeltester.check(panel.model)
    [item] = panel.items
    assert (item.kind, item.record_id, item.what) == (
        FollowUpKind.CASE,
        case_id,
        "会則案を確認する",
    )
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        CasePage, "ask", classmethod(lambda cls, ws, parent, chosen: opened.append(chosen))
    )
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [case_id]
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    panel.done_button.click()
    assert panel.items == [] and panel.message.text() == ""
    case = get_case(workspace.database, workspace.actor, case_id)
    assert (case.next_action, case.next_action_due) == ("", None)
    assert due_follow_ups(workspace.database, workspace.actor).total == 0


# Opening what the timeline shows ------------------------------------------------------------


class FakePage(QObject):
    updated = Signal()
    opened: ClassVar[list[uuid.UUID]] = []

    @classmethod
    def show_for(cls, workspace, parent, application_id):  # type: ignore[no-untyped-def]
        cls.opened.append(application_id)
        return cls(parent)


def test_an_application_step_on_the_timeline_opens_the_application(  # type: ignore[no-untyped-def]
    qtbot, counter_workspace, monkeypatch, qtmodeltester
):
    import kyodo_desktop.ui.applications.page as module

    workspace = counter_workspace
    group_id = new_group(workspace)
    case_id = new_case(workspace, group_id, opened_on=TODAY - timedelta(days=20))
    with workspace.database.transaction(SYSTEM) as session:
        project = Project(id=uuid.uuid4(), group_id=group_id, title="子ども食堂の運営")
        filed = Application(
            id=uuid.uuid4(),
            project_id=project.id,
            group_id=group_id,
            programme_code="yasashii",
            fiscal_year=2026,
            office_id=workspace.actor.office_id,
            status="filed",
            amount_requested=120_000,
        )
        session.add_all([project, filed])
        session.flush()
        session.add(
            ApplicationStep(
                id=uuid.uuid4(),
                application_id=filed.id,
                kind="filed",
                occurred_on=TODAY - timedelta(days=10),
                document_number="練協推第7号",
                staff_id=workspace.actor.staff_id,
                amount=120_000,
            )
        )
    FakePage.opened = []
    monkeypatch.setattr(module, "ApplicationPage", FakePage)
    page = CasePage(workspace, case_id)
    qtbot.addWidget(page)
    page.show()
    qtmodeltester.check(page.model)
    assert len(page.timeline.rows) == 1
    row = [page.model.index(0, column).data() for column in range(6)]
    assert row[1] == "交付申請" and "練協推第7号" in row and row[3] == "120,000円"
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert FakePage.opened == [filed.id]
    [opened] = page.findChildren(FakePage)
    assert not page.changed
    opened.updated.emit()  # a step recorded on the application's page
    assert page.changed  # so the case list behind reloads too


def test_a_case_on_the_group_s_timeline_opens_its_page(qtbot, counter_workspace, monkeypatch):  # type: ignore[no-untyped-def]
    workspace = counter_workspace
    group_id = new_group(workspace)
    case_id = new_case(workspace, group_id)
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        CasePage, "ask", classmethod(lambda cls, ws, parent, chosen: bool(opened.append(chosen)))
    )
    group_page = GroupPage(workspace, group_id)
    qtbot.addWidget(group_page)
    group_page.show()
    row = next(i for i, r in enumerate(group_page.history.rows) if r.kind == "case")
    group_page.table.setFocus()
    group_page.table.setCurrentIndex(group_page.model.index(row, 0))
    qtbot.keyClick(group_page.table, Qt.Key.Key_Return)
    assert opened == [case_id]


def test_a_case_that_cannot_be_opened_is_said_so(qtbot, counter_workspace, monkeypatch):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.errors import NotFoundError
    from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
    from kyodo_desktop.ui.widgets.refusal_box import RefusalBox

    workspace = counter_workspace
    new_case(workspace, new_group(workspace), title="対応中")
    told: list[str] = []
    monkeypatch.setattr(
        RefusalBox, "tell", classmethod(lambda cls, parent, text: told.append(text))
    )
    screen = CaseScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    locked = EnvironmentFaultError(Problem.LOCKED, "database is locked")
    for problem in (locked, NotFoundError("支援ケースが見つかりません。")):

        def fail(cls, ws, parent, case_id, problem=problem):  # type: ignore[no-untyped-def]
            raise problem

        monkeypatch.setattr(CasePage, "ask", classmethod(fail))
        screen.table.setFocus()
        screen.table.setCurrentIndex(screen.model.index(0, 0))
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert told == [locked.message, "支援ケースが見つかりません。"]
