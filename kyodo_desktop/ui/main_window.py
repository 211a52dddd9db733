"""The main window: navigation to the seven screens, the status bar, remembered layout."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from kyodo_desktop import __version__

if TYPE_CHECKING:  # the window shows before the database layer is even imported
    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.ui.applications.estimate import EstimateDialog
    from kyodo_desktop.ui.sign_in.idle_lock import IdleLock

STYLE_SHEET = """
QListWidget#navigation { font-size: 12pt; padding-top: 6px; }
QListWidget#navigation::item { padding: 8px 12px; }
QLabel#screenTitle { font-size: 15pt; font-weight: bold; padding: 2px 0 4px 0; }
QLabel#countLabel { color: #555; }
"""


@dataclass(frozen=True)
class ScreenEntry:
    """A screen in the navigation: its key, its name, and how to build it when first shown."""

    key: str
    title: str
    build: Callable[[Workspace, QWidget], QWidget]


class MainWindow(QMainWindow):
    """The window a ward officer keeps open all day."""

    workspace_attached = Signal()
    follow_ups_offered = Signal(bool)  # after sign-in: whether the day's follow-ups were shown
    signed_out = Signal()  # ユーザーの切り替え: the officer leaving was signed out

    def __init__(
        self,
        screens: Sequence[ScreenEntry],
        settings_file: Path,
        parent: QWidget | None = None,
        *,
        workspace: Workspace | None = None,
        remember_layout: bool = True,
        idle_lock_ms: int | None = None,
    ) -> None:
        """The window; it can show before its workspace is open (see `attach`).

        ``idle_lock_ms``: lock after this long without input (default: the database's
        setting, 10 minutes unless an administrator changed it).
        """
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.idle_lock: IdleLock | None = None
        self._idle_lock_ms = idle_lock_ms
        self._entries = list(screens)
        self._built: dict[str, QWidget] = {}
        self._estimate: EstimateDialog | None = None
        self._audit: QWidget | None = None  # 監査ログ: a page beside the seven screens
        self._follow_ups: QWidget | None = None  # 今日のフォロー: a dock (ui/follow_ups.py)
        self._window_covers: list[QWidget] = []  # over other windows while locked
        self._drafts_offer_pending = False
        self._settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        self._remember_layout = remember_layout

        self.setWindowTitle(self.tr("Kyodo Desk"))
        self.setMinimumSize(900, 600)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        for entry in self._entries:
            self.navigation.addItem(entry.title)
        self.navigation.setFixedWidth(160)
        self.stack = QStackedWidget(self)
        for _ in self._entries:
            self.stack.addWidget(QWidget(self.stack))  # an empty page until first shown
        self.opening_label = QLabel(self.tr("Opening the database..."), self.stack)
        self.opening_label.setObjectName("screenTitle")
        self.stack.addWidget(self.opening_label)
        self.stack.setCurrentWidget(self.opening_label)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(STYLE_SHEET)
        self.navigation.currentRowChanged.connect(self.show_screen_at)

        self._build_menus()
        self._restore_geometry()
        if workspace is not None:
            self.attach(workspace)

    def attach(self, workspace: Workspace) -> None:
        """Show the workspace's records: the last screen used, the status bar, the title.

        Someone is signed in to the workspace already (see ui/sign_in/opening.py `first_sign_in`).
        """
        if workspace.actor is None:
            raise RuntimeError("nobody is signed in to the workspace")
        self.workspace = workspace
        if workspace.is_demo:
            self.setWindowTitle(self.tr("%1 (demo data)").replace("%1", self.tr("Kyodo Desk")))
        self._build_status_bar()
        self.estimate_action.setEnabled(True)
        self._offer_drafts_soon()  # once the window is up: forms a crash left
        self._start_idle_lock(workspace)
        self._show_actor(workspace.actor)
        self.stack.removeWidget(self.opening_label)
        self.opening_label.deleteLater()
        keys = [entry.key for entry in self._entries]
        last = str(self._settings.value("window/screen", keys[0]))
        self.show_screen(last if last in keys else keys[0])
        self.follow_ups_action.setEnabled(True)
        # Once the list is on screen: the officer sees the records first, the dock a moment later.
        QTimer.singleShot(0, self, self.offer_follow_ups)
        self.workspace_attached.emit()

    # Navigation ---------------------------------------------------------------------

    def show_screen(self, key: str) -> QWidget:
        row = [entry.key for entry in self._entries].index(key)
        self.navigation.setCurrentRow(row)
        return self.screen_for(key)

    def show_screen_at(self, row: int) -> None:
        if self.workspace is not None and 0 <= row < len(self._entries):
            self.stack.setCurrentWidget(self.screen_for(self._entries[row].key))

    def screen_for(self, key: str) -> QWidget:
        """The screen for the key, built the first time it is asked for."""
        if self.workspace is None:
            raise RuntimeError("no workspace is open yet")
        if key not in self._built:
            row = [entry.key for entry in self._entries].index(key)
            widget = self._entries[row].build(self.workspace, self.stack)
            empty_page = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(empty_page)
            empty_page.deleteLater()
            self._built[key] = widget
            restore = getattr(widget, "restore_layout", None)
            if restore is not None:
                restore(self._settings)
        return self._built[key]

    @property
    def current_key(self) -> str:
        return self._entries[max(self.navigation.currentRow(), 0)].key

    # Chrome -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.switch_user_action = QAction(self.tr("&Switch user..."), self)
        self.switch_user_action.triggered.connect(self.switch_user)
        self.password_action = QAction(self.tr("Change &password..."), self)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(self.tr("&Lock the screen"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_screen)
        for action in (self.switch_user_action, self.password_action, self.lock_action):
            action.setEnabled(False)
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.exchange_action = QAction(self.tr("E&xchange data..."), self)
        self.exchange_action.triggered.connect(self.open_exchange)
        self.exchange_action.setEnabled(False)
        file_menu.addAction(self.exchange_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        records_menu = self.menuBar().addMenu(self.tr("&Records"))
        self.new_consultation_action = QAction(self.tr("&New consultation..."), self)
        self.new_consultation_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_consultation_action.triggered.connect(self.open_new_consultation)
        self.new_consultation_action.setEnabled(False)
        records_menu.addAction(self.new_consultation_action)
        self.round_action = QAction(self.tr("Yearly round of ① applications..."), self)
        self.round_action.triggered.connect(self.open_round_dialog)
        self.round_action.setVisible(False)  # the head office's (Permission.DECIDE)
        self.round_action.setEnabled(False)
        records_menu.addAction(self.round_action)
        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        self.estimate_action = QAction(self.tr("&Estimate a grant..."), self)
        self.estimate_action.setShortcut(QKeySequence("Ctrl+E"))
        self.estimate_action.triggered.connect(self.open_estimate)
        self.estimate_action.setEnabled(False)
        tools_menu.addAction(self.estimate_action)
        self.audit_action = QAction(self.tr("&Audit log"), self)
        self.audit_action.triggered.connect(self.open_audit_log)
        self.audit_action.setVisible(False)  # shown to the roles that may read the trail
        tools_menu.addAction(self.audit_action)
        self.follow_ups_action = QAction(self.tr("Today's &follow-ups"), self)
        self.follow_ups_action.setShortcut(QKeySequence("Ctrl+T"))
        self.follow_ups_action.triggered.connect(self.open_follow_ups)
        self.follow_ups_action.setEnabled(False)
        tools_menu.addAction(self.follow_ups_action)
        self.conflicts_action = QAction(self.tr("&Conflicts..."), self)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self.conflicts_action.setVisible(False)  # the head office decides them
        tools_menu.addAction(self.conflicts_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Kyodo Desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        assert self.workspace is not None
        actor = self.workspace.actor
        self.office_label = QLabel(
            self.tr("Office: %1 (%2)")
            .replace("%1", actor.office_name)
            .replace("%2", actor.office_code)
        )
        self.officer_label = QLabel(self)
        database = self.workspace.database
        shown = self.tr("Server: %1") if database.is_server else self.tr("Database: %1")
        self.database_label = QLabel(shown.replace("%1", database.location))
        for widget in (self.office_label, self.officer_label, self.database_label):
            self.statusBar().addWidget(widget)

    # Who is signed in ---------------------------------------------------------------

    def _start_idle_lock(self, workspace: Workspace) -> None:
        from kyodo_desktop.services.access.installation import idle_lock_minutes
        from kyodo_desktop.ui.sign_in.idle_lock import IdleLock

        timeout = self._idle_lock_ms or idle_lock_minutes(workspace.database) * 60_000
        self.idle_lock = IdleLock(self, workspace, timeout, self.switch_user)
        # The forms are windows of their own, which the cover does not hide.
        self.idle_lock.locked.connect(self._hide_consultation_forms)
        self.idle_lock.locked.connect(self._cover_other_windows)
        self.idle_lock.unlocked.connect(self._show_consultation_forms)
        self.idle_lock.unlocked.connect(self._uncover_other_windows)
        self.idle_lock.start()

    def _show_actor(self, actor: Actor) -> None:
        self.office_label.setText(
            self.tr("Office: %1 (%2)")
            .replace("%1", actor.office_name)
            .replace("%2", actor.office_code)
        )
        self.officer_label.setText(self.tr("Officer: %1").replace("%1", actor.name))
        self.officer_label.setToolTip(actor.login_id)
        is_staff = actor.staff_id is not None  # not the smoke test's system viewer
        self.switch_user_action.setEnabled(True)
        self.password_action.setEnabled(is_staff)
        self.lock_action.setEnabled(is_staff)
        from kyodo_desktop.services.permissions import Permission, allows

        self.audit_action.setVisible(allows(actor, Permission.READ_AUDIT))
        self.new_consultation_action.setEnabled(allows(actor, Permission.WRITE))
        self.exchange_action.setEnabled(allows(actor, Permission.EXCHANGE))
        self.round_action.setVisible(allows(actor, Permission.DECIDE))
        self.conflicts_action.setVisible(allows(actor, Permission.DECIDE))
        self.round_action.setEnabled(allows(actor, Permission.DECIDE))

    def set_actor(self, actor: Actor) -> None:
        """Someone (else) signed in: the status bar says who, the screens show their records."""
        assert self.workspace is not None
        same = self.workspace.actor is not None and self.workspace.actor.staff_id == actor.staff_id
        self.workspace.actor = actor
        self._show_actor(actor)
        if not same:
            self._drop_audit_log()  # it was built for the one signed in before
            self._drop_follow_ups()
            QTimer.singleShot(0, self, self.offer_follow_ups)
            self._discard_screens()
            self._close_consultation_forms()
            self._offer_drafts_soon()

    def has_unsaved_work(self) -> bool:
        """Whether someone else signing in would lose typed text: a screen's (screens say
        so themselves), or a consultation form's whose draft cannot be written (a draft
        kept waits for its officer's next sign-in)."""
        kept = [form.write_draft() for form in self.consultation_forms()]  # every one written
        return not all(kept) or any(
            getattr(widget, "has_unsaved_work", lambda: False)() for widget in self._built.values()
        )

    def _discard_screens(self) -> None:
        """Built screens show the previous officer's records: build them again when shown."""
        key = self.current_key
        self.save_layout()
        for built_key, widget in list(self._built.items()):
            row = self.stack.indexOf(widget)
            self.stack.insertWidget(row, QWidget(self.stack))
            self.stack.removeWidget(widget)
            widget.deleteLater()
            del self._built[built_key]
        self.show_screen(key)

    def switch_user(self) -> bool:
        """ファイル → ユーザーの切り替え: whether someone else signed in."""
        from kyodo_desktop.services.access.signing_in import sign_out
        from kyodo_desktop.ui.sign_in.login import DiscardQuestion, LoginDialog

        workspace = self.workspace
        if workspace is None or workspace.actor is None:
            return False
        if self.has_unsaved_work() and not DiscardQuestion.ask(self):
            return False
        actor = LoginDialog.ask(workspace.database, self, demo=workspace.is_demo)
        if actor is None:
            return False
        if actor.staff_id != workspace.actor.staff_id:
            sign_out(workspace.database, workspace.actor)
            self.signed_out.emit()
        self.set_actor(actor)
        return True

    def change_password(self) -> bool:
        """ファイル → パスワードの変更."""
        from kyodo_desktop.ui.sign_in.password_dialog import PasswordDialog

        workspace = self.workspace
        if workspace is None or workspace.actor is None or workspace.actor.staff_id is None:
            return False
        changed = PasswordDialog.ask(workspace.database, workspace.actor, self)
        if changed:
            self.statusBar().showMessage(self.tr("Your password was changed."), 10_000)
        return changed

    def lock_screen(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def offer_follow_ups(self) -> None:
        """After sign-in: the day's follow-ups, if the officer's office has any due."""
        from kyodo_desktop.ui.follow_ups import follow_ups_due

        due = self.workspace is not None and self.isVisible() and follow_ups_due(self.workspace)
        if due:
            self.open_follow_ups()
        self.follow_ups_offered.emit(due)

    def open_follow_ups(self) -> QWidget:
        """ツール → 今日のフォロー (Ctrl+T): the dock, read again if it is already there."""
        from kyodo_desktop.ui.follow_ups import FollowUpPanel, follow_up_dock

        assert self.workspace is not None
        if self._follow_ups is None:
            self._follow_ups = follow_up_dock(self, self.workspace)
        else:
            panel = self._follow_ups.widget()  # type: ignore[attr-defined]
            assert isinstance(panel, FollowUpPanel)
            panel.reload()
        self._follow_ups.show()
        return self._follow_ups

    def _drop_follow_ups(self) -> None:
        if self._follow_ups is not None:
            self.removeDockWidget(self._follow_ups)  # type: ignore[arg-type]
            self._follow_ups.deleteLater()
            self._follow_ups = None

    def open_audit_log(self) -> QWidget:
        """ツール → 監査ログ: shown in the window, so the idle lock covers it too."""
        from kyodo_desktop.ui.safekeeping.audit_log import AuditScreen

        assert self.workspace is not None
        if self._audit is None:
            self._audit = AuditScreen(self.workspace, self.stack)
            self.stack.addWidget(self._audit)
        self.navigation.setCurrentRow(-1)  # none of the seven; choosing one leaves the log
        self.stack.setCurrentWidget(self._audit)
        return self._audit

    def _drop_audit_log(self) -> None:
        if self._audit is not None:
            self.stack.removeWidget(self._audit)
            self._audit.deleteLater()
            self._audit = None

    # Consultation forms (ui/consultations/form.py) ------------------------------------

    def consultation_forms(self) -> list[QWidget]:
        """The consultation forms open over this window (from the menu or from a screen)."""
        form_module = sys.modules.get("kyodo_desktop.ui.consultations.form")
        if form_module is None:  # never opened: no need to import it (at exit, say)
            return []
        forms = self.findChildren(form_module.ConsultationForm)
        return [form for form in forms if form.is_open()]  # hidden by the lock, still open

    def open_new_consultation(self) -> QWidget:
        """記録 → 新しい相談 (Ctrl+N)."""
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        assert self.workspace is not None
        return ConsultationForm.open_new(self.workspace, self)

    def _offer_drafts_soon(self) -> None:
        # Once, however many sign-ins happen before the event loop runs: asked once each.
        if not self._drafts_offer_pending:
            self._drafts_offer_pending = True
            QTimer.singleShot(0, self, self.offer_drafts)

    def offer_drafts(self) -> list[QWidget]:
        """Forms left unsaved (a crash, a colleague's sign-in): the officer is asked about each."""
        from kyodo_desktop.ui.consultations.drafts import offer_drafts

        self._drafts_offer_pending = False
        if self.workspace is None or self.workspace.actor is None or not self.isVisible():
            return []  # a window closed already offers nothing: the drafts wait for next time
        already_open = {form.draft_id for form in self.consultation_forms()}  # type: ignore[attr-defined]
        return list(offer_drafts(self.workspace, self, already_open=already_open))

    def _close_consultation_forms(self) -> None:
        # Typed by the officer before: kept as their draft, offered at their next sign-in.
        for form in self.consultation_forms():
            form.close_keeping_draft()  # type: ignore[attr-defined]

    def _hide_consultation_forms(self) -> None:
        for form in self.consultation_forms():
            form.hide_for_lock()  # type: ignore[attr-defined]

    def _show_consultation_forms(self) -> None:
        for form in self.consultation_forms():  # none if someone else signed in at the lock
            form.show_after_lock()  # type: ignore[attr-defined]

    def _cover_other_windows(self) -> None:
        """Other windows open at the lock (a resident's dialog, 試算) are covered too.

        A modal dialog cannot be hidden without ending it (and losing what was typed), so each
        gets the lock's opaque cover as a child instead, removed at the unlock.
        """
        from kyodo_desktop.ui.sign_in.idle_lock import LockCover

        lock_dialog = self.idle_lock.dialog if self.idle_lock is not None else None
        for window in QApplication.topLevelWidgets():
            if window is self or window is lock_dialog or not window.isVisible():
                continue
            if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                continue
            cover = LockCover(window)
            cover.setGeometry(window.rect())
            cover.show()
            cover.raise_()
            self._window_covers.append(cover)

    def _uncover_other_windows(self) -> None:
        for cover in self._window_covers:
            cover.hide()
            cover.deleteLater()
        self._window_covers.clear()

    def watch_consultation_form(self, form: QWidget) -> None:
        """A form opened over this window (ConsultationForm calls this): when it saves,
        the lists showing consultations read again, whoever opened it."""
        opener = form.parentWidget()
        form.saved.connect(lambda _saved_id: self._reload_consultation_lists(opener))  # type: ignore[attr-defined]

    def _reload_consultation_lists(self, opener: QWidget | None) -> None:
        lists = [self._built.get("consultations")]
        if self._follow_ups is not None:
            lists.append(self._follow_ups.widget())  # type: ignore[attr-defined]
        for listing in lists:
            # The form's opener reloads itself (it connected `saved`): once is enough.
            if listing is not None and listing is not opener and hasattr(listing, "reload"):
                listing.reload()

    def open_exchange(self) -> QWidget:
        """ファイル → データの受け渡し…: a dialog of its own, closed when done."""
        from kyodo_desktop.ui.exchange.dialog import ExchangeDialog

        assert self.workspace is not None
        dialog = ExchangeDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.received.connect(lambda: self._reload_consultation_lists(None))
        dialog.received.connect(self._reload_applications)
        dialog.show()
        return dialog

    def open_conflicts(self) -> QWidget:
        """ツール → 競合の決定… (head office): a dialog of its own, closed when done."""
        from kyodo_desktop.ui.exchange.conflicts import ConflictsDialog

        assert self.workspace is not None
        dialog = ConflictsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_round_dialog(self) -> QWidget:
        """記録 → ①の年度一括申請 (head office): a dialog of its own, closed when done."""
        from kyodo_desktop.ui.applications.round_dialog import RoundDialog

        assert self.workspace is not None
        dialog = RoundDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(self._reload_applications)
        dialog.show()
        return dialog

    def _reload_applications(self) -> None:
        listing = self._built.get("applications")  # looked up now: rebuilt at a sign-in
        if listing is not None and hasattr(listing, "reload"):
            listing.reload()

    def open_estimate(self) -> EstimateDialog:
        """Show the 試算 window (one, kept beside the main window)."""
        from kyodo_desktop.services.rule_settings import current_rule_settings
        from kyodo_desktop.ui.applications.estimate import EstimateDialog

        assert self.workspace is not None
        if self._estimate is None:
            self._estimate = EstimateDialog(current_rule_settings(self.workspace.database), self)
        self._estimate.show()
        self._estimate.raise_()
        self._estimate.activateWindow()
        return self._estimate

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Kyodo Desk"),
            self.tr(
                "Kyodo Desk %1\nThe collaboration desk of Nerima ward's branch offices."
            ).replace("%1", __version__),
        )

    # Remembered layout --------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self._first_size()
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _first_size(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or (screen.width() >= 1280 and screen.height() >= 800):
            self.resize(1280, 800)
        else:
            self.resize(max(screen.width() - 40, 900), max(screen.height() - 60, 600))

    def save_layout(self) -> None:
        if not self._remember_layout:
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        if self.workspace is not None:
            self._settings.setValue("window/screen", self.current_key)
        for widget in self._built.values():
            save = getattr(widget, "save_layout", None)
            if save is not None:
                save(self._settings)
        self._settings.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.idle_lock is not None:
            self.idle_lock.cover.follow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self.save_layout()
        for form in self.consultation_forms():
            form.write_draft()  # type: ignore[attr-defined]  # offered again at the next start
        super().closeEvent(event)
