"""The main window as an officer meets it: Japanese, seven screens, real records."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.applications import Application
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group
from kyodo_desktop.ui.main_window import MainWindow
from kyodo_desktop.ui.screens import screen_entries
from kyodo_desktop.ui.widgets.lazy_model import LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListScreen

pytestmark = pytest.mark.usefixtures("ui_resources")

SCREEN_NAMES = ["相談記録", "団体", "支援ケース", "申請", "帳票", "集計", "設定"]


def open_window(qtbot, workspace: Workspace, settings: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(screen_entries(), settings, workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def count(workspace: Workspace, model) -> int:  # type: ignore[no-untyped-def]
    """The live rows a counter officer sees: every group, their own office's applications."""
    query = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
    if model is Application:
        query = query.where(Application.office_id == workspace.actor.office_id)
    with workspace.database.reading() as session:
        return session.scalar(query)


def test_the_navigation_names_the_seven_screens_in_japanese(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    names = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert names == SCREEN_NAMES
    assert window.windowTitle() == "協働デスク（デモデータ）"


def test_the_status_bar_shows_office_officer_and_database(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    actor = demo_workspace.actor
    assert window.office_label.text() == f"事務所: {actor.office_name}（{actor.office_code}）"
    assert window.officer_label.text() == f"職員: {actor.name}"
    assert str(demo_workspace.database.path) in window.database_label.text()


def test_the_consultation_log_lists_every_consultation_newest_first(
    qtbot, demo_workspace, tmp_path
):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    screen = window.show_screen("consultations")
    assert isinstance(screen, ListScreen)
    # The demo acts as a counter officer: the officer's own office's consultations.
    with demo_workspace.database.reading() as session:
        total = session.scalar(
            select(func.count())
            .select_from(Consultation)
            .where(Consultation.office_id == demo_workspace.actor.office_id)
        )
    assert 100 < total < count(demo_workspace, Consultation)
    assert screen.model.rowCount() == total
    assert screen.count_label.text() == f"{total:,} 件"
    with demo_workspace.database.reading() as session:
        newest = session.scalar(
            select(func.max(Consultation.occurred_on)).where(
                Consultation.office_id == demo_workspace.actor.office_id
            )
        )
    first_date = screen.model.index(0, 0).data()
    assert first_date == f"R{newest.year - 2018}.{newest.month}.{newest.day}"
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["日付", "事務所", "方法"]
    assert screen.model.index(0, 2).data() in {"来所", "電話", "メール", "訪問", "その他"}


def test_only_the_pages_scrolled_into_view_are_loaded(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    screen = window.show_screen("consultations")
    model: LazyTableModel = screen.model
    assert model.loaded_pages <= 2
    screen.table.scrollToBottom()
    last = model.index(model.rowCount() - 1, 3).data()
    assert last  # the oldest consultation, from FY2006
    assert model.loaded_pages <= 4


@pytest.mark.parametrize(
    ("key", "table", "title"),
    [("groups", Group, "団体"), ("applications", Application, "申請")],
)
def test_each_record_screen_shows_its_records(qtbot, demo_workspace, tmp_path, key, table, title):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    screen = window.show_screen(key)
    assert screen.title.text() == title
    assert screen.model.rowCount() == count(demo_workspace, table)


def test_groups_are_in_gojuon_order_with_households(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    screen = window.show_screen("groups")
    readings = [screen.model.index(row, 1).data() for row in range(screen.model.rowCount())]
    assert len(readings) > 10
    assert readings == sorted(readings)
    kinds = {screen.model.index(row, 2).data() for row in range(screen.model.rowCount())}
    assert "町会・自治会" in kinds


def test_the_applications_show_programme_step_and_yen(qtbot, demo_workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path / "window.ini")
    screen = window.show_screen("applications")
    row = [screen.model.index(0, column).data() for column in range(9)]
    assert row[0].endswith("年度")
    assert row[1][0] in "①②③④⑤⑥"
    assert row[7].endswith("円")  # 申請額, after the step and the 規則 mark


def test_every_screen_opens_with_rows_from_the_database(  # type: ignore[no-untyped-def]
    qtbot, demo_workspace, tmp_path, actor_factory
):
    head_office = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    workspace = dataclasses.replace(demo_workspace, actor=head_office)
    window = open_window(qtbot, workspace, tmp_path / "window.ini")
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        screen = window.stack.currentWidget()
        table = getattr(screen, "table", None) or screen.tabs.currentWidget()
        table = getattr(table, "table", table)  # a 集計 tab holds its table beside its chart
        assert table.model().rowCount() > 0, SCREEN_NAMES[row]


def test_the_settings_screen_lists_the_seventeen_offices(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, tmp_path / "window.ini")
    screen = window.show_screen("settings")
    offices = screen.tabs.widget(0).model()
    assert screen.tabs.tabText(0) == "事務所"
    assert offices.rowCount() == 17
    assert offices.index(0, 1).data() == "練馬区民事務所"
    assert offices.index(16, 1).data() == "出張所17 （名称未確認）"


def test_an_empty_database_shows_empty_lists_not_errors(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, tmp_path / "window.ini")
    screen = window.show_screen("consultations")
    assert screen.model.rowCount() == 0
    assert screen.count_label.text() == "0 件"


def test_size_and_screen_are_remembered(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    settings = tmp_path / "window.ini"
    window = open_window(qtbot, workspace, settings)
    window.resize(900, 690)  # the offscreen test screen is narrow
    window.show_screen("groups")
    window.close()

    again = open_window(qtbot, workspace, settings)
    assert (again.width(), again.height()) == (900, 690)
    assert again.current_key == "groups"


def test_the_lazy_model_passes_qt_model_tester(qtmodeltester, demo_workspace):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services import browse
    from kyodo_desktop.ui.widgets.lazy_model import Column

    model = LazyTableModel(
        browse.groups(demo_workspace.database, demo_workspace.actor),
        [Column("name", lambda r: r.name), Column("kana", lambda r: r.name_kana)],
        page_size=7,
        max_pages=3,
    )
    qtmodeltester.check(model)


def test_the_window_shows_before_the_database_opens(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    window = MainWindow(screen_entries(), tmp_path / "window.ini")
    qtbot.addWidget(window)
    window.show()
    assert window.opening_label.text() == "データベースを開いています..."
    assert not window.estimate_action.isEnabled()
    window.navigation.setCurrentRow(1)  # a click before the records are there does nothing
    with qtbot.waitSignal(window.workspace_attached):
        window.attach(workspace)
    assert window.estimate_action.isEnabled()
    assert window.stack.currentWidget().title.text() == "相談記録"
