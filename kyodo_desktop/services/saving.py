"""Writing a file the officer asked for (a PDF) so that it is whole or not there at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kyodo_desktop.services.errors import InputError


def save_bytes(destination: Path, data: bytes) -> None:
    """Write ``data`` to ``destination`` atomically: a temporary file beside it, then rename.

    A folder that is missing or read-only, a full disk, or the file open in another program
    raises `InputError` with what to do; an earlier file of that name is left as it was.
    """
    folder = destination.parent
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as error:
        raise InputError(
            f"保存先のフォルダ「{folder}」に書き込めません（{error.strerror or error}）。"
            "フォルダがあるか、書き込みできるかを確かめて、別のフォルダを選んでください。",
            field="path",
        ) from error
    try:
        with open(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, destination)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputError(
            f"ファイル「{destination.name}」を保存できませんでした（{error.strerror or error}）。"
            "同じ名前のファイルをほかのプログラムで開いている場合は閉じてください。"
            "空き容量と書き込み権限を確かめて、もう一度保存してください。",
            field="path",
        ) from error
