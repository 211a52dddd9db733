"""Settings of this installation (設定), kept in the database it belongs to.

Each is one JSON value under a key in the `setting` table. The workspace, signing in, the
retention purge and the rules' interpretations read and write them here.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from kyodo_desktop.store.reference import Setting

OFFICE_SETTING = "installation.office_code"  # set by the first start's set-up
STAFF_SETTING = "installation.staff_login"  # a demo database: the officer it signs in as
KIND_SETTING = "database.kind"  # "real" or "demo": a demo database never holds real records

# The office an installation acts for before its set-up (and a demo's office).
FIRST_OFFICE_CODE = "01"


def get_setting(session: Session, key: str) -> object | None:
    row = session.get(Setting, key)
    return None if row is None else json.loads(row.value)


def put_setting(session: Session, key: str, value: object) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def is_demo(session: Session) -> bool:
    """A demo database (generated, never real records): its officers sign in by themselves."""
    return get_setting(session, KIND_SETTING) == "demo"
