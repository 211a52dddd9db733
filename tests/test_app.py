"""Starting the program: first start, --demo, --smoke-test, and failures told plainly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME


def run_program(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kyodo_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_first_start_creates_and_migrates_the_database(tmp_path: Path) -> None:
    result = run_program("--smoke-test", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "data" / "kyodo.sqlite3").exists()
    assert not (tmp_path / "data" / "window.ini").exists()  # a smoke test leaves no layout


def test_demo_opens_its_own_folder_and_never_the_real_database(
    tmp_path: Path, demo_data_dir: Path
) -> None:
    import shutil

    shutil.copytree(demo_data_dir, tmp_path / "data")
    result = run_program("--smoke-test", "--demo", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / DEMO_FOLDER_NAME / "kyodo.sqlite3").exists()
    assert not (tmp_path / "data" / "kyodo.sqlite3").exists()


def test_a_damaged_database_is_reported_in_japanese_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kyodo.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run_program("--smoke-test", "--data-dir", str(data))
    assert result.returncode == 1
    assert "データベースのファイルが壊れています" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data / "kyodo.sqlite3").read_bytes() == b"this is not a database" * 100


def test_an_unusable_data_folder_is_reported_in_japanese(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    result = run_program("--smoke-test", "--data-dir", str(blocker))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "フォルダ" in result.stderr


def test_a_damaged_database_lists_the_backups_to_choose_from(tmp_path: Path) -> None:
    from kyodo_desktop.services.safekeeping.backups import backup_now
    from kyodo_desktop.services.workspace import open_workspace
    from kyodo_desktop.store.backup.names import BackupReason

    data = tmp_path / "data"
    open_workspace(data).close()
    backup = backup_now(data / "kyodo.sqlite3", BackupReason.START)
    assert backup is not None
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000
    (data / "kyodo.sqlite3").write_bytes(damaged)
    result = run_program("--smoke-test", "--data-dir", str(data))
    assert result.returncode == 1
    assert "データベースのファイルが壊れています" in result.stderr
    assert "復元に使えるバックアップ" in result.stderr
    assert f"起動時  {backup.name}" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data / "kyodo.sqlite3").read_bytes() == damaged


def test_a_start_takes_a_backup_of_an_existing_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_program("--smoke-test", "--data-dir", str(data)).returncode == 0
    result = run_program("--smoke-test", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert any(path.name.endswith("-start.sqlite3") for path in (data / "backups").iterdir())
