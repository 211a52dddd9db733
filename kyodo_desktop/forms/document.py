"""A printed document: one or more sheets (様式) on A4, each with its own footer.

A sheet's footer carries its document number, the office that printed it and "n / m", the
page within the sheet, so that a batch of 250 applications reads as 250 separate forms.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from .fonts import GOTHIC, MINCHO, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE = 20 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
FOOTER_Y = 10 * mm
AUTHOR = "練馬区 協働デスク"


@dataclass
class Sheet:
    """One form as printed: what goes on its pages and what its footer says."""

    title: str  # 交付申請書, shown in the PDF's outline
    story: list[Flowable] = field(default_factory=list)
    document_number: str = ""
    office: str = ""
    outline: str = ""  # the outline entry when it must say more than the title (団体名)


class _SheetMark(Flowable):
    """Marks where a sheet begins, so that the footer knows whose pages follow."""

    def __init__(self, index: int, outline: str | None) -> None:
        super().__init__()
        self.index = index
        self.outline = outline
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.sheet_index = self.index  # type: ignore[attr-defined]
        if self.outline:
            key = f"sheet{self.index}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(self.outline, key, level=0)


class _FooterCanvas(Canvas):
    """Holds every page until the end, then draws each footer knowing its sheet's length."""

    def __init__(self, *args: Any, sheets: Sequence[Sheet], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheets = sheets
        self.sheet_index = 0
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for page in self._pages:
            counts[page["sheet_index"]] = counts.get(page["sheet_index"], 0) + 1
        seen: dict[int, int] = {}
        for page in self._pages:
            self.__dict__.update(page)
            index = page["sheet_index"]
            seen[index] = seen.get(index, 0) + 1
            self._draw_footer(self.sheets[index], seen[index], counts[index])
            super().showPage()
        super().save()

    def _draw_footer(self, sheet: Sheet, page: int, pages: int) -> None:
        self.saveState()
        self.setFont(GOTHIC, 8)
        self.setFillGray(0.3)
        if sheet.document_number:
            self.drawString(MARGIN_SIDE, FOOTER_Y, f"文書番号　{sheet.document_number}")
        self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"{page} / {pages}")
        if sheet.office:
            self.drawRightString(PAGE_WIDTH - MARGIN_SIDE, FOOTER_Y, sheet.office)
        self.restoreState()


def render(sheets: Sequence[Sheet], *, title: str = "") -> bytes:
    """The PDF of ``sheets``, each starting on a new page; fonts embedded as subsets."""
    if not sheets:
        raise ValueError("a document needs at least one sheet")
    register_fonts()
    out = BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title or sheets[0].title,
        author=AUTHOR,
        creator="kyodo-desktop",
        invariant=True,  # the same records print the same bytes
        initialFontName=MINCHO,  # no unembedded Helvetica
    )
    frame = Frame(
        MARGIN_SIDE,
        MARGIN_BOTTOM,
        BODY_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate("form", [frame])])
    story: list[Flowable] = []
    many = len(sheets) > 1
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story.append(_SheetMark(index, (sheet.outline or sheet.title) if many else None))
        story.extend(sheet.story)
    document.build(story, canvasmaker=functools.partial(_FooterCanvas, sheets=sheets))
    return out.getvalue()
