"""The group registry's use cases: validation, duplicates, deactivation, the group's page."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kyodo_desktop.rules import search_key
from kyodo_desktop.rules.vocabulary import Channel, StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.errors import InputError, PermissionDeniedError, StaleRecordError
from kyodo_desktop.services.groups.registry import (
    DuplicateGroupError,
    GroupDraft,
    change_group,
    create_group,
    deactivate_group,
    find_similar_groups,
    get_group,
    group_history,
    reactivate_group,
)
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.groups import Group

CHOKAI = GroupDraft(
    name="練馬テスト町会",
    name_kana="ねりまてすとちょうかい",
    kind="chokai",
    office_code="03",
    representative="練馬 太郎",
    postal_code="１７６ー８５０１",
    address="練馬区豊玉北６－１２－１",
    phone="０３（３９９３）１１１１",
    email="info@example.jp",
    households=320,
    households_counted_on=date(2025, 4, 1),
)


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.COUNTER)


def test_a_group_is_registered_with_its_reading_in_katakana_and_numbers_normalised(
    workspace, counter
) -> None:  # type: ignore[no-untyped-def]
    group_id = create_group(workspace.database, counter, CHOKAI)
    view = get_group(workspace.database, counter, group_id)
    assert view.name_kana == "ネリマテストチョウカイ"
    assert view.phone == "03-3993-1111"
    assert view.postal_code == "176-8501"
    assert view.office_code == "03"  # any office's group: groups are shared
    assert (view.households, view.households_counted_on) == (320, date(2025, 4, 1))
    with workspace.database.reading() as session:
        row = session.get(Group, group_id)
        assert row.name_key == search_key(row.name + row.name_kana)
        assert row.active


def test_half_width_katakana_reading_is_stored_in_full_width(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    draft = dataclasses.replace(CHOKAI, name_kana="ﾈﾘﾏ ﾃｽﾄ・ﾁｮｳｶｲ")
    view = get_group(workspace.database, counter, create_group(workspace.database, counter, draft))
    assert view.name_kana == "ネリマ テスト・チョウカイ"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": "  "}, "name", "団体名を入力してください"),
        ({"name_kana": ""}, "name_kana", "フリガナを入力してください"),
        ({"name_kana": "練馬町会"}, "name_kana", "カタカナかひらがな"),
        ({"name_kana": "Nerima"}, "name_kana", "カタカナかひらがな"),
        ({"kind": "club"}, "kind", "団体の種別を選んでください"),
        ({"office_code": "99"}, "office_code", "事務所コード「99」はありません"),
        ({"phone": "03-1234"}, "phone", "10桁"),
        ({"postal_code": "176"}, "postal_code", "7桁の数字"),
        ({"email": "info@example"}, "email", "メールアドレス"),
        ({"email": "info at example.jp"}, "email", "メールアドレス"),
        ({"households": 0}, "households", "1から99,999までの整数"),
        ({"households": -5}, "households", "1から99,999までの整数"),
        ({"households": None}, "households", "加入世帯数を入力してください"),
        ({"households_counted_on": None}, "households_counted_on", "数えた日を入力してください"),
        (
            {"households_counted_on": date.today() + timedelta(days=1)},
            "households_counted_on",
            "未来の日付",
        ),
        ({"kind": "npo"}, "households", "町会・自治会の場合だけ"),
        ({"founded_on": date.today() + timedelta(days=3)}, "founded_on", "未来の日付"),
        ({"notes": "a\x00b"}, "notes", "制御文字"),
        ({"name": "団" * 121}, "name", "120文字以内"),
    ],
)
def test_each_mistake_is_refused_with_its_field_and_what_to_do(
    workspace, counter, change, field, words
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as refused:
        create_group(workspace.database, counter, dataclasses.replace(CHOKAI, **change))
    assert refused.value.field == field
    assert words in refused.value.message
    with workspace.database.reading() as session:
        assert session.scalars(select(Group)).first() is None


def test_a_group_other_than_a_chokai_needs_no_households(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    draft = dataclasses.replace(
        CHOKAI, kind="npo", households=None, households_counted_on=None, office_code=None
    )
    view = get_group(workspace.database, counter, create_group(workspace.database, counter, draft))
    assert view.households is None
    assert view.office_code == "01"  # the officer's own office by default


def test_a_viewer_may_not_register_a_group(workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    viewer = actor_factory(workspace, "01", StaffRole.VIEWER)
    with pytest.raises(PermissionDeniedError):
        create_group(workspace.database, viewer, CHOKAI)


def test_the_same_name_in_another_width_is_a_duplicate(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    first = create_group(workspace.database, counter, CHOKAI)
    again = dataclasses.replace(CHOKAI, name="練馬テスト町会 ", address="練馬区旭町1-1")
    similar = find_similar_groups(workspace.database, counter, "練馬ﾃｽﾄ町会", "")
    assert [s.id for s in similar] == [first]
    with pytest.raises(DuplicateGroupError) as refused:
        create_group(workspace.database, counter, again)
    assert "すでに登録されています" in refused.value.message
    assert [s.id for s in refused.value.similar] == [first]
    assert not refused.value.similar[0].same_address
    second = create_group(workspace.database, counter, again, allow_duplicate=True)
    assert second != first


def test_a_name_held_by_a_group_at_the_same_address_is_a_duplicate(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    first = create_group(workspace.database, counter, CHOKAI)
    draft = dataclasses.replace(CHOKAI, name="テスト町会", address="練馬区豊玉北6-12-1")
    with pytest.raises(DuplicateGroupError) as refused:
        create_group(workspace.database, counter, draft)
    assert [(s.id, s.same_address) for s in refused.value.similar] == [(first, True)]
    elsewhere = dataclasses.replace(draft, address="練馬区旭町1-1")
    assert create_group(workspace.database, counter, elsewhere)


def test_a_change_is_saved_and_a_stale_change_refused(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = create_group(workspace.database, counter, CHOKAI)
    opened = get_group(workspace.database, counter, group_id)
    changed = change_group(
        workspace.database,
        counter,
        group_id,
        dataclasses.replace(CHOKAI, name="練馬テスト町会（新）", office_code=None),
        row_version=opened.row_version,
    )
    assert changed.name == "練馬テスト町会（新）"
    assert changed.office_code == "03"  # kept where it was
    assert changed.row_version > opened.row_version
    with pytest.raises(StaleRecordError):
        change_group(workspace.database, counter, group_id, CHOKAI, row_version=opened.row_version)


def test_deactivating_and_reactivating_are_audited(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = create_group(workspace.database, counter, CHOKAI)
    assert not deactivate_group(workspace.database, counter, group_id).active
    with pytest.raises(InputError, match="すでに無効"):
        deactivate_group(workspace.database, counter, group_id)
    assert reactivate_group(workspace.database, counter, group_id).active
    with workspace.database.reading() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(group_id)).order_by(AuditEntry.seq)
        ).all()
        assert [e.action for e in entries] == ["create", "update", "update"]
        assert [json.loads(e.after)["active"] for e in entries[1:]] == [False, True]
        assert all(e.staff_id == counter.staff_id for e in entries)
        assert session.get(Group, group_id).deleted_at is None


def test_the_page_shows_the_history_in_date_order_scoped_to_the_office(
    demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    database, officer = demo_workspace.database, demo_workspace.actor
    group_id = create_group(
        database, officer, dataclasses.replace(CHOKAI, name="履歴テスト町会", office_code="01")
    )
    other = actor_factory(demo_workspace, "02", StaffRole.COUNTER)
    days = [date(2024, 5, 1), date(2023, 4, 3), date(2025, 1, 10)]
    for day, who in zip(days, [officer, other, officer], strict=True):
        log_consultation(
            database,
            who,
            ConsultationDraft(
                occurred_on=day, channel=Channel.VISIT.value, asked="会計の相談", group_id=group_id
            ),
        )
    mine = group_history(database, officer, group_id)
    assert mine.group.name == "履歴テスト町会"
    assert [e.on for e in mine.entries] == [date(2024, 5, 1), date(2025, 1, 10)]
    assert {e.office_code for e in mine.entries} == {"01"}
    head = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    every = group_history(database, head, group_id).entries
    assert [e.on for e in every] == sorted(days)


def test_a_demo_group_page_lists_its_cases_projects_and_applications(
    demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.store.applications import Application, Project

    head = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    with demo_workspace.database.reading() as session:
        group_id = session.scalars(
            select(Project.group_id).join(Application, Application.project_id == Project.id)
        ).first()
    entries = group_history(demo_workspace.database, head, group_id).entries
    kinds = {e.kind for e in entries}
    assert {"project", "application"} <= kinds
    dated = [e.on for e in entries if e.on is not None]
    assert dated == sorted(dated)


def test_an_unknown_group_is_not_found(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.errors import NotFoundError

    with pytest.raises(NotFoundError):
        get_group(workspace.database, counter, uuid.uuid4())


def test_half_an_emoji_is_refused_plainly(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as refused:
        create_group(workspace.database, counter, dataclasses.replace(CHOKAI, name="町会\ud83c"))
    assert refused.value.field == "name"
    assert find_similar_groups(workspace.database, counter, "町会\ud83c", "") == []


def test_an_exact_name_is_found_however_many_groups_hold_it(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    # 501 longer names come first in 五十音 order: the same name must still be found.
    draft = GroupDraft(name="町会", name_kana="ワ", kind="chokai")
    same = create_group(workspace.database, counter, draft)
    for number in range(501):
        longer = GroupDraft(name=f"第{number}町会", name_kana="ダイチョウカイ", kind="chokai")
        create_group(workspace.database, counter, longer, allow_duplicate=True)
    similar = find_similar_groups(workspace.database, counter, "町会", "")
    assert [s.id for s in similar] == [same]
    with pytest.raises(DuplicateGroupError) as refused:
        create_group(
            workspace.database, counter, dataclasses.replace(draft, name_kana="チョウカイ")
        )
    assert [s.id for s in refused.value.similar] == [same]


def test_a_rename_to_another_groups_name_is_refused_unless_allowed(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    first = create_group(workspace.database, counter, CHOKAI)
    other = dataclasses.replace(CHOKAI, name="旭町会", address="練馬区旭町1-1")
    second = create_group(workspace.database, counter, other)
    renamed = dataclasses.replace(other, name="練馬ﾃｽﾄ町会")
    with pytest.raises(DuplicateGroupError) as refused:
        change_group(workspace.database, counter, second, renamed, row_version=1)
    assert "別の団体であることを確かめてから保存してください" in refused.value.message
    assert [s.id for s in refused.value.similar] == [first]
    assert get_group(workspace.database, counter, second).name == "旭町会"  # nothing saved
    saved = change_group(
        workspace.database, counter, second, renamed, row_version=1, allow_duplicate=True
    )
    assert saved.name == "練馬ﾃｽﾄ町会"
    # Its name now kept, a change of another detail is not questioned again.
    phoned = dataclasses.replace(renamed, phone="03-3993-2222")
    assert change_group(workspace.database, counter, second, phoned, row_version=2).row_version == 3
    # Nor is the same name written in another width a rename.
    narrow = dataclasses.replace(CHOKAI, name="練馬ﾃｽﾄ町会", address="練馬区豊玉北6-12-1")
    assert change_group(workspace.database, counter, first, narrow, row_version=1).row_version == 2
