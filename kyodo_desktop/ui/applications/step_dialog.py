"""Recording one step of an application (手続きの記録): 交付決定, 額の確定, 支払, ...

The rules and the order of steps are the services' (`services.applications.filing.record_step`);
this dialog only gathers what was typed. A refusal by the rules lists the rules' own reasons
and, for the head office, asks for the written reason to decide against them.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import RulesValidationError, parse_yen
from kyodo_desktop.rules.lifecycle import AMOUNT_LABELS, StepOffer
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.applications.filing import (
    ApplicationView,
    StepDraft,
    get_application,
    record_step,
)
from kyodo_desktop.services.errors import (
    InputError,
    RulesRefusalError,
    ServiceError,
    StaleRecordError,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog
from kyodo_desktop.ui.widgets.refusal_box import refusal_text

# The rules' refusal stands out from the form, as the override banner does on the page.
RULES_STYLE = "QFrame#rulesBox { background: #fff4e5; border: 1px solid #e65100; }"


def read_amount(text: str, caption: str) -> int | None:
    """The yen typed (50,000 / ５万円 / ¥50000), None if nothing is."""
    if not text.strip():
        return None
    try:
        return parse_yen(text, label=caption)
    except RulesValidationError as error:
        raise InputError(str(error), field="amount") from error


class StepDialog(RecordDialog):
    """The step, its date, amount, document number and note; saved through the services."""

    def __init__(
        self,
        workspace: Workspace,
        view: ApplicationView,
        kind: StepKind,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self.view = view
        self.saved_view: ApplicationView | None = None
        self.setWindowTitle(self.tr("Record a step"))
        about = QLabel(f"{view.group_name} — {view.project.title}", self)
        about.setWordWrap(True)
        self.kind_box = self.add_field(self.tr("Step"), "kind", QComboBox(self))
        self.day_edit = self.add_field(self.tr("Date"), "occurred_on", DayEdit("occurred_on", self))
        self.day_edit.set_day(date.today())
        self.amount_edit = self.add_field(self.tr("Amount"), "amount", QLineEdit(self))
        self.amount_edit.setPlaceholderText(self.tr("e.g. 50,000"))
        self.document_edit = self.add_field(
            self.tr("Document No."), "document_number", QLineEdit(self)
        )
        self.note_edit = self.add_field(self.tr("Note"), "note", QPlainTextEdit(self))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(70)
        self.rules_box = self._rules_box()
        self.reload_button = QPushButton(self.tr("Reload the application"), self)
        self.reload_button.hide()
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload_application)
        self.buttons.button(self.buttons.StandardButton.Save).setDefault(True)
        self.buttons.addButton(self.reload_button, self.buttons.ButtonRole.ActionRole)
        self.lay_out(about, self.form, self.rules_box)
        self.setMinimumWidth(520)
        self._suggested = ""  # the amount last filled in for the officer, as shown
        self._fill_kinds(kind)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        # The rules judged another step or amount: their refusal no longer applies.
        self.amount_edit.textEdited.connect(self.rules_box.hide)
        self._kind_chosen()
        self.opened(self.amount_edit if self.amount_edit.isEnabled() else self.day_edit)

    def _rules_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("rulesBox")
        box.setStyleSheet(RULES_STYLE)
        heading = QLabel(self.tr("The rules do not allow this:"), box)
        heading.setStyleSheet("font-weight: bold;")
        self.reasons_label = QLabel(box)
        self.reasons_label.setWordWrap(True)
        self.override_edit = QPlainTextEdit(box)
        self.override_edit.setTabChangesFocus(True)
        self.override_edit.setFixedHeight(70)
        self.override_edit.setPlaceholderText(
            self.tr("Why the ward decides otherwise, for whoever reads this later")
        )
        self.override_form = QFormLayout()
        self.add_field(
            self.tr("Reason for deciding against the rules"),
            "override_reason",
            self.override_edit,
            self.override_form,
        )
        self.override_button = QPushButton(self.tr("Decide against the rules"), box)
        self.override_button.setAutoDefault(False)  # Enter saves; overriding is a deliberate click
        self.override_button.clicked.connect(self.override)
        self.head_office_note = QLabel(
            self.tr(
                "Only the head office (Kyodo Suishin-ka) may decide against the rules: "
                "pass this application on to them."
            ),
            box,
        )
        self.head_office_note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(heading)
        layout.addWidget(self.reasons_label)
        layout.addLayout(self.override_form)
        layout.addWidget(self.override_button)
        layout.addWidget(self.head_office_note)
        box.hide()
        return box

    # The step and its amount ---------------------------------------------------------

    def _offers(self) -> list[StepOffer]:
        return [offer for offer in self.view.offers if offer.allowed]

    def _fill_kinds(self, wanted: StepKind | None) -> None:
        chosen = wanted if wanted is not None else self.kind_box.currentData()
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for offer in self._offers():
            self.kind_box.addItem(offer.kind.label, offer.kind)
        found = self.kind_box.findData(chosen)
        self.kind_box.setCurrentIndex(max(found, 0))
        self.kind_box.blockSignals(False)

    def offer(self) -> StepOffer | None:
        kind = self.kind_box.currentData()
        return next((o for o in self.view.offers if o.kind == kind), None)

    def _kind_chosen(self) -> None:
        """The amount's caption and its usual value follow the step (交付決定額, 確定額, ...).

        An amount the officer typed stays; only an empty field, or one still holding the
        previous suggestion, takes the new step's suggestion.
        """
        self.rules_box.hide()  # judged for the step before: pressing override would drop it
        offer = self.offer()
        kind = offer.kind if offer is not None else None
        caption = AMOUNT_LABELS.get(kind) if kind is not None else None
        shown = self.form.labelForField(self.amount_edit)
        if isinstance(shown, QLabel):
            shown.setText(caption or self.tr("Amount"))
        self.amount_edit.setEnabled(caption is not None)
        self.note_edit.setPlaceholderText(self._note_hint(kind))
        suggested = offer.suggested_amount if offer is not None and caption else None
        if self.amount_edit.text().strip() in ("", self._suggested):
            self._suggested = "" if suggested is None else f"{suggested:,}"
            self.amount_edit.setText(self._suggested)

    def _note_hint(self, kind: StepKind | None) -> str:
        # The notices print these two notes for the group (forms/notices.py); no other.
        if kind is StepKind.REJECTED:
            return self.tr("The reason for the refusal: printed on the notice to the group")
        if kind is StepKind.CHANGE_APPROVED:
            return self.tr("What changes: printed on the notice to the group")
        return self.tr("A note for the ward's staff (not printed on any form)")

    def draft(self) -> StepDraft:
        kind = self.kind_box.currentData()
        caption = AMOUNT_LABELS.get(kind, "金額") if kind is not None else "金額"
        amount = (
            read_amount(self.amount_edit.text(), caption) if self.amount_edit.isEnabled() else None
        )
        return StepDraft(
            kind=kind or "",
            occurred_on=self.day_edit.day(),  # type: ignore[arg-type]  # None: refused there
            amount=amount,
            document_number=self.document_edit.text(),
            note=self.note_edit.toPlainText(),
        )

    # Saving ---------------------------------------------------------------------------

    def save(self, override_reason: str | None = None) -> uuid.UUID:
        self.saved_view = record_step(
            self._workspace.database,
            self._workspace.actor,
            self.view.id,
            self.draft(),
            row_version=self.view.row_version,
            override_reason=override_reason,
        )
        return self.view.id

    def accept(self) -> None:
        self._record(None)

    def override(self) -> None:
        """The head office decides against the rules, with the reason it wrote."""
        self._record(self.override_edit.toPlainText())

    def _record(self, override_reason: str | None) -> None:
        self.message.hide()
        self.reload_button.hide()
        try:
            saved = self.save(override_reason)
        except RulesRefusalError as error:
            self.show_rules(error)
            return
        except StaleRecordError as error:
            self.refuse(error.message, None)
            self.reload_button.show()
            return
        except Exception as error:  # a refusal is shown, everything typed stays
            text = refusal_text(error)
            if text is None:
                raise  # a bug
            self.refuse(text, error.field if isinstance(error, ServiceError) else None)
            return
        self.saved_id = saved
        QDialog.accept(self)

    def show_rules(self, error: RulesRefusalError) -> None:
        """The rules' own reasons, and what the officer can do about them."""
        self.reasons_label.setText("\n".join(f"・{reason}" for reason in error.reasons))
        self.override_form.setRowVisible(self.override_edit, error.overridable)
        self.override_button.setVisible(error.overridable)
        self.head_office_note.setVisible(not error.overridable)
        self.rules_box.show()
        if error.overridable:
            self.override_edit.setFocus()

    def reload_application(self) -> None:
        """Someone else changed the application: read it again, keep what was typed."""
        try:
            self.view = get_application(
                self._workspace.database, self._workspace.actor, self.view.id
            )
        except Exception as error:
            text = refusal_text(error)
            if text is None:
                raise
            self.refuse(text, None)
            return
        typed = self.amount_edit.text()
        self._fill_kinds(None)
        self._kind_chosen()
        if typed and self.amount_edit.isEnabled():
            self.amount_edit.setText(typed)
        self.reload_button.hide()
        self.refuse(self.tr("The application was read again. Check the step and save again."), None)

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        parent: QWidget | None,
        view: ApplicationView,
        kind: StepKind,
    ) -> ApplicationView | None:
        """The application after the step was recorded; None if cancelled."""
        dialog = cls(workspace, view, kind, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.saved_view if accepted else None
        finally:
            dialog.deleteLater()
