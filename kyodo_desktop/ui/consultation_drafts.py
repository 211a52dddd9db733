"""Drafts left by a crash: offered again to their officer after the next sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kyodo_desktop.services import drafts

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace
    from kyodo_desktop.ui.consultation_form import ConsultationForm


def summary(draft: drafts.Draft) -> str:
    """A line that lets the officer recognise the draft: its date and its first words."""
    fields = draft.data.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    asked = " ".join(str(fields.get("asked", "")).split())
    if len(asked) > 40:
        asked = asked[:40] + "…"
    return f"{fields.get('occurred_on', '')}　{asked}".strip()


class RestoreDraftQuestion:
    """Asked for each draft at sign-in: restore it (Yes) or throw it away (No)."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("ConsultationForm", "Consultation not saved"),
            QCoreApplication.translate(
                "ConsultationForm",
                "A consultation was being typed when the program stopped:\n%1\n\n"
                "Open it again to finish it? (No discards it.)",
            ).replace("%1", text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


def offer_drafts(workspace: Workspace, parent: QWidget | None) -> list[ConsultationForm]:
    """Ask about each of the signed-in officer's drafts; the forms reopened."""
    from kyodo_desktop.ui.consultation_form import DRAFT_KIND, ConsultationForm

    actor = workspace.actor
    if actor is None or actor.staff_id is None:
        return []
    opened: list[ConsultationForm] = []
    for draft in drafts.list_drafts(workspace.data_dir, actor.login_id):
        if draft.data.get("kind") != DRAFT_KIND:
            continue  # another form's draft: that form offers it
        if not RestoreDraftQuestion.ask(parent, summary(draft)):
            drafts.remove(workspace.data_dir, actor.login_id, draft.draft_id)
            continue
        try:
            opened.append(ConsultationForm.open_draft(workspace, draft, parent))
        except (KeyError, TypeError, ValueError, AttributeError):
            drafts.set_aside(draft.path)  # written by a broken or older program
    return opened
