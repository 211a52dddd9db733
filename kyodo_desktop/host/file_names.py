"""Names of files the program suggests, valid on Windows (the counters' system) and elsewhere.

Windows refuses ``<>:"/\\|?*`` and control characters in a name, drops a trailing dot or
space, reserves CON, PRN, AUX, NUL, COM1–COM9 and LPT1–LPT9 (with any extension), and
limits a whole path to 260 characters unless long paths are switched on. A name made here
keeps to all of that, whatever a group's name holds.
"""

from __future__ import annotations

import re
import unicodedata

# Characters Windows refuses in a name, and runs of spaces (a name should not wrap oddly).
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])", re.IGNORECASE)
# A name short enough that a folder of 150 characters still leaves room under MAX_PATH.
MAX_NAME = 100


def file_name(*parts: str, suffix: str) -> str:
    """The parts joined by ``_``, made safe: ``file_name("交付申請書", "桜町会", suffix=".pdf")``.

    Empty parts are left out; unsafe characters become ``_``; a reserved stem gets a ``_``;
    a long name is shortened before the suffix. Never empty: a name with nothing left is
    ``_`` plus the suffix.
    """
    cleaned = [_UNSAFE.sub("_", unicodedata.normalize("NFC", part)).strip("_") for part in parts]
    stem = "_".join(part for part in cleaned if part).rstrip(". ") or "_"
    first, dot, rest = stem.partition(".")
    if _RESERVED.fullmatch(first):  # NUL.2026.pdf is NUL to Windows, whatever follows
        stem = first + "_" + dot + rest
    room = MAX_NAME - len(suffix)
    if len(stem) > room:
        stem = stem[:room].rstrip(". _") or "_"
    return stem + suffix
