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
    """Whether the column's key holds the folded text (never true for nothing to find)."""
    if not search_key(text):
        return false()
    return column.like(like_pattern(text), escape=ESCAPE)
