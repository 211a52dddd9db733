"""試算: the officer picks a programme, types the figures, and reads amount and reasons."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from kyodo_desktop.ui.applications.estimate import EstimatePanel

pytestmark = pytest.mark.usefixtures("ui_resources")


@pytest.fixture
def panel(qtbot):  # type: ignore[no-untyped-def]
    widget = EstimatePanel(today=date(2026, 11, 27))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def breakdown(panel: EstimatePanel) -> list[tuple[str, str]]:
    table = panel.breakdown_table
    return [
        (table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount())
    ]


def test_jichi_amount_updates_as_the_households_are_typed(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("jichi")
    assert panel.fiscal_year_label.text() == "令和8年度"
    qtbot.keyClicks(panel.households_edit, "1000")
    assert panel.amount_label.text() == "交付可能額: 140,000円"
    assert breakdown(panel) == [("基礎割", "20,000円"), ("世帯割", "120,000円")]
    panel.households_edit.clear()
    panel.households_edit.insert("９９９")  # full-width, as the IME commits it
    assert panel.amount_label.text() == "交付可能額: 134,880円"  # 15,000 + 120 × 999


def test_the_part_block_reading_is_one_switch_away_and_named(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("jichi")
    qtbot.keyClicks(panel.households_edit, "999")
    qtbot.mouseClick(panel.part_blocks_box, Qt.MouseButton.LeftButton)
    assert panel.part_blocks_box.isChecked()
    assert breakdown(panel)[0] == ("基礎割", "20,000円")
    assert any("（設定: 端数も加算する）" in reason for reason in panel.reasons)


def test_a_fourth_habataki_award_is_refused_with_the_rule_and_the_count(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("machizukuri", "habataki")
    panel.awards_box.setValue(3)
    qtbot.keyClicks(panel.amount_edit, "300,000")
    assert panel.amount_label.text() == "対象外"
    assert any("はばたき部門は1事業3回まで" in r and "3回" in r for r in panel.reasons)


def test_a_request_over_the_cap_is_cut_to_the_cap_with_a_reason(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("yasashii", "katsudo")
    qtbot.keyClicks(panel.amount_edit, "250000")
    assert panel.amount_label.text() == "交付可能額: 200,000円"
    assert any("200,000円" in reason for reason in panel.reasons)


def test_teian_ended_in_fy2015(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("teian")
    qtbot.keyClicks(panel.amount_edit, "100000")
    assert panel.amount_label.text() == "対象外"
    assert any("平成27年度" in reason for reason in panel.reasons)


def test_hiroba_adds_days_and_capped_venue_costs_by_month(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("hiroba")
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("npo"))
    assert panel.months_table.verticalHeaderItem(0).text() == "令和8年4月"
    panel.months_table.setItem(0, 0, QTableWidgetItem("10"))
    panel.months_table.setItem(0, 1, QTableWidgetItem("90,000"))
    panel.months_table.setItem(1, 0, QTableWidgetItem("8"))
    panel.months_table.setItem(1, 1, QTableWidgetItem("30000"))
    # 運営費 6,000 × 18 days + 会場費 min(90,000, 75,000) + 30,000
    assert panel.amount_label.text() == "交付可能額: 213,000円"


def test_impossible_input_says_what_is_wrong_without_a_crash(qtbot, panel):  # type: ignore[no-untyped-def]
    panel.select_programme("hiroba")
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("npo"))
    panel.months_table.setItem(0, 0, QTableWidgetItem("31"))  # April has 30 days
    assert panel.amount_label.text() == "—"
    assert any("30" in reason for reason in panel.reasons)
    panel.select_programme("jichi")
    qtbot.keyClicks(panel.households_edit, "abc")
    assert panel.amount_label.text() == "—"
    assert panel.limit_label.text() == "入力を確かめてください。"


def test_the_main_window_opens_the_estimate_with_ctrl_e(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    window = MainWindow(screen_entries(), tmp_path / "window.ini", workspace=workspace)
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_estimate()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "交付額の試算"
    assert window.open_estimate() is dialog
