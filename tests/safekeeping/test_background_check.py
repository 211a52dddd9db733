"""A large database is opened at once and checked for damage behind the open window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.backup import check as backup_check
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.ui.safekeeping.background_check import BackgroundCheck, check_behind_window

pytestmark = pytest.mark.usefixtures("ui_resources")


def damage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)


def test_a_small_file_is_checked_before_opening_and_a_large_one_is_not(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    open_workspace(tmp_path).close()
    database = tmp_path / DATABASE_FILE_NAME
    assert backup_check.checked_before_opening(database)
    monkeypatch.setattr(backup_check, "START_CHECK_LIMIT_BYTES", 1024)
    assert not backup_check.checked_before_opening(database)
    checked: list[Path] = []
    monkeypatch.setattr(
        "kyodo_desktop.store.database.quick_check", lambda path: checked.append(path) or ["ok"]
    )
    open_workspace(tmp_path).close()  # opens without reading every page first
    assert checked == []


def test_damage_found_behind_the_window_is_told_and_stops_the_backups(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path)
    monkeypatch.setattr(backup_check, "START_CHECK_LIMIT_BYTES", 0)
    damaged = tmp_path / "damaged.sqlite3"
    damage(damaged)
    monkeypatch.setattr(
        "kyodo_desktop.ui.safekeeping.background_check.database_file", lambda _workspace: damaged
    )

    class Backups:
        stopped = False

        def stop(self) -> None:
            self.stopped = True

    backups = Backups()
    window = QMainWindow()
    qtbot.addWidget(window)
    check = check_behind_window(window, workspace, backups)  # type: ignore[arg-type]
    assert check is not None
    with qtbot.waitSignal(check.damaged, timeout=10_000):
        pass
    box = window.findChild(QMessageBox, "damageFound")
    assert box is not None
    assert "データベースのファイルが壊れています" in box.text()
    assert backups.stopped
    check.stop()
    box.close()
    workspace.close()


def test_a_sound_large_file_says_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sound.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE note (text TEXT)")
    connection.commit()
    connection.close()
    check = BackgroundCheck(path)
    with qtbot.waitSignal(check.sound, timeout=10_000):
        check.start()
    check.stop()


def test_a_small_file_needs_no_check_behind_the_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path)
    window = QMainWindow()
    qtbot.addWidget(window)
    assert check_behind_window(window, workspace, None) is None
    workspace.close()
