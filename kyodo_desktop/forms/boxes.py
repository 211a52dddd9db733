"""A labelled box of a form that, when too long for the page, continues on the next one.

reportlab's own in-row table splitting leaves the first part as tall as the whole and loses
the label; this box splits its text (a Paragraph splits between lines) and repeats its label
with 「（続き）」 on the part that follows, so a long 目的・内容 is never cut off.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

PAD = 4.0  # points of space between a box's rule and its text
CONTINUED = "（続き）"


class LabelledBox(Flowable):
    """One row of a ruled box: a shaded label at the left, the value beside it."""

    def __init__(
        self,
        label: Paragraph,
        value: Flowable | None,
        *,
        label_width: float,
        min_height: float,
        shade: colors.Color,
        grid: colors.Color,
        continued: bool = False,
    ) -> None:
        super().__init__()
        self.label = label
        self.value = value
        self.label_width = label_width
        self.min_height = min_height
        self.shade = shade
        self.grid = grid
        self.continued = continued
        self._value_height = 0.0
        self._label_height = 0.0

    def _value_width(self, available_width: float) -> float:
        return available_width - self.label_width - 2 * PAD

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, self._label_height = self.label.wrap(self.label_width - 2 * PAD, available_height)
        self._value_height = 0.0
        if self.value is not None:
            _, self._value_height = self.value.wrap(
                self._value_width(available_width), available_height
            )
        inner = max(self._value_height, self._label_height)
        self.height = max(self.min_height, inner + 2 * PAD)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self.height <= available_height:
            return [self]
        if self.value is None or available_height < 3 * PAD + self._label_height:
            return []  # nothing fits: the whole box goes to the next page
        parts = self.value.split(self._value_width(available_width), available_height - 2 * PAD)
        if len(parts) < 2:
            return []
        first, *rest = parts
        head = self._with(first, self.label, continued=self.continued)
        label = self.label
        if not self.continued:
            label = Paragraph(self.label.text + CONTINUED, self.label.style)
        if len(rest) == 1:
            tail = rest[0]
        else:  # a flowable that splits into more than two: keep them together in order
            from reportlab.platypus.flowables import KeepTogether

            tail = KeepTogether(rest)
        return [head, self._with(tail, label, continued=True)]

    def _with(self, value: Flowable, label: Paragraph, *, continued: bool) -> LabelledBox:
        return LabelledBox(
            label,
            value,
            label_width=self.label_width,
            min_height=0,
            shade=self.shade,
            grid=self.grid,
            continued=continued,
        )

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.shade)
        canvas.rect(0, 0, self.label_width, self.height, stroke=0, fill=1)
        canvas.setStrokeColor(self.grid)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.line(self.label_width, 0, self.label_width, self.height)
        canvas.restoreState()
        top = self.height - PAD
        self.label.drawOn(canvas, PAD, top - self._label_height)
        if self.value is not None:
            self.value.drawOn(canvas, self.label_width + PAD, top - self._value_height)
