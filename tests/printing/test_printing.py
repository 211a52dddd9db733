"""Printing through the services and kyodo-admin: the right form, its values, its limits."""

from __future__ import annotations

import re
import uuid

import pytest
from conftest import data_args
from pdf_reading import fonts, page_count, pdf_text
from sqlalchemy import select

from kyodo_desktop.admin.main import main
from kyodo_desktop.forms.catalogue import FormKind
from kyodo_desktop.rules.vocabulary import StaffRole, StepKind
from kyodo_desktop.services.errors import InputError, NotFoundError, PermissionDeniedError
from kyodo_desktop.services.printing import printouts as printing
from kyodo_desktop.services.safekeeping.saving import save_bytes
from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group


def _application(workspace, *, status: str, office_id=None):  # type: ignore[no-untyped-def]
    """An application of the given status, with its group (of the officer's office if asked)."""
    with workspace.database.reading() as session:
        query = (
            select(Application, Group)
            .join(Project, Project.id == Application.project_id)
            .join(Group, Group.id == Project.group_id)
            .where(Application.status == status, Application.deleted_at.is_(None))
            .order_by(Application.fiscal_year.desc(), Application.id)
        )
        if office_id is not None:
            query = query.where(Application.office_id == office_id)
        application, group = session.execute(query.limit(1)).one()
        return application, group


def _prints(workspace, entity_id) -> list[str]:  # type: ignore[no-untyped-def]
    with workspace.database.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.after).where(
                    AuditEntry.action == "print", AuditEntry.entity_id == str(entity_id)
                )
            )
        )


def test_an_application_prints_with_its_group_and_is_audited(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    application, group = _application(ws, status="paid", office_id=ws.actor.office_id)
    out = printing.print_application(ws.database, ws.actor, application.id, FormKind.APPLICATION)
    text = pdf_text(out.pdf)
    assert group.name.replace(" ", "").replace("\u3000", "") in text
    assert out.pages == page_count(out.pdf) >= 1
    assert all(fonts(out.pdf).values()) and any("IPAex" in name for name in fonts(out.pdf))
    assert out.filename.endswith(".pdf") and "/" not in out.filename
    assert out.title.startswith("交付申請書")
    assert len(_prints(ws, application.id)) == 1


def _offers(workspace, actor, application_id):  # type: ignore[no-untyped-def]
    found = printing.application_form_offers(workspace.database, actor, application_id)
    return {offer.kind: offer.refusal for offer in found}


def test_each_form_says_why_it_cannot_be_printed_yet(demo_workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    rejected, _ = _application(ws, status="rejected")
    offers = _offers(ws, head, rejected.id)
    assert offers[FormKind.APPLICATION] is None and offers[FormKind.REJECTION] is None
    assert offers[FormKind.DECISION] == "交付決定通知書は交付決定の後に印刷できます。"
    assert offers[FormKind.REPORT] == "実績報告書は交付決定の後に印刷できます。"
    assert offers[FormKind.CLAIM].startswith("請求書は額の確定の後に")
    with pytest.raises(InputError, match="交付決定の後"):
        printing.print_application(ws.database, head, rejected.id, FormKind.DECISION)
    assert _prints(ws, rejected.id) == []  # a refused print leaves no audit entry
    out = printing.print_application(ws.database, head, rejected.id, FormKind.REJECTION)
    assert "不採択通知書" in pdf_text(out.pdf)
    paid, _ = _application(ws, status="paid", office_id=ws.actor.office_id)
    offers = _offers(ws, ws.actor, paid.id)
    assert offers[FormKind.REJECTION] == "不採択通知書は不採択と決まった申請だけに印刷できます。"
    assert offers[FormKind.DECISION] is None and offers[FormKind.CLAIM] is None


def test_programme_one_has_no_report_but_is_claimed_on_its_decision(
    demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    with ws.database.reading() as session:
        decided = session.scalars(
            select(Application.id).where(
                Application.programme_code == "jichi", Application.status == "decided"
            )
        ).first()
    offers = _offers(ws, head, decided)
    assert "実績報告のいらない" in offers[FormKind.REPORT]
    assert offers[FormKind.CLAIM] is None


def test_a_counter_officer_prints_only_their_office_s_records(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        other = session.scalars(
            select(Application.id).where(Application.office_id != ws.actor.office_id)
        ).first()
        consultation = session.scalars(
            select(Consultation.id).where(Consultation.office_id != ws.actor.office_id)
        ).first()
    with pytest.raises(PermissionDeniedError, match="他の事務所"):
        printing.print_application(ws.database, ws.actor, other, FormKind.APPLICATION)
    with pytest.raises(PermissionDeniedError, match="他の事務所"):
        printing.print_consultation(ws.database, ws.actor, consultation)
    with pytest.raises(NotFoundError):
        printing.print_group(ws.database, ws.actor, uuid.uuid4())


def test_a_document_row_prints_the_form_of_its_step(demo_workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    with ws.database.reading() as session:
        step = session.scalars(
            select(ApplicationStep).where(
                ApplicationStep.kind == StepKind.DECIDED, ApplicationStep.document_number != ""
            )
        ).first()
    out = printing.print_document(ws.database, head, step.id)
    assert out.title.startswith("交付決定通知書")
    assert "交付決定通知書" in pdf_text(out.pdf)


def test_blank_forms_need_a_programme_only_for_applications(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with pytest.raises(InputError, match="支援事業を選んで"):
        printing.print_blank(ws.database, ws.actor, FormKind.APPLICATION, None)
    with pytest.raises(InputError, match="ありません"):
        printing.print_blank(ws.database, ws.actor, FormKind.APPLICATION, "nosuch")
    blank = printing.print_blank(ws.database, ws.actor, FormKind.APPLICATION, "hiroba")
    assert "相談情報ひろば運営支援" in pdf_text(blank.pdf)
    assert "（白紙）" in blank.title and "白紙" in blank.filename
    for kind in (FormKind.CONSULTATION, FormKind.GROUP):
        assert printing.print_blank(ws.database, ws.actor, kind).pages >= 1


def test_a_consultation_and_a_group_print(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        consultation = session.scalars(
            select(Consultation).where(
                Consultation.office_id == ws.actor.office_id, Consultation.asked != ""
            )
        ).first()
        group = session.scalars(select(Group)).first()
    out = printing.print_consultation(ws.database, ws.actor, consultation.id)
    assert consultation.asked[:20].replace("\n", "").replace(" ", "") in pdf_text(out.pdf)
    card = printing.print_group(ws.database, ws.actor, group.id)
    assert group.name.replace(" ", "").replace("\u3000", "") in pdf_text(card.pdf)
    assert len(_prints(ws, consultation.id)) == len(_prints(ws, group.id)) == 1


def test_the_round_prints_in_one_pdf_and_names_what_it_left_out(
    demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    with ws.database.reading() as session:
        year = session.scalar(
            select(Application.fiscal_year)
            .where(Application.programme_code == "jichi")
            .order_by(Application.fiscal_year.desc())
        )
        rows = list(
            session.scalars(
                select(Application).where(
                    Application.programme_code == "jichi", Application.fiscal_year == year
                )
            )
        )
    out = printing.print_batch(ws.database, head, FormKind.APPLICATION, "jichi", year)
    assert out.pages >= len(rows) and out.skipped == ()
    assert f"（{len(rows)}件）" in out.title
    decisions = printing.print_batch(ws.database, head, FormKind.DECISION, "jichi", year)
    undecided = [r for r in rows if r.status in ("filed", "review", "rejected", "withdrawn")]
    assert len(decisions.skipped) == len(undecided)
    with pytest.raises(InputError, match="印刷できる申請がありません"):
        printing.print_batch(ws.database, head, FormKind.APPLICATION, "jichi", 1990)


def test_a_counter_officer_s_batch_holds_their_office_only(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        code, year, mine = session.execute(
            select(Application.programme_code, Application.fiscal_year, Application.id)
            .where(Application.office_id == ws.actor.office_id)
            .order_by(Application.fiscal_year.desc())
        ).first()
        everywhere = session.scalars(
            select(Application.office_id).where(
                Application.programme_code == code, Application.fiscal_year == year
            )
        ).all()
    count = sum(1 for office in everywhere if office == ws.actor.office_id)
    out = printing.print_batch(ws.database, ws.actor, FormKind.APPLICATION, code, year)
    assert f"（{count}件）" in out.title
    assert len(_prints(ws, mine)) == 1


def test_kyodo_admin_prints_a_round_and_says_where(demo_workspace, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.database.reading() as session:
        year = session.scalar(
            select(Application.fiscal_year)
            .where(Application.programme_code == "jichi")
            .order_by(Application.fiscal_year.desc())
        )
    data = data_args(ws)
    out = tmp_path / "round.pdf"
    argv = ["print", "application", *data, "--programme", "jichi"]
    assert main([*argv, "--fiscal-year", str(year), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    pages = int(re.search(r"([\d,]+)ページ", said).group(1).replace(",", ""))
    assert page_count(out.read_bytes()) == pages and str(out) in said
    assert main([*argv, "--fiscal-year", str(year), "--out", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "がありません" in capsys.readouterr().err
    assert main(["print", "group", *data, "--id", "zzz", "--out", str(out)]) == 2
    assert "--id には記録のID" in capsys.readouterr().err
    assert main(["print", "consultation", *data, "--out", str(out)]) == 2
    assert "印刷する記録を指定してください" in capsys.readouterr().err
    blank = tmp_path / "blank.pdf"
    assert (
        main(
            [
                "print",
                "claim",
                *data,
                "--blank",
                "--programme",
                "okoshi",
                "--out",
                str(blank),
            ]
        )
        == 0
    )
    assert "地域おこしプロジェクト" in pdf_text(blank.read_bytes())


def test_a_saved_pdf_is_whole_or_not_there(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "form.pdf"
    save_bytes(target, b"%PDF-old")
    save_bytes(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]  # no partial file left
    with pytest.raises(InputError, match="保存先のフォルダ"):
        save_bytes(tmp_path / "missing" / "form.pdf", b"%PDF")
    target.chmod(0o444)
    folder_locked = tmp_path / "locked"
    folder_locked.mkdir()
    folder_locked.chmod(0o555)
    try:
        import os

        if os.geteuid() != 0:  # root writes anywhere
            with pytest.raises(InputError, match="保存できませんでした"):
                save_bytes(folder_locked / "form.pdf", b"%PDF")
    finally:
        folder_locked.chmod(0o755)


def test_the_documents_list_holds_the_officer_s_office_only(demo_workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services import browse

    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    mine = browse.documents(ws.database, ws.actor)
    everyone = browse.documents(ws.database, head)
    assert 0 < mine.count() < everyone.count()
    rows = mine.page(0, mine.count())
    assert len(rows) == mine.count()
    with ws.database.reading() as session:
        offices = set(
            session.scalars(
                select(Application.office_id)
                .join(ApplicationStep, ApplicationStep.application_id == Application.id)
                .where(ApplicationStep.id.in_([row.id for row in rows]))
            )
        )
    assert offices == {ws.actor.office_id}
    printing.print_document(ws.database, ws.actor, rows[0].id)  # each row prints


def test_a_standing_project_prints_the_period_of_its_fiscal_year(
    demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.rules.calendar import fiscal_year_range, format_wareki

    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    with ws.database.reading() as session:
        application = session.scalars(
            select(Application)
            .join(Project, Project.id == Application.project_id)
            .where(Application.programme_code == "jichi", Project.ends_on.is_(None))
            .order_by(Application.fiscal_year.desc())
        ).first()
    out = printing.print_application(ws.database, head, application.id, FormKind.APPLICATION)
    first, last = fiscal_year_range(application.fiscal_year)
    assert f"{format_wareki(first)}から{format_wareki(last)}まで" in pdf_text(out.pdf)


def test_an_advance_returned_has_no_claim_to_print(demo_workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    head = actor_factory(ws, "01", StaffRole.HEAD_OFFICE)
    refunded, _ = _application(ws, status="refunded")
    offers = _offers(ws, head, refunded.id)
    assert "返還の手続き" in offers[FormKind.CLAIM]
    assert offers[FormKind.CONFIRMATION] is None
