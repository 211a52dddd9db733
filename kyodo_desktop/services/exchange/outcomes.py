"""What became of a file sent or received: light, so that a screen or a timer can name the
outcomes without loading the sealing and the merge (they are loaded when a file moves)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SUFFIX = ".kyodox"  # an exchange file's name ends so

APPLIED = "applied"
ALREADY = "already"  # every change in it was held here already
WAITING = "waiting"  # an earlier file of the same office is missing (a gap)
KEPT_ASIDE = "kept_aside"


@dataclass
class Received:
    """What became of one file."""

    path: Path
    outcome: str
    sender: str | None = None
    rows: int = 0
    conflicts: int = 0
    message: str = ""
    reviews: int = 0  # 要確認 entries this file added (awards that break a rule together)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SentFile:
    path: Path
    recipient: str
    rows: int
    first: int
    last: int
