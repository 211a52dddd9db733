"""Every write goes through a service: permission, one transaction, an audit entry."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from conftest import drop_append_only
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    change_consultation,
    delete_consultation,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.services.errors import InputError, PermissionDeniedError, StaleRecordError
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.audit.trail import UnauditedWriteError
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group

TODAY = date.today()


def draft(**changes: object) -> ConsultationDraft:
    values: dict[str, object] = {
        "occurred_on": TODAY,
        "channel": "counter",
        "asked": "ＮＰＯ法人の設立手続について知りたい。",
        "answered": "設立の流れと必要書類を説明した。",
        "topic_codes": ("npo_procedure", "startup"),
    }
    values.update(changes)
    return ConsultationDraft(**values)  # type: ignore[arg-type]


def count(workspace, model) -> int:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def officers(workspace, actor_factory):  # type: ignore[no-untyped-def]
    make_actor = actor_factory
    return {
        "03": make_actor(workspace, "03", StaffRole.COUNTER, "光が丘の窓口"),
        "05": make_actor(workspace, "05", StaffRole.COUNTER, "出張所05の窓口"),
        "head": make_actor(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課"),
        "viewer": make_actor(workspace, "03", StaffRole.VIEWER, "閲覧者"),
    }


def test_a_logged_consultation_is_saved_stamped_and_audited(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    officer = officers["03"]
    consultation_id = log_consultation(workspace.database, officer, draft())
    seen = get_consultation(workspace.database, officer, consultation_id)
    assert seen.asked == "ＮＰＯ法人の設立手続について知りたい。"
    assert seen.topic_codes == ("startup", "npo_procedure")
    assert seen.office_code == "03"
    with workspace.database.reading() as session:
        row = session.get(Consultation, consultation_id)
        assert (row.origin_office, row.created_by, row.staff_id) == (
            "03",
            officer.staff_id,
            officer.staff_id,
        )
        assert row.text_key.startswith("npo法人の設立手続")
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(consultation_id))
        ).one()
    assert (entry.action, entry.entity, entry.staff_id, entry.office) == (
        "create",
        "consultation",
        officer.staff_id,
        "03",
    )
    assert json.loads(entry.after)["asked"] == "ＮＰＯ法人の設立手続について知りたい。"


def test_an_officer_of_office_03_cannot_read_or_change_office_05s_consultations(
    workspace, officers
) -> None:  # type: ignore[no-untyped-def]
    theirs = log_consultation(workspace.database, officers["05"], draft(asked="出張所05の相談"))
    mine = log_consultation(workspace.database, officers["03"], draft(asked="光が丘の相談"))
    intruder = officers["03"]
    with pytest.raises(PermissionDeniedError, match="他の事務所の記録"):
        get_consultation(workspace.database, intruder, theirs)
    with pytest.raises(PermissionDeniedError):
        change_consultation(
            workspace.database, intruder, theirs, draft(asked="書き換え"), row_version=1
        )
    with pytest.raises(PermissionDeniedError):
        delete_consultation(workspace.database, intruder, theirs)
    with pytest.raises(PermissionDeniedError):
        log_consultation(workspace.database, intruder, draft(office_code="05"))
    listing = browse.consultations(workspace.database, intruder)
    assert [row.id for row in listing.page(0, 100)] == [mine]
    assert listing.count() == 1
    # 05's record is untouched; the head office sees both.
    assert get_consultation(workspace.database, officers["05"], theirs).asked == "出張所05の相談"
    assert browse.consultations(workspace.database, officers["head"]).count() == 2


def test_a_viewer_reads_but_cannot_write(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    mine = log_consultation(workspace.database, officers["03"], draft())
    assert get_consultation(workspace.database, officers["viewer"], mine).id == mine
    with pytest.raises(PermissionDeniedError, match="閲覧のみ"):
        log_consultation(workspace.database, officers["viewer"], draft())
    assert count(workspace, Consultation) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"asked": "   "}, "相談内容を入力してください"),
        ({"occurred_on": TODAY + timedelta(days=1)}, "未来の日付"),
        ({"channel": "fax"}, "相談の方法を選んでください"),
        ({"topic_codes": ("startup", "no-such-topic")}, "相談分類「no-such-topic」"),
        ({"follow_up_on": TODAY - timedelta(days=1)}, "フォロー予定日"),
        ({"follow_up_on": datetime(2000, 1, 1)}, "フォロー予定日"),  # once a TypeError
        ({"asked": "x\x00y"}, "制御文字"),
        ({"referred_department_code": "nowhere"}, "つなぎ先"),
    ],
)
def test_bad_input_gets_a_japanese_message_and_saves_nothing(
    workspace, officers, changes, message
) -> None:  # type: ignore[no-untyped-def]
    entries = count(workspace, AuditEntry)
    with pytest.raises(InputError, match=message):
        log_consultation(workspace.database, officers["03"], draft(**changes))
    assert count(workspace, Consultation) == 0
    assert count(workspace, AuditEntry) == entries


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    officer = officers["03"]
    consultation_id = log_consultation(workspace.database, officer, draft())
    opened = get_consultation(workspace.database, officer, consultation_id)
    change_consultation(
        workspace.database,
        officers["head"],
        consultation_id,
        draft(answered="本庁が追記"),
        row_version=opened.row_version,
    )
    with pytest.raises(StaleRecordError, match="他の職員が変更しました"):
        change_consultation(
            workspace.database,
            officer,
            consultation_id,
            draft(answered="古い画面から"),
            row_version=opened.row_version,
        )
    assert get_consultation(workspace.database, officer, consultation_id).answered == "本庁が追記"


def test_a_change_and_a_delete_are_audited_with_before_and_after(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    officer = officers["03"]
    consultation_id = log_consultation(workspace.database, officer, draft())
    changed = change_consultation(
        workspace.database,
        officer,
        consultation_id,
        draft(answered="再度説明した。"),
        row_version=1,
    )
    assert changed.row_version == 2
    delete_consultation(workspace.database, officer, consultation_id)
    with workspace.database.reading() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_id == str(consultation_id))
            .order_by(AuditEntry.seq)
        ).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    update = entries[1]
    assert json.loads(update.before)["answered"] == "設立の流れと必要書類を説明した。"
    assert json.loads(update.after)["answered"] == "再度説明した。"
    with pytest.raises(Exception, match="見つかりません"):
        get_consultation(workspace.database, officer, consultation_id)


def test_a_write_outside_a_service_is_refused(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnauditedWriteError), workspace.database.transaction() as session:
        group = session.scalars(select(Group)).first()
        session.add(
            Group(
                origin_office="01",
                name="抜け道",
                name_kana="ヌケミチ",
                name_key="ぬけみち",
                kind="other",
                office_id=workspace.actor.office_id,
            )
        )
        del group
    assert count(workspace, Group) == 0


def test_the_chain_verifies_and_finds_an_altered_entry(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        log_consultation(workspace.database, officers["03"], draft(asked=f"相談{n}"))
    with workspace.database.reading() as session:
        checked, broken = audit_trail.verify(session)
    assert broken is None and checked >= 3
    with workspace.database.engine.begin() as connection:
        target = connection.execute(
            text("SELECT seq FROM audit_entry WHERE after LIKE '%相談1%'")
        ).scalar()
        # An attacker with the file in hand, going around the append-only triggers:
        drop_append_only(connection, "update")
        connection.execute(
            text("UPDATE audit_entry SET after = replace(after, '相談1', '改ざん') WHERE seq = :s"),
            {"s": target},
        )
    with workspace.database.reading() as session:
        _, broken = audit_trail.verify(session)
    assert broken is not None and broken.seq == target


def test_the_chain_finds_a_removed_entry(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        log_consultation(workspace.database, officers["03"], draft(asked=f"相談{n}"))
    with workspace.database.engine.begin() as connection:
        drop_append_only(connection, "delete")
        target = connection.execute(text("SELECT max(seq) - 1 FROM audit_entry")).scalar()
        connection.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": target})
    with workspace.database.reading() as session:
        _, broken = audit_trail.verify(session)
    assert broken is not None and broken.seq == target + 1


def test_audit_entries_cannot_be_changed_or_deleted(workspace, officers) -> None:  # type: ignore[no-untyped-def]
    log_consultation(workspace.database, officers["03"], draft())
    for statement in (
        "UPDATE audit_entry SET action = 'view'",
        "DELETE FROM audit_entry",
    ):
        with (
            pytest.raises(IntegrityError, match="audit entries"),
            workspace.database.engine.begin() as c,
        ):
            c.exec_driver_sql(statement)
