"""Shared fixtures. Qt runs offscreen in every test: no window ever opens on a desk."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from kyodo_desktop.services.workspace import (
    DEMO_FOLDER_NAME,
    Workspace,
    build_demo,
    open_workspace,
)

# The demo's "today" in tests, so that the data (and what the tests expect) never drift.
DEMO_TODAY = date(2026, 11, 27)
DEMO_SCALE = 0.05


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty workspace: migrated, reference data loaded, first administrator."""
    opened = open_workspace(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database built once per test run; tests copy it before changing it."""
    folder = tmp_path_factory.mktemp("demo-data")
    build_demo(folder / DEMO_FOLDER_NAME, today=DEMO_TODAY, scale=DEMO_SCALE)
    return folder


@pytest.fixture
def demo_workspace(demo_data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The demo workspace, copied so that a test may change it freely."""
    import shutil

    copy = tmp_path / "demo"
    shutil.copytree(demo_data_dir / DEMO_FOLDER_NAME, copy)
    opened: Workspace = open_workspace(copy)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def ui_resources(qapp):  # type: ignore[no-untyped-def]
    """The application as the program sets it up: Japanese translations and IPAex fonts."""
    from kyodo_desktop.ui.resources import install_fonts, install_translations

    translators = install_translations(qapp, "ja")
    install_fonts(qapp)
    yield qapp
    for translator in translators:
        qapp.removeTranslator(translator)
