"""Audit trails travel: a branch sends its chain's new entries, the head office checks them.

The entries go as they are stored (the hash of each covers the one before it). At the head
office each office's entries are kept apart from its own chain (`ExchangeAudit`) and checked
on arrival: each must follow the one before it (the last kept, or the first of the chain),
its hash must be its content's, and the last must be the head the office signed into the
file's header. A break is kept per office, in words, for `exchange status`; the entries are
kept all the same (evidence is never thrown away).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.audit.trail import chain_hash
from kyodo_desktop.store.dialect import insert_new_only
from kyodo_desktop.store.exchange.records import encode
from kyodo_desktop.store.exchange.state import ExchangeAudit

_entries = AuditEntry.__table__
_kept = ExchangeAudit.__table__
_COLUMNS = (
    "seq", "id", "at", "office", "staff_id", "action", "entity", "entity_id", "before", "after",
    "payload_digest", "redacted_at", "prev_hash", "hash",
)  # fmt: skip


def entries_after(connection: Connection, seq: int) -> list[dict[str, Any]]:
    """This database's audit entries numbered above ``seq``, in order, as JSON."""
    rows = connection.execute(select(_entries).where(_entries.c.seq > seq).order_by(_entries.c.seq))
    return [{name: encode(row._mapping[name]) for name in _COLUMNS} for row in rows]


def _hash(data: dict[str, Any], prev: str) -> str:
    """The entry's hash as its office computed it (its time as the ISO text it was sent in,
    which is how the office wrote it when it hashed it)."""
    return chain_hash(
        prev,
        str(data["id"]),
        str(data["at"]),
        data["office"],
        str(data.get("staff_id") or ""),
        data["action"],
        data["entity"],
        data["entity_id"],
        data["payload_digest"],
    )


def last_kept(connection: Connection, office: str) -> tuple[int, str]:
    """The number and hash of the last entry kept of an office's chain (0 and "" if none)."""
    row = connection.execute(
        select(_kept.c.seq, _kept.c.hash)
        .where(_kept.c.office == office)
        .order_by(_kept.c.seq.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, "")


def keep(
    connection: Connection, office: str, entries: list[dict[str, Any]], signed_head: str | None
) -> str | None:
    """Keep the entries not yet kept; the break found (in words), or None when it verifies."""
    seq, prev = last_kept(connection, office)
    new = [e for e in entries if int(e["seq"]) > seq]
    found: str | None = None
    for data in new:
        if int(data["seq"]) != seq + 1 and found is None:
            found = f"{seq + 1} 番から {int(data['seq']) - 1} 番の記録が届いていません"
        if data["prev_hash"] != prev and found is None:
            found = f"{data['seq']} 番の記録が前の記録とつながっていません（削除または改変）"
        if _hash(data, data["prev_hash"]) != data["hash"] and found is None:
            found = f"{data['seq']} 番の記録の内容が記録時と違います（改変）"
        seq, prev = int(data["seq"]), data["hash"]
    if new and signed_head is not None and prev != signed_head and found is None:
        found = "最後の記録がファイルの署名と一致しません"
    if new:
        connection.execute(
            insert_new_only(connection, _kept),
            [
                {
                    "office": office,
                    "seq": int(d["seq"]),
                    "id": uuid.UUID(d["id"]),
                    "at": datetime.fromisoformat(d["at"]),
                    "entry_office": d["office"],
                    "staff_id": uuid.UUID(d["staff_id"]) if d.get("staff_id") else None,
                    "action": d["action"],
                    "entity": d["entity"],
                    "entity_id": d["entity_id"],
                    "before": d.get("before"),
                    "after": d.get("after"),
                    "payload_digest": d["payload_digest"],
                    "redacted_at": (
                        datetime.fromisoformat(d["redacted_at"]) if d.get("redacted_at") else None
                    ),
                    "prev_hash": d["prev_hash"],
                    "hash": d["hash"],
                }
                for d in new
            ],
        )
    return found
