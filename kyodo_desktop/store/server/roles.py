"""The roles on the server: what the program's everyday role may do (resources/server/grants.sql)."""

from __future__ import annotations

import re
from importlib import resources

from sqlalchemy import text
from sqlalchemy.engine import URL

_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def grants_sql(role: str) -> list[str]:
    """The statements that give ``role`` its rights, one by one."""
    if not _ROLE.fullmatch(role):
        raise ValueError(
            f"ロール名「{role}」は使えません。半角の小文字・数字・「_」で指定してください。"
        )
    script = (resources.files("kyodo_desktop.resources") / "server" / "grants.sql").read_text(
        encoding="utf-8"
    )
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip().format(role=role) for s in "\n".join(lines).split(";") if s.strip()]


def apply_grants(url: URL, role: str) -> None:
    from kyodo_desktop.store.engine import make_engine

    statements = grants_sql(role)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()
