"""Fonts and translations shipped in the package, installed into the running application."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_FILES = ("ipaexg.ttf", "ipaexm.ttf")
UI_FONT_FAMILY = "IPAexGothic"


def install_fonts(app: QApplication, point_size: int = 10) -> list[str]:
    """Register the IPAex fonts so every branch PC shows the same glyphs."""
    families: list[str] = []
    folder = resources.files("kyodo_desktop.resources") / "fonts"
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFontFromData((folder / name).read_bytes())
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
    data = resources.files("kyodo_desktop.resources") / "i18n" / f"kyodo_{language}.qm"
    if data.is_file() and ours.load(data.read_bytes()):
        app.installTranslator(ours)
        installed.append(ours)
    return installed
