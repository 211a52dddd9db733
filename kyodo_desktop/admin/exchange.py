"""kyodo-admin exchange: the files between the branch offices and the head office.

``exchange keys create | card | add | list`` set up this office's keys and the cards of the
offices it exchanges with (docs/exchange.md). The keys live in the data folder
(``<data>/exchange/keys/``), so these commands need no database. Further subcommands of
``exchange`` (export, import, status) go beside ``keys`` in `add_commands`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import UsageError, add_group, data_dir, office_code
from kyodo_desktop.admin.exchange_files import add_file_commands


def cmd_keys_create(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.keys import create_own_keys, own_keys_path
    from kyodo_desktop.services.exchange.offices import office_label

    folder = data_dir(args)
    keys = create_own_keys(folder, office_code(args.office), replace=args.replace)
    print(f"{office_label(keys.office)}の受け渡し用の鍵を作りました: {own_keys_path(folder)}")
    print(f"指紋: {keys.card.fingerprint}")
    print("公開鍵カードは kyodo-admin exchange keys card --to フォルダ で書き出せます。")
    return 0


def cmd_keys_card(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.cards import write_card
    from kyodo_desktop.services.exchange.keys import load_own_keys

    if not args.to.is_dir():
        raise UsageError(f"書き出し先のフォルダ {args.to} がありません。--to を確かめてください。")
    card = load_own_keys(data_dir(args)).card
    try:
        path = write_card(card, args.to)
    except OSError as error:
        raise UsageError(
            f"公開鍵カードを {args.to} に書き出せませんでした（{error.strerror or error}）。"
            "書き込めるフォルダを --to に指定してください。"
        ) from None
    print(f"公開鍵カードを書き出しました: {path}")
    print(f"指紋: {card.fingerprint}（相手の事務所と電話で読み合わせてください）")
    return 0


def cmd_keys_add(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.cards import Added, add_card, read_card
    from kyodo_desktop.services.exchange.keys import has_own_keys, load_own_keys
    from kyodo_desktop.services.exchange.offices import office_label

    folder = data_dir(args)
    card = read_card(args.card)
    own = load_own_keys(folder).office if has_own_keys(folder) else None
    added, earlier = add_card(folder, card, own_office=own, replace=args.replace)
    label = office_label(card.office)
    if added is Added.SAME:
        print(f"{label}の公開鍵はもう登録されています（同じ鍵、指紋 {card.fingerprint}）。")
        return 0
    if added is Added.REPLACED and earlier is not None:
        print(
            f"{label}の公開鍵を新しいカードに置き換えました（以前の指紋 {earlier.fingerprint}）。"
        )
    else:
        print(f"{label}の公開鍵を登録しました。")
    print(f"指紋: {card.fingerprint}（相手の事務所と電話で読み合わせてください）")
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.exchange.cards import load_known
    from kyodo_desktop.services.exchange.keys import has_own_keys, load_own_keys
    from kyodo_desktop.services.exchange.offices import office_label

    folder = data_dir(args)
    if has_own_keys(folder):
        own = load_own_keys(folder).card
        print(f"この事務所\t{own.office}\t{own.fingerprint}\t{office_label(own.office)}")
    else:
        print("この事務所の鍵はまだありません（kyodo-admin exchange keys create --office NN）。")
    known = load_known(folder)
    for card in known:
        print(f"登録済み\t{card.office}\t{card.fingerprint}\t{office_label(card.office)}")
    if not len(known):
        print("登録済みの相手の公開鍵はまだありません（kyodo-admin exchange keys add CARD_FILE）。")
    return 0


def add_keys_commands(exchange: Any) -> None:
    """Add ``keys create | card | add | list`` under ``exchange``."""
    add = add_group(
        exchange,
        "keys",
        "this office's keys and the public cards of the offices it exchanges with",
        "keys_command",
    )
    create = add(
        "create",
        "make this office's signing and encryption keys, once at installation "
        "(the head office passes --office 00)",
        cmd_keys_create,
    )
    create.add_argument(
        "--office", required=True, help="this office's code: 01-17, or 00 for the head office"
    )
    create.add_argument(
        "--replace",
        action="store_true",
        help="replace keys already made (a new PC): files sealed to the old card can no "
        "longer be opened, and every partner needs the new card",
    )
    card = add(
        "card", "write this office's public card (<code>.kyodo-key) into a folder", cmd_keys_card
    )
    card.add_argument(
        "--to", type=Path, required=True, metavar="DIR", help="the folder to write to"
    )
    add_card = add(
        "add",
        "know another office's public card from now on (compare its fingerprint by phone)",
        cmd_keys_add,
    )
    add_card.add_argument("card", type=Path, metavar="CARD_FILE", help="a .kyodo-key file")
    add_card.add_argument(
        "--replace",
        action="store_true",
        help="replace the card of an office already known with different keys (its new PC)",
    )
    add("list", "this office's fingerprint and every known office's", cmd_keys_list)


def add_commands(commands: Any) -> None:
    """Add the ``exchange`` group (``keys`` now; ``export``, ``import``, ``status`` beside it)."""
    text = "the files between the branch offices and the head office (docs/exchange.md)"
    group = commands.add_parser("exchange", help=text, description=text)
    exchange = group.add_subparsers(dest="exchange_command", required=True, metavar="COMMAND")
    add_keys_commands(exchange)
    add_file_commands(exchange)
