"""団体 → ファイルから取り込む… as the head office uses it: choose, look, import or cancel."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from test_group_import import HEADER, LEDGER, saved, write_xlsx

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.ui.groups.import_dialog import GroupImportDialog
from kyodo_desktop.ui.groups.screen import GroupScreen
from kyodo_desktop.ui.widgets.refusal_box import RefusalBox

pytestmark = pytest.mark.usefixtures("ui_resources")

ROWS = [
    HEADER,
    *LEDGER,
    ["光が丘町内会", "ヒカリガオカチョウナイカイ", "町内会", "03", "", "", "300", "R7.4.1"],
]


@pytest.fixture
def head(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return dataclasses.replace(
        workspace, actor=actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    )


@pytest.fixture
def told(monkeypatch):  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(
        GroupImportDialog, "tell", classmethod(lambda cls, parent, text: said.append(text))
    )
    monkeypatch.setattr(
        RefusalBox, "tell", classmethod(lambda cls, parent, text: said.append(text))
    )
    return said


def choose(monkeypatch, path: Path | None) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(GroupImportDialog, "ask_path", classmethod(lambda cls, parent: path))


def open_screen(qtbot, workspace) -> GroupScreen:  # type: ignore[no-untyped-def]
    screen = GroupScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def when_the_dialog_opens(qtbot, act) -> list[GroupImportDialog]:  # type: ignore[no-untyped-def]
    """Run `act(dialog)` once the (modal) preview is shown; the dialogs seen."""
    seen: list[GroupImportDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, GroupImportDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, look)
    return seen


def lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_preview_lists_what_is_created_and_left_out_then_imports(
    qtbot, head, tmp_path, monkeypatch, told
) -> None:  # type: ignore[no-untyped-def]
    choose(monkeypatch, write_xlsx(tmp_path / "団体一覧.xlsx", ROWS))
    screen = open_screen(qtbot, head)
    assert screen.import_button.isVisible()
    assert screen.model.rowCount() == 0
    shown: dict[str, object] = {}

    def look_and_import(dialog: GroupImportDialog) -> None:
        shown["created"] = lines(dialog.created_list)
        shown["left_out"] = lines(dialog.left_out_list)
        shown["enabled"] = dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = when_the_dialog_opens(qtbot, look_and_import)
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert seen and shown["enabled"] is True
    created = shown["created"]
    assert len(created) == 3 and "練馬第一町会" in created[0] and "1,234世帯" in created[0]
    assert shown["left_out"] == [
        "5行目（光が丘町内会）: 種別「町内会」は登録されていません（使える種別: 町会・自治会、"
        "NPO法人、ボランティア団体、社会福祉法人、青少年育成地区委員会、中間支援組織、"
        "公益財団法人、その他の市民活動団体）。"
    ]
    said = QCoreApplication.translate("GroupImportDialog", "%1 group(s) created, %2 updated.")
    assert told == [said.replace("%1", "3").replace("%2", "0")]
    assert len(saved(head)) == 3
    assert screen.model.rowCount() == 3  # the list was read again


def test_a_second_import_of_the_same_file_has_nothing_to_do(
    qtbot, head, tmp_path, monkeypatch, told
) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "団体一覧.xlsx", ROWS)
    choose(monkeypatch, path)
    screen = open_screen(qtbot, head)
    when_the_dialog_opens(
        qtbot, lambda d: qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    )
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    state: dict[str, object] = {}

    def look_and_cancel(dialog: GroupImportDialog) -> None:
        state["enabled"] = dialog.import_button.isEnabled()
        state["updated"] = dialog.updated_list.count()
        state["created"] = dialog.created_list.count()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    when_the_dialog_opens(qtbot, look_and_cancel)
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert state == {"enabled": False, "updated": 0, "created": 0}
    assert len(saved(head)) == 3


def test_cancel_imports_nothing(qtbot, head, tmp_path, monkeypatch, told) -> None:  # type: ignore[no-untyped-def]
    choose(monkeypatch, write_xlsx(tmp_path / "団体一覧.xlsx", ROWS))
    screen = open_screen(qtbot, head)
    when_the_dialog_opens(
        qtbot, lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    )
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert saved(head) == {} and told == []


def test_a_file_that_cannot_be_read_is_told_and_no_preview_opens(
    qtbot, head, tmp_path, monkeypatch, told
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "list.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    choose(monkeypatch, path)
    screen = open_screen(qtbot, head)
    assert GroupImportDialog.run(head, screen) is None
    assert len(told) == 1 and "古い形式（Excel 97-2003）" in told[0]


def test_the_counter_officer_has_no_import_button(qtbot, workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    counter = dataclasses.replace(
        workspace, actor=actor_factory(workspace, "01", StaffRole.COUNTER)
    )
    screen = open_screen(qtbot, counter)
    assert not screen.import_button.isVisible()


def test_a_plan_overtaken_by_another_import_is_refused_in_the_dialog(
    qtbot, head, tmp_path, told
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.groups.ledger_file import read_ledger
    from kyodo_desktop.services.groups.ledger_import import import_groups, preview_group_import

    ledger = read_ledger(write_xlsx(tmp_path / "団体一覧.xlsx", ROWS))
    plan = preview_group_import(head.database, head.actor, ledger)
    dialog = GroupImportDialog(head, ledger, plan)
    qtbot.addWidget(dialog)
    import_groups(head.database, head.actor, ledger, expected=None)  # another PC, meanwhile
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported is None
    assert told and "確認した後にファイルか団体の記録が変わった" in told[0]
    with head.database.reading() as session:
        from kyodo_desktop.store.groups import Group

        assert len(session.scalars(select(Group)).all()) == 3
