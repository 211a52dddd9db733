"""Drafts left by a crash or a colleague's sign-in: offered to their officer at sign-in."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from kyodo_desktop.services import drafts

_CHOICE = "draftChoice"  # the property that ties a button of the question to its choice

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.ui.consultations.form import ConsultationForm


def summary(draft: drafts.Draft) -> str:
    """A line that lets the officer recognise the draft: its date and its first words."""
    fields = draft.data.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    asked = " ".join(str(fields.get("asked", "")).split())
    if len(asked) > 40:
        asked = asked[:40] + "…"
    return f"{fields.get('occurred_on', '')}　{asked}".strip()


class DraftChoice(enum.Enum):
    """What the officer does with a draft offered at sign-in."""

    OPEN = "open"  # 開く: finish it now
    LATER = "later"  # 後で: keep it, asked again at the next sign-in
    DISCARD = "discard"  # 破棄: delete it (confirmed first)


class RestoreDraftQuestion:
    """Asked for each draft at sign-in: open it, keep it for later, or discard it."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> DraftChoice:
        # Discarding cannot be undone: a second question, and "no" asks the first again.
        while True:
            choice = cls.choose(parent, text)
            if choice is not DraftChoice.DISCARD or cls.confirm_discard(parent):
                return choice

    @classmethod
    def choose(cls, parent: QWidget | None, text: str) -> DraftChoice:
        box = cls.box(parent, text)
        try:
            box.exec()
            return cls.choice_of(box.clickedButton())
        finally:
            box.deleteLater()

    @classmethod
    def box(cls, parent: QWidget | None, text: str) -> QMessageBox:
        """The question with its three buttons; Esc (or the ×) keeps the draft for later."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("ConsultationForm", "Consultation not saved"),
            QCoreApplication.translate(
                "ConsultationForm",
                "A consultation you were typing was not saved:\n%1\n\n"
                "Open it to finish it now, keep it for later (asked again at your next "
                "sign-in), or discard it?",
            ).replace("%1", text),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        role = QMessageBox.ButtonRole
        for choice, label, button_role in (
            (
                DraftChoice.OPEN,
                QCoreApplication.translate("ConsultationForm", "&Open"),
                role.AcceptRole,
            ),
            (
                DraftChoice.LATER,
                QCoreApplication.translate("ConsultationForm", "&Later"),
                role.RejectRole,
            ),
            (
                DraftChoice.DISCARD,
                QCoreApplication.translate("ConsultationForm", "&Discard..."),
                role.DestructiveRole,
            ),
        ):
            button = box.addButton(label, button_role)
            button.setProperty(_CHOICE, choice.value)
            if choice is DraftChoice.OPEN:
                box.setDefaultButton(button)
            elif choice is DraftChoice.LATER:
                box.setEscapeButton(button)
        return box

    @staticmethod
    def choice_of(button: QAbstractButton | None) -> DraftChoice:
        """The choice a button of `box` stands for (none clicked: later, nothing lost)."""
        value = button.property(_CHOICE) if button is not None else None
        return DraftChoice(value) if value else DraftChoice.LATER

    @classmethod
    def confirm_discard(cls, parent: QWidget | None) -> bool:
        answer = QMessageBox.warning(
            parent,
            QCoreApplication.translate("ConsultationForm", "Discard the consultation"),
            QCoreApplication.translate(
                "ConsultationForm",
                "The consultation typed but not saved will be deleted and cannot be "
                "brought back. Discard it?",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def offer_drafts(
    workspace: Workspace,
    parent: QWidget | None,
    *,
    already_open: Collection[uuid.UUID] = (),
) -> list[ConsultationForm]:
    """Ask about each of the signed-in officer's drafts (but those of forms open now);
    the forms reopened."""
    from kyodo_desktop.ui.consultations.form import DRAFT_KIND, ConsultationForm

    actor = workspace.actor
    if actor is None or actor.staff_id is None:
        return []
    opened: list[ConsultationForm] = []
    for draft in drafts.list_drafts(workspace.data_dir, actor.login_id):
        if draft.data.get("kind") != DRAFT_KIND or draft.draft_id in already_open:
            continue  # another form's draft (that form offers it), or being typed now
        choice = RestoreDraftQuestion.ask(parent, summary(draft))
        if choice is DraftChoice.LATER:
            continue  # the file stays: offered again at the next sign-in
        if choice is DraftChoice.DISCARD:
            drafts.remove(workspace.data_dir, actor.login_id, draft.draft_id)
            continue
        try:
            opened.append(ConsultationForm.open_draft(workspace, draft, parent))
        except (KeyError, TypeError, ValueError, AttributeError):
            drafts.set_aside(draft.path)  # written by a broken or older program
    return opened
