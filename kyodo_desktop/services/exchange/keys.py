"""This office's own keys: made once at installation, kept on this PC, readable by its owner only.

An Ed25519 signing key (the `cryptography` package) signs what the office sends; an age
X25519 identity (`pyrage`) opens what is sent to it. Both are in
``<data>/exchange/keys/own.json``. What other offices need of them is the public card
(`cards.PublicCard`). Making keys again is refused unless asked for explicitly: files sealed
to the old card can no longer be opened, and every partner needs the new card.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kyodo_desktop.host.files import keep_private, replace_durably
from kyodo_desktop.services.exchange.cards import PublicCard
from kyodo_desktop.services.exchange.errors import (
    NoOwnKeysError,
    OfficeCodeError,
    OwnKeysExistError,
    OwnKeysUnreadableError,
)
from kyodo_desktop.services.exchange.offices import is_office_code, keys_folder

OWN_KEYS_FORMAT = "kyodo-own-keys 1"
OWN_KEYS_FILE = "own.json"
_RAW = serialization.Encoding.Raw


@dataclass(frozen=True)
class OwnKeys:
    """This office's code, its signing key and its age identity (secret)."""

    office: str
    signing: Ed25519PrivateKey
    identity: pyrage.x25519.Identity

    @property
    def card(self) -> PublicCard:
        return PublicCard(
            office=self.office,
            signing_key=self.signing.public_key().public_bytes(
                _RAW, serialization.PublicFormat.Raw
            ),
            recipient=str(self.identity.to_public()),
        )

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)

    def __repr__(self) -> str:  # never the secret parts, in a log or a traceback
        return f"OwnKeys(office={self.office!r}, fingerprint={self.card.fingerprint!r})"


def own_keys_path(data_dir: Path) -> Path:
    return keys_folder(data_dir) / OWN_KEYS_FILE


def has_own_keys(data_dir: Path) -> bool:
    return own_keys_path(data_dir).exists()


def create_own_keys(data_dir: Path, office: str, *, replace: bool = False) -> OwnKeys:
    """Make this office's keys and keep them owner-only; refused if there are keys already
    (unless ``replace``)."""
    if not is_office_code(office):
        raise OfficeCodeError(office)
    if has_own_keys(data_dir) and not replace:
        earlier = load_own_keys(data_dir)
        raise OwnKeysExistError(earlier.office, earlier.card.fingerprint)
    keys = OwnKeys(office, Ed25519PrivateKey.generate(), pyrage.x25519.Identity.generate())
    _write_private(own_keys_path(data_dir), _own_keys_json(keys))
    return keys


def load_own_keys(data_dir: Path) -> OwnKeys:
    """This office's keys; `NoOwnKeysError` before they are made."""
    path = own_keys_path(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NoOwnKeysError() from None
    except (OSError, UnicodeDecodeError) as error:
        raise OwnKeysUnreadableError(str(path), str(error)) from None
    try:
        fields = json.loads(text)
        if fields.get("format") != OWN_KEYS_FORMAT or not is_office_code(fields.get("office")):
            raise ValueError("形式か事務所コードが違います")
        signing = Ed25519PrivateKey.from_private_bytes(
            base64.b64decode(fields["signing_key"], validate=True)
        )
        identity = pyrage.x25519.Identity.from_str(fields["identity"])
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, pyrage.IdentityError):
        raise OwnKeysUnreadableError(str(path), "中身が正しくありません") from None
    return OwnKeys(fields["office"], signing, identity)


def _own_keys_json(keys: OwnKeys) -> bytes:
    secret = keys.signing.private_bytes(
        _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    fields = {
        "format": OWN_KEYS_FORMAT,
        "office": keys.office,
        "signing_key": base64.b64encode(secret).decode("ascii"),
        "identity": str(keys.identity),
        "fingerprint": keys.card.fingerprint,  # for a person looking; not read back
    }
    return (json.dumps(fields, indent=1) + "\n").encode("ascii")


def _write_private(target: Path, data: bytes) -> None:
    """Write ``data`` whole, readable by its owner only, and survive a power cut."""
    folder = target.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        keep_private(Path(temporary))  # before a secret byte is in it
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        replace_durably(Path(temporary), target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
