"""Registering and changing a group in its dialog, and the group's page."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import Channel, StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.groups.registry import GroupDraft, create_group, get_group
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.groups import Group
from kyodo_desktop.ui.groups.dialog import GroupDialog
from kyodo_desktop.ui.groups.duplicates import DuplicateChoice, DuplicateQuestion
from kyodo_desktop.ui.groups.page import ActiveQuestion, GroupPage
from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")


def open_dialog(qtbot, workspace, group_id=None) -> GroupDialog:  # type: ignore[no-untyped-def]
    dialog = GroupDialog(workspace, None, group_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog: GroupDialog, **typed: str) -> None:
    for name, text in typed.items():
        getattr(dialog, f"{name}_edit").setText(text)  # as the IME commits it


def save(dialog: GroupDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def groups(workspace: Workspace) -> list[Group]:
    with workspace.database.reading() as session:
        return list(session.scalars(select(Group).order_by(Group.name_kana)))


def test_a_chokai_is_registered_from_the_dialog(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    fill(dialog, name="練馬北町会", kana="ねりまきたちょうかい", phone="0339931111")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("chokai"))
    dialog.households_box.setValue(450)
    fill(dialog, counted="R7.4.1", postal="1768501", address="練馬区北町1-2-3")
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = groups(counter_workspace)
    assert dialog.saved_id == saved.id
    assert (saved.name_kana, saved.phone, saved.postal_code) == (
        "ネリマキタチョウカイ",
        "03-3993-1111",
        "176-8501",
    )
    assert (saved.households, saved.households_counted_on) == (450, date(2025, 4, 1))


def test_a_refusal_keeps_what_was_typed_and_points_at_the_field(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    fill(dialog, name="練馬北町会", kana="練馬", address="練馬区北町1-2-3")
    save(dialog)
    assert dialog.isVisible()
    assert "カタカナかひらがな" in dialog.message.text()
    assert dialog.focusWidget() is dialog.kana_edit
    assert (dialog.name_edit.text(), dialog.address_edit.text()) == (
        "練馬北町会",
        "練馬区北町1-2-3",
    )
    fill(dialog, kana="ネリマキタチョウカイ", counted="きのう")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("chokai"))
    save(dialog)
    assert "読み取れません" in dialog.message.text()
    assert dialog.focusWidget() is dialog.counted_edit
    assert groups(counter_workspace) == []


def test_households_are_only_for_a_chokai(qtbot, counter_workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("npo"))
    assert not dialog.households_box.isEnabled()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("chokai"))
    assert dialog.households_box.isEnabled()


@pytest.fixture
def existing(counter_workspace):  # type: ignore[no-untyped-def]
    draft = GroupDraft(name="NPO法人ねりまの森", name_kana="ネリマノモリ", kind="npo")
    return create_group(counter_workspace.database, counter_workspace.actor, draft)


@pytest.mark.parametrize("choice", list(DuplicateChoice))
def test_a_duplicate_asks_and_does_what_was_chosen(
    qtbot, counter_workspace, existing, monkeypatch, choice
) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def answer(cls, parent, similar, *, renaming):  # type: ignore[no-untyped-def]
        assert not renaming
        asked.append([s.id for s in similar])
        return choice, similar[0].id

    monkeypatch.setattr(DuplicateQuestion, "ask", classmethod(answer))
    dialog = open_dialog(qtbot, counter_workspace)
    fill(dialog, name="ＮＰＯ法人 ねりまの森", kana="ネリマノモリ")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("npo"))
    save(dialog)
    assert asked == [[existing]]
    saved = groups(counter_workspace)
    if choice is DuplicateChoice.GO_BACK:
        assert dialog.isVisible()
        assert "すでに登録されています" in dialog.message.text()
        assert dialog.name_edit.text() == "ＮＰＯ法人 ねりまの森"
        assert len(saved) == 1
    elif choice is DuplicateChoice.OPEN_EXISTING:
        assert dialog.saved_id == existing
        assert len(saved) == 1
    else:
        assert len(saved) == 2
        assert dialog.saved_id != existing


def test_the_duplicate_question_lists_the_similar_groups(
    qtbot, counter_workspace, existing
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.groups.registry import find_similar_groups

    similar = find_similar_groups(
        counter_workspace.database, counter_workspace.actor, "npo法人ねりまの森", ""
    )
    question = DuplicateQuestion(similar)
    qtbot.addWidget(question)
    assert question.list.count() == 1
    assert "NPO法人ねりまの森" in question.list.item(0).text()
    question.register_button.click()
    assert question.choice is DuplicateChoice.REGISTER_ANYWAY


def test_a_group_is_changed_from_the_dialog(qtbot, counter_workspace, existing) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, counter_workspace, existing)
    assert dialog.name_edit.text() == "NPO法人ねりまの森"
    fill(dialog, representative="森 花子", email="mori@example.jp")
    save(dialog)
    changed = get_group(counter_workspace.database, counter_workspace.actor, existing)
    assert (changed.representative, changed.email) == ("森 花子", "mori@example.jp")
    assert changed.row_version == 2


def test_the_page_shows_details_and_history_and_deactivates_after_asking(
    qtbot, counter_workspace, existing, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for day in (date(2025, 6, 1), date(2024, 6, 1)):
        log_consultation(
            counter_workspace.database,
            counter_workspace.actor,
            ConsultationDraft(
                occurred_on=day, channel=Channel.PHONE.value, asked="広報の相談", group_id=existing
            ),
        )
    page = GroupPage(counter_workspace, existing)
    qtbot.addWidget(page)
    assert page.windowTitle() == "NPO法人ねりまの森"
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == [
        "R6.6.1",
        "R7.6.1",
    ]
    assert page.model.index(0, 3).data() == "広報の相談"
    assert page.model.index(0, 4).data() == "電話"

    answers = iter([False, True, True])
    monkeypatch.setattr(ActiveQuestion, "ask", classmethod(lambda cls, *a, **k: next(answers)))
    page.active_button.click()  # asked, and declined
    assert get_group(counter_workspace.database, counter_workspace.actor, existing).active
    page.active_button.click()
    assert not get_group(counter_workspace.database, counter_workspace.actor, existing).active
    assert page.changed
    page.active_button.click()  # made active again
    assert get_group(counter_workspace.database, counter_workspace.actor, existing).active


def test_a_viewer_sees_the_page_without_the_buttons(
    qtbot, workspace, actor_factory, existing
) -> None:  # type: ignore[no-untyped-def]
    viewer = actor_factory(workspace, "01", StaffRole.VIEWER)
    page = GroupPage(dataclasses.replace(workspace, actor=viewer), existing)
    qtbot.addWidget(page)
    assert not page.edit_button.isEnabled()
    assert not page.active_button.isEnabled()


def test_the_page_model_passes_the_model_tester(qtmodeltester, qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.store.consultations import Consultation

    with demo_workspace.database.reading() as session:
        group_id = session.scalars(
            select(Consultation.group_id).where(
                Consultation.group_id.is_not(None),
                Consultation.office_id == demo_workspace.actor.office_id,
            )
        ).first()
    page = GroupPage(demo_workspace, group_id)
    qtbot.addWidget(page)
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)


def test_edit_on_the_page_opens_the_dialog_and_shows_the_change(
    qtbot, counter_workspace, existing, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.groups.registry import change_group

    def change(cls, workspace, parent=None, group_id=None):  # type: ignore[no-untyped-def]
        draft = GroupDraft(name="NPO法人ねりまの森と川", name_kana="ネリマノモリトカワ", kind="npo")
        return change_group(workspace.database, workspace.actor, group_id, draft, row_version=1).id

    monkeypatch.setattr(GroupDialog, "ask", classmethod(change))
    page = GroupPage(counter_workspace, existing)
    qtbot.addWidget(page)
    page.edit_button.click()
    assert page.windowTitle() == "NPO法人ねりまの森と川"
    assert page.changed


def press_esc(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


@pytest.mark.parametrize("discard", [False, True])
def test_esc_with_typed_text_asks_before_discarding(
    qtbot, counter_workspace, monkeypatch, discard
) -> None:  # type: ignore[no-untyped-def]
    asked = []
    monkeypatch.setattr(
        DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: asked.append(1) or discard)
    )
    dialog = open_dialog(qtbot, counter_workspace)
    qtbot.keyClicks(dialog.phone_edit, "0339931111")
    press_esc(qtbot, dialog)
    assert asked == [1]
    if discard:
        assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    else:
        assert dialog.isVisible() and dialog.phone_edit.text() == "0339931111"
    assert groups(counter_workspace) == []


def test_esc_with_nothing_changed_closes_without_asking(
    qtbot, counter_workspace, existing, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def never(cls, parent):  # type: ignore[no-untyped-def]
        raise AssertionError("nothing was changed: nothing to ask")

    monkeypatch.setattr(DiscardChangesQuestion, "ask", classmethod(never))
    for group_id in (None, existing):  # a new group, and one opened as it was saved
        dialog = open_dialog(qtbot, counter_workspace, group_id)
        press_esc(qtbot, dialog)
        assert not dialog.isVisible()


@pytest.mark.parametrize("choice", [DuplicateChoice.GO_BACK, DuplicateChoice.REGISTER_ANYWAY])
def test_a_rename_to_another_groups_name_asks_whether_to_save(
    qtbot, counter_workspace, existing, monkeypatch, choice
) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def answer(cls, parent, similar, *, renaming):  # type: ignore[no-untyped-def]
        asked.append(([s.id for s in similar], renaming))
        return choice, None

    monkeypatch.setattr(DuplicateQuestion, "ask", classmethod(answer))
    draft = GroupDraft(name="ねりまの川", name_kana="ネリマノカワ", kind="npo")
    other = create_group(counter_workspace.database, counter_workspace.actor, draft)
    dialog = open_dialog(qtbot, counter_workspace, other)
    fill(dialog, name="NPO法人ねりまの森")
    save(dialog)
    assert asked == [([existing], True)]
    name = get_group(counter_workspace.database, counter_workspace.actor, other).name
    if choice is DuplicateChoice.GO_BACK:
        assert dialog.isVisible() and "すでに登録されています" in dialog.message.text()
        assert dialog.focusWidget() is dialog.name_edit and name == "ねりまの川"
    else:
        assert dialog.saved_id == other and name == "NPO法人ねりまの森"


def test_the_question_for_a_rename_offers_no_other_group_to_open(
    qtbot, counter_workspace, existing
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.groups.registry import find_similar_groups

    similar = find_similar_groups(
        counter_workspace.database, counter_workspace.actor, "NPO法人ねりまの森", ""
    )
    question = DuplicateQuestion(similar, renaming=True)
    qtbot.addWidget(question)
    question.show()
    assert not question.open_button.isVisible()
    question.register_button.click()
    assert question.choice is DuplicateChoice.REGISTER_ANYWAY
