"""The audit trail as the head office reads it: filtered, refused to others, verified."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import data_args, drop_append_only
from sqlalchemy import text

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.consultations.persons import (
    PersonDraft,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.safekeeping.audit import (
    JAPAN,
    AuditFilter,
    browse_audit,
    entry_detail,
    filter_choices,
    summarise,
    verify_trail,
)

TODAY = date.today()
# The period asked for is days on the ward's clock, whatever the clock of the test machine.
JAPAN_TODAY = datetime.now(JAPAN).date()


@pytest.fixture
def trail(workspace, actor_factory):  # type: ignore[no-untyped-def]
    """Two offices' officers at work, and the head office and an administrator to read it."""
    people = {
        "03": actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口"),
        "05": actor_factory(workspace, "05", StaffRole.COUNTER, "出張所05の窓口"),
        "head": actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課"),
        "admin": workspace.actor,
    }
    database = workspace.database
    hanako = create_person(database, people["03"], PersonDraft(name="練馬花子", phone="0312345678"))
    taro = create_person(database, people["05"], PersonDraft(name="石神井太郎"))
    log_consultation(
        database,
        people["03"],
        ConsultationDraft(
            occurred_on=TODAY, channel="counter", asked="会計の相談", person_id=hanako
        ),
    )
    open_person(database, people["03"], hanako)
    open_person(database, people["05"], taro)
    change_person(database, people["03"], hanako, PersonDraft(name="練馬はな子"), row_version=1)
    people["hanako"], people["taro"] = hanako, taro
    return people


def rows(workspace, actor, **filters):  # type: ignore[no-untyped-def]
    browser = browse_audit(workspace.database, actor, AuditFilter(**filters))
    found = browser.page(0, 1000)
    assert browser.count() == len(found)
    return found


def test_the_listing_is_newest_first_and_says_who_did_what(workspace, trail):  # type: ignore[no-untyped-def]
    found = rows(workspace, trail["head"])
    assert [r.seq for r in found] == sorted((r.seq for r in found), reverse=True)
    newest = found[0]
    assert (newest.action, newest.entity, newest.entity_id) == (
        "update",
        "person",
        str(trail["hanako"]),
    )
    assert (newest.office_name, newest.staff_name) == ("光が丘区民事務所", "光が丘の窓口")
    assert newest.summary == "氏名・名称・電話番号"
    system = found[-1]  # reference data loaded by the program itself
    assert system.staff_name is None and system.office_code == "00"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"action": "view"}, [("view", "05"), ("view", "03")]),
        ({"entity": "consultation"}, [("create", "03")]),
        ({"office": "05", "entity": "person"}, [("view", "05"), ("create", "05")]),
        ({"text": "石神井太郎"}, [("create", "05")]),
        ({"text": "%"}, []),  # a wildcard typed is a character searched for
    ],
)
def test_each_filter_narrows_the_listing(workspace, trail, filters, expected):  # type: ignore[no-untyped-def]
    found = rows(workspace, trail["head"], **filters)
    assert [(r.action, r.office_code) for r in found] == expected


def test_filters_by_staff_record_and_period(workspace, trail):  # type: ignore[no-untyped-def]
    head, hanako = trail["head"], str(trail["hanako"])
    mine = rows(workspace, head, staff_id=trail["05"].staff_id)
    assert {r.staff_name for r in mine} == {"出張所05の窓口"}
    assert [r.action for r in mine] == ["view", "create"]
    about = rows(workspace, head, entity="person", entity_id=hanako)
    assert [r.action for r in about] == ["update", "view", "create"]
    assert rows(workspace, head, text=hanako[:8], entity="person") == about
    day = JAPAN_TODAY
    assert len(rows(workspace, head, since=day, until=day)) == len(rows(workspace, head))
    assert rows(workspace, head, since=day + timedelta(days=1)) == []
    assert rows(workspace, head, until=day - timedelta(days=1)) == []
    system = rows(workspace, head, system_only=True)
    assert system and all(r.staff_id is None for r in system)


def test_a_period_that_ends_before_it_begins_is_refused(workspace, trail):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="開始日が終了日より後"):
        browse_audit(
            workspace.database, trail["head"], AuditFilter(since=TODAY, until=TODAY - timedelta(1))
        )


def test_the_trail_is_refused_to_a_counter_officer_and_a_viewer(workspace, trail, actor_factory):  # type: ignore[no-untyped-def]
    viewer = actor_factory(workspace, "03", StaffRole.VIEWER, "閲覧者")
    for actor in (trail["03"], viewer):
        with pytest.raises(PermissionDeniedError, match="監査ログを見る権限がありません"):
            browse_audit(workspace.database, actor)
        with pytest.raises(PermissionDeniedError):
            entry_detail(workspace.database, actor, 1)
        with pytest.raises(PermissionDeniedError):
            verify_trail(workspace.database, actor)
        with pytest.raises(PermissionDeniedError):
            filter_choices(workspace.database, actor)
    assert rows(workspace, trail["admin"], action="view")  # the administrator may read it


def test_an_entry_opens_with_each_field_before_and_after(workspace, trail):  # type: ignore[no-untyped-def]
    update = rows(workspace, trail["head"], action="update", entity="person")[0]
    detail = entry_detail(workspace.database, trail["head"], update.seq)
    assert detail.staff_name == "光が丘の窓口"
    changes = {f.label: (f.before, f.after) for f in detail.fields}
    assert changes["氏名・名称"] == ("練馬花子", "練馬はな子")
    assert changes["電話番号"] == ("03-1234-5678", "")


def test_summaries_say_what_changed_without_opening_the_entry() -> None:
    assert summarise("create", None, json.dumps({"name": "団体A", "id": "x"}), False) == (
        "氏名・名称: 団体A"
    )
    assert summarise("update", json.dumps({"value": "5"}), json.dumps({"value": "7"}), False) == (
        "値: 5 → 7"
    )
    assert summarise("view", None, json.dumps({"consultations": 3}), False) == "相談件数: 3"
    assert summarise("update", None, None, True) == "（保存期間の経過により内容を消去）"


def test_verify_finds_an_altered_entry(workspace, trail):  # type: ignore[no-untyped-def]
    assert verify_trail(workspace.database, trail["head"]).broken is None
    with workspace.database.engine.begin() as connection:
        target = connection.execute(
            text("SELECT seq FROM audit_entry WHERE after LIKE '%石神井太郎%'")
        ).scalar()
        # An attacker with the file in hand, going around the append-only trigger:
        drop_append_only(connection, "update")
        connection.execute(
            text("UPDATE audit_entry SET after = replace(after, '石神井', '大泉') WHERE seq = :s"),
            {"s": target},
        )
    result = verify_trail(workspace.database, trail["head"])
    assert result.broken is not None and result.broken.seq == target
    assert result.checked == target - 1
    assert f"{target} 番の記録で改ざんが見つかりました" in result.message


def test_verify_finds_a_changed_fact_and_a_removed_entry(workspace, trail):  # type: ignore[no-untyped-def]
    with workspace.database.engine.begin() as connection:
        drop_append_only(connection, "update", "delete")
        last = connection.execute(text("SELECT max(seq) FROM audit_entry")).scalar()
        # Someone hides that they looked: the view becomes a harmless sign-in...
        connection.execute(
            text("UPDATE audit_entry SET action = 'login' WHERE seq = :s"), {"s": last - 1}
        )
    result = verify_trail(workspace.database, trail["head"])
    assert result.broken is not None and result.broken.seq == last - 1
    assert "記録の内容が改変されています" in result.message
    with workspace.database.engine.begin() as connection:
        # ... or removes it altogether.
        connection.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": last - 1})
    result = verify_trail(workspace.database, trail["head"])
    assert result.broken is not None and result.broken.seq == last
    assert "つながりが切れています" in result.message


def _data_dir(workspace) -> list[str]:  # type: ignore[no-untyped-def]
    return data_args(workspace)


def test_cli_verify_prints_the_count_and_exits_0(workspace, trail, capsys):  # type: ignore[no-untyped-def]
    assert main(["audit", "verify", *_data_dir(workspace)]) == 0
    out = capsys.readouterr().out.strip()
    total = len(rows(workspace, trail["head"]))
    assert out == f"{total:,}件の記録を確認しました。改ざんはありません。"


def test_cli_verify_names_the_first_broken_entry_and_exits_1(workspace, trail, capsys):  # type: ignore[no-untyped-def]
    with workspace.database.engine.begin() as connection:
        drop_append_only(connection, "delete")
        target = connection.execute(text("SELECT min(seq) + 5 FROM audit_entry")).scalar()
        connection.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": target})
    assert main(["audit", "verify", *_data_dir(workspace)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{target + 1} 番の記録で改ざんが見つかりました" in captured.err
    assert "Traceback" not in captured.err


def test_cli_list_filters_and_limits(workspace, trail, capsys):  # type: ignore[no-untyped-def]
    assert main(["audit", "list", "--entity", "person", "--limit", "2", *_data_dir(workspace)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    fields = lines[0].split("\t")
    assert fields[2:7] == [
        "03 光が丘区民事務所",
        "光が丘の窓口",
        "変更",
        "相談者",
        str(trail["hanako"]),
    ]
    assert "5件中 2件を表示しました" in captured.err
    tomorrow = (JAPAN_TODAY + timedelta(days=1)).isoformat()
    assert main(["audit", "list", "--since", tomorrow, *_data_dir(workspace)]) == 0
    assert capsys.readouterr().out == ""


def test_cli_list_refuses_a_date_it_cannot_read(workspace, capsys, tmp_path: Path):  # type: ignore[no-untyped-def]
    assert main(["audit", "list", "--since", "R8.13.1", *_data_dir(workspace)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kyodo-admin: ") and "月 13" in err
    assert main(["audit", "verify", "--data-dir", str(tmp_path / "nowhere")]) == 2
    assert "がありません" in capsys.readouterr().err
