"""The fields of one consultation (相談) and what is typed in them, as values and back.

The form around them (ui/consultations/form.py) opens, saves, keeps drafts and closes;
this widget only knows the fields: their order for Tab, their defaults, reading them into
a `ConsultationDraft`, and a plain snapshot for the draft file.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.log import ConsultationDraft
from kyodo_desktop.ui.consultations.asker import AskerField
from kyodo_desktop.ui.widgets.fields import (
    ChoiceCombo,
    DateField,
    PreeditTextEdit,
    TopicList,
)

if TYPE_CHECKING:
    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.services.consultations.log import ConsultationView
    from kyodo_desktop.services.workspace import Workspace


class ConsultationEntry(QWidget):
    """Date, channel, who asked, topics, what was asked and answered, referral, follow-up."""

    changed = Signal()

    def __init__(self, workspace: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        reference = browse.reference(workspace.database, actor)
        self.where_who = QLabel(
            QCoreApplication.translate("ConsultationForm", "%1 (%2), officer %3")
            .replace("%1", actor.office_name)
            .replace("%2", actor.office_code)
            .replace("%3", actor.name),
            self,
        )
        self.occurred_on = DateField(self)
        self.channel = QComboBox(self)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.asker = AskerField(workspace, actor, self)
        self.topics = TopicList(reference.topics, self)
        self.topics.setMaximumHeight(150)
        self.asked = PreeditTextEdit(self)
        self.answered = PreeditTextEdit(self)
        departments: list[tuple[str, object]] = [("", None)]
        departments += [
            (f"{division} {name}".strip(), code) for code, name, division in reference.departments
        ]
        self.department = ChoiceCombo(departments, self)
        self.follow_up_on = DateField(self, required=False)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(
            QCoreApplication.translate("ConsultationForm", "Office and officer"), self.where_who
        )
        form.addRow(QCoreApplication.translate("ConsultationForm", "&Date"), self.occurred_on)
        form.addRow(QCoreApplication.translate("ConsultationForm", "&Channel"), self.channel)
        form.addRow(QCoreApplication.translate("ConsultationForm", "&Who asked"), self.asker)
        form.addRow(QCoreApplication.translate("ConsultationForm", "&Topics"), self.topics)
        form.addRow(QCoreApplication.translate("ConsultationForm", "What was &asked"), self.asked)
        form.addRow(
            QCoreApplication.translate("ConsultationForm", "What was a&nswered"), self.answered
        )
        form.addRow(QCoreApplication.translate("ConsultationForm", "&Referred to"), self.department)
        form.addRow(
            QCoreApplication.translate("ConsultationForm", "&Follow-up on"), self.follow_up_on
        )
        self.reset()
        for signal in (
            self.occurred_on.changed,
            self.channel.currentIndexChanged,
            self.asker.changed,
            self.topics.changed,
            self.asked.textChanged,
            self.answered.textChanged,
            self.department.changed,
            self.follow_up_on.changed,
        ):
            signal.connect(self.changed)

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them (a disabled one is skipped by Qt)."""
        return [
            self.occurred_on.edit,
            self.channel,
            self.asker.kind,
            self.asker.search,
            self.asker.new_person,
            self.topics,
            self.asked,
            self.answered,
            self.department,
            self.follow_up_on.edit,
        ]

    def commit_preedit(self) -> None:
        """Put in every word an IME still shows unconverted, as typed."""
        for widget in (self.occurred_on.edit, self.asker.search, self.asked, self.answered):
            widget.commit_preedit()
        self.department.commit_preedit()
        self.follow_up_on.edit.commit_preedit()

    # Values ------------------------------------------------------------------------

    def reset(self) -> None:
        """Today, a visit to the counter, nothing else chosen or typed."""
        self.occurred_on.set_date(date.today())
        self.channel.setCurrentIndex(self.channel.findData(Channel.COUNTER.value))
        self.asker.reset()
        self.topics.set_codes(())
        self.topics.setCurrentRow(0)
        self.asked.clear()
        self.answered.clear()
        self.department.set_value(None)
        self.follow_up_on.set_date(None)

    def load(self, view: ConsultationView) -> None:
        """Show a saved consultation."""
        self.occurred_on.set_date(view.occurred_on)
        self.channel.setCurrentIndex(max(self.channel.findData(view.channel), 0))
        if view.group_id is not None:
            self.asker.choose_saved(view.group_id, group=True)
        elif view.person_id is not None:
            self.asker.choose_saved(view.person_id, group=False)
        else:
            self.asker.set_anonymous()
        self.topics.set_codes(view.topic_codes)
        self.asked.setPlainText(view.asked)
        self.answered.setPlainText(view.answered)
        self.department.set_value(view.referred_department_code)
        self.follow_up_on.set_date(view.follow_up_on)

    def snapshot(self) -> dict[str, Any]:
        """Everything typed, as plain values (what a draft file holds)."""
        return {
            "occurred_on": self.occurred_on.text(),
            "channel": self.channel.currentData(),
            "asker": self.asker.snapshot(),
            "topics": self.topics.codes(),
            "asked": self.asked.toPlainText(),
            "answered": self.answered.toPlainText(),
            "department": self.department.currentText(),
            "follow_up_on": self.follow_up_on.text(),
        }

    def restore(self, fields: dict[str, Any]) -> None:
        """Fill in a snapshot (KeyError, TypeError or ValueError if it is not one)."""
        self.occurred_on.edit.setText(str(fields["occurred_on"]))
        self.channel.setCurrentIndex(max(self.channel.findData(fields["channel"]), 0))
        self.asker.restore(dict(fields["asker"]))
        self.topics.set_codes([str(code) for code in fields["topics"]])
        self.asked.setPlainText(str(fields["asked"]))
        self.answered.setPlainText(str(fields["answered"]))
        self.department.setEditText(str(fields["department"]))
        self.follow_up_on.edit.setText(str(fields["follow_up_on"]))

    def draft(self) -> ConsultationDraft:
        """The consultation as typed; FieldError for a field that cannot be read."""
        group_id, person_id = self.asker.value()
        return ConsultationDraft(
            occurred_on=self.occurred_on.value(),  # type: ignore[arg-type]
            channel=str(self.channel.currentData()),
            asked=self.asked.toPlainText(),
            answered=self.answered.toPlainText(),
            topic_codes=tuple(self.topics.codes()),
            group_id=group_id,
            person_id=person_id,
            referred_department_code=self.department.value(),  # type: ignore[arg-type]
            follow_up_on=self.follow_up_on.value(),
        )

    def widget_for(self, field: str | None) -> QWidget | None:
        """Where the cursor goes for a refusal naming `field` (InputError.field)."""
        widgets: dict[str, QWidget] = {
            "occurred_on": self.occurred_on.edit,
            "channel": self.channel,
            "group_id": self.asker.search,
            "person_id": self.asker.search,
            "topic_codes": self.topics,
            "asked": self.asked,
            "answered": self.answered,
            "referred_department_code": self.department,
            "follow_up_on": self.follow_up_on.edit,
        }
        return widgets.get(field or "")
