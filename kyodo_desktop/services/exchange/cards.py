"""An office's public card (公開鍵カード), and the cards of the offices this one knows.

A card is a small text file ``<code>.kyodo-key``: the office code, its Ed25519 public key
(to check what it signed) and its age recipient (to encrypt files to it), with a short
fingerprint that two people read to each other over the phone before trusting a card. It
holds nothing secret. The head office knows every branch's card; a branch knows the head
office's. Known cards live in ``<data>/exchange/keys/known/``, one file per office.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kyodo_desktop.services.exchange.errors import (
    CardConflictError,
    CardUnreadableError,
    OfficeCodeError,
    OwnCardError,
    UnknownOfficeError,
)
from kyodo_desktop.services.exchange.offices import is_office_code, known_folder
from kyodo_desktop.services.safekeeping.saving import write_whole

CARD_FORMAT = "kyodo-key 1"
CARD_SUFFIX = ".kyodo-key"
_SIGNING_PREFIX = "ed25519:"
_FIELDS = ("format", "office", "signing-key", "recipient", "fingerprint")
_MOST_BYTES = 4096  # a card is a few hundred bytes; anything far larger is not one


@dataclass(frozen=True)
class PublicCard:
    """What another office needs to send files to an office and to check what it signed."""

    office: str
    signing_key: bytes  # the raw 32 bytes of the Ed25519 public key
    recipient: str  # the age X25519 recipient, "age1..."

    @property
    def fingerprint(self) -> str:
        """First 16 hex digits of SHA-256 over the public parts, in groups of four."""
        digest = hashlib.sha256(self._public_parts().encode("ascii")).hexdigest()[:16]
        return " ".join(digest[start : start + 4] for start in range(0, 16, 4))

    @property
    def file_name(self) -> str:
        return f"{self.office}{CARD_SUFFIX}"

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.signing_key)

    def age_recipient(self) -> pyrage.x25519.Recipient:
        return pyrage.x25519.Recipient.from_str(self.recipient)

    def to_text(self) -> str:
        return (
            "# 協働デスク 事務所の公開鍵カード（秘密の情報は含みません）\n"
            "# 受け取った側は、電話で相手と指紋（fingerprint）を読み合わせてから登録してください。\n"
            f"format: {CARD_FORMAT}\n"
            f"office: {self.office}\n"
            f"signing-key: {_signing_text(self.signing_key)}\n"
            f"recipient: {self.recipient}\n"
            f"fingerprint: {self.fingerprint}\n"
        )

    def _public_parts(self) -> str:
        return (
            f"{CARD_FORMAT}\n{self.office}\n{_signing_text(self.signing_key)}\n{self.recipient}\n"
        )


def _signing_text(key: bytes) -> str:
    return _SIGNING_PREFIX + base64.b64encode(key).decode("ascii")


def parse_card(text: str, name: str) -> PublicCard:
    """The card written in ``text`` (``name`` says which file in a refusal)."""
    fields: dict[str, str] = {}
    for line in text.lstrip("\ufeff").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in _FIELDS or key.strip() in fields:
            raise CardUnreadableError(name, f"読めない行「{line[:40]}」")
        fields[key.strip()] = value.strip()
    missing = [field for field in _FIELDS if field not in fields]
    if missing:
        raise CardUnreadableError(name, f"{'・'.join(missing)} がありません")
    if fields["format"] != CARD_FORMAT:
        raise CardUnreadableError(name, f"形式 {fields['format']} はこの版では読めません")
    if not is_office_code(fields["office"]):
        raise CardUnreadableError(name, f"事務所コード {fields['office']} は使えません")
    card = PublicCard(
        office=fields["office"],
        signing_key=_signing_key(fields["signing-key"], name),
        recipient=fields["recipient"],
    )
    try:
        card.age_recipient()
    except pyrage.RecipientError:
        raise CardUnreadableError(name, "暗号化の公開鍵（recipient）が正しくありません") from None
    if fields["fingerprint"] != card.fingerprint:
        raise CardUnreadableError(
            name, "指紋が鍵と合いません。途中で書き換えられたおそれがあります"
        )
    return card


def _signing_key(text: str, name: str) -> bytes:
    try:
        if not text.startswith(_SIGNING_PREFIX):
            raise ValueError(text)
        key = base64.b64decode(text.removeprefix(_SIGNING_PREFIX), validate=True)
        Ed25519PublicKey.from_public_bytes(key)
    except (ValueError, binascii.Error):
        raise CardUnreadableError(name, "署名の公開鍵（signing-key）が正しくありません") from None
    return key


def read_card(path: Path) -> PublicCard:
    """The card in the file ``path``."""
    try:
        with open(path, "rb") as file:
            data = file.read(_MOST_BYTES + 1)
    except OSError as error:
        raise CardUnreadableError(str(path), error.strerror or str(error)) from None
    if len(data) > _MOST_BYTES:
        raise CardUnreadableError(str(path), "大きすぎます")
    # Only comments may be other than ASCII; a card saved by an editor in Shift_JIS still reads.
    return parse_card(data.decode("utf-8", errors="replace"), str(path))


def write_card(card: PublicCard, folder: Path) -> Path:
    """Write ``card`` as ``<folder>/<code>.kyodo-key`` (whole or not at all)."""
    target = folder / card.file_name
    write_whole(target, card.to_text().encode("utf-8"))
    return target


# The offices this one knows ----------------------------------------------------------------


class KnownCards:
    """The public cards this office holds, one per office code."""

    def __init__(self, cards: Iterable[PublicCard] = ()) -> None:
        self._cards = {card.office: card for card in cards}

    def get(self, office: str) -> PublicCard | None:
        return self._cards.get(office)

    def card(self, office: str) -> PublicCard:
        """The card of ``office``, to seal a file to it."""
        if not is_office_code(office):
            raise OfficeCodeError(office)
        card = self._cards.get(office)
        if card is None:
            raise UnknownOfficeError(office)
        return card

    def __iter__(self) -> Iterator[PublicCard]:
        return iter(sorted(self._cards.values(), key=lambda card: card.office))

    def __len__(self) -> int:
        return len(self._cards)

    def __contains__(self, office: object) -> bool:
        return office in self._cards


def load_known(data_dir: Path) -> KnownCards:
    """Every card in ``<data>/exchange/keys/known/`` (none yet: empty)."""
    folder = known_folder(data_dir)
    if not folder.is_dir():
        return KnownCards()
    cards = []
    for path in sorted(folder.glob(f"*{CARD_SUFFIX}")):
        card = read_card(path)
        if path.name != card.file_name:
            raise CardUnreadableError(
                str(path), f"ファイル名と事務所コード {card.office} が違います"
            )
        cards.append(card)
    return KnownCards(cards)


class Added(Enum):
    """What `add_card` did."""

    ADDED = "added"
    SAME = "same"  # the same card was already known: nothing changed
    REPLACED = "replaced"


def add_card(
    data_dir: Path, card: PublicCard, *, own_office: str | None, replace: bool = False
) -> tuple[Added, PublicCard | None]:
    """Know ``card`` from now on; returns what was done and the card it replaced, if any.

    A different card for an office already known is refused unless ``replace`` (a new PC at
    that office, checked by phone). ``own_office`` is this office's code, whose own card is
    not another office's.
    """
    if card.office == own_office:
        raise OwnCardError(card.office)
    earlier = load_known(data_dir).get(card.office)
    if earlier == card:
        return Added.SAME, None
    if earlier is not None and not replace:
        raise CardConflictError(card.office, earlier.fingerprint, card.fingerprint)
    folder = known_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    write_card(card, folder)
    return (Added.ADDED if earlier is None else Added.REPLACED), earlier
