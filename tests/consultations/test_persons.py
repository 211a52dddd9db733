"""A person's record (相談者): registered with consent and its date, opened with an audit entry."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.consultations.persons import (
    PersonDraft,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.core import SERVICES
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.people import Person

TODAY = date.today()


@pytest.fixture
def officers(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return {
        "03": actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口"),
        "05": actor_factory(workspace, "05", StaffRole.COUNTER, "出張所05の窓口"),
        "head": actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課"),
        "viewer": actor_factory(workspace, "03", StaffRole.VIEWER, "閲覧者"),
    }


def person(**changes: object) -> PersonDraft:
    values: dict[str, object] = {
        "name": "練馬　花子",
        "name_kana": "ネリマ　ハナコ",
        "phone": "０３ー３９９３ー１１１１",
        "postal_code": "〒１７６ー８５０１",
        "address": "練馬区豊玉北6-12-1",
        "consent_to_share": True,
    }
    values.update(changes)
    return PersonDraft(**values)  # type: ignore[arg-type]


def entries(workspace, person_id) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "person", AuditEntry.entity_id == str(person_id))
                .order_by(AuditEntry.seq)
            )
        )


def test_the_services_are_registered_with_their_draft() -> None:
    assert SERVICES["person.create"].input_type is PersonDraft
    assert SERVICES["person.change"].input_type is PersonDraft
    assert "person.open" in SERVICES


def test_a_registered_person_is_normalised_with_consent_dated_and_audited(workspace, officers):  # type: ignore[no-untyped-def]
    person_id = create_person(workspace.database, officers["03"], person())
    seen = open_person(workspace.database, officers["03"], person_id)
    assert seen.phone == "03-3993-1111"
    assert (seen.postal_code, seen.address) == ("176-8501", "練馬区豊玉北6-12-1")
    assert seen.name == "練馬　花子"  # kept as typed
    assert (seen.consent_to_share, seen.consent_recorded_on) == (True, TODAY)
    assert seen.last_contact_on == TODAY
    with workspace.database.reading() as session:
        row = session.get(Person, person_id)
        assert row.address == "〒176-8501 練馬区豊玉北6-12-1"
        assert row.name_key == "練馬花子ねりまはなこ"
        assert row.origin_office == "03"
    created = entries(workspace, person_id)[0]
    assert (created.action, created.staff_id) == ("create", officers["03"].staff_id)
    assert json.loads(created.after)["phone"] == "03-3993-1111"


def test_opening_a_person_writes_a_view_entry_with_the_consultations_counted(
    workspace, officers
) -> None:  # type: ignore[no-untyped-def]
    person_id = create_person(workspace.database, officers["03"], person())
    for n in range(2):
        log_consultation(
            workspace.database,
            officers["03"],
            ConsultationDraft(
                occurred_on=TODAY - timedelta(days=n),
                channel="counter",
                asked=f"相談{n}",
                topic_codes=("startup",),
                person_id=person_id,
            ),
        )
    before = len(entries(workspace, person_id))
    seen = open_person(workspace.database, officers["head"], person_id)
    assert seen.consultations == 2
    after = entries(workspace, person_id)
    assert len(after) == before + 1
    view = after[-1]
    assert (view.action, view.staff_id, view.office) == ("view", officers["head"].staff_id, "01")
    assert json.loads(view.after) == {"consultations": 2}
    assert view.before is None


def test_consent_refused_records_no_date_and_an_earlier_date_is_kept(workspace, officers):  # type: ignore[no-untyped-def]
    officer = officers["03"]
    refused = create_person(workspace.database, officer, person(consent_to_share=False))
    assert open_person(workspace.database, officer, refused).consent_recorded_on is None
    agreed_on = TODAY - timedelta(days=30)
    agreed = create_person(
        workspace.database, officer, person(consent_recorded_on=agreed_on, phone="")
    )
    seen = open_person(workspace.database, officer, agreed)
    assert (seen.consent_recorded_on, seen.phone) == (agreed_on, "")
    # A change that keeps the consent keeps the day it was given.
    changed = change_person(
        workspace.database, officer, agreed, person(notes="再来所"), row_version=seen.row_version
    )
    assert changed.consent_recorded_on == agreed_on
    assert changed.notes == "再来所"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "　 "}, "氏名を入力してください"),
        ({"name": "x" * 61}, "氏名が長すぎます"),
        ({"name": "花\x00子"}, "制御文字"),
        ({"phone": "03-1234"}, "10桁"),
        ({"phone": "でんわ"}, "数字と「-」以外"),
        ({"postal_code": "176"}, "7桁の数字"),
        ({"consent_recorded_on": TODAY + timedelta(days=1)}, "未来の日付"),
        ({"consent_recorded_on": date(1999, 1, 1)}, "平成18年4月1日以降"),
    ],
)
def test_bad_input_gets_a_japanese_message_and_saves_nothing(
    workspace, officers, changes, message
) -> None:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(InputError, match=message):
        create_person(workspace.database, officers["03"], person(**changes))
    with workspace.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_an_officer_sees_only_persons_of_their_own_office(workspace, officers):  # type: ignore[no-untyped-def]
    theirs = create_person(workspace.database, officers["05"], person(name="出張所05の人"))
    with pytest.raises(PermissionDeniedError, match="他の事務所の相談者"):
        open_person(workspace.database, officers["03"], theirs)
    assert [e.action for e in entries(workspace, theirs)] == ["create"]  # no view was written
    # Once the person consults at office 03, office 03 may open the record.
    log_consultation(
        workspace.database,
        officers["03"],
        ConsultationDraft(occurred_on=TODAY, channel="phone", asked="相談", person_id=theirs),
    )
    assert open_person(workspace.database, officers["03"], theirs).consultations == 1
    assert open_person(workspace.database, officers["05"], theirs).consultations == 0


def test_a_viewer_opens_but_cannot_register_or_change(workspace, officers):  # type: ignore[no-untyped-def]
    person_id = create_person(workspace.database, officers["03"], person())
    assert open_person(workspace.database, officers["viewer"], person_id).name == "練馬　花子"
    with pytest.raises(PermissionDeniedError, match="閲覧のみ"):
        create_person(workspace.database, officers["viewer"], person())
    with pytest.raises(PermissionDeniedError):
        change_person(workspace.database, officers["viewer"], person_id, person(), row_version=1)


def test_a_change_is_audited_and_a_stale_one_refused(workspace, officers):  # type: ignore[no-untyped-def]
    officer = officers["03"]
    person_id = create_person(workspace.database, officer, person())
    changed = change_person(
        workspace.database, officer, person_id, person(phone="09012345678"), row_version=1
    )
    assert (changed.phone, changed.row_version) == ("090-1234-5678", 2)
    update = entries(workspace, person_id)[-1]
    assert update.action == "update"
    assert json.loads(update.before) == {"phone": "03-3993-1111"}
    assert json.loads(update.after) == {"phone": "090-1234-5678"}
    with pytest.raises(StaleRecordError, match="他の職員が変更しました"):
        change_person(workspace.database, officer, person_id, person(), row_version=1)


def test_an_unknown_person_is_not_found(workspace, officers):  # type: ignore[no-untyped-def]
    import uuid

    with pytest.raises(NotFoundError, match="見つかりません"):
        open_person(workspace.database, officers["head"], uuid.uuid4())
