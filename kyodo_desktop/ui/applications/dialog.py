"""A new application (申請の受付): group, project, programme, the first step, judged as typed.

The rules' judgement of the request is shown while the officer types (the same
`rules.evaluate` the service runs when it files), so a refusal is seen before saving. On
save the service judges again; its refusal shows the rules' reasons, and the head office may
decide against them with a written reason.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import (
    Evaluation,
    Formula,
    RulesValidationError,
    evaluate,
    fiscal_year,
    programme,
)
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.applications.filing import (
    ApplicationDraft,
    ProjectDraft,
    group_projects,
    open_application,
)
from kyodo_desktop.services.errors import InputError, RulesRefusalError
from kyodo_desktop.services.groups.registry import GroupView, get_group
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.rule_settings import current_rule_settings
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.applications.fields import GroupPicker, MonthsTable, typed_number
from kyodo_desktop.ui.applications.judgement import JudgementView, OverrideBox
from kyodo_desktop.ui.applications.programme_choice import ProgrammeChoice
from kyodo_desktop.ui.applications.request import TypedFacts, grant_request
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog

NEW_PROJECT = "new"  # the project box's entry for a project registered with this application


class ApplicationDialog(RecordDialog):
    """The application's facts on the left, the rules' judgement of them on the right."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        group_id: uuid.UUID | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self.setWindowTitle(self.tr("New application"))
        self._today = today or date.today()
        self._settings = current_rule_settings(workspace.database)
        self._group: GroupView | None = None
        self._awards: dict[tuple[uuid.UUID, str], list] = {}
        self._refusal: RulesRefusalError | None = None
        self._overriding = False

        self.group_edit = self.add_field(self.tr("Group"), "group_id", GroupPicker(workspace, self))
        self.project_box = self.add_field(self.tr("Project"), "project_id", QComboBox(self))
        self.title_edit = self.add_field(self.tr("New project's title"), "title", QLineEdit(self))
        self.choice = ProgrammeChoice(fiscal_year(self._today), self)
        self.year_box = self.choice.year_box
        self.programme_box = self.choice.programme_box
        self.division_box = self.choice.division_box
        self.closed_note = self.choice.closed_note
        self.form.addRow(self.tr("Fiscal year"), self.choice.year_row)
        self.fields["fiscal_year"] = self.year_box
        self.add_field(self.tr("Programme"), "programme_code", self.programme_box)
        self.form.addRow("", self.closed_note)
        self.add_field(self.tr("Division"), "division", self.division_box)
        self.step_box = self.add_field(self.tr("First step"), "first_step", QComboBox(self))
        for step in (StepKind.FILED, StepKind.PRIOR_CONSULTATION):
            self.step_box.addItem(step.label, step.value)
        self.opened_edit = self.add_field(self.tr("Date"), "opened_on", DayEdit("opened_on", self))
        self.opened_edit.set_day(self._today)
        self.amount_edit = self.add_field(
            self.tr("Amount requested (yen)"), "amount", QLineEdit(self)
        )
        self.amount_edit.setPlaceholderText(self.tr("empty: the most the rules allow"))
        self._amount_hint = self.amount_edit.placeholderText()
        self.households_edit = self.add_field(
            self.tr("Member households"), "households", QLineEdit(self)
        )
        self.counted_edit = self.add_field(
            self.tr("Households counted on"),
            "households_counted_on",
            DayEdit("households_counted_on", self),
        )
        self.operating_edit = self.add_field(
            self.tr("Operating cost requested (yen)"), "operating_cost", QLineEdit(self)
        )
        self.months_table = MonthsTable(self)
        self.form.addRow(self.tr("Months planned"), self.months_table)
        self.purpose_edit = self.add_field(self.tr("Purpose"), "purpose", QPlainTextEdit(self))
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setFixedHeight(60)

        self.judgement = JudgementView(self)
        judged = QGroupBox(self.tr("What the rules say"), self)
        QVBoxLayout(judged).addWidget(self.judgement)
        self.override_box = OverrideBox(self)
        self.override_edit = self.override_box.reason_edit
        self.override_button = self.override_box.button
        self.fields["override_reason"] = self.override_edit
        right = QVBoxLayout()
        right.addWidget(judged, 1)
        right.addWidget(self.override_box)
        columns = QHBoxLayout()
        columns.addLayout(self.form, 3)
        columns.addLayout(right, 2)
        self.lay_out(columns)
        self.resize(1000, 720)

        self.group_edit.chosen.connect(self._group_chosen)
        self.project_box.currentIndexChanged.connect(self._project_changed)
        self.year_box.valueChanged.connect(self._year_changed)
        for signal in (
            self.choice.changed,
            self.step_box.currentIndexChanged,
            self.amount_edit.textChanged,
            self.households_edit.textChanged,
            self.counted_edit.textChanged,
            self.operating_edit.textChanged,
            self.months_table.itemChanged,
        ):
            signal.connect(self.recalculate)
        self.override_button.clicked.connect(self.decide_against_rules)
        self.months_table.set_fiscal_year(self.choice.fiscal_year)
        self._fill_projects()
        if group_id is not None:
            self._group = get_group(workspace.database, workspace.actor, group_id)
            self.group_edit.choose(self._group.id, self._group.name)
            self.group_edit.setEnabled(False)  # opened from the group's page: its group
        self.opened(self.project_box if group_id is not None else self.group_edit)

    # What the officer chooses -------------------------------------------------------

    def _group_chosen(self, group_id: uuid.UUID | None) -> None:
        database, actor = self._workspace.database, self._workspace.actor
        if group_id is None:
            self._group = None
        elif self._group is None or self._group.id != group_id:
            self._group = get_group(database, actor, group_id)
        self._fill_projects()
        group = self._group
        self.households_edit.setText(
            "" if group is None or group.households is None else f"{group.households:,}"
        )
        self.counted_edit.set_day(None if group is None else group.households_counted_on)
        self.recalculate()

    def _fill_projects(self) -> None:
        self.project_box.blockSignals(True)
        self.project_box.clear()
        if self._group is not None:
            for project in group_projects(
                self._workspace.database, self._workspace.actor, self._group.id
            ):
                self.project_box.addItem(project.title, project.id)
        self.project_box.addItem(self.tr("New project..."), NEW_PROJECT)
        self.project_box.blockSignals(False)
        self._project_changed()

    def _year_changed(self, fy: int) -> None:
        self.months_table.set_fiscal_year(fy)  # ⑤'s months are the 年度's
        self.recalculate()

    def _project_changed(self) -> None:
        self.title_edit.setEnabled(self.project_box.currentData() == NEW_PROJECT)
        self.recalculate()

    # The rules' judgement as typed -------------------------------------------------

    def _history(self) -> list:
        project_id, code = self.project_box.currentData(), self.programme_box.currentData()
        if code is None:
            return []
        if not isinstance(project_id, uuid.UUID):
            # A new project has had no award yet, but ① counts the group's (1年度1回 per
            # 町会): any of its projects gives them (store/awards.project_awards).
            known = [self.project_box.itemData(i) for i in range(self.project_box.count())]
            known = [found for found in known if isinstance(found, uuid.UUID)]
            if not known or not programme(code).awards_per_group:
                return []
            project_id = known[0]
        key = (project_id, code)
        if key not in self._awards:
            self._awards[key] = browse.project_awards(
                self._workspace.database, self._workspace.actor, project_id, code
            )
        return self._awards[key]

    def _consulting(self) -> bool:
        """事前相談 first: nothing is asked yet, so no amount is kept (the 交付申請 asks it)."""
        return self.step_box.currentData() == StepKind.PRIOR_CONSULTATION.value

    def _show_amount_state(self) -> None:
        consulting = self._consulting()
        self.amount_edit.setEnabled(not consulting)
        why = (
            self.tr("No amount at a prior consultation: it is asked when filed")
            if consulting
            else ""
        )
        self.amount_edit.setPlaceholderText(why or self._amount_hint)
        self.amount_edit.setToolTip(why)

    def recalculate(self) -> None:
        self._show_amount_state()
        division = self.choice.division()
        formula = division.formula if division is not None else None
        for widget in (self.households_edit, self.counted_edit):
            widget.setEnabled(formula is Formula.JICHI)
        for widget in (self.operating_edit, self.months_table):
            widget.setEnabled(formula is Formula.HIROBA)
        if self._group is None or division is None:
            self.judgement.show_result(None)
            return
        try:
            facts = self._facts(division.formula)
            request = grant_request(
                self.choice, division, self._group, facts, tuple(self._history())
            )
            result: Evaluation | RulesValidationError = evaluate(request, settings=self._settings)
        except RulesValidationError as error:
            result = error
        except InputError as error:  # a figure that cannot be read yet
            result = RulesValidationError(error.message, field=error.field)
        self.judgement.show_result(result)
        if (
            isinstance(result, Evaluation)
            and formula is Formula.HIROBA
            and result.eligible
            and facts.amount is not None
            and facts.amount > result.grantable
        ):
            self.judgement.refuse_over(facts.amount, result.grantable)

    def _facts(self, formula: Formula | None) -> TypedFacts:
        """The figures typed for the chosen formula; `InputError` naming one unreadable."""
        hiroba, jichi = formula is Formula.HIROBA, formula is Formula.JICHI
        amount = None
        if not self._consulting():  # the amount typed before 事前相談 was chosen is not asked
            amount = typed_number(self.amount_edit, self.tr("Amount requested"), "amount")
        return TypedFacts(
            amount=amount,
            households=(
                typed_number(self.households_edit, self.tr("Member households"), "households")
                if jichi
                else None
            ),
            households_counted_on=self.counted_edit.day() if jichi else None,
            operating_cost=(
                typed_number(self.operating_edit, self.tr("Operating cost"), "operating_cost")
                if hiroba
                else None
            ),
            months=self.months_table.months() if hiroba else (),
        )

    # Saving ---------------------------------------------------------------------------

    def is_changed(self) -> bool:
        return super().is_changed() or any(any(row) for row in self.months_table.snapshot())

    def draft(self, project_id: uuid.UUID) -> ApplicationDraft:
        division = self.choice.division()
        facts = self._facts(division.formula if division is not None else None)
        return ApplicationDraft(
            project_id=project_id,
            programme_code=str(self.choice.code),
            fiscal_year=self.choice.fiscal_year,
            division=self.division_box.currentData(),
            first_step=self.step_box.currentData(),
            opened_on=self.opened_edit.day(),
            amount_requested=facts.amount,
            households=facts.households,
            households_counted_on=facts.households_counted_on,
            operating_cost=facts.operating_cost,
            months=facts.months,
            purpose=self.purpose_edit.toPlainText(),
        )

    def save(self) -> uuid.UUID:
        group_id = self.group_edit.group_id
        if group_id is None:
            raise InputError(
                self.tr("Choose the group from the list that opens as you type."), field="group_id"
            )
        if self.programme_box.currentData() is None:
            raise InputError(self.tr("Choose the programme."), field="programme_code")
        # A new project is registered in the same transaction as its first application:
        # a refusal leaves neither behind.
        chosen = self.project_box.currentData()
        existing = isinstance(chosen, uuid.UUID)
        draft = self.draft(chosen if existing else uuid.UUID(int=0))
        new_project = None if existing else ProjectDraft(group_id, self.title_edit.text())
        override = self.override_box.reason() if self._overriding else None
        try:
            return open_application(
                self._workspace.database,
                self._workspace.actor,
                draft,
                override_reason=override,
                new_project=new_project,
            )
        except RulesRefusalError as refusal:
            self._refusal = refusal
            raise

    def refuse(self, text: str, field: str | None) -> None:
        super().refuse(text, field)
        refusal, self._refusal = self._refusal, None
        if field == "months":
            self.months_table.setFocus()
        if refusal is not None:
            may = refusal.overridable and allows(self._workspace.actor, Permission.OVERRIDE)
            self.override_box.setVisible(may)
            if may:
                self.override_edit.setFocus()

    def decide_against_rules(self) -> None:
        """The head office files it anyway, with the written reason kept on it."""
        self._overriding = True
        try:
            self.accept()
        finally:
            self._overriding = False

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        group_id: uuid.UUID | None = None,
    ) -> uuid.UUID | None:
        """The application opened; None if cancelled."""
        return cls(workspace, parent, group_id=group_id).run()
