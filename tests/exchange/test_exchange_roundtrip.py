"""A branch and the head office exchange files: what travels, twice, out of order, clashing."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from pathlib import Path

import pytest
from exchange_ward import Office, make_office
from sqlalchemy import func, select

from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.exchange.cards import add_card
from kyodo_desktop.services.exchange.receiving import (
    ALREADY,
    APPLIED,
    KEPT_ASIDE,
    WAITING,
    receive_files,
)
from kyodo_desktop.services.exchange.sending import send
from kyodo_desktop.services.groups.draft import GroupDraft
from kyodo_desktop.services.groups.registry import change_group, create_group, get_group
from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.exchange.state import ExchangeConflict
from kyodo_desktop.store.groups import Group

# The head office on each engine (its server in CI); the branches keep their SQLite files.


_office = make_office


def _head_office_url(request: pytest.FixtureRequest, engine: str) -> str | None:
    from conftest import database_url

    return database_url(request, engine, "pg_empty_template")


@pytest.fixture
def ward(tmp_path: Path, actor_factory, engine: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    head = _office(tmp_path, "00", actor_factory, _head_office_url(request, engine))
    branches = [_office(tmp_path, code, actor_factory) for code in ("02", "03")]
    for branch in branches:
        add_card(head.data_dir, _card(branch), own_office="00")
        add_card(branch.data_dir, _card(head), own_office=branch.code)
    yield head, branches
    for office in (head, *branches):
        office.workspace.close()


def _card(office: Office):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.exchange.keys import load_own_keys

    return load_own_keys(office.data_dir).card


def _send(office: Office, folder: Path, *codes: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    sent = send(office.workspace.database, office.counter, office.data_dir, folder, codes or None)
    return [s.path for s in sent]


def _receive(office: Office, paths: list[Path]):  # type: ignore[no-untyped-def]
    return receive_files(office.workspace.database, office.counter, office.data_dir, paths)


def _consultation(office: Office, asked: str) -> uuid.UUID:
    draft = ConsultationDraft(
        occurred_on=date(2026, 12, 1),
        channel="counter",
        asked=asked,
        answered="説明した。",
        topic_codes=("npo_procedure",),
    )
    return log_consultation(office.workspace.database, office.counter, draft)


def _count(office: Office, model, *where) -> int:  # type: ignore[no-untyped-def]
    with office.workspace.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_branch_change_reaches_the_head_office_once(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    made = _consultation(branch, "子ども食堂を始めたい")
    files = _send(branch, tmp_path / "stick")
    assert len(files) == 1

    first = _receive(head, files)
    assert first[0].outcome == APPLIED and first[0].rows >= 1
    with head.workspace.database.reading() as session:
        row = session.get(Consultation, made)
        assert row is not None and row.asked == "子ども食堂を始めたい"
        assert (row.rev_office, row.origin_office) == ("02", "02")
        assert row.topic_codes == "npo_procedure"
        topics = session.execute(
            select(consultation_topic.c.topic_id).where(
                consultation_topic.c.consultation_id == made
            )
        ).all()
        assert len(topics) == 1  # the pairs of consultation_topic travel with it

    again = _receive(head, files)
    assert again[0].outcome == ALREADY
    assert _count(head, Consultation, Consultation.id == made) == 1


def test_the_return_carries_the_registry_but_not_other_offices_consultations(
    ward, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head, (branch, other) = ward
    _consultation(other, "他の事務所の相談")
    _receive(head, _send(other, tmp_path / "from-03"))
    group = create_group(
        head.workspace.database,
        head.counter,
        GroupDraft(
            name="豊玉子ども食堂",
            name_kana="トヨタマコドモショクドウ",
            kind="volunteer",
            office_code="02",
        ),
    )
    returns = _send(head, tmp_path / "returns", "02")
    [received] = _receive(branch, returns)
    assert received.outcome == APPLIED
    assert _count(branch, Group, Group.id == group) == 1
    assert _count(branch, Consultation, Consultation.asked == "他の事務所の相談") == 0


def test_different_fields_merge_and_the_same_field_goes_to_the_conflicts(
    ward, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    draft = GroupDraft(
        name="石神井町会",
        name_kana="シャクジイチョウカイ",
        kind="chokai",
        office_code="02",
        phone="03-1111-1111",
        address="石神井町1-1",
    )
    group = create_group(head.workspace.database, head.counter, draft)
    _receive(branch, _send(head, tmp_path / "r1", "02"))

    at_branch = get_group(branch.workspace.database, branch.counter, group)
    change_group(
        branch.workspace.database,
        branch.counter,
        group,
        dataclasses.replace(draft, phone="03-2222-2222"),
        row_version=at_branch.row_version,
    )
    at_head = get_group(head.workspace.database, head.counter, group)
    change_group(
        head.workspace.database,
        head.counter,
        group,
        dataclasses.replace(draft, address="石神井町2-2"),
        row_version=at_head.row_version,
    )
    [merged] = _receive(head, _send(branch, tmp_path / "s1"))
    assert merged.outcome == APPLIED and merged.conflicts == 0
    now = get_group(head.workspace.database, head.counter, group)
    assert (now.phone, now.address) == ("03-2222-2222", "石神井町2-2")

    _receive(branch, _send(head, tmp_path / "r2", "02"))
    at_branch = get_group(branch.workspace.database, branch.counter, group)
    assert (at_branch.phone, at_branch.address) == ("03-2222-2222", "石神井町2-2")
    change_group(
        branch.workspace.database,
        branch.counter,
        group,
        dataclasses.replace(draft, phone="03-3333-3333", address="石神井町2-2"),
        row_version=at_branch.row_version,
    )
    at_head = get_group(head.workspace.database, head.counter, group)
    change_group(
        head.workspace.database,
        head.counter,
        group,
        dataclasses.replace(draft, phone="03-4444-4444", address="石神井町2-2"),
        row_version=at_head.row_version,
    )
    [clash] = _receive(head, _send(branch, tmp_path / "s2"))
    assert clash.conflicts == 1
    assert get_group(head.workspace.database, head.counter, group).phone == "03-4444-4444"
    with head.workspace.database.reading() as session:
        conflict = session.scalars(select(ExchangeConflict)).one()
        assert conflict.fields == '["phone"]' and "03-3333-3333" in conflict.theirs
        assert "03-2222-2222" in (conflict.base or "")


def test_a_gap_is_held_back_then_applied_in_order(
    ward, tmp_path: Path, actor_factory, engine, request
) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    _consultation(branch, "一通目")
    first = _send(branch, tmp_path / "a")
    _receive(head, first)
    _receive(branch, _send(head, tmp_path / "r", "02"))  # confirms the first
    _consultation(branch, "二通目")
    second = _send(branch, tmp_path / "b")
    # A head office that lost the first file (a fresh one) must hold the second back.
    fresh = _office(tmp_path / "fresh", "00", actor_factory, _head_office_url(request, engine))
    add_card(fresh.data_dir, _card(branch), own_office="00")
    from kyodo_desktop.services.exchange import keys

    (fresh.data_dir / "exchange" / "keys" / "own.json").write_bytes(
        keys.own_keys_path(head.data_dir).read_bytes()
    )
    [held] = _receive(fresh, second)
    assert held.outcome == WAITING and "前のファイル" in held.message
    assert _count(fresh, Consultation, Consultation.asked == "二通目") == 0
    results = _receive(fresh, [*second, *first])  # any order: the first goes first
    assert [r.outcome for r in results] == [APPLIED, APPLIED]
    assert _count(fresh, Consultation, Consultation.asked.in_(["一通目", "二通目"])) == 2
    fresh.workspace.close()


def test_a_file_altered_by_one_byte_is_kept_aside(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    _consultation(branch, "改ざんされる相談")
    [path] = _send(branch, tmp_path / "stick")
    data = bytearray(path.read_bytes())
    data[-10] ^= 1
    path.write_bytes(bytes(data))
    [refused] = _receive(head, [path])
    assert refused.outcome == KEPT_ASIDE and refused.path.exists()
    assert _count(head, Consultation, Consultation.asked == "改ざんされる相談") == 0


def test_the_branch_audit_chain_arrives_whole_and_a_break_is_reported(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import drop_append_only

    from kyodo_desktop.services.exchange.status import exchange_status
    from kyodo_desktop.store.audit.entries import AuditEntry
    from kyodo_desktop.store.exchange.state import ExchangeAudit

    head, (branch, _) = ward
    _consultation(branch, "監査ログも届く")
    _receive(head, _send(branch, tmp_path / "a"))
    branch_entries = _count(branch, AuditEntry)
    # All but the send's own entry, written as the file was sealed: it travels next time.
    assert _count(head, ExchangeAudit, ExchangeAudit.office == "02") == branch_entries - 1
    status = exchange_status(head.workspace.database, head.counter)
    assert status.peers[0].office == "02"
    with head.workspace.database.reading() as session:
        from kyodo_desktop.store.exchange.state import ExchangePeer

        assert session.get(ExchangePeer, "02").audit_break is None

    _consultation(branch, "二件目")
    with branch.workspace.database.engine.begin() as connection:
        drop_append_only(connection, "update")
        last = connection.exec_driver_sql("SELECT max(seq) FROM audit_entry").scalar()
        connection.exec_driver_sql(
            "UPDATE audit_entry SET entity_id = 'forged' WHERE seq = ?", (last,)
        )
    _receive(head, _send(branch, tmp_path / "b"))
    with head.workspace.database.reading() as session:
        from kyodo_desktop.store.exchange.state import ExchangePeer

        broken = session.get(ExchangePeer, "02").audit_break
    assert broken is not None and "改変" in broken


def test_the_wards_settings_travel_to_the_branches(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.rule_settings import RULE_SETTINGS_KEY
    from kyodo_desktop.services.settings import get_setting, put_setting
    from kyodo_desktop.services.workspace import SYSTEM

    head, (branch, _) = ward
    with head.workspace.database.transaction(SYSTEM) as session:
        put_setting(session, RULE_SETTINGS_KEY, {"chosen_by": "協働推進課"})
    [received] = _receive(branch, _send(head, tmp_path / "r", "02"))
    assert received.outcome == APPLIED
    with branch.workspace.database.reading() as session:
        assert get_setting(session, RULE_SETTINGS_KEY) == {"chosen_by": "協働推進課"}


def _resealed(branch: Office, head: Office, path: Path, schema: str, drop: str) -> Path:
    """The branch's file as a program of another schema revision would have written it."""
    from kyodo_desktop.services.exchange import payload
    from kyodo_desktop.services.exchange.cards import load_known
    from kyodo_desktop.services.exchange.keys import load_own_keys
    from kyodo_desktop.services.exchange.sealing import open_sealed, seal

    opened = open_sealed(path.read_bytes(), load_own_keys(head.data_dir), load_known(head.data_dir))
    contents = payload.read(opened.payload)
    header = dataclasses.replace(contents.header, schema=schema, file_id=uuid.uuid4().hex)
    records = [
        dataclasses.replace(r, row={k: v for k, v in r.row.items() if k != drop})
        for r in contents.records
    ]
    data = payload.write(header, records, contents.audit)
    own = load_own_keys(branch.data_dir)
    target = path.with_name(f"{schema}-{path.name}")
    target.write_bytes(seal(data, {"schema": schema, "file_id": header.file_id}, own, _card(head)))
    return target


def test_a_file_one_revision_behind_is_taken_and_a_newer_one_kept_aside(
    ward, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    made = _consultation(branch, "古い版から")
    [path] = _send(branch, tmp_path / "stick")
    newer = _resealed(branch, head, path, "9999", drop="")
    [refused] = _receive(head, [newer])
    assert refused.outcome == KEPT_ASIDE and "新しい版" in refused.message
    older = _resealed(branch, head, path, "0008", drop="topic_codes")  # before a column came
    [taken] = _receive(head, [older])
    assert taken.outcome == APPLIED
    with head.workspace.database.reading() as session:
        assert session.get(Consultation, made).asked == "古い版から"


def test_a_file_named_twice_is_received_and_told_once(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, (branch, _) = ward
    _consultation(branch, "二度選ばれたファイル")
    [path] = _send(branch, tmp_path / "stick")
    assert [r.outcome for r in _receive(head, [path, path])] == [APPLIED]
