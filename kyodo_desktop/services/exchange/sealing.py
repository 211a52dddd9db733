"""Sealed exchange files: signed by the office that sends, readable only by the one it is for.

A sealed file is three parts::

    KYODO-EXCHANGE 1\\n                                   the magic line: the file format
    {"format":1,"from":"03","header":{...},"to":"00"}\\n  the clear header, one line of JSON
    <age-encrypted body>                                 to the recipient's age key

The body, once decrypted, is the 64-byte Ed25519 signature followed by the payload. The
signature covers the magic line, the header line (so the sender, the recipient and the
caller's header are bound to it: a file cannot be re-addressed) and the payload; it sits
inside the encryption, so only the recipient learns who signed what. Nothing here is a cipher
or a signature scheme of our own: age (pyrage) encrypts, Ed25519 (cryptography) signs.

The clear header is readable by anyone who finds the file: it must never carry personal
information (a schema revision, a file id and sequence numbers are fine).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature

from kyodo_desktop.host.files import sync_folder
from kyodo_desktop.services.exchange.cards import KnownCards, PublicCard
from kyodo_desktop.services.exchange.errors import (
    DamagedFileError,
    NewerFormatError,
    NotForThisOfficeError,
    SignerMismatchError,
    UnknownSenderError,
)
from kyodo_desktop.services.exchange.keys import OwnKeys
from kyodo_desktop.services.exchange.offices import is_office_code, kept_aside_folder

FORMAT = 1
MAGIC = b"KYODO-EXCHANGE "
_MAGIC_LINE = MAGIC + str(FORMAT).encode("ascii") + b"\n"
_SIGNATURE_BYTES = 64
_MOST_HEADER_BYTES = 64 * 1024
_OUTER_FIELDS = {"format", "from", "to", "header"}


@dataclass(frozen=True)
class Envelope:
    """What a sealed file says of itself in clear: not to be trusted before it is opened."""

    sender: str
    recipient: str
    header: dict[str, Any]


@dataclass(frozen=True)
class Opened:
    """A file opened: its signature checked against the sender's known card."""

    sender: str
    recipient: str
    header: dict[str, Any]
    payload: bytes


def seal(payload: bytes, header: dict[str, Any], own: OwnKeys, recipient: PublicCard) -> bytes:
    """The sealed file of ``payload`` from this office to ``recipient``.

    ``header`` (JSON values) travels in clear beside the sender and recipient codes: put no
    personal information in it.
    """
    if not isinstance(header, dict):
        raise TypeError("header must be a dict")
    outer = {"format": FORMAT, "from": own.office, "to": recipient.office, "header": header}
    line = json.dumps(
        outer, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
    clear = _MAGIC_LINE + line + b"\n"
    signature = own.sign(clear + payload)
    return clear + pyrage.encrypt(signature + payload, [recipient.age_recipient()])


def read_envelope(data: bytes) -> Envelope:
    """Who a sealed file says it is from and for, and its header, without opening it."""
    envelope, _ = _split(data)
    return envelope


def open_sealed(data: bytes, own: OwnKeys, known: KnownCards) -> Opened:
    """The payload of a sealed file addressed to this office, from an office it knows.

    Raises a `FileRefusedError` (keep the file aside with its message) for anything else.
    """
    envelope, clear_bytes = _split(data)
    if envelope.recipient != own.office:
        raise NotForThisOfficeError(envelope.recipient, own.office)
    card = known.get(envelope.sender)
    if card is None:
        raise UnknownSenderError(envelope.sender)
    try:
        inner = pyrage.decrypt(data[clear_bytes:], [own.identity])
    except pyrage.DecryptError:
        raise DamagedFileError(
            "この事務所の鍵で暗号を解けません。この事務所のパソコンを入れ替えたときは、"
            "新しい公開鍵カードが送り主に届いているかも確かめてください"
        ) from None
    signature, payload = inner[:_SIGNATURE_BYTES], inner[_SIGNATURE_BYTES:]
    signed = data[:clear_bytes] + payload
    if len(signature) < _SIGNATURE_BYTES or not _verifies(card, signature, signed):
        for other in known:
            if other.office != card.office and _verifies(other, signature, signed):
                raise SignerMismatchError(envelope.sender, other.office)
        raise DamagedFileError(
            "署名が送り主の鍵と合いません。送り主のパソコンが入れ替わって鍵が変わったときは、"
            "新しい公開鍵カードを登録してください"
        )
    return Opened(envelope.sender, envelope.recipient, envelope.header, payload)


def _verifies(card: PublicCard, signature: bytes, signed: bytes) -> bool:
    try:
        card.verifier().verify(signature, signed)
    except InvalidSignature:
        return False
    return True


def _split(data: bytes) -> tuple[Envelope, int]:
    """The clear header, and where the encrypted body starts."""
    if not data.startswith(MAGIC):
        raise DamagedFileError("先頭が協働デスクの受け渡しファイルの形ではありません")
    end_of_magic = data.find(b"\n", len(MAGIC), len(MAGIC) + 12)
    version = data[len(MAGIC) : end_of_magic] if end_of_magic > 0 else b""
    if not (version.isdigit() and version == str(int(version)).encode("ascii")):
        raise DamagedFileError("先頭の行が壊れています")
    if int(version) > FORMAT:
        raise NewerFormatError(f"ファイルの形式 {int(version)}、この版が読めるのは {FORMAT} まで")
    if int(version) != FORMAT:
        raise DamagedFileError("先頭の行が壊れています")
    start = end_of_magic + 1
    end = data.find(b"\n", start, start + _MOST_HEADER_BYTES)
    if end < 0:
        raise DamagedFileError("見出しの行が終わっていません")
    try:
        outer = json.loads(data[start:end].decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError):
        raise DamagedFileError("見出しが読めません") from None
    if (
        not isinstance(outer, dict)
        or set(outer) != _OUTER_FIELDS
        or outer["format"] != FORMAT
        or type(outer["format"]) is not int
        or not is_office_code(outer["from"])
        or not is_office_code(outer["to"])
        or not isinstance(outer["header"], dict)
    ):
        raise DamagedFileError("見出しの項目が正しくありません")
    if end + 1 >= len(data):
        raise DamagedFileError("本体がありません")
    return Envelope(outer["from"], outer["to"], outer["header"]), end + 1


def _no_constant(name: str) -> object:
    raise ValueError(name)  # NaN and Infinity are not JSON


# A refused file, kept aside ------------------------------------------------------------------


def keep_aside(path: Path, data_dir: Path, reason: str) -> Path:
    """Move a refused file into ``<data>/exchange/kept-aside/`` with ``<name>.reason.txt``.

    Never deleted, never over an earlier file of the same name (the new one is numbered).
    A source that cannot be removed (a read-only stick) stays where it was; the copy is
    kept all the same. Returns the file's new path.
    """
    folder = kept_aside_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target, note = _reserve(folder, path.name)
    try:
        try:
            os.replace(path, target)  # same disk: one rename over the reserved name
        except OSError:
            with open(path, "rb") as source, open(target, "wb") as copy:
                while chunk := source.read(1 << 20):
                    copy.write(chunk)
                copy.flush()
                os.fsync(copy.fileno())
            with contextlib.suppress(OSError):
                path.unlink()
        with open(note, "w", encoding="utf-8-sig") as file:
            file.write(_reason_text(path, target, reason))
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        if path.exists():  # nothing was moved: do not leave the reserved names behind
            for reserved in (target, note):
                with contextlib.suppress(OSError):
                    reserved.unlink()
        raise
    sync_folder(folder)
    return target


def reason_path(kept: Path) -> Path:
    """The note beside a kept-aside file saying why it was refused."""
    return kept.with_name(kept.name + ".reason.txt")


def _reserve(folder: Path, name: str) -> tuple[Path, Path]:
    """A name in ``folder`` that no file has (nor its note), claimed by creating both."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while True:
        target = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        note = reason_path(target)
        try:
            with open(target, "xb"):
                pass
        except FileExistsError:
            number += 1
            continue
        try:
            with open(note, "xb"):
                pass
        except FileExistsError:
            target.unlink()
            number += 1
            continue
        return target, note


def _reason_text(source: Path, kept: Path, reason: str) -> str:
    return (
        "このファイルは受け取らずに、ここに移しました（消してはいません）。\n"
        f"ファイル: {kept.name}\n"
        f"元の場所: {source}\n"
        f"日時: {datetime.now().astimezone():%Y-%m-%d %H:%M:%S}（このパソコンの時計）\n"
        f"理由: {reason}\n"
        "\n"
        "理由に書かれたとおりに対処してから（送り主に作り直してもらう、公開鍵カードを登録する、"
        "協働デスクを更新するなど）、このファイルをもう一度受け取ってください。\n"
        "要らなくなったファイルは、システム担当が確かめてから消してください。\n"
    )
