"""Reference data shipped in resources/reference, loaded when a database is created."""

from __future__ import annotations

import json
import uuid
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.rules import programmes
from kyodo_desktop.store.reference import Department, Office, Programme, Topic

# Rows shipped with the program come from the head office, not from a branch.
HEAD_OFFICE_ORIGIN = "00"

# Reference rows get the same id in every office's database, so that merging
# 17 offices' records finds one 練馬区民事務所, not seventeen.
_NAMESPACE = uuid.UUID("6f7b3c1e-1f0a-4d2b-9a59-6b1f2a8c0d17")


def reference_id(table: str, code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{table}:{code}")


def read_reference(name: str) -> dict[str, Any]:
    path = resources.files("kyodo_desktop.resources") / "reference" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def load_reference_data(session: Session) -> None:
    """Insert the shipped offices, departments, topics and programmes that are missing."""
    _insert_missing(session, Office, "office", read_reference("offices")["offices"])
    _insert_missing(session, Department, "department", read_reference("departments")["departments"])
    _insert_missing(session, Topic, "topic", read_reference("topics")["topics"])
    _insert_missing(
        session,
        Programme,
        "programme",
        [
            {
                "code": p.code,
                "number": p.number,
                "name": p.name,
                "run_by": p.latest.run_by or "",
                "first_fiscal_year": p.since_fy,
                "last_fiscal_year": p.until_fy,
            }
            for p in programmes()
        ],
    )


def _insert_missing(session: Session, model: Any, table: str, rows: list[dict[str, Any]]) -> None:
    known = set(session.scalars(select(model.code)))
    for row in rows:
        if row["code"] not in known:
            session.add(
                model(id=reference_id(table, row["code"]), origin_office=HEAD_OFFICE_ORIGIN, **row)
            )
