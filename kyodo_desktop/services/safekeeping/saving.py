"""Writing a file the officer asked for (a PDF) so that it is whole or not there at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from kyodo_desktop.host.files import replace_durably
from kyodo_desktop.services.errors import InputError


def write_whole(
    path: Path, data: bytes, *, before_publish: Callable[[], object] | None = None
) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then os.replace).

    A full disk or a pulled USB stick must not leave half a PDF under the chosen name, nor
    spoil an earlier file of that name. ``before_publish`` runs once the bytes are on disk
    and before they take the name (an export's audit entry: none leaves without it).
    Raises the OSError; `save_bytes` words it.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if before_publish is not None:
            before_publish()
        replace_durably(Path(temporary), path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def save_bytes(destination: Path, data: bytes) -> None:
    """`write_whole`, with a failure told as `InputError`: what happened and what to do."""
    folder = destination.parent
    if not folder.is_dir():
        raise InputError(
            f"保存先のフォルダ「{folder}」に書き込めません（フォルダがありません）。"
            "フォルダがあるか、書き込みできるかを確かめて、別のフォルダを選んでください。",
            field="path",
        )
    try:
        write_whole(destination, data)
    except OSError as error:
        raise InputError(
            f"ファイル「{destination.name}」を保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダに書き込めるか、同じ名前のファイルをほかのプログラムで開いていないかを"
            "確かめてください。空き容量も確かめて、もう一度保存してください。",
            field="path",
        ) from error
