"""What a sealed file holds: gzip'd JSON lines, a header first, then one record per line.

The header says what kind of file it is (a branch's ``changes`` or the head office's
``return``), which numbers of the sender it covers (after ``first`` up to ``last``), what the
sender confirms of the recipient's numbers, and the schema revision it was written with. A
record line is `store.exchange.records.Record`'s JSON; an audit line is ``{"audit": {...}}``;
a setting of the ward's (the rules' settings, in a return file) ``{"setting": {...}}``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kyodo_desktop.store.exchange.records import Record

CHANGES = "changes"  # a branch's own changes, to the head office
RETURN = "return"  # the head office's return file, to one branch


@dataclass(frozen=True)
class Header:
    kind: str
    sender: str
    recipient: str
    first: int  # the file holds the sender's changes numbered after this ...
    last: int  # ... up to this one
    confirms: int  # the highest of the recipient's numbers the sender holds
    schema: str  # the schema revision the sender's program wrote it with
    file_id: str
    made_at: str  # the sender's clock: shown to people, never used to decide
    audit_first: int = 0  # the sender's audit entries after this number ...
    audit_last: int = 0  # ... up to this one
    audit_head: str = ""  # the hash of its last entry: the chain's head, signed
    audit_confirms: int = 0  # the highest of the recipient's audit entries the sender holds

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @staticmethod
    def from_json(data: dict[str, Any]) -> Header:
        names = Header.__dataclass_fields__
        return Header(**{k: v for k, v in data.items() if k in names})


@dataclass
class Contents:
    header: Header
    records: list[Record] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    digest: str = ""  # the SHA-256 of the sealed file it was opened from
    settings: dict[str, str] = field(default_factory=dict)  # the ward's, as stored (JSON text)


def write(
    header: Header,
    records: Iterable[Record],
    audit: Iterable[dict[str, Any]],
    settings: dict[str, str] | None = None,
) -> bytes:
    lines = [json.dumps({"header": header.to_json()}, ensure_ascii=False)]
    lines += [
        json.dumps({"setting": {"key": k, "value": v}}, ensure_ascii=False)
        for k, v in sorted((settings or {}).items())
    ]
    lines += [json.dumps(r.to_json(), ensure_ascii=False) for r in records]
    lines += [json.dumps({"audit": a}, ensure_ascii=False) for a in audit]
    return gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=6, mtime=0)


def read(data: bytes) -> Contents:
    """The contents of an opened file (its signature already checked)."""
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    contents = Contents(Header.from_json(json.loads(lines[0])["header"]))
    for line in lines[1:]:
        item = json.loads(line)
        if "audit" in item:
            contents.audit.append(item["audit"])
        elif "setting" in item:
            contents.settings[str(item["setting"]["key"])] = str(item["setting"]["value"])
        else:
            contents.records.append(Record.from_json(item))
    return contents
