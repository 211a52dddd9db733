"""①の年度一括申請 as the head office meets it: the preview, the question, the result."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.permissions import DENIED, Permission
from kyodo_desktop.store.applications import Application
from kyodo_desktop.ui.applications.round_dialog import RoundDialog, RoundQuestion
from kyodo_desktop.ui.main_window import MainWindow
from kyodo_desktop.ui.screens import screen_entries

pytestmark = pytest.mark.usefixtures("ui_resources")

TODAY = date(2026, 5, 1)  # 令和8年度


@pytest.fixture
def head_office(workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The empty workspace with a 協働推進課 officer signed in, and three 町会 of office 03."""
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働 花子")
    counter = actor_factory(workspace, "03", StaffRole.COUNTER)
    for name, households in (("北町会", 1000), ("南町会", 400), ("西町会", None)):
        create_group(
            workspace.database,
            counter,
            GroupDraft(
                name=name,
                name_kana="テスト",
                kind="chokai",
                office_code="03",
                households=households,
                households_counted_on=date(2026, 4, 1) if households else None,
            ),
        )
    return dataclasses.replace(workspace, actor=head)


def open_dialog(qtbot, workspace) -> RoundDialog:  # type: ignore[no-untyped-def]
    dialog = RoundDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def saved(workspace, fy: int = 2026) -> list[Application]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return session.scalars(select(Application).where(Application.fiscal_year == fy)).all()


def answer(monkeypatch, yes: bool) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    asked: list[tuple[str, int, str]] = []

    def ask(cls, parent, name, count, total):  # type: ignore[no-untyped-def]
        asked.append((name, count, total))
        return yes

    monkeypatch.setattr(RoundQuestion, "ask", classmethod(ask))
    return asked


def test_the_preview_shows_the_count_the_total_and_who_lacks_households(
    qtbot, qtmodeltester, head_office
):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, head_office)
    assert dialog.year.currentText() == "令和8年度"
    assert "2" in dialog.summary.text() and "203,000円" in dialog.summary.text()
    assert dialog.lacking.count() == 1
    [lacking] = dialog.result.lacking
    assert dialog.lacking.item(0).text().startswith("西町会")
    assert lacking.office_name in dialog.lacking.item(0).text()  # whose office asks them
    assert dialog.left_out.count() == 0
    assert dialog.open_button.isEnabled()
    qtmodeltester.check(dialog.lacking.model())
    qtmodeltester.check(dialog.left_out.model())
    assert saved(head_office) == []  # a preview writes nothing


def test_confirming_opens_the_applications_and_shows_what_was_done(qtbot, head_office, monkeypatch):  # type: ignore[no-untyped-def]
    asked = answer(monkeypatch, yes=True)
    dialog = open_dialog(qtbot, head_office)
    with qtbot.waitSignal(dialog.opened) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert asked == [("令和8年度 自治活動推進協力費", 2, "203,000円")]
    rows = saved(head_office)
    assert sorted(row.amount_requested for row in rows) == [63_000, 140_000]
    assert opened.args[0].count == 2 and opened.args[0].saved
    assert "203,000円" in dialog.summary.text()
    assert not dialog.open_button.isEnabled()  # done: nothing more to open for the 年度
    assert dialog.lacking.count() == 1


def test_declining_opens_nothing(qtbot, head_office, monkeypatch):  # type: ignore[no-untyped-def]
    asked = answer(monkeypatch, yes=False)
    dialog = open_dialog(qtbot, head_office)
    dialog.open_button.click()
    assert len(asked) == 1
    assert saved(head_office) == []
    assert dialog.open_button.isEnabled()


def test_choosing_another_year_reads_its_preview(qtbot, head_office, monkeypatch):  # type: ignore[no-untyped-def]
    answer(monkeypatch, yes=True)
    dialog = open_dialog(qtbot, head_office)
    dialog.open_button.click()
    qtbot.waitUntil(lambda: len(saved(head_office)) == 2)
    dialog.year.setCurrentIndex(dialog.year.findData(2027))
    assert dialog.year.currentText() == "令和9年度"
    assert dialog.result is not None and dialog.result.count == 2
    assert not dialog.result.saved and dialog.open_button.isEnabled()
    dialog.year.setCurrentIndex(dialog.year.findData(2026))  # back: all applied for now
    assert dialog.result.count == 0 and len(dialog.result.skipped) == 2
    assert dialog.left_out.count() == 2 and not dialog.open_button.isEnabled()


def test_an_officer_who_may_not_open_it_is_told_why(qtbot, head_office, actor_factory, monkeypatch):  # type: ignore[no-untyped-def]
    answer(monkeypatch, yes=True)
    dialog = open_dialog(qtbot, head_office)
    # Someone else signed in at the idle lock while the dialog stayed open.
    head_office.actor = actor_factory(head_office, "03", StaffRole.COUNTER)
    dialog.open_button.click()
    assert dialog.message.isVisible()
    assert dialog.message.text() == DENIED[Permission.DECIDE]
    assert saved(head_office) == []


def window_for(qtbot, workspace, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_menu_offers_the_round_to_the_head_office_only(
    qtbot, head_office, demo_workspace, tmp_path
):  # type: ignore[no-untyped-def]
    counter_window = window_for(qtbot, demo_workspace, tmp_path / "counter")
    assert not counter_window.round_action.isVisible()
    assert not counter_window.round_action.isEnabled()
    window = window_for(qtbot, head_office, tmp_path / "head")
    assert window.round_action.isVisible() and window.round_action.isEnabled()
    window.round_action.trigger()
    dialog = window.findChild(RoundDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.result is not None and dialog.result.count == 2
    dialog.close()


def test_a_locked_database_can_be_tried_again_and_the_question_is_fresh(  # type: ignore[no-untyped-def]
    qtbot, head_office, actor_factory, monkeypatch
):
    from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
    from kyodo_desktop.ui.applications import round_dialog

    asked = answer(monkeypatch, yes=True)
    dialog = open_dialog(qtbot, head_office)
    locked = EnvironmentFaultError(Problem.LOCKED, "database is locked")
    really_open = round_dialog.open_round

    def busy(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise locked

    monkeypatch.setattr(round_dialog, "open_round", busy)
    dialog.open_button.click()
    assert dialog.message.text() == locked.message
    assert dialog.open_button.isEnabled()  # not stuck: the officer tries again
    assert saved(head_office) == []

    # Meanwhile a 町会 of office 03 gets its household count on another PC.
    create_group(
        head_office.database,
        actor_factory(head_office, "03", StaffRole.COUNTER),
        GroupDraft(
            name="東町会",
            name_kana="ヒガシ",
            kind="chokai",
            office_code="03",
            households=100,
            households_counted_on=date(2026, 4, 1),
        ),
    )
    monkeypatch.setattr(round_dialog, "open_round", really_open)
    with qtbot.waitSignal(dialog.opened) as opened:
        dialog.open_button.click()
    assert asked[-1][1] == 3  # the question gave what the round then opened
    assert opened.args[0].count == 3 and len(saved(head_office)) == 3
