"""The head office's screens for 競合 and 要確認, driven as an officer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_ward import make_ward, receive, send_files
from PySide6.QtCore import Qt
from test_conflicts import _phone_clash
from test_review import _award, _setup

from kyodo_desktop.services.core import perform
from kyodo_desktop.services.exchange.review import list_reviews
from kyodo_desktop.services.groups.registry import get_group
from kyodo_desktop.services.permissions import Permission

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def ward(tmp_path: Path, actor_factory):  # type: ignore[no-untyped-def]
    head, branches = make_ward(tmp_path, actor_factory)
    head.workspace.actor = head.counter
    yield head, branches
    for office in (head, *branches):
        office.workspace.close()


def test_an_officer_chooses_the_office_value_and_saves(
    ward, tmp_path: Path, qtbot, ui_resources
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.exchange.conflicts import ConflictsDialog

    head, (branch, _) = ward
    group = _phone_clash(head, branch, tmp_path)
    dialog = ConflictsDialog(head.workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert "団体「石神井町会」" in dialog.list.item(0).text()
    item_rect = dialog.list.visualItemRect(dialog.list.item(0))
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert dialog.fields.item(0, 0).text() == "電話番号"
    assert dialog.fields.item(0, 2).text() == "03-4444-4444"  # 本庁の値
    assert dialog.fields.item(0, 3).text() == "03-2222-2222"  # 事務所の値
    assert not dialog.save_button.isEnabled()  # nothing is decided by default

    _, theirs = dialog.choice_buttons("phone")
    assert theirs.text() == "事務所の値"
    qtbot.mouseClick(theirs, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "03-2222-2222" in dialog.done_label.text()
    assert dialog.list.count() == 0
    assert get_group(head.database, head.counter, group).phone == "03-2222-2222"


def test_the_figures_screen_lists_what_is_to_be_checked(
    ward, tmp_path: Path, qtbot, ui_resources
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.figures.screen import FigureScreen

    head, branches = ward
    _, project = _setup(head, branches, tmp_path)
    for branch in branches:
        perform(branch.database, branch.counter, Permission.WRITE, _award, project, "jichi", 2026)
        receive(head, send_files(branch, tmp_path / f"s{branch.code}"))
    screen = FigureScreen(head.workspace)
    qtbot.addWidget(screen)
    panel = screen.review
    assert screen.tabs.tabText(screen.tabs.indexOf(panel)) == "要確認"
    assert panel.heading.text() == "要確認: 1 件"
    assert panel.table.item(0, 2).text() == "豊玉町会「町会の活動」"
    assert "1年度1回" in panel.table.item(0, 4).text()
    panel.ask_note = lambda: "地域振興課に連絡し、事務所03の交付決定を取り消した。"  # type: ignore[method-assign]
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 0
    assert list_reviews(head.database, head.counter) == ()
