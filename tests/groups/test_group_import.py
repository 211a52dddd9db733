"""Bringing the head office's ledgers in: real .xlsx and CSV files, the plan, the rows saved."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import data_args
from sqlalchemy import func, select

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.groups import ledger_import as group_import
from kyodo_desktop.services.groups.ledger_file import read_ledger
from kyodo_desktop.services.groups.ledger_import import import_groups, preview_group_import
from kyodo_desktop.services.groups.registry import GroupDraft, create_group, get_group
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.groups import Group

HEADER = ["団体名", "フリガナ", "種別", "担当事務所", "代表者", "所在地", "加入世帯数", "基準日"]
LEDGER = [
    [
        "練馬第一町会",
        "ネリマダイイチチョウカイ",
        "町会・自治会",
        "01",
        "練馬太郎",
        "豊玉北6-12-1",
        "1,234",
        "令和7年4月1日",
    ],
    [
        "石神井台自治会",
        "しゃくじいだいじちかい",
        "町会・自治会",
        "石神井区民事務所",
        "",
        "石神井台1-1",
        "８５０",
        "2025/4/1",
    ],
    ["NPO法人ねりまの森", "エヌピーオーホウジンネリマノモリ", "NPO法人", "3", "森花子", "", "", ""],
]


def write_xlsx(path: Path, rows: list[list[object]], *, title: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:  # the ward's sheets carry a title above the header
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    return path


@pytest.fixture
def head(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return dataclasses.replace(
        workspace, actor=actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)
    )


def saved(workspace) -> dict[str, Group]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        groups = session.scalars(select(Group).where(Group.deleted_at.is_(None))).all()
        return {g.name: g for g in groups}


def preview(workspace, path: Path):  # type: ignore[no-untyped-def]
    return preview_group_import(workspace.database, workspace.actor, read_ledger(path))


def run_import(workspace, path: Path):  # type: ignore[no-untyped-def]
    ledger = read_ledger(path)
    plan = preview_group_import(workspace.database, workspace.actor, ledger)
    return import_groups(workspace.database, workspace.actor, ledger, expected=plan)


def test_an_xlsx_ledger_creates_its_groups_with_every_field(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(
        tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER], title="令和7年度 町会・自治会一覧"
    )
    plan = run_import(head, path)
    assert [g.name for g in plan.created] == ["練馬第一町会", "石神井台自治会", "NPO法人ねりまの森"]
    assert [g.row for g in plan.created] == [4, 5, 6]  # the rows Excel shows, below the title
    groups = saved(head)
    assert len(groups) == 3
    first = groups["練馬第一町会"]
    assert (first.households, first.households_counted_on) == (1234, date(2025, 4, 1))
    assert (first.kind, first.representative, first.address) == (
        "chokai",
        "練馬太郎",
        "豊玉北6-12-1",
    )
    assert first.name_kana == "ネリマダイイチチョウカイ"
    second = get_group(head.database, head.actor, groups["石神井台自治会"].id)
    assert (second.office_code, second.households) == ("02", 850)  # office named, full width
    assert second.name_kana == "シャクジイダイジチカイ"  # hiragana reading stored in katakana
    third = get_group(head.database, head.actor, groups["NPO法人ねりまの森"].id)
    assert (third.kind, third.office_code, third.households) == ("npo", "03", None)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_a_csv_ledger_is_read_in_utf8_with_or_without_bom_and_in_cp932(
    head, tmp_path, encoding
) -> None:  # type: ignore[no-untyped-def]
    variants = ["名称", "ふりがな", "種別", "事務所", "代表者名", "住所", "世帯数", "世帯数基準日"]
    path = write_csv(tmp_path / "ledger.csv", [variants, *LEDGER], encoding)
    plan = run_import(head, path)
    assert len(plan.created) == 3 and plan.left_out == ()
    assert saved(head)["石神井台自治会"].households == 850


def test_rejected_rows_are_listed_with_their_row_and_reason(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        HEADER,
        LEDGER[0],
        ["光が丘町内会", "ヒカリガオカチョウナイカイ", "町内会", "03", "", "", "300", "R7.4.1"],
        ["", "ナナシ", "町会・自治会", "01", "", "", "10", "R7.4.1"],
        ["大泉町会", "オオイズミチョウカイ", "町会・自治会", "04", "", "", "120.5", "R7.4.1"],
        ["谷原町会", "ヤハラチョウカイ", "町会・自治会", "04", "", "", "100", "令和7年2月30日"],
        ["春日町会", "カスガチョウカイ", "町会・自治会", "99", "", "", "100", "R7.4.1"],
        [
            "練馬第一町会",
            "ネリマダイイチチョウカイ",
            "町会・自治会",
            "01",
            "",
            "",
            "1,300",
            "R7.4.1",
        ],
    ]
    plan = preview(head, write_xlsx(tmp_path / "bad.xlsx", rows))
    reasons = {r.row: r.line for r in plan.left_out}
    assert [g.row for g in plan.created] == [2]
    assert reasons[3].startswith(
        "3行目（光が丘町内会）: 種別「町内会」は登録されていません（使える種別: 町会・自治会、NPO法人"
    )
    assert "団体名が空です" in reasons[4]
    assert "整数ではありません" in reasons[5]
    assert "基準日: 令和7年2月30日 は存在しない日付です（令和7年2月は28日まで）" in reasons[6]
    assert "担当事務所「99」はありません" in reasons[7]
    assert "2行目と同じ団体です" in reasons[8]  # a repeat inside the file: rejected
    assert not any(r.possible_duplicate for r in plan.left_out)


def test_a_row_that_only_looks_like_a_registered_group_is_flagged_not_created(
    head, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    draft = GroupDraft(
        name="練馬第一町会",
        name_kana="ネリマダイイチチョウカイ",
        kind="chokai",
        office_code="01",
        address="豊玉北6-12-1",
        households=1000,
        households_counted_on=date(2024, 4, 1),
    )
    create_group(head.database, head.actor, draft)
    other = dataclasses.replace(
        draft,
        name="豊玉北ひまわり会",
        name_kana="トヨタマキタヒマワリカイ",
        address="豊玉南1-1",
        households=None,
        households_counted_on=None,
        kind="volunteer",
    )
    create_group(head.database, head.actor, other)
    rows = [
        HEADER,
        [
            "練馬第一町会",
            "ネリマダイイチチョウカイ",
            "町会・自治会",
            "01",
            "",
            "豊玉北６ー１２ー１",
            "1,234",
            "R7.4.1",
        ],
        [
            "練馬第一町会",
            "ネリマダイイチチョウカイ",
            "町会・自治会",
            "01",
            "",
            "石神井町3-3",
            "50",
            "R7.4.1",
        ],
        ["ひまわり会", "ヒマワリカイ", "ボランティア団体", "01", "", "豊玉南1-1", "", ""],
    ]
    plan = preview(head, write_xlsx(tmp_path / "dup.xlsx", rows))
    assert [(u.row, u.households_before, u.households) for u in plan.updated] == [(2, 1000, 1234)]
    assert plan.created == ()
    flagged = {r.row: r for r in plan.flagged}
    assert set(flagged) == {3, 4}
    assert "「練馬第一町会」（豊玉北6-12-1）" in flagged[3].reason  # same name, another address
    assert "「豊玉北ひまわり会」" in flagged[4].reason  # a longer name at the same address
    import_groups(head.database, head.actor, read_ledger(tmp_path / "dup.xlsx"), expected=plan)
    assert len(saved(head)) == 2
    assert saved(head)["練馬第一町会"].households == 1234


def test_an_older_count_does_not_replace_a_newer_one(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_import(head, write_xlsx(tmp_path / "new.xlsx", [HEADER, LEDGER[0]]))
    older = [*LEDGER[0][:6], "1,100", "令和6年4月1日"]
    plan = preview(head, write_xlsx(tmp_path / "old.xlsx", [HEADER, older]))
    assert plan.updated == () and plan.created == ()
    assert "令和7年4月1日現在 1,234世帯）の方が新しい" in plan.left_out[0].reason


def test_repeating_an_import_changes_nothing(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER])
    run_import(head, path)
    before = saved(head)
    again = preview(head, path)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 3)
    assert again.nothing_to_do
    with head.database.reading() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    run_import(head, path)
    with head.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries
    assert {n: g.row_version for n, g in saved(head).items()} == {
        n: g.row_version for n, g in before.items()
    }


def test_a_changed_count_updates_only_the_count_and_its_day(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_import(head, write_xlsx(tmp_path / "a.xlsx", [HEADER, LEDGER[0]]))
    newer = [
        LEDGER[0][0],
        LEDGER[0][1],
        "町会・自治会",
        "05",
        "別の代表者",
        "",
        1300,
        datetime(2026, 4, 1),
    ]
    plan = run_import(head, write_xlsx(tmp_path / "b.xlsx", [HEADER, newer]))
    assert [(u.households_before, u.households) for u in plan.updated] == [(1234, 1300)]
    group = saved(head)["練馬第一町会"]
    assert (group.households, group.households_counted_on) == (1300, date(2026, 4, 1))
    assert group.representative == "練馬太郎"  # the registry keeps what the counters keep


def test_the_import_is_all_or_nothing(head, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write = group_import._write
    calls = []

    def fail_on_third(uow, action):  # type: ignore[no-untyped-def]
        calls.append(action)
        if len(calls) == 3:
            raise OSError("disk gone")
        write(uow, action)

    monkeypatch.setattr(group_import, "_write", fail_on_third)
    with pytest.raises(OSError):
        run_import(head, write_xlsx(tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER]))
    assert len(calls) == 3
    assert saved(head) == {}


def test_the_import_is_refused_when_the_registry_changed_since_the_preview(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER])
    ledger = read_ledger(path)
    plan = preview_group_import(head.database, head.actor, ledger)
    run_import(head, write_xlsx(tmp_path / "one.xlsx", [HEADER, LEDGER[2]]))
    with pytest.raises(InputError, match="確認した後にファイルか団体の記録が変わった"):
        import_groups(head.database, head.actor, ledger, expected=plan)
    assert set(saved(head)) == {"NPO法人ねりまの森"}


def test_the_import_is_audited_with_the_file_and_the_counts(head, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_import(head, write_xlsx(tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER]))
    with head.database.reading() as session:
        events = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
        creations = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "civic_group")
        )
    assert len(events) == 1
    assert events[0].entity == "group"
    assert creations >= 3
    if head.database.path is not None:  # a file is copied first; a server keeps its own
        assert (tmp_path / "data" / "backups").is_dir()  # taken before the import


def test_a_counter_officer_may_not_import(workspace, actor_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counter = actor_factory(workspace, "01", StaffRole.COUNTER)
    ledger = read_ledger(write_xlsx(tmp_path / "団体一覧.xlsx", [HEADER, *LEDGER]))
    with pytest.raises(PermissionDeniedError, match="協働推進課が行います"):
        preview_group_import(workspace.database, counter, ledger)
    with pytest.raises(PermissionDeniedError, match="協働推進課が行います"):
        import_groups(workspace.database, counter, ledger, expected=None)
    assert saved(workspace) == {}


@pytest.mark.parametrize(
    ("name", "content", "told"),
    [
        ("list.xls", b"\xd0\xcf\x11\xe0", "古い形式"),
        ("list.pdf", b"%PDF", "Excel（.xlsx）でも CSV（.csv）でもありません"),
        ("empty.csv", b"", "空のファイル"),
        ("broken.xlsx", b"not a zip", "Excel のファイルとして読めません"),
        ("noheader.csv", "番号,メモ\r\n1,x\r\n".encode(), "見出しの行が見つかりません"),
    ],
)
def test_a_file_that_cannot_be_read_says_what_to_do(tmp_path, name, content, told) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=told):
        read_ledger(path)


def test_a_missing_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="見つかりません"):
        read_ledger(tmp_path / "どこにもない.xlsx")


def test_kyodo_admin_dry_run_prints_the_plan_and_saves_nothing(head, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [
        HEADER,
        *LEDGER,
        ["光が丘町内会", "ヒカリガオカ", "町内会", "03", "", "", "3", "R7.4.1"],
    ]
    path = write_csv(tmp_path / "ledger.csv", rows, "utf-8-sig")
    data = data_args(head)
    assert main(["import", "groups", str(path), "--dry-run", *data]) == 0
    out = capsys.readouterr().out
    assert "作成 3件、更新 0件、変更なし 0件、取り込まない 1件" in out
    assert "取り込まない\t5行目（光が丘町内会）: 種別「町内会」は登録されていません" in out
    assert saved(head) == {}
    assert main(["import", "groups", str(path), *data]) == 0
    assert "3件を作成、0件を更新しました" in capsys.readouterr().out
    assert len(saved(head)) == 3


def test_kyodo_admin_reports_a_file_error_in_one_line_with_exit_2(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "list.txt"
    path.write_bytes(b"")
    assert main(["import", "groups", str(path), "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "空のファイル" in err


@pytest.mark.parametrize("name", ["group.import_preview", "group.import"])
def test_drawn_ledgers_as_the_head_office_are_refused_plainly_or_imported_audited(
    name, demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    """The fuzz harness acts as a counter officer, whom these refuse: here the head office acts."""
    from hypothesis import HealthCheck, given, settings
    from test_services_fuzz import Known, Watch, assert_plain, calls

    from kyodo_desktop.services.core import SERVICES
    from kyodo_desktop.services.errors import ServiceError
    from kyodo_desktop.store.audit import trail as audit_trail

    info = SERVICES[name]
    database = demo_workspace.database
    actor = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    watch = Watch(database)
    outcomes: list[str] = []

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(calls(info, Known(database, actor.office_id)))
    def call_once(call) -> None:  # type: ignore[no-untyped-def]
        args, kwargs = call
        before = watch.state()
        try:
            info.function(database, actor, *args, **kwargs)
        except ServiceError as error:
            outcomes.append("refused")
            assert_plain(error)
            assert watch.state() == before
        else:
            outcomes.append("done")
            after = watch.state()
            if after[0] != before[0]:
                assert after[1] > before[1], "an import committed without an audit entry"

    try:
        call_once()
    finally:
        watch.close()
    assert "done" in outcomes
    with database.reading() as session:
        assert audit_trail.verify(session)[1] is None
