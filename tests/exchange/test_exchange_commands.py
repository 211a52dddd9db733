"""kyodo-admin exchange office | export | import | status, as the ward's IT staff type them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.workspace import open_workspace

pytestmark = pytest.mark.sqlite_only


def _set_up(folder: Path, code: str, cards: Path) -> None:
    open_workspace(folder).close()
    assert main(["exchange", "office", code, "--data-dir", str(folder)]) == 0
    assert main(["exchange", "keys", "create", "--office", code, "--data-dir", str(folder)]) == 0
    assert main(["exchange", "keys", "card", "--to", str(cards), "--data-dir", str(folder)]) == 0


def test_a_branch_file_goes_to_the_head_office_by_the_commands(
    tmp_path: Path, actor_factory, capsys
) -> None:  # type: ignore[no-untyped-def]
    branch, head, cards, stick = (tmp_path / n for n in ("branch", "head", "cards", "stick"))
    cards.mkdir()
    stick.mkdir()
    _set_up(branch, "02", cards)
    _set_up(head, "00", cards)
    assert (
        main(["exchange", "keys", "add", str(cards / "00.kyodo-key"), "--data-dir", str(branch)])
        == 0
    )
    assert (
        main(["exchange", "keys", "add", str(cards / "02.kyodo-key"), "--data-dir", str(head)]) == 0
    )
    workspace = open_workspace(branch)
    officer = actor_factory(workspace, "02", StaffRole.COUNTER)
    draft = ConsultationDraft(
        occurred_on=date(2026, 12, 1), channel="counter", asked="会計の相談", answered="説明した。"
    )
    log_consultation(workspace.database, officer, draft)
    workspace.close()
    capsys.readouterr()

    assert main(["exchange", "export", "--to", str(stick), "--data-dir", str(branch)]) == 0
    assert "本庁・協働推進課あて" in capsys.readouterr().out
    [sent] = list(stick.iterdir())
    assert main(["exchange", "import", str(sent), "--data-dir", str(head)]) == 0
    out = capsys.readouterr().out
    assert "事務所02から 受け取りました" in out and "競合 0 件" in out
    assert main(["exchange", "import", str(sent), "--data-dir", str(head)]) == 0
    assert "受け取り済みでした（変更なし）" in capsys.readouterr().out
    assert main(["exchange", "status", "--data-dir", str(head)]) == 0
    status = capsys.readouterr().out
    assert "この事務所: 本庁・協働推進課" in status and "事務所02: 受け取り済み" in status


def test_a_file_for_another_office_is_refused_and_kept_aside(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    head, cards, stick = tmp_path / "head", tmp_path / "cards", tmp_path / "stick"
    cards.mkdir()
    stick.mkdir()
    _set_up(head, "00", cards)
    junk = stick / "kyodo-02-to-00.kyodox"
    junk.write_bytes(b"not a sealed file")
    assert main(["exchange", "import", str(junk), "--data-dir", str(head)]) == 1
    out = capsys.readouterr().out
    assert "取り分けました" in out
    assert list((head / "exchange" / "kept-aside").glob("kyodo-02-to-00*"))


def test_an_installation_set_up_for_an_office_speaks_for_it_in_the_exchange(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    import io

    folder = tmp_path / "branch"
    monkeypatch.setattr("sys.stdin", io.StringIO("try-it-1234\n"))
    args = ["init", "--data-dir", str(folder), "--office", "03", "--admin-login", "admin03"]
    assert main([*args, "--password-stdin"]) == 0
    capsys.readouterr()
    assert main(["exchange", "status", "--data-dir", str(folder)]) == 0
    assert "この事務所: 事務所03" in capsys.readouterr().out
