"""kyodo-admin: each command works, and a fault is one clear line, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kyodo_desktop.admin.main import main
from kyodo_desktop.services.workspace import open_workspace


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("init", "demo", "migrate", "backup", "restore", "check", "bench"):
        assert command in out


def test_init_creates_a_database_that_check_finds_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--data-dir", str(tmp_path)]) == 0
    assert (tmp_path / "kyodo.sqlite3").exists()
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    assert "異常はありません" in capsys.readouterr().out


def test_backup_writes_a_copy_that_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workspace(tmp_path).close()
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == tmp_path / "backups"
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("SELECT count(*) FROM office").fetchone() == (17,)
    finally:
        connection.close()


def test_demo_writes_the_same_database_as_the_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["demo", "--data-dir", str(tmp_path), "--scale", "0.02", "--today", "2026-11-27"])
    assert code == 0
    assert "consultation" in capsys.readouterr().out
    workspace = open_workspace(tmp_path)
    try:
        assert workspace.is_demo
    finally:
        workspace.close()


def test_demo_refuses_a_folder_that_holds_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workspace(tmp_path).close()
    assert main(["demo", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "既にあります" in err


def test_a_missing_database_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--data-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kyodo-admin: ") and err.count("\n") == 1


def test_a_damaged_file_is_reported_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kyodo.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["check", "--data-dir", str(tmp_path)]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_bench_refuses_an_unknown_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--only", "no_such_scenario"]) == 2
    assert "cold_start" in capsys.readouterr().err


def test_backup_list_restore_and_check_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workspace(tmp_path).close()
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert main(["backup", "--list", "--data-dir", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert "手動" in listing and copy.name in listing
    connection = sqlite3.connect(tmp_path / "kyodo.sqlite3")
    connection.execute("DELETE FROM setting WHERE key = 'database.kind'")
    connection.commit()
    connection.close()
    assert main(["restore", copy.name, "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "復元しました" in out and "before-restore" in out
    connection = sqlite3.connect(tmp_path / "kyodo.sqlite3")
    try:
        sql = "SELECT count(*) FROM setting WHERE key = 'database.kind'"
        assert connection.execute(sql).fetchone() == (1,)
    finally:
        connection.close()
    assert main(["check", "--full", "--data-dir", str(tmp_path)]) == 0


def test_restore_refuses_a_damaged_backup_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workspace(tmp_path).close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["restore", str(bad), "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kyodo-admin: ") and err.count("\n") == 1 and "壊れている" in err
    assert main(["restore", "nothing-here.sqlite3", "--data-dir", str(tmp_path)]) == 2
    assert "見つかりません" in capsys.readouterr().err


def test_check_reports_damage_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kyodo.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "異常があります" in err and "restore" in err
