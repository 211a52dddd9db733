"""The quick-entry form beside the window's life: sign-ins, the idle lock, the lists it feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import drafts
from kyodo_desktop.services.access import accounts, signing_in
from kyodo_desktop.services.access.accounts import StaffDraft
from kyodo_desktop.ui.consultations.drafts import DraftChoice, RestoreDraftQuestion, offer_drafts
from kyodo_desktop.ui.consultations.form import ConsultationForm, DiscardTypedQuestion
from kyodo_desktop.ui.sign_in.login import DiscardQuestion, LoginDialog

pytestmark = [
    pytest.mark.usefixtures("ui_resources"),
    # The offscreen platform cannot grab the keyboard for a popup; a real screen can.
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]

PASSWORD = "counter-pass-03"
REAL_ASK = RestoreDraftQuestion.__dict__["ask"]  # before the fixture below replaces it


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(DiscardTypedQuestion, "ask", classmethod(lambda cls, parent: True))

    def unexpected(cls, *args):  # type: ignore[no-untyped-def]
        raise AssertionError(f"nothing was expected to be asked: {args[1:]}")

    monkeypatch.setattr(RestoreDraftQuestion, "ask", classmethod(unexpected))
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(unexpected))


@pytest.fixture
def officer(workspace):  # type: ignore[no-untyped-def]
    """A counter officer of office 03 with a password, signed in (the lock asks it)."""
    accounts.create_staff(
        workspace.database,
        workspace.actor,
        StaffDraft("n03-sato", "佐藤花子", "03", "counter"),
        password=PASSWORD,
    )
    workspace.actor = signing_in.sign_in(workspace.database, "n03-sato", PASSWORD)
    return workspace.actor


def open_window(qtbot, workspace, tmp_path: Path, **options):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def fill_in(qtbot, form: ConsultationForm, asked: str, follow_up: date | None = None) -> None:  # type: ignore[no-untyped-def]
    form.entry.asker.kind.setFocus()
    qtbot.keyClick(form.entry.asker.kind, Qt.Key.Key_End)  # 匿名, the last choice
    form.entry.asked.setPlainText(asked)
    if follow_up is not None:
        form.entry.follow_up_on.edit.setText(follow_up.isoformat().replace("-", "/"))


def sign_in_as(monkeypatch, window, actor) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: actor))
    assert window.switch_user()


# Someone else signs in: the draft waits for its officer ----------------------------------


def test_a_colleague_signing_in_keeps_the_draft_for_the_officers_next_sign_in(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, actor_factory, tmp_path, monkeypatch
):
    window = open_window(qtbot, workspace, tmp_path)
    form = window.open_new_consultation()
    form.entry.asked.setPlainText("佐藤さんの書きかけ")  # less than a second before the switch
    colleague = actor_factory(workspace, "03", StaffRole.COUNTER, "次の職員")

    sign_in_as(monkeypatch, window, colleague)  # nobody is asked to discard anything

    qtbot.waitUntil(lambda: window.consultation_forms() == [])
    (kept,) = drafts.list_drafts(workspace.data_dir, officer.login_id)
    assert kept.data["fields"]["asked"] == "佐藤さんの書きかけ"
    assert drafts.list_drafts(workspace.data_dir, colleague.login_id) == []

    offered: list[str] = []
    monkeypatch.setattr(
        RestoreDraftQuestion,
        "ask",
        classmethod(lambda cls, parent, text: offered.append(text) or DraftChoice.OPEN),
    )
    sign_in_as(monkeypatch, window, officer)
    qtbot.waitUntil(lambda: len(window.consultation_forms()) == 1)
    assert len(offered) == 1 and "佐藤さんの書きかけ" in offered[0]
    (restored,) = window.consultation_forms()
    assert restored.entry.asked.toPlainText() == "佐藤さんの書きかけ"


def test_a_form_whose_draft_cannot_be_written_still_asks_before_switching(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, tmp_path, monkeypatch
):
    window = open_window(qtbot, workspace, tmp_path)
    form = window.open_new_consultation()
    assert not window.has_unsaved_work()
    form.entry.asked.setPlainText("ディスクが一杯")
    assert not window.has_unsaved_work()  # kept as a draft: nothing would be lost

    def disk_full(*args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafts, "save", disk_full)
    assert window.has_unsaved_work()  # this one would be lost: switching asks first


# The restore prompt: open, later, discard ----------------------------------------------


def leave_a_draft(qtbot, workspace, text: str) -> None:  # type: ignore[no-untyped-def]
    form = ConsultationForm.open_new(workspace, None)
    qtbot.addWidget(form)
    form.entry.asked.setPlainText(text)
    assert form.write_draft()
    form.hide()  # the program died: the form never closed, the file stayed


def test_later_keeps_the_draft_and_asks_again_at_the_next_sign_in(qtbot, workspace, monkeypatch):  # type: ignore[no-untyped-def]
    leave_a_draft(qtbot, workspace, "あとで仕上げる")
    asked: list[str] = []
    monkeypatch.setattr(
        RestoreDraftQuestion,
        "ask",
        classmethod(lambda cls, parent, text: asked.append(text) or DraftChoice.LATER),
    )
    assert offer_drafts(workspace, None) == []
    assert len(drafts.list_drafts(workspace.data_dir, workspace.actor.login_id)) == 1
    assert offer_drafts(workspace, None) == []  # the next sign-in asks again
    assert len(asked) == 2


def test_discard_asks_to_confirm_and_only_then_deletes_the_draft(qtbot, workspace, monkeypatch):  # type: ignore[no-untyped-def]
    leave_a_draft(qtbot, workspace, "いらない下書き")
    monkeypatch.setattr(RestoreDraftQuestion, "ask", REAL_ASK)  # over the two questions it puts
    choices = iter([DraftChoice.DISCARD, DraftChoice.LATER, DraftChoice.DISCARD])
    confirmations = iter([False, True])
    monkeypatch.setattr(
        RestoreDraftQuestion, "choose", classmethod(lambda cls, parent, text: next(choices))
    )
    monkeypatch.setattr(
        RestoreDraftQuestion,
        "confirm_discard",
        classmethod(lambda cls, parent: next(confirmations)),
    )
    login = workspace.actor.login_id

    assert offer_drafts(workspace, None) == []  # 破棄, then no, not sure: 後で
    assert len(drafts.list_drafts(workspace.data_dir, login)) == 1
    assert offer_drafts(workspace, None) == []  # 破棄, and yes
    assert drafts.list_drafts(workspace.data_dir, login) == []


def test_the_restore_prompt_offers_three_choices_and_escape_keeps_the_draft(qtbot):  # type: ignore[no-untyped-def]
    box = RestoreDraftQuestion.box(None, "R8.11.27　会計の相談")
    qtbot.addWidget(box)
    assert "会計の相談" in box.text()
    choices = {RestoreDraftQuestion.choice_of(button) for button in box.buttons()}
    assert choices == {DraftChoice.OPEN, DraftChoice.LATER, DraftChoice.DISCARD}
    assert RestoreDraftQuestion.choice_of(box.defaultButton()) is DraftChoice.OPEN
    box.open()
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert RestoreDraftQuestion.choice_of(box.clickedButton()) is DraftChoice.LATER


# Every save reaches the lists ---------------------------------------------------------


def test_a_consultation_saved_from_the_menu_appears_in_the_list(
    qtbot, workspace, officer, tmp_path
):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, tmp_path)
    screen = window.show_screen("consultations")
    assert screen.model.rowCount() == 0
    form = window.open_new_consultation()  # 記録 → 新しい相談 (Ctrl+N)
    fill_in(qtbot, form, "メニューから記録")
    assert form.save()
    assert screen.model.rowCount() == 1


def test_a_restored_draft_once_saved_appears_in_the_list(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, tmp_path, monkeypatch
):
    leave_a_draft(qtbot, workspace, "落ちる前の入力")
    monkeypatch.setattr(
        RestoreDraftQuestion, "ask", classmethod(lambda cls, parent, text: DraftChoice.OPEN)
    )
    window = open_window(qtbot, workspace, tmp_path)
    screen = window.show_screen("consultations")
    qtbot.waitUntil(lambda: len(window.consultation_forms()) == 1)
    (form,) = window.consultation_forms()
    fill_in(qtbot, form, "落ちる前の入力")
    assert form.save()
    assert screen.model.rowCount() == 1


def test_a_consultation_saved_from_the_list_reaches_the_follow_up_dock(
    qtbot, workspace, officer, tmp_path
):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, tmp_path)
    screen = window.show_screen("consultations")
    panel = window.open_follow_ups().widget()
    assert panel.items == []
    form = screen.new_consultation()
    fill_in(qtbot, form, "今日フォローする相談", follow_up=date.today())
    assert form.save()
    assert len(panel.items) == 1 and screen.model.rowCount() == 1


# The idle lock hides the forms ---------------------------------------------------------


def test_the_lock_hides_open_forms_and_the_unlock_shows_them_again(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, tmp_path
):
    window = open_window(qtbot, workspace, tmp_path, idle_lock_ms=60_000)
    form = window.open_new_consultation()
    qtbot.waitExposed(form)
    form.entry.asked.setPlainText("窓口で聞いたこと")
    where = form.geometry()

    window.lock_screen()
    assert window.idle_lock.is_locked
    assert not form.isVisible()  # nobody passing by reads it
    (kept,) = drafts.list_drafts(workspace.data_dir, officer.login_id)  # a power cut loses nothing
    assert kept.data["fields"]["asked"] == "窓口で聞いたこと"

    dialog = window.idle_lock.dialog
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(window.idle_lock.unlocked):
        dialog.unlock_button.click()
    assert form.isVisible() and form.geometry() == where
    assert form.entry.asked.toPlainText() == "窓口で聞いたこと"
    assert window.consultation_forms() == [form]


def test_someone_else_signing_in_at_the_lock_keeps_the_hidden_forms_draft(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, actor_factory, tmp_path, monkeypatch
):
    window = open_window(qtbot, workspace, tmp_path, idle_lock_ms=60_000)
    form = window.open_new_consultation()
    form.entry.asked.setPlainText("ロック中の書きかけ")
    window.lock_screen()
    colleague = actor_factory(workspace, "03", StaffRole.COUNTER, "次の職員")
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: colleague))

    with qtbot.waitSignal(window.idle_lock.unlocked):
        window.idle_lock.dialog.switch_button.click()

    qtbot.waitUntil(lambda: window.consultation_forms() == [])
    (kept,) = drafts.list_drafts(workspace.data_dir, officer.login_id)
    assert kept.data["fields"]["asked"] == "ロック中の書きかけ"


def test_the_lock_covers_a_residents_dialog_without_closing_it(  # type: ignore[no-untyped-def]
    qtbot, workspace, officer, tmp_path, monkeypatch
):
    from kyodo_desktop.ui.consultations.person_dialog import PersonDialog
    from kyodo_desktop.ui.sign_in.idle_lock import LockCover
    from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

    # The test's end closes the dialog with its text: that is the one question expected.
    monkeypatch.setattr(DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: True))

    window = open_window(qtbot, workspace, tmp_path, idle_lock_ms=60_000)
    dialog = PersonDialog(workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("練馬花子")

    window.lock_screen()
    (cover,) = dialog.findChildren(LockCover)
    assert cover.isVisible() and cover.geometry() == dialog.rect()  # nothing shows through
    assert dialog.isVisible()  # not closed: what was typed stays

    lock = window.idle_lock.dialog
    qtbot.keyClicks(lock.password_edit, PASSWORD)
    with qtbot.waitSignal(window.idle_lock.unlocked):
        lock.unlock_button.click()
    qtbot.waitUntil(lambda: not dialog.findChildren(LockCover))
    assert dialog.name_edit.text() == "練馬花子"
