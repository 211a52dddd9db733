"""The idle lock (画面ロック): after some minutes without input the window is covered.

`InputActivity` notices input by polling once a second (see its docstring for why not an
event filter); when nothing happened for long enough the main window is covered by an opaque panel
and a modal dialog asks the signed-in officer's password. Nothing under the cover is closed
or reset, so what was being typed in an open form is still there after unlocking. Windows
of their own (the consultation forms) the cover cannot hide: the main window hides them on
`locked` and shows them again on `unlocked`. "Sign in as someone else" hands over to the
window, which keeps the forms' drafts and asks before discarding a screen's unsaved work.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.host.idle import seconds_since_input
from kyodo_desktop.services.access.signing_in import DEMO_PASSWORD, sign_in
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.database import Database
from kyodo_desktop.ui.sign_in.login import password_edit, show_refusal
from kyodo_desktop.ui.widgets.refusal_box import message_label

POLL_MS = 1000


class LockDialog(QDialog):
    """Asks the signed-in officer's password; Escape and the close button do not unlock."""

    SWITCH = 2  # the result when someone else wants to sign in

    def __init__(
        self, database: Database, actor: Actor, parent: QWidget | None = None, *, demo: bool
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.setWindowTitle(self.tr("Screen locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        intro = QLabel(
            self.tr(
                "The screen was locked because nothing was typed for a while. "
                "%1 (%2) is signed in: enter the password to go on."
            )
            .replace("%1", actor.name)
            .replace("%2", actor.login_id),
            self,
        )
        intro.setWordWrap(True)
        self.password_edit = password_edit(self)
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Sign in as someone else..."), self)
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.switch_button.clicked.connect(self.switch)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password_edit)
        if demo:
            layout.addWidget(
                QLabel(self.tr('Demo data: the password is "%1".').replace("%1", DEMO_PASSWORD))
            )
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.password_edit.setFocus()

    def accept(self) -> None:
        try:
            sign_in(
                self._database, self._actor.login_id, self.password_edit.text(), purpose="unlock"
            )
        except Exception as error:
            if not show_refusal(error, self.message, self.password_edit):
                raise
            return
        super().accept()

    def switch(self) -> None:
        self.done(self.SWITCH)

    def reject(self) -> None:
        """Escape does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    @classmethod
    def ask(
        cls,
        database: Database,
        actor: Actor,
        parent: QWidget,
        finished: Callable[[int], None],
        *,
        demo: bool,
    ) -> LockDialog:
        """Open the dialog over the window without blocking; ``finished`` gets the result."""
        dialog = cls(database, actor, parent, demo=demo)
        dialog.finished.connect(finished)
        dialog.open()
        return dialog


class LockCover(QWidget):
    """An opaque panel over the whole window while it is locked: nothing shows through."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Kyodo Desk is locked."), self)
        label.setObjectName("screenTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.hide()

    def follow(self) -> None:
        """Cover the whole window again (the window calls this when it is resized)."""
        if self.isVisible():
            self.setGeometry(self._window.rect())


class InputActivity:
    """When someone last used the PC (monotonic seconds), found by looking, not by filtering.

    An application-wide Python event filter made PySide wrap every object an event went
    to, including objects being destroyed, and crashed the program now and then. Instead,
    a poll once a second compares what input changes: on Windows the system's own last
    input time (GetLastInputInfo, what the screen saver uses); elsewhere the mouse position,
    the focused widget and the text being typed into it.
    """

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._fingerprint: object = None

    def touch(self) -> None:
        self.last_input = time.monotonic()

    def poll(self) -> None:
        idle = seconds_since_input()
        if idle is not None:
            self.last_input = max(self.last_input, time.monotonic() - idle)
            return
        fingerprint = _input_fingerprint()
        if fingerprint != self._fingerprint:
            self._fingerprint = fingerprint
            self.touch()


def _input_fingerprint() -> object:
    focus = QApplication.focusWidget()
    typed: object = None
    if focus is not None:
        for reader in ("text", "toPlainText", "currentIndex", "value"):
            read = getattr(focus, reader, None)
            if callable(read):
                try:
                    value = read()
                except TypeError:
                    continue
                typed = (reader, value.row(), value.column()) if hasattr(value, "row") else value
                break
    return (QCursor.pos().toTuple(), id(focus), typed)


class IdleLock(QObject):
    """Locks the window after ``timeout_ms`` without input, and unlocks it again."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        workspace: Workspace,
        timeout_ms: int,
        switch_user: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._switch_user = switch_user
        self.cover = LockCover(window)
        self.dialog: LockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._check)
        self._timeout_ms = timeout_ms
        self._activity = InputActivity()
        self._poll = QTimer(self)
        self._poll.setInterval(min(POLL_MS, max(timeout_ms // 4, 10)))
        self._poll.timeout.connect(self._activity.poll)

    def start(self) -> None:
        """Count idle time from now on (also after an unlock)."""
        self._activity.touch()
        self._activity.poll()
        self._timer.start(self._timeout_ms)
        self._poll.start()

    def stop(self) -> None:
        """Stop counting (the window closes)."""
        self._timer.stop()
        self._poll.stop()

    def _check(self) -> None:
        self._activity.poll()
        idle_ms = int((time.monotonic() - self._activity.last_input) * 1000)
        if idle_ms >= self._timeout_ms:
            self.lock()
        else:
            self._timer.start(self._timeout_ms - idle_ms)

    @property
    def is_locked(self) -> bool:
        return self.cover.isVisible()

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def lock(self) -> None:
        """Cover the window and ask for the password (nothing happens if nobody can unlock)."""
        actor = self._workspace.actor
        if self.is_locked or actor is None or actor.staff_id is None:
            return
        self._timer.stop()
        self.cover.setGeometry(self._window.rect())
        self.cover.show()
        self.cover.raise_()
        self._ask()
        self.locked.emit()

    def _ask(self) -> None:
        actor = self._workspace.actor
        assert actor is not None
        self.dialog = LockDialog.ask(
            self._workspace.database,
            actor,
            self._window,
            self._finished,
            demo=self._workspace.is_demo,
        )

    def _finished(self, result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if result == LockDialog.SWITCH and not self._switch_user():
            self._ask()  # nobody else signed in: still locked
            return
        self.cover.hide()
        self.start()
        self.unlocked.emit()
