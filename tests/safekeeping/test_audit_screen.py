"""監査ログ as the head office uses it: filters set by hand, the rows shown, an entry opened."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.persons import (
    PersonDraft,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.safekeeping.audit import JAPAN
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.main_window import MainWindow
from kyodo_desktop.ui.safekeeping.audit_log import AuditScreen
from kyodo_desktop.ui.screens import screen_entries

pytestmark = pytest.mark.usefixtures("ui_resources")

SCREEN_NAMES = ["相談記録", "団体", "支援ケース", "申請", "帳票", "集計", "設定"]
DATE, OFFICE, STAFF, ACTION, RECORD, CONTENT = range(6)


@pytest.fixture
def people(workspace: Workspace, actor_factory):  # type: ignore[no-untyped-def]
    counter = actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口")
    other = actor_factory(workspace, "05", StaffRole.COUNTER, "出張所05の窓口")
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課")
    hanako = create_person(workspace.database, counter, PersonDraft(name="練馬花子"))
    taro = create_person(workspace.database, other, PersonDraft(name="石神井太郎"))
    open_person(workspace.database, counter, hanako)
    open_person(workspace.database, other, taro)
    change_person(
        workspace.database, counter, hanako, PersonDraft(name="練馬はな子"), row_version=1
    )
    return {"counter": counter, "head": head}


def open_screen(qtbot, workspace: Workspace, actor) -> AuditScreen:  # type: ignore[no-untyped-def]
    workspace.actor = actor
    screen = AuditScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def shown(screen: AuditScreen, column: int) -> list[str]:
    return [screen.model.index(row, column).data() for row in range(screen.model.rowCount())]


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_the_newest_entry_comes_first_in_japanese(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    assert screen.title.text() == "監査ログ"
    first = [screen.model.index(0, column).data() for column in range(6)]
    now = datetime.now(JAPAN)
    assert first[DATE].startswith(f"R{now.year - 2018}.{now.month}.")
    assert first[OFFICE:CONTENT] == ["光が丘区民事務所", "光が丘の窓口", "変更", "相談者"]
    assert first[CONTENT] == "氏名・名称"
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["日時", "事務所", "職員名", "操作", "対象", "内容"]
    assert screen.count_label.text() == f"{screen.model.rowCount():,} 件"


def test_choosing_an_action_and_typing_a_name_narrow_the_rows(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    choose(screen.action_combo, "閲覧")
    assert shown(screen, ACTION) == ["閲覧", "閲覧"]
    assert shown(screen, STAFF) == ["出張所05の窓口", "光が丘の窓口"]
    choose(screen.action_combo, "すべての操作")
    screen.text_edit.setText("石神井太郎")
    qtbot.keyClick(screen.text_edit, Qt.Key.Key_Return)
    assert shown(screen, CONTENT) == ["氏名・名称: 石神井太郎"]
    assert screen.count_label.text() == "1 件"
    screen.clear_button.click()
    assert screen.text_edit.text() == "" and screen.model.rowCount() > 5


def test_the_office_and_staff_filters(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    choose(screen.office_combo, "05 出張所05")
    assert set(shown(screen, OFFICE)) == {"出張所05"}
    choose(screen.office_combo, "すべての事務所")
    choose(screen.staff_combo, f"光が丘の窓口 ({people['counter'].login_id})")
    assert shown(screen, ACTION) == ["変更", "閲覧", "登録"]
    choose(screen.staff_combo, "プログラム自身")
    assert set(shown(screen, STAFF)) == {"システム"}


def test_a_date_that_cannot_be_read_is_explained_and_the_rows_stay(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    rows = screen.model.rowCount()
    qtbot.keyClicks(screen.since_edit, "R8.13.1")
    screen.search_button.click()
    assert "月 13 は1から12の間ではありません" in screen.message.text()
    assert screen.model.rowCount() == rows
    screen.since_edit.clear()
    tomorrow = datetime.now(JAPAN).date().toordinal() + 1
    qtbot.keyClicks(screen.since_edit, datetime.fromordinal(tomorrow).strftime("%Y-%m-%d"))
    screen.search_button.click()
    assert screen.message.text() == "" and screen.model.rowCount() == 0


def test_selecting_an_entry_shows_each_field_before_and_after(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    screen.table.selectRow(0)
    assert "相談者" in screen.detail_title.text() and "変更" in screen.detail_title.text()
    model = screen.detail_model
    fields = [
        tuple(model.index(row, column).data() for column in range(3))
        for row in range(model.rowCount())
    ]
    assert ("氏名・名称", "練馬花子", "練馬はな子") in fields
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["項目", "変更前", "変更後"]


def test_verify_reports_the_chain_holds(qtbot, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    screen.verify_button.click()
    assert screen.message.text().endswith("件の記録を確認しました。改ざんはありません。")


def test_the_models_pass_qt_model_tester(qtbot, qtmodeltester, workspace, people):  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, workspace, people["head"])
    qtmodeltester.check(screen.model)
    screen.table.selectRow(0)
    qtmodeltester.check(screen.detail_model)


def test_the_menu_offers_the_log_only_to_who_may_read_it(qtbot, workspace, people, tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace.actor = people["counter"]
    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.audit_action.isVisible()
    window.set_actor(people["head"])
    assert window.audit_action.isVisible()
    assert window.audit_action.text() == "監査ログ(&A)"
    window.audit_action.trigger()
    screen = window.stack.currentWidget()
    assert isinstance(screen, AuditScreen) and screen.model.rowCount() > 0
    names = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert names == SCREEN_NAMES  # the seven screens stay seven
    window.navigation.setCurrentRow(1)
    assert window.stack.currentWidget() is window.screen_for("groups")
    window.open_audit_log()
    window.set_actor(people["counter"])  # someone else signs in: the log goes
    assert not window.audit_action.isVisible()
    assert not isinstance(window.stack.currentWidget(), AuditScreen)
    assert not any(screen.isVisible() for screen in window.findChildren(AuditScreen))
