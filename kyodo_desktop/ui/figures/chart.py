"""The chart beside a figure table, drawn with Qt's own charts from the table's model.

Bars, stacked bars and pies take one category (or slice) per line, the total left out: it
would dwarf the lines it sums. Bars lie flat, so that a programme's or an office's whole
name reads beside its bar. A line chart runs along time: the 年度 of the history table
are its lines (drawn oldest first), the months of the month table its columns. A click on
a bar, a slice or a point asks for the records behind that figure, as a click in the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kyodo_desktop.services.figures.year import Drill, FigureLine, FigureTable
from kyodo_desktop.ui.figures.table import FigureTableModel
from kyodo_desktop.ui.resources import UI_FONT_FAMILY

# Tables whose line chart runs along their columns (the months), one line per line.
LINES_ALONG_COLUMNS = frozenset({"office_month"})
# Beyond this many lines (17 offices) a line each is a tangle: the total's line is drawn.
MAX_LINES = 8
# Distinct colours (Tableau 10 and two more): the theme's own repeat after five, and eleven
# topics or six programmes must each be told apart.
COLOURS = tuple(
    QColor(code)
    for code in (
        "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948",
        "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC", "#3D3D3D", "#D37295",
    )
)  # fmt: skip
# A bar's label needs its line's height: a chart of 17 offices grows to keep every name.
BAR_ROOM = 30  # Qt Charts shortens a name to 「…」 with less
MINIMUM_HEIGHT = 300
CHART_ROOM = 60

# 「令和8年度」 under a point of a 20-年度 line leaves 35 px a label: 「R8」 as in 「R8.10.21」.
FISCAL_LABEL = re.compile(r"^(令和|平成)(\d+|元)年度$")
ERA_INITIALS = {"令和": "R", "平成": "H"}


def short_fiscal(label: str) -> str:
    """``'令和8年度'`` → ``'R8'`` (``'令和元年度'`` → ``'R元'``); any other label as it is."""
    found = FISCAL_LABEL.match(label)
    return label if found is None else ERA_INITIALS[found[1]] + found[2]


class FigureChart(QChartView):
    """Redraws whenever the model is given another table; `drill_requested(Drill, value)`."""

    drill_requested = Signal(object, int)

    def __init__(self, model: FigureTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(MINIMUM_HEIGHT)
        self._font = QFont(UI_FONT_FAMILY, 9)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setFont(self._font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setChart(chart)
        model.modelReset.connect(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        table = self._model.table
        self.setMinimumHeight(MINIMUM_HEIGHT)
        if table is None or not table.lines:
            return
        draw = {
            "bar": self._bars,
            "stacked": self._bars,
            "line": self._lines,
            "pie": self._pie,
        }.get(table.chart.kind)
        if draw is not None:
            draw(chart, table)

    # Kinds --------------------------------------------------------------------------

    def _bars(self, chart: QChart, table: FigureTable) -> None:
        stacked = table.chart.kind == "stacked"
        series: QAbstractBarSeries = (
            QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
        )
        # Drawn bottom up: reversed, the bars read top down in the table's order.
        lines = list(reversed(table.lines))
        for n, column in enumerate(table.chart.columns):
            bars = QBarSet(table.columns[column])
            bars.setColor(COLOURS[n % len(COLOURS)])
            bars.setBorderColor(COLOURS[n % len(COLOURS)])
            bars.append([float(line.values[column]) for line in lines])
            bars.clicked.connect(self._asker(lines, column))
            series.append(bars)
        chart.addSeries(series)
        if stacked:
            top = max(sum(line.values[c] for c in table.chart.columns) for line in lines)
        else:
            top = max(line.values[c] for line in lines for c in table.chart.columns)
        self._axes(chart, [line.label for line in lines], top, across_left=True)
        self.setMinimumHeight(max(MINIMUM_HEIGHT, BAR_ROOM * len(lines) + CHART_ROOM))

    def _lines(self, chart: QChart, table: FigureTable) -> None:
        if table.key in LINES_ALONG_COLUMNS:
            drawn = list(table.lines)
            if len(drawn) > MAX_LINES and table.total is not None:
                drawn = [table.total]
            categories = [table.columns[c] for c in table.chart.columns]
            for line in drawn:
                points = [float(line.values[c]) for c in table.chart.columns]
                self._line(chart, line.label, points, self._point_asker(line, table))
            top = max(line.values[c] for line in drawn for c in table.chart.columns)
        else:
            oldest_first = list(reversed(table.lines))
            categories = [line.label for line in oldest_first]
            for column in table.chart.columns:
                points = [float(line.values[column]) for line in oldest_first]
                ask = self._asker(oldest_first, column)
                self._line(chart, table.columns[column], points, ask)
            top = max(line.values[c] for line in table.lines for c in table.chart.columns)
        self._axes(chart, [short_fiscal(name) for name in categories], top, across_left=False)

    def _line(
        self, chart: QChart, name: str, points: list[float], ask: Callable[[int], None]
    ) -> None:
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(COLOURS[len(chart.series()) % len(COLOURS)], 2))
        series.setPointsVisible(True)
        for x, y in enumerate(points):
            series.append(QPointF(x, y))
        series.clicked.connect(lambda point: ask(round(point.x())))
        chart.addSeries(series)

    def _pie(self, chart: QChart, table: FigureTable) -> None:
        column = table.chart.columns[0]
        unit = table.units[column]
        series = QPieSeries()
        for row, line in enumerate(table.lines):
            value = line.values[column]
            piece = series.append(f"{line.label} {value:,}{unit}", float(value))
            piece.setLabelVisible(value > 0)  # a slice of nothing would only crowd the labels
            piece.setLabelFont(self._font)
            piece.setColor(COLOURS[row % len(COLOURS)])
            piece.clicked.connect(lambda row=row: self._asker(table.lines, column)(row))
        series.setPieSize(0.7)
        chart.addSeries(series)

    # Axes and clicks ----------------------------------------------------------------

    def _axes(self, chart: QChart, categories: list[str], top: int, *, across_left: bool) -> None:
        across = QBarCategoryAxis()
        across.append(categories)
        across.setLabelsFont(self._font)
        up = QValueAxis()
        up.setLabelFormat("%d")
        up.setLabelsFont(self._font)
        up.setRange(0, max(top, 1))
        up.applyNiceNumbers()
        up.setMinorTickCount(0)
        if across_left:
            chart.addAxis(across, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(up, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(across, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(up, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(across)
            series.attachAxis(up)

    def _asker(self, lines: tuple[FigureLine, ...] | list[FigureLine], column: int):  # type: ignore[no-untyped-def]
        def ask(row: int) -> None:
            if 0 <= row < len(lines):
                self._ask(lines[row].drills[column], lines[row].values[column])

        return ask

    def _point_asker(self, line: FigureLine, table: FigureTable):  # type: ignore[no-untyped-def]
        columns = table.chart.columns

        def ask(at: int) -> None:
            if 0 <= at < len(columns):
                self._ask(line.drills[columns[at]], line.values[columns[at]])

        return ask

    def _ask(self, drill: Drill | None, value: int) -> None:
        if drill is not None:
            self.drill_requested.emit(drill, value)
