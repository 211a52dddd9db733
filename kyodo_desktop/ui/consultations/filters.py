"""The filter bar of the consultation log: period, office, topic, officer, channel, search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kyodo_desktop.rules import RulesValidationError, fiscal_year, fiscal_year_range, parse_date
from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services.consultations.filter_choices import FilterChoices
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp
from kyodo_desktop.ui.formatting import fiscal

FIRST_FISCAL_YEAR = 2006  # the ward's records begin with 平成18年度
SEARCH_DELAY_MS = 250  # as-you-type, but one query per pause rather than per key
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)


def month_range(fy: int, month: int) -> tuple[date, date]:
    """First and last day of a month of 年度 ``fy`` (January to March fall in fy + 1)."""
    year = fy if month >= 4 else fy + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(following.toordinal() - 1)


class ConsultationFilterBar(QWidget):
    """Emits `changed` whenever what the officer chose narrows the list differently."""

    changed = Signal()

    def __init__(
        self, choices: FilterChoices, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultationFilters")
        today = today or date.today()
        self.year = QComboBox(self)
        self.year.setObjectName("fiscalYear")
        self.year.addItem(self.tr("All years"), None)
        for fy in range(fiscal_year(today), FIRST_FISCAL_YEAR - 1, -1):
            self.year.addItem(fiscal(fy), fy)
        self.month = QComboBox(self)
        self.month.setObjectName("month")
        self.month.addItem(self.tr("Whole year"), None)
        for month in FISCAL_MONTHS:
            self.month.addItem(self.tr("%1 month").replace("%1", str(month)), month)
        self.month.setEnabled(False)
        self.date_from = self._date_field("dateFrom")
        self.date_to = self._date_field("dateTo")
        self.date_from_error = self._error_label("dateFromError")
        self.date_to_error = self._error_label("dateToError")

        self.office = QComboBox(self)
        self.office.setObjectName("office")
        if choices.fixed_office is None:
            self.office.addItem(self.tr("All offices"), None)
        for choice in choices.offices:
            self.office.addItem(choice.label, choice.value)
        self.office.setEnabled(choices.fixed_office is None)
        self.topic = self._combo("topic", self.tr("All topics"), choices.topics)
        self.officer = self._combo("officer", self.tr("All officers"), choices.officers)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        self.channel.addItem(self.tr("All channels"), None)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.follow_up = QComboBox(self)
        self.follow_up.setObjectName("followUp")
        for text, value in (
            (self.tr("Any follow-up"), None),
            (self.tr("Not done"), FollowUp.PENDING),
            (self.tr("Due today"), FollowUp.DUE_TODAY),
            (self.tr("Overdue"), FollowUp.OVERDUE),
            (self.tr("Due by today"), FollowUp.DUE_OR_OVERDUE),
        ):
            self.follow_up.addItem(text, value)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search what was asked, answered, group (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.setObjectName("clearFilters")

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_now)
        self.year.currentIndexChanged.connect(self._year_chosen)
        for combo in (self.month, self.office, self.topic, self.officer, self.channel):
            combo.currentIndexChanged.connect(self.changed)
        self.follow_up.currentIndexChanged.connect(self.changed)
        self.date_from.editingFinished.connect(self._dates_edited)
        self.date_to.editingFinished.connect(self._dates_edited)
        self.clear_button.clicked.connect(self.clear)
        self._layout()
        self._dates = (None, None)

    # Building -------------------------------------------------------------------------

    def _combo(self, name: str, everything: str, choices: list) -> QComboBox:  # type: ignore[type-arg]
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for choice in choices:
            combo.addItem(choice.label, choice.value)
        return combo

    def _date_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setPlaceholderText(self.tr("e.g. R8.4.1"))
        field.setMaximumWidth(130)
        return field

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        return label

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        period = QHBoxLayout()
        period.addWidget(self.year)
        period.addWidget(self.month)
        period.addSpacing(12)
        period.addWidget(QLabel(self.tr("From"), self))
        period.addWidget(self.date_from)
        period.addWidget(self.date_from_error)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.date_to)
        period.addWidget(self.date_to_error)
        period.addStretch(1)
        grid.addLayout(period, 0, 0, 1, 2)
        choices = QHBoxLayout()
        for widget in (self.office, self.topic, self.officer, self.channel, self.follow_up):
            choices.addWidget(widget)
        choices.addStretch(1)
        grid.addLayout(choices, 1, 0, 1, 2)
        grid.addWidget(self.search, 2, 0)
        grid.addWidget(self.clear_button, 2, 1)

    # Reacting ---------------------------------------------------------------------

    def _year_chosen(self) -> None:
        chosen = self.year.currentData() is not None
        self.month.blockSignals(True)
        if not chosen:
            self.month.setCurrentIndex(0)
        self.month.setEnabled(chosen)
        self.month.blockSignals(False)
        self.changed.emit()

    def _read_date(self, field: QLineEdit, error: QLabel) -> date | None:
        text = field.text().strip()
        if not text:
            error.hide()
            return None
        try:
            day = parse_date(text)
        except RulesValidationError as refusal:
            # A bad date says so beside the field and narrows nothing.
            error.setText(str(refusal))
            error.show()
            return None
        error.hide()
        return day

    def _dates_edited(self) -> None:
        dates = (
            self._read_date(self.date_from, self.date_from_error),
            self._read_date(self.date_to, self.date_to_error),
        )
        if dates != self._dates:
            self._dates = dates
            self.changed.emit()

    def _search_now(self) -> None:
        # Enter does not wait for the pause.
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        """Every filter back to 'everything', with one `changed` at the end."""
        self.blockSignals(True)
        try:
            for combo in (self.year, self.month, self.topic, self.officer, self.channel):
                combo.setCurrentIndex(0)
            self.follow_up.setCurrentIndex(0)
            if self.office.isEnabled():
                self.office.setCurrentIndex(0)
            for field in (self.date_from, self.date_to, self.search):
                field.clear()
            self._dates_edited()
        finally:
            self.blockSignals(False)
        self._debounce.stop()
        self.changed.emit()

    # Reading ----------------------------------------------------------------------

    def period(self) -> tuple[date | None, date | None]:
        """The days chosen: the 年度 (or its month), narrowed further by the range typed."""
        first, last = self._dates
        fy = self.year.currentData()
        if fy is not None:
            month = self.month.currentData()
            start, end = fiscal_year_range(fy) if month is None else month_range(fy, month)
            first = start if first is None else max(first, start)
            last = end if last is None else min(last, end)
        return first, last

    def current(self) -> ConsultationFilter:
        first, last = self.period()
        follow_up = self.follow_up.currentData()
        return ConsultationFilter(
            text=self.search.text(),
            date_from=first,
            date_to=last,
            office_id=self.office.currentData(),
            topic_code=self.topic.currentData(),
            staff_id=self.officer.currentData(),
            channel=self.channel.currentData(),
            # Qt hands the enum back as a plain str; the listing compares members.
            follow_up=FollowUp(follow_up) if follow_up else None,
        )
