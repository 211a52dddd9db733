"""The IPAex fonts for printing, registered once with reportlab from the package's files.

reportlab embeds only the glyphs a document uses (a subset per font), so every PC and
viewer shows the same characters whatever fonts are installed on it.
"""

from __future__ import annotations

import functools
from importlib import resources
from io import BytesIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

GOTHIC = "IPAexGothic"  # headings, labels, figures
MINCHO = "IPAexMincho"  # what a person reads: the body of a form
_FILES = {GOTHIC: "ipaexg.ttf", MINCHO: "ipaexm.ttf"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register both fonts (idempotent); their names, Gothic first."""
    folder = resources.files("kyodo_desktop.resources") / "fonts"
    for name, file in _FILES.items():
        # The bytes, not a path: the package may be a zip or a frozen bundle.
        data = BytesIO((folder / file).read_bytes())
        pdfmetrics.registerFont(TTFont(name, data))
    return GOTHIC, MINCHO
