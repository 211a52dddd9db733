"""データの受け渡し in the program: 送る and 受け取る as an officer clicks them, and the shared
folder passed through by itself with a line in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange.test_shared_folder import consultation, count, head_and_branch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.exchange.shared_folder import set_shared_folder, shared_folder
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.ui.exchange import dialog as exchange_dialog
from kyodo_desktop.ui.exchange.dialog import ExchangeDialog
from kyodo_desktop.ui.exchange.folder_timer import FolderExchangeTimer
from kyodo_desktop.ui.settings import exchange_tab
from kyodo_desktop.ui.settings.exchange_tab import ExchangeTab
from kyodo_desktop.ui.widgets.refusal_box import RefusalBox

pytestmark = pytest.mark.usefixtures("ui_resources")


@pytest.fixture
def pair(tmp_path: Path, actor_factory, ui_resources):  # type: ignore[no-untyped-def]
    head, branch = head_and_branch(tmp_path, actor_factory)
    yield head, branch
    head.workspace.close()
    branch.workspace.close()


def _dialog(qtbot, office) -> ExchangeDialog:  # type: ignore[no-untyped-def]
    dialog = ExchangeDialog(office.workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _click(qtbot, dialog: ExchangeDialog, button) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.done, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_branch_sends_on_a_stick_and_the_head_office_receives_it(
    pair, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    head, branch = pair
    made = consultation(branch, "子ども食堂を始めたい")
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(exchange_dialog, "choose_folder", lambda parent, start: stick)

    sending = _dialog(qtbot, branch)
    assert sending.windowTitle() == "データの受け渡し"
    with qtbot.waitSignal(sending.done, timeout=30_000):
        qtbot.mouseClick(sending.send_button, Qt.MouseButton.LeftButton)
        assert sending.progress.isVisible()  # while the file is written
        assert not sending.send_button.isEnabled()
    assert not sending.progress.isVisible()
    [sent] = list(stick.glob("*.kyodox"))
    told = sending.summary.toPlainText()
    assert "1 件のファイルを送りました。" in told
    assert "本庁・協働推進課あて:" in told and str(sent) in told

    monkeypatch.setattr(exchange_dialog, "choose_files", lambda parent, start: [sent])
    receiving = _dialog(qtbot, head)
    _click(qtbot, receiving, receiving.receive_button)
    told = receiving.summary.toPlainText()
    assert f"{sent.name}: 事務所02から 受け取りました（" in told and "競合 0 件）" in told
    assert count(head, Consultation, Consultation.id == made) == 1

    _click(qtbot, receiving, receiving.receive_button)
    assert f"{sent.name}: 事務所02から 受け取り済み（変更なし）" in receiving.summary.toPlainText()


def test_a_damaged_file_is_kept_aside_and_the_summary_says_where(
    pair, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    head, _ = pair
    junk = tmp_path / "kyodo-02-to-00-broken.kyodox"
    junk.write_bytes(b"not a sealed file")
    monkeypatch.setattr(exchange_dialog, "choose_files", lambda parent, start: [junk])
    dialog = _dialog(qtbot, head)
    _click(qtbot, dialog, dialog.receive_button)
    told = dialog.summary.toPlainText()
    assert f"{junk.name}: 取り分けました" in told
    kept = head.data_dir / "exchange" / "kept-aside" / junk.name
    assert kept.exists() and f"保管場所: {kept}" in told


def test_without_keys_the_refusal_is_told_in_a_box(
    qtbot, tmp_path: Path, monkeypatch, actor_factory, ui_resources
) -> None:  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "bare")
    workspace.actor = actor_factory(workspace, "03", StaffRole.COUNTER)
    told: list[str] = []
    monkeypatch.setattr(
        RefusalBox, "tell", classmethod(lambda cls, parent, text: told.append(text))
    )
    monkeypatch.setattr(exchange_dialog, "choose_folder", lambda parent, start: tmp_path)
    try:
        dialog = ExchangeDialog(workspace)
        qtbot.addWidget(dialog)
        _click(qtbot, dialog, dialog.send_button)
        assert len(told) == 1 and "鍵がまだ作られていません" in told[0]
        assert dialog.send_button.isEnabled()  # the officer can try again once keys exist
    finally:
        workspace.close()


def test_the_shared_folder_is_passed_through_and_the_status_bar_says_so(
    pair, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head, branch = pair
    shared = tmp_path / "shared"
    shared.mkdir()
    made = consultation(branch, "会計の相談")
    set_shared_folder(branch.workspace.database, _admin(branch), str(shared))
    set_shared_folder(head.workspace.database, _admin(head), str(shared))

    label = QLabel()
    qtbot.addWidget(label)
    timer = FolderExchangeTimer(branch.workspace, label, interval_ms=3_600_000)
    with qtbot.waitSignal(timer.passed, timeout=30_000):
        timer.start()
    assert label.text().startswith("受け渡し: ") and label.text().endswith("に送信しました")
    assert "本庁・協働推進課あて" in label.toolTip()
    timer.stop()

    at_head = QLabel()
    qtbot.addWidget(at_head)
    head_timer = FolderExchangeTimer(head.workspace, at_head, interval_ms=3_600_000)
    with qtbot.waitSignal(head_timer.passed, timeout=30_000):
        head_timer.tick()
    assert at_head.text().endswith("に送受信しました")
    assert count(head, Consultation, Consultation.id == made) == 1
    head_timer.stop()

    shared.rename(tmp_path / "unplugged")
    with qtbot.waitSignal(timer.passed, timeout=30_000):
        timer.tick()
    assert label.text().startswith("受け渡し: 共有フォルダに接続できません")


def _admin(office):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.access.installation import system_actor

    return system_actor(office.workspace.database, StaffRole.ADMIN)


def test_the_settings_tab_sets_the_shared_folder(
    pair, qtbot, tmp_path: Path, monkeypatch, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    _, branch = pair
    branch.workspace.actor = actor_factory(branch.workspace, "02", StaffRole.ADMIN)
    shared = tmp_path / "shared"
    monkeypatch.setattr(exchange_tab, "choose_shared_folder", lambda parent, start: shared)
    tab = ExchangeTab(branch.workspace)
    qtbot.addWidget(tab)
    assert tab.office.text() == "事務所02"
    qtbot.mouseClick(tab.choose_button, Qt.MouseButton.LeftButton)
    assert tab.folder.text() == str(shared)
    assert shared_folder(branch.workspace.database) == shared
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert shared_folder(branch.workspace.database) is None


def test_a_counter_officer_sees_the_folder_but_cannot_change_it(pair, qtbot) -> None:  # type: ignore[no-untyped-def]
    _, branch = pair
    tab = ExchangeTab(branch.workspace)
    qtbot.addWidget(tab)
    assert not tab.choose_button.isEnabled() and not tab.clear_button.isEnabled()
    assert "管理者だけ" in tab.message.text()


def test_the_file_menu_opens_the_dialog_and_the_status_bar_line_waits_for_a_folder(
    pair, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.exchange.folder_timer import start_folder_exchange
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    _, branch = pair
    window = MainWindow(
        screen_entries(), tmp_path / "window.ini", workspace=branch.workspace, remember_layout=False
    )
    qtbot.addWidget(window)
    window.show()
    [action] = [
        a
        for a in window.menuBar().actions()[0].menu().actions()
        if a.text().startswith("データの受け渡し")
    ]
    assert action.text() == "データの受け渡し(&X)..." and action.isEnabled()
    action.trigger()
    [dialog] = window.findChildren(ExchangeDialog)
    assert dialog.isVisible()
    dialog.close()

    timer = start_folder_exchange(window, branch.workspace)
    with qtbot.waitSignal(timer.passed, timeout=30_000) as passed:
        pass
    assert passed.args == [None]  # no folder set: nothing done, nothing shown
    assert timer.label.isHidden()
    with qtbot.waitSignal(timer.passed, timeout=30_000):
        window.signed_out.emit()  # ユーザーの切り替え: a pass for the officer leaving
    timer.stop()


def test_the_summary_names_the_awards_a_file_put_in_to_be_checked(ui_resources) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path as _Path

    from kyodo_desktop.services.exchange.outcomes import APPLIED, Received
    from kyodo_desktop.ui.exchange.summary import received_line

    line = received_line(Received(_Path("kyodo-02-to-00.kyodox"), APPLIED, "02", 3, 0, reviews=2))
    assert "事務所02から" in line and "要確認の交付 2 件（集計 → 要確認）" in line
