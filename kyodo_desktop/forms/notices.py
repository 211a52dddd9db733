"""交付決定通知書 and 不採択通知書: what the ward (or ③'s 公社) sends the group.

They go the other way from the group's forms: the document number and date at the top
right are the ward's, the 宛先 is the group's representative (様), the issuer signs at
the right beside the 公印. A 変更承認 is printed as a 変更交付決定通知書 with its amount:
``paper.decided`` is then the latest change and ``paper.decision_changed`` says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from . import layout
from .document import BODY_WIDTH, Sheet
from .fonts import MINCHO
from .paper import ApplicationPaper, Step
from .wording import Wording, wording

BLANK_NAME = "　" * 12
SEAL = 18 * mm


def _recipient(paper: ApplicationPaper) -> Flowable:
    group = paper.group
    name = group.name or BLANK_NAME
    representative = group.representative or BLANK_NAME
    return layout.addressee(f"{name}　代表者　{representative}", "様")


def _issuer(words: Wording) -> Table:
    """The issuer at the right, with the square where the 公印 is stamped."""
    table = Table(
        [[layout.text(words.issuer, layout.BODY_RIGHT), layout.text("印", layout.LABEL_CENTER)]],
        colWidths=[BODY_WIDTH * 0.6, SEAL],
        rowHeights=[SEAL],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (1, 0), (1, 0), 0.5, layout.GRID),
                ("TEXTCOLOR", (1, 0), (1, 0), layout.GRID),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),
            ]
        )
    )
    return table


def _head(paper: ApplicationPaper, step: Step | None, words: Wording) -> list[Flowable]:
    step = step or Step()
    return [
        *layout.date_line(step.on, step.document_number),
        layout.spacer(2),
        _recipient(paper),
        layout.spacer(2),
        _issuer(words),
        layout.spacer(4),
    ]


def _foot(paper: ApplicationPaper, words: Wording) -> list[Flowable]:
    """教示 (how to appeal) where one applies, and whom to ask."""
    parts: list[Flowable] = [layout.spacer(6)]
    if words.appeal_notice:
        parts += [
            layout.text("（教示）", layout.LABEL),
            layout.text(words.appeal_notice, layout.SMALL),
            layout.spacer(4),
        ]
    contact = "　".join(part for part in (paper.run_by, paper.office) if part)
    parts += layout.fields([layout.Field("問合せ先", contact or None)], label_width_mm=24)
    return parts


def _project(paper: ApplicationPaper) -> list[layout.Field]:
    rows = [layout.Field("事業名", paper.project_title or None, lines=2)]
    if paper.division_label:
        rows.append(layout.Field("部門", paper.division_label))
    return rows


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{index}　{item}" for index, item in enumerate(items, start=1))


def _conditions(paper: ApplicationPaper, words: Wording) -> str:
    """The programme's conditions (a step's note is the officer's, never printed as one)."""
    return _numbered(list(words.decision_conditions))


def _sheet(name: str, paper: ApplicationPaper, step: Step | None, story: list[Flowable]) -> Sheet:
    group = paper.group.name
    return Sheet(
        name,
        story,
        document_number=step.document_number if step else "",
        office=paper.office,
        outline=f"{name}　{group}" if group else "",
    )


def decision(paper: ApplicationPaper) -> list[Sheet]:
    """The 交付決定通知書 (変更交付決定通知書 after a 変更承認) of ``paper``."""
    words = wording(paper.programme_code)
    changed = paper.decision_changed and not paper.blank
    name = "変更交付決定通知書" if changed else "交付決定通知書"
    filed = layout.wareki(paper.filed.on if paper.filed else None)
    how = "変更して交付する" if changed else "交付する"
    step = paper.decided
    rows = [
        *_project(paper),
        layout.Field("変更交付決定額" if changed else "交付決定額", _amount(step)),
    ]
    if changed and step is not None and step.note:
        rows.append(layout.Field("変更の内容", step.note, lines=2))
    rows.append(layout.Field("交付の条件", _conditions(paper, words)))
    lead = (
        f"{filed}付けで申請のあった{words.grant_name}について、"
        f"下記のとおり{how}ことに決定したので通知します。"
    )
    return _notice(name, paper, step, words, lead, rows)


def _notice(
    name: str,
    paper: ApplicationPaper,
    step: Step | None,
    words: Wording,
    lead: str,
    rows: list[layout.Field],
) -> list[Sheet]:
    """Every notice's frame: number and date, 宛先, issuer, title, lead, 記, its rows, 教示."""
    story = [
        *_head(paper, step, words),
        *layout.title(layout.fiscal_title(paper.fiscal_year, f"{words.grant_name}{name}")),
        layout.lead(lead),
        layout.note_mark(),
        *layout.fields(rows),
        *_foot(paper, words),
    ]
    return [_sheet(name, paper, step, story)]


def _amount(step: Step | None) -> Flowable:
    return layout.text(layout.yen(step.amount if step else None), layout.BODY_RIGHT)


def rejection(paper: ApplicationPaper) -> list[Sheet]:
    """The 不採択通知書 of ``paper``, its reason in full (continued on the next page)."""
    words = wording(paper.programme_code)
    filed = layout.wareki(paper.filed.on if paper.filed else None)
    step = paper.rejected
    rows = [
        *_project(paper),
        layout.Field("申請額", layout.text(layout.yen(paper.amount_requested), layout.BODY_RIGHT)),
        layout.Field("不採択の理由", (step.note if step else "") or None, lines=8),
    ]
    lead = (
        f"{filed}付けで申請のあった{words.grant_name}について審査した結果、"
        "下記の理由により交付しないことに決定したので通知します。"
    )
    return _notice("不採択通知書", paper, step, words, lead, rows)


def confirmation(paper: ApplicationPaper) -> list[Sheet]:
    """The 額の確定通知書: the amount fixed after the 実績報告, and what is left to pay or return.

    After ⑤'s 概算払 the difference is the 追加交付額 (still to pay) or the 返還額 (to return).
    """
    words = wording(paper.programme_code)
    reported = layout.wareki(paper.reported.on if paper.reported else None)
    step = paper.confirmed
    rows = [
        *_project(paper),
        layout.Field("交付決定額", _amount(paper.decided)),
        layout.Field("交付確定額", _amount(step)),
    ]
    advance = paper.advance_paid.amount if paper.advance_paid else None
    if advance is not None and step is not None and step.amount is not None:
        rows.append(layout.Field("概算払済額", _amount(paper.advance_paid)))
        rest = step.amount - advance
        label = "追加交付額" if rest >= 0 else "返還額"
        rows.append(layout.Field(label, layout.text(layout.yen(abs(rest)), layout.BODY_RIGHT)))
    lead = (
        f"{reported}付けで報告のあった{words.grant_name}の実績について審査した結果、"
        "下記のとおり交付額を確定したので通知します。"
    )
    return _notice("額の確定通知書", paper, step, words, lead, rows)
