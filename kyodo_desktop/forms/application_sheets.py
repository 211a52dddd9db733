"""交付申請書, 事業計画書 and 収支予算書: the three sheets a group files to ask for a grant.

Each programme asks for its own particulars on the 申請書 (① the households the 協力費 is
worked out from, ⑤ the days opened, ⑥ which of its three years ...). What the records do not
hold (実施場所, 期待される効果) is left as ruled space for the group to write by hand.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from kyodo_desktop.rules import programme
from kyodo_desktop.rules.programmes import Division, ProgrammeVersion

from . import layout
from .budget_sheet import budget_sheet, heading, hiroba_rates, month_rows
from .document import BODY_WIDTH, Sheet
from .fonts import MINCHO
from .paper import ApplicationPaper, Party
from .wording import wording

# The sheets filed together with the 申請書: checked on a pre-filled one.
FILED_WITH = ("事業計画書", "収支予算書")
BLANK_NUMBER = "　　　　　　"
COOPERATING = ("teian", "okoshi")  # 団体と区（所管課）が協働で実施する事業


def application(paper: ApplicationPaper) -> list[Sheet]:
    """The 交付申請書 with its 事業計画書 and 収支予算書, filled from ``paper`` or blank."""
    return [request_sheet(paper), plan_sheet(paper), budget_sheet(paper)]


def applicant(party: Party, heading_text: str = "申請者") -> Table:
    """The signer's block: 所在地 (〒), 団体名, 代表者 … 印, then how to reach the group.

    Unlike ``layout.signer`` the seal stays beside 代表者, with 電話 and メール below it.
    """
    postal = f"〒{party.postal_code}" if party.postal_code else "〒　　　－"
    rows = [
        ("所在地", postal),
        ("", party.address),
        ("団体名", party.name),
        ("代表者", party.representative),
        ("電話番号", party.phone),
        ("メール", party.email),
    ]
    seal_row = 4  # 代表者, after the heading row
    label_width, mark_width = 20 * mm, 8 * mm
    value_width = BODY_WIDTH * 0.6 - label_width - mark_width
    data: list[list[object]] = [[layout.text(heading_text, layout.LABEL), "", ""]]
    for index, (label, value) in enumerate(rows, start=1):
        mark = layout.text("印", layout.BODY_CENTER) if index == seal_row else ""
        data.append([layout.text(label, layout.LABEL), layout.text(value) if value else "", mark])
    block = Table(
        data,
        colWidths=(label_width, value_width, mark_width),
        minRowHeights=[layout.LINE] * len(data),
        hAlign="RIGHT",
    )
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 1), (1, -1), 0.5, layout.GRID),
                ("LINEBELOW", (2, seal_row), (2, seal_row), 0.5, layout.GRID),
                ("BOX", (2, seal_row), (2, seal_row), 0.5, layout.GRID),
                ("SPAN", (0, 0), (-1, 0)),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),  # blank cells too: no Helvetica
            ]
        )
    )
    return block


def attachments_and_receipt(items: Sequence[str], checked: Collection[str]) -> Table:
    """The 添付書類 checklist with the ward's 受付印 box beside it, kept on one page."""
    receipt_width = 22 * mm  # layout.seals' box
    gap = 4 * mm
    lines = "\n".join(f"{'■' if item in checked else '□'}　{item}" for item in items)
    box = layout.fields([layout.Field("添付書類", lines, lines=len(items))], label_width_mm=24)[0]
    stamp = _receipt_box(receipt_width)
    side = Table([[box, stamp]], colWidths=(BODY_WIDTH - receipt_width - gap, receipt_width + gap))
    side.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),  # no Helvetica in the file
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return side


def _receipt_box(width: float) -> Table:
    """受付印 as ``layout.seals`` draws it, as a plain table: it sits inside a table cell."""
    box = Table(
        [[layout.text("受付印", layout.LABEL_CENTER)], [""]],
        colWidths=[width],
        rowHeights=[layout.LINE, 20 * mm],
    )
    box.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, layout.GRID),
                ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
                ("FONT", (0, 0), (-1, -1), MINCHO, 10.5),  # blank cells: no Helvetica
            ]
        )
    )
    return box


def _version(paper: ApplicationPaper) -> ProgrammeVersion:
    """The programme's rules in force in the paper's 年度 (the newest on a blank form)."""
    rules = programme(paper.programme_code)
    return (rules.version_for(paper.fiscal_year) if paper.fiscal_year else None) or rules.latest


def divisions(paper: ApplicationPaper) -> tuple[Division, ...]:
    """The programme's 部門 in force (none for a programme without them)."""
    version = _version(paper)
    return tuple(d for d in version.divisions if d.name)


def division_field(paper: ApplicationPaper) -> list[layout.Field]:
    """部門 as a choice: every 部門 with □, the one applied for with ■."""
    names = [d.name for d in divisions(paper) if d.name]
    if not names:
        return []
    if paper.division_label and paper.division_label not in names:
        return [layout.Field("部門", paper.division_label)]
    marks = [f"{'■' if name == paper.division_label else '□'}　{name}" for name in names]
    return [layout.Field("部門", "　　".join(marks))]


def receipt_line(paper: ApplicationPaper) -> list[Flowable]:
    """Top right: the ward's 受付番号 (blank until it is filed) and the date."""
    number = paper.filed.document_number if paper.filed else ""
    day = paper.filed.on if paper.filed else None
    return layout.date_line(day, f"受付番号　{number or BLANK_NUMBER}")


def _jichi(paper: ApplicationPaper) -> list[Flowable]:
    """① 加入世帯数 and its 基準日, and 基礎割 + 世帯割 as the rules work them out."""
    rates = _version(paper).divisions[0].jichi
    assert rates is not None  # checked when the rules data is loaded
    households = "　　　　　世帯" if paper.households is None else f"{paper.households:,}世帯"
    counted = f"{households}（基準日　{layout.wareki(paper.households_counted_on)}現在）"
    per = f"{rates.per_household:,}円×" + (
        "世帯数" if paper.households is None else f"{paper.households:,}世帯"
    )
    methods = {
        "基礎割": f"{rates.base_households:,}世帯まで{rates.base_amount:,}円、"
        f"以降{rates.block_households:,}世帯ごとに{rates.block_amount:,}円を加算",
        "世帯割": per,
    }
    given = dict(paper.calculation)
    total = given.pop("合計", None)
    parts = list(given.items()) or [(label, None) for label in methods]
    if total is None and given:
        total = sum(given.values())
    rows = [[label, methods.get(label, ""), amount] for label, amount in parts]
    columns = (
        layout.Column("区分", 0.8, "center"),
        layout.Column("算定方法", 2.6),
        layout.Column("金額（円）", 1, "right"),
    )
    return [
        *layout.fields([layout.Field("加入世帯数", counted)]),
        heading("申請額の算定"),
        layout.table(columns, rows, total=["合計", "基礎割＋世帯割", total]),
    ]


def _hiroba(paper: ApplicationPaper) -> list[layout.Field]:
    """⑤ the 運営費 (per day opened) and 会場費 (per month) the amount is made of."""
    rates = hiroba_rates(paper.fiscal_year)
    months = paper.budget.months
    days = sum(m.days_opened for m in months)
    limit = f"上限　1日{rates.operating_per_day:,}円×開催日数"
    opened = "　　　日（　　か月）"
    if months:
        opened = f"{days}日（{len(months)}か月）"
        limit += f"{days}日＝{rates.operating_per_day * days:,}円"
    operating = paper.budget.operating_cost
    venue = sum(m.venue_cost for m in months) if months else None
    blank = "　　　　　　円"
    return [
        layout.Field("開催日数", opened),
        layout.Field(
            "運営費", f"{blank if operating is None else layout.yen(operating)}（{limit}）"
        ),
        layout.Field(
            "会場費",
            f"{blank if venue is None else layout.yen(venue)}（上限　1か月{rates.venue_per_month:,}円）",
        ),
    ]


def _okoshi(paper: ApplicationPaper) -> list[layout.Field]:
    """⑥ which year of the project this is, against its limit of years."""
    most = _version(paper).divisions[0].max_awards or "　"
    year = "　　" if paper.award_year is None else str(paper.award_year)
    return [layout.Field("交付の年度数", f"{year}年度目（{most}年度を上限）")]


def request_sheet(paper: ApplicationPaper) -> Sheet:
    """交付申請書: to whom, by whom, what is asked for and what comes with it."""
    words = wording(paper.programme_code)
    fy = layout.fiscal_title(paper.fiscal_year, "").rstrip("　")
    particulars = [
        layout.Field("事業名", paper.project_title or None),
        *division_field(paper),
        layout.Field("事業期間", layout.period(paper.starts_on, paper.ends_on)),
    ]
    if paper.programme_code == "teian":
        particulars.append(layout.Field("所管課", paper.department_name or None))
    if paper.programme_code == "okoshi":
        particulars += _okoshi(paper)
    story: list[Flowable] = [
        *receipt_line(paper),
        *layout.title(layout.fiscal_title(paper.fiscal_year, f"{words.grant_name}交付申請書")),
        layout.addressee(words.addressee, "殿"),
        layout.spacer(2),
        applicant(paper.group),
        layout.lead(
            f"{fy}において{words.grant_name}の交付を受けたいので、"
            "関係書類を添えて下記のとおり申請します。"
        ),
        layout.note_mark(),
        *layout.fields(particulars),
        layout.amount_line("申請額", paper.amount_requested),
    ]
    if paper.programme_code == "jichi":
        story += _jichi(paper)
    if paper.programme_code == "hiroba":
        story += layout.fields(_hiroba(paper))
    checked = () if paper.blank else FILED_WITH
    story += [layout.spacer(3), attachments_and_receipt(words.application_attachments, checked)]
    number = paper.filed.document_number if paper.filed else ""
    return Sheet("交付申請書", story, document_number=number, office=paper.office)


def plan_sheet(paper: ApplicationPaper) -> Sheet:
    """事業計画書: what the project is for and what it will do; space to write the rest."""
    words = wording(paper.programme_code)
    # ⑤'s page also holds the months it opens: less room to write by hand.
    purpose, content, effect = (4, 5, 3) if paper.programme_code == "hiroba" else (6, 8, 4)
    rows = [
        layout.Field("団体名", paper.group.name or None),
        layout.Field("事業名", paper.project_title or None),
        *division_field(paper),
        layout.Field("事業の目的", paper.purpose or None, lines=purpose),
        layout.Field("事業の内容", paper.project_description or None, lines=content),
        layout.Field("事業期間", layout.period(paper.starts_on, paper.ends_on)),
        layout.Field("実施場所", None, lines=2),
        layout.Field("対象・参加予定", None, lines=2),
        layout.Field("期待される効果", None, lines=effect),
    ]
    if paper.programme_code in COOPERATING:
        rows.append(layout.Field("協働の内容（区との役割分担）", None, lines=3))
    story: list[Flowable] = [
        *layout.title(
            layout.fiscal_title(paper.fiscal_year, "事業計画書"), f"（{words.grant_name}）"
        ),
        *layout.fields(rows),
    ]
    if paper.programme_code == "hiroba":
        story += [heading("開催予定"), _opening_plan(paper)]
    number = paper.filed.document_number if paper.filed else ""
    return Sheet("事業計画書", story, document_number=number, office=paper.office)


def _opening_plan(paper: ApplicationPaper) -> Flowable:
    """⑤ the months the desk opens: days and 会場費 by month, with room for where and when."""
    columns = (
        layout.Column("月", 1.1, "center"),
        layout.Column("開催日数", 0.8, "right"),
        layout.Column("会場費（円）", 1.1, "right"),
        layout.Column("開催場所・時間", 2.4),
    )
    rows: list[list[object]] = []
    for label, month in month_rows(paper, paper.budget):
        if month is None:
            rows.append([label, "日", None, None])
        else:
            rows.append([label, f"{month.days_opened}日", month.venue_cost, None])
    return layout.table(columns, rows)
