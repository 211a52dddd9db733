"""The 印刷 buttons: each page's form opens in the print preview, filled from its record."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from pdf_reading import pdf_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from kyodo_desktop.forms.catalogue import FormKind
from kyodo_desktop.rules.vocabulary import Channel, StaffRole, StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    delete_consultation,
    log_consultation,
)
from kyodo_desktop.services.workspace import SYSTEM, Workspace
from kyodo_desktop.store.applications import ApplicationStep
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.filters import ApplicationFilter
from kyodo_desktop.ui.applications.page import ApplicationPage
from kyodo_desktop.ui.consultations.form import ConsultationForm, DiscardTypedQuestion
from kyodo_desktop.ui.groups.page import GroupPage
from kyodo_desktop.ui.printing.blank_forms import BlankFormDialog
from kyodo_desktop.ui.printing.preview import PrintPreview
from kyodo_desktop.ui.printing.screen import DocumentScreen
from kyodo_desktop.ui.widgets.refusal_box import RefusalBox

pytestmark = pytest.mark.usefixtures("ui_resources")
# A menu popping up grabs the keyboard; the offscreen platform of the tests cannot.
menu_opens = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def plain(text: str) -> str:
    """Text as pdf_text reads it back: white space gone."""
    return "".join(text.split())


def the_preview(qtbot, opener: QWidget) -> PrintPreview:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: opener.findChild(PrintPreview) is not None)
    preview = opener.findChild(PrintPreview)
    assert preview.isVisible()
    assert preview.document.pageCount() == preview.printout.pages > 0
    return preview


def an_application(workspace: Workspace, *statuses: StepKind):  # type: ignore[no-untyped-def]
    rows = browse.applications(workspace.database, workspace.actor, ApplicationFilter())
    return next(row for row in rows.page(0, rows.count()) if row.status in statuses)


def open_page(qtbot, workspace: Workspace, application_id: uuid.UUID) -> ApplicationPage:  # type: ignore[no-untyped-def]
    page = ApplicationPage(workspace, application_id)
    qtbot.addWidget(page)
    page.show()
    # The officer clicks 印刷: its menu opens, listing the forms as they stand now.
    page.print_button.menu().popup(page.print_button.mapToGlobal(QPoint(0, 0)))
    return page


# The application's page ------------------------------------------------------------------


@menu_opens
def test_the_application_pages_print_menu_opens_the_application_form(qtbot, head_office) -> None:  # type: ignore[no-untyped-def]
    ward = head_office  # every office's applications
    row = an_application(ward, StepKind.DECIDED, StepKind.PAID)
    page = open_page(qtbot, ward, row.id)
    action = page.print_button.action_for(FormKind.APPLICATION)
    assert action is not None and action.isEnabled()

    action.trigger()

    preview = the_preview(qtbot, page)
    assert preview.printout.title == f"交付申請書　{row.group_name}"
    assert plain(row.group_name) in pdf_text(preview.printout.pdf)
    assert plain(row.project_title) in pdf_text(preview.printout.pdf)
    page.print_button.menu().close()


@menu_opens
def test_a_form_not_printable_yet_is_greyed_and_says_why(qtbot, head_office) -> None:  # type: ignore[no-untyped-def]
    # Not decided (yet, or ever): there is no 交付決定通知書 to print.
    ward = head_office
    row = an_application(
        ward, StepKind.FILED, StepKind.REVIEW, StepKind.REJECTED, StepKind.WITHDRAWN
    )
    page = open_page(qtbot, ward, row.id)

    decision = page.print_button.action_for(FormKind.DECISION)
    assert decision is not None and not decision.isEnabled()
    assert decision.toolTip() == "交付決定通知書は交付決定の後に印刷できます。"
    assert decision.statusTip() == decision.toolTip()
    labels = [a.text() for a in page.print_button.menu().actions()]
    assert labels[0] == "交付申請書（事業計画書・収支予算書）"
    page.print_button.menu().close()


# The group's page ------------------------------------------------------------------------


def test_the_group_page_prints_the_group_register(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    group = browse.groups(demo_workspace.database, demo_workspace.actor).page(0, 1)[0]
    page = GroupPage(demo_workspace, group.id)
    qtbot.addWidget(page)
    page.show()
    assert page.print_button.text() == "団体台帳を印刷"

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)

    preview = the_preview(qtbot, page)
    assert preview.printout.title == f"団体台帳　{group.name}"
    assert plain(group.name) in pdf_text(preview.printout.pdf)


# The consultation form -------------------------------------------------------------------


DAY = date.today() - timedelta(days=3)


@pytest.fixture
def discarding(monkeypatch):  # type: ignore[no-untyped-def]
    """A form left with typed text closes at the test's end without asking."""
    monkeypatch.setattr(DiscardTypedQuestion, "ask", classmethod(lambda cls, parent: True))


@pytest.fixture
def saved_consultation(counter_workspace) -> uuid.UUID:  # type: ignore[no-untyped-def]
    draft = ConsultationDraft(DAY, Channel.PHONE, "夏祭りのチラシの相談", "作り方を説明した")
    return log_consultation(counter_workspace.database, counter_workspace.actor, draft)


def test_a_saved_consultation_prints_as_saved_even_while_being_changed(
    qtbot, counter_workspace, saved_consultation, discarding
) -> None:  # type: ignore[no-untyped-def]
    form = ConsultationForm.open_existing(counter_workspace, saved_consultation, None)
    qtbot.addWidget(form)
    button = form.print_button
    assert button.isEnabled() and button.text() == "相談記録票を印刷"
    assert button.toolTip() == "保存した相談記録を印刷します。"

    form.entry.answered.setPlainText("まだ保存していない対応")
    assert button.toolTip().startswith("保存済みの内容を印刷します。まだ保存していない変更は")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    preview = the_preview(qtbot, form)
    text = pdf_text(preview.printout.pdf)
    assert "夏祭りのチラシの相談" in text and "作り方を説明した" in text
    assert "まだ保存していない対応" not in text


def test_a_new_consultation_prints_once_saved(qtbot, counter_workspace, discarding) -> None:  # type: ignore[no-untyped-def]
    form = ConsultationForm.open_new(counter_workspace, None)
    qtbot.addWidget(form)
    assert not form.print_button.isEnabled()
    assert form.print_button.toolTip() == (
        "相談を保存すると印刷できます（印刷されるのは保存した記録です）。"
    )
    form.entry.occurred_on.edit.setText(f"{DAY.year}/{DAY.month}/{DAY.day}")
    form.entry.asker.kind.setCurrentIndex(form.entry.asker.kind.count() - 1)  # 匿名
    form.entry.asked.setPlainText("防犯パトロールの相談")
    assert form.save(), form.message.text()  # the form is cleared for the next person in the queue

    assert form.print_button.isEnabled()
    assert form.print_button.toolTip() == "このフォームで最後に保存した相談を印刷します。"
    qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
    preview = the_preview(qtbot, form)
    assert "防犯パトロールの相談" in pdf_text(preview.printout.pdf)


def test_a_consultation_deleted_meanwhile_is_told_on_the_form(
    qtbot, counter_workspace, saved_consultation
) -> None:  # type: ignore[no-untyped-def]
    form = ConsultationForm.open_existing(counter_workspace, saved_consultation, None)
    qtbot.addWidget(form)
    delete_consultation(counter_workspace.database, counter_workspace.actor, saved_consultation)

    qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)

    assert form.message.text() == "この相談記録は見つかりません（削除された可能性があります）。"
    assert form.findChild(PrintPreview) is None


# The 帳票 screen -------------------------------------------------------------------------


@pytest.fixture
def head_office(demo_workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The demo with the head office signed in: every office's documents are theirs to print."""
    import dataclasses

    return dataclasses.replace(
        demo_workspace, actor=actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    )


def documents_screen(qtbot, workspace: Workspace) -> DocumentScreen:  # type: ignore[no-untyped-def]
    screen = DocumentScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.rowCount() > 1
    return screen


def test_print_on_the_selected_document_opens_its_form(qtbot, head_office) -> None:  # type: ignore[no-untyped-def]
    screen = documents_screen(qtbot, head_office)
    assert not screen.print_button.isEnabled()  # nothing chosen yet
    first = screen.model.row_at(0)

    screen.table.selectRow(0)
    assert screen.print_button.isEnabled()
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)

    preview = the_preview(qtbot, screen)
    assert preview.printout.title.endswith(f"　{first.group_name}")
    text = pdf_text(preview.printout.pdf)
    assert plain(first.group_name) in text and first.document_number in text


def test_a_double_click_on_a_document_opens_its_form(qtbot, head_office) -> None:  # type: ignore[no-untyped-def]
    screen = documents_screen(qtbot, head_office)
    second = screen.model.row_at(1)
    cell = screen.table.visualRect(screen.model.index(1, 0)).center()

    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    preview = the_preview(qtbot, screen)
    assert second.document_number in pdf_text(preview.printout.pdf)


def test_a_document_deleted_meanwhile_is_told(qtbot, head_office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(
        RefusalBox, "tell", classmethod(lambda cls, parent, text: told.append(text))
    )
    screen = documents_screen(qtbot, head_office)
    first = screen.model.row_at(0)
    with head_office.database.transaction(SYSTEM) as session:  # on another PC, meanwhile
        session.get(ApplicationStep, first.id).deleted_at = utcnow()

    screen.table.selectRow(0)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)

    assert told == ["この帳票の記録は見つかりません（削除された可能性があります）。"]
    assert screen.findChild(PrintPreview) is None


def test_a_blank_application_form_of_the_programme_chosen(qtbot, head_office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        BlankFormDialog, "ask", classmethod(lambda cls, parent: (FormKind.APPLICATION, "jichi"))
    )
    screen = documents_screen(qtbot, head_office)

    qtbot.mouseClick(screen.blank_button, Qt.MouseButton.LeftButton)

    preview = the_preview(qtbot, screen)
    assert preview.printout.title == "交付申請書（白紙）"
    assert "自治活動推進協力費" in pdf_text(preview.printout.pdf)
    assert preview.printout.filename == "交付申請書_自治活動推進協力費_白紙.pdf"


def test_the_blank_form_chooser_asks_the_programme_only_for_application_forms(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = BlankFormDialog()
    qtbot.addWidget(dialog)
    kinds = [dialog.kind_box.itemText(i) for i in range(dialog.kind_box.count())]
    assert kinds == [kind.label for kind in FormKind]
    programmes = [dialog.programme_box.itemText(i) for i in range(dialog.programme_box.count())]
    assert programmes[0] == "① 自治活動推進協力費"
    assert any(text.startswith("④") and text.endswith("まで）") for text in programmes)

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(FormKind.CONSULTATION.value))
    assert not dialog.programme_box.isEnabled()
    assert (dialog.kind(), dialog.programme_code()) == (FormKind.CONSULTATION, None)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(FormKind.REPORT.value))
    dialog.programme_box.setCurrentIndex(dialog.programme_box.findData("hiroba"))
    assert dialog.programme_box.isEnabled()
    assert (dialog.kind(), dialog.programme_code()) == (FormKind.REPORT, "hiroba")
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).text() == "プレビュー"
