"""Forms being typed, kept on disk so that a crash of the program loses nothing.

One JSON file per open form in ``<data folder>/drafts``, named after the officer's login
and the form's id, so that each officer is offered only their own drafts at the next
sign-in. Each write goes to a temporary file that is flushed to the disk and then renamed
over the old one (os.replace is atomic), so a crash mid-write leaves the previous draft
whole. A file that cannot be read is set aside as ``*.damaged``, never a crash.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from kyodo_desktop.host.files import keep_private, replace_durably

FOLDER_NAME = "drafts"
SUFFIX = ".json"
_SEPARATOR = "--"  # quote() below never writes two dashes of a login's own


@dataclass(frozen=True)
class Draft:
    """A form's contents as last written, with the form it belongs to."""

    draft_id: uuid.UUID
    login_id: str
    path: Path
    data: dict[str, Any]


def folder(data_dir: Path) -> Path:
    return data_dir / FOLDER_NAME


def _login_part(login_id: str) -> str:
    # Any character a file system might refuse (or a separator) is %-quoted; "-" is too.
    return quote(login_id, safe="").replace("-", "%2D")


def draft_path(data_dir: Path, login_id: str, draft_id: uuid.UUID) -> Path:
    return folder(data_dir) / f"{_login_part(login_id)}{_SEPARATOR}{draft_id}{SUFFIX}"


def save(data_dir: Path, login_id: str, draft_id: uuid.UUID, data: dict[str, Any]) -> Path:
    """Write the draft atomically: a temporary file, fsync, then rename over the old one."""
    target = draft_path(data_dir, login_id, draft_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with open(partial, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    keep_private(partial)  # what a resident told the counter, typed but not yet saved
    replace_durably(partial, target)
    return target


def set_aside(path: Path) -> Path:
    """Rename an unreadable draft to ``*.damaged`` (kept for the system staff to look at)."""
    aside = path.with_name(path.name + ".damaged")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.{counter}.damaged")
    os.replace(path, aside)
    return aside


def load(path: Path) -> Draft | None:
    """The draft in the file; None (the file set aside) if it is damaged."""
    login_part, _, rest = path.name.removesuffix(SUFFIX).rpartition(_SEPARATOR)
    try:
        draft_id = uuid.UUID(rest)
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a draft is a JSON object")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError):
        set_aside(path)
        return None
    return Draft(draft_id, unquote(login_part), path, data)


def list_drafts(data_dir: Path, login_id: str) -> list[Draft]:
    """The officer's drafts, oldest first; damaged ones are set aside on the way."""
    prefix = _login_part(login_id) + _SEPARATOR
    found = [
        path
        for path in folder(data_dir).glob(f"*{SUFFIX}")
        if path.name.startswith(prefix) and path.is_file()
    ]
    found.sort(key=lambda path: (path.stat().st_mtime, path.name))
    drafts = (load(path) for path in found)
    return [draft for draft in drafts if draft is not None]


def remove(data_dir: Path, login_id: str, draft_id: uuid.UUID) -> None:
    """Forget the draft (saved or discarded); nothing to do if it was never written."""
    draft_path(data_dir, login_id, draft_id).unlink(missing_ok=True)
