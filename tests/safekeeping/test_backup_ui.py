"""The 設定 screen's backups tab and the backups taken while the program runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyodo_desktop.services.safekeeping.backups import list_backups
from kyodo_desktop.services.settings import KIND_SETTING
from kyodo_desktop.services.workspace import SYSTEM, Workspace, open_workspace
from kyodo_desktop.store.reference import Setting
from kyodo_desktop.ui.main_window import MainWindow
from kyodo_desktop.ui.safekeeping.backup_timer import BackupTimer
from kyodo_desktop.ui.screens import screen_entries
from kyodo_desktop.ui.settings.backups_tab import BackupTab, RestartNotice, RestoreQuestion

pytestmark = pytest.mark.usefixtures("ui_resources")


def set_kind(workspace: Workspace, value: str) -> None:
    with workspace.database.transaction(SYSTEM) as session:
        session.get(Setting, KIND_SETTING).value = json.dumps(value)  # type: ignore[union-attr]


def open_backup_tab(qtbot, workspace: Workspace, tmp_path: Path) -> tuple[MainWindow, BackupTab]:  # type: ignore[no-untyped-def]
    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settings = window.show_screen("settings")
    tab = settings.findChild(BackupTab)
    settings.tabs.setCurrentWidget(tab)
    return window, tab


def test_the_tab_lists_a_backup_taken_now_in_japanese(qtbot, qtmodeltester, workspace, tmp_path):  # type: ignore[no-untyped-def]
    _window, tab = open_backup_tab(qtbot, workspace, tmp_path)
    assert tab.model.rowCount() == 0
    tab.backup_button.click()
    assert tab.model.rowCount() == 1
    row = [tab.model.index(0, column).data() for column in range(4)]
    assert row[0].startswith("R")  # 和暦 with the time: R8.11.27 15:30
    assert row[1] == "手動"
    assert row[2].endswith("KB")
    assert row[3].endswith("-manual.sqlite3")
    assert "バックアップしました" in tab.message.text()
    assert tab.backup_button.text() == "今すぐバックアップ"
    qtmodeltester.check(tab.model)


def test_restoring_asks_puts_the_records_back_and_closes_the_window(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, workspace, tmp_path
):
    window, tab = open_backup_tab(qtbot, workspace, tmp_path)
    tab.backup_button.click()
    set_kind(workspace, "changed after the backup")
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(
        RestoreQuestion,
        "ask",
        classmethod(lambda cls, parent, info: asked.append(info.path.name) or True),
    )
    monkeypatch.setattr(
        RestartNotice, "show", classmethod(lambda cls, parent, text: told.append(text))
    )

    tab.restore_button.click()
    assert tab.message.text() == "一覧からバックアップを選んでください。"
    assert not asked
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.restored):
        tab.restore_button.click()

    assert asked and asked[0].endswith("-manual.sqlite3")
    assert "復元しました" in told[0] and "before-restore" in told[0]
    assert not window.isVisible()
    assert workspace.actor is None  # nobody is signed out of the restored records at exit
    reopened = open_workspace(tmp_path / "data")
    try:
        with reopened.database.reading() as session:
            assert json.loads(session.get(Setting, KIND_SETTING).value) == "real"  # type: ignore[union-attr]
        reasons = [info.reason for info in list_backups(reopened)]
        assert "before-restore" in reasons
    finally:
        reopened.close()


def test_declining_the_question_changes_nothing(qtbot, monkeypatch, workspace, tmp_path):  # type: ignore[no-untyped-def]
    window, tab = open_backup_tab(qtbot, workspace, tmp_path)
    tab.backup_button.click()
    set_kind(workspace, "kept")
    monkeypatch.setattr(RestoreQuestion, "ask", classmethod(lambda cls, parent, info: False))
    tab.table.selectRow(0)
    tab.restore_button.click()
    assert window.isVisible()
    with workspace.database.reading() as session:
        assert json.loads(session.get(Setting, KIND_SETTING).value) == "kept"  # type: ignore[union-attr]


def test_a_counter_officer_may_back_up_but_not_restore(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    _window, tab = open_backup_tab(qtbot, demo_workspace, tmp_path)
    tab.backup_button.click()
    tab.table.selectRow(0)
    assert tab.model.rowCount() == 1
    assert not tab.restore_button.isEnabled()


def test_the_timer_backs_up_at_start_and_then_only_after_a_change(qtbot, workspace):  # type: ignore[no-untyped-def]
    timer = BackupTimer(workspace, interval_ms=3_600_000)
    try:
        with qtbot.waitSignal(timer.backed_up) as started:
            timer.start()
        assert "-start." in started.args[0].name
        with qtbot.assertNotEmitted(timer.backed_up, wait=50):
            timer.tick()  # nothing changed since the start backup
        set_kind(workspace, "changed")
        with qtbot.waitSignal(timer.backed_up) as periodic:
            timer.tick()
        assert "-periodic." in periodic.args[0].name
    finally:
        timer.stop()
    assert [info.reason for info in list_backups(workspace)] == ["periodic", "start"]
