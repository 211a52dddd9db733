"""試算: what a programme would grant, worked out by the rules module as the officer types."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import (
    Award,
    Evaluation,
    Formula,
    GrantRequest,
    Group,
    GroupKind,
    MonthRequest,
    RuleSettings,
    RulesValidationError,
    Severity,
    evaluate,
    fiscal_year,
    fiscal_year_range,
    format_fiscal_year,
    format_wareki_month,
    format_yen,
    parse_date,
    parse_yen,
    programme,
    programmes,
)

SEVERITY_COLOURS = {Severity.BLOCK: "#b00020", Severity.LIMIT: "#8a5a00", Severity.INFO: "#333333"}


class EstimatePanel(QWidget):
    """Pick a programme and division, type the figures, read the amount and the reasons."""

    evaluated = Signal(object)  # the rules' Evaluation, or a RulesValidationError

    def __init__(
        self,
        settings: RuleSettings | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings or RuleSettings()
        self.last_result: Evaluation | RulesValidationError | None = None
        today = today or date.today()

        self.programme_box = QComboBox(self)
        for item in programmes():
            self.programme_box.addItem(item.label, item.code)
        self.division_box = QComboBox(self)
        self.fiscal_year_box = QSpinBox(self)
        self.fiscal_year_box.setRange(2006, 2099)
        self.fiscal_year_box.setValue(fiscal_year(today))
        self.fiscal_year_label = QLabel(self)
        self.kind_box = QComboBox(self)
        for kind in GroupKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.awards_box = QSpinBox(self)
        self.awards_box.setRange(0, 20)
        self.awards_box.setSuffix(self.tr(" time(s)"))

        # ①: households and the day they were counted
        self.households_edit = QLineEdit(self)
        self.households_edit.setPlaceholderText(self.tr("e.g. 1,000"))
        self.counted_on_edit = QLineEdit(self)
        self.counted_on_edit.setPlaceholderText(self.tr("e.g. R8.7.1"))
        self.part_blocks_box = QCheckBox(RuleSettings.label("jichi_count_part_blocks"), self)
        self.part_blocks_box.setChecked(self._settings.jichi_count_part_blocks)
        jichi_page = QWidget(self)
        jichi_form = QFormLayout(jichi_page)
        jichi_form.addRow(self.tr("Member households"), self.households_edit)
        jichi_form.addRow(self.tr("Counted on"), self.counted_on_edit)
        jichi_form.addRow(self.part_blocks_box)

        # ②③④⑥: the amount asked
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText(self.tr("e.g. 150,000 (empty: the most)"))
        capped_page = QWidget(self)
        capped_form = QFormLayout(capped_page)
        capped_form.addRow(self.tr("Amount requested (yen)"), self.amount_edit)

        # ⑤: operating cost asked, and days opened and venue cost month by month
        self.operating_edit = QLineEdit(self)
        self.operating_edit.setPlaceholderText(self.tr("empty: the most"))
        self.months_table = QTableWidget(12, 2, self)
        self.months_table.setHorizontalHeaderLabels([self.tr("Days opened"), self.tr("Venue cost")])
        self.months_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hiroba_page = QWidget(self)
        hiroba_form = QFormLayout(hiroba_page)
        hiroba_form.addRow(self.tr("Operating cost requested (yen)"), self.operating_edit)
        hiroba_form.addRow(self.months_table)

        self.inputs = QStackedWidget(self)
        self._pages = {
            Formula.JICHI: jichi_page,
            Formula.CAPPED: capped_page,
            Formula.HIROBA: hiroba_page,
        }
        for page in self._pages.values():
            self.inputs.addWidget(page)

        form = QFormLayout()
        form.addRow(self.tr("Programme"), self.programme_box)
        form.addRow(self.tr("Division"), self.division_box)
        year_row = QHBoxLayout()
        year_row.addWidget(self.fiscal_year_box)
        year_row.addWidget(self.fiscal_year_label, 1)
        form.addRow(self.tr("Fiscal year"), year_row)
        form.addRow(self.tr("Kind of group"), self.kind_box)
        form.addRow(self.tr("Awards this project already had"), self.awards_box)

        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("estimateAmount")
        self.amount_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.limit_label = QLabel(self)
        self.breakdown_table = QTableWidget(0, 2, self)
        self.breakdown_table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Amount")])
        self.breakdown_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.breakdown_table.verticalHeader().hide()
        self.breakdown_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.reasons_list = QListWidget(self)
        self.reasons_list.setWordWrap(True)
        self.reasons_list.setSpacing(3)

        result_box = QGroupBox(self.tr("Result"), self)
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.amount_label)
        result_layout.addWidget(self.limit_label)
        result_layout.addWidget(QLabel(self.tr("Breakdown"), self))
        result_layout.addWidget(self.breakdown_table, 1)
        result_layout.addWidget(QLabel(self.tr("Reasons"), self))
        result_layout.addWidget(self.reasons_list, 1)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.inputs, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(result_box, 1)

        self.programme_box.currentIndexChanged.connect(self._programme_changed)
        for signal in (
            self.division_box.currentIndexChanged,
            self.fiscal_year_box.valueChanged,
            self.kind_box.currentIndexChanged,
            self.awards_box.valueChanged,
            self.households_edit.textChanged,
            self.counted_on_edit.textChanged,
            self.part_blocks_box.toggled,
            self.amount_edit.textChanged,
            self.operating_edit.textChanged,
            self.months_table.itemChanged,
        ):
            signal.connect(self.recalculate)
        self.fiscal_year_box.valueChanged.connect(self._fill_months)
        self._programme_changed()

    # Inputs -------------------------------------------------------------------------

    @property
    def programme_code(self) -> str:
        return str(self.programme_box.currentData())

    def select_programme(self, code: str, division: str | None = None) -> None:
        self.programme_box.setCurrentIndex(self.programme_box.findData(code))
        if division is not None:
            self.division_box.setCurrentIndex(self.division_box.findData(division))

    def _programme_changed(self) -> None:
        chosen = programme(self.programme_code)
        version = chosen.version_for(self.fiscal_year_box.value()) or chosen.latest
        self.division_box.blockSignals(True)
        self.division_box.clear()
        for division in version.divisions:
            self.division_box.addItem(division.name or self.tr("(no division)"), division.code)
        self.division_box.setEnabled(self.division_box.count() > 1)
        self.division_box.blockSignals(False)
        eligible = version.kinds_under(self._settings)
        if GroupKind(self.kind_box.currentData()) not in eligible:
            first = next(kind for kind in GroupKind if kind in eligible)
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(self.kind_box.findData(first.value))
            self.kind_box.blockSignals(False)
        self._fill_months()
        self.recalculate()

    def _fill_months(self) -> None:
        start, _ = fiscal_year_range(self.fiscal_year_box.value())
        self.months_table.blockSignals(True)
        for row in range(12):
            year, month = (
                start.year + (start.month - 1 + row) // 12,
                (start.month - 1 + row) % 12 + 1,
            )
            header = QTableWidgetItem(format_wareki_month(year, month))
            header.setData(Qt.ItemDataRole.UserRole, (year, month))
            self.months_table.setVerticalHeaderItem(row, header)
        self.months_table.blockSignals(False)
        self.fiscal_year_label.setText(format_fiscal_year(self.fiscal_year_box.value()))

    def _division(self):  # type: ignore[no-untyped-def]
        chosen = programme(self.programme_code)
        version = chosen.version_for(self.fiscal_year_box.value()) or chosen.latest
        return version.division(self.division_box.currentData())

    def request(self) -> GrantRequest:
        """The request as typed; what cannot be read raises RulesValidationError."""
        fy = self.fiscal_year_box.value()
        division = self._division()
        households = counted_on = None
        if division.formula is Formula.JICHI:
            if self.households_edit.text().strip():
                households = parse_yen(
                    self.households_edit.text(), label=self.tr("Member households")
                )
            if self.counted_on_edit.text().strip():
                counted_on = parse_date(self.counted_on_edit.text())
        group = Group(GroupKind(self.kind_box.currentData()), households, counted_on)
        # Past awards: one a 年度, in the years just before this one.
        history = tuple(
            Award(fiscal_year=fy - 1 - n, division=division.code)
            for n in range(self.awards_box.value())
        )
        amount = operating = None
        months: list[MonthRequest] = []
        if division.formula is Formula.CAPPED and self.amount_edit.text().strip():
            amount = parse_yen(self.amount_edit.text())
        if division.formula is Formula.HIROBA:
            if self.operating_edit.text().strip():
                operating = parse_yen(self.operating_edit.text(), label=self.tr("Operating cost"))
            months = self._months()
        return GrantRequest(
            programme=self.programme_code,
            fiscal_year=fy,
            group=group,
            division=division.code,
            amount=amount,
            operating_cost=operating,
            months=months,
            award_history=history,
        )

    def _months(self) -> list[MonthRequest]:
        months = []
        for row in range(12):
            year, month = self.months_table.verticalHeaderItem(row).data(Qt.ItemDataRole.UserRole)
            days_item, venue_item = self.months_table.item(row, 0), self.months_table.item(row, 1)
            days_text = days_item.text().strip() if days_item else ""
            venue_text = venue_item.text().strip() if venue_item else ""
            if not days_text and not venue_text:
                continue
            label = format_wareki_month(year, month)
            days = parse_yen(
                days_text or "0", label=self.tr("Days opened in %1").replace("%1", label)
            )
            venue = parse_yen(
                venue_text or "0", label=self.tr("Venue cost in %1").replace("%1", label)
            )
            months.append(MonthRequest(year, month, days, venue))
        return months

    # Result -------------------------------------------------------------------------

    def recalculate(self) -> None:
        page = self._pages[self._division().formula]
        self.inputs.setCurrentWidget(page)
        settings = RuleSettings(
            **{
                **self._settings.to_mapping(),
                "jichi_count_part_blocks": self.part_blocks_box.isChecked(),
            }
        )
        try:
            result: Evaluation | RulesValidationError = evaluate(self.request(), settings=settings)
        except RulesValidationError as error:
            result = error
        self.last_result = result
        self._show(result)
        self.evaluated.emit(result)

    def _show(self, result: Evaluation | RulesValidationError) -> None:
        self.reasons_list.clear()
        self.breakdown_table.setRowCount(0)
        if isinstance(result, RulesValidationError):
            self.amount_label.setText("—")
            self.limit_label.setText(self.tr("Check the input."))
            self._add_reason(str(result), Severity.BLOCK)
            return
        if result.eligible:
            self.amount_label.setText(
                self.tr("Grantable: %1").replace("%1", format_yen(result.grantable))
            )
        else:
            self.amount_label.setText(self.tr("Not eligible"))
        limit = self.tr("Most grantable: %1").replace("%1", format_yen(result.max_grantable))
        if result.awards_left is not None:
            limit += "　" + self.tr("Awards left for this project: %1").replace(
                "%1", str(result.awards_left)
            )
        self.limit_label.setText(limit)
        for line in result.breakdown:
            row = self.breakdown_table.rowCount()
            self.breakdown_table.insertRow(row)
            self.breakdown_table.setItem(row, 0, QTableWidgetItem(line.label))
            amount = QTableWidgetItem(format_yen(line.amount))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.breakdown_table.setItem(row, 1, amount)
        for reason in result.reasons:  # a reason decided by a setting names it itself
            self._add_reason(reason.text, reason.severity)

    def _add_reason(self, text: str, severity: Severity) -> None:
        item = QListWidgetItem(text)
        item.setForeground(QColor(SEVERITY_COLOURS[severity]))
        self.reasons_list.addItem(item)

    @property
    def reasons(self) -> list[str]:
        return [self.reasons_list.item(row).text() for row in range(self.reasons_list.count())]


class EstimateDialog(QDialog):
    """The 試算 panel in its own window, kept beside the main window while working."""

    def __init__(self, settings: RuleSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Estimate a grant"))
        self.panel = EstimatePanel(settings, parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(1000, 640)
