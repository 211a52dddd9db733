"""The tokens of the search index: each overlapping pair of characters of a folded key.

A pair is spelled as the fixed-width hex of its two code points, with an end marker after
the last character so that it too starts a pair. Both forms of the index use these tokens:
SQLite's FTS5 tables (store/search/index.py) and the server's GIN arrays (server.py).
"""

from __future__ import annotations

WIDTH = 6  # hex digits of one code point: up to U+10FFFF
END = "110000"  # one past the last code point: never a character, so never typed


# The code of every character of the Basic Multilingual Plane, made once (about 4 MB):
# nothing is cached per text, so a million unique memos cost no memory after their batch.
_BMP = tuple(format(point, f"0{WIDTH}x") for point in range(0x10000))


def code(character: str) -> str:
    point = ord(character)
    return _BMP[point] if point < 0x10000 else format(point, f"0{WIDTH}x")


def tokens(key: str) -> str:
    """The bigram tokens of a folded key, separated by spaces ('' for an empty key)."""
    if not key:
        return ""
    codes = [*map(code, key), END]
    return " ".join(map(str.__add__, codes, codes[1:]))
