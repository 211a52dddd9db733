"""団体台帳: a group's card as the office keeps it, with what it has received so far."""

from __future__ import annotations

from reportlab.platypus import Flowable

from kyodo_desktop.rules.calendar import format_fiscal_year

from . import layout
from .document import Sheet
from .paper import GroupPaper

HISTORY = (
    layout.Column("年度", 1.3, "center"),
    layout.Column("支援事業", 2.6),
    layout.Column("事業名", 3.2),
    layout.Column("状況", 1.2, "center"),
    layout.Column("金額（円）", 1.5, "right"),
)
BLANK_HISTORY_ROWS = 10  # a blank card: room for the history to be written in
SPARE_HISTORY_ROWS = 2  # a printed card: room for what comes after it was printed
FOUNDED_BLANK = "昭和・平成・令和　　年　　月　　日"


def _marks(options: tuple[str, ...], chosen: str | None) -> str:
    return "　".join(f"{'■' if option == chosen else '□'}{option}" for option in options)


def _address(paper: GroupPaper) -> str:
    party = paper.party
    postal = party.postal_code or "　　　－　　　　"
    return f"〒{postal}\n{party.address}"


def _founded(paper: GroupPaper) -> str:
    if paper.founded_on is None:
        return FOUNDED_BLANK  # many groups were founded before 令和
    return layout.wareki(paper.founded_on)


def _households(paper: GroupPaper) -> str:
    count = f"{paper.households:,}" if paper.households is not None else "　" * 5
    return f"{count}世帯（{layout.wareki(paper.households_counted_on)}現在）"


def _history(paper: GroupPaper) -> Flowable:
    rows = [
        (
            format_fiscal_year(award.fiscal_year),
            award.programme_name,
            award.project_title,
            award.status_label,
            award.amount,
        )
        for award in paper.awards
    ]
    spare = SPARE_HISTORY_ROWS if paper.party.name else BLANK_HISTORY_ROWS
    return layout.table(HISTORY, rows, blank_rows=spare)


def group_card(paper: GroupPaper) -> list[Sheet]:
    """The 団体台帳 card of ``paper`` as of its printing day; blank when it holds no group."""
    party = paper.party
    filled = bool(party.name)
    status = ("活動中" if paper.active else "休止") if filled else None
    story: list[Flowable] = [
        layout.text(f"{layout.wareki(paper.printed_on)}　現在", layout.BODY_RIGHT),
        *layout.title("団体台帳"),
        *layout.fields(
            [
                layout.Field("台帳番号", paper.record_number or None),
                layout.Field(
                    "フリガナ",
                    layout.text(paper.name_kana, layout.SMALL) if paper.name_kana else None,
                ),
                layout.Field("団体名", party.name or None, lines=2),
                layout.Field("種別", party.kind_label or None),
                layout.Field("所在地", _address(paper), lines=2),
                layout.Field("代表者", party.representative or None),
                layout.Field("電話", party.phone or None),
                layout.Field("メール", party.email or None),
                layout.Field("担当事務所", paper.office or None),
                layout.Field("設立日", _founded(paper)),
                layout.Field("加入世帯数", _households(paper)),
                layout.Field("活動状況", _marks(("活動中", "休止"), status)),
                layout.Field("備考", paper.notes or None, lines=3),
            ]
        ),
        layout.spacer(5),
        layout.text("支援の履歴", layout.LABEL),
        layout.spacer(1),
        _history(paper),
    ]
    return [
        Sheet(
            "団体台帳",
            story,
            document_number=paper.record_number,
            office=paper.office,
            outline=f"団体台帳　{party.name}" if filled else "",
        )
    ]
