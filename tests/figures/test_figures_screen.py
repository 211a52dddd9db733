"""The 集計 screen: the service's figures in tables and charts, its filters, and drilling down
from a figure to the records it counts and on to a record's page."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from conftest import DEMO_TODAY
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.figures.year import year_figures
from kyodo_desktop.store.applications import Application
from kyodo_desktop.ui.applications import screen as application_screen
from kyodo_desktop.ui.figures import screen as screen_module
from kyodo_desktop.ui.figures.drill_dialog import DrillDialog
from kyodo_desktop.ui.figures.screen import FigureScreen
from kyodo_desktop.ui.figures.table import FigureTableModel
from kyodo_desktop.ui.widgets import refusal_box

pytestmark = pytest.mark.usefixtures("ui_resources", "closing_discards")

DEMO_FY = 2026  # DEMO_TODAY's 年度, 令和8年度


@pytest.fixture
def head(demo_workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The demo with a head-office officer signed in: every office's figures."""
    actor = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    return dataclasses.replace(demo_workspace, actor=actor)


@pytest.fixture(autouse=True)
def no_drill_left_open():  # type: ignore[no-untyped-def]
    yield
    DrillDialog.shown.clear()


def open_screen(qtbot, workspace) -> FigureScreen:  # type: ignore[no-untyped-def]
    screen = FigureScreen(workspace, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.resize(1120, 800)
    screen.show()
    return screen


def shown(screen: FigureScreen, key: str) -> list[list[str]]:
    model = screen.panels[key].model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def written(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """A FigureTable as the ward writes it: 1,234 for a count, 1,234円 for an amount."""
    lines = [*table.lines, *([table.total] if table.total else [])]
    return [
        [
            line.label,
            *(
                f"{value:,}円" if unit == "円" else f"{value:,}"
                for value, unit in zip(line.values, table.units, strict=True)
            ),
        ]
        for line in lines
    ]


def choose(box, value) -> None:  # type: ignore[no-untyped-def]
    found = [i for i in range(box.count()) if box.itemData(i) == value]
    assert found, value
    box.setCurrentIndex(found[0])


def cell(screen: FigureScreen, key: str, label: str, column: str):  # type: ignore[no-untyped-def]
    model = screen.panels[key].model
    table = model.table
    row = [line.label for line in model.lines()].index(label)
    return model.index(row, 1 + table.columns.index(column))


def click(qtbot, screen: FigureScreen, key: str, index) -> None:  # type: ignore[no-untyped-def]
    panel = screen.panels[key]
    screen.tabs.setCurrentWidget(panel)
    panel.ensureWidgetVisible(panel.table)
    view = panel.table
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_the_screen_shows_the_years_figures_as_the_service_counts_them(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, head)
    assert screen.year_box.currentText() == "令和8年度"  # the 年度 of today
    assert screen.year_box.itemText(screen.year_box.count() - 1) == "平成18年度"
    expected = year_figures(head.database, head.actor, DEMO_FY, today=DEMO_TODAY)
    assert screen.current_figures() == expected
    assert screen.tabs.count() == len(expected.tables) + 1  # and 要確認 (the exchange's), last
    assert screen.tabs.widget(screen.tabs.count() - 1) is screen.review
    for table in expected.tables:
        assert shown(screen, table.key) == written(table), table.key
        assert screen.panels[table.key].heading.text() == table.title

    # ① applications of the 年度, counted straight off the records (prior consultations aside)
    with head.database.reading() as session:
        filed = session.scalar(
            select(func.count())
            .select_from(Application)
            .where(
                Application.fiscal_year == DEMO_FY,
                Application.programme_code == "jichi",
                Application.status != StepKind.PRIOR_CONSULTATION.value,
                Application.deleted_at.is_(None),
            )
        )
    assert filed > 0
    programmes = expected.table("programmes")
    label = next(line.label for line in programmes.lines if line.label.startswith("①"))
    assert cell(screen, "programmes", label, "申請・提案").data() == f"{filed:,}"
    decided = cell(screen, "programmes", label, "交付決定額").data()
    assert decided.endswith("円") and "," in decided
    total_row = screen.panels["programmes"].model.rowCount() - 1
    assert screen.panels["programmes"].model.index(total_row, 0).data() == "合計"
    assert (
        screen.panels["programmes"].model.index(total_row, 1).data(Qt.ItemDataRole.FontRole).bold()
    )


def test_another_year_or_office_shows_its_own_figures(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, head)
    before = shown(screen, "channels")
    changed: list[None] = []
    screen.figures_changed.connect(lambda: changed.append(None))
    choose(screen.year_box, 2024)
    assert changed
    figures = year_figures(head.database, head.actor, 2024, today=DEMO_TODAY)
    assert shown(screen, "channels") == written(figures.table("channels")) != before
    assert screen.panels["programmes"].heading.text() == "令和6年度 支援事業別の実績"

    second = screen.office_box.itemData(2)  # after 全事務所 and office 01
    assert screen.office_box.itemText(2).startswith("02 ")
    screen.office_box.setCurrentIndex(2)
    figures = year_figures(head.database, head.actor, 2024, second, today=DEMO_TODAY)
    assert screen.current_figures() == figures
    assert [row[0] for row in shown(screen, "office_topic")] == [figures.office_name, "合計"]
    assert shown(screen, "office_topic") == written(figures.table("office_topic"))


def test_a_counter_officer_sees_only_their_office(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    actor = demo_workspace.actor
    screen = open_screen(qtbot, demo_workspace)
    assert not screen.office_box.isEnabled()
    assert screen.office_box.count() == 1
    assert screen.office_box.currentText() == actor.office_name
    offices = [row[0] for row in shown(screen, "follow_ups")]
    assert offices == [actor.office_name, "合計"]
    expected = year_figures(demo_workspace.database, actor, DEMO_FY, today=DEMO_TODAY)
    assert shown(screen, "office_month") == written(expected.table("office_month"))


def test_a_click_on_a_figure_lists_the_records_it_counts(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, head)
    figures = screen.current_figures()
    table = figures.table("office_topic")
    line = max(table.lines, key=lambda each: each.values[-1])  # the busiest office
    index = cell(screen, "office_topic", line.label, "相談件数")
    click(qtbot, screen, "office_topic", index)
    dialog = DrillDialog.shown[line.drills[-1]]
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.count() == line.values[-1] > 0
    assert dialog.count_label.text() == f"{line.values[-1]} 件"
    assert dialog.windowTitle() == f"令和8年度 {line.label} 相談"
    assert {dialog.model.index(row, 1).data() for row in range(dialog.count())} == {line.label}

    # The total line drills too: every consultation of the 年度 by a channel
    channels = figures.table("channels")
    total = screen.panels["channels"].model.index(len(channels.lines), 1)
    click(qtbot, screen, "channels", total)
    assert DrillDialog.shown[channels.total.drills[0]].count() == channels.total.values[0]


def test_a_figure_of_nothing_opens_nothing(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, head)
    programmes = screen.current_figures().table("programmes")
    line = next(line for line in programmes.lines if line.values[2] == 0)  # none rejected
    click(qtbot, screen, "programmes", cell(screen, "programmes", line.label, "不採択"))
    assert DrillDialog.shown == {}
    click(qtbot, screen, "programmes", cell(screen, "programmes", line.label, "交付決定"))
    assert list(DrillDialog.shown) == [line.drills[1]]  # the clicks do land on the figures


def test_enter_on_a_listed_record_opens_its_page(qtbot, head, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        application_screen, "show_application", lambda ws, parent, app_id: opened.append(app_id)
    )
    screen = open_screen(qtbot, head)
    programmes = screen.current_figures().table("programmes")
    line = programmes.lines[0]
    dialog = screen.open_drill(line.drills[1], line.values[1])  # ① 交付決定
    assert dialog is not None and dialog.count() == line.values[1]
    qtbot.waitUntil(dialog.table.hasFocus)
    dialog.table.setCurrentIndex(dialog.model.index(2, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [dialog.model.row_at(2).id]
    assert dialog.isVisible()  # Enter opened the record; the list stays for the next one


def test_a_listed_consultation_opens_in_its_form(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.consultations.form import ConsultationForm

    screen = open_screen(qtbot, head)
    channels = screen.current_figures().table("channels")
    line = channels.lines[0]
    dialog = screen.open_drill(line.drills[0], line.values[0])
    row = dialog.model.row_at(0)
    form = dialog.open_consultation(row.id)
    assert isinstance(form, ConsultationForm) and form.consultation_id == row.id
    assert form.parentWidget() is screen  # closing the list leaves the form open
    form.close()


def test_each_chart_draws_the_columns_or_lines_it_names(qtbot, head) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, head)
    figures = screen.current_figures()

    programmes = screen.panels["programmes"].chart.chart().series()
    assert len(programmes) == 1
    names = [bars.label() for bars in programmes[0].barSets()]
    assert names == ["申請・提案", "交付決定"]
    assert programmes[0].barSets()[0].count() == len(figures.table("programmes").lines)

    history = figures.table("history")
    lines = screen.panels["history"].chart.chart().series()
    assert [line.name() for line in lines] == list(history.columns)
    newest = history.lines[0].values[0]
    assert lines[0].at(lines[0].count() - 1).y() == newest  # oldest 年度 at the left

    channels = figures.table("channels")
    (pie,) = screen.panels["channels"].chart.chart().series()
    assert [piece.value() for piece in pie.slices()] == [line.values[0] for line in channels.lines]
    assert pie.slices()[0].label() == f"{channels.lines[0].label} {channels.lines[0].values[0]:,}件"

    # Seventeen offices' lines would tangle: the month chart draws the total's
    (months,) = screen.panels["office_month"].chart.chart().series()
    assert months.name() == "合計"
    assert [months.at(i).y() for i in range(12)] == list(figures.table("office_month").total.values)


def test_the_table_model_passes_qt_checks(qtmodeltester, head) -> None:  # type: ignore[no-untyped-def]
    figures = year_figures(head.database, head.actor, DEMO_FY, today=DEMO_TODAY)
    for table in figures.tables:
        qtmodeltester.check(FigureTableModel(table))
    qtmodeltester.check(FigureTableModel(None))


def test_a_refused_reading_is_told_and_leaves_nothing_stale(qtbot, head, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(refusal_box.RefusalBox, "tell", classmethod(lambda c, p, t: told.append(t)))
    screen = open_screen(qtbot, head)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise InputError("集計できる年度は平成18年度から令和9年度までです。")

    monkeypatch.setattr(screen_module, "year_figures", refuse)
    choose(screen.year_box, 2025)
    assert told == ["集計できる年度は平成18年度から令和9年度までです。"]
    assert screen.current_figures() is None
    assert shown(screen, "programmes") == []
