"""The staff member on whose behalf a service acts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kyodo_desktop.rules.vocabulary import StaffRole


@dataclass(frozen=True)
class Actor:
    """Who is acting (職員), and at which office."""

    staff_id: uuid.UUID | None  # None: the program itself (kyodo-admin, set-up, smoke test)
    login_id: str
    name: str
    role: StaffRole
    office_id: uuid.UUID
    office_code: str
    office_name: str
