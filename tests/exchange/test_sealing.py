"""Sealed exchange files: what the recipient opens, and every file it refuses and keeps aside."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo_desktop.services.exchange import sealing
from kyodo_desktop.services.exchange.cards import KnownCards
from kyodo_desktop.services.exchange.errors import (
    DamagedFileError,
    FileRefusedError,
    NewerFormatError,
    NotForThisOfficeError,
    SignerMismatchError,
    UnknownSenderError,
)
from kyodo_desktop.services.exchange.keys import OwnKeys, create_own_keys
from kyodo_desktop.services.exchange.sealing import keep_aside, open_sealed, reason_path, seal

PAYLOAD = "練馬花子さん（豊玉北1-2-3）の相談: 子ども食堂の会場について".encode()
HEADER = {"schema": "0009", "file_id": "6f1c0d2e-03-000042"}


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, OwnKeys]:
    """The head office and two branches, each with its own keys."""
    folder = tmp_path_factory.mktemp("offices")
    return {code: create_own_keys(folder / code, code) for code in ("00", "03", "05")}


def known(offices: dict[str, OwnKeys], *codes: str) -> KnownCards:
    return KnownCards(offices[code].card for code in codes)


@pytest.fixture(scope="module")
def sealed(offices: dict[str, OwnKeys]) -> bytes:
    """A file branch 03 sends to the head office."""
    return seal(PAYLOAD, HEADER, offices["03"], offices["00"].card)


def test_the_head_office_opens_what_a_branch_sealed_to_it(
    offices: dict[str, OwnKeys], sealed: bytes
) -> None:
    opened = open_sealed(sealed, offices["00"], known(offices, "03", "05"))
    assert (opened.sender, opened.recipient) == ("03", "00")
    assert opened.header == HEADER
    assert opened.payload == PAYLOAD


def test_an_empty_and_a_large_payload_travel_whole(offices: dict[str, OwnKeys]) -> None:
    for payload in (b"", os.urandom(3_000_000)):
        data = seal(payload, {}, offices["00"], offices["05"].card)
        assert open_sealed(data, offices["05"], known(offices, "00")).payload == payload


def test_the_file_says_who_it_is_from_and_for_in_clear_and_nothing_else(
    offices: dict[str, OwnKeys], sealed: bytes
) -> None:
    first, header, body = sealed.split(b"\n", 2)
    assert first == b"KYODO-EXCHANGE 1"
    assert json.loads(header) == {"format": 1, "from": "03", "to": "00", "header": HEADER}
    assert body.startswith(b"age-encryption.org/v1\n")
    # A lost stick: nothing of the payload can be read without the head office's key.
    assert PAYLOAD not in sealed and "練馬花子".encode() not in sealed
    envelope = sealing.read_envelope(sealed)
    assert (envelope.sender, envelope.recipient, envelope.header) == ("03", "00", HEADER)
    # Nor by the branch that sealed it: it is encrypted to the head office alone.
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(body, [offices["03"].identity])


# Refusals ------------------------------------------------------------------------------------


def flipped(data: bytes, index: int, mask: int = 0x01) -> bytes:
    return data[:index] + bytes([data[index] ^ mask]) + data[index + 1 :]


@pytest.mark.parametrize(
    "where",
    [
        "magic",
        "magic's version",
        "header's office",
        "header's value",
        "header's end",
        "body",
        "end",
    ],
)
def test_a_single_changed_byte_anywhere_is_refused(
    offices: dict[str, OwnKeys], sealed: bytes, where: str
) -> None:
    header_start = sealed.index(b"\n") + 1
    body_start = sealed.index(b"\n", header_start) + 1
    index = {
        "magic": 0,
        "magic's version": len(b"KYODO-EXCHANGE "),
        "header's office": sealed.index(b'"from":"03"') + len('"from":"0'),
        "header's value": sealed.index(b"000042") + 3,
        "header's end": body_start - 1,
        "body": body_start + (len(sealed) - body_start) // 2,
        "end": len(sealed) - 1,
    }[where]
    changed = flipped(sealed, index, 0x02 if where == "magic's version" else 0x01)
    with pytest.raises(FileRefusedError) as refused:
        open_sealed(changed, offices["00"], known(offices, "03", "05"))
    expected = {
        "magic's version": NewerFormatError,  # "1" became "3"
        "header's office": UnknownSenderError,  # "03" became "02", which the head office lacks
    }.get(where, DamagedFileError)
    assert type(refused.value) is expected
    if expected is DamagedFileError:
        assert refused.value.message.startswith(
            "このファイルは協働デスクの受け渡しファイルではないか、壊れているか、途中で書き換えられています"
        )
        assert "送った事務所にもう一度作って送ってもらってください。" in refused.value.message


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True), mask=st.integers(1, 255))
def test_flipping_any_single_byte_of_a_sealed_file_is_refused(
    offices: dict[str, OwnKeys], sealed: bytes, position: float, mask: int
) -> None:
    changed = flipped(sealed, int(position * len(sealed)), mask)
    with pytest.raises(FileRefusedError):
        open_sealed(changed, offices["00"], known(offices, "03", "05"))


def test_a_file_addressed_to_another_office_is_refused(offices: dict[str, OwnKeys]) -> None:
    data = seal(PAYLOAD, HEADER, offices["00"], offices["03"].card)
    with pytest.raises(NotForThisOfficeError) as refused:
        open_sealed(data, offices["05"], known(offices, "00"))
    assert refused.value.message == (
        "このファイルは事務所03あてで、この事務所（事務所05）あてではありません。"
        "受け取らずに、あて先の事務所に届けてください。"
    )


def test_a_file_readdressed_to_another_office_is_refused(offices: dict[str, OwnKeys]) -> None:
    """Office 03 opens a file of the head office's and re-seals its inside to office 05."""
    original = seal(PAYLOAD, HEADER, offices["00"], offices["03"].card)
    clear = original[: original.index(b"age-encryption")]
    body = original[len(clear) :]
    inside = pyrage.decrypt(body, [offices["03"].identity])
    readdressed = clear.replace(b'"to":"03"', b'"to":"05"') + pyrage.encrypt(
        inside, [offices["05"].card.age_recipient()]
    )
    with pytest.raises(DamagedFileError) as refused:
        open_sealed(readdressed, offices["05"], known(offices, "00"))
    assert "署名が送り主の鍵と合いません" in refused.value.message


def test_a_file_from_an_unknown_office_is_refused(offices: dict[str, OwnKeys]) -> None:
    data = seal(PAYLOAD, HEADER, offices["05"], offices["00"].card)
    with pytest.raises(UnknownSenderError) as refused:
        open_sealed(data, offices["00"], known(offices, "03"))
    assert refused.value.message.startswith(
        "このファイルは事務所05から送られていますが、その公開鍵が登録されていません。"
    )
    assert "kyodo-admin exchange keys add" in refused.value.message


def test_a_file_signed_by_another_office_than_it_claims_is_refused(
    offices: dict[str, OwnKeys],
) -> None:
    """Office 03's keys, and a header claiming office 05."""
    impostor = OwnKeys("05", offices["03"].signing, offices["03"].identity)
    data = seal(PAYLOAD, HEADER, impostor, offices["00"].card)
    assert sealing.read_envelope(data).sender == "05"
    with pytest.raises(SignerMismatchError) as refused:
        open_sealed(data, offices["00"], known(offices, "03", "05"))
    assert (refused.value.claimed, refused.value.signer) == ("05", "03")
    assert refused.value.message == (
        "このファイルは事務所05から送られたことになっていますが、事務所03の鍵で署名されています。"
        "送り主を偽っているおそれがあるため受け取りません。"
        "両方の事務所に、このファイルを作ったかを確かめてください。"
    )


def test_a_file_signed_by_a_key_nobody_knows_is_refused(
    offices: dict[str, OwnKeys], tmp_path: Path
) -> None:
    stranger = create_own_keys(tmp_path, "05")
    data = seal(PAYLOAD, HEADER, stranger, offices["00"].card)
    with pytest.raises(DamagedFileError) as refused:
        open_sealed(data, offices["00"], known(offices, "03", "05"))
    assert "新しい公開鍵カードを登録してください" in refused.value.message


def test_a_file_sealed_to_this_offices_old_keys_is_refused(
    offices: dict[str, OwnKeys], tmp_path: Path
) -> None:
    new_pc = create_own_keys(tmp_path, "03")  # office 03's new PC; the head office sent too soon
    data = seal(PAYLOAD, HEADER, offices["00"], offices["03"].card)
    with pytest.raises(DamagedFileError) as refused:
        open_sealed(data, new_pc, known(offices, "00"))
    assert "新しい公開鍵カードが送り主に届いているか" in refused.value.message


def test_a_file_of_a_newer_format_is_refused_with_update_first(
    offices: dict[str, OwnKeys], sealed: bytes
) -> None:
    newer = sealed.replace(b"KYODO-EXCHANGE 1\n", b"KYODO-EXCHANGE 2\n", 1)
    with pytest.raises(NewerFormatError) as refused:
        open_sealed(newer, offices["00"], known(offices, "03"))
    assert refused.value.message.startswith(
        "このファイルは新しい版の協働デスクで作られました。更新してから受け取ってください"
    )


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04 an Excel file", b"KYODO-EXCHANGE 1\n", b"KYODO-EXCHANGE 1\n{}\nbody"],
)
def test_what_is_not_an_exchange_file_is_refused(offices: dict[str, OwnKeys], data: bytes) -> None:
    with pytest.raises(DamagedFileError):
        open_sealed(data, offices["00"], known(offices, "03"))


# Kept aside ----------------------------------------------------------------------------------


def test_a_refused_file_is_moved_aside_with_its_reason(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    received = stick / "03-00-000042.kyodo"
    received.write_bytes(b"sealed bytes")
    kept = keep_aside(received, tmp_path / "data", "署名が合いません。")
    assert kept == tmp_path / "data" / "exchange" / "kept-aside" / "03-00-000042.kyodo"
    assert kept.read_bytes() == b"sealed bytes" and not received.exists()
    note = reason_path(kept).read_text(encoding="utf-8-sig")
    assert "理由: 署名が合いません。" in note
    assert f"元の場所: {received}" in note


def test_a_kept_aside_file_never_replaces_an_earlier_one(tmp_path: Path) -> None:
    paths = []
    for number in range(3):
        received = tmp_path / "03-00-000042.kyodo"
        received.write_bytes(f"copy {number}".encode())
        paths.append(keep_aside(received, tmp_path / "data", f"理由{number}"))
    assert [path.name for path in paths] == [
        "03-00-000042.kyodo",
        "03-00-000042-2.kyodo",
        "03-00-000042-3.kyodo",
    ]
    assert [path.read_bytes() for path in paths] == [b"copy 0", b"copy 1", b"copy 2"]
    assert "理由: 理由0" in reason_path(paths[0]).read_text(encoding="utf-8-sig")


def test_a_file_on_another_disk_is_copied_aside_then_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(source: object, target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(sealing.os, "replace", cross_device)
    received = tmp_path / "file.kyodo"
    received.write_bytes(b"x" * 3_000_000)
    kept = keep_aside(received, tmp_path / "data", "壊れています。")
    assert kept.read_bytes() == b"x" * 3_000_000 and not received.exists()
