"""Every text a person reads is translated, and the shipped .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "kyodo_ja.ts"
QM = ROOT / "resources" / "i18n" / "kyodo_ja.qm"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: it comes with PySide6 (run .ci/setup)")
    return path


def _sources() -> list[str]:
    files = sorted((ROOT / "kyodo_desktop" / "ui").rglob("*.py"))
    return [str(path) for path in [*files, ROOT / "kyodo_desktop" / "app.py"]]


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_text_in_the_ui_is_in_the_translation_file(tmp_path: Path) -> None:
    fresh = tmp_path / "kyodo_ja.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *_sources(),
            "-ts",
            str(fresh),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        check=True,
    )
    before = {(context, source) for context, source, _ in _messages(TS)}
    after = {(context, source) for context, source, _ in _messages(fresh)}
    assert after - before == set(), "new texts: run .ci/i18n and translate them"
    assert before - after == set(), "texts no longer used: run .ci/i18n"


def test_every_text_has_a_japanese_translation() -> None:
    unfinished = [
        (context, source)
        for context, source, translation in _messages(TS)
        if translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip()
    ]
    assert unfinished == []


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "kyodo_ja.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled), "-silent"], check=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run .ci/i18n to rebuild the .qm"


def test_qt_standard_dialogs_are_japanese_too(ui_resources) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"


def test_every_translated_text_is_a_literal_that_lupdate_can_see() -> None:
    """``translate(context, variable)`` hides its texts from lupdate: they stay English."""
    import re

    # A variable as the text, or as the context (a wrapper such as ``_tr(text)``).
    hidden = re.compile(
        r"""(?:translate\(\s*"[^"]*",\s*|\btr\(\s*)(?![\s"'])[A-Za-z_][\w.]*\s*[,)]"""
        r"""|translate\(\s*(?![\s"'])[A-Za-z_][\w.]*\s*,"""
    )
    found = [
        f"{path.relative_to(ROOT)}:{source[: match.start()].count(chr(10)) + 1}"
        for path in map(Path, _sources())
        for source in [path.read_text("utf-8")]
        for match in hidden.finditer(source)
    ]
    assert found == [], "pass a string literal to tr()/translate() so lupdate collects it"
