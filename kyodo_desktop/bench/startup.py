"""Cold start: the program on the demo database beside a bare PySide6 window (the floor)."""

from __future__ import annotations

import os
import subprocess
import sys

from kyodo_desktop.app import SMOKE_TEST_MILLISECONDS
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario

# The floor: a new Python process that imports Qt, shows one empty window, runs the
# event loop for as long as the smoke test does, and exits.
BARE_WINDOW = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot({SMOKE_TEST_MILLISECONDS}, app.quit)
sys.exit(app.exec())
"""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(
        command, env=_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed: {result.stderr.strip()[-500:]}")


@scenario(
    "cold_start",
    "kyodo-desktop --smoke-test --demo, a new process each time",
    goal="at most 2x the bare PySide6 window",
)
def cold_start(context: BenchContext) -> Prepared:
    data_dir = context.demo_data_dir()
    program = [sys.executable, "-m", "kyodo_desktop.app", "--smoke-test", "--demo"]
    program += ["--data-dir", str(data_dir)]
    return Prepared(
        rows=_consultation_count(data_dir),
        run=lambda: _run(program),
        baseline_name="bare PySide6 window",
        baseline=lambda: _run([sys.executable, "-c", BARE_WINDOW]),
    )


def _consultation_count(data_dir) -> int:  # type: ignore[no-untyped-def]
    import sqlite3

    from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    path = data_dir / DEMO_FOLDER_NAME / DATABASE_FILE_NAME
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM consultation").fetchone()[0]
    finally:
        connection.close()
