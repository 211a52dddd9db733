"""収支予算 / 収支決算 in the dialog: lines typed, totals live, balanced saved, unbalanced refused."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableWidgetItem

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    BudgetLineDraft,
    MonthDraft,
    ProjectDraft,
    create_project,
    get_application,
    open_application,
    set_budget_lines,
)
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.ui.applications.budget_dialog import BudgetDialog
from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return dataclasses.replace(workspace, actor=actor_factory(workspace, "01", StaffRole.COUNTER))


def filed(ws, programme="machizukuri", division="habataki", kind="volunteer", **fields):  # type: ignore[no-untyped-def]
    group_id = create_group(
        ws.database, ws.actor, GroupDraft(name="花と緑の会", name_kana="ハナ", kind=kind)
    )
    project_id = create_project(ws.database, ws.actor, ProjectDraft(group_id, "花壇"))
    return open_application(
        ws.database,
        ws.actor,
        ApplicationDraft(
            project_id=project_id,
            programme_code=programme,
            fiscal_year=2026,
            division=division,
            opened_on=date(2026, 5, 1),
            **fields,
        ),
    )


def open_dialog(qtbot, ws, application_id, stage="budget") -> BudgetDialog:  # type: ignore[no-untyped-def]
    dialog = BudgetDialog(ws, application_id, stage)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):  # the officer types in it: it has the keyboard
        dialog.activateWindow()
    return dialog


def type_line(qtbot, dialog, side, item, amount) -> None:  # type: ignore[no-untyped-def]
    (dialog.add_income_button if side == "income" else dialog.add_expense_button).click()
    row = dialog.model.rowCount() - 1
    editor = QApplication.focusWidget()  # the item's cell opens for typing
    editor.insert(item)  # as the IME commits it
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # to the amount
    QApplication.focusWidget().insert(amount)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
    assert dialog.model.lines[row][1] == item


def save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_a_budget_that_does_not_balance_is_refused_with_its_totals(qtbot, qtmodeltester, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=200_000)
    dialog = open_dialog(qtbot, counter, application_id)
    type_line(qtbot, dialog, "income", "区の助成金", "200000")
    type_line(qtbot, dialog, "income", "自己資金", "50,000")
    type_line(qtbot, dialog, "expense", "花の苗", "230000")
    qtmodeltester.check(dialog.model)
    assert "250,000円" in dialog.totals.text() and "230,000円" in dialog.totals.text()
    assert "20,000円" in dialog.totals.text()  # the difference, live

    save(dialog)

    assert dialog.isVisible()
    assert dialog.message.text().startswith(
        "収支予算の収入合計（250,000円）と支出合計（230,000円）が一致しません。"
    )
    assert [line[1] for line in dialog.model.lines] == ["区の助成金", "自己資金", "花の苗"]
    assert get_application(counter.database, counter.actor, application_id).lines["budget"] == ()


def test_a_balanced_budget_is_saved_and_shown_again(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=200_000)
    dialog = open_dialog(qtbot, counter, application_id)
    type_line(qtbot, dialog, "income", "区の助成金", "200,000")
    type_line(qtbot, dialog, "expense", "花の苗", "150,000")
    type_line(qtbot, dialog, "expense", "肥料", "50,000")
    save(dialog)
    assert dialog.result() == BudgetDialog.DialogCode.Accepted, dialog.message.text()
    assert dialog.saved

    view = get_application(counter.database, counter.actor, application_id)
    assert view.total("budget", "income") == view.total("budget", "expense") == 200_000
    again = open_dialog(qtbot, counter, application_id)
    assert sorted(again.model.lines) == sorted(
        [
            ["income", "区の助成金", "200,000", ""],
            ["expense", "花の苗", "150,000", ""],
            ["expense", "肥料", "50,000", ""],
        ]
    )
    assert "200,000円" in again.totals.text()


def test_a_line_removed_and_an_amount_that_cannot_be_read(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=100_000)
    set_budget_lines(
        counter.database,
        counter.actor,
        application_id,
        "budget",
        (BudgetLineDraft("income", "助成金", 100_000), BudgetLineDraft("expense", "印刷", 100_000)),
        row_version=get_application(counter.database, counter.actor, application_id).row_version,
    )
    dialog = open_dialog(qtbot, counter, application_id)
    assert dialog.model.rowCount() == 2
    dialog.table.selectRow(1)
    dialog.remove_button.click()
    assert dialog.model.rowCount() == 1
    type_line(qtbot, dialog, "expense", "印刷", "十万")
    save(dialog)
    assert dialog.isVisible()
    assert "「十万」を読み取れません" in dialog.message.text()
    assert (
        get_application(counter.database, counter.actor, application_id).total("budget", "expense")
        == 100_000
    )


def test_hiroba_saves_its_months_beside_the_lines(qtbot, qtmodeltester, counter):  # type: ignore[no-untyped-def]
    application_id = filed(
        counter,
        programme="hiroba",
        division=None,
        kind="npo",
        operating_cost=30_000,
        months=(MonthDraft(2026, 5, 5, 20_000),),
    )
    dialog = open_dialog(qtbot, counter, application_id)
    assert dialog.months_table is not None and dialog.operating_edit is not None
    assert dialog.operating_edit.text() == "30,000"
    assert dialog.months_table.item(1, 1).text() == "20,000"  # 令和8年5月, as filed
    dialog.operating_edit.clear()
    dialog.operating_edit.insert("60,000")
    dialog.months_table.takeItem(1, 0)
    dialog.months_table.takeItem(1, 1)
    dialog.months_table.setItem(0, 0, QTableWidgetItem("10"))
    dialog.months_table.setItem(0, 1, QTableWidgetItem("50,000"))
    save(dialog)
    qtmodeltester.check(dialog.months_table.model())
    assert dialog.result() == BudgetDialog.DialogCode.Accepted, dialog.message.text()
    view = get_application(counter.database, counter.actor, application_id)
    assert view.operating_cost == 60_000
    assert [(m.year, m.month, m.days_opened, m.venue_cost) for m in view.months["budget"]] == [
        (2026, 4, 10, 50_000)
    ]


def test_the_amount_being_typed_counts_when_saving(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=100_000)
    dialog = open_dialog(qtbot, counter, application_id)
    type_line(qtbot, dialog, "income", "助成金", "100,000")
    dialog.add_expense_button.click()
    QApplication.focusWidget().insert("印刷")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QApplication.focusWidget().insert("100000")  # no Enter: Save straight away
    save(dialog)
    assert dialog.result() == BudgetDialog.DialogCode.Accepted, dialog.message.text()
    view = get_application(counter.database, counter.actor, application_id)
    assert view.total("budget", "expense") == 100_000


def test_escape_asks_before_the_lines_are_thrown_away(qtbot, counter, monkeypatch):  # type: ignore[no-untyped-def]
    asked: list[bool] = []
    monkeypatch.setattr(
        DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: asked.append(True) or False)
    )
    dialog = open_dialog(qtbot, counter, filed(counter, amount_requested=100_000))
    type_line(qtbot, dialog, "income", "助成金", "100000")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


def test_edit_is_what_the_application_page_calls(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=100_000)

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BudgetDialog)
        dialog.reject()  # nothing changed: closes without asking

    QTimer.singleShot(0, close)
    assert BudgetDialog.edit(counter, None, application_id, "budget") is False


def test_a_refused_month_leaves_the_lines_unsaved_too(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(
        counter,
        programme="hiroba",
        division=None,
        kind="npo",
        operating_cost=30_000,
        months=(MonthDraft(2026, 5, 5, 20_000),),
    )
    before = get_application(counter.database, counter.actor, application_id)
    dialog = open_dialog(qtbot, counter, application_id)
    type_line(qtbot, dialog, "income", "寄付金", "1,000")
    type_line(qtbot, dialog, "expense", "雑費", "1,000")
    assert dialog.months_table is not None
    dialog.months_table.setItem(0, 0, QTableWidgetItem("40"))  # 令和8年4月: 40 days
    save(dialog)

    assert dialog.isVisible() and not dialog.saved
    assert "4月の開" in dialog.message.text() and "までの整数" in dialog.message.text()
    after = get_application(counter.database, counter.actor, application_id)
    assert after.row_version == before.row_version  # nothing half-saved
    assert after.lines["budget"] == ()
    assert [line[1] for line in dialog.model.lines] == ["寄付金", "雑費"]  # what was typed stays
    assert dialog.months_table.item(0, 0).text() == "40"


def test_tab_leaves_the_lines_for_the_buttons(qtbot, counter):  # type: ignore[no-untyped-def]
    application_id = filed(counter, amount_requested=100_000)
    dialog = open_dialog(qtbot, counter, application_id)
    type_line(qtbot, dialog, "income", "助成金", "100,000")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert not dialog.table.hasFocus()  # on to the buttons, not the next cell
    assert dialog.table.state() != QAbstractItemView.State.EditingState
