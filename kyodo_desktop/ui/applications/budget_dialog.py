"""収支予算 / 収支決算: the income and expense lines of an application, totals shown live.

Opened from the application's page (`BudgetDialog.edit`). The lines are saved whole
(services.applications.budgets.set_budget_lines, which refuses a budget whose income and expense do
not balance); for ⑤ the months (days opened, 会場費) and the 運営費 are a second table,
saved in the same call so a refusal leaves everything as it was. A refusal is shown under
the tables and nothing typed is lost.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import RulesValidationError, format_yen, parse_yen
from kyodo_desktop.services.applications.filing import (
    ApplicationView,
    get_application,
    set_budget_lines,
)
from kyodo_desktop.services.errors import InputError, ServiceError
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.applications.budget_lines import (
    EXPENSE,
    INCOME,
    SIDE,
    BudgetLinesModel,
    SideDelegate,
)
from kyodo_desktop.ui.applications.fields import MonthsTable
from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion
from kyodo_desktop.ui.widgets.refusal_box import message_label, say_refusal

HIROBA = "hiroba"  # ⑤ 相談情報ひろば: its months are planned and reported too


class BudgetDialog(QDialog):
    """The 収支 of one application at one stage ("budget" or "actual")."""

    def __init__(
        self,
        workspace: Workspace,
        application_id: uuid.UUID,
        stage: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._stage = stage
        view = get_application(workspace.database, workspace.actor, application_id)
        self._application_id = view.id
        self._row_version = view.row_version
        self.saved = False
        heading = self.tr("Budget") if stage == "budget" else self.tr("Actual figures")
        self.setWindowTitle(f"{heading} — {view.group_name} {view.programme_label}")

        self.model = BudgetLinesModel(
            [
                [line.side, line.item, f"{line.amount:,}", line.note]
                for line in view.lines.get(stage, ())
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SIDE, SideDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table for the buttons; inside it, the arrows and the editor's own
        # Tab (item → amount, as typed in a line) still move from cell to cell.
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_income_button = QPushButton(self.tr("Add income line"), self)
        self.add_expense_button = QPushButton(self.tr("Add expense line"), self)
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        for button in (self.add_income_button, self.add_expense_button, self.remove_button):
            button.setAutoDefault(False)
        self.totals = QLabel(self)
        self.totals.setObjectName("budgetTotals")

        self.months_table: MonthsTable | None = None
        self.operating_edit: QLineEdit | None = None
        months_part = QFormLayout()
        if view.programme_code == HIROBA:
            self._add_months(view, months_part)

        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        row = QHBoxLayout()
        for button in (self.add_income_button, self.add_expense_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.totals)
        layout.addLayout(months_part)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640 if self.months_table else 460)

        self.add_income_button.clicked.connect(lambda: self.add_line(INCOME))
        self.add_expense_button.clicked.connect(lambda: self.add_line(EXPENSE))
        self.remove_button.clicked.connect(self.remove_line)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
        ):
            signal.connect(self._show_totals)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._show_totals()
        self._as_opened = self._snapshot()

    def _add_months(self, view: ApplicationView, form: QFormLayout) -> None:
        self.months_table = MonthsTable(self)
        self.months_table.set_fiscal_year(view.fiscal_year)
        self.months_table.set_months(view.months.get(self._stage, ()))
        if self._stage == "budget":  # the 運営費 asked is part of the plan, not the report
            self.operating_edit = QLineEdit(self)
            if view.operating_cost is not None:
                self.operating_edit.setText(f"{view.operating_cost:,}")
            form.addRow(self.tr("Operating cost requested (yen)"), self.operating_edit)
        form.addRow(
            self.tr("Months planned") if self._stage == "budget" else self.tr("Months held"),
            self.months_table,
        )

    # Editing ------------------------------------------------------------------------

    def add_line(self, side: str) -> None:
        row = self.model.add_line(side)
        index = self.model.index(row, 1)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_line(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.model.remove_line(current.row())

    def _show_totals(self) -> None:
        income, expense = self.model.total(INCOME), self.model.total(EXPENSE)
        self.totals.setText(
            self.tr("Income %1 · Expense %2 · Difference %3")
            .replace("%1", format_yen(income))
            .replace("%2", format_yen(expense))
            .replace("%3", format_yen(abs(income - expense)))
        )
        balanced = income == expense
        self.totals.setStyleSheet("" if balanced else "color: #b00020;")

    def _snapshot(self) -> object:
        months = self.months_table.snapshot() if self.months_table else None
        operating = self.operating_edit.text() if self.operating_edit else None
        return ([list(line) for line in self.model.lines], months, operating)

    def is_changed(self) -> bool:
        return self._snapshot() != self._as_opened

    # Saving -------------------------------------------------------------------------

    def _operating_cost(self) -> int | None:
        if self.operating_edit is None or not self.operating_edit.text().strip():
            return None
        try:
            return parse_yen(self.operating_edit.text(), label=self.tr("Operating cost"))
        except RulesValidationError as error:
            raise InputError(str(error), field="operating_cost") from error

    def save(self) -> None:
        database, actor = self._workspace.database, self._workspace.actor
        lines = self.model.drafts()
        months = self.months_table.months() if self.months_table else None
        operating = self._operating_cost()
        # One call: a refused month leaves the lines as they were too (nothing half-saved).
        view = set_budget_lines(
            database,
            actor,
            self._application_id,
            self._stage,
            lines,
            row_version=self._row_version,
            months=months,
            operating_cost=operating,
        )
        self._row_version = view.row_version

    def accept(self) -> None:
        editor = QApplication.focusWidget()
        if editor is not None and editor is not self.table and self.table.isAncestorOf(editor):
            self.table.commitData(editor)  # the cell being typed in counts too
        try:
            self.save()
        except Exception as error:  # a refusal is shown, everything typed stays
            if not say_refusal(self.message, error):
                raise  # a bug
            field = error.field if isinstance(error, ServiceError) else None
            if field == "months" and self.months_table is not None:
                self.months_table.setFocus()
            elif field == "operating_cost" and self.operating_edit is not None:
                self.operating_edit.setFocus()
            return
        self.saved = True
        super().accept()

    def reject(self) -> None:
        """Esc, Cancel, the window's ×: ask first if a change would be lost."""
        if not self.saved and self.is_changed() and not DiscardChangesQuestion.ask(self):
            return
        super().reject()

    @classmethod
    def edit(
        cls, workspace: Workspace, parent: QWidget | None, application_id: uuid.UUID, stage: str
    ) -> bool:
        """Show the 収支 of the stage ("budget" 収支予算 or "actual" 収支決算); True if saved."""
        dialog = cls(workspace, application_id, stage, parent)
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()
