"""Where the program keeps its data on this PC: the per-user data folder.

On Windows that is ``%LOCALAPPDATA%\\kyodo-desktop`` (the user's own profile, which other
users of the PC cannot read); on Linux ``~/.local/share/kyodo-desktop``.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "kyodo-desktop"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
