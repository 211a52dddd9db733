"""Staff and signing in: the first set-up, argon2id passwords, roles, the audit of sign-ins."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access import accounts, installation, signing_in
from kyodo_desktop.services.access.accounts import StaffDraft
from kyodo_desktop.services.access.installation import ALREADY_SET_UP, InstallationDraft
from kyodo_desktop.services.access.signing_in import ACCOUNT_INACTIVE, SIGN_IN_FAILED, SignInError
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.settings import OFFICE_SETTING, get_setting
from kyodo_desktop.services.workspace import SYSTEM, open_workspace
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.audit.trail import SECRET_MARK
from kyodo_desktop.store.people import Staff

ADMIN_PASSWORD = "hikarigaoka-2026"
OFFICER_PASSWORD = "counter-pass-03"


@pytest.fixture
def new_workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A database as the first start finds it: nobody signed in, nobody can sign in."""
    opened = open_workspace(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def set_up(new_workspace):  # type: ignore[no-untyped-def]
    """Set up for office 03 with an administrator; the administrator signed in."""
    installation.set_up_installation(
        new_workspace.database,
        InstallationDraft(
            office_code="03", admin_login="kanri", admin_name="練馬花子", password=ADMIN_PASSWORD
        ),
    )
    new_workspace.actor = signing_in.sign_in(new_workspace.database, "kanri", ADMIN_PASSWORD)
    return new_workspace


def officer_draft(**changes: object) -> StaffDraft:
    values: dict[str, object] = {
        "login_id": "n03-tanaka",
        "name": "田中一郎",
        "office_code": "03",
        "role": "counter",
        "name_kana": "タナカイチロウ",
    }
    values.update(changes)
    return StaffDraft(**values)  # type: ignore[arg-type]


def row(workspace, login_id: str) -> Staff:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        found = session.scalars(select(Staff).where(Staff.login_id == login_id)).one()
        session.expunge(found)
        return found


def entries(workspace, *actions: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action.in_(actions)).order_by(AuditEntry.seq)
            )
        )


def test_a_new_database_has_nobody_signed_in_and_asks_for_the_set_up(new_workspace) -> None:  # type: ignore[no-untyped-def]
    assert new_workspace.actor is None
    assert installation.needs_set_up(new_workspace.database)
    assert installation.installation_office_code(new_workspace.database) is None
    assert [code for code, _ in installation.installation_offices(new_workspace.database)] == [
        f"{n:02d}" for n in range(1, 18)
    ]


def test_the_set_up_saves_the_office_and_an_administrator_with_an_argon2id_hash(set_up) -> None:  # type: ignore[no-untyped-def]
    admin = row(set_up, "kanri")
    assert admin.role == "admin" and admin.active and admin.name == "練馬花子"
    assert admin.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert ADMIN_PASSWORD not in admin.password_hash
    assert PasswordHasher().verify(admin.password_hash, ADMIN_PASSWORD)
    assert not installation.needs_set_up(set_up.database)
    assert installation.installation_office_code(set_up.database) == "03"
    assert set_up.actor.role is StaffRole.ADMIN and set_up.actor.office_code == "03"
    (event,) = entries(set_up, "set_up")
    assert (event.staff_id, event.entity_id) == (None, "03")  # the program itself acted
    # The hash is recorded as set, never copied into the trail.
    with set_up.database.reading() as session:
        created = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(admin.id))
        ).first()
    assert json.loads(created.after)["password_hash"] == SECRET_MARK
    assert "$argon2" not in created.after


def test_the_set_up_is_refused_once_an_administrator_can_sign_in(set_up) -> None:  # type: ignore[no-untyped-def]
    draft = InstallationDraft("05", "intruder", "侵入者", "another-pass-1")
    with pytest.raises(PermissionDeniedError) as refused:
        installation.set_up_installation(set_up.database, draft)
    assert refused.value.message == ALREADY_SET_UP
    with set_up.database.reading() as session:
        assert session.scalar(select(Staff).where(Staff.login_id == "intruder")) is None
        assert get_setting(session, OFFICE_SETTING) == "03"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "short"}, "8文字以上"),
        ({"admin_login": "管理者"}, "ログインIDは半角"),
        ({"admin_name": "  "}, "管理者の氏名を入力してください"),
        ({"office_code": "99"}, "事務所コード「99」はありません"),
    ],
)
def test_a_bad_set_up_says_why_in_japanese_and_saves_nothing(
    new_workspace, changes, message
) -> None:  # type: ignore[no-untyped-def]
    values = {
        "office_code": "03",
        "admin_login": "kanri",
        "admin_name": "練馬花子",
        "password": ADMIN_PASSWORD,
    }
    values.update(changes)
    with pytest.raises(InputError, match=message):
        installation.set_up_installation(new_workspace.database, InstallationDraft(**values))
    assert installation.needs_set_up(new_workspace.database)


def test_the_set_up_gives_the_passwordless_admin_of_an_older_database_its_password(
    new_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    # Before sign-in existed, a new database made an "admin" with no password.
    old = actor_factory(new_workspace, "01", StaffRole.ADMIN, "管理者")
    with new_workspace.database.transaction(SYSTEM) as session:
        session.get(Staff, old.staff_id).login_id = "admin"
    with pytest.raises(SignInError):
        signing_in.sign_in(new_workspace.database, "admin", "")
    installation.set_up_installation(
        new_workspace.database, InstallationDraft("01", "admin", "管理者", ADMIN_PASSWORD)
    )
    assert (
        signing_in.sign_in(new_workspace.database, "admin", ADMIN_PASSWORD).staff_id == old.staff_id
    )


def test_a_wrong_password_and_an_unknown_id_get_the_same_message_and_are_audited(set_up) -> None:  # type: ignore[no-untyped-def]
    database = set_up.database
    with pytest.raises(SignInError) as wrong_password:
        signing_in.sign_in(database, "kanri", "not-the-password")
    with pytest.raises(SignInError) as unknown_id:
        signing_in.sign_in(database, "nobody", ADMIN_PASSWORD)
    assert wrong_password.value.message == unknown_id.value.message == SIGN_IN_FAILED
    # Full-width letters typed with the IME on still sign in.
    actor = signing_in.sign_in(database, "ＫＡＮＲＩ", ADMIN_PASSWORD)
    assert actor.login_id == "kanri"
    failed = entries(set_up, "login_failed")
    assert [json.loads(e.after)["login_id"] for e in failed] == ["kanri", "nobody"]
    assert all(e.staff_id is None for e in failed)
    assert ADMIN_PASSWORD not in "".join(e.after for e in failed)
    logins = entries(set_up, "login")
    assert logins[-1].staff_id == actor.staff_id and logins[-1].office == "03"


def test_an_inactive_account_is_refused_without_telling_a_guesser(set_up) -> None:  # type: ignore[no-untyped-def]
    officer_id = accounts.create_staff(
        set_up.database, set_up.actor, officer_draft(), password=OFFICER_PASSWORD
    )
    accounts.deactivate_staff(set_up.database, set_up.actor, officer_id)
    with pytest.raises(SignInError) as refused:
        signing_in.sign_in(set_up.database, "n03-tanaka", OFFICER_PASSWORD)
    assert refused.value.message == ACCOUNT_INACTIVE
    with pytest.raises(SignInError) as guessed:
        signing_in.sign_in(set_up.database, "n03-tanaka", "a-guess-1234")
    assert guessed.value.message == SIGN_IN_FAILED
    accounts.reactivate_staff(set_up.database, set_up.actor, officer_id)
    assert (
        signing_in.sign_in(set_up.database, "n03-tanaka", OFFICER_PASSWORD).staff_id == officer_id
    )


def test_a_hash_made_with_older_parameters_is_replaced_at_sign_in(set_up) -> None:  # type: ignore[no-untyped-def]
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(ADMIN_PASSWORD)
    with set_up.database.transaction(SYSTEM) as session:
        session.scalars(select(Staff).where(Staff.login_id == "kanri")).one().password_hash = weak
    signing_in.sign_in(set_up.database, "kanri", ADMIN_PASSWORD)
    renewed = row(set_up, "kanri").password_hash
    assert renewed != weak and renewed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert signing_in.sign_in(set_up.database, "kanri", ADMIN_PASSWORD).login_id == "kanri"


def test_an_officer_changes_their_password_and_the_old_one_stops_working(set_up) -> None:  # type: ignore[no-untyped-def]
    accounts.create_staff(set_up.database, set_up.actor, officer_draft(), password=OFFICER_PASSWORD)
    officer = signing_in.sign_in(set_up.database, "n03-tanaka", OFFICER_PASSWORD)
    with pytest.raises(InputError, match="今のパスワードが違います"):
        signing_in.change_own_password(set_up.database, officer, "wrong-pass", "brand-new-pass")
    with pytest.raises(InputError, match="8文字以上"):
        signing_in.change_own_password(set_up.database, officer, OFFICER_PASSWORD, "short")
    signing_in.change_own_password(set_up.database, officer, OFFICER_PASSWORD, "brand-new-pass")
    with pytest.raises(SignInError):
        signing_in.sign_in(set_up.database, "n03-tanaka", OFFICER_PASSWORD)
    assert signing_in.sign_in(set_up.database, "n03-tanaka", "brand-new-pass").name == "田中一郎"


@pytest.mark.parametrize("role", [StaffRole.COUNTER, StaffRole.HEAD_OFFICE, StaffRole.VIEWER])
def test_only_administrators_manage_staff(workspace, actor_factory, role) -> None:  # type: ignore[no-untyped-def]
    someone = actor_factory(workspace, "03", role)
    database = workspace.database
    target = accounts.create_staff(database, workspace.actor, officer_draft())
    attempts = [
        lambda: accounts.create_staff(database, someone, officer_draft(login_id="n03-other")),
        lambda: accounts.list_staff(database, someone),
        lambda: accounts.set_staff_password(database, someone, target, "taken-over-1"),
        lambda: accounts.deactivate_staff(database, someone, target),
        lambda: accounts.change_staff(
            database, someone, target, officer_draft(role="admin"), row_version=1
        ),
        lambda: installation.set_idle_lock_minutes(database, someone, 120),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError, match="権限がありません"):
            attempt()
    view = accounts.find_staff(database, workspace.actor, "n03-tanaka")
    assert (view.role, view.active, view.has_password) == (StaffRole.COUNTER, True, False)


def test_an_administrator_adds_changes_and_lists_staff(workspace) -> None:  # type: ignore[no-untyped-def]
    database, admin = workspace.database, workspace.actor
    officer_id = accounts.create_staff(database, admin, officer_draft())
    with pytest.raises(InputError, match="既に使われています"):
        accounts.create_staff(database, admin, officer_draft(name="別人"))
    with pytest.raises(InputError, match="権限を選んでください"):
        accounts.create_staff(database, admin, officer_draft(login_id="n03-x", role="boss"))
    changed = accounts.change_staff(
        database, admin, officer_id, officer_draft(office_code="05"), row_version=1
    )
    assert (changed.office_code, changed.row_version) == ("05", 2)
    listed = {view.login_id: view for view in accounts.list_staff(database, admin)}
    assert listed["n03-tanaka"].office_code == "05"
    assert admin.login_id in listed


def test_the_last_administrator_cannot_be_stopped_or_demoted(set_up, actor_factory) -> None:  # type: ignore[no-untyped-def]
    database, admin = set_up.database, set_up.actor
    with pytest.raises(InputError, match="自分のアカウント"):
        accounts.deactivate_staff(database, admin, admin.staff_id)
    view = accounts.find_staff(database, admin, "kanri")
    with pytest.raises(InputError, match="最後の管理者"):
        accounts.change_staff(
            database,
            admin,
            admin.staff_id,
            StaffDraft("kanri", "練馬花子", "03", "head_office"),
            row_version=view.row_version,
        )
    other_admin = actor_factory(set_up, "01", StaffRole.ADMIN)  # no password: cannot sign in
    with pytest.raises(InputError, match="最後の管理者"):
        accounts.deactivate_staff(database, other_admin, admin.staff_id)


def test_the_idle_lock_minutes_are_a_setting_an_administrator_changes(workspace) -> None:  # type: ignore[no-untyped-def]
    assert installation.idle_lock_minutes(workspace.database) == 10
    installation.set_idle_lock_minutes(workspace.database, workspace.actor, 15)
    assert installation.idle_lock_minutes(workspace.database) == 15
    for bad in (0, 121, "5", True):
        with pytest.raises(InputError, match="1～120分"):
            installation.set_idle_lock_minutes(workspace.database, workspace.actor, bad)
    assert installation.idle_lock_minutes(workspace.database) == 15


def test_the_demo_signs_its_officer_in_and_demo_staff_use_the_demo_password(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    officer = demo_workspace.actor
    assert officer.role is StaffRole.COUNTER and officer.office_code == "01"
    (automatic,) = [e for e in entries(demo_workspace, "login") if e.staff_id == officer.staff_id]
    assert json.loads(automatic.after) == {"automatic": True}
    assert signing_in.sign_in(demo_workspace.database, officer.login_id, "demo") == officer
    with pytest.raises(SignInError):
        signing_in.sign_in(demo_workspace.database, officer.login_id, "Demo")
    assert not installation.needs_set_up(demo_workspace.database)


def test_only_a_demo_database_signs_in_by_itself(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDeniedError, match="デモデータだけ"):
        signing_in.sign_in_demo_officer(workspace.database)


# kyodo-admin -------------------------------------------------------------------------------


def admin_command(monkeypatch, *args: str, stdin: str = "") -> int:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(args))


def test_kyodo_admin_sets_up_adds_lists_and_resets_staff(
    tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    data = ["--data-dir", str(tmp_path)]
    init = ["init", *data, "--admin-login", "kanri", "--office", "3", "--password-stdin"]
    assert admin_command(monkeypatch, *init, stdin=ADMIN_PASSWORD + "\n") == 0
    assert "管理者 kanri を登録しました" in capsys.readouterr().out
    add = ["staff", "add", *data, "--login", "n03-tanaka", "--name", "田中一郎"]
    add += ["--office", "03", "--role", "counter", "--password-stdin"]
    assert admin_command(monkeypatch, *add, stdin=OFFICER_PASSWORD + "\n") == 0
    assert admin_command(monkeypatch, "staff", "list", *data) == 0
    listing = capsys.readouterr().out
    assert "kanri\t管理者\t03 光が丘区民事務所\t管理者" in listing  # the default name
    assert "n03-tanaka\t田中一郎\t03 光が丘区民事務所\t窓口職員" in listing
    passwd = ["staff", "passwd", *data, "--login", "n03-tanaka", "--password-stdin"]
    assert admin_command(monkeypatch, *passwd, stdin="renewed-pass-1\n") == 0
    workspace = open_workspace(tmp_path)
    try:
        assert installation.installation_office_code(workspace.database) == "03"
        assert (
            signing_in.sign_in(workspace.database, "kanri", ADMIN_PASSWORD).role is StaffRole.ADMIN
        )
        assert (
            signing_in.sign_in(workspace.database, "n03-tanaka", "renewed-pass-1").office_code
            == "03"
        )
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["staff", "add", "--login", "x1", "--name", "X", "--office", "03", "--role", "boss"],
            "",
            "--role は",
        ),
        (
            ["staff", "passwd", "--login", "nobody", "--password-stdin"],
            "whatever-123\n",
            "職員はいません",
        ),
        (["staff", "passwd", "--login", "kanri", "--password-stdin"], "short\n", "8文字以上"),
        (["staff", "passwd", "--login", "kanri"], "", "--password-stdin"),
        (
            ["init", "--admin-login", "again", "--office", "01", "--password-stdin"],
            "x-password-9\n",
            "既に設定済み",
        ),
        (["init", "--admin-login", "again"], "", "両方指定"),
    ],
)
def test_kyodo_admin_input_faults_are_one_japanese_line(
    tmp_path: Path, monkeypatch, capsys, args, stdin, message
) -> None:  # type: ignore[no-untyped-def]
    init = ["init", "--data-dir", str(tmp_path), "--admin-login", "kanri", "--office", "03"]
    assert admin_command(monkeypatch, *init, "--password-stdin", stdin=ADMIN_PASSWORD + "\n") == 0
    capsys.readouterr()
    assert admin_command(monkeypatch, *args, "--data-dir", str(tmp_path), stdin=stdin) == 2
    err = capsys.readouterr().err
    assert err.startswith("kyodo-admin: ") and err.count("\n") == 1
    assert message in err and "Traceback" not in err


def test_kyodo_admin_staff_needs_an_existing_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["staff", "list", "--data-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "kyodo-admin init" in err and err.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()
