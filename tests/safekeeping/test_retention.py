"""The retention period and its purge: expired persons anonymised, counts kept, all audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import data_args
from sqlalchemy import func, select, text

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.consultations.persons import (
    ANONYMISED_MESSAGE,
    PersonDraft,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.safekeeping.audit import verify_trail
from kyodo_desktop.services.safekeeping.retention import (
    ANONYMOUS_NAME,
    DEFAULT_RETENTION_YEARS,
    cutoff,
    purge_expired,
    retention_years,
    set_retention_years,
)
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.people import Person

TODAY = date.today()


def years_ago(years: int, days: int = 0) -> date:
    from datetime import timedelta

    return cutoff(TODAY, years) - timedelta(days=days)


@pytest.fixture
def ward(workspace, actor_factory):  # type: ignore[no-untyped-def]
    """Five persons whose last contacts lie either side of five years ago."""
    database = workspace.database
    officers = {
        "03": actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口"),
        "05": actor_factory(workspace, "05", StaffRole.COUNTER, "出張所05の窓口"),
        "head": actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課"),
        "admin": workspace.actor,
    }

    def register(office: str, name: str, phone: str) -> object:
        draft = PersonDraft(
            name=name, phone=phone, address="練馬区豊玉北6-12-1", notes=f"{name}の備考"
        )
        person_id = create_person(database, officers[office], draft)
        open_person(database, officers[office], person_id)  # a view entry about them
        return person_id

    def consult(office: str, person_id: object, day: date, topic: str) -> None:
        log_consultation(
            database,
            officers[office],
            ConsultationDraft(
                occurred_on=day,
                channel="counter",
                asked="個人の相談",
                topic_codes=(topic,),
                person_id=person_id,  # type: ignore[arg-type]
            ),
        )

    persons = {
        "old": register("03", "古川一郎", "0311112222"),  # last contact 7 years ago
        "recent": register("03", "新井二郎", "0322223333"),  # 1 year ago
        "came_back": register("05", "戻田三郎", "0333334444"),  # 7 years ago, consulted 2 ago
        "old_consulted": register("05", "旧田四郎", "0344445555"),  # consulted 6 years ago
        "new": register("05", "今井五郎", "0355556666"),  # registered today
    }
    consult("03", persons["old"], years_ago(8), "startup")
    consult("03", persons["old"], years_ago(9), "npo_procedure")
    consult("05", persons["came_back"], years_ago(2), "startup")
    consult("05", persons["old_consulted"], years_ago(6), "npo_procedure")
    consult("05", persons["old_consulted"], years_ago(5, days=1), "startup")
    change_person(
        database,
        officers["03"],
        persons["old"],
        PersonDraft(name="古川一郎", phone="09011112222", address="練馬区豊玉北6-12-1"),
        row_version=1,
    )
    # Years pass: the last contacts as they would stand by now (set around the services,
    # as time does).
    last_contacts = {"old": 7, "recent": 1, "came_back": 7, "old_consulted": 7}
    with database.engine.begin() as connection:
        for key, years in last_contacts.items():
            connection.execute(
                text("UPDATE person SET last_contact_on = :d WHERE id = :i"),
                {"d": years_ago(years).isoformat(), "i": persons[key].hex},  # type: ignore[attr-defined]
            )
    return officers, persons


def consultation_counts(workspace) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What the figures count: consultations by office, topic and month, and by person."""
    with workspace.database.reading() as session:
        by_topic = session.execute(
            text(
                "SELECT c.office_id, t.topic_id, substr(CAST(c.occurred_on AS TEXT), 1, 7), count(*) "
                "FROM consultation c JOIN consultation_topic t ON t.consultation_id = c.id "
                "WHERE c.deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
            )
        ).all()
        by_person = session.execute(
            text("SELECT person_id, count(*) FROM consultation GROUP BY 1 ORDER BY 1")
        ).all()
    return [tuple(r) for r in by_topic] + [tuple(r) for r in by_person]


def everything(workspace) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return {
            table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
            for table in ("person", "consultation", "audit_entry", "setting")
        }


def test_the_period_is_five_years_until_an_administrator_changes_it(workspace, actor_factory):  # type: ignore[no-untyped-def]
    assert retention_years(workspace.database) == DEFAULT_RETENTION_YEARS == 5
    head = actor_factory(workspace, "01", StaffRole.HEAD_OFFICE, "協働推進課")
    with pytest.raises(PermissionDeniedError, match="管理者に依頼してください"):
        set_retention_years(workspace.database, head, 3)
    for wrong in (0, 31, True):
        with pytest.raises(InputError, match="1～30年の整数"):
            set_retention_years(workspace.database, workspace.actor, wrong)
    set_retention_years(workspace.database, workspace.actor, 7)
    assert retention_years(workspace.database) == 7
    with workspace.database.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == "retention.person_years")
        ).one()
    assert entry.entity == "setting" and json.loads(entry.after) == {"value": "7"}


def test_a_dry_run_counts_and_changes_nothing(workspace, ward):  # type: ignore[no-untyped-def]
    officers, _ = ward
    before = everything(workspace)
    result = purge_expired(workspace.database, officers["admin"], dry_run=True)
    assert (result.persons, result.dry_run, result.cutoff) == (2, True, years_ago(5))
    assert everything(workspace) == before


def test_the_purge_anonymises_exactly_the_expired_persons_and_keeps_the_counts(
    workspace, ward
) -> None:  # type: ignore[no-untyped-def]
    officers, persons = ward
    counts = consultation_counts(workspace)
    with workspace.database.reading() as session:
        kept_before = {
            key: session.get(Person, persons[key]).name for key in ("recent", "came_back", "new")
        }
    result = purge_expired(workspace.database, officers["admin"])
    assert (result.persons, result.dry_run) == (2, False)
    expired = {persons["old"], persons["old_consulted"]}
    with workspace.database.reading() as session:
        for person in session.scalars(select(Person)):
            if person.id in expired:
                assert person.name == ANONYMOUS_NAME
                assert (person.name_kana, person.phone, person.address, person.notes) == (
                    "",
                    "",
                    "",
                    "",
                )
                assert person.anonymised_on == TODAY
                assert person.deleted_at is None  # the row stays, with its links
            else:
                assert person.anonymised_on is None
                assert person.name != ANONYMOUS_NAME
        assert {
            key: session.get(Person, persons[key]).name for key in ("recent", "came_back", "new")
        } == kept_before
    assert consultation_counts(workspace) == counts


def test_the_audit_entries_about_them_are_redacted_and_the_chain_still_verifies(
    workspace, ward
) -> None:  # type: ignore[no-untyped-def]
    officers, persons = ward
    result = purge_expired(workspace.database, officers["admin"])
    with workspace.database.reading() as session:
        about = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "person",
                AuditEntry.entity_id.in_([str(persons["old"]), str(persons["old_consulted"])]),
            )
        ).all()
        # create, view, (change), and the purge's own change: all of them, content erased.
        assert len(about) == result.entries_redacted == 7
        assert all(e.before is None and e.after is None for e in about)
        assert all(e.redacted_at is not None and e.payload_digest for e in about)
        for trace in ("古川", "旧田", "1111-2222", "4444-5555", "0311112222"):
            assert not session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.before.contains(trace) | AuditEntry.after.contains(trace))
            ), trace
        kept = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(persons["recent"]))
        ).all()
        assert kept and all(e.redacted_at is None and e.after for e in kept)
    verified = verify_trail(workspace.database, officers["head"])
    assert verified.broken is None, verified.message


def test_the_purge_is_audited_once_without_personal_data(workspace, ward):  # type: ignore[no-untyped-def]
    officers, _ = ward
    purge_expired(workspace.database, officers["admin"])
    with workspace.database.reading() as session:
        purge = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert (purge.entity, purge.entity_id, purge.staff_id) == (
        "person",
        "",
        officers["admin"].staff_id,
    )
    assert json.loads(purge.after) == {
        "persons": 2,
        "years": 5,
        "cutoff": years_ago(5).isoformat(),
    }


def test_running_the_purge_again_changes_nothing_more(workspace, ward):  # type: ignore[no-untyped-def]
    officers, _ = ward
    purge_expired(workspace.database, officers["admin"])
    after_first = everything(workspace)
    again = purge_expired(workspace.database, officers["admin"])
    assert (again.persons, again.entries_redacted) == (0, 0)
    assert everything(workspace) == after_first


def test_an_anonymised_person_opens_but_cannot_be_changed(workspace, ward):  # type: ignore[no-untyped-def]
    officers, persons = ward
    purge_expired(workspace.database, officers["admin"])
    seen = open_person(workspace.database, officers["03"], persons["old"])
    assert (seen.name, seen.consultations, seen.anonymised_on) == (ANONYMOUS_NAME, 2, TODAY)
    with pytest.raises(InputError, match="匿名化されています"):
        change_person(
            workspace.database,
            officers["03"],
            persons["old"],
            PersonDraft(name="古川一郎"),
            row_version=seen.row_version,
        )
    assert "新しく登録" in ANONYMISED_MESSAGE


def test_a_longer_period_keeps_everyone(workspace, ward):  # type: ignore[no-untyped-def]
    officers, _ = ward
    set_retention_years(workspace.database, officers["admin"], 10)
    assert purge_expired(workspace.database, officers["admin"]).persons == 0


def test_only_an_administrator_may_purge(workspace, ward):  # type: ignore[no-untyped-def]
    officers, _ = ward
    for role in ("03", "head"):
        with pytest.raises(PermissionDeniedError, match="管理者に依頼してください"):
            purge_expired(workspace.database, officers[role])


def test_cli_purge_reports_what_it_would_do_and_what_it_did(workspace, ward, capsys):  # type: ignore[no-untyped-def]
    data_dir = data_args(workspace)
    since = years_ago(5).isoformat()
    assert main(["retention", "purge", "--dry-run", *data_dir]) == 0
    out = capsys.readouterr().out.strip()
    assert out == (
        f"最終連絡から5年を過ぎた相談者（最終連絡が{since}より前）: 2人。"
        "試行のため、何も変更していません。"
    )
    assert main(["retention", "purge", *data_dir]) == 0
    out = capsys.readouterr().out
    assert "2人を匿名化しました" in out and "監査ログの7件から個人情報を消去しました" in out
    assert main(["retention", "purge", *data_dir]) == 0
    assert "はいません。何も変更していません" in capsys.readouterr().out
    with workspace.database.reading() as session:
        purge = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert purge.staff_id is None  # kyodo-admin acts as the system
    assert main(["audit", "verify", *data_dir]) == 0


def test_cli_period_shows_and_sets_the_years(workspace, capsys):  # type: ignore[no-untyped-def]
    data_dir = data_args(workspace)
    assert main(["retention", "period", *data_dir]) == 0
    assert capsys.readouterr().out.strip() == "相談者の情報の保存期間: 最終連絡から5年"
    assert main(["retention", "period", "--years", "8", *data_dir]) == 0
    assert "最終連絡から8年" in capsys.readouterr().out
    assert main(["retention", "period", "--years", "0", *data_dir]) == 2
    assert "1～30年の整数" in capsys.readouterr().err
