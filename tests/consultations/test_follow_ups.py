"""The day's work: follow-ups due today and overdue, listed and marked done."""

from __future__ import annotations

import heapq
import sys
import types
import uuid
from datetime import date, timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.follow_ups import FollowUpKind, due_follow_ups
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    complete_follow_up,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.services.core import STALE_MESSAGE
from kyodo_desktop.services.errors import InputError, PermissionDeniedError, StaleRecordError
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.cases import SupportCase
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.ui.follow_ups import FollowUpPanel

DEMO_TODAY = date(2026, 11, 27)  # tests/conftest.py builds the demo as of this day


def due_in_database(workspace, *, staff_id: uuid.UUID | None = None) -> set[uuid.UUID]:  # type: ignore[no-untyped-def]
    """What the officer's office owes by the demo's day, asked of the table directly."""
    query = select(Consultation.id).where(
        Consultation.deleted_at.is_(None),
        Consultation.office_id == workspace.actor.office_id,
        Consultation.follow_up_on <= DEMO_TODAY,
        Consultation.follow_up_done.is_(False),
    )
    if staff_id is not None:
        query = query.where(Consultation.staff_id == staff_id)
    with workspace.database.reading() as session:
        return set(session.scalars(query)) | set(session.scalars(cases_due(workspace, staff_id)))


def first_consultation(items):  # type: ignore[no-untyped-def]
    return next(i for i in items if i.kind is FollowUpKind.CONSULTATION)


def cases_due(workspace, lead_staff_id: uuid.UUID | None = None):  # type: ignore[no-untyped-def]
    """The open support cases whose next action is due by the demo's day (issue 6)."""
    query = select(SupportCase.id).where(
        SupportCase.deleted_at.is_(None),
        SupportCase.office_id == workspace.actor.office_id,
        SupportCase.status != "closed",
        SupportCase.next_action_due <= DEMO_TODAY,
    )
    if lead_staff_id is not None:
        query = query.where(SupportCase.lead_staff_id == lead_staff_id)
    return query.order_by(SupportCase.next_action_due, SupportCase.opened_on, SupportCase.id)


def test_the_demo_leaves_the_officer_some_due_today_and_some_overdue(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    items = due_follow_ups(demo_workspace.database, demo_workspace.actor, today=DEMO_TODAY).items
    assert {i.record_id for i in items} == due_in_database(demo_workspace)
    assert any(i.days_overdue == 0 for i in items)
    assert any(i.days_overdue > 0 for i in items)
    # The officer's own support cases' next actions are among them (the demo makes some).
    assert {i.kind for i in items} == {FollowUpKind.CONSULTATION, FollowUpKind.CASE}
    assert [i.due_on for i in items] == sorted(i.due_on for i in items)  # most overdue first
    for item in items:
        assert item.days_overdue == (DEMO_TODAY - item.due_on).days
        assert item.what and item.office_name == demo_workspace.actor.office_name


def test_mine_only_keeps_the_officer_s_own(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    actor = demo_workspace.actor
    mine = due_follow_ups(demo_workspace.database, actor, mine_only=True, today=DEMO_TODAY).items
    assert {i.record_id for i in mine} == due_in_database(demo_workspace, staff_id=actor.staff_id)


def test_marking_done_is_audited_and_refuses_a_stale_or_repeated_call(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    database, actor = demo_workspace.database, demo_workspace.actor
    item = first_consultation(due_follow_ups(database, actor, today=DEMO_TODAY).items)
    with pytest.raises(StaleRecordError) as stale:
        complete_follow_up(database, actor, item.record_id, row_version=item.row_version - 1)
    assert stale.value.message == STALE_MESSAGE
    new_version = complete_follow_up(database, actor, item.record_id, row_version=item.row_version)
    assert new_version > item.row_version
    assert get_consultation(database, actor, item.record_id).follow_up_done
    with database.reading() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_id == str(item.record_id))
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and entry.staff_id == actor.staff_id
    assert "follow_up_done" in (entry.after or "")
    with pytest.raises(InputError) as again:
        complete_follow_up(database, actor, item.record_id, row_version=new_version)
    assert "完了済み" in again.value.message
    assert item.record_id not in {
        i.record_id for i in due_follow_ups(database, actor, today=DEMO_TODAY).items
    }


def test_another_office_s_follow_up_is_refused(demo_workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    due = due_follow_ups(demo_workspace.database, demo_workspace.actor, today=DEMO_TODAY)
    item = first_consultation(due.items)
    other = actor_factory(demo_workspace, "05", StaffRole.COUNTER)
    with pytest.raises(PermissionDeniedError):
        complete_follow_up(
            demo_workspace.database, other, item.record_id, row_version=item.row_version
        )


# The panel -----------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot, demo_workspace, ui_resources):  # type: ignore[no-untyped-def]
    shown = FollowUpPanel(demo_workspace, today=DEMO_TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    # The most overdue consultation chosen (a support case may be listed before it).
    shown.table.setCurrentIndex(
        shown.model.index(shown.items.index(first_consultation(shown.items)), 0)
    )
    return shown


def listed(panel: FollowUpPanel) -> set[uuid.UUID]:
    return {panel.model.row_at(r).record_id for r in range(panel.model.rowCount())}


def test_the_panel_lists_exactly_what_is_due(panel, demo_workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert listed(panel) == due_in_database(demo_workspace)
    qtmodeltester.check(panel.model)
    overdue = [i for i in panel.items if i.days_overdue > 0]
    first_overdue = panel.items.index(overdue[0])
    shown = panel.model.index(first_overdue, 1).data()
    assert str(overdue[0].days_overdue) in shown
    assert panel.model.index(0, 0).data().startswith("R")
    panel.mine.setChecked(True)
    assert listed(panel) == due_in_database(demo_workspace, staff_id=demo_workspace.actor.staff_id)
    qtmodeltester.check(panel.model)


def test_marking_one_done_from_the_panel(panel, qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    before = listed(panel)
    panel.table.setCurrentIndex(panel.model.index(1, 0))
    chosen = panel.current_item()
    assert chosen is not None
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert listed(panel) == before - {chosen.record_id} == due_in_database(demo_workspace)
    assert panel.message.text() == ""


def test_a_follow_up_changed_meanwhile_is_refused_in_the_service_s_words(
    panel, qtbot, demo_workspace
) -> None:  # type: ignore[no-untyped-def]
    chosen = panel.current_item()
    assert chosen is not None
    complete_follow_up(
        demo_workspace.database,
        demo_workspace.actor,
        chosen.record_id,
        row_version=chosen.row_version,
    )
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == STALE_MESSAGE
    assert chosen.record_id not in listed(panel)  # the list was read again


def test_a_viewer_cannot_mark_done(qtbot, demo_workspace, actor_factory, ui_resources) -> None:  # type: ignore[no-untyped-def]
    demo_workspace.actor = actor_factory(demo_workspace, "01", StaffRole.VIEWER)
    shown = FollowUpPanel(demo_workspace, today=DEMO_TODAY)
    qtbot.addWidget(shown)
    assert shown.model.rowCount() > 0
    assert not shown.done_button.isEnabled()
    assert "権限がありません" in shown.done_button.toolTip()


class FakeForm(QObject):
    saved = Signal()
    opened: ClassVar[list[uuid.UUID]] = []

    @classmethod
    def open_existing(cls, workspace, consultation_id, parent):  # type: ignore[no-untyped-def]
        cls.opened.append(consultation_id)
        return cls(parent)


def test_enter_opens_the_consultation_and_its_save_reloads(panel, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    FakeForm.opened = []
    try:
        import kyodo_desktop.ui.consultations.form as module
    except ImportError:
        module = types.ModuleType("kyodo_desktop.ui.consultations.form")
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(module, "ConsultationForm", FakeForm, raising=False)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert FakeForm.opened == [first_consultation(panel.items).record_id]
    form = panel.open_current()
    old_model = panel.model
    form.saved.emit()
    assert panel.model is not old_model


# The main window ---------------------------------------------------------------------


def open_window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    window = MainWindow(screen_entries(), tmp_path / "window.ini")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.follow_ups_offered):  # shown once the list is on screen
        window.attach(workspace)
    return window


def test_after_sign_in_the_window_shows_what_is_due_and_ctrl_t_brings_it_back(
    qtbot, demo_workspace, tmp_path, ui_resources
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path)
    dock = window._follow_ups
    assert dock is not None and dock.isVisible()
    panel = dock.widget()
    assert isinstance(panel, FollowUpPanel)
    # As of the real today: the demo's follow-ups due by then, of the officer's office.
    assert panel.model.rowCount() == len(
        due_follow_ups(demo_workspace.database, demo_workspace.actor).items
    )
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not dock.isVisible()
    window.follow_ups_action.trigger()
    assert dock.isVisible() and window.follow_ups_action.shortcut().toString() == "Ctrl+T"


def test_nothing_due_opens_nothing(qtbot, workspace, tmp_path, ui_resources) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, tmp_path)
    assert window._follow_ups is None
    assert window.follow_ups_action.isEnabled()


def test_someone_else_signing_in_gets_their_own_list(
    qtbot, demo_workspace, tmp_path, actor_factory, ui_resources
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_workspace, tmp_path)
    first = window._follow_ups
    assert first is not None
    assert not first.features() & first.DockWidgetFeature.DockWidgetFloatable
    other = actor_factory(demo_workspace, "05", StaffRole.COUNTER)
    with qtbot.waitSignal(window.follow_ups_offered):
        window.set_actor(other)
    dock = window._follow_ups
    assert dock is not first
    if dock is not None:  # office 05 may have nothing due in the small demo
        items = dock.widget().items
        assert {i.office_name for i in items} <= {other.office_name}


def test_a_consultation_deleted_meanwhile_is_said_so(panel, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.log import delete_consultation

    chosen = panel.current_item()
    assert chosen is not None
    delete_consultation(demo_workspace.database, demo_workspace.actor, chosen.record_id)
    assert panel.open_current() is None
    assert "見つかりません" in panel.message.text()
    assert chosen.record_id not in listed(panel)


# More due than listed ------------------------------------------------------------------


def due_in_order(workspace) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    """What is due, the most overdue first (then the oldest consultation), from the table:
    the consultations' follow-ups and the cases' next actions, merged by due day."""
    query = (
        select(Consultation.id)
        .where(
            Consultation.deleted_at.is_(None),
            Consultation.office_id == workspace.actor.office_id,
            Consultation.follow_up_on <= DEMO_TODAY,
            Consultation.follow_up_done.is_(False),
        )
        .order_by(Consultation.follow_up_on, Consultation.occurred_on, Consultation.id)
    )
    with workspace.database.reading() as session:
        consultations = list(session.execute(query.add_columns(Consultation.follow_up_on)))
        cases = list(session.execute(cases_due(workspace).add_columns(SupportCase.next_action_due)))
    return [row_id for row_id, _due in heapq.merge(consultations, cases, key=lambda r: r[1])]


def log_long_overdue(workspace, n: int) -> None:  # type: ignore[no-untyped-def]
    """Old consultations whose follow-ups are the longest overdue: the newest-first list's
    last rows, which a cut made before ordering by due day would drop."""
    for k in range(n):
        log_consultation(
            workspace.database,
            workspace.actor,
            ConsultationDraft(
                occurred_on=DEMO_TODAY - timedelta(days=400 + k),
                channel="counter",
                asked=f"古い相談 {k}",
                follow_up_on=DEMO_TODAY - timedelta(days=390 + k),
            ),
        )


def test_a_cut_keeps_the_most_overdue_and_tells_the_true_total(demo_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    log_long_overdue(demo_workspace, 3)
    everything = due_in_order(demo_workspace)
    assert len(everything) > 3
    monkeypatch.setattr("kyodo_desktop.services.consultations.follow_ups.MAX_ITEMS", 3)
    due = due_follow_ups(demo_workspace.database, demo_workspace.actor, today=DEMO_TODAY)
    assert [i.record_id for i in due.items] == everything[:3]
    assert due.total == len(everything) and due.cut
    with demo_workspace.database.reading() as session:
        today_count = len(
            session.scalars(
                select(Consultation.id).where(
                    Consultation.id.in_(everything), Consultation.follow_up_on == DEMO_TODAY
                )
            ).all()
        ) + len(
            session.scalars(
                select(SupportCase.id).where(
                    SupportCase.id.in_(everything), SupportCase.next_action_due == DEMO_TODAY
                )
            ).all()
        )
    assert due.due_today == today_count and due.overdue == len(everything) - today_count


def test_the_panel_says_when_it_shows_only_the_first(panel, demo_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert panel.cut_note.isHidden()
    log_long_overdue(demo_workspace, 2)
    panel.reload()
    total = panel.model.rowCount()
    monkeypatch.setattr("kyodo_desktop.services.consultations.follow_ups.MAX_ITEMS", 2)
    panel.reload()
    assert panel.model.rowCount() == 2
    assert panel.cut_note.isVisible()
    assert [i.what for i in panel.items] == ["古い相談 1", "古い相談 0"]  # the most overdue
    # The lead's Japanese: 先頭2件を表示・全N件; 相談記録で「今日まで」で絞り込めます
    assert "2" in panel.cut_note.text() and str(total) in panel.cut_note.text()
    due = due_follow_ups(demo_workspace.database, demo_workspace.actor, today=DEMO_TODAY)
    assert due.total == total and str(due.overdue) in panel.summary.text()  # every one counted


def test_a_locked_database_while_opening_is_said_so(panel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
    from kyodo_desktop.ui.cases.page import CasePage

    locked = EnvironmentFaultError(Problem.LOCKED, "database is locked")

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise locked

    monkeypatch.setattr(FakeForm, "open_existing", classmethod(fail))
    import kyodo_desktop.ui.consultations.form as module

    monkeypatch.setattr(module, "ConsultationForm", FakeForm)
    monkeypatch.setattr(CasePage, "ask", classmethod(fail))
    assert panel.open_current() is None  # the consultation chosen by the fixture
    assert panel.message.text() == locked.message
    panel.message.clear()
    case = next(i for i, item in enumerate(panel.items) if item.kind is FollowUpKind.CASE)
    panel.table.setCurrentIndex(panel.model.index(case, 0))
    assert panel.open_current() is None
    assert panel.message.text() == locked.message
