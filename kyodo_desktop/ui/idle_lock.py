"""The idle lock (画面ロック): after some minutes without input the window is covered.

An application-wide event filter notices every key, click, wheel turn and mouse movement
and restarts a timer; when the timer runs out the main window is covered by an opaque panel
and a modal dialog asks the signed-in officer's password. Nothing under the cover is closed
or reset, so what was being typed in an open form is still there after unlocking. "Sign in
as someone else" hands over to the window, which asks before discarding unsaved work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.staff import DEMO_PASSWORD, sign_in
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.database import Database
from kyodo_desktop.ui.login import message_label, password_edit, refusal_text

# What counts as someone at the PC. Hover moves too: a hand on the mouse is presence.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.HoverMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


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
            text = refusal_text(error)
            if text is None:
                raise
            self.message.setText(text)
            self.message.show()
            self.password_edit.clear()
            self.password_edit.setFocus()
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
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Kyodo Desk is locked."), self)
        label.setObjectName("screenTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.hide()


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
        self._timer.timeout.connect(self.lock)
        self._filtering = False

    def start(self) -> None:
        """Watch for input from now on (also after an unlock)."""
        if not self._filtering:
            QApplication.instance().installEventFilter(self)
            self._filtering = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (the window closes)."""
        self._timer.stop()
        if self._filtering:
            QApplication.instance().removeEventFilter(self)
            self._filtering = False

    @property
    def is_locked(self) -> bool:
        return self.cover.isVisible()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if self._timer.isActive():
                self._timer.start()
        elif kind == QEvent.Type.Resize and watched is self._window and self.is_locked:
            self.cover.setGeometry(self._window.rect())
        return False

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
        self._timer.start()
        self.unlocked.emit()
