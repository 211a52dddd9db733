"""An office's keys and the public cards it knows, by the services and by kyodo-admin."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from kyodo_desktop.admin.main import main
from kyodo_desktop.services.exchange.cards import (
    Added,
    KnownCards,
    PublicCard,
    add_card,
    load_known,
    parse_card,
    read_card,
    write_card,
)
from kyodo_desktop.services.exchange.errors import (
    CardConflictError,
    CardUnreadableError,
    NoOwnKeysError,
    OfficeCodeError,
    OwnCardError,
    OwnKeysExistError,
    OwnKeysUnreadableError,
    UnknownOfficeError,
)
from kyodo_desktop.services.exchange.keys import (
    create_own_keys,
    has_own_keys,
    load_own_keys,
    own_keys_path,
)
from kyodo_desktop.services.exchange.offices import known_folder

FINGERPRINT = re.compile(r"^[0-9a-f]{4}( [0-9a-f]{4}){3}$")


def test_keys_are_made_once_and_read_back(tmp_path: Path) -> None:
    assert not has_own_keys(tmp_path)
    made = create_own_keys(tmp_path, "03")
    assert own_keys_path(tmp_path) == tmp_path / "exchange" / "keys" / "own.json"
    again = load_own_keys(tmp_path)
    assert again.office == "03" and again.card == made.card
    assert FINGERPRINT.match(made.card.fingerprint)
    assert "AGE-SECRET-KEY" not in repr(again) and made.card.fingerprint in repr(again)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_keys_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    create_own_keys(tmp_path, "00")
    assert stat.S_IMODE(own_keys_path(tmp_path).stat().st_mode) == 0o600
    assert stat.S_IMODE(own_keys_path(tmp_path).parent.stat().st_mode) == 0o700
    assert [path.name for path in own_keys_path(tmp_path).parent.iterdir()] == ["own.json"]


def test_making_keys_again_is_refused_unless_replacing(tmp_path: Path) -> None:
    first = create_own_keys(tmp_path, "03")
    with pytest.raises(OwnKeysExistError) as refused:
        create_own_keys(tmp_path, "03")
    assert f"指紋 {first.card.fingerprint}" in refused.value.message
    assert "作り直すときだけ --replace を付けてください。" in refused.value.message
    assert load_own_keys(tmp_path).card == first.card
    second = create_own_keys(tmp_path, "03", replace=True)
    assert second.card.fingerprint != first.card.fingerprint
    assert load_own_keys(tmp_path).card == second.card


@pytest.mark.parametrize("code", ["18", "1", "", "０３", "99"])
def test_an_office_code_that_does_not_exchange_is_refused(tmp_path: Path, code: str) -> None:
    with pytest.raises(OfficeCodeError) as refused:
        create_own_keys(tmp_path, code)
    assert "区民事務所・出張所は 01〜17、本庁（協働推進課）は 00" in refused.value.message
    assert not has_own_keys(tmp_path)


def test_no_keys_yet_is_told_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NoOwnKeysError) as refused:
        load_own_keys(tmp_path)
    assert refused.value.message == (
        "この事務所の受け渡し用の鍵がまだ作られていません。システム担当が kyodo-admin exchange "
        "keys create --office 事務所コード で作ってください（本庁は 00）。"
    )


def test_a_damaged_keys_file_is_told(tmp_path: Path) -> None:
    create_own_keys(tmp_path, "03")
    own_keys_path(tmp_path).write_text('{"format": "kyodo-own-keys 1", "office": "03"}')
    with pytest.raises(OwnKeysUnreadableError) as refused:
        load_own_keys(tmp_path)
    assert "kyodo-admin exchange keys create --replace" in refused.value.message


# Cards ---------------------------------------------------------------------------------------


@pytest.fixture
def branch_card(tmp_path: Path) -> PublicCard:
    return create_own_keys(tmp_path / "branch", "03").card


def test_a_card_is_written_and_read_back(tmp_path: Path, branch_card: PublicCard) -> None:
    path = write_card(branch_card, tmp_path)
    assert path.name == "03.kyodo-key"
    text = path.read_text(encoding="utf-8")
    assert "office: 03\n" in text and f"fingerprint: {branch_card.fingerprint}\n" in text
    assert "SECRET" not in text
    assert read_card(path) == branch_card


def test_a_card_saved_by_a_windows_editor_still_reads(branch_card: PublicCard) -> None:
    text = "\ufeff" + branch_card.to_text().replace("\n", "\r\n")
    assert parse_card(text, "03.kyodo-key") == branch_card


def test_a_card_whose_keys_do_not_match_its_fingerprint_is_refused(
    tmp_path: Path, branch_card: PublicCard
) -> None:
    other = create_own_keys(tmp_path / "other", "05").card
    text = branch_card.to_text().replace(branch_card.recipient, other.recipient)
    with pytest.raises(CardUnreadableError) as refused:
        parse_card(text, "03.kyodo-key")
    assert "指紋が鍵と合いません" in refused.value.message
    assert "kyodo-admin exchange keys card でもう一度書き出してもらってください。" in (
        refused.value.message
    )


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            lambda text: "# a comment\n",
            "format・office・signing-key・recipient・fingerprint がありません",
        ),
        (lambda text: "hello", "読めない行「hello」"),
        (lambda text: text.replace("kyodo-key 1", "kyodo-key 2"), "この版では読めません"),
        (lambda text: text.replace("office: 03", "office: 18"), "事務所コード 18 は使えません"),
        (lambda text: text.replace("ed25519:", "ed25519:AA"), "signing-key"),
        (lambda text: text.replace("recipient: age1", "recipient: age2"), "recipient"),
        (lambda text: text + "colour: blue\n", "読めない行"),
    ],
)
def test_a_card_that_is_not_one_is_refused(branch_card: PublicCard, change, detail) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CardUnreadableError) as refused:
        parse_card(change(branch_card.to_text()), "03.kyodo-key")
    assert detail in refused.value.message


def test_adding_a_card_same_again_and_a_conflict(tmp_path: Path, branch_card: PublicCard) -> None:
    head = tmp_path / "head"
    assert add_card(head, branch_card, own_office="00") == (Added.ADDED, None)
    assert add_card(head, branch_card, own_office="00") == (Added.SAME, None)
    assert [card.office for card in load_known(head)] == ["03"]

    new_pc = create_own_keys(tmp_path / "new-pc", "03").card
    with pytest.raises(CardConflictError) as refused:
        add_card(head, new_pc, own_office="00")
    assert (
        f"登録済みの指紋 {branch_card.fingerprint}、このカードの指紋 {new_pc.fingerprint}"
        in refused.value.message
    )
    assert "--replace を付けて登録し直してください。" in refused.value.message
    assert load_known(head).get("03") == branch_card

    assert add_card(head, new_pc, own_office="00", replace=True) == (Added.REPLACED, branch_card)
    assert load_known(head).get("03") == new_pc


def test_an_office_does_not_add_its_own_card(tmp_path: Path, branch_card: PublicCard) -> None:
    with pytest.raises(OwnCardError):
        add_card(tmp_path / "branch", branch_card, own_office="03")


def test_a_known_card_under_another_offices_name_is_refused(
    tmp_path: Path, branch_card: PublicCard
) -> None:
    folder = known_folder(tmp_path)
    folder.mkdir(parents=True)
    (folder / "05.kyodo-key").write_text(branch_card.to_text(), encoding="utf-8")
    with pytest.raises(CardUnreadableError) as refused:
        load_known(tmp_path)
    assert "ファイル名と事務所コード 03 が違います" in refused.value.message


def test_sealing_to_an_office_with_no_card_is_refused(branch_card: PublicCard) -> None:
    known = KnownCards([branch_card])
    assert known.card("03") == branch_card
    with pytest.raises(UnknownOfficeError) as refused:
        known.card("05")
    assert refused.value.message.startswith("事務所05の公開鍵が登録されていないため")


# kyodo-admin exchange keys -------------------------------------------------------------------


def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kyodo_admin_sets_up_keys_and_exchanges_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head, branch, stick = tmp_path / "head", tmp_path / "branch", tmp_path / "stick"
    stick.mkdir()
    code, out, _ = admin(
        capsys, "exchange", "keys", "create", "--office", "0", "--data-dir", str(head)
    )
    assert code == 0 and out.startswith("本庁・協働推進課の受け渡し用の鍵を作りました")
    head_print = load_own_keys(head).card.fingerprint
    assert f"指紋: {head_print}" in out
    assert (
        admin(capsys, "exchange", "keys", "create", "--office", "3", "--data-dir", str(branch))[0]
        == 0
    )

    code, out, _ = admin(
        capsys, "exchange", "keys", "card", "--to", str(stick), "--data-dir", str(branch)
    )
    assert code == 0 and f"公開鍵カードを書き出しました: {stick / '03.kyodo-key'}" in out
    card = str(stick / "03.kyodo-key")
    code, out, _ = admin(capsys, "exchange", "keys", "add", card, "--data-dir", str(head))
    assert code == 0 and out.startswith("事務所03の公開鍵を登録しました。")
    code, out, _ = admin(capsys, "exchange", "keys", "add", card, "--data-dir", str(head))
    assert code == 0 and "もう登録されています（同じ鍵" in out

    assert (
        admin(capsys, "exchange", "keys", "card", "--to", str(stick), "--data-dir", str(head))[0]
        == 0
    )
    code, out, _ = admin(
        capsys, "exchange", "keys", "add", str(stick / "00.kyodo-key"), "--data-dir", str(branch)
    )
    assert code == 0

    code, out, _ = admin(capsys, "exchange", "keys", "list", "--data-dir", str(head))
    branch_print = load_own_keys(branch).card.fingerprint
    assert out.splitlines() == [
        f"この事務所\t00\t{head_print}\t本庁・協働推進課",
        f"登録済み\t03\t{branch_print}\t事務所03",
    ]


def test_kyodo_admin_replaces_a_card_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head, stick = tmp_path / "head", tmp_path / "stick"
    stick.mkdir()
    old = write_card(create_own_keys(tmp_path / "old", "05").card, stick)
    assert admin(capsys, "exchange", "keys", "add", str(old), "--data-dir", str(head))[0] == 0
    new_pc = create_own_keys(tmp_path / "new", "05").card
    new = write_card(new_pc, tmp_path)
    code, _, err = admin(capsys, "exchange", "keys", "add", str(new), "--data-dir", str(head))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("kyodo-admin: 事務所05の公開鍵はもう登録されていて")
    code, out, _ = admin(
        capsys, "exchange", "keys", "add", str(new), "--replace", "--data-dir", str(head)
    )
    assert code == 0 and "新しいカードに置き換えました" in out
    assert load_known(head).get("05") == new_pc


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["create", "--office", "18"], "事務所コード「18」は受け渡しに使えません"),
        (["card", "--to", "."], "鍵がまだ作られていません"),
        (["card", "--to", "nowhere"], "書き出し先のフォルダ nowhere がありません"),
        (["add", "missing.kyodo-key"], "公開鍵カード（.kyodo-key）として読めません"),
    ],
)
def test_kyodo_admin_tells_a_refusal_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    code, _, err = admin(capsys, "exchange", "keys", *argv, "--data-dir", str(tmp_path))
    assert code == 2 and err.count("\n") == 1 and words in err


def test_kyodo_admin_lists_nothing_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = admin(capsys, "exchange", "keys", "list", "--data-dir", str(tmp_path))
    assert code == 0
    assert out.splitlines() == [
        "この事務所の鍵はまだありません（kyodo-admin exchange keys create --office NN）。",
        "登録済みの相手の公開鍵はまだありません（kyodo-admin exchange keys add CARD_FILE）。",
    ]


def test_kyodo_admin_help_lists_the_keys_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["exchange", "keys", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("create", "card", "add", "list"):
        assert command in out
