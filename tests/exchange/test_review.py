"""要確認: awards two offices recorded offline that together break a rule, found at each import."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from exchange_ward import make_ward, receive, send_files
from sqlalchemy import select

from kyodo_desktop.admin.main import main
from kyodo_desktop.services.core import UnitOfWork, perform
from kyodo_desktop.services.errors import PermissionDeniedError, StaleRecordError
from kyodo_desktop.services.exchange.review import (
    ReviewResolution,
    list_reviews,
    resolve_review,
)
from kyodo_desktop.services.exchange.status import exchange_status
from kyodo_desktop.services.groups.draft import GroupDraft
from kyodo_desktop.services.groups.registry import create_group
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.exchange.state import ExchangeReview
from kyodo_desktop.store.reference import Office

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def ward(tmp_path: Path, actor_factory):  # type: ignore[no-untyped-def]
    head, branches = make_ward(tmp_path, actor_factory)
    yield head, branches
    for office in (head, *branches):
        office.workspace.close()


def _project(uow: UnitOfWork, group_id: uuid.UUID, title: str) -> uuid.UUID:
    project = Project(id=uuid.uuid4(), group_id=group_id, title=title)
    uow.session.add(project)
    uow.session.flush()
    return project.id


def _award(
    uow: UnitOfWork,
    project_id: uuid.UUID,
    programme: str,
    fiscal_year: int,
    division: str | None = None,
) -> uuid.UUID:
    """An award (交付決定) recorded at this office, as its counter would have it."""
    session = uow.session
    project = session.get(Project, project_id)
    office = session.scalars(select(Office).where(Office.code == uow.actor.office_code)).one()
    row = Application(
        id=uuid.uuid4(),
        project_id=project_id,
        group_id=project.group_id,
        programme_code=programme,
        division=division,
        fiscal_year=fiscal_year,
        office_id=office.id,
        status="decided",
        amount_requested=40_000,
        amount_decided=40_000,
        households=300,
        households_counted_on=date(fiscal_year, 4, 1),
    )
    session.add(row)
    session.flush()
    return row.id


def _setup(head, branches, tmp_path: Path):  # type: ignore[no-untyped-def]
    group = create_group(
        head.database,
        head.counter,
        GroupDraft(
            name="豊玉町会",
            name_kana="トヨタマチョウカイ",
            kind="chokai",
            office_code="02",
            households=300,
            households_counted_on=date(2026, 4, 1),
        ),
    )
    project = perform(head.database, head.counter, Permission.WRITE, _project, group, "町会の活動")
    for branch in branches:
        receive(branch, send_files(head, tmp_path / f"r-{branch.code}", branch.code))
    return group, project


def test_two_offices_awarding_one_chokai_in_one_year_go_to_review(
    ward, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    head, branches = ward
    first, second = branches
    _, project = _setup(head, branches, tmp_path)
    award_02 = perform(
        first.database, first.counter, Permission.WRITE, _award, project, "jichi", 2026
    )
    award_03 = perform(
        second.database, second.counter, Permission.WRITE, _award, project, "jichi", 2026
    )
    [one] = receive(head, send_files(first, tmp_path / "s02"))
    assert one.reviews == 0
    files = send_files(second, tmp_path / "s03")
    [two] = receive(head, files)
    assert two.reviews == 1

    [line] = list_reviews(head.database, head.counter)
    assert line.group == "豊玉町会" and line.programme.startswith("①")
    assert "1年度1回" in line.reason and "令和8年度" in line.reason
    assert set(line.offices) == {"事務所02", "事務所03"}
    assert {r.application_id for r in line.records} == {award_02, award_03}
    assert exchange_status(head.database, head.counter).open_reviews == 1
    # Nothing was deleted: both awards stand.
    with head.database.reading() as session:
        assert session.get(Application, award_02).deleted_at is None
        assert session.get(Application, award_03).deleted_at is None

    assert main(["exchange", "status", "--data-dir", str(head.data_dir)]) == 0
    printed = capsys.readouterr().out
    assert "要確認: 1 件" in printed and "豊玉町会" in printed and "1年度1回" in printed

    again = receive(head, files)  # the same file again: no second entry
    assert again[0].reviews == 0
    assert len(list_reviews(head.database, head.counter)) == 1


def test_a_fourth_habataki_and_an_award_in_a_closed_programme(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, branches = ward
    first, second = branches
    _, project = _setup(head, branches, tmp_path)
    for year in (2022, 2023):
        perform(
            first.database,
            first.counter,
            Permission.WRITE,
            _award,
            project,
            "machizukuri",
            year,
            "habataki",
        )
    perform(
        second.database,
        second.counter,
        Permission.WRITE,
        _award,
        project,
        "machizukuri",
        2024,
        "habataki",
    )
    perform(
        second.database,
        second.counter,
        Permission.WRITE,
        _award,
        project,
        "machizukuri",
        2025,
        "habataki",
    )
    perform(second.database, second.counter, Permission.WRITE, _award, project, "teian", 2020)
    receive(head, send_files(first, tmp_path / "s02"))
    [received] = receive(head, send_files(second, tmp_path / "s03"))
    assert received.reviews == 2
    reasons = {line.reason: line for line in list_reviews(head.database, head.counter)}
    habataki = next(line for text, line in reasons.items() if "はばたき" in text)
    assert "3回まで" in habataki.reason and len(habataki.records) == 4
    assert habataki.records[0].fiscal_year == "令和7年度"  # the one beyond the limit
    ended = next(line for text, line in reasons.items() if "終了" in text)
    assert ended.offices == ("事務所03",)


def test_an_officer_resolves_an_entry_with_a_note(ward, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head, branches = ward
    first, second = branches
    _, project = _setup(head, branches, tmp_path)
    for branch in branches:
        perform(branch.database, branch.counter, Permission.WRITE, _award, project, "jichi", 2026)
    receive(head, send_files(first, tmp_path / "s02"))
    receive(head, send_files(second, tmp_path / "s03"))
    [line] = list_reviews(head.database, head.counter)
    note = ReviewResolution("事務所03の交付決定を取り消すよう地域振興課に連絡した。")
    with pytest.raises(PermissionDeniedError):
        resolve_review(head.database, first.counter, line.id, note)
    resolve_review(head.database, head.counter, line.id, note)
    assert list_reviews(head.database, head.counter) == ()
    [done] = list_reviews(head.database, head.counter, resolved=True)
    assert done.resolved_at is not None and done.note == note.note
    with pytest.raises(StaleRecordError):
        resolve_review(head.database, head.counter, line.id, note)
    with head.database.reading() as session:
        entry = session.get(ExchangeReview, line.id)
        assert entry.resolved_by == head.counter.staff_id
        event = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "exchange.review_resolved")
        ).one()
        assert "地域振興課" in (event.after or "")
