"""Fonts and translations shipped in the package, installed into the running application."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_FILES = ("ipaexg.ttf", "ipaexm.ttf")
UI_FONT_FAMILY = "IPAexGothic"

# Qt may keep pointing into the bytes it was given instead of copying them, so the font
# data must live as long as the application (dropping it garbled later lookups).
_font_data: list[bytes] = []


def install_fonts(app: QApplication, point_size: int = 10) -> list[str]:
    """Register the IPAex fonts so every branch PC shows the same glyphs."""
    families: list[str] = []
    folder = resources.files("kyodo_desktop.resources") / "fonts"
    for name in FONT_FILES:
        data = (folder / name).read_bytes()
        _font_data.append(data)
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            raise RuntimeError(f"the bundled font {name} could not be loaded")
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(UI_FONT_FAMILY, point_size)
    app.setFont(font)
    return families


def install_translations(app: QApplication, language: str = "ja") -> list[QTranslator]:
    """Qt's own dialogs and ours, in the officer's language (Japanese by default)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    locale = QLocale(language)
    QLocale.setDefault(locale)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    compiled = resources.files("kyodo_desktop.resources") / "i18n" / f"kyodo_{language}.qm"
    # Load from a file: QTranslator keeps a pointer to data handed to it, not a copy.
    with resources.as_file(compiled) as path:
        if path.is_file() and ours.load(str(path)):
            app.installTranslator(ours)
            installed.append(ours)
    return installed
