"""受けられる支援 on a group's page: the amounts for the 年度 chosen, and why."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from test_entitlements import add_project

from kyodo_desktop.rules import format_yen
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.applications.entitlements import this_fiscal_year
from kyodo_desktop.services.groups.registry import GroupDraft, create_group
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.groups.entitlement_panel import EntitlementPanel
from kyodo_desktop.ui.groups.page import GroupPage

pytestmark = pytest.mark.usefixtures("ui_resources")

TODAY = date(2026, 11, 27)
TIMES, MOST, WHY = 4, 5, 6  # columns


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.COUNTER)


def register(workspace: Workspace, actor, kind: str, households: int | None = None) -> uuid.UUID:  # type: ignore[no-untyped-def]
    draft = GroupDraft(
        name=f"支援パネル{kind}",
        name_kana="しえんぱねる",
        kind=kind,
        office_code="01",
        households=households,
        households_counted_on=date(2026, 4, 1) if households else None,
    )
    return create_group(workspace.database, actor, draft)


def shown(
    panel: EntitlementPanel, programme: str, division: str | None = None, column: int = MOST
) -> list[str]:
    """The cells of a programme division's rows (most grantable unless told), as on screen."""
    model = panel.model
    return [
        model.index(row, column).data()
        for row in range(model.rowCount())
        if (model.row_at(row).programme, model.row_at(row).division) == (programme, division)
    ]


def test_the_group_page_shows_what_a_chokai_could_receive(
    qtbot, workspace, counter, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "chokai", households=1000)
    page = GroupPage(dataclasses.replace(workspace, actor=counter), group_id)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.entitlements)
    panel = page.entitlements
    assert panel.fiscal_year == this_fiscal_year()
    assert shown(panel, "jichi") == [format_yen(140_000)]
    assert shown(panel, "machizukuri", "habataki") == [format_yen(300_000)]
    qtmodeltester.check(panel.model)


def test_changing_the_fiscal_year_updates_the_table(qtbot, workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "npo")
    ws = dataclasses.replace(workspace, actor=counter)
    panel = EntitlementPanel(ws, group_id, today=TODAY)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.fiscal_year == 2026
    (teian,) = panel.found.of("teian")  # type: ignore[union-attr]
    assert not teian.eligible and shown(panel, "teian") == ["—"]
    assert shown(panel, "teian", column=TIMES) == ["—"]  # ended: no times to count
    with qtbot.waitSignal(panel.model.modelReset):
        panel.set_fiscal_year(2015)  # 平成27年度: ④'s last year
    assert shown(panel, "teian") == [format_yen(500_000)]
    assert shown(panel, "teian", column=TIMES) == ["2"]  # 1事業2回まで
    assert panel.found.fiscal_year == 2015  # type: ignore[union-attr]
    # ⑥ had not started: the reason says so, in full in the tooltip.
    row = next(
        r for r in range(panel.model.rowCount()) if panel.model.row_at(r).programme == "okoshi"
    )
    assert "平成29年度からの事業です" in panel.model.index(row, WHY).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_the_arrow_key_moves_to_the_year_before(qtbot, workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "volunteer")
    add_project(workspace, group_id, "花壇づくり", "machizukuri", [(2025, "habataki", "paid")])
    ws = dataclasses.replace(workspace, actor=counter)
    panel = EntitlementPanel(ws, group_id, today=TODAY)
    qtbot.addWidget(panel)
    panel.reload()
    panel.year.setFocus()
    with qtbot.waitSignal(panel.model.modelReset):
        qtbot.keyClick(panel.year, Qt.Key.Key_Down)  # newest first: down is the year before
    assert panel.fiscal_year == 2025
    # In 2025 the project already had its award that year; a new project has its three.
    rows = panel.found.of("machizukuri", "habataki")  # type: ignore[union-attr]
    assert [(r.is_new_project, r.eligible, r.awards_left) for r in rows] == [
        (False, False, 2),
        (True, True, 3),
    ]
    assert shown(panel, "machizukuri", "habataki") == ["—", format_yen(300_000)]
    # The group's project with the most left stands out; a new project's row does not.
    marked = [r for r in range(panel.model.rowCount()) if panel.model.row_at(r).most_left]
    assert [panel.model.row_at(r).project_title for r in marked] == ["花壇づくり"] * 2
    assert panel.model.index(marked[0], 2).data(Qt.ItemDataRole.FontRole).bold()
    assert panel.model.index(0, 2).data(Qt.ItemDataRole.FontRole) is None  # ①: a new project


def test_the_panel_model_passes_the_model_tester_on_the_demo(
    qtbot, qtmodeltester, demo_workspace
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from kyodo_desktop.store.applications import Application, Project

    with demo_workspace.database.reading() as session:
        group_id = session.scalars(
            select(Project.group_id).join(Application, Application.project_id == Project.id)
        ).first()
    panel = EntitlementPanel(demo_workspace, group_id, today=TODAY)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.rowCount() >= 8
    qtmodeltester.check(panel.model)


def test_the_chosen_row_s_reasons_are_shown_in_full_under_the_table(
    qtbot, workspace, counter
) -> None:  # type: ignore[no-untyped-def]
    group_id = register(workspace, counter, "npo")
    panel = EntitlementPanel(dataclasses.replace(workspace, actor=counter), group_id, today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_fiscal_year(2015)
    panel.reload()
    okoshi = next(
        r for r in range(panel.model.rowCount()) if panel.model.row_at(r).programme == "okoshi"
    )
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    for _ in range(okoshi):
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # the officer moves down with the arrows
    assert panel.why.isVisible()
    assert "平成29年度からの事業です" in panel.why.text()  # in full, not cut to 「…」
    assert panel.why.text().count("\n") == len(panel.model.row_at(okoshi).messages)
