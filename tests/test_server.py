"""The head office's server: set up, moved to, backed up, checked, shared, and told plainly
when something is wrong (PostgreSQL only; the rest of the suite runs on both engines)."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import make_actor
from sqlalchemy import func, select, text

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.errors import StaleRecordError
from kyodo_desktop.services.groups.draft import GroupDraft
from kyodo_desktop.services.groups.registry import change_group, create_group, get_group
from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME, open_workspace
from kyodo_desktop.store import migrate
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.database import open_database
from kyodo_desktop.store.engine import make_engine
from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.models import Base
from kyodo_desktop.store.server.copy import copy_database, sqlite_source
from kyodo_desktop.store.server.url import ServerUrlError, describe, server_url

ADMIN_PASSWORD = "kanri-pass-2026"


@pytest.fixture
def empty_database(pg_server, request) -> str:  # type: ignore[no-untyped-def]
    """A database just made by createdb: no schema, no rows."""
    name = pg_server.create_database()
    request.addfinalizer(lambda: pg_server.drop_database(name))
    return pg_server.url(name)


def counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


# Setting it up --------------------------------------------------------------------------------


def test_init_makes_the_schema_through_the_migrations_and_the_first_administrator(
    empty_database, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(ADMIN_PASSWORD + "\n"))
    args = ["init", "--data-dir", str(tmp_path), "--database-url", empty_database]
    assert main([*args, "--admin-login", "kanri", "--office", "01", "--password-stdin"]) == 0
    said = capsys.readouterr().out
    assert "データベースを用意しました: kyodo_test@" in said
    assert "管理者 kanri を登録しました" in said
    assert not (tmp_path / "kyodo.sqlite3").exists()  # nothing of it in a file
    database = open_database(url=empty_database)
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.shipped_head()
        from kyodo_desktop.services.access.signing_in import sign_in

        assert sign_in(database, "kanri", ADMIN_PASSWORD).office_code == "01"
    finally:
        database.close()


def test_the_status_bar_names_the_server_without_a_password(
    qtbot, ui_resources, pg_server, pg_empty_template, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens import screen_entries

    name = pg_server.create_database(pg_empty_template)
    workspace = open_workspace(tmp_path, url=pg_server.url(name))
    try:
        workspace.actor = make_actor(workspace, "01", StaffRole.ADMIN, "管理者")
        window = MainWindow(screen_entries(), tmp_path / "window.ini", remember_layout=False)
        qtbot.addWidget(window)
        window.attach(workspace)
        shown = window.database_label.text()
        assert shown.startswith("サーバー: kyodo_test@")
        assert shown.endswith(f"/{name}")
        window.close()
    finally:
        workspace.close()
        pg_server.drop_database(name)


# Moving a head office's file to the server --------------------------------------------------


def test_copy_from_brings_every_row_the_audit_chain_and_the_search(
    demo_data_dir: Path, empty_database, capsys
) -> None:  # type: ignore[no-untyped-def]
    source_file = demo_data_dir / DEMO_FOLDER_NAME / "kyodo.sqlite3"
    assert main(["server", "copy-from", str(source_file), "--database-url", empty_database]) == 0
    assert "件を移しました" in capsys.readouterr().out
    source, target = sqlite_source(source_file), make_engine(empty_database)
    try:
        assert counts(target) == counts(source)
    finally:
        source.dispose()
        target.dispose()
    database = open_database(url=empty_database)
    try:
        with database.reading() as session:
            checked, broken = audit_trail.verify(session)
        with sqlite3.connect(source_file) as raw:
            entries = raw.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
        assert broken is None and checked == entries > 0
        from kyodo_desktop.services.access.installation import system_actor

        actor = system_actor(database, StaffRole.HEAD_OFFICE)
        found = browse.consultations(database, actor, ConsultationFilter(text="会計"))
        with sqlite3.connect(source_file) as raw:
            expected = raw.execute(
                "SELECT count(*) FROM consultation c LEFT JOIN civic_group g "
                "ON g.id = c.group_id AND g.deleted_at IS NULL WHERE c.deleted_at IS NULL "
                "AND (c.text_key LIKE '%会計%' OR g.name_key LIKE '%会計%')"
            ).fetchone()[0]
        assert found.count() == expected > 0
    finally:
        database.close()


def test_copy_from_refuses_a_database_that_holds_records(
    demo_data_dir: Path, pg_server, pg_empty_template, request, capsys
) -> None:  # type: ignore[no-untyped-def]
    name = pg_server.create_database(pg_empty_template)
    request.addfinalizer(lambda: pg_server.drop_database(name))
    source_file = demo_data_dir / DEMO_FOLDER_NAME / "kyodo.sqlite3"
    target = make_engine(pg_server.url(name))
    request.addfinalizer(target.dispose)
    before = counts(target)
    code = main(["server", "copy-from", str(source_file), "--database-url", pg_server.url(name)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "空ではありません" in err and "createdb" in err
    assert counts(target) == before


def test_a_copy_that_fails_half_way_leaves_the_server_empty(
    demo_data_dir: Path, empty_database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.store.server import copy as copying

    tables = iter(range(10_000))

    def failing(table, copied):  # type: ignore[no-untyped-def]
        if next(tables) == 8:
            raise OSError("the USB stick was pulled out")

    source = sqlite_source(demo_data_dir / DEMO_FOLDER_NAME / "kyodo.sqlite3")
    target = make_engine(empty_database)
    try:
        with pytest.raises(OSError, match="pulled"):
            copying.copy_database(source, target, progress=failing)
        assert sum(counts(target).values()) == 0
        copy_database(source, target)  # the same file again goes through whole
        assert counts(target) == counts(source)
    finally:
        source.dispose()
        target.dispose()


# Backups, restore and check -------------------------------------------------------------------


def test_backup_restore_and_check_through_pg_tools(workspace_on_server, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    workspace, url = workspace_on_server
    data = ["--data-dir", str(tmp_path), "--database-url", url]
    assert main(["backup", *data]) == 0
    dump = Path(capsys.readouterr().out.strip())
    assert dump.suffix == ".dump" and dump.parent == tmp_path / "backups" and dump.stat().st_size
    assert main(["backup", "--list", *data]) == 0
    assert dump.name in capsys.readouterr().out
    actor = workspace.actor
    created = create_group(
        workspace.database, actor, GroupDraft("あとから作った会", "アトカラ", "volunteer")
    )
    assert main(["restore", dump.name, *data]) == 0
    assert "から復元しました" in capsys.readouterr().out
    with workspace.database.reading() as session:
        from kyodo_desktop.store.groups import Group

        assert session.get(Group, created) is None  # as it was when the backup was taken
    assert main(["check", *data]) == 0
    said = capsys.readouterr().out
    assert "異常はありません" in said


def test_check_finds_the_audit_trail_unprotected(workspace_on_server, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    workspace, url = workspace_on_server
    with workspace.database.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_entry_append_only_delete ON audit_entry")
    assert main(["check", "--data-dir", str(tmp_path), "--database-url", url]) == 1
    assert "監査ログを書き換えから守るトリガーがありません" in capsys.readouterr().err


def test_the_audit_trail_cannot_be_truncated_on_the_server(workspace_on_server) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    workspace, _url = workspace_on_server
    with (
        pytest.raises(IntegrityError, match="never deleted"),
        workspace.database.engine.begin() as c,
    ):
        c.exec_driver_sql("TRUNCATE audit_entry")


# Several officers on one server -------------------------------------------------------------


def test_two_programs_on_one_server_never_overwrite_each_other(
    workspace_on_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    first, url = workspace_on_server
    second = open_workspace(tmp_path / "other-pc", url=url)
    try:
        second.actor = make_actor(second, "01", StaffRole.COUNTER, "窓口 次郎")
        draft = GroupDraft("ねりま子ども食堂の会", "ネリマコドモショクドウノカイ", "volunteer")
        group_id = create_group(first.database, first.actor, draft)
        seen_by_first = get_group(first.database, first.actor, group_id)
        seen_by_second = get_group(second.database, second.actor, group_id)
        change_group(
            first.database,
            first.actor,
            group_id,
            dataclasses.replace(draft, phone="03-1234-5678"),
            row_version=seen_by_first.row_version,
        )
        with pytest.raises(StaleRecordError) as refused:
            change_group(
                second.database,
                second.actor,
                group_id,
                dataclasses.replace(draft, notes="月1回の活動"),
                row_version=seen_by_second.row_version,
            )
        assert "他の職員が変更しました" in refused.value.message
        kept = get_group(second.database, second.actor, group_id)
        assert kept.phone == "03-1234-5678" and kept.notes == ""
    finally:
        second.close()


def test_two_saves_at_the_same_moment_one_wins_and_the_other_is_told(
    workspace_on_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    first, url = workspace_on_server
    others = [open_workspace(tmp_path / f"pc{n}", url=url) for n in range(2)]
    try:
        draft = GroupDraft("大泉の森の会", "オオイズミノモリノカイ", "volunteer")
        group_id = create_group(first.database, first.actor, draft)
        version = get_group(first.database, first.actor, group_id).row_version
        outcomes: list[str] = []
        start = threading.Barrier(2)

        def save(workspace, note: str) -> None:  # type: ignore[no-untyped-def]
            actor = make_actor(workspace, "01", StaffRole.COUNTER, f"窓口 {note}")
            start.wait()
            try:
                change_group(
                    workspace.database, actor, group_id,
                    dataclasses.replace(draft, notes=note), row_version=version,
                )  # fmt: skip
                outcomes.append("saved")
            except StaleRecordError:
                outcomes.append("stale")

        threads = [
            threading.Thread(target=save, args=(w, n)) for w, n in zip(others, "AB", strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(outcomes) == ["saved", "stale"]
        assert get_group(first.database, first.actor, group_id).notes in {"A", "B"}
    finally:
        for workspace in others:
            workspace.close()


# Told plainly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://kyodo@db/kyodo", "PostgreSQLのサーバーではありません"),
        ("postgresql://kyodo:secret@db/kyodo", "パスワードをコマンドラインに書かないで"),
        ("postgresql://kyodo@db", "データベース名がありません"),
        ("::nonsense::", "を読めません"),
    ],
)
def test_a_url_that_cannot_be_used_is_one_japanese_line(url, said, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["topics", "list", "--data-dir", str(tmp_path), "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "secret" not in err


def test_a_password_may_come_from_the_environment_but_is_never_shown() -> None:
    url = server_url("postgresql://kyodo:secret@db.ward.local:5433/kyodo")
    assert describe(url) == "kyodo@db.ward.local:5433/kyodo"
    with pytest.raises(ServerUrlError):
        server_url("postgresql://kyodo:secret@db/kyodo", from_command_line=True)


def test_a_server_that_is_down_is_told_and_nothing_is_lost(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://kyodo@/kyodo?host={tmp_path / 'no-server-here'}"
    assert main(["topics", "list", "--data-dir", str(tmp_path), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "サーバーにつながりませんでした" in err


def test_a_database_that_is_not_there_is_named(pg_server, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.url("no_such_database")
    assert main(["topics", "list", "--data-dir", str(tmp_path), "--database-url", url]) == 1
    assert "データベースがサーバーにありません" in capsys.readouterr().err


def test_a_wrong_or_missing_password_is_told(pg_server, empty_database, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    pg_server.add_password_user("kyodo_pw", "right-password")
    database = empty_database.rsplit("/", 1)[1].split("?")[0]
    url = f"postgresql://kyodo_pw@/{database}?host={pg_server.socket}"
    passfile = tmp_path / "pgpass"
    passfile.write_text("*:*:*:kyodo_pw:wrong-password\n")
    passfile.chmod(0o600)
    for environment in ({}, {"PGPASSFILE": str(passfile)}):
        with pytest.MonkeyPatch.context() as patch:
            for key, value in environment.items():
                patch.setenv(key, value)
            code = main(["topics", "list", "--data-dir", str(tmp_path), "--database-url", url])
        assert code == 1
        err = capsys.readouterr().err
        assert "ログインできませんでした" in err and "right-password" not in err


def test_a_database_of_a_newer_program_is_refused_and_left_alone(
    workspace_on_server, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    workspace, url = workspace_on_server
    with workspace.database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    assert main(["topics", "list", "--data-dir", str(tmp_path), "--database-url", url]) == 1
    assert "より新しい版の協働デスク" in capsys.readouterr().err
    with workspace.database.engine.connect() as connection:
        assert migrate.current_revision(connection) == "0099"


def test_a_connection_lost_in_the_middle_of_a_save_saves_nothing_and_says_so(
    workspace_on_server, pg_server
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from kyodo_desktop.store.groups import Group

    workspace, _url = workspace_on_server
    database = workspace.database

    def cut(session, _context, _instances) -> None:  # type: ignore[no-untyped-def]
        pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        pg_server.execute(f"SELECT pg_terminate_backend({pid})")

    event.listen(database._writer, "before_flush", cut)
    try:
        draft = GroupDraft("途中で切れた会", "トチュウデキレタカイ", "volunteer")
        with pytest.raises(EnvironmentFaultError) as told:
            create_group(database, workspace.actor, draft)
    finally:
        event.remove(database._writer, "before_flush", cut)
    assert told.value.problem is Problem.SERVER_LOST
    assert "入力した内容はそのまま残っています" in told.value.message
    with database.reading() as session:
        assert session.scalar(select(Group.id).where(Group.name == "途中で切れた会")) is None
    assert create_group(database, workspace.actor, draft)  # the pool reconnects: saved now


@pytest.fixture
def workspace_on_server(pg_server, pg_empty_template, tmp_path, request):  # type: ignore[no-untyped-def]
    """A head-office officer's workspace on a fresh server database, and the database's URL."""
    name = pg_server.create_database(pg_empty_template)
    url = pg_server.url(name)
    workspace = open_workspace(tmp_path / "pc", url=url)
    workspace.actor = make_actor(workspace, "01", StaffRole.HEAD_OFFICE, "協働 花子")

    def finish() -> None:
        workspace.close()
        pg_server.drop_database(name)

    request.addfinalizer(finish)
    return workspace, url


def test_the_everyday_role_writes_records_but_never_changes_the_audit_trail(
    workspace_on_server, pg_server, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    from kyodo_desktop.store.errors import classify

    _owner, url = workspace_on_server
    pg_server.execute("CREATE ROLE kyodo_app LOGIN")
    assert (
        main(["server", "grants", "kyodo_app", "--data-dir", str(tmp_path), "--database-url", url])
        == 0
    )
    assert "ロール kyodo_app に日々の操作の権限を与えました" in capsys.readouterr().out
    as_app = make_url(url).set(username="kyodo_app").render_as_string()
    counter = open_workspace(tmp_path / "counter-pc", url=as_app)
    try:
        officer = make_actor(counter, "03", StaffRole.COUNTER, "窓口 三郎")
        draft = GroupDraft("光が丘の見守りの会", "ヒカリガオカノミマモリノカイ", "volunteer")
        assert create_group(counter.database, officer, draft)  # rows, search, audit: written
        for statement in (
            "UPDATE audit_entry SET action = 'view'",
            "DELETE FROM audit_entry",
            "TRUNCATE audit_entry",
        ):
            with pytest.raises(Exception) as refused, counter.database.engine.begin() as c:
                c.exec_driver_sql(statement)
            problem = classify(refused.value)
            assert problem is not None and problem.problem is Problem.SERVER_PERMISSION
    finally:
        counter.close()


def test_a_rebuilt_search_index_is_the_one_the_migration_made(workspace_on_server) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.store.search import server as server_search

    workspace, _url = workspace_on_server
    definitions = (
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE '%_search' "
        "ORDER BY indexname"
    )
    with workspace.database.engine.connect() as connection:
        migrated = connection.execute(text(definitions)).all()
    with workspace.database.engine.begin() as connection:
        server_search.rebuild(connection)
    with workspace.database.engine.connect() as connection:
        assert connection.execute(text(definitions)).all() == migrated
    assert {name for name, _ in migrated} >= set(server_search.INDEXES)
