"""請求書: the group claims the grant decided (or confirmed) for it.

The records hold no bank accounts, so 振込先 always prints blank for the group to write.
A programme that pays in advance (⑤ 概算払) is claimed twice: first the decided amount
(概算払), then, after the 額の確定, what the advance did not cover (精算払).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from kyodo_desktop.rules import programme
from kyodo_desktop.rules.money import format_yen_formal

from . import layout
from .document import Sheet
from .paper import ApplicationPaper, Step
from .wording import wording

BLANK_NUMBER = "第　　　　号"


@dataclass(frozen=True)
class Claim:
    """What this claim asks for and which notice it rests on."""

    amount: int | None
    basis: Step | None  # the 交付決定 or 額の確定 whose date and number the lead quotes
    basis_name: str  # 交付決定 / 額の確定 / 交付決定（額の確定） on a blank form
    kind: str = ""  # 概算払 / 精算払 for a programme that pays in advance


def pays_in_advance(paper: ApplicationPaper) -> bool:
    prog = programme(paper.programme_code)
    version = prog.version_for(paper.fiscal_year) if paper.fiscal_year else None
    return (version or prog.latest).pays_in_advance


def _amount(step: Step | None) -> int | None:
    return step.amount if step is not None else None


def claim_of(paper: ApplicationPaper) -> Claim:
    """The amount claimed: as recorded, else the confirmed, else the decided amount."""
    if paper.blank:
        return Claim(None, None, "交付決定（額の確定）")
    recorded = _amount(paper.claimed)
    if pays_in_advance(paper):
        if paper.advance_paid is None and paper.confirmed is None:
            amount = recorded if recorded is not None else _amount(paper.decided)
            return Claim(amount, paper.decided, "交付決定", "概算払")
        if recorded is None:
            owed = _amount(paper.confirmed) or _amount(paper.decided)
            if owed is not None:
                # A confirmed amount below the advance is a 返還, not a claim: nothing is owed.
                recorded = max(0, owed - (_amount(paper.advance_paid) or 0))
        basis = paper.confirmed or paper.decided
        name = "額の確定" if paper.confirmed else "交付決定"
        return Claim(recorded, basis, name, "精算払")
    if recorded is None:
        recorded = _amount(paper.confirmed)
    if recorded is None:
        recorded = _amount(paper.decided)
    if paper.confirmed is not None:
        return Claim(recorded, paper.confirmed, "額の確定")
    return Claim(recorded, paper.decided, "交付決定")


def _lead(claim: Claim, grant_name: str) -> str:
    basis = claim.basis or Step()
    day = layout.wareki(basis.on)
    number = basis.document_number or BLANK_NUMBER
    return (
        f"{day}付{number}で{claim.basis_name}を受けた{grant_name}について、下記のとおり請求します。"
    )


def _received(paper: ApplicationPaper) -> int | None:
    """既受領額: the advance paid; nothing for a programme that paid none yet."""
    if paper.blank:
        return None
    return _amount(paper.advance_paid) or 0


def _figure(amount: int | None) -> Flowable:
    return layout.text(layout.yen(amount), layout.BODY_RIGHT)


def _bank() -> list[Flowable]:
    """振込先, left for the group: the records keep no bank accounts."""
    return [
        layout.text("振込先", layout.LABEL),
        layout.spacer(1),
        *layout.fields(
            [
                layout.Field(
                    "金融機関名", layout.text("銀行・信用金庫・信用組合", layout.BODY_RIGHT)
                ),
                layout.Field("支店名", layout.text("本店・支店・出張所", layout.BODY_RIGHT)),
                layout.Field("預金種別", "□普通　　□当座"),
                layout.Field("口座番号", None),
                layout.Field("口座名義（カナ）", None, lines=2),
            ]
        ),
    ]


def claim(paper: ApplicationPaper) -> list[Sheet]:
    """The 請求書 of ``paper``'s grant, blank where the records hold nothing."""
    words = wording(paper.programme_code)
    found = claim_of(paper)
    group = paper.group
    formal = format_yen_formal(found.amount) if found.amount is not None else ""
    label = f"請求金額（{found.kind}）" if found.kind else "請求金額"
    address = f"〒{group.postal_code}\n{group.address}" if group.postal_code else group.address
    story: list[Flowable] = [
        *layout.date_line(paper.claimed.on if paper.claimed else None),
        layout.addressee(words.addressee),
        layout.spacer(3),
        layout.signer(
            [
                layout.Field("所在地", address or None),
                layout.Field("団体名", group.name or None),
                layout.Field("代表者", group.representative or None),
            ],
            heading="請求者",
        ),
        layout.spacer(4),
        *layout.title(layout.fiscal_title(paper.fiscal_year, f"{words.grant_name}請求書")),
        layout.lead(_lead(found, words.grant_name)),
        layout.note_mark(),
        layout.amount_line(label, found.amount, formal=formal),
        layout.spacer(3),
        *layout.fields(
            [
                layout.Field("交付決定額", _figure(_amount(paper.decided))),
                layout.Field("確定額", _figure(_amount(paper.confirmed))),
                layout.Field("既受領額", _figure(_received(paper))),
            ]
        ),
        layout.spacer(4),
        *_bank(),
        layout.spacer(4),
        layout.checklist(words.claim_attachments),
    ]
    return [
        Sheet(
            "請求書",
            story,
            document_number=paper.claimed.document_number if paper.claimed else "",
            office=paper.office,
            outline=f"請求書　{group.name}" if group.name else "",
        )
    ]
