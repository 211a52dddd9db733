"""The house itself: every package ships, no module imports another in a circle."""

from __future__ import annotations

import tomllib
from pathlib import Path

import kyodo_desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(kyodo_desktop.__file__).resolve().parent


def test_pyproject_lists_every_package_so_that_pip_install_ships_it() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
    assert {
        name
        for name in listed - found
        if not name.startswith(("kyodo_desktop.resources", "kyodo_desktop.migrations"))
    } == set(), "these listed packages no longer exist"
