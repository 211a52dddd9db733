"""Substring search over the normalised keys, whatever the officer types.

The text is folded like the stored keys (rules.search_key: NFKC, case, kana, spaces), and
LIKE's wildcards are escaped, so quotes, ``%``, ``_``, SQL or emoji are only characters.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false
from sqlalchemy.orm import InstrumentedAttribute

from kyodo_desktop.rules import search_key

ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """``%key%`` with the key's own ``%``, ``_`` and ``\\`` escaped."""
    key = search_key(text)
    for ch in (ESCAPE, "%", "_"):
        key = key.replace(ch, ESCAPE + ch)
    return f"%{key}%"


def contains(column: InstrumentedAttribute[str], text: str) -> ColumnElement[bool]:
    """Whether the column's key holds the folded text (never true for nothing to find).

    A lone surrogate (pasted half of an emoji) or a NUL cannot be stored, so it is never
    found; the first could not even be sent, and SQLite's LIKE stops a pattern at the second.
    """
    key = search_key(text)
    if not key or _unstorable(key):
        return false()
    return column.like(like_pattern(text), escape=ESCAPE)


def _unstorable(key: str) -> bool:
    return "\x00" in key or any("\ud800" <= ch <= "\udfff" for ch in key)
