"""実績報告書 and 収支決算書: what a group hands in once the project it was granted is done.

The report names the 交付決定 it answers (its date and number), so the ward can match it to
the decision; what was done and what came of it the group writes by hand.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from . import layout
from .application_sheets import BLANK_NUMBER, applicant, attachments_and_receipt, division_field
from .budget_sheet import settlement_sheet
from .document import Sheet
from .paper import ApplicationPaper
from .wording import wording

# The sheet handed in with the report: checked on a pre-filled one.
REPORTED_WITH = ("収支決算書",)


def report(paper: ApplicationPaper) -> list[Sheet]:
    """The 実績報告書 and its 収支決算書, filled from ``paper`` or blank."""
    return [report_sheet(paper), settlement_sheet(paper)]


def _decision_reference(paper: ApplicationPaper) -> str:
    """「令和8年5月15日付け練協第12号」; blanks to fill when the decision is not recorded."""
    decided = paper.decided
    day = layout.wareki(decided.on if decided else None)
    number = decided.document_number if decided and decided.document_number else "第　　　号"
    return f"{day}付け{number}"


def report_sheet(paper: ApplicationPaper) -> Sheet:
    """実績報告書: the decision it answers, what was done, what came of it, what is attached."""
    words = wording(paper.programme_code)
    reported = paper.reported
    number = reported.document_number if reported else ""
    decided_amount = paper.decided.amount if paper.decided else None
    spent = paper.actual.spending_total if paper.actual.spending else None
    fy = layout.fiscal_title(paper.fiscal_year, "").rstrip("　")
    decision = "変更交付決定" if paper.decision_changed else "交付決定"
    rows = [
        layout.Field("事業名", paper.project_title or None),
        *division_field(paper),
        layout.Field("実施期間", layout.period(paper.starts_on, paper.ends_on)),
        layout.Field("実施内容", None, lines=6),
        layout.Field("成果", None, lines=4),
        layout.Field(
            "事業に要した経費", "　　　　　　　円" if spent is None else layout.yen(spent)
        ),
    ]
    checked = () if paper.blank else REPORTED_WITH
    story: list[Flowable] = [
        *layout.date_line(reported.on if reported else None, f"受付番号　{number or BLANK_NUMBER}"),
        *layout.title(layout.fiscal_title(paper.fiscal_year, f"{words.grant_name}実績報告書")),
        layout.addressee(words.addressee, "殿"),
        layout.spacer(2),
        applicant(paper.group, "報告者"),
        layout.lead(
            f"{fy}において、{_decision_reference(paper)}で{decision}を受けた"
            f"{words.grant_name}の事業が完了したので、下記のとおり報告します。"
        ),
        layout.note_mark(),
        layout.amount_line("交付決定額", decided_amount),
        *layout.fields(rows),
        layout.spacer(3),
        attachments_and_receipt(words.report_attachments, checked),
    ]
    return Sheet("実績報告書", story, document_number=number, office=paper.office)
