"""競合: an officer at the head office decides, field by field, and the decision travels back."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from exchange_ward import make_ward, receive, send_files
from sqlalchemy import select

from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    change_consultation,
    delete_consultation,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.services.exchange.conflicts import (
    ConflictDecision,
    decide_conflict,
    list_conflicts,
)
from kyodo_desktop.services.groups.draft import GroupDraft
from kyodo_desktop.services.groups.registry import change_group, create_group, get_group
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.exchange.state import ExchangeConflict

pytestmark = pytest.mark.sqlite_only

DRAFT = GroupDraft(
    name="石神井町会",
    name_kana="シャクジイチョウカイ",
    kind="chokai",
    office_code="02",
    phone="03-1111-1111",
    address="石神井町1-1",
)


@pytest.fixture
def ward(tmp_path: Path, actor_factory):  # type: ignore[no-untyped-def]
    head, branches = make_ward(tmp_path, actor_factory)
    yield head, branches
    for office in (head, *branches):
        office.workspace.close()


def _phone_clash(head, branch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The group's phone changed at the branch (03-2222) and at the head office (03-4444)."""
    group = create_group(head.database, head.counter, DRAFT)
    receive(branch, send_files(head, tmp_path / "r1", "02"))
    at_branch = get_group(branch.database, branch.counter, group)
    change_group(
        branch.database,
        branch.counter,
        group,
        dataclasses.replace(DRAFT, phone="03-2222-2222"),
        row_version=at_branch.row_version,
    )
    at_head = get_group(head.database, head.counter, group)
    change_group(
        head.database,
        head.counter,
        group,
        dataclasses.replace(DRAFT, phone="03-4444-4444"),
        row_version=at_head.row_version,
    )
    [clash] = receive(head, send_files(branch, tmp_path / "s1"))
    assert clash.conflicts == 1
    return group


def test_an_open_conflict_reads_in_words(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    _phone_clash(head, branch, tmp_path)
    [view] = list_conflicts(head.database, head.counter)
    assert view.table == "団体" and view.record == "団体「石神井町会」"
    assert view.offices == ("本庁・協働推進課", "事務所02")
    [field] = view.fields
    assert (field.label, field.base, field.ours, field.theirs) == (
        "電話番号",
        "03-1111-1111",
        "03-4444-4444",
        "03-2222-2222",
    )
    assert not view.deletion


def test_the_office_value_chosen_is_saved_and_travels_back(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    group = _phone_clash(head, branch, tmp_path)
    [view] = list_conflicts(head.database, head.counter)
    decided = decide_conflict(
        head.database,
        head.counter,
        view.id,
        ConflictDecision(theirs=("phone",), ours=(), row_version=view.row_version),
    )
    assert decided.decision == {"phone": "theirs"} and decided.decided_at is not None
    assert get_group(head.database, head.counter, group).phone == "03-2222-2222"
    assert list_conflicts(head.database, head.counter) == ()
    with head.database.reading() as session:
        conflict = session.scalars(select(ExchangeConflict)).one()
        assert conflict.decided_by == head.counter.staff_id
        assert json.loads(conflict.decision) == {"phone": "theirs"}
        event = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "exchange.decide")
        ).one()
        assert "theirs" in (event.after or "")

    receive(branch, send_files(head, tmp_path / "r2", "02"))
    assert get_group(branch.database, branch.counter, group).phone == "03-2222-2222"
    # The branch's next file brings no new clash.
    [again] = receive(head, send_files(branch, tmp_path / "s2"))
    assert again.conflicts == 0


def test_the_head_office_value_kept_replaces_the_branch_one(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    group = _phone_clash(head, branch, tmp_path)
    [view] = list_conflicts(head.database, head.counter)
    decide_conflict(
        head.database,
        head.counter,
        view.id,
        ConflictDecision(theirs=(), ours=("phone",), row_version=view.row_version),
    )
    assert get_group(head.database, head.counter, group).phone == "03-4444-4444"
    receive(branch, send_files(head, tmp_path / "r2", "02"))
    assert get_group(branch.database, branch.counter, group).phone == "03-4444-4444"


def test_a_decision_is_guarded(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    group = _phone_clash(head, branch, tmp_path)
    [view] = list_conflicts(head.database, head.counter)
    with pytest.raises(InputError, match="電話番号"):
        decide_conflict(
            head.database,
            head.counter,
            view.id,
            ConflictDecision(theirs=(), ours=(), row_version=view.row_version),
        )
    with pytest.raises(PermissionDeniedError):
        decide_conflict(
            head.database,
            branch.counter,
            view.id,
            ConflictDecision(theirs=("phone",), ours=(), row_version=view.row_version),
        )
    at_head = get_group(head.database, head.counter, group)
    change_group(
        head.database,
        head.counter,
        group,
        dataclasses.replace(DRAFT, phone="03-5555-5555"),
        row_version=at_head.row_version,
    )
    with pytest.raises(StaleRecordError):  # the row changed since it was shown
        decide_conflict(
            head.database,
            head.counter,
            view.id,
            ConflictDecision(theirs=("phone",), ours=(), row_version=view.row_version),
        )
    [fresh] = list_conflicts(head.database, head.counter)
    assert fresh.fields[0].ours == "03-5555-5555"
    choice = ConflictDecision(theirs=("phone",), ours=(), row_version=fresh.row_version)
    decide_conflict(head.database, head.counter, view.id, choice)
    with pytest.raises(StaleRecordError):  # decided already
        decide_conflict(head.database, head.counter, view.id, choice)


def test_a_change_against_a_deletion_is_decided_never_silently(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    draft = ConsultationDraft(
        occurred_on=date(2026, 12, 1),
        channel="counter",
        asked="子ども食堂を始めたい",
        answered="説明した。",
        topic_codes=("npo_procedure",),
    )
    made = log_consultation(branch.database, branch.counter, draft)
    receive(head, send_files(branch, tmp_path / "s1"))
    receive(branch, send_files(head, tmp_path / "r1", "02"))
    delete_consultation(branch.database, branch.counter, made)
    at_head = get_consultation(head.database, head.counter, made)
    change_consultation(
        head.database,
        head.counter,
        made,
        dataclasses.replace(draft, answered="協働推進課から補足した。"),
        row_version=at_head.row_version,
    )
    [clash] = receive(head, send_files(branch, tmp_path / "s2"))
    assert clash.conflicts == 1
    [view] = list_conflicts(head.database, head.counter)
    assert view.deletion and view.record.endswith("の相談（令和8年12月1日）")
    deletion = next(f for f in view.fields if f.name == "deleted_at")
    assert (deletion.label, deletion.ours, deletion.theirs) == (
        "削除",
        "削除されていない（有効）",
        "削除済み",
    )
    others = tuple(f.name for f in view.fields if f.name != "deleted_at")
    decide_conflict(  # keep the deletion the office made
        head.database,
        head.counter,
        view.id,
        ConflictDecision(theirs=("deleted_at", *others), ours=(), row_version=view.row_version),
    )
    with head.database.reading() as session:
        assert session.get(Consultation, made).deleted_at is not None
    with pytest.raises(NotFoundError):
        get_consultation(head.database, head.counter, made)
