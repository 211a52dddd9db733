"""What an import of a ledger would do, as the preview shows it and the import checks it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

NO_NAME = "団体名なし"


@dataclass(frozen=True)
class NewGroup:
    row: int
    name: str
    kind: str  # the label: 町会・自治会 ...
    office_name: str
    households: int | None
    households_counted_on: date | None


@dataclass(frozen=True)
class CountChange:
    row: int
    group_id: uuid.UUID
    name: str
    households_before: int | None
    counted_on_before: date | None
    households: int
    households_counted_on: date


@dataclass(frozen=True)
class Unchanged:
    row: int
    group_id: uuid.UUID
    name: str


@dataclass(frozen=True)
class LeftOut:
    """A row not imported and why; `possible_duplicate`: it looks like a registered group."""

    row: int
    name: str
    reason: str
    possible_duplicate: bool = False

    @property
    def line(self) -> str:
        return f"{self.row}行目（{self.name or NO_NAME}）: {self.reason}"


@dataclass(frozen=True)
class ImportPlan:
    """What an import of the file does: to create, to update, unchanged, left out (row order)."""

    file_name: str
    created: tuple[NewGroup, ...]
    updated: tuple[CountChange, ...]
    unchanged: tuple[Unchanged, ...]
    left_out: tuple[LeftOut, ...]

    @property
    def nothing_to_do(self) -> bool:
        return not self.created and not self.updated

    @property
    def flagged(self) -> tuple[LeftOut, ...]:
        return tuple(row for row in self.left_out if row.possible_duplicate)

    @property
    def rejected(self) -> tuple[LeftOut, ...]:
        return tuple(row for row in self.left_out if not row.possible_duplicate)
