"""The program's memory with the consultation list of a million rows scrolled to the end.

A new process opens the large ward with Qt offscreen and the list the screens use (a
LazyTableModel over services.browse in a QTableView), jumps through it from top to bottom
and reads its resident memory (VmRSS) and peak (VmHWM) from /proc. The baseline is the
same process up to the moment before the list is opened (Qt, the database, the officer).
``seconds`` is the whole process; the memory is in the record as ``rss_mb`` (list
scrolled to the end), ``peak_rss_mb`` and ``baseline_rss_mb`` (before the list).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kyodo_desktop.bench.large_ward import large_ward
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.bench.ward import ward

PROGRAM = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QTableView
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel

def status(name):
    for line in open("/proc/self/status"):
        if line.startswith(name + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0

app = QApplication(sys.argv[:1])
workspace = open_workspace(Path(sys.argv[1]))
actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
figures = {"baseline_rss_mb": status("VmRSS")}
if sys.argv[2] == "list":
    columns = [
        Column("date", lambda r: r.occurred_on.isoformat()),
        Column("office", lambda r: r.office_name),
        Column("who", lambda r: r.group_name or r.person_name or ""),
        Column("topics", lambda r: r.topics),
        Column("asked", lambda r: r.asked),
        Column("officer", lambda r: r.staff_name),
    ]
    model = LazyTableModel(browse.consultations(workspace.database, actor), columns)
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    bar = view.verticalScrollBar()
    for step in range(0, 101, 2):
        bar.setValue(bar.maximum() * step // 100)
        app.processEvents()
    view.scrollToBottom()
    app.processEvents()
    last = model.index(model.rowCount() - 1, 0)
    assert model.data(last) is not None, "the last row did not load"
    figures.update(
        rss_mb=status("VmRSS"), peak_rss_mb=status("VmHWM"), pages_held=model.loaded_pages
    )
workspace.close()
print(json.dumps(figures))
"""


def _run(folder: str, mode: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, folder, mode],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the list process failed: {result.stderr.strip()[-800:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@scenario(
    "list_memory",
    "resident memory (MB) of a process with the consultation list scrolled to the end",
    goal="rss_mb at most 300 MB",
)
def list_memory(context: BenchContext) -> Prepared:
    folder = str(large_ward(context))
    rows = ward(context).rows
    last: dict[str, float] = {}

    def with_list() -> None:
        last.update(_run(folder, "list"))

    return Prepared(
        rows=rows,
        run=with_list,
        baseline_name="same process, no list",
        baseline=lambda: _run(folder, "none"),
        measures=lambda: dict(last),
    )
