"""The shared folder, passed through by itself: at start, at sign-out, every few minutes.

Each pass (services.exchange.shared_folder) runs on a worker thread; the window is never
held up and nothing is asked: what came of it is one line in the status bar (「受け渡し:
14:05 に送受信しました」, 「受け渡し: 共有フォルダに接続できません」), the details in its tooltip.
Nothing happens while no folder is set in 設定 or the officer may not exchange.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.exchange.outcomes import WAITING
from kyodo_desktop.services.exchange.shared_folder import (
    PASS_INTERVAL_MINUTES,
    FolderExchange,
    exchange_through_folder,
    shared_folder,
)
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.store.errors import classify
from kyodo_desktop.ui.exchange.job import ExchangeJob
from kyodo_desktop.ui.exchange.summary import received_summary, sent_summary

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace


def pass_once(
    workspace: Workspace, actor: Actor, previous: FolderExchange | None
) -> FolderExchange | None:
    """One pass if a shared folder is set (None if not); runs on the worker thread."""
    shared = shared_folder(workspace.database)
    if shared is None:
        return None
    return exchange_through_folder(workspace.database, actor, workspace.data_dir, shared, previous)


class FolderExchangeTimer(QObject):
    """Passes through the shared folder in the background and says so in a status label."""

    passed = Signal(object)  # the FolderExchange, or None when no folder is set

    def __init__(
        self,
        workspace: Workspace,
        label: QLabel,
        parent: QObject | None = None,
        *,
        interval_ms: int = PASS_INTERVAL_MINUTES * 60_000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("folderExchange")
        self._workspace = workspace
        self.label = label
        self.last: FolderExchange | None = None
        self._job = ExchangeJob(self, name="shared-folder")
        self._job.finished.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        """A pass now (in the background), then one every few minutes."""
        self.tick()
        self._timer.start()

    @property
    def busy(self) -> bool:
        return self._job.busy

    def _actor(self) -> Actor | None:
        actor = self._workspace.actor
        return actor if actor is not None and allows(actor, Permission.EXCHANGE) else None

    def tick(self) -> None:
        """A pass, unless one is running or nobody who may exchange is signed in."""
        actor = self._actor()
        if actor is None or self.busy:
            return
        self._job.start(pass_once, self._workspace, actor, self.last)

    def _finished(self, result: FolderExchange | None, error: Exception | None) -> None:
        if error is not None:
            problem = classify(error)
            if isinstance(error, ServiceError):
                self._show(self.tr("Exchange: not done (%1)").replace("%1", _now()), error.message)
            elif problem is not None:
                self._show(
                    self.tr("Exchange: not done (%1)").replace("%1", _now()), problem.message
                )
            else:
                raise error  # a bug: the program's error handling shows it
            self.passed.emit(None)
            return
        if result is None:
            self.label.hide()
        else:
            if result.reachable and not result.refusal:
                self.last = result
            self._show(*self.describe(result))
        self.passed.emit(result)

    def describe(self, result: FolderExchange) -> tuple[str, str]:
        """The status bar's line and its tooltip for one pass."""
        at = result.at.strftime("%H:%M")
        if not result.reachable:
            line = self.tr("Exchange: cannot reach the shared folder (%1)").replace("%1", at)
            return line, self.tr("Shared folder: %1").replace("%1", result.problem)
        if result.refusal:
            return self.tr("Exchange: not done (%1)").replace("%1", at), result.refusal
        if result.sent and result.received:
            line = self.tr("Exchange: sent and received at %1")
        elif result.sent:
            line = self.tr("Exchange: sent at %1")
        elif result.received:
            line = self.tr("Exchange: received at %1")
        else:
            line = self.tr("Exchange: nothing new at %1")
        line = line.replace("%1", at)
        waiting = sum(1 for item in result.received if item.outcome == WAITING)
        if waiting:
            line += self.tr(" (%1 on hold)").replace("%1", str(waiting))
        details = [
            text
            for text in (
                received_summary(result.received) if result.received else "",
                sent_summary(result.sent) if result.sent else "",
            )
            if text
        ]
        return line, "\n".join(details)

    def _show(self, line: str, details: str) -> None:
        self.label.setText(line)
        self.label.setToolTip(details)
        self.label.show()

    def stop(self) -> None:
        """Stop the timer and wait for a pass in progress."""
        self._timer.stop()
        self._job.wait()

    def at_exit(self) -> None:
        """At sign-out when the program ends: a last pass, waited for (the window is gone).

        A folder out of reach, a refusal or a fault of the disk must not stop the exit.
        """
        self.stop()
        actor = self._actor()
        if actor is None:
            return
        try:
            pass_once(self._workspace, actor, self.last)
        except Exception as error:
            if not isinstance(error, ServiceError) and classify(error) is None:
                raise


def _now() -> str:
    return datetime.now().strftime("%H:%M")


def start_folder_exchange(window: QMainWindow, workspace: Workspace) -> FolderExchangeTimer:
    """At start: the status bar's 受け渡し line (hidden until a folder is set), the first pass."""
    label = QLabel(window)
    label.setObjectName("exchangeStatus")
    label.hide()
    window.statusBar().addPermanentWidget(label)
    timer = FolderExchangeTimer(workspace, label, window)
    signed_out = getattr(window, "signed_out", None)
    if signed_out is not None:  # ユーザーの切り替え: the one leaving has their work sent
        signed_out.connect(timer.tick)
    timer.start()
    return timer
