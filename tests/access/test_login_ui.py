"""Signing in as an officer meets it: the first start, the login, the idle lock, passwords."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access import accounts, installation, signing_in
from kyodo_desktop.services.access.accounts import StaffDraft
from kyodo_desktop.services.access.signing_in import SIGN_IN_FAILED, SignInError
from kyodo_desktop.services.workspace import Workspace, open_workspace
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.people import Staff
from kyodo_desktop.ui.main_window import MainWindow
from kyodo_desktop.ui.screens import screen_entries
from kyodo_desktop.ui.sign_in.idle_lock import LockDialog
from kyodo_desktop.ui.sign_in.login import DiscardQuestion, LoginDialog
from kyodo_desktop.ui.sign_in.opening import first_sign_in
from kyodo_desktop.ui.sign_in.password_dialog import PasswordDialog
from kyodo_desktop.ui.sign_in.setup_dialog import SetupDialog

pytestmark = pytest.mark.usefixtures("ui_resources")

PASSWORD = "counter-pass-03"
IDLE_MS = 300


@pytest.fixture
def new_workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = open_workspace(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def officer(workspace: Workspace):  # type: ignore[no-untyped-def]
    """A counter officer of office 03 with a password, signed in."""
    accounts.create_staff(
        workspace.database,
        workspace.actor,
        StaffDraft("n03-tanaka", "田中一郎", "03", "counter"),
        password=PASSWORD,
    )
    return signing_in.sign_in(workspace.database, "n03-tanaka", PASSWORD)


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def open_window(qtbot, workspace: Workspace, tmp_path: Path, **options) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_start_asks_for_the_set_up_then_the_login(new_workspace, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("setup")))
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("login")))
    first_sign_in(new_workspace, None, unattended=False)
    installation.set_up_installation(
        new_workspace.database, installation.InstallationDraft("03", "kanri", "練馬花子", PASSWORD)
    )
    first_sign_in(new_workspace, None, unattended=False)
    assert asked == ["setup", "login"]
    # The smoke test never waits for a person: a read-only system viewer acts.
    viewer = first_sign_in(new_workspace, None, unattended=True)
    assert (viewer.role, viewer.staff_id, viewer.office_code) == (StaffRole.VIEWER, None, "03")
    assert asked == ["setup", "login"]


def test_the_set_up_dialog_creates_the_administrator(new_workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(new_workspace.database)
    qtbot.addWidget(dialog)
    assert dialog.office_box.count() == 17
    dialog.office_box.setCurrentIndex(dialog.office_box.findData("05"))
    qtbot.keyClicks(dialog.login_edit, "kanri")
    dialog.name_edit.setText("練馬花子")  # QTest types ASCII only
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD + "x")
    ok(dialog)
    assert (
        dialog.message.text() == "パスワードが2回とも同じではありません。もう一度入力してください。"
    )
    assert dialog.result() == 0 and installation.needs_set_up(new_workspace.database)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        ok(dialog)
    assert (dialog.actor.login_id, dialog.actor.role, dialog.actor.office_code) == (
        "kanri",
        StaffRole.ADMIN,
        "05",
    )
    with new_workspace.database.reading() as session:
        admin = session.scalars(select(Staff).where(Staff.login_id == "kanri")).one()
        assert (admin.name, admin.role, admin.office.code) == ("練馬花子", "admin", "05")
        assert admin.password_hash.startswith("$argon2id$")
    assert installation.installation_office_code(new_workspace.database) == "05"


def test_the_set_up_dialog_shows_the_services_refusal(new_workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(new_workspace.database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "kanri")
    dialog.name_edit.setText("練馬花子")  # QTest types ASCII only
    qtbot.keyClicks(dialog.password_edit, "short")
    qtbot.keyClicks(dialog.repeat_edit, "short")
    ok(dialog)
    assert "8文字以上" in dialog.message.text() and dialog.message.isVisibleTo(dialog)
    assert installation.needs_set_up(new_workspace.database)


def test_the_login_dialog_signs_in_and_the_status_bar_shows_the_officer(  # type: ignore[no-untyped-def]
    workspace, officer, qtbot, tmp_path
):
    dialog = LoginDialog(workspace.database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "n03-tanaka")
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    ok(dialog)
    assert dialog.message.text() == SIGN_IN_FAILED
    assert dialog.password_edit.text() == ""  # typed again, not corrected
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        ok(dialog)
    workspace.actor = dialog.actor
    window = open_window(qtbot, workspace, tmp_path)
    assert window.officer_label.text() == "職員: 田中一郎"
    assert window.office_label.text() == "事務所: 光が丘区民事務所（03）"
    assert window.password_action.isEnabled() and window.lock_action.isEnabled()


def test_switching_user_shows_the_new_officer_and_their_records(  # type: ignore[no-untyped-def]
    workspace, officer, qtbot, tmp_path, monkeypatch
):
    admin = workspace.actor
    workspace.actor = officer
    window = open_window(qtbot, workspace, tmp_path)
    before = window.show_screen("consultations")
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert window.switch_user() is False  # cancelled: nothing changes
    assert window.officer_label.text() == "職員: 田中一郎"
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: admin))
    assert window.switch_user() is True
    assert window.officer_label.text() == "職員: 管理者"
    assert workspace.actor == admin
    after = window.screen_for("consultations")
    assert after is not before  # built again for the new officer
    with workspace.database.reading() as session:
        logout = session.scalars(select(AuditEntry).where(AuditEntry.action == "logout")).one()
    assert logout.staff_id == officer.staff_id


def test_the_window_locks_when_idle_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    workspace, officer, qtbot, tmp_path
):
    workspace.actor = officer
    window = open_window(qtbot, workspace, tmp_path, idle_lock_ms=IDLE_MS)
    assert window.idle_lock.timeout_ms == IDLE_MS
    form = window.open_estimate()
    qtbot.keyClicks(form.panel.households_edit, "1,234")
    with qtbot.waitSignal(window.idle_lock.locked, timeout=5000):
        pass
    dialog = window.idle_lock.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    assert window.idle_lock.cover.isVisible()
    assert window.idle_lock.cover.geometry() == window.rect()
    # Escape does not unlock; a wrong password does not either.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    dialog.unlock_button.click()
    assert dialog.message.text() == SIGN_IN_FAILED and window.idle_lock.is_locked
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(window.idle_lock.unlocked):
        dialog.unlock_button.click()
    assert not window.idle_lock.cover.isVisible()
    assert form.panel.households_edit.text() == "1,234"
    assert form.isVisible()
    with workspace.database.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.staff_id == officer.staff_id)
        ).all()
    assert "unlock" in actions


def test_at_the_lock_someone_else_signs_in_after_being_asked_about_unsaved_work(  # type: ignore[no-untyped-def]
    workspace, officer, qtbot, tmp_path, monkeypatch
):
    admin = workspace.actor
    workspace.actor = officer
    window = open_window(qtbot, workspace, tmp_path, idle_lock_ms=IDLE_MS)
    asked: list[str] = []
    monkeypatch.setattr(window, "has_unsaved_work", lambda: True)
    monkeypatch.setattr(
        DiscardQuestion, "ask", classmethod(lambda cls, parent: asked.append("discard?") or False)
    )
    monkeypatch.setattr(
        LoginDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("login") or admin)
    )
    window.lock_screen()
    first = window.idle_lock.dialog
    first.switch_button.click()  # the officer keeps their unsaved work: still locked
    assert asked == ["discard?"]
    assert window.idle_lock.is_locked and window.idle_lock.dialog is not first
    assert window.officer_label.text() == "職員: 田中一郎"
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, parent: True))
    with qtbot.waitSignal(window.idle_lock.unlocked):
        window.idle_lock.dialog.switch_button.click()
    assert asked == ["discard?", "login"]
    assert window.officer_label.text() == "職員: 管理者"


def test_a_password_change_works_and_the_old_password_no_longer_does(  # type: ignore[no-untyped-def]
    workspace, officer, qtbot
):
    dialog = PasswordDialog(workspace.database, officer)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current_edit, PASSWORD)
    qtbot.keyClicks(dialog.new_edit, "new-secret-42")
    qtbot.keyClicks(dialog.repeat_edit, "new-secret-4")
    ok(dialog)
    assert "2回とも同じではありません" in dialog.message.text()
    qtbot.keyClicks(dialog.new_edit, "new-secret-42")
    qtbot.keyClicks(dialog.repeat_edit, "new-secret-42")
    with qtbot.waitSignal(dialog.accepted):
        ok(dialog)
    with pytest.raises(SignInError):
        signing_in.sign_in(workspace.database, "n03-tanaka", PASSWORD)
    assert signing_in.sign_in(workspace.database, "n03-tanaka", "new-secret-42") == officer


def test_the_file_menu_offers_switching_user_and_changing_the_password(  # type: ignore[no-untyped-def]
    demo_workspace, qtbot, tmp_path, monkeypatch
):
    window = open_window(qtbot, demo_workspace, tmp_path)
    texts = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert texts[:3] == ["ユーザーの切り替え(&S)...", "パスワードの変更(&P)...", "画面のロック(&L)"]
    changed: list[object] = []
    monkeypatch.setattr(
        PasswordDialog,
        "ask",
        classmethod(lambda cls, db, actor, parent: changed.append(actor) or True),
    )
    window.password_action.trigger()
    assert changed == [demo_workspace.actor]
    assert window.statusBar().currentMessage() == "パスワードを変更しました。"
