"""年度, programme and division chosen together: only the programmes open in that 年度."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from kyodo_desktop.rules import Division, format_fiscal_year, programme, programmes

FIRST_YEAR, LAST_YEAR = 2006, 2099  # the ward's programmes began in FY2006 (平成18年度)


class ProgrammeChoice(QObject):
    """The three fields and the note that names the programmes closed that 年度."""

    changed = Signal()

    def __init__(self, fiscal_year: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.year_box = QSpinBox(parent)
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(fiscal_year)
        self.year_label = QLabel(parent)
        self.year_row = QWidget(parent)  # the 年度 and its 和暦 reading side by side
        row = QHBoxLayout(self.year_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.year_box)
        row.addWidget(self.year_label, 1)
        self.year_row.setFocusProxy(self.year_box)
        self.programme_box = QComboBox(parent)
        self.closed_note = QLabel(parent)
        self.closed_note.setWordWrap(True)
        self.division_box = QComboBox(parent)
        self.year_box.valueChanged.connect(self._year_changed)
        self.programme_box.currentIndexChanged.connect(self._programme_changed)
        self.division_box.currentIndexChanged.connect(self.changed)
        self._year_changed()

    @property
    def fiscal_year(self) -> int:
        return self.year_box.value()

    @property
    def code(self) -> str | None:
        return self.programme_box.currentData()

    def division(self) -> Division | None:
        """The division chosen (an undivided programme has one, with no code)."""
        if self.code is None:
            return None
        item = programme(self.code)
        version = item.version_for(self.fiscal_year) or item.latest
        return version.division(self.division_box.currentData())

    def _year_changed(self) -> None:
        fy = self.fiscal_year
        self.year_label.setText(format_fiscal_year(fy))
        chosen = self.code
        self.programme_box.blockSignals(True)
        self.programme_box.clear()
        closed = []
        for item in programmes():
            if item.is_open(fy):
                self.programme_box.addItem(item.label, item.code)
            else:
                closed.append(item.label)
        self.programme_box.setCurrentIndex(max(self.programme_box.findData(chosen), 0))
        self.programme_box.blockSignals(False)
        self.closed_note.setText(
            QCoreApplication.translate("ApplicationForm", "Not taking applications in %1: %2")
            .replace("%1", format_fiscal_year(fy))
            .replace("%2", "、".join(closed))
            if closed
            else ""
        )
        self._programme_changed()

    def _programme_changed(self) -> None:
        chosen = self.division_box.currentData()
        self.division_box.blockSignals(True)
        self.division_box.clear()
        if self.code is not None:
            item = programme(self.code)
            version = item.version_for(self.fiscal_year) or item.latest
            for division in version.divisions:
                self.division_box.addItem(
                    division.name or QCoreApplication.translate("ApplicationForm", "(no division)"),
                    division.code,
                )
        self.division_box.setCurrentIndex(max(self.division_box.findData(chosen), 0))
        self.division_box.setEnabled(self.division_box.count() > 1)
        self.division_box.blockSignals(False)
        self.changed.emit()
