"""The consultation log's filter bar: each filter narrows the list to what the store says."""

from __future__ import annotations

import logging
import sys
import types
import uuid
from datetime import date
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QObject, Qt, Signal

from kyodo_desktop.rules import fiscal_year_range
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.permissions import DENIED, Permission
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp
from kyodo_desktop.ui.consultations.filters import month_range
from kyodo_desktop.ui.consultations.screen import ConsultationScreen

pytestmark = pytest.mark.usefixtures("ui_resources")


def store_count(workspace, wanted: ConsultationFilter) -> int:  # type: ignore[no-untyped-def]
    return browse.consultations(workspace.database, workspace.actor, wanted).count()


@pytest.fixture
def screen(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    shown = ConsultationScreen(demo_workspace)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def shown_count(screen: ConsultationScreen) -> int:
    count = screen.model.rowCount()
    assert f"{count:,}" in screen.count_label.text() or str(count) in screen.count_label.text()
    return count


def choose(qtbot, combo, index: int) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(index)


def test_the_list_starts_with_every_consultation_the_officer_may_see(
    screen, demo_workspace, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    assert shown_count(screen) == store_count(demo_workspace, ConsultationFilter()) > 0
    qtmodeltester.check(screen.model)


def test_fiscal_years_run_from_fy2006_to_this_one(screen) -> None:  # type: ignore[no-untyped-def]
    year = screen.filters.year
    labels = [year.itemText(i) for i in range(1, year.count())]
    this_year = date.today().year - (date.today().month < 4)
    assert len(labels) == this_year - 2006 + 1
    assert labels[-1] == "平成18年度"
    assert "令和元年度" in labels and "令和8年度" in labels
    assert not screen.filters.month.isEnabled()


@pytest.mark.parametrize("name", ["topic", "officer", "channel", "follow_up"])
def test_each_filter_narrows_the_count_to_what_the_store_says(
    screen, demo_workspace, qtmodeltester, name
) -> None:  # type: ignore[no-untyped-def]
    everything = shown_count(screen)
    combo = getattr(screen.filters, name)
    narrowed = []
    for index in range(1, combo.count()):
        combo.setCurrentIndex(index)
        wanted = screen.filters.current()
        assert wanted != ConsultationFilter()
        assert shown_count(screen) == store_count(demo_workspace, wanted)
        narrowed.append(shown_count(screen))
    assert any(0 < n < everything for n in narrowed), narrowed
    qtmodeltester.check(screen.model)


def test_follow_up_choices_are_the_stores_kinds(screen) -> None:  # type: ignore[no-untyped-def]
    combo = screen.filters.follow_up
    kinds = []
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        kinds.append(screen.filters.current().follow_up)
    assert kinds == [
        None,
        FollowUp.PENDING,
        FollowUp.DUE_TODAY,
        FollowUp.OVERDUE,
        FollowUp.DUE_OR_OVERDUE,
    ]


def test_fiscal_year_and_month(screen, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    filters = screen.filters
    filters.year.setCurrentIndex(filters.year.findData(2025))
    first, last = fiscal_year_range(2025)
    assert filters.current().date_from == first and filters.current().date_to == last
    year_count = shown_count(screen)
    assert year_count == store_count(
        demo_workspace, ConsultationFilter(date_from=first, date_to=last)
    )
    assert filters.month.isEnabled()
    # A month of 令和7年度 in 2026 (January to March) that has consultations.
    month = next(
        m
        for m in (2, 1, 3)
        if store_count(
            demo_workspace,
            ConsultationFilter(date_from=month_range(2025, m)[0], date_to=month_range(2025, m)[1]),
        )
    )
    filters.month.setCurrentIndex(filters.month.findData(month))
    assert filters.period() == month_range(2025, month)
    assert filters.period()[0].year == 2026  # 2月 of 令和7年度 is 2026
    month_count = shown_count(screen)
    assert 0 < month_count < year_count
    assert month_count == store_count(
        demo_workspace,
        ConsultationFilter(date_from=filters.period()[0], date_to=filters.period()[1]),
    )
    filters.year.setCurrentIndex(0)
    assert not filters.month.isEnabled() and filters.period() == (None, None)


def test_month_range_crosses_the_calendar_year() -> None:
    assert month_range(2025, 4) == (date(2025, 4, 1), date(2025, 4, 30))
    assert month_range(2025, 12) == (date(2025, 12, 1), date(2025, 12, 31))
    assert month_range(2027, 2) == (date(2028, 2, 1), date(2028, 2, 29))


@pytest.mark.parametrize("typed", ["令和8年4月1日", "R8.4.1", "2026-04-01", "2026/4/1"])
def test_a_range_is_typed_the_ward_s_ways(screen, qtbot, demo_workspace, typed) -> None:  # type: ignore[no-untyped-def]
    screen.filters.date_from.setText(typed)  # keyClicks sends Latin keys only
    qtbot.keyClick(screen.filters.date_from, Qt.Key.Key_Return)
    assert screen.filters.current().date_from == date(2026, 4, 1)
    assert shown_count(screen) == store_count(
        demo_workspace, ConsultationFilter(date_from=date(2026, 4, 1))
    )
    assert screen.filters.date_from_error.isHidden()


def test_a_bad_date_says_so_beside_the_field_and_does_not_filter(screen, qtbot) -> None:  # type: ignore[no-untyped-def]
    everything = shown_count(screen)
    qtbot.keyClicks(screen.filters.date_to, "R8.13.1")
    qtbot.keyClick(screen.filters.date_to, Qt.Key.Key_Return)
    error = screen.filters.date_to_error
    assert error.isVisible()
    assert "13" in error.text() and "1から12" in error.text()
    assert screen.filters.current().date_to is None
    assert shown_count(screen) == everything
    screen.filters.date_to.clear()
    qtbot.keyClicks(screen.filters.date_to, "R7.3.31")
    qtbot.keyClick(screen.filters.date_to, Qt.Key.Key_Return)
    assert error.isHidden() and shown_count(screen) < everything


def test_the_search_box_waits_for_a_pause_then_narrows(screen, qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    everything = shown_count(screen)
    with qtbot.waitSignal(screen.filters.changed, timeout=2000):
        screen.filters.search.setText("会")  # as an IME commits it
        screen.filters.search.setText("会計")
        assert shown_count(screen) == everything  # not yet: one query per pause
    found = shown_count(screen)
    assert 0 < found < everything
    assert found == store_count(demo_workspace, ConsultationFilter(text="会計"))


def test_ctrl_f_goes_to_the_search_box_and_clear_shows_everything(
    screen, qtbot, demo_workspace
) -> None:  # type: ignore[no-untyped-def]
    everything = shown_count(screen)
    screen.activateWindow()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.filters.search.hasFocus)
    screen.filters.channel.setCurrentIndex(1)
    screen.filters.year.setCurrentIndex(1)
    screen.filters.search.setText("団体")
    assert shown_count(screen) < everything
    qtbot.mouseClick(screen.filters.clear_button, Qt.MouseButton.LeftButton)
    # An office-bound officer's office stays chosen: it is all they may see.
    assert screen.filters.current() == ConsultationFilter(office_id=demo_workspace.actor.office_id)
    assert shown_count(screen) == everything


@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=st.text(max_size=40))
def test_whatever_is_typed_in_the_search_box_is_answered(
    screen, qtbot, demo_workspace, caplog, typed
) -> None:  # type: ignore[no-untyped-def]
    search = screen.filters.search
    search.clear()
    if search.text() != typed:
        with qtbot.waitSignal(screen.filters.changed, timeout=2000):
            search.setText(typed)
    wanted = screen.filters.current()
    assert wanted.text == search.text()
    assert shown_count(screen) == store_count(demo_workspace, wanted)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_office_bound_officer_sees_only_their_office(screen, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    office = screen.filters.office
    assert not office.isEnabled()
    assert office.count() == 1 and office.currentData() == demo_workspace.actor.office_id


def test_the_head_office_chooses_any_office(
    qtbot, demo_workspace, actor_factory, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    demo_workspace.actor = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    shown = ConsultationScreen(demo_workspace)
    qtbot.addWidget(shown)
    office = shown.filters.office
    assert office.isEnabled() and office.count() == 1 + 17
    everything = shown.model.rowCount()
    office.setCurrentIndex(2)
    assert 0 < shown.model.rowCount() < everything
    assert shown.model.rowCount() == store_count(
        demo_workspace, ConsultationFilter(office_id=office.currentData())
    )
    qtmodeltester.check(shown.model)
    assert shown.export_button.isEnabled()


def test_roles_without_export_see_the_button_disabled_and_why(screen) -> None:  # type: ignore[no-untyped-def]
    assert not screen.export_button.isEnabled()
    assert screen.export_button.toolTip() == DENIED[Permission.EXPORT]


class FakeForm(QObject):
    saved = Signal()
    opened: ClassVar[list[tuple[str, object]]] = []

    @classmethod
    def open_new(cls, workspace, parent):  # type: ignore[no-untyped-def]
        form = cls(parent)
        cls.opened.append(("new", None))
        return form

    @classmethod
    def open_existing(cls, workspace, consultation_id, parent):  # type: ignore[no-untyped-def]
        form = cls(parent)
        cls.opened.append(("existing", consultation_id))
        return form


@pytest.fixture
def fake_form(monkeypatch):  # type: ignore[no-untyped-def]
    FakeForm.opened = []
    try:
        import kyodo_desktop.ui.consultations.form as module
    except ImportError:
        module = types.ModuleType("kyodo_desktop.ui.consultations.form")
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(module, "ConsultationForm", FakeForm, raising=False)
    return FakeForm


def test_new_and_enter_open_the_form_and_a_save_reloads(screen, qtbot, fake_form) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    assert fake_form.opened == [("new", None)]
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(2, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    first_id = screen.model.row_at(2).id
    assert fake_form.opened[-1] == ("existing", first_id)
    assert isinstance(first_id, uuid.UUID)
    form = screen.open_consultation(first_id)
    with qtbot.waitSignal(screen.model.modelReset):
        form.saved.emit()


def test_enter_in_the_search_box_does_not_wait(screen, qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    screen.filters.search.setText("広報")
    qtbot.keyClick(screen.filters.search, Qt.Key.Key_Return)
    assert shown_count(screen) == store_count(demo_workspace, ConsultationFilter(text="広報"))


def test_a_row_opens_the_real_quick_entry_form(screen, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.consultations.form import ConsultationForm

    row = screen.model.row_at(0)
    form = screen.open_consultation(row.id)
    assert isinstance(form, ConsultationForm) and form.consultation_id == row.id
    with qtbot.waitSignal(screen.model.modelReset):
        form.saved.emit(row.id)
    form.close()
