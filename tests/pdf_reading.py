"""Reading a printed PDF back the way a person checks it: its text, pages and fonts."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with all white space removed (lines wrap anywhere in Japanese)."""
    return [re.sub(r"\s", "", page.extract_text()) for page in reader(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    """The whole document's text, white space removed."""
    return "".join(page_texts(pdf))


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use: its base name → whether its glyphs are embedded."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"]).lstrip("/")] = embedded
    return found
