"""集計: one 年度's figures (実績), a tab per table with its chart, each figure drillable.

A narrow table (方法別, フォローの期限) has its chart beside it; a wide one (twelve months,
eleven topics) has it underneath, so that every column reads without scrolling at the
window's usual width.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.services.figures.year import (
    FIRST_FY,
    Drill,
    FigureSet,
    FigureTable,
    year_figures,
)
from kyodo_desktop.services.groups.registry import office_choices
from kyodo_desktop.services.permissions import office_scope
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.figures.chart import FigureChart
from kyodo_desktop.ui.figures.drill_dialog import DrillDialog
from kyodo_desktop.ui.figures.table import FigureTableModel
from kyodo_desktop.ui.formatting import fiscal
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal

SIDE_BY_SIDE = 0.5  # a table at most this share of the width leaves the chart room beside it
ROW_HEIGHT = 24
ANY_WIDTH = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide does not export


class FigurePanel(QScrollArea):
    """One table as on paper: its title, the figures whole, how to read them, and its chart.

    The page scrolls rather than the table or the chart: every figure and every name under
    a bar is there to read, none cut short to fit the window.
    """

    drill_requested = Signal(object, int)  # (Drill, the figure clicked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget(self)
        self.model = FigureTableModel(parent=self)
        self.heading = QLabel(page)
        self.heading.setObjectName("figureTitle")
        self.heading.setStyleSheet("font-weight: bold;")
        self.table = QTableView(page)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel(page)
        self.note.setObjectName("figureNote")
        self.note.setWordWrap(True)
        self.chart = FigureChart(self.model, page)
        self.figures = QVBoxLayout()
        self.figures.addWidget(self.table)
        self.figures.addWidget(self.note)
        self.figures.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addLayout(self.figures)
        self.body.addWidget(self.chart, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addLayout(self.body, 1)
        self.setWidget(page)
        # A click reads as "show me these"; Enter does the same from the keyboard.
        self.table.clicked.connect(self._ask)
        self.table.activated.connect(self._ask)
        self.chart.drill_requested.connect(self.drill_requested)

    def show_table(self, table: FigureTable | None) -> None:
        self.model.set_table(table)
        self.heading.setText("" if table is None else table.title)
        self.note.setText("" if table is None else table.note)
        self.note.setVisible(bool(table and table.note))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for section in range(1, self.model.columnCount()):
            header.resizeSection(section, max(header.sectionSize(section), 64))
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The chart beside a narrow table, under a wide one; the table as tall as its lines."""
        frame = 2 * self.table.frameWidth()
        wide = self.table.horizontalHeader().length() + frame
        tall = self.table.horizontalHeader().sizeHint().height() + frame
        tall += ROW_HEIGHT * self.model.rowCount()
        room = self.viewport().width() - 24  # the page's margins
        beside = wide <= room * SIDE_BY_SIDE
        if not beside and wide > room:
            tall += self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.table.setFixedHeight(tall)
        self.table.setMaximumWidth(wide if beside else ANY_WIDTH)
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )

    def _ask(self, index: QModelIndex) -> None:
        drill, value = self.model.drill_at(index), self.model.value_at(index)
        if drill is not None and value is not None:
            self.drill_requested.emit(drill, value)


class FigureScreen(QWidget):
    """The figures of the 年度 and office chosen; `figures_changed` after each reading."""

    figures_changed = Signal()

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.key = "figures"
        self.setObjectName(self.key)
        self._workspace = workspace
        self._today = today
        self._figures: FigureSet | None = None
        self._shown = False
        self.title = QLabel(self.tr("Figures"), self)
        self.title.setObjectName("screenTitle")
        self.year_box = QComboBox(self)
        for year in range(fiscal_year(today or date.today()), FIRST_FY - 1, -1):
            self.year_box.addItem(fiscal(year), year)
        self.office_box = QComboBox(self)
        actor = workspace.actor
        assert actor is not None
        own_office = office_scope(actor)
        if own_office is not None:  # a counter officer: their own office's figures only
            self.office_box.addItem(actor.office_name, own_office)
            self.office_box.setEnabled(False)
            self.office_box.setToolTip(self.tr("Counter staff see the figures of their office"))
        else:
            self.office_box.addItem(self.tr("All offices"), None)
            for office in office_choices(workspace.database, actor):
                self.office_box.addItem(f"{office.code} {office.name}", office.id)
        self.actions = QHBoxLayout()  # buttons acting on the figures shown (書き出し…)
        bar = QHBoxLayout()
        for text, box in (
            (self.tr("Fiscal year"), self.year_box),
            (self.tr("Office"), self.office_box),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(box)
            bar.addWidget(caption)
            bar.addWidget(box)
            bar.addSpacing(12)
        bar.addStretch(1)
        bar.addLayout(self.actions)
        self.tabs = QTabWidget(self)
        self.panels: dict[str, FigurePanel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.year_box.currentIndexChanged.connect(self.reload)
        self.office_box.currentIndexChanged.connect(self.reload)
        self.reload()
        from kyodo_desktop.ui.figures.export_dialog import export_button  # 書き出し…

        self.actions.addWidget(export_button(self, workspace))
        from kyodo_desktop.ui.figures.review import ReviewPanel  # 要確認 (issue 17)

        self.review = ReviewPanel(workspace, self.tabs)
        self.tabs.addTab(self.review, self.tr("To be checked"))

    # What the screen shows ----------------------------------------------------------

    def current_figures(self) -> FigureSet | None:
        """The figures on screen (None if they could not be read), for export."""
        return self._figures

    def fiscal_year(self) -> int:
        return int(self.year_box.currentData())

    def office_id(self) -> uuid.UUID | None:
        return self.office_box.currentData()

    def reload(self) -> None:
        """Read the chosen 年度's figures again (< 0.3 s on a ward's data: on this thread)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            figures = year_figures(
                self._workspace.database,
                self._workspace.actor,
                self.fiscal_year(),
                self.office_id(),
                today=self._today,
            )
        except Exception as error:  # a locked or damaged database, a 年度 refused
            QGuiApplication.restoreOverrideCursor()
            self._show(None)
            if not tell_refusal(self, error):
                raise  # a bug
            return
        QGuiApplication.restoreOverrideCursor()
        self._show(figures)

    def _show(self, figures: FigureSet | None) -> None:
        self._figures = figures
        if figures is None:
            for panel in self.panels.values():
                panel.show_table(None)
        else:
            names = self._tab_names()
            for table in figures.tables:
                panel = self.panels.get(table.key)
                if panel is None:
                    panel = FigurePanel(self.tabs)
                    panel.setObjectName(f"figures-{table.key}")
                    panel.drill_requested.connect(self.open_drill)
                    self.panels[table.key] = panel
                    review = self.tabs.indexOf(getattr(self, "review", None))
                    at = review if review >= 0 else self.tabs.count()  # 要確認 stays last
                    self.tabs.insertTab(at, panel, names.get(table.key, table.title))
                panel.show_table(table)
        self.figures_changed.emit()

    def _tab_names(self) -> dict[str, str]:
        return {
            "programmes": self.tr("By programme"),
            "history": self.tr("Groups funded by year"),
            "steps": self.tr("By step"),
            "office_topic": self.tr("By office and topic"),
            "office_month": self.tr("By office and month"),
            "channels": self.tr("By channel"),
            "follow_ups": self.tr("Follow-ups"),
            "paper": self.tr("The paper's figures"),
        }

    # Drilling -----------------------------------------------------------------------

    def open_drill(self, drill: Drill, value: int) -> DrillDialog | None:
        """The records behind a figure; a figure of 0 has none to show."""
        if value == 0:
            return None
        return DrillDialog.open_for(self._workspace, drill, self)

    # The main window's hooks --------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Coming back to the screen: records were saved meanwhile; a restored window is not.
        if self._shown and not event.spontaneous():
            self.reload()
            self.review.reload()
        self._shown = True

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(f"screens/{self.key}/tab", self.tabs.currentIndex())

    def restore_layout(self, settings: QSettings) -> None:
        tab = settings.value(f"screens/{self.key}/tab")
        if tab is not None and 0 <= int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))
