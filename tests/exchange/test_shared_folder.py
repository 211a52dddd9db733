"""The ward's shared folder: a branch and the head office exchange through it by themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from exchange_ward import Office, make_ward
from sqlalchemy import func, select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.exchange.receiving import APPLIED
from kyodo_desktop.services.exchange.shared_folder import (
    RECEIVED_FOLDER,
    exchange_through_folder,
    inbox,
    set_shared_folder,
    shared_folder,
)
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.consultations import Consultation

pytestmark = pytest.mark.sqlite_only


def head_and_branch(tmp_path: Path, make_actor) -> tuple[Office, Office]:  # type: ignore[no-untyped-def]
    """A head office ("00") and branch 02 that hold each other's public cards."""
    head, (branch,) = make_ward(tmp_path, make_actor, codes=("02",))
    return head, branch


def consultation(office: Office, asked: str):  # type: ignore[no-untyped-def]
    draft = ConsultationDraft(
        occurred_on=date(2026, 12, 1), channel="counter", asked=asked, answered="説明した。"
    )
    return log_consultation(office.workspace.database, office.counter, draft)


def count(office: Office, model, *where) -> int:  # type: ignore[no-untyped-def]
    with office.workspace.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def pair(tmp_path: Path, actor_factory):  # type: ignore[no-untyped-def]
    head, branch = head_and_branch(tmp_path, actor_factory)
    yield head, branch
    head.workspace.close()
    branch.workspace.close()


def _pass(office, shared: Path, previous=None):  # type: ignore[no-untyped-def]
    return exchange_through_folder(
        office.workspace.database, office.counter, office.data_dir, shared, previous
    )


def test_a_branch_change_reaches_the_head_office_through_the_folder_and_back(
    pair, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head, branch = pair
    shared = tmp_path / "shared"
    shared.mkdir()
    made = consultation(branch, "子ども食堂を始めたい")

    sent = _pass(branch, shared)
    assert sent.reachable and not sent.refusal
    [file] = sent.sent
    assert file.path.parent == inbox(shared, "00") == shared / "to-00"
    assert file.recipient == "00" and file.rows >= 1

    at_head = _pass(head, shared)
    [received] = at_head.received
    assert received.outcome == APPLIED and received.sender == "02"
    assert count(head, Consultation, Consultation.id == made) == 1
    # Filed away so that it is not read again; a return waits in the branch's inbox.
    assert list((shared / "to-00").glob("*.kyodox")) == []
    assert [p.name for p in (shared / "to-00" / RECEIVED_FOLDER).iterdir()] == [file.path.name]
    [back] = at_head.sent
    assert back.recipient == "02" and back.path.parent == shared / "to-02"

    at_branch = _pass(branch, shared, sent)
    assert [r.outcome for r in at_branch.received] == [APPLIED]
    assert list((shared / "to-02").glob("*.kyodox")) == []

    # The branch confirmed what it took in; that changes nothing at the head office, which
    # therefore sends nothing back: the two never keep answering each other.
    [confirmation] = at_branch.sent
    confirmed = _pass(head, shared, at_head)
    assert [(r.path.name, r.outcome, r.rows) for r in confirmed.received] == [
        (confirmation.path.name, APPLIED, 0)
    ]
    assert confirmed.sent == ()
    assert _pass(branch, shared, at_branch).sent == ()
    assert _pass(head, shared, confirmed).received == ()


def test_nothing_is_sent_when_nothing_happened(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, branch = pair
    shared = tmp_path / "shared"
    shared.mkdir()
    first = _pass(branch, shared)
    assert len(first.sent) == 1
    quiet = _pass(branch, shared, first)
    assert quiet.reachable and quiet.sent == () and quiet.received == ()
    consultation(branch, "会計の相談")
    busy = _pass(branch, shared, quiet)
    assert len(busy.sent) == 1
    # The newer file holds everything the unread one did: one file waits, not two.
    assert [p.name for p in (shared / "to-00").glob("*.kyodox")] == [busy.sent[0].path.name]
    [received] = _pass(head, shared).received
    assert received.outcome == APPLIED


def test_a_folder_out_of_reach_is_a_plain_result(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, branch = pair
    result = _pass(branch, tmp_path / "not-mounted")
    assert not result.reachable
    assert result.sent == () and result.received == ()


def test_without_keys_the_pass_says_why(tmp_path: Path, actor_factory) -> None:  # type: ignore[no-untyped-def]

    workspace = open_workspace(tmp_path / "bare")
    try:
        actor = actor_factory(workspace, "03", StaffRole.COUNTER)
        shared = tmp_path / "shared"
        shared.mkdir()
        result = exchange_through_folder(
            workspace.database, actor, workspace.data_dir, shared, None
        )
        assert result.reachable and "鍵" in result.refusal
    finally:
        workspace.close()


def test_the_setting_is_kept_and_cleared(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert shared_folder(workspace.database) is None
    set_shared_folder(workspace.database, workspace.actor, str(tmp_path / "shared"))
    assert shared_folder(workspace.database) == tmp_path / "shared"
    with pytest.raises(InputError, match="共有フォルダ"):
        set_shared_folder(workspace.database, workspace.actor, "relative/folder")
    set_shared_folder(workspace.database, workspace.actor, "")
    assert shared_folder(workspace.database) is None
