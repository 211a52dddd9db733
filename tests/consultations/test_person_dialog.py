"""Registering a resident (相談者) in the dialog the consultation form opens."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kyodo_desktop.services.consultations.persons import PersonDraft, create_person
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.people import Person
from kyodo_desktop.ui.consultations.person_dialog import PersonDialog
from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")


def open_dialog(qtbot, workspace, person_id=None) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(workspace, None, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save(dialog: PersonDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def persons(workspace: Workspace) -> list[Person]:
    with workspace.database.reading() as session:
        return list(session.scalars(select(Person)))


def test_a_resident_is_registered_with_consent_and_its_date(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    assert not dialog.consent_day.isEnabled()
    dialog.name_edit.setText("練馬 花子")
    dialog.kana_edit.setText("ネリマ ハナコ")
    qtbot.keyClicks(dialog.phone_edit, "09012345678")
    qtbot.keyClicks(dialog.postal_edit, "1768501")
    dialog.address_edit.setText("練馬区豊玉北6-12-1")
    dialog.consent_box.setChecked(True)
    assert dialog.consent_day.isEnabled()
    qtbot.keyClicks(dialog.consent_day, "R7.4.1")
    save(dialog)
    [saved] = persons(counter_workspace)
    assert dialog.saved_id == saved.id
    assert saved.phone == "090-1234-5678"
    assert saved.address == "〒176-8501 練馬区豊玉北6-12-1"
    assert (saved.consent_to_share, saved.consent_recorded_on) == (True, date(2025, 4, 1))


def test_a_refusal_keeps_what_was_typed(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    dialog.kana_edit.setText("ネリマ ハナコ")
    qtbot.keyClicks(dialog.phone_edit, "03-1234")
    save(dialog)
    assert dialog.message.text() == "氏名を入力してください。"
    assert dialog.focusWidget() is dialog.name_edit
    dialog.name_edit.setText("練馬 花子")
    save(dialog)
    assert "10桁" in dialog.message.text()
    assert dialog.focusWidget() is dialog.phone_edit
    assert (dialog.name_edit.text(), dialog.kana_edit.text()) == ("練馬 花子", "ネリマ ハナコ")
    assert dialog.isVisible()
    assert persons(counter_workspace) == []


def test_a_consent_date_in_the_future_is_refused(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    dialog.name_edit.setText("練馬 花子")
    dialog.consent_box.setChecked(True)
    dialog.consent_day.setText(f"{date.today().year + 1}-01-01")
    save(dialog)
    assert "未来の日付" in dialog.message.text()
    assert dialog.focusWidget() is dialog.consent_day


def test_a_record_is_opened_changed_and_its_opening_audited(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    workspace = counter_workspace
    person_id = create_person(
        workspace.database,
        workspace.actor,
        PersonDraft(name="石神井 太郎", postal_code="177-0041", address="練馬区石神井町1-1"),
    )
    dialog = open_dialog(qtbot, workspace, person_id)
    assert dialog.postal_edit.text() == "177-0041"
    assert dialog.address_edit.text() == "練馬区石神井町1-1"
    dialog.notes_edit.setPlainText("平日の午前に連絡")
    save(dialog)
    assert dialog.saved_id == person_id
    [saved] = persons(workspace)
    assert saved.notes == "平日の午前に連絡"
    assert saved.address == "〒177-0041 練馬区石神井町1-1"
    with workspace.database.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == str(person_id))
        ).all()
    assert "view" in actions


def test_ask_returns_the_id_or_none(qtbot, counter_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fill_and_save(dialog: PersonDialog) -> int:
        dialog.name_edit.setText("大泉 一郎")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", fill_and_save)
    person_id = PersonDialog.ask(counter_workspace)
    assert person_id == persons(counter_workspace)[0].id
    monkeypatch.setattr(PersonDialog, "exec", lambda dialog: PersonDialog.DialogCode.Rejected)
    assert PersonDialog.ask(counter_workspace) is None


@pytest.mark.parametrize("discard", [False, True])
def test_esc_with_typed_text_asks_before_discarding(
    qtbot, counter_workspace, monkeypatch, discard
) -> None:  # type: ignore[no-untyped-def]
    asked = []
    monkeypatch.setattr(
        DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: asked.append(1) or discard)
    )
    dialog = open_dialog(qtbot, counter_workspace)
    dialog.name_edit.setText("練馬 花子")  # as the IME commits it
    qtbot.keyClicks(dialog.phone_edit, "09012345678")
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Escape)
    assert asked == [1]
    if discard:
        assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    else:
        assert dialog.isVisible()
        assert (dialog.name_edit.text(), dialog.phone_edit.text()) == ("練馬 花子", "09012345678")
    assert persons(counter_workspace) == []


def test_a_consent_ticked_and_the_close_button_ask_too(
    qtbot, counter_workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    asked = []
    monkeypatch.setattr(
        DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: asked.append(1) or False)
    )
    dialog = open_dialog(qtbot, counter_workspace)
    dialog.consent_box.setChecked(True)
    dialog.close()  # the window's ×
    assert asked == [1] and dialog.isVisible()


def test_esc_with_nothing_changed_closes_without_asking(
    qtbot, counter_workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def never(cls, parent):  # type: ignore[no-untyped-def]
        raise AssertionError("nothing was changed: nothing to ask")

    monkeypatch.setattr(DiscardChangesQuestion, "ask", classmethod(never))
    person_id = create_person(
        counter_workspace.database, counter_workspace.actor, PersonDraft(name="石神井 太郎")
    )
    for opened in (None, person_id):
        dialog = open_dialog(qtbot, counter_workspace, opened)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
