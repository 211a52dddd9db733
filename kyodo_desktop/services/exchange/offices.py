"""Who exchanges files, and where an office keeps what the exchange needs.

The 17 branch offices (区民事務所・出張所) are "01".."17", as in the office table; the head
office (協働推進課) exchanges as "00", a code no branch has.
"""

from __future__ import annotations

from pathlib import Path

HEAD_OFFICE = "00"
BRANCH_OFFICES = tuple(f"{number:02d}" for number in range(1, 18))
EXCHANGE_OFFICES = (HEAD_OFFICE, *BRANCH_OFFICES)


def is_office_code(code: object) -> bool:
    return isinstance(code, str) and code in EXCHANGE_OFFICES


def office_label(code: str) -> str:
    """How a message names an office: 「本庁・協働推進課」 (00) or 「事務所03」."""
    return "本庁・協働推進課" if code == HEAD_OFFICE else f"事務所{code}"


def exchange_folder(data_dir: Path) -> Path:
    return data_dir / "exchange"


def keys_folder(data_dir: Path) -> Path:
    """This office's own keys (owner-only) and, in ``known/``, the other offices' cards."""
    return exchange_folder(data_dir) / "keys"


def known_folder(data_dir: Path) -> Path:
    return keys_folder(data_dir) / "known"


def kept_aside_folder(data_dir: Path) -> Path:
    return exchange_folder(data_dir) / "kept-aside"
