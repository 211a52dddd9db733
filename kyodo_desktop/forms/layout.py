"""The parts every form is made of: title, 宛先, signer, ruled tables, boxes, seals.

Each function returns reportlab flowables for a `Sheet`'s story. A value of ``None`` (or
empty text) leaves the space blank for handwriting, so that a blank form and a pre-filled
one are the same form. Text a person typed is escaped and wraps inside its box; a box too
long for the page continues on the next one (the table rows split), never cut off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kyodo_desktop.rules.calendar import format_wareki, to_wareki

from .boxes import LabelledBox
from .document import BODY_WIDTH
from .fonts import GOTHIC, MINCHO, register_fonts

LINE = 6.5 * mm  # one handwritten line
SHADE = colors.Color(0.93, 0.93, 0.93)
GRID = colors.Color(0.2, 0.2, 0.2)
BLANK_DATE = "令和　　年　　月　　日"


def _style(
    name: str, font: str, size: float, align: int = TA_LEFT, **extra: object
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * 1.5,
        alignment=align,
        wordWrap="CJK",  # Japanese breaks between any two characters
        **extra,
    )


BODY = _style("body", MINCHO, 10.5)
BODY_RIGHT = _style("body_right", MINCHO, 10.5, TA_RIGHT)
BODY_CENTER = _style("body_center", MINCHO, 10.5, TA_CENTER)
SMALL = _style("small", MINCHO, 8.5)
LABEL = _style("label", GOTHIC, 9.5)
LABEL_CENTER = _style("label_center", GOTHIC, 9.5, TA_CENTER)
FIGURE = _style("figure", GOTHIC, 10.5, TA_RIGHT)
TITLE = _style("title", GOTHIC, 16, TA_CENTER, spaceBefore=2 * mm, spaceAfter=5 * mm)
SUBTITLE = _style("subtitle", GOTHIC, 11, TA_CENTER, spaceAfter=3 * mm)


def text(value: str | None, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of typed text: escaped, its line breaks kept."""
    register_fonts()  # a paragraph measures its text with the font when it is made
    # A paragraph folds runs of white space, the full-width 「　」 too: kept as a character
    # entity, the blanks of 「令和　　年　　月　　日」 keep their room for the pen.
    kept = escape(value or "").replace("\u3000", "&#12288;")
    lines = kept.replace("\r\n", "\n").split("\n")
    return Paragraph("<br/>".join(lines), style)


def yen(amount: int | None) -> str:
    """``50000`` → ``'50,000円'``; an unknown amount is left blank (``'円'``) for the pen."""
    return "円" if amount is None else f"{amount:,}円"


def wareki(day: dt.date | None) -> str:
    """``令和8年4月1日``; no date gives the blank 「令和　　年　　月　　日」."""
    return BLANK_DATE if day is None else format_wareki(day)


def period(starts_on: dt.date | None, ends_on: dt.date | None) -> str:
    """事業期間: 「令和8年4月1日 から 令和9年3月31日 まで」, blanks where unknown."""
    return f"{wareki(starts_on)}　から　{wareki(ends_on)}　まで"


def fiscal_title(fiscal_year: int | None, name: str) -> str:
    """「令和8年度 …」; a blank year stays 「令和　　年度 …」 for the pen."""
    if fiscal_year is None:
        return f"令和　　年度　{name}"
    era = to_wareki(dt.date(fiscal_year, 4, 1))
    return f"{era.era.name}{era.year_text}年度　{name}"


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def title(name: str, subtitle: str = "") -> list[Flowable]:
    """The form's name at the top of its first page."""
    parts: list[Flowable] = [text(name, TITLE)]
    if subtitle:
        parts.append(text(subtitle, SUBTITLE))
    return parts


def date_line(day: dt.date | None, number: str | None = None) -> list[Flowable]:
    """Top right: the document number (文書番号) when it has one, and the date."""
    parts: list[Flowable] = []
    if number is not None:
        parts.append(text(number or "第　　　　　号", BODY_RIGHT))
    parts.append(text(wareki(day), BODY_RIGHT))
    return parts


def addressee(name: str = "練馬区長", honorific: str = "殿") -> Paragraph:
    """The 宛先 at the left: 「練馬区長　殿」 on what a group hands in, 「様」 on what it receives."""
    return text(f"{name}　{honorific}", _style("addressee", MINCHO, 12, spaceBefore=3 * mm))


@dataclass(frozen=True)
class Field:
    """One row of a form's ruled box: a label and a value (None leaves it blank)."""

    label: str
    value: str | Flowable | None = None
    lines: int = 1  # the height left for handwriting when the value is blank


def _cell(value: str | Flowable | None, style: ParagraphStyle = BODY) -> Flowable | str:
    if value is None:
        return ""
    if isinstance(value, str):
        return text(value, style)
    return value


def _ruled(
    data: list[list[object]],
    widths: Sequence[float],
    heights: Sequence[float | None] | None = None,
    extra: Sequence[tuple[object, ...]] = (),
    repeat_rows: int = 0,
) -> Table:
    table = Table(
        data,
        colWidths=list(widths),
        rowHeights=None,
        minRowHeights=list(heights) if heights else None,
        repeatRows=repeat_rows,
        splitInRow=1,  # a box longer than the page continues on the next one
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),
                *extra,
            ]
        )
    )
    return table


def fields(rows: Sequence[Field], label_width_mm: float = 32) -> list[Flowable]:
    """A two-column ruled box: shaded labels at the left, values (or blank space) beside.

    Each row is its own flowable, so a long value continues on the next page under its
    label marked 「（続き）」.
    """
    return [
        LabelledBox(
            text(row.label, LABEL),
            None if row.value in (None, "") else _cell(row.value),  # type: ignore[arg-type]
            label_width=label_width_mm * mm,
            min_height=LINE * max(1, row.lines),
            shade=SHADE,
            grid=GRID,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class Column:
    """A column of a ruled table; ``width`` is a share of the page's width."""

    title: str
    width: float
    align: str = "left"  # "left", "right" (amounts) or "center"


def _value(value: object, column: Column) -> Flowable | str:
    if value is None:
        return ""
    if isinstance(value, Flowable):
        return value
    shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    style = {"right": FIGURE, "center": BODY_CENTER}.get(column.align, BODY)
    return text(shown, style)


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    total: Sequence[object] | None = None,
    blank_rows: int = 0,
) -> Table:
    """A ruled table with a shaded header, rows, blank rows to fill by hand and a total row.

    Integers are written with thousands separators; the header repeats on a following page.
    """
    share = sum(column.width for column in columns)
    widths = [BODY_WIDTH * column.width / share for column in columns]
    data: list[list[object]] = [[text(c.title, LABEL_CENTER) for c in columns]]
    data += [[_value(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]
    data += [["" for _ in columns] for _ in range(blank_rows)]
    extra: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if total is not None:
        data.append([_value(v, c) for v, c in zip(total, columns, strict=True)])
        extra += [
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ("LINEABOVE", (0, -1), (-1, -1), 1.2, GRID),
        ]
    heights = [LINE] * len(data)
    return _ruled(data, widths, heights, extra, repeat_rows=1)


def signer(rows: Sequence[Field], *, seal: bool = True, heading: str = "申請者") -> Table:
    """The signer's block at the right half (所在地・団体名・代表者 … 印), values underlined."""
    label_width = 24 * mm
    value_width = BODY_WIDTH * 0.58 - label_width
    data: list[list[object]] = [[text(heading, LABEL), "", ""]]
    for index, row in enumerate(rows):
        last = index == len(rows) - 1
        mark = text("印", BODY_CENTER) if seal and last else ""
        data.append([text(row.label, LABEL), _cell(row.value), mark])
    widths = (label_width, value_width - 8 * mm, 8 * mm)
    table = Table(data, colWidths=widths, minRowHeights=[LINE] * len(data), hAlign="RIGHT")
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 1), (-1, -1), 0.5, GRID),
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),  # blank cells too: no Helvetica in the file
    ]
    if seal and rows:
        style.append(("BOX", (2, len(rows)), (2, len(rows)), 0.5, GRID))
    table.setStyle(TableStyle(style))
    return table


def checklist(
    items: Sequence[str], checked: Collection[str] = (), *, heading: str = "添付書類"
) -> Flowable:
    """A box of □ items; the items handed in are marked ■."""
    lines = [f"{'■' if item in checked else '□'}　{item}" for item in items]
    return fields([Field(heading, "\n".join(lines), lines=len(items))])[0]


def seals(labels: Sequence[str] = ("受付印", "課長", "係長", "担当")) -> Table:
    """The ward's own boxes (受付印, 決裁欄) at the foot of a form, left empty."""
    width = 22 * mm
    table = Table(
        [[text(label, LABEL_CENTER) for label in labels], ["" for _ in labels]],
        colWidths=[width] * len(labels),
        rowHeights=[LINE, 20 * mm],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),  # blank cells: no Helvetica
            ]
        )
    )
    return table  # on its own in a story, wrap it in KeepTogether: a box without its heading is no seal box


def lead(sentence: str) -> Paragraph:
    """The sentence of the request (「下記のとおり申請します。」)."""
    return text(sentence, _style("lead", MINCHO, 10.5, spaceBefore=4 * mm, spaceAfter=3 * mm))


def note_mark() -> Paragraph:
    """「記」, centred, before the particulars."""
    return text("記", _style("ki", MINCHO, 11, TA_CENTER, spaceAfter=3 * mm))


def amount_line(label: str, amount: int | None, *, formal: str = "") -> Table:
    """A boxed amount: 「請求金額　金 50,000 円」, with its 大字 beside when given."""
    shown = f"金　{amount:,}　円" if amount is not None else "金　　　　　　　　　　円"
    cells: list[object] = [text(label, LABEL), text(shown, _style("amount", GOTHIC, 13, TA_CENTER))]
    widths = [32 * mm, BODY_WIDTH - 32 * mm]
    if formal:
        cells.append(text(formal, BODY_CENTER))
        widths = [32 * mm, (BODY_WIDTH - 32 * mm) / 2, (BODY_WIDTH - 32 * mm) / 2]
    return _ruled([cells], widths, [LINE * 2], [("BACKGROUND", (0, 0), (0, 0), SHADE)])
