"""The quick-entry form at the counter: keyboard only, drafts that survive a crash, IME-safe."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kyodo_desktop.rules import search_key
from kyodo_desktop.rules.vocabulary import Channel, StaffRole
from kyodo_desktop.services import drafts
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    change_consultation,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.services.core import STALE_MESSAGE
from kyodo_desktop.services.workspace import SYSTEM
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.errors import MESSAGES, EnvironmentFaultError, Problem
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office
from kyodo_desktop.ui.consultations import form as consultation_form
from kyodo_desktop.ui.consultations.drafts import DraftChoice, RestoreDraftQuestion, offer_drafts
from kyodo_desktop.ui.consultations.form import ConsultationForm, DiscardTypedQuestion

pytestmark = [
    pytest.mark.usefixtures("ui_resources"),
    # The offscreen platform cannot grab the keyboard for a popup; a real screen can.
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]

DAY = date.today() - timedelta(days=3)


@pytest.fixture(autouse=True)
def discard_at_teardown(monkeypatch):  # type: ignore[no-untyped-def]
    """Forms left open with text are discarded when the test closes them, never waited on."""
    monkeypatch.setattr(DiscardTypedQuestion, "ask", classmethod(lambda cls, parent: True))

    def unexpected(cls, parent, text):  # type: ignore[no-untyped-def]
        raise AssertionError(f"no draft was expected to be offered: {text}")

    monkeypatch.setattr(RestoreDraftQuestion, "ask", classmethod(unexpected))


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The workspace with a counter officer of office 03 signed in."""
    workspace.actor = actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口")
    return workspace


def add_group(workspace, name: str, kana: str, office: str = "03") -> uuid.UUID:  # type: ignore[no-untyped-def]
    with workspace.database.transaction(SYSTEM) as session:
        office_id = session.scalars(select(Office.id).where(Office.code == office)).one()
        group = Group(
            id=uuid.uuid4(),
            name=name,
            name_kana=kana,
            name_key=search_key(name + kana),
            kind="npo",
            office_id=office_id,
        )
        session.add(group)
        return group.id


def saved_rows(workspace) -> list[Consultation]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return list(
            session.scalars(
                select(Consultation).options(
                    selectinload(Consultation.topics), selectinload(Consultation.office)
                )
            )
        )


def open_form(qtbot, workspace) -> ConsultationForm:  # type: ignore[no-untyped-def]
    form = ConsultationForm.open_new(workspace, None)
    qtbot.addWidget(form)
    qtbot.waitUntil(form.isActiveWindow)
    return form


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the cursor is, as a person presses it."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Text typed where the cursor is: Latin keys as keys, Japanese as the IME commits it."""
    widget = QApplication.focusWidget()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def test_keyboard_only_from_first_field_to_saved(qtbot, qtmodeltester, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = add_group(counter, "ねりまNPOサポート", "ネリマエヌピーオーサポート")
    add_group(counter, "光が丘町会", "ヒカリガオカチョウカイ")
    form = open_form(qtbot, counter)
    assert QApplication.focusWidget() is form.entry.occurred_on.edit

    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, f"{DAY.year}/{DAY.month}/{DAY.day}")
    assert form.entry.occurred_on.reading.text().startswith("令和")  # the 和暦 reading beside it
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # 来所 → 電話
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.entry.asker.kind  # 団体, the default
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "ﾈﾘﾏ")  # half-width kana, as some keyboards type it
    popup = form.entry.asker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtmodeltester.check(form.entry.asker.matches)
    assert form.entry.asker.matches.rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the popup under the field has the keys
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.entry.asker.group_id == group_id
    press(qtbot, Qt.Key.Key_Tab)  # 新しい相談者 is for persons only: skipped
    assert QApplication.focusWidget() is form.entry.topics
    press(qtbot, Qt.Key.Key_Space)  # the first topic
    press(qtbot, Qt.Key.Key_Right)  # the topics flow left to right, row by row
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "会計の始め方を知りたい")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "手引きを渡した")
    with qtbot.waitSignal(form.saved) as saved:
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    (row,) = saved_rows(counter)
    assert saved.args == [row.id]
    assert row.occurred_on == DAY
    assert row.channel == Channel.PHONE
    assert row.group_id == group_id and row.person_id is None
    assert sorted(t.code for t in row.topics) == sorted(
        form.entry.topics.item(r).data(Qt.ItemDataRole.UserRole) for r in (0, 3)
    )
    assert row.asked == "会計の始め方を知りたい"
    assert row.answered == "手引きを渡した"
    assert row.staff_id == counter.actor.staff_id
    assert row.office.code == "03"
    # Cleared for the next person in the queue, with nothing left to discard.
    assert form.isVisible() and not form.has_unsaved_work()
    assert form.entry.asked.toPlainText() == "" and form.entry.topics.codes() == []
    assert QApplication.focusWidget() is form.entry.occurred_on.edit


def choose_anonymous(qtbot, form: ConsultationForm) -> None:  # type: ignore[no-untyped-def]
    form.entry.asker.kind.setFocus()
    press(qtbot, Qt.Key.Key_End)  # 匿名, the last choice


def send_preedit(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """The IME shows a word not converted yet (underlined, not committed)."""
    QCoreApplication.sendEvent(widget, QInputMethodEvent(text, []))


def test_topics_are_ticked_with_the_space_bar(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.widgets.fields import TopicList

    topics = TopicList([("start", "団体の立ち上げ"), ("accounting", "会計・税務"), ("pr", "広報")])
    qtbot.addWidget(topics)
    qtmodeltester.check(topics.model())
    topics.show()
    topics.setFocus()
    qtbot.keyClick(topics, Qt.Key.Key_Right)
    qtbot.keyClick(topics, Qt.Key.Key_Space)
    qtbot.keyClick(topics, Qt.Key.Key_Right)
    qtbot.keyClick(topics, Qt.Key.Key_Space)
    qtbot.keyClick(topics, Qt.Key.Key_Space)  # ticked twice: not ticked
    assert topics.codes() == ["accounting"]


def test_a_refusal_keeps_the_text_and_puts_the_cursor_in_its_field(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, counter)
    choose_anonymous(qtbot, form)
    form.entry.answered.setFocus()
    type_text(qtbot, "資料を渡した")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert saved_rows(counter) == []
    assert form.message.isVisible() and form.message.text() == "相談内容を入力してください。"
    assert QApplication.focusWidget() is form.entry.asked
    assert form.entry.answered.toPlainText() == "資料を渡した"

    form.entry.occurred_on.edit.setText((date.today() + timedelta(days=1)).isoformat())
    form.entry.asked.setFocus()
    type_text(qtbot, "会計")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message.text().startswith("相談日が未来の日付です")
    assert QApplication.focusWidget() is form.entry.occurred_on.edit
    assert form.entry.asked.toPlainText() == "会計" and saved_rows(counter) == []


def test_dates_are_read_in_the_wards_forms(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, counter)
    for typed in ("令和8年4月1日", "R8.4.1", "2026-04-01", "2026/4/1", "Ｒ８．４．１"):
        form.entry.occurred_on.edit.setText(typed)
        assert form.entry.occurred_on.value() == date(2026, 4, 1)
        assert form.entry.occurred_on.reading.text() == "令和8年4月1日"
    form.entry.follow_up_on.edit.setText("")
    assert form.entry.follow_up_on.value() is None
    form.entry.occurred_on.edit.setText("4月1日ごろ")
    form.entry.asked.setPlainText("会計")
    choose_anonymous(qtbot, form)
    assert not form.save()
    assert "読み取れません" in form.message.text()
    assert QApplication.focusWidget() is form.entry.occurred_on.edit


def test_a_group_must_be_chosen_from_the_list(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    add_group(counter, "光が丘町会", "ヒカリガオカチョウカイ")
    form = open_form(qtbot, counter)
    form.entry.asker.search.setFocus()
    type_text(qtbot, "ひかりがおか")  # hiragana finds the reading in katakana
    qtbot.waitUntil(form.entry.asker.completer.popup().isVisible)
    assert form.entry.asker.matches.rowCount() == 1
    qtbot.keyClick(form.entry.asker.completer.popup(), Qt.Key.Key_Escape)  # not chosen
    form.entry.asked.setPlainText("会計")

    assert not form.save()
    assert form.message.isVisible()
    assert QApplication.focusWidget() is form.entry.asker.search
    assert saved_rows(counter) == []


def test_a_person_is_found_by_name_or_registered_on_the_spot(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.persons import PersonDraft, create_person
    from kyodo_desktop.ui.consultations import asker as consultation_asker

    hanako = create_person(counter.database, counter.actor, PersonDraft("練馬花子", "ネリマハナコ"))
    form = open_form(qtbot, counter)
    form.entry.asker.kind.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # 個人
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "はなこ")
    popup = form.entry.asker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.entry.asker.person_id == hanako

    new_id = create_person(
        counter.database, counter.actor, PersonDraft("豊玉太郎", "トヨタマタロウ")
    )
    monkeypatch.setattr(consultation_asker, "register_person", lambda workspace, parent: new_id)
    form.entry.asker.new_person.click()
    assert form.entry.asker.person_id == new_id
    assert form.entry.asker.search.text() == "豊玉太郎"
    form.entry.asked.setPlainText("町会に入りたい")
    assert form.save()
    (row,) = saved_rows(counter)
    assert row.person_id == new_id and row.group_id is None


def test_the_ime_word_being_converted_is_saved_as_typed(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, counter)
    choose_anonymous(qtbot, form)
    form.entry.asked.setFocus()
    type_text(qtbot, "相談は")
    send_preedit(form.entry.asked, "かいけい")  # not converted yet when Ctrl+S is pressed
    with qtbot.waitSignal(form.saved):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    (row,) = saved_rows(counter)
    assert row.asked == "相談はかいけい"


def test_esc_asks_before_discarding_and_discarding_removes_the_draft(
    qtbot, counter, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    answers: list[bool] = []
    monkeypatch.setattr(
        DiscardTypedQuestion, "ask", classmethod(lambda cls, parent: answers.pop(0))
    )
    form = open_form(qtbot, counter)
    form.entry.asked.setFocus()
    with qtbot.waitSignal(form.draft_written, timeout=3000) as written:
        type_text(qtbot, "会計の相談")
    path = written.args[0]
    assert path.exists()

    answers.append(False)
    press(qtbot, Qt.Key.Key_Escape)
    assert form.isVisible() and form.entry.asked.toPlainText() == "会計の相談" and path.exists()
    answers.append(True)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not path.exists())
    assert answers == []
    assert drafts.list_drafts(counter.data_dir, counter.actor.login_id) == []


def test_with_nothing_typed_esc_just_closes(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def never(cls, parent):  # type: ignore[no-untyped-def]
        raise AssertionError("nothing was typed: nothing to ask")

    monkeypatch.setattr(DiscardTypedQuestion, "ask", classmethod(never))
    form = open_form(qtbot, counter)
    with qtbot.waitSignal(form.finished):
        press(qtbot, Qt.Key.Key_Escape)


def test_a_draft_survives_a_crash_and_a_new_form_restores_it(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group_id = add_group(counter, "ねりまNPOサポート", "ネリマエヌピーオーサポート")
    form = open_form(qtbot, counter)
    form.entry.asker.choose_saved(group_id, group=True)
    form.entry.topics.set_codes([form.entry.topics.item(1).data(Qt.ItemDataRole.UserRole)])
    form.entry.asked.setFocus()
    with qtbot.waitSignal(form.draft_written, timeout=3000) as written:
        type_text(qtbot, "会計ソフトの相談")
    assert written.args[0].exists()
    topic = form.entry.topics.codes()
    form.hide()  # the program died: the form never closed, the file stayed

    asked: list[str] = []
    monkeypatch.setattr(
        RestoreDraftQuestion,
        "ask",
        classmethod(lambda cls, parent, text: asked.append(text) or DraftChoice.OPEN),
    )
    (restored,) = offer_drafts(counter, None)
    qtbot.addWidget(restored)
    assert asked and "会計ソフトの相談" in asked[0]
    assert restored.entry.asked.toPlainText() == "会計ソフトの相談"
    assert restored.entry.asker.group_id == group_id
    assert restored.entry.topics.codes() == topic
    assert restored.has_unsaved_work()
    assert restored.save()
    (row,) = saved_rows(counter)
    assert row.asked == "会計ソフトの相談" and row.group_id == group_id
    assert drafts.list_drafts(counter.data_dir, counter.actor.login_id) == []


def test_a_damaged_draft_is_set_aside_at_start(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    login = counter.actor.login_id
    broken = drafts.draft_path(counter.data_dir, login, uuid.uuid4())
    broken.parent.mkdir(parents=True)
    broken.write_text('{"kind": "consultation", "fiel', encoding="utf-8")
    nonsense = drafts.save(counter.data_dir, login, uuid.uuid4(), {"kind": "consultation"})
    monkeypatch.setattr(
        RestoreDraftQuestion, "ask", classmethod(lambda cls, parent, text: DraftChoice.OPEN)
    )

    assert offer_drafts(counter, None) == []
    assert not broken.exists() and not nonsense.exists()
    assert len(list(broken.parent.glob("*.damaged"))) == 2


def test_editing_saves_the_change_and_closes(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    consultation_id = log_consultation(
        counter.database, counter.actor, ConsultationDraft(DAY, Channel.PHONE, "広報の相談")
    )
    form = ConsultationForm.open_existing(counter, consultation_id, None)
    qtbot.addWidget(form)
    assert form.entry.asked.toPlainText() == "広報の相談" and not form.has_unsaved_work()
    assert form.entry.asker.current_kind() == "anonymous"
    form.entry.answered.setPlainText("チラシの作り方を説明")
    with qtbot.waitSignal(form.finished):
        assert form.save()
    view = get_consultation(counter.database, counter.actor, consultation_id)
    assert view.answered == "チラシの作り方を説明" and view.channel == Channel.PHONE


def test_a_change_made_meanwhile_is_refused_and_the_text_kept(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    consultation_id = log_consultation(
        counter.database, counter.actor, ConsultationDraft(DAY, Channel.COUNTER, "広報の相談")
    )
    form = ConsultationForm.open_existing(counter, consultation_id, None)
    qtbot.addWidget(form)
    view = get_consultation(counter.database, counter.actor, consultation_id)
    change_consultation(
        counter.database,
        counter.actor,
        consultation_id,
        ConsultationDraft(DAY, Channel.COUNTER, "広報の相談（別の職員が追記）"),
        row_version=view.row_version,
    )
    form.entry.answered.setPlainText("私の対応")

    assert not form.save()
    assert form.message.text() == STALE_MESSAGE
    assert form.isVisible() and form.entry.answered.toPlainText() == "私の対応"
    assert get_consultation(counter.database, counter.actor, consultation_id).answered == ""


def test_a_fault_of_the_disk_is_told_plainly_and_nothing_typed_is_lost(
    qtbot, counter, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise EnvironmentFaultError(Problem.LOCKED, "database is locked")

    monkeypatch.setattr(consultation_form, "log_consultation", locked)
    form = open_form(qtbot, counter)
    choose_anonymous(qtbot, form)
    form.entry.asked.setFocus()
    type_text(qtbot, "会計の相談")
    with qtbot.waitSignal(form.draft_written):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert form.message.text() == MESSAGES[Problem.LOCKED]
    assert form.entry.asked.toPlainText() == "会計の相談" and form.has_unsaved_work()
    (kept,) = drafts.list_drafts(counter.data_dir, counter.actor.login_id)
    assert kept.data["fields"]["asked"] == "会計の相談"


def open_window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_main_window_opens_a_new_consultation_with_ctrl_n(qtbot, counter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, counter, tmp_path)
    action = window.new_consultation_action
    assert action.isEnabled() and action.shortcut() == QKeySequence("Ctrl+N")

    action.trigger()
    (form,) = window.consultation_forms()
    assert not window.has_unsaved_work()
    form.entry.asked.setPlainText("会計の相談")
    assert not window.has_unsaved_work()  # kept as a draft when someone else signs in
    assert drafts.list_drafts(counter.data_dir, counter.actor.login_id)


def test_a_viewer_cannot_open_a_new_consultation(qtbot, workspace, actor_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    workspace.actor = actor_factory(workspace, "03", StaffRole.VIEWER)
    window = open_window(qtbot, workspace, tmp_path)
    assert not window.new_consultation_action.isEnabled()


def test_the_officers_drafts_are_offered_when_the_window_opens(
    qtbot, counter, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    fields = {
        "occurred_on": DAY.isoformat(),
        "channel": "phone",
        "asker": {"kind": "anonymous", "id": None, "search": ""},
        "topics": [],
        "asked": "書きかけの相談",
        "answered": "",
        "department": "",
        "follow_up_on": "",
    }
    data = {"kind": "consultation", "version": 1, "consultation_id": None, "fields": fields}
    drafts.save(counter.data_dir, counter.actor.login_id, uuid.uuid4(), data)
    drafts.save(counter.data_dir, "someone-else", uuid.uuid4(), data)
    monkeypatch.setattr(
        RestoreDraftQuestion, "ask", classmethod(lambda cls, parent, text: DraftChoice.OPEN)
    )

    window = open_window(qtbot, counter, tmp_path)
    qtbot.waitUntil(lambda: len(window.consultation_forms()) == 1)
    (form,) = window.consultation_forms()
    assert form.entry.asked.toPlainText() == "書きかけの相談"
    assert form.entry.channel.currentData() == "phone"


def test_referral_and_follow_up_are_typed_and_saved(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, counter)
    entry = form.entry
    choose_anonymous(qtbot, form)
    entry.asked.setPlainText("道路の使用許可")
    department = entry.department
    label, code = department.itemText(2), department.itemData(2)
    department.setFocus()
    type_text(qtbot, label)  # typed in full, or picked from the list that opens
    later = date.today() + timedelta(days=7)
    entry.follow_up_on.edit.setText(f"R{later.year - 2018}.{later.month}.{later.day}")
    assert form.save()

    (row,) = saved_rows(counter)
    view = get_consultation(counter.database, counter.actor, row.id)
    assert view.referred_department_code == code
    assert view.follow_up_on == later

    choose_anonymous(qtbot, form)  # the form was cleared for the next one
    department.setEditText("存在しない課")
    entry.asked.setPlainText("もう一件")
    assert not form.save()
    assert "存在しない課" in form.message.text()
    assert QApplication.focusWidget() in (department, department.lineEdit())


def test_someone_else_signing_in_closes_the_forms_of_the_one_before_keeping_drafts(
    qtbot, counter, actor_factory, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, counter, tmp_path)
    form = window.open_new_consultation()
    form.entry.asked.setPlainText("前の職員の入力")
    form.write_draft()
    before = counter.actor

    window.set_actor(actor_factory(counter, "03", StaffRole.COUNTER, "次の職員"))

    qtbot.waitUntil(lambda: window.consultation_forms() == [])
    (kept,) = drafts.list_drafts(counter.data_dir, before.login_id)  # offered at their sign-in
    assert kept.data["fields"]["asked"] == "前の職員の入力"


def test_closing_the_main_window_keeps_a_draft_of_every_open_form(qtbot, counter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, counter, tmp_path)
    form = window.open_new_consultation()
    form.entry.asked.setPlainText("終了直前の入力")  # less than a second before quitting
    window.close()

    (kept,) = drafts.list_drafts(counter.data_dir, counter.actor.login_id)
    assert kept.data["fields"]["asked"] == "終了直前の入力"


def test_a_draft_of_a_change_is_saved_as_a_change(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    consultation_id = log_consultation(
        counter.database, counter.actor, ConsultationDraft(DAY, Channel.COUNTER, "広報の相談")
    )
    form = ConsultationForm.open_existing(counter, consultation_id, None)
    qtbot.addWidget(form)
    form.entry.answered.setPlainText("書きかけの対応")
    form.write_draft()
    form.hide()  # a crash
    monkeypatch.setattr(
        RestoreDraftQuestion, "ask", classmethod(lambda cls, parent, text: DraftChoice.OPEN)
    )

    (restored,) = offer_drafts(counter, None)
    qtbot.addWidget(restored)
    assert restored.consultation_id == consultation_id
    assert restored.save()
    assert len(saved_rows(counter)) == 1
    view = get_consultation(counter.database, counter.actor, consultation_id)
    assert view.answered == "書きかけの対応"


def test_persons_of_another_office_are_not_found(qtbot, counter, actor_factory) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.askers import find_persons, person_match
    from kyodo_desktop.services.consultations.persons import PersonDraft, create_person

    elsewhere = actor_factory(counter, "05", StaffRole.COUNTER)
    head = actor_factory(counter, "01", StaffRole.HEAD_OFFICE)
    theirs = create_person(
        counter.database, elsewhere, PersonDraft("石神井次郎", "シャクジイジロウ")
    )
    mine = create_person(
        counter.database, counter.actor, PersonDraft("石神井花子", "シャクジイハナコ")
    )

    assert [p.id for p in find_persons(counter.database, counter.actor, "ｼｬｸｼﾞｲ")] == [mine]
    assert person_match(counter.database, counter.actor, theirs) is None
    assert {p.id for p in find_persons(counter.database, head, "しゃくじい")} == {mine, theirs}
    # Once they consulted here, this office sees them too.
    log_consultation(
        counter.database,
        counter.actor,
        ConsultationDraft(DAY, Channel.COUNTER, "相談", person_id=theirs),
    )
    assert len(find_persons(counter.database, counter.actor, "石神井")) == 2
