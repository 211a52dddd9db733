"""One exchange step (a send, a receive, a pass through the shared folder) on a worker thread.

The work is a plain function of the services layer; the job only runs it away from the GUI
thread and hands back its result, or the error it raised, as a signal (the shape of the CSV
export's job and the backup timer).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class ExchangeJob(QObject):
    """Runs one function at a time on its own worker thread."""

    finished = Signal(object, object)  # the result or None, the error or None

    def __init__(self, parent: QObject | None = None, *, name: str = "exchange") -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._running: Future[None] | None = None

    @property
    def busy(self) -> bool:
        return self._running is not None and not self._running.done()

    def start(self, work: Callable[..., Any], *args: Any) -> None:
        self._running = self._executor.submit(self._work, work, *args)

    def _work(self, work: Callable[..., Any], *args: Any) -> None:
        try:
            result = work(*args)
        except Exception as error:
            self.finished.emit(None, error)
        else:
            self.finished.emit(result, None)

    def wait(self) -> None:
        """Wait for the step in progress (before the database is closed)."""
        if self._running is not None:
            self._running.exception()
