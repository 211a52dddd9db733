"""団体 as an officer uses it: typing a search, choosing filters, opening and registering."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.groups.registry import GroupDraft, create_group, deactivate_group
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.groups.dialog import GroupDialog
from kyodo_desktop.ui.groups.page import GroupPage
from kyodo_desktop.ui.groups.screen import GroupScreen

pytestmark = pytest.mark.usefixtures("ui_resources")

BASE = GroupDraft(name="", name_kana="", kind="npo", office_code="01")


@pytest.fixture
def registry(workspace: Workspace, actor_factory):  # type: ignore[no-untyped-def]
    """Four groups of two offices, one of them inactive; the counter officer acts."""
    counter = actor_factory(workspace, "01", StaffRole.COUNTER)
    made = {}
    for name, kana, kind, office in [
        ("ねりま子ども食堂", "ネリマコドモショクドウ", "volunteer", "01"),
        ("練馬第一町会", "ネリマダイイチチョウカイ", "chokai", "03"),
        ("石神井公園を守る会", "シャクジイコウエンヲマモルカイ", "other", "03"),
        ("NPO法人ねりまの森", "エヌピーオーホウジンネリマノモリ", "npo", "01"),
    ]:
        draft = dataclasses.replace(BASE, name=name, name_kana=kana, kind=kind, office_code=office)
        made[name] = create_group(workspace.database, counter, draft)
    deactivate_group(workspace.database, counter, made["石神井公園を守る会"])
    return dataclasses.replace(workspace, actor=counter), made


def open_screen(qtbot, workspace: Workspace) -> GroupScreen:  # type: ignore[no-untyped-def]
    screen = GroupScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def names(screen: GroupScreen) -> list[str]:
    return [screen.model.index(row, 0).data() for row in range(screen.model.rowCount())]


def search(qtbot, screen: GroupScreen, typed: str) -> None:  # type: ignore[no-untyped-def]
    screen.search_edit.clear()
    if typed.isascii():
        qtbot.keyClicks(screen.search_edit, typed)
    else:  # QTest types Latin-1 only; Japanese arrives as the IME commits it
        screen.search_edit.insert(typed)
    with qtbot.waitSignal(screen.search_timer.timeout, timeout=2000):
        pass


def test_the_list_is_in_gojuon_order_of_active_groups_with_its_count(qtbot, registry) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    screen = open_screen(qtbot, workspace)
    assert names(screen) == ["NPO法人ねりまの森", "ねりま子ども食堂", "練馬第一町会"]
    assert screen.count_label.text() == "3 件"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ﾈﾘﾏ", ["NPO法人ねりまの森", "ねりま子ども食堂", "練馬第一町会"]),  # half-width katakana
        ("だいいち", ["練馬第一町会"]),  # hiragana of the reading
        ("子ども", ["ねりま子ども食堂"]),  # part of the name
        ("ｎｐｏ", ["NPO法人ねりまの森"]),  # full-width, lower case
        ("'%_", []),  # only characters
    ],
)
def test_typing_searches_the_name_and_the_reading(qtbot, registry, typed, found) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    screen = open_screen(qtbot, workspace)
    search(qtbot, screen, typed)
    assert names(screen) == found
    assert screen.count_label.text() == f"{len(found)} 件"


def test_a_burst_of_typing_searches_once(qtbot, registry, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    screen = open_screen(qtbot, workspace)
    narrowed = []
    original = screen.groups.narrow
    monkeypatch.setattr(
        screen.groups, "narrow", lambda wanted: (narrowed.append(wanted), original(wanted))
    )
    search(qtbot, screen, "ねりま")
    assert [w.text for w in narrowed] == ["ねりま"]


def test_kind_office_and_active_filters(qtbot, registry) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    screen = open_screen(qtbot, workspace)
    screen.kind_box.setCurrentIndex(screen.kind_box.findText("町会・自治会"))
    assert names(screen) == ["練馬第一町会"]
    screen.kind_box.setCurrentIndex(0)
    screen.office_box.setCurrentIndex(
        screen.office_box.findText("03", Qt.MatchFlag.MatchStartsWith)
    )
    assert names(screen) == ["練馬第一町会"]
    screen.active_box.setCurrentIndex(1)  # inactive
    assert names(screen) == ["石神井公園を守る会"]
    screen.active_box.setCurrentIndex(2)  # both
    assert names(screen) == ["石神井公園を守る会", "練馬第一町会"]
    assert screen.count_label.text() == "2 件"


def test_ctrl_f_goes_to_the_search_and_enter_opens_the_group(qtbot, registry, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workspace, made = registry
    screen = open_screen(qtbot, workspace)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.search_edit.hasFocus)
    opened = []
    monkeypatch.setattr(
        GroupPage, "ask", classmethod(lambda cls, ws, parent, gid: opened.append(gid))
    )
    screen.search_edit.insert("食堂")
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)  # searches at once, to the list
    qtbot.waitUntil(screen.table.hasFocus)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [made["ねりま子ども食堂"]]


def test_the_new_button_registers_and_opens_the_group(qtbot, registry, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    screen = open_screen(qtbot, workspace)
    new = dataclasses.replace(BASE, name="大泉さくら会", name_kana="オオイズミサクラカイ")
    monkeypatch.setattr(
        GroupDialog,
        "ask",
        classmethod(
            lambda cls, ws, parent=None, gid=None: create_group(ws.database, ws.actor, new)
        ),
    )
    opened = []
    monkeypatch.setattr(
        GroupPage, "ask", classmethod(lambda cls, ws, parent, gid: opened.append(gid))
    )
    screen.new_button.click()
    assert "大泉さくら会" in names(screen)
    assert screen.count_label.text() == "4 件"
    assert len(opened) == 1


def test_a_viewer_cannot_register(qtbot, workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    viewer = actor_factory(workspace, "01", StaffRole.VIEWER)
    screen = open_screen(qtbot, dataclasses.replace(workspace, actor=viewer))
    assert not screen.new_button.isEnabled()


def test_the_screen_model_passes_the_model_tester(qtbot, qtmodeltester, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, demo_workspace)
    qtmodeltester.check(screen.model)
    search(qtbot, screen, "町会")
    assert screen.model.rowCount() > 0
    qtmodeltester.check(screen.model)


def test_households_column_shows_the_count(qtbot, registry, actor_factory) -> None:  # type: ignore[no-untyped-def]
    workspace, _made = registry
    create_group(
        workspace.database,
        workspace.actor,
        dataclasses.replace(
            BASE,
            name="谷原町会",
            name_kana="ヤハラチョウカイ",
            kind="chokai",
            households=1200,
            households_counted_on=date(2025, 4, 1),
        ),
    )
    screen = open_screen(qtbot, workspace)
    search(qtbot, screen, "やはら")
    assert screen.model.index(0, 4).data() == "1,200"
    assert screen.model.index(0, 5).data() == "R7.4.1"
